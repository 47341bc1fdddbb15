/** Assessments' and needs' part of the door (src/core/door.ts): reached through their case, within the actor's scope. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import type { CaseRow } from '../case/case.store.ts';
import { inReachThroughCase } from '../case/case.store.ts';
import { assessments, needs } from './assessment.schema.ts';

export type AssessmentRow = typeof assessments.$inferSelect;
export type AssessmentValues = typeof assessments.$inferInsert;
export type NeedRow = typeof needs.$inferSelect;
export type NeedValues = typeof needs.$inferInsert;

export function assessmentInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, assessments, { id, what: 'The assessment', action, entityType: 'assessment', ...options });
}

export function needInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, needs, { id, what: 'The need', action, entityType: 'need', ...options });
}

/** The case's assessments, oldest first (for a case already found within reach). */
export function assessmentsOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<AssessmentRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select()
      .from(assessments)
      .where(eq(assessments.caseId, theCase.id))
      .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt)),
    personOf: () => theCase.personId,
  });
}

/** The case's latest assessment, if any (for a case already found within reach). */
export function latestAssessmentOf(door: Door, theCase: CaseRow, action: AuditAction): Promise<AssessmentRow | null> {
  return door.maybeOne({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select()
      .from(assessments)
      .where(eq(assessments.caseId, theCase.id))
      .orderBy(sql`${assessments.assessedOn} DESC`, sql`${assessments.createdAt} DESC`)
      .limit(1),
    personOf: () => theCase.personId,
  });
}

/** The case's needs, in the order identified (for a case already found within reach). */
export function needsOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<NeedRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx.select().from(needs).where(eq(needs.caseId, theCase.id)).orderBy(asc(needs.identifiedOn), asc(needs.createdAt)),
    personOf: () => theCase.personId,
  });
}

/** The needs recorded in one assessment (already found within reach); found through the case's index. */
export function needsOfAssessment(door: Door, assessment: Pick<AssessmentRow, 'id' | 'caseId'>): Promise<NeedRow[]> {
  return door.tx
    .select()
    .from(needs)
    .where(and(eq(needs.caseId, assessment.caseId), eq(needs.assessmentId, assessment.id)))
    .orderBy(asc(needs.identifiedOn), asc(needs.createdAt));
}

/** Which of `ids` are needs of this case: for references from a plan, nothing of the needs is read. */
export async function knownNeedIds(door: Door, caseId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = await door.tx
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.caseId, caseId), inArray(needs.id, [...ids])));
  return new Set(found.map((n) => n.id));
}

/** The status of an assessment of this case (a case already found within reach), or null when the case has no such assessment. */
export async function assessmentStatus(door: Door, id: string, caseId: string): Promise<string | null> {
  const [row] = await door.tx
    .select({ status: assessments.status })
    .from(assessments)
    .where(and(eq(assessments.id, id), eq(assessments.caseId, caseId)));
  return row?.status ?? null;
}

export async function insertAssessment(door: Door, values: Omit<AssessmentValues, 'createdBy'>): Promise<AssessmentRow> {
  const [row] = await door.tx
    .insert(assessments)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateAssessment(door: Door, id: string, values: Partial<AssessmentValues>): Promise<AssessmentRow> {
  const [row] = await door.tx
    .update(assessments)
    .set({ ...values, version: sql`${assessments.version} + 1`, updatedAt: new Date() })
    .where(eq(assessments.id, id))
    .returning();
  return row!;
}

export async function insertNeed(door: Door, values: Omit<NeedValues, 'createdBy'>): Promise<NeedRow> {
  const [row] = await door.tx
    .insert(needs)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateNeed(door: Door, id: string, values: Partial<NeedValues>): Promise<NeedRow> {
  const [row] = await door.tx
    .update(needs)
    .set({ ...values, version: sql`${needs.version} + 1`, updatedAt: new Date() })
    .where(eq(needs.id, id))
    .returning();
  return row!;
}
