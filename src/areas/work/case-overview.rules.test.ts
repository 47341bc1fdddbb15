import { describe, expect, it } from 'vitest';
import { addDays, caseDeadlines, type DeadlineFacts } from './case-overview.rules.ts';

const plan = { id: 'plan-1', reviewDate: '2026-06-30' };
const facts = (f: Partial<DeadlineFacts>): DeadlineFacts => ({
  on: '2026-03-10',
  now: new Date('2026-03-10T09:00:00Z'),
  soonDays: 14,
  plan,
  steps: [],
  request: null,
  ...f,
});
const step = (stepId: string, dueDate: string | null, status = 'planned') => ({ stepId, what: `Step ${stepId}`, dueDate, status });

describe('a case’s open deadlines', () => {
  it('counts days across month ends and leap days', () => {
    expect(addDays('2026-01-25', 14)).toBe('2026-02-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('lists open steps overdue or due within the reminder days, overdue first, and leaves out the rest', () => {
    const found = caseDeadlines(
      facts({
        steps: [
          step('soon', '2026-03-24'),
          step('later', '2026-03-25'),
          step('late', '2026-03-09', 'in_progress'),
          step('done', '2026-03-01', 'done'),
          step('undated', null),
          step('today', '2026-03-10'),
        ],
      }),
    );
    expect(found.map((d) => [d.kind === 'step' && d.stepId, d.overdue])).toEqual([
      ['late', true],
      ['today', false],
      ['soon', false],
    ]);
  });

  it('lists the plan review once it is within the reminder days, and as overdue once it has passed', () => {
    expect(caseDeadlines(facts({}))).toEqual([]);
    expect(caseDeadlines(facts({ plan: { id: 'plan-1', reviewDate: '2026-03-20' } }))).toEqual([
      { kind: 'plan_review', planId: 'plan-1', dueDate: '2026-03-20', overdue: false },
    ]);
    expect(caseDeadlines(facts({ plan: { id: 'plan-1', reviewDate: '2026-03-01' } }))[0]).toMatchObject({ overdue: true });
  });

  it('lists no step without a plan in force', () => {
    expect(caseDeadlines(facts({ plan: null, steps: [step('a', '2026-03-01')] }))).toEqual([]);
  });

  it('lists the first response to the request only while it is owed', () => {
    const request = { id: 'req-1', firstResponseDueAt: new Date('2026-03-10T08:00:00Z'), firstRespondedAt: null };
    expect(caseDeadlines(facts({ request }))).toEqual([
      { kind: 'first_response', requestId: 'req-1', dueAt: '2026-03-10T08:00:00.000Z', overdue: true },
    ]);
    expect(caseDeadlines(facts({ request: { ...request, firstRespondedAt: new Date('2026-03-09T10:00:00Z') } }))).toEqual([]);
  });
});
