import { describe, expect, it } from 'vitest';
import { planGoal, planStep } from './plan.contract.ts';
import { checkPlanForAgreement, missingSigners, planItemFields, requiredSigners } from './plan.rules.ts';
import { samplePlan } from './plan.sample.ts';

const today = '2026-03-01';
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('who signs a plan version', () => {
  it('is the person, and the guardian too where one is required', () => {
    expect(requiredSigners(false)).toEqual(['person']);
    expect(requiredSigners(true)).toEqual(['person', 'guardian']);
  });

  it('is still missing whoever of them has not signed this version; a worker signature does not stand in', () => {
    expect(missingSigners(true, ['worker'])).toEqual(['person', 'guardian']);
    expect(missingSigners(true, ['guardian'])).toEqual(['person']);
    expect(missingSigners(false, ['person'])).toEqual([]);
  });
});

describe('a plan ready to put before the person', () => {
  it('is ready when it has goals, the goals are SMART and the steps serve goals in the plan', () => {
    expect(checkPlanForAgreement(samplePlan(), { today, needIds: ['need-housing'] })).toEqual({ ready: true, problems: [], goals: [] });
  });

  it('refuses a plan without goals', () => {
    const plan = samplePlan();
    plan.goals = [];
    plan.steps = [];
    expect(checkPlanForAgreement(plan, { today })).toMatchObject({ ready: false, problems: [{ code: 'no_goals', path: 'content.goals' }] });
  });

  it('refuses a step that serves a goal no longer in the plan, naming the step and where it is', () => {
    const plan = samplePlan();
    plan.steps[0]!.goalId = 'g-gone';
    expect(checkPlanForAgreement(plan, { today }).problems).toEqual([
      {
        code: 'step_goal_unknown',
        path: 'content.steps.0.goalId',
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
    expect(codes(checkPlanForAgreement(plan, { today, needIds: ['need-income'] }).goals)).toEqual([
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

describe("the plan's item fields", () => {
  it("are the contract's fields, so a field added to the contract is compared between versions too", () => {
    expect(planItemFields.goals).toEqual(Object.keys(planGoal.shape).filter((f) => f !== 'id'));
    expect(planItemFields.steps).toContain('responsibleStaffId');
    expect(planItemFields.steps).toEqual(Object.keys(planStep.shape).filter((f) => f !== 'id'));
  });
});
