import { describe, expect, it } from 'vitest';
import { checkPlanGoals, checkSmartGoal, hasBlockingProblems, type SmartContext, type SmartGoalInput } from './smart-goal.rules.ts';

const today = '2026-03-15';
const planPeriod = { start: '2026-03-01', end: '2026-12-31' };

const housing: SmartGoalInput & { id: string } = {
  id: 'g-housing',
  level: 'long_term',
  description: 'Live in a rented flat of her own with her son',
  indicator: 'Housing situation as recorded at each review',
  baseline: 'Staying at a shelter',
  target: 'Own tenancy agreement signed',
  dueDate: '2026-12-01',
  needId: 'need-housing',
  parentGoalId: null,
};
const income: SmartGoalInput & { id: string } = {
  id: 'g-income',
  level: 'intermediate',
  description: 'Have a steady income that covers rent',
  indicator: 'Monthly income after tax',
  baseline: '0 NOK',
  target: 'At least 18 000 NOK',
  dueDate: '2026-09-01',
  needId: null,
  parentGoalId: 'g-housing',
};
const application: SmartGoalInput & { id: string } = {
  id: 'g-apply',
  level: 'short_term',
  description: 'Send applications for three cleaning jobs',
  indicator: 'Applications sent',
  baseline: '0',
  target: '3',
  dueDate: '2026-04-15',
  needId: null,
  parentGoalId: 'g-income',
};
const goals = [housing, income, application];
const context: SmartContext = { today, planPeriod, goals, needIds: ['need-housing', 'need-income'] };

const codes = (goal: SmartGoalInput, ctx: SmartContext = context) => checkSmartGoal(goal, ctx).map((p) => p.code);

