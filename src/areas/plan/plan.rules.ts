/**
 * Rules of the service plan (seeds 000, 001, 002 §3, 004), on the plan as the contract defines it
 * (`PlanContent`): its sections and the fields of each kind of item, who signs a version, and when
 * a version is ready to put before the person. The plan is made with the person and signed by
 * them, and by their guardian where one is required (seed 002 §3.3; see agreement.rules); every
 * change to what was agreed is a new version, agreed again (seed 004). Progress on steps is kept
 * apart from the plan document (the tracked steps), so recording it is never a change of the plan.
 */
import { type PlanContent, planGoal, planMeeting, planRisk, planService, planStep, planTheme } from './plan.contract.ts';
import { checkPlanGoals, hasBlockingProblems, type SmartProblem } from './smart-goal.rules.ts';

export type PlanListSection = 'themes' | 'goals' | 'steps' | 'services' | 'meetings' | 'risks';
export type PlanTextSection = 'reviewDate' | 'rightsAndDuties' | 'evaluationMethod' | 'personWishes';
export type PlanSection = 'period' | PlanListSection | PlanTextSection;
type ItemOf<S extends PlanListSection> = PlanContent[S][number];

/** The sections of a plan in the order a reader meets them. */
export const planSections: readonly PlanSection[] = [
  'period',
  'reviewDate',
  'themes',
  'goals',
  'steps',
  'services',
  'meetings',
  'risks',
  'rightsAndDuties',
  'evaluationMethod',
  'personWishes',
];

const fieldsOf = (shape: object) => Object.keys(shape).filter((field) => field !== 'id');

/** The fields of each kind of item, in the contract's order (the id aside). */
export const planItemFields: { [S in PlanListSection]: readonly string[] } = {
  themes: fieldsOf(planTheme.shape),
  goals: fieldsOf(planGoal.shape),
  steps: fieldsOf(planStep.shape),
  services: fieldsOf(planService.shape),
  meetings: fieldsOf(planMeeting.shape),
  risks: fieldsOf(planRisk.shape),
};

/** What names an item to a reader. */
export function planItemLabel<S extends PlanListSection>(section: S, item: ItemOf<S>): string {
  switch (section) {
    case 'themes':
      return (item as ItemOf<'themes'>).title;
    case 'goals':
      return (item as ItemOf<'goals'>).description;
    case 'steps':
      return (item as ItemOf<'steps'>).what;
    case 'services':
      return (item as ItemOf<'services'>).type;
    case 'meetings': {
      const meeting = item as ItemOf<'meetings'>;
      return [meeting.purpose, meeting.date].filter(Boolean).join(', ');
    }
    default:
      return (item as ItemOf<'risks'>).risk;
  }
}

export type PlanSigner = 'person' | 'guardian';

/** Who must sign a version before it comes into force: the person, and the guardian where one is required. */
export function requiredSigners(guardianRequired: boolean): PlanSigner[] {
  return guardianRequired ? ['person', 'guardian'] : ['person'];
}

/** The required signers who have not yet signed this version (signatures count for the version they were given to). */
export function missingSigners(guardianRequired: boolean, signedBy: Iterable<string>): PlanSigner[] {
  const signed = new Set(signedBy);
  return requiredSigners(guardianRequired).filter((signer) => !signed.has(signer));
}

export type PlanProblemCode = 'no_goals' | 'step_goal_unknown';

/** path: where in the plan the problem is, as a field path (`content.steps.2.goalId`). */
export interface PlanProblem {
  code: PlanProblemCode;
  path: string;
  message: string;
}

export interface PlanReadiness {
  ready: boolean;
  problems: PlanProblem[];
  /** SMART problems of the goals; errors among them stop the plan being ready. */
  goals: (SmartProblem & { goalId: string })[];
}

/**
 * Whether the plan can be put before the person for agreement: at least one goal, steps that serve
 * goals of this plan, and SMART goals judged against the plan period and the case's needs. (The
 * period itself and the review date are checked by the contract whenever the plan is saved.)
 */
export function checkPlanForAgreement(plan: PlanContent, context: { today: string; needIds?: readonly string[] }): PlanReadiness {
  const problems: PlanProblem[] = [];
  if (plan.goals.length === 0) problems.push({ code: 'no_goals', path: 'content.goals', message: 'A plan needs at least one goal' });
  const goalIds = new Set(plan.goals.map((goal) => goal.id));
  plan.steps.forEach((step, index) => {
    if (step.goalId && !goalIds.has(step.goalId)) {
      problems.push({
        code: 'step_goal_unknown',
        path: `content.steps.${index}.goalId`,
        message: `The step "${step.what}" serves a goal that is not in the plan`,
      });
    }
  });
  const goals = checkPlanGoals(plan.goals, {
    today: context.today,
    planPeriod: { start: plan.periodFrom, end: plan.periodTo },
    ...(context.needIds ? { needIds: context.needIds } : {}),
  });
  return { ready: problems.length === 0 && !hasBlockingProblems(goals), problems, goals };
}
