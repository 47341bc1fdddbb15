/** Alerts' and drafts' part of the door (src/core/door.ts): each staff member reaches only their own. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { cases } from '../case/case.schema.ts';
import { requests } from '../intake/intake.schema.ts';
import type { AlertKind } from './work.contract.ts';
import { alerts, drafts } from './work.schema.ts';

/**
 * The actor's unread alerts, newest first, each with what it is about: the request's receipt
 * number, the case number, and the person's name where the person is within the actor's reach.
 */
export function unreadAlertsOf(door: Door) {
  const person = sql`coalesce(${cases.personId}, ${requests.personId})`;
  return door.many({
    action: 'alert.read',
    entityType: 'alert',
    rows: door.tx
      .select({
        alert: alerts,
        receiptNumber: requests.receiptNumber,
        caseNumber: cases.caseNumber,
        personId: sql<string | null>`${person}`,
        personName: sql<
          string | null
        >`(SELECT p.given_name || ' ' || p.family_name FROM persons p WHERE p.id = ${person} AND ${door.personInReach(sql`p`)})`,
      })
      .from(alerts)
      .leftJoin(requests, eq(requests.id, alerts.requestId))
      .leftJoin(cases, eq(cases.id, alerts.caseId))
      .where(and(eq(alerts.recipientId, door.actor.id), sql`${alerts.readAt} IS NULL`))
      .orderBy(desc(alerts.createdAt))
      .limit(100),
    // The person is read only where named; an alert about someone out of reach names no one.
    personOf: (r) => (r.personName ? r.personId : null),
  });
}

/** Marks one of the actor's alerts read; false when there is no such alert of theirs. */
export async function dismissAlert(door: Door, alertId: string): Promise<boolean> {
  const updated = await door.tx
    .update(alerts)
    .set({ readAt: new Date() })
    .where(and(eq(alerts.id, alertId), eq(alerts.recipientId, door.actor.id)))
    .returning({ id: alerts.id });
  return updated.length > 0;
}

/** Alerts the supervisors on duty (or, when none is, every active supervisor) about an urgent request – also one from the public form, which has no signed-in actor. */
export async function alertSupervisorsOnDuty(tx: Transaction, requestId: string): Promise<number> {
  const inserted = await tx.execute(sql`
    INSERT INTO alerts (recipient_id, kind, request_id)
    SELECT s.id, 'urgent_request', ${requestId} FROM staff s
    WHERE s.status = 'active' AND 'supervisor' = ANY(s.roles)
      AND (s.on_duty OR NOT EXISTS (SELECT 1 FROM staff d WHERE d.status = 'active' AND d.on_duty AND 'supervisor' = ANY(d.roles)))
    RETURNING 1`);
  return inserted.rows.length;
}

/** Alerts the supervisors of the case's unit (or, when it has none, those on duty) about the case. */
export async function alertUnitSupervisors(door: Door, kind: AlertKind, caseId: string, unitId: string): Promise<number> {
  const inserted = await door.tx.execute(sql`
    INSERT INTO alerts (recipient_id, kind, case_id)
    SELECT s.id, ${kind}, ${caseId} FROM staff s
    WHERE s.status = 'active' AND 'supervisor' = ANY(s.roles)
      AND (s.unit_id = ${unitId} OR (s.on_duty AND NOT EXISTS (SELECT 1 FROM staff u WHERE u.status = 'active' AND 'supervisor' = ANY(u.roles) AND u.unit_id = ${unitId})))
    RETURNING 1`);
  return inserted.rows.length;
}

/** Alerts given staff members about a case (e.g. its responsible worker). */
export async function alertStaff(door: Door, kind: AlertKind, recipientIds: readonly string[], caseId: string | null): Promise<void> {
  if (recipientIds.length === 0) return;
  await door.tx.insert(alerts).values([...new Set(recipientIds)].map((recipientId) => ({ recipientId, kind, caseId })));
}

export async function draftOf(door: Door, key: string) {
  const [row] = await door.tx
    .select()
    .from(drafts)
    .where(and(eq(drafts.staffId, door.actor.id), eq(drafts.formKey, key)));
  return row ?? null;
}

export async function saveDraft(door: Door, key: string, data: object, updatedAt: Date): Promise<void> {
  await door.tx
    .insert(drafts)
    .values({ staffId: door.actor.id, formKey: key, data, updatedAt })
    .onConflictDoUpdate({ target: [drafts.staffId, drafts.formKey], set: { data, updatedAt } });
}

export async function deleteDraft(door: Door, key: string): Promise<void> {
  await door.tx.delete(drafts).where(and(eq(drafts.staffId, door.actor.id), eq(drafts.formKey, key)));
}

/** A notice about someone's own account (a password or second-factor reset): about no person the agency helps. */
export async function noticeStaff(tx: Transaction, kind: AlertKind, recipientIds: readonly string[]): Promise<void> {
  if (recipientIds.length === 0) return;
  await tx.insert(alerts).values([...new Set(recipientIds)].map((recipientId) => ({ recipientId, kind })));
}

/** The same notice to every active staff member holding one of `roles`, but those excepted. */
export async function noticeStaffWithRoles(
  tx: Transaction,
  kind: string,
  roles: readonly string[],
  except: readonly string[],
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO alerts (recipient_id, kind)
    SELECT s.id, ${kind} FROM staff s
    WHERE s.status = 'active' AND s.roles && ${sql.param([...roles])}::text[] AND NOT (s.id = ANY(${sql.param([...except])}::uuid[]))`);
}