describe('checking a goal against SMART', () => {
  it('finds nothing wrong with goals at each level that are specific, measurable, relevant and time-bound', () => {
    expect(checkPlanGoals(goals, { today, planPeriod, needIds: context.needIds! })).toEqual([]);
  });

  describe('specific', () => {
    it('needs a description', () => {
      expect(checkSmartGoal({ ...housing, description: '  ' }, context)).toEqual([
        { code: 'description_missing', field: 'description', criterion: 'specific', severity: 'error', message: 'Describe the goal' },
      ]);
      expect(codes({ ...housing, description: null })).toEqual(['description_missing']);
    });

    it('needs more than a couple of words, counting two Chinese characters as a word', () => {
      expect(codes({ ...housing, description: 'Find housing' })).toEqual(['description_too_short']);
      expect(codes({ ...housing, description: '找到住房' })).toEqual(['description_too_short']);
      expect(codes({ ...housing, description: '年底前搬进自己的出租房' })).toEqual([]);
      expect(codes({ ...housing, description: 'Найти постоянное жильё' })).toEqual([]);
    });

    it("warns about a description made only of vague words, in any of the app's languages", () => {
      for (const description of [
        'Improve his life situation',
        'Get a better life overall',
        'Få det bedre i livet',
        'Må bättre i livet',
        'Улучшить жизненную ситуацию в целом',
        '让生活变得更好',
      ]) {
        const problems = checkSmartGoal({ ...housing, description }, context);
        expect(
          problems.map((p) => [p.code, p.severity]),
          description,
        ).toEqual([['description_vague', 'warning']]);
        expect(hasBlockingProblems(problems)).toBe(false);
      }
    });

    it('does not warn about concrete descriptions that use some of those words', () => {
      for (const description of [
        'Improve his reading to pass the driving theory test',
        'Få en fast jobb som renholder',
        'Förbättra sömnen till sex timmar per natt',
        'Улучшить посещаемость школы сыном',
        '改善与女儿的关系，每周见面一次',
      ]) {
        expect(codes({ ...housing, description }), description).toEqual([]);
      }
    });
  });

  describe('measurable', () => {
    it('needs an indicator, a baseline and a target', () => {
      expect(
        checkSmartGoal({ ...application, indicator: '', baseline: null, target: undefined }, context).map((p) => [
          p.code,
          p.field,
          p.criterion,
        ]),
      ).toEqual([
        ['indicator_missing', 'indicator', 'measurable'],
        ['baseline_missing', 'baseline', 'measurable'],
        ['target_missing', 'target', 'measurable'],
      ]);
    });

    it('refuses a target that is the baseline again, whatever the case and spacing', () => {
      expect(codes({ ...application, baseline: 'Staying at a shelter', target: ' staying at a  shelter. ' })).toEqual([
        'target_equals_baseline',
      ]);
      expect(codes({ ...application, baseline: '0', target: '0' })).toEqual(['target_equals_baseline']);
    });
  });

  describe('time-bound', () => {
    it('needs a due date that exists', () => {
      expect(codes({ ...application, dueDate: null })).toEqual(['due_date_missing']);
      expect(codes({ ...application, dueDate: '2026-02-30' })).toEqual(['due_date_invalid']);
      expect(codes({ ...application, dueDate: '15.04.2026' })).toEqual(['due_date_invalid']);
    });

    it('refuses a due date before today, and accepts today itself', () => {
      expect(codes({ ...application, dueDate: '2026-03-14' })).toEqual(['due_date_past']);
      expect(codes({ ...application, dueDate: today })).toEqual([]);
    });

    it('keeps the due date within the plan period', () => {
      const early = { ...application, dueDate: '2026-03-20' };
      expect(codes(early, { ...context, planPeriod: { start: '2026-04-01', end: '2026-12-31' } })).toEqual(['due_date_before_plan_start']);
      expect(codes({ ...housing, dueDate: '2027-01-01' })).toEqual(['due_date_after_plan_end']);
      expect(codes({ ...housing, dueDate: '2026-12-31' })).toEqual([]);
      expect(codes({ ...housing, dueDate: '2027-01-01' }, { ...context, planPeriod: null })).toEqual([]);
    });

    it('refuses a due date after that of the goal it serves', () => {
      expect(checkSmartGoal({ ...application, dueDate: '2026-09-02' }, context).map((p) => [p.code, p.field])).toEqual([
        ['due_date_after_parent', 'dueDate'],
      ]);
      expect(codes({ ...application, dueDate: '2026-09-01' })).toEqual([]);
    });
  });

  describe('relevant', () => {
    it('needs a link to an identified need, which a goal may take from the goal it serves', () => {
      expect(codes({ ...housing, needId: null })).toEqual(['need_missing']);
      expect(codes(application)).toEqual([]);
      const orphanGoals = [{ ...housing, needId: null }, income, application];
      expect(codes(application, { ...context, goals: orphanGoals })).toEqual(['need_missing']);
    });

    it("refuses a need that is not among the case's needs, when they are known", () => {
      expect(codes({ ...housing, needId: 'need-elsewhere' })).toEqual(['need_unknown']);
      expect(codes({ ...housing, needId: 'need-elsewhere' }, { today })).toEqual([]);
    });
  });

  describe('structure', () => {
    it('needs a short-term goal to serve a larger goal', () => {
      expect(
        checkSmartGoal({ ...application, parentGoalId: null, needId: 'need-income' }, context).map((p) => [p.code, p.field, p.criterion]),
      ).toEqual([['parent_missing', 'parentGoalId', 'structure']]);
    });

    it('lets an intermediate goal stand on its own, but not a long-term goal serve another', () => {
      expect(codes({ ...income, parentGoalId: null, needId: 'need-income' })).toEqual([]);
      expect(codes({ ...housing, parentGoalId: 'g-income' })).toEqual(['parent_not_allowed']);
    });

    it('refuses a parent that is not in the plan, or not of a longer term', () => {
      expect(codes({ ...application, parentGoalId: 'g-gone', needId: 'need-income' })).toEqual(['parent_unknown']);
      expect(codes({ ...income, parentGoalId: 'g-apply', needId: 'need-income' })).toEqual(['parent_level_invalid']);
      expect(codes({ ...application, parentGoalId: 'g-apply', needId: 'need-income' })).toEqual(['parent_level_invalid']);
      expect(codes({ ...application, parentGoalId: 'g-housing' })).toEqual([]);
    });

    it("cannot check the parent without the plan's goals", () => {
      expect(codes({ ...application, needId: 'need-income' }, { today, planPeriod })).toEqual([]);
    });

    it('does not loop on goals that serve each other', () => {
      const a = { ...income, id: 'a', parentGoalId: 'b' };
      const b = { ...income, id: 'b', parentGoalId: 'a' };
      expect(codes(a, { today, goals: [a, b] })).toEqual(['need_missing', 'parent_level_invalid']);
    });
  });

  it('reports every problem of a goal at once, naming the goal in a plan', () => {
    const problems = checkPlanGoals(
      [housing, { ...application, description: 'Apply', target: null, dueDate: '2027-02-01', parentGoalId: null }],
      { today, planPeriod },
    );
    expect(problems.map((p) => `${p.goalId}: ${p.code}`)).toEqual([
      'g-apply: description_too_short',
      'g-apply: target_missing',
      'g-apply: due_date_after_plan_end',
      'g-apply: need_missing',
      'g-apply: parent_missing',
    ]);
    expect(hasBlockingProblems(problems)).toBe(true);
  });
});
