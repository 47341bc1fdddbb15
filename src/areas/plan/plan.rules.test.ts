import { describe, expect, it } from 'vitest';
import {
  canActivatePlan,
  changesRequiringAgreement,
  checkPlanForAgreement,
  nextPlanVersionRequiresAgreement,
  type PlanSignature,
} from './plan.rules.ts';
import { samplePlan } from './plan.sample.ts';
import type { ServicePlan } from './service-plan.ts';

const today = '2026-03-01';
const sign = (signer: PlanSignature['signer'], planVersion: number, method: PlanSignature['method'] = 'signature'): PlanSignature => ({
  signer,
  planVersion,
  method,
});
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('bringing a plan version into force', () => {
  it("needs the person's agreement, by signature, fingerprint or another acknowledgement", () => {
    expect(canActivatePlan({ planVersion: 1, signatures: [], guardianRequired: false })).toEqual([
      { code: 'not_agreed_by_person', message: 'The person has not agreed to version 1 of the plan' },
    ]);
    for (const method of ['signature', 'fingerprint', 'electronic', 'other_acknowledgement'] as const) {
      expect(canActivatePlan({ planVersion: 1, signatures: [sign('person', 1, method)], guardianRequired: false })).toEqual([]);
    }
  });

  it("needs the guardian's signature too when the person has a guardian", () => {
    expect(canActivatePlan({ planVersion: 2, signatures: [sign('person', 2)], guardianRequired: true })).toEqual([
      { code: 'guardian_signature_missing', message: 'The guardian has not signed version 2 of the plan' },
    ]);
    expect(codes(canActivatePlan({ planVersion: 2, signatures: [], guardianRequired: true }))).toEqual([
      'not_agreed_by_person',
      'guardian_signature_missing',
    ]);
    expect(
      canActivatePlan({ planVersion: 2, signatures: [sign('guardian', 2), sign('person', 2, 'fingerprint')], guardianRequired: true }),
    ).toEqual([]);
  });

  it('does not count signatures given to an earlier version', () => {
    expect(
      codes(canActivatePlan({ planVersion: 3, signatures: [sign('person', 2), sign('guardian', 2)], guardianRequired: true })),
    ).toEqual(['not_agreed_by_person', 'guardian_signature_missing']);
  });
});

describe('a plan ready to put before the person', () => {
  it('is ready when the period is sound, the goals are SMART and the steps serve goals in the plan', () => {
    expect(checkPlanForAgreement(samplePlan(), { today, needIds: ['need-housing'] })).toEqual({ ready: true, problems: [], goals: [] });
  });

  it('refuses a plan without goals, with a period that ends before it starts, or a review outside the period', () => {
    const plan = samplePlan();
    plan.goals = [];
    plan.steps = [];
    plan.reviewDate = '2027-01-10';
    expect(checkPlanForAgreement(plan, { today })).toMatchObject({
      ready: false,
      problems: [{ code: 'no_goals' }, { code: 'review_date_outside_period' }],
    });
    plan.period = { start: '2026-12-31', end: '2026-03-01' };
    expect(codes(checkPlanForAgreement(plan, { today }).problems)).toEqual(['period_invalid', 'no_goals']);
  });

  it('refuses a step that serves a goal no longer in the plan, naming the step', () => {
    const plan = samplePlan();
    plan.steps[0]!.goalId = 'g-gone';
    expect(checkPlanForAgreement(plan, { today }).problems).toEqual([
      {
        code: 'step_goal_unknown',
        itemId: 's-cv',
        message: 'The step "Write a CV with the job coach" serves a goal that is not in the plan',
      },
    ]);
  });

  it("refuses a plan whose goals have no due date, listing each goal's SMART problems", () => {
    const plan = samplePlan();
    plan.goals[1]!.dueDate = null;
    const readiness = checkPlanForAgreement(plan, { today });
    expect(readiness.ready).toBe(false);
    expect(readiness.goals.map((p) => `${p.goalId}: ${p.code}`)).toEqual(['g-income: due_date_missing']);
  });

  it("checks the goals against the plan period and the case's needs", () => {
    const plan = samplePlan();
    plan.goals[0]!.dueDate = '2027-03-01';
    expect(checkPlanForAgreement(plan, { today, needIds: ['need-income'] }).goals.map((p) => p.code)).toEqual([
      'due_date_after_plan_end',
      'need_unknown',
    ]);
  });

  it('is ready despite a warning about a vague goal', () => {
    const plan = samplePlan();
    plan.goals[1]!.description = 'Improve her life situation in general';
    expect(checkPlanForAgreement(plan, { today })).toMatchObject({
      ready: true,
      goals: [{ code: 'description_vague', severity: 'warning' }],
    });
  });
});

describe('a new plan version', () => {
  const next = (change: (plan: ServicePlan) => void) => {
    const plan = samplePlan();
    change(plan);
    return plan;
  };

  it('needs no new agreement when nothing changed', () => {
    expect(nextPlanVersionRequiresAgreement(samplePlan(), samplePlan())).toBe(false);
  });

  it('needs no new agreement when only progress was recorded', () => {
    const progressed = next((plan) => {
      Object.assign(plan.steps[1]!, { status: 'done', completedOn: '2026-03-18', result: 'Registered in the queue' });
      Object.assign(plan.goals[1]!, { achievement: 'partly_achieved', attainmentLevel: -1 });
    });
    expect(changesRequiringAgreement(samplePlan(), progressed)).toEqual([]);
    expect(nextPlanVersionRequiresAgreement(samplePlan(), progressed)).toBe(false);
  });

  it("needs the person's agreement for any change to what was agreed", () => {
    const changes: ((plan: ServicePlan) => void)[] = [
      (plan) => (plan.goals[0]!.target = 'A flat with two bedrooms'),
      (plan) => plan.steps.push({ ...plan.steps[0]!, id: 's-bank', description: 'Open a bank account' }),
      (plan) => plan.steps.pop(),
      (plan) => (plan.services[0]!.provider = 'Another partner'),
      (plan) => (plan.meetings[0]!.frequency = 'weekly'),
      (plan) => (plan.risks = []),
      (plan) => (plan.period.end = '2027-03-31'),
      (plan) => (plan.rightsAndDuties = 'Changed'),
      (plan) => (plan.evaluationMethod = 'Changed'),
      (plan) => (plan.personWishes = 'Changed'),
    ];
    for (const change of changes) expect(nextPlanVersionRequiresAgreement(samplePlan(), next(change))).toBe(true);
  });

  it('lists only the agreed parts of a change that also records progress', () => {
    const both = next((plan) => Object.assign(plan.steps[0]!, { status: 'done', dueDate: '2026-04-30' }));
    expect(changesRequiringAgreement(samplePlan(), both)).toEqual([
      {
        section: 'steps',
        kind: 'changed',
        itemId: 's-cv',
        label: 'Write a CV with the job coach',
        fields: [{ field: 'dueDate', before: '2026-03-31', after: '2026-04-30' }],
      },
    ]);
  });

  it('counts a removed step as a change even when it was done', () => {
    const removed = next((plan) => plan.steps.splice(1, 1));
    expect(changesRequiringAgreement(samplePlan(), removed).map((c) => `${c.kind} ${c.itemId}`)).toEqual(['removed s-queue']);
  });
});
