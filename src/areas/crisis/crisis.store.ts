/** Crises' and safety plans' part of the door (src/core/door.ts): reached through their case, within the actor's scope. */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { cases } from '../case/case.schema.ts';
import { type CaseRow, inReachThroughCase } from '../case/case.store.ts';
import { staff } from '../staff/staff.schema.ts';
import type { CrisisSource } from './crisis.contract.ts';
import { crises, crisisSupportContacts, safetyPlans } from './crisis.schema.ts';

export type CrisisRow = typeof crises.$inferSelect;
export type CrisisValues = typeof crises.$inferInsert;
export type SupportContactRow = typeof crisisSupportContacts.$inferSelect;
export type SafetyPlanRow = typeof safetyPlans.$inferSelect;
export type SafetyPlanValues = typeof safetyPlans.$inferInsert;

export function crisisInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, crises, { id, what: 'The crisis', action, entityType: 'crisis', ...options });
}

/** The case's crises, newest first (for a case already found within reach). */
export function crisesOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<CrisisRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx.select().from(crises).where(eq(crises.caseId, theCase.id)).orderBy(desc(crises.openedAt)),
    personOf: () => theCase.personId,
  });
}

/** The case's open crisis, locked, if it has one (for a case already found within reach and locked). */
export async function openCrisisOfCase(door: Door, caseId: string): Promise<CrisisRow | null> {
  const [row] = await door.tx
    .select()
    .from(crises)
    .where(and(eq(crises.caseId, caseId), eq(crises.status, 'open')))
    .for('update');
  return row ?? null;
}

/** The open crisis of each of these cases (already found within reach), by case. */
export async function openCrisesOfCases(
  door: Door,
  caseIds: readonly string[],
): Promise<Map<string, { id: string; openedAt: Date; source: CrisisSource }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await door.tx
    .select({ id: crises.id, caseId: crises.caseId, openedAt: crises.openedAt, source: crises.source })
    .from(crises)
    .where(and(inArray(crises.caseId, [...caseIds]), eq(crises.status, 'open')));
  return new Map(rows.map((r) => [r.caseId, { id: r.id, openedAt: r.openedAt, source: r.source }]));
}

/** The open crises of a unit's cases within reach, oldest first, with the case number and the responsible worker (no one's name). */
export function openCrisesOfUnit(door: Door, unitId: string) {
  return door.many({
    action: 'case.list',
    entityType: 'unit',
    entityId: unitId,
    rows: door.tx
      .select({
        id: crises.id,
        caseId: cases.id,
        caseNumber: cases.caseNumber,
        personId: cases.personId,
        openedAt: crises.openedAt,
        source: crises.source,
        responsibleName: staff.displayName,
      })
      .from(crises)
      .innerJoin(cases, eq(cases.id, crises.caseId))
      .innerJoin(staff, eq(staff.id, cases.responsibleStaffId))
      .where(and(eq(crises.status, 'open'), eq(cases.unitId, unitId), door.caseInReach(sql`${cases}`)))
      .orderBy(asc(crises.openedAt))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** The support contacts of these crises (already found within reach), in the order contacted, with who recorded each. */
export async function supportContactsOf(door: Door, crisisIds: readonly string[]) {
  if (crisisIds.length === 0) return [];
  return door.tx
    .select({ contact: crisisSupportContacts, recordedByName: staff.displayName })
    .from(crisisSupportContacts)
    .leftJoin(staff, eq(staff.id, crisisSupportContacts.recordedBy))
    .where(inArray(crisisSupportContacts.crisisId, [...crisisIds]))
    .orderBy(asc(crisisSupportContacts.contactedAt), asc(crisisSupportContacts.recordedAt));
}

/** The agency's active agency heads but the actor: whom a crisis is told to at once, with their address and language. */
export async function agencyHeadsToTell(door: Door): Promise<{ id: string; email: string; locale: string }[]> {
  return door.tx
    .select({ id: staff.id, email: staff.email, locale: staff.locale })
    .from(staff)
    .where(and(eq(staff.status, 'active'), sql`'agency_head' = ANY(${staff.roles})`, ne(staff.id, door.actor.id)));
}

export async function insertCrisis(door: Door, values: Omit<CrisisValues, 'openedBy'>): Promise<CrisisRow> {
  const [row] = await door.tx
    .insert(crises)
    .values({ ...values, openedBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateCrisis(door: Door, id: string, values: Partial<CrisisValues>): Promise<CrisisRow> {
  const [row] = await door.tx
    .update(crises)
    .set({ ...values, version: sql`${crises.version} + 1`, updatedAt: new Date() })
    .where(eq(crises.id, id))
    .returning();
  return row!;
}

export async function insertSupportContact(
  door: Door,
  values: Omit<typeof crisisSupportContacts.$inferInsert, 'recordedBy'>,
): Promise<SupportContactRow> {
  const [row] = await door.tx
    .insert(crisisSupportContacts)
    .values({ ...values, recordedBy: door.actor.id })
    .returning();
  return row!;
}

// ---- The safety plan ----------------------------------------------------------------------------

export function safetyPlanInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, safetyPlans, { id, what: 'The safety plan', action, entityType: 'safety_plan', ...options });
}

/** The case's safety plan in force (signed) and its draft, if any (for a case already found within reach). */
export function currentSafetyPlansOfCase(door: Door, theCase: CaseRow, action: AuditAction, options: { lock?: boolean } = {}) {
  const query = door.tx
    .select()
    .from(safetyPlans)
    .where(and(eq(safetyPlans.caseId, theCase.id), inArray(safetyPlans.status, ['draft', 'signed'])));
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: options.lock ? query.for('update') : query,
    personOf: () => theCase.personId,
  });
}

/** The next version number of the case's safety plan. */
export async function nextSafetyPlanVersion(door: Door, caseId: string): Promise<number> {
  const [row] = await door.tx
    .select({ n: sql<number>`coalesce(max(${safetyPlans.planVersion}), 0)::int + 1` })
    .from(safetyPlans)
    .where(eq(safetyPlans.caseId, caseId));
  return row!.n;
}

/** A crisis of this case, if there is one (to make a safety plan in it). */
export async function crisisOfCase(door: Door, caseId: string, crisisId: string): Promise<CrisisRow | null> {
  const [row] = await door.tx
    .select()
    .from(crises)
    .where(and(eq(crises.id, crisisId), eq(crises.caseId, caseId)));
  return row ?? null;
}

export async function insertSafetyPlan(door: Door, values: Omit<SafetyPlanValues, 'createdBy'>): Promise<SafetyPlanRow> {
  const [row] = await door.tx
    .insert(safetyPlans)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateSafetyPlan(door: Door, id: string, values: Partial<SafetyPlanValues>): Promise<SafetyPlanRow> {
  const [row] = await door.tx
    .update(safetyPlans)
    .set({ ...values, version: sql`${safetyPlans.version} + 1`, updatedAt: new Date() })
    .where(eq(safetyPlans.id, id))
    .returning();
  return row!;
}

/** The signed version in force gives way to a newly signed one. */
export async function supersedeSafetyPlanInForce(door: Door, caseId: string): Promise<void> {
  await door.tx
    .update(safetyPlans)
    .set({ status: 'superseded', version: sql`${safetyPlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(safetyPlans.caseId, caseId), eq(safetyPlans.status, 'signed')));
}
