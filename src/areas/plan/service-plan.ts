/**
 * The service plan as the domain sees it: one version of the plan made with the person for a
 * fixed period – goals, steps, services, meetings, risks, rights and duties, how it will be
 * evaluated, and the person's own wishes. Items keep stable ids from version to version, so that
 * versions can be compared (plan-diff.ts) and agreed (plan-rules.ts).
 *
 * Dates are YYYY-MM-DD; optional text is null when not given.
 */
import type { GoalLevel } from './smart-goal.rules.ts';

export type GoalAchievement = 'in_progress' | 'achieved' | 'partly_achieved' | 'not_achieved';

export interface PlanGoal {
  id: string;
  level: GoalLevel;
  description: string;
  indicator: string | null;
  baseline: string | null;
  target: string | null;
  dueDate: string | null;
  needId: string | null;
  parentGoalId: string | null;
  /** Progress as recorded during implementation and evaluation. */
  achievement?: GoalAchievement | null;
  /** The Goal Attainment Scaling level (-2..+2) given at evaluation. */
  attainmentLevel?: number | null;
}

/** Who carries out a step: the person, the responsible worker, a partner organisation, family, someone else. */
export type StepResponsible = 'person' | 'worker' | 'partner' | 'family' | 'other';
export type StepStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

export interface PlanStep {
  id: string;
  goalId: string | null;
  description: string;
  responsible: StepResponsible;
  responsibleName: string | null;
  dueDate: string | null;
  /** What the person is asked to do, in words for them. */
  instructions: string | null;
  status: StepStatus;
  result: string | null;
  completedOn: string | null;
}

/** A service in the plan: its form, frequency, duration, place and provider. */
export interface PlanService {
  id: string;
  name: string;
  form: string | null;
  frequency: string | null;
  duration: string | null;
  place: string | null;
  provider: string | null;
  partnerOrganisationId: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** One line of the contact schedule: a dated meeting or a recurring one. */
export interface PlanMeeting {
  id: string;
  date: string | null;
  frequency: string | null;
  purpose: string | null;
  participants: string | null;
  place?: string | null;
}

export interface PlanRisk {
  id: string;
  description: string;
  contingency: string | null;
}

export interface ServicePlan {
  period: { start: string; end: string };
  reviewDate: string | null;
  goals: PlanGoal[];
  steps: PlanStep[];
  services: PlanService[];
  meetings: PlanMeeting[];
  risks: PlanRisk[];
  rightsAndDuties: string;
  evaluationMethod: string;
  personWishes: string;
}

export type PlanListSection = 'goals' | 'steps' | 'services' | 'meetings' | 'risks';
export type PlanTextSection = 'reviewDate' | 'rightsAndDuties' | 'evaluationMethod' | 'personWishes';
export type PlanSection = 'period' | PlanListSection | PlanTextSection;

/** The sections of a plan in the order a reader meets them. */
export const planSections: readonly PlanSection[] = [
  'period',
  'reviewDate',
  'goals',
  'steps',
  'services',
  'meetings',
  'risks',
  'rightsAndDuties',
  'evaluationMethod',
  'personWishes',
];

type ItemOf<S extends PlanListSection> = ServicePlan[S][number];

/** The fields of each kind of item, in display order (the id aside). */
export const planItemFields: { [S in PlanListSection]: readonly Exclude<keyof ItemOf<S>, 'id'>[] } = {
  goals: ['level', 'description', 'indicator', 'baseline', 'target', 'dueDate', 'needId', 'parentGoalId', 'achievement', 'attainmentLevel'],
  steps: ['goalId', 'description', 'responsible', 'responsibleName', 'dueDate', 'instructions', 'status', 'result', 'completedOn'],
  services: ['name', 'form', 'frequency', 'duration', 'place', 'provider', 'partnerOrganisationId', 'startDate', 'endDate'],
  meetings: ['date', 'frequency', 'purpose', 'participants', 'place'],
  risks: ['description', 'contingency'],
};

/** Fields that record how the work went rather than what was agreed. */
export const planProgressFields: { [S in PlanListSection]: readonly Exclude<keyof ItemOf<S>, 'id'>[] } = {
  goals: ['achievement', 'attainmentLevel'],
  steps: ['status', 'result', 'completedOn'],
  services: [],
  meetings: [],
  risks: [],
};

/** What names an item to a reader: its description, name or purpose. */
export function planItemLabel(section: PlanListSection, item: ItemOf<PlanListSection>): string {
  switch (section) {
    case 'services':
      return (item as PlanService).name;
    case 'meetings': {
      const meeting = item as PlanMeeting;
      return [meeting.purpose, meeting.date ?? meeting.frequency].filter(Boolean).join(', ');
    }
    default:
      return (item as PlanGoal | PlanStep | PlanRisk).description;
  }
}
