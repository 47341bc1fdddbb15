import { describe, expect, it } from 'vitest';
import type { PlanContent } from './plan.contract.ts';
import { planSections } from './plan.rules.ts';
import { samplePlan } from './plan.sample.ts';
import { diffPlans, sameValue } from './plan-diff.rules.ts';

const before = samplePlan();
const changed = (change: (plan: PlanContent) => void) => {
  const plan = samplePlan();
  change(plan);
  return diffPlans(before, plan);
};

describe('the difference between two plan versions', () => {
  it('is nothing when nothing changed', () => {
    expect(diffPlans(before, samplePlan())).toEqual([]);
  });

  it('is nothing when only the order of items, surrounding white space or the kind of emptiness changed', () => {
    expect(
      changed((plan) => {
        plan.steps.reverse();
        plan.goals[0]!.description = `  ${plan.goals[0]!.description} `;
        plan.steps[0]!.instructions = '  ';
      }),
    ).toEqual([]);
  });

  it("names an added goal with its fields, by the contract's field names", () => {
    expect(
      changed((plan) =>
        plan.goals.push({
          id: 'g-school',
          level: 'intermediate',
          parentGoalId: null,
          themeId: null,
          needId: 'need-family',
          description: 'Son keeps his place at Vahl school',
          indicator: 'School enrolment',
          baseline: 'Enrolled',
          target: 'Still enrolled in June',
          dueDate: '2026-06-20',
        }),
      ),
    ).toEqual([
      {
        section: 'goals',
        kind: 'added',
        itemId: 'g-school',
        label: 'Son keeps his place at Vahl school',
        fields: [
          { field: 'level', before: null, after: 'intermediate' },
          { field: 'needId', before: null, after: 'need-family' },
          { field: 'description', before: null, after: 'Son keeps his place at Vahl school' },
          { field: 'indicator', before: null, after: 'School enrolment' },
          { field: 'baseline', before: null, after: 'Enrolled' },
          { field: 'target', before: null, after: 'Still enrolled in June' },
          { field: 'dueDate', before: null, after: '2026-06-20' },
        ],
      },
    ]);
  });

  it('names a removed step with what it was', () => {
    expect(changed((plan) => plan.steps.splice(0, 1))).toEqual([
      {
        section: 'steps',
        kind: 'removed',
        itemId: 's-cv',
        label: 'Write a CV with the job coach',
        fields: [
          { field: 'goalId', before: 'g-income', after: null },
          { field: 'what', before: 'Write a CV with the job coach', after: null },
          { field: 'responsibleKind', before: 'person', after: null },
          { field: 'dueDate', before: '2026-03-31', after: null },
          { field: 'instructions', before: 'Bring certificates from earlier jobs', after: null },
        ],
      },
    ]);
  });

  it('gives the changed fields of a goal and a step, before and after', () => {
    expect(
      changed((plan) => {
        plan.goals[0]!.dueDate = '2026-11-15';
        plan.goals[0]!.target = 'Own tenancy agreement signed and keys received';
        plan.steps[1]!.responsibleKind = 'partner';
      }),
    ).toEqual([
      {
        section: 'goals',
        kind: 'changed',
        itemId: 'g-housing',
        label: 'Live in a rented flat of her own with her son',
        fields: [
          { field: 'target', before: 'Own tenancy agreement signed', after: 'Own tenancy agreement signed and keys received' },
          { field: 'dueDate', before: '2026-12-01', after: '2026-11-15' },
        ],
      },
      {
        section: 'steps',
        kind: 'changed',
        itemId: 's-queue',
        label: 'Register with the municipal housing queue',
        fields: [{ field: 'responsibleKind', before: 'worker', after: 'partner' }],
      },
    ]);
  });

  it('labels an item by its new wording when the wording itself changed', () => {
    const [change] = changed((plan) => {
      plan.risks[0]!.risk = 'Relapse after a setback at work';
    });
    expect(change).toMatchObject({
      section: 'risks',
      kind: 'changed',
      label: 'Relapse after a setback at work',
      fields: [{ field: 'risk', before: 'Relapse into drinking after losing a job offer' }],
    });
  });

  it('labels themes by title, services by type and meetings by purpose and date', () => {
    const changes = changed((plan) => {
      plan.themes[0]!.title = 'A safe home';
      plan.services[0]!.frequency = 'twice a week';
      plan.meetings.push({ id: 'm-final', date: '2026-12-15', purpose: 'Closing talk', place: '' });
    });
    expect(changes.map((c) => [c.section, c.kind, c.label])).toEqual([
      ['themes', 'changed', 'A safe home'],
      ['services', 'changed', 'Job coaching'],
      ['meetings', 'added', 'Closing talk, 2026-12-15'],
    ]);
  });

  it("reports the plan's own fields without an item", () => {
    expect(
      changed((plan) => {
        plan.periodTo = '2027-02-28';
        plan.reviewDate = '2026-07-01';
        plan.personWishes = 'Wants her son to stay at the same school, and to live near her sister';
      }),
    ).toEqual([
      {
        section: 'period',
        kind: 'changed',
        itemId: null,
        label: null,
        fields: [{ field: 'periodTo', before: '2026-12-31', after: '2027-02-28' }],
      },
      {
        section: 'reviewDate',
        kind: 'changed',
        itemId: null,
        label: null,
        fields: [{ field: 'reviewDate', before: '2026-06-15', after: '2026-07-01' }],
      },
      {
        section: 'personWishes',
        kind: 'changed',
        itemId: null,
        label: null,
        fields: [
          {
            field: 'personWishes',
            before: 'Wants her son to stay at the same school',
            after: 'Wants her son to stay at the same school, and to live near her sister',
          },
        ],
      },
    ]);
  });

  it('orders changes by section, added and changed items in the new order, then the removed', () => {
    const changes = changed((plan) => {
      plan.evaluationMethod = 'A talk at the end of the period';
      plan.risks = [];
      plan.steps.unshift({ ...plan.steps[0]!, id: 's-new', what: 'Open a bank account' });
      plan.steps.pop();
      plan.steps[1]!.dueDate = '2026-04-15';
      plan.goals[1]!.needId = 'need-income';
      plan.periodFrom = '2026-03-02';
    });
    expect(changes.map((c) => `${c.section} ${c.kind} ${c.itemId}`)).toEqual([
      'period changed null',
      'goals changed g-income',
      'steps added s-new',
      'steps changed s-cv',
      'steps removed s-queue',
      'risks removed r-relapse',
      'evaluationMethod changed null',
    ]);
    const order = changes.map((c) => planSections.indexOf(c.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('comparing values', () => {
  it('treats missing, null, blank text and empty lists alike, and compares the rest exactly', () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue('', '  ')).toBe(true);
    expect(sameValue([], null)).toBe(true);
    expect(sameValue(' a ', 'a')).toBe(true);
    expect(sameValue('a', 'A')).toBe(false);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
  });
});
