/** Decisions' part of the door (src/core/door.ts): reached through their case, within the actor's scope. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { type CaseRow, inReachThroughCase } from '../case/case.store.ts';
import { staff } from '../staff/staff.schema.ts';
import { decisions } from './decision.schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;
export type DecisionValues = typeof decisions.$inferInsert;

export function decisionInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, decisions, { id, what: 'The decision', action, entityType: 'decision', ...options });
}

/** The case's decisions, oldest first (for a case already found within reach). */
export function decisionsOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<DecisionRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx.select().from(decisions).where(eq(decisions.caseId, theCase.id)).orderBy(asc(decisions.createdAt)),
    personOf: () => theCase.personId,
  });
}

/** A decision of this case, locked: the one a new decision is to replace. */
export async function decisionOfCaseForReplacement(door: Door, caseId: string, id: string): Promise<DecisionRow | null> {
  const [row] = await door.tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.id, id), eq(decisions.caseId, caseId)))
    .for('update');
  return row ?? null;
}

/** The signed decision that replaced this one, if any. */
export async function signedSuccessorOf(door: Door, id: string): Promise<string | null> {
  const [row] = await door.tx
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.supersedesId, id), eq(decisions.status, 'signed')));
  return row?.id ?? null;
}

export async function decidedByName(door: Door, decision: DecisionRow): Promise<string | null> {
  if (!decision.decidedBy) return null;
  const [row] = await door.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, decision.decidedBy));
  return row?.name ?? null;
}

/** When the decision this one replaces was signed (same case, so within reach). */
export async function replacedDecisionSignedAt(door: Door, decision: DecisionRow): Promise<Date | null> {
  if (!decision.supersedesId) return null;
  const [row] = await door.tx
    .select({ decidedAt: decisions.decidedAt })
    .from(decisions)
    .where(and(eq(decisions.id, decision.supersedesId), eq(decisions.caseId, decision.caseId)));
  return row?.decidedAt ?? null;
}

export async function insertDecision(door: Door, values: Omit<DecisionValues, 'createdBy'>): Promise<DecisionRow> {
  const [row] = await door.tx
    .insert(decisions)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateDecision(door: Door, id: string, values: Partial<DecisionValues>): Promise<DecisionRow> {
  const [row] = await door.tx
    .update(decisions)
    .set({ ...values, version: sql`${decisions.version} + 1`, updatedAt: new Date() })
    .where(eq(decisions.id, id))
    .returning();
  return row!;
}
