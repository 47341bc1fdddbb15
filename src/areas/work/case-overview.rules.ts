/** What the case page lists as its open deadlines: pure, from what the case overview read. */
import type { CaseDeadline } from './work.contract.ts';

/** The calendar date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export interface DeadlineFacts {
  /** Today in the agency's time zone. */
  on: string;
  now: Date;
  /** How many days ahead a date counts as due soon (the agency's plan review reminder). */
  soonDays: number;
  /** The plan in force, if any, and its tracked steps. */
  plan: { id: string; reviewDate: string } | null;
  steps: readonly { stepId: string; what: string; dueDate: string | null; status: string }[];
  /** The request the case came from. */
  request: { id: string; firstResponseDueAt: Date; firstRespondedAt: Date | null } | null;
}

/**
 * The case's open deadlines: open steps of the plan in force that are overdue or due within the
 * reminder days, the plan's review when it is that close or past, and the first response to the
 * request while none has been given. Overdue first, then by date.
 */
export function caseDeadlines(facts: DeadlineFacts): CaseDeadline[] {
  const horizon = addDays(facts.on, facts.soonDays);
  const found: CaseDeadline[] = [];
  if (facts.plan) {
    for (const step of facts.steps) {
      const open = step.status === 'planned' || step.status === 'in_progress';
      if (!open || step.dueDate === null || step.dueDate > horizon) continue;
      found.push({ kind: 'step', stepId: step.stepId, what: step.what, dueDate: step.dueDate, overdue: step.dueDate < facts.on });
    }
    if (facts.plan.reviewDate <= horizon) {
      found.push({ kind: 'plan_review', planId: facts.plan.id, dueDate: facts.plan.reviewDate, overdue: facts.plan.reviewDate < facts.on });
    }
  }
  if (facts.request && facts.request.firstRespondedAt === null) {
    const due = facts.request.firstResponseDueAt;
    found.push({
      kind: 'first_response',
      requestId: facts.request.id,
      dueAt: due.toISOString(),
      overdue: due.getTime() < facts.now.getTime(),
    });
  }
  const when = (d: CaseDeadline) => (d.kind === 'first_response' ? d.dueAt : d.dueDate);
  return found.sort((a, b) => Number(b.overdue) - Number(a.overdue) || when(a).localeCompare(when(b)));
}
