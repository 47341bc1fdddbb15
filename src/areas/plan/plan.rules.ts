/**
 * Rules of the service plan's life: when a version is ready to put before the person, when it
 * may come into force, and which changes need the person's agreement again. The plan is made
 * with the person and signed by them (signature, fingerprint or another acknowledgement), and by
 * their guardian where one is required (seed 002 §3.3; see agreement-rules.guardianRequired).
 * Every change to what was agreed is agreed again (seed 004); recording progress – a step done,
 * its result, how far a goal was reached – is not a change of the plan.
 */
import { isCalendarDate } from '../../core/calendar-date.ts';
import { diffPlans, type PlanChange } from './plan-diff.rules.ts';
import { type PlanListSection, planProgressFields, type ServicePlan } from './service-plan.ts';
import { checkPlanGoals, hasBlockingProblems, type SmartProblem } from './smart-goal.rules.ts';

export type PlanSigner = 'person' | 'guardian';
export type PlanAgreementMethod = 'signature' | 'fingerprint' | 'electronic' | 'other_acknowledgement';

/** A signature counts for the plan version it was given to, and for no other. */
export interface PlanSignature {
  signer: PlanSigner;
  planVersion: number;
  method: PlanAgreementMethod;
}

export type PlanProblemCode =
  | 'not_agreed_by_person'
  | 'guardian_signature_missing'
  | 'no_goals'
  | 'period_invalid'
  | 'review_date_outside_period'
  | 'step_goal_unknown';

/** itemId: the step concerned, where there is one. */
export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  itemId?: string;
}

const signedFor = (signatures: readonly PlanSignature[], signer: PlanSigner, planVersion: number) =>
  signatures.some((s) => s.signer === signer && s.planVersion === planVersion);

/** What stops this plan version coming into force; empty when it may. */
export function canActivatePlan(input: {
  planVersion: number;
  signatures: readonly PlanSignature[];
  guardianRequired: boolean;
}): PlanProblem[] {
  const { planVersion, signatures, guardianRequired } = input;
  const problems: PlanProblem[] = [];
  if (!signedFor(signatures, 'person', planVersion)) {
    problems.push({ code: 'not_agreed_by_person', message: `The person has not agreed to version ${planVersion} of the plan` });
  }
  if (guardianRequired && !signedFor(signatures, 'guardian', planVersion)) {
    problems.push({ code: 'guardian_signature_missing', message: `The guardian has not signed version ${planVersion} of the plan` });
  }
  return problems;
}

export interface PlanReadiness {
  ready: boolean;
  problems: PlanProblem[];
  /** SMART problems of the goals; errors among them stop the plan being ready. */
  goals: (SmartProblem & { goalId: string })[];
}

/** Whether the plan can be put before the person for agreement: a sound period, SMART goals, steps tied to goals. */
export function checkPlanForAgreement(plan: ServicePlan, context: { today: string; needIds?: readonly string[] }): PlanReadiness {
  const problems: PlanProblem[] = [];
  const { start, end } = plan.period;
  const periodValid = isCalendarDate(start) && isCalendarDate(end) && start <= end;
  if (!periodValid)
    problems.push({ code: 'period_invalid', message: 'The plan period needs a start and an end date, the end not before the start' });
  if (plan.goals.length === 0) problems.push({ code: 'no_goals', message: 'A plan has at least one goal' });
  if (periodValid && plan.reviewDate && (plan.reviewDate < start || plan.reviewDate > end)) {
    problems.push({ code: 'review_date_outside_period', message: 'The review date falls outside the plan period' });
  }
  const goalIds = new Set(plan.goals.map((goal) => goal.id));
  for (const step of plan.steps) {
    if (step.goalId && !goalIds.has(step.goalId))
      problems.push({
        code: 'step_goal_unknown',
        itemId: step.id,
        message: `The step "${step.description}" serves a goal that is not in the plan`,
      });
  }
  const goals = checkPlanGoals(plan.goals, {
    today: context.today,
    planPeriod: periodValid ? plan.period : null,
    ...(context.needIds ? { needIds: context.needIds } : {}),
  });
  return { ready: problems.length === 0 && !hasBlockingProblems(goals), problems, goals };
}

function withoutProgress(change: PlanChange): PlanChange | null {
  if (change.kind !== 'changed' || change.itemId === null) return change;
  const progress = planProgressFields[change.section as PlanListSection] as readonly string[];
  const fields = change.fields.filter((f) => !progress.includes(f.field));
  return fields.length > 0 ? { ...change, fields } : null;
}

/** The changes from one version to the next that the person must agree to. */
export function changesRequiringAgreement(before: ServicePlan, after: ServicePlan): PlanChange[] {
  return diffPlans(before, after)
    .map(withoutProgress)
    .filter((change): change is PlanChange => change !== null);
}

/** Whether the next version must be agreed (signed) again before it comes into force. */
export function nextPlanVersionRequiresAgreement(before: ServicePlan, after: ServicePlan): boolean {
  return changesRequiringAgreement(before, after).length > 0;
}
