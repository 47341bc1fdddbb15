/** Intake's part of the door (src/core/door.ts): requests, intake decisions, referrals out and interview records, within the actor's scope. */
import { and, asc, desc, eq, type InferSelectModel, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AuditAction, AuditEntityType } from '../../core/audit.contract.ts';
import type { Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { staff } from '../staff/staff.schema.ts';
import type { intakeDecisionKind, requestStatus } from './intake.contract.ts';
import { intakeDecisions, intakeInterviews, referralsOut, requests } from './intake.schema.ts';

export type RequestRow = typeof requests.$inferSelect;
type RequestStatus = z.infer<typeof requestStatus>;
type IntakeDecisionKind = z.infer<typeof intakeDecisionKind>;
export type RequestValues = typeof requests.$inferInsert;
export type ReferralRow = typeof referralsOut.$inferSelect;
export type InterviewRow = typeof intakeInterviews.$inferSelect;

const priorityRankSql = sql`CASE ${requests.priority} WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

/** A request within the actor's reach, or the uniform 404. */
export function requestInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<RequestRow> {
  const query = door.tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), door.requestInReach(sql`${requests}`)));
  return door.one({
    what: 'The request',
    action,
    entityType: 'request',
    entityId: id,
    rows: options.lock ? query.for('update') : query,
    personOf: (r) => r.personId,
    whose: async () => (await door.tx.select({ personId: requests.personId }).from(requests).where(eq(requests.id, id)))[0]?.personId,
  });
}

/** The intake queue within reach: urgent first, then oldest first. */
export function requestQueuePage(door: Door, status: RequestStatus, limit: number, after: [number, string, string] | null) {
  return door.page(
    {
      action: 'request.list',
      entityType: 'request',
      rows: door.tx
        .select()
        .from(requests)
        .where(
          and(
            eq(requests.status, status),
            door.requestInReach(sql`${requests}`),
            after
              ? sql`(${priorityRankSql}, ${requests.receivedAt}, ${requests.id}) > (${after[0]}, ${after[1]}::timestamptz, ${after[2]}::uuid)`
              : undefined,
          ),
        )
        .orderBy(priorityRankSql, asc(requests.receivedAt), asc(requests.id))
        .limit(limit + 1),
      personOf: (r) => r.personId,
    },
    limit,
  );
}

/** Open requests within reach whose first response is due by `until`, or that are urgent. */
export function dueRequestsInReach(door: Door, until: Date) {
  return door.many({
    action: 'request.list',
    entityType: 'request',
    rows: door.tx
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.status, 'open'),
          door.requestInReach(sql`${requests}`),
          sql`(${requests.firstResponseDueAt} <= ${until} OR ${requests.priority} = 'urgent')`,
        ),
      )
      .orderBy(asc(requests.firstResponseDueAt))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** Referrals out within reach whose arrival check is due by `until` and not yet confirmed. */
export function referralFollowUpsInReach(door: Door, until: Date) {
  return door.many({
    action: 'referral.list',
    entityType: 'referral',
    rows: door.tx
      .select({ referral: referralsOut, personId: requests.personId, receiptNumber: requests.receiptNumber })
      .from(referralsOut)
      .innerJoin(requests, eq(requests.id, referralsOut.requestId))
      .where(
        and(
          sql`${referralsOut.arrivalConfirmedAt} IS NULL`,
          sql`${referralsOut.followUpDueAt} <= ${until}`,
          door.requestInReach(sql`${requests}`),
        ),
      )
      .orderBy(asc(referralsOut.followUpDueAt))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** The intake queue's state for a unit (and the unassigned pool): counts only. */
export async function unitQueueCounts(door: Door, unitId: string) {
  const [row] = (
    await door.tx.execute<{ open: number; overdue: number }>(sql`
      SELECT count(*)::int AS open, count(*) FILTER (WHERE first_response_due_at < now())::int AS overdue
      FROM requests WHERE status = 'open' AND (unit_id = ${unitId} OR unit_id IS NULL)`)
  ).rows;
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/** Who holds a case a request was accepted into, by name, and whether the actor may open the case. */
export type OpenedCaseRow = {
  id: string;
  caseNumber: string;
  responsibleName: string;
  unitName: string;
  inReach: boolean;
};

/**
 * The cases requests within reach were accepted into: number, unit and responsible worker, and
 * whether each case is within the actor's reach. An intake worker who accepted a request for
 * someone else's caseload learns who has the case, and no more of it.
 */
export async function casesOfRequests(door: Door, rows: readonly RequestRow[]): Promise<Map<string, OpenedCaseRow>> {
  const ids = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
  if (ids.length === 0) return new Map();
  const found = await door.tx.execute<OpenedCaseRow>(sql`
    SELECT c.id, c.case_number AS "caseNumber", s.display_name AS "responsibleName", u.name AS "unitName",
           ${door.caseInReach(sql`c`)} AS "inReach"
    FROM cases c JOIN units u ON u.id = c.unit_id JOIN staff s ON s.id = c.responsible_staff_id
    WHERE c.id = ANY(${sql.param(ids)}::uuid[])`);
  return new Map(found.rows.map((row) => [row.id, row]));
}

export async function insertRequest(door: Door, values: RequestValues): Promise<RequestRow> {
  const [row] = await door.tx.insert(requests).values(values).returning();
  return row!;
}

/** The public online form has no signed-in actor: the request is written, nothing is read. */
export async function insertPublicRequest(tx: Transaction, values: RequestValues): Promise<RequestRow> {
  const [row] = await tx.insert(requests).values(values).returning();
  return row!;
}

export async function updateRequest(door: Door, id: string, values: Partial<RequestValues>): Promise<RequestRow> {
  const [row] = await door.tx
    .update(requests)
    .set({ ...values, version: sql`${requests.version} + 1`, updatedAt: new Date() })
    .where(eq(requests.id, id))
    .returning();
  return row!;
}

export async function recordIntakeDecision(
  door: Door,
  values: { requestId: string; decision: IntakeDecisionKind; reason: string; informationGiven: string | null },
): Promise<void> {
  await door.tx.insert(intakeDecisions).values({ ...values, decidedBy: door.actor.id });
}

/** The request's intake decisions in order, with who decided (for a request already found within reach). */
export function decisionsOfRequest(door: Door, request: RequestRow, action: AuditAction) {
  return door.many({
    action,
    entityType: 'request',
    entityId: request.id,
    rows: door.tx
      .select({ d: intakeDecisions, name: staff.displayName })
      .from(intakeDecisions)
      .leftJoin(staff, eq(staff.id, intakeDecisions.decidedBy))
      .where(eq(intakeDecisions.requestId, request.id))
      .orderBy(asc(intakeDecisions.decidedAt)),
    personOf: () => request.personId,
  });
}

export async function insertReferral(door: Door, values: Omit<typeof referralsOut.$inferInsert, 'createdBy'>): Promise<ReferralRow> {
  const [row] = await door.tx
    .insert(referralsOut)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

/** The request's referrals out, newest first (for a request already found within reach). */
export function referralsOfRequest(door: Door, request: RequestRow, action: AuditAction): Promise<ReferralRow[]> {
  return door.many({
    action,
    entityType: 'request',
    entityId: request.id,
    rows: door.tx.select().from(referralsOut).where(eq(referralsOut.requestId, request.id)).orderBy(desc(referralsOut.createdAt)),
    personOf: () => request.personId,
  });
}

type RequestChildTable = PgTable & { id: AnyPgColumn; requestId: AnyPgColumn };

/** A record that hangs off a request (a referral out, an interview record) and its request, both within reach, in one statement; or the uniform 404. */
async function inReachThroughRequest<T extends RequestChildTable>(
  door: Door,
  table: T,
  read: { id: string; what: string; action: AuditAction; entityType: AuditEntityType; lock?: boolean },
): Promise<{ row: InferSelectModel<T>; request: RequestRow }> {
  const query = door.tx
    .select({ row: table as PgTable, request: requests })
    .from(table as PgTable)
    .innerJoin(requests, eq(requests.id, table.requestId))
    .where(and(eq(table.id, read.id), door.requestInReach(sql`${requests}`)));
  const found = await door.one({
    what: read.what,
    action: read.action,
    entityType: read.entityType,
    entityId: read.id,
    rows: read.lock ? query.for('update') : query,
    personOf: ({ request }) => request.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: requests.personId })
          .from(table as PgTable)
          .innerJoin(requests, eq(requests.id, table.requestId))
          .where(eq(table.id, read.id))
      )[0]?.personId,
  });
  return found as unknown as { row: InferSelectModel<T>; request: RequestRow };
}

/** A referral out and its request, both within reach; or the uniform 404. */
export async function referralInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  const { row, request } = await inReachThroughRequest(door, referralsOut, {
    id,
    what: 'The referral',
    action,
    entityType: 'referral',
    ...options,
  });
  return { referral: row, request };
}

export async function updateReferral(door: Door, id: string, values: Partial<typeof referralsOut.$inferInsert>): Promise<ReferralRow> {
  const [row] = await door.tx.update(referralsOut).set(values).where(eq(referralsOut.id, id)).returning();
  return row!;
}

export async function insertInterview(door: Door, values: Omit<typeof intakeInterviews.$inferInsert, 'authorId'>): Promise<InterviewRow> {
  const [row] = await door.tx
    .insert(intakeInterviews)
    .values({ ...values, authorId: door.actor.id })
    .returning();
  return row!;
}

/** An interview record and its request, both within reach; or the uniform 404. */
export async function interviewInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  const { row, request } = await inReachThroughRequest(door, intakeInterviews, {
    id,
    what: 'The interview record',
    action,
    entityType: 'interview',
    ...options,
  });
  return { interview: row, request };
}

export async function updateInterview(
  door: Door,
  id: string,
  values: Partial<typeof intakeInterviews.$inferInsert>,
): Promise<InterviewRow> {
  const [row] = await door.tx
    .update(intakeInterviews)
    .set({ ...values, version: sql`${intakeInterviews.version} + 1`, updatedAt: new Date() })
    .where(eq(intakeInterviews.id, id))
    .returning();
  return row!;
}

/** The request's interview records in the order held (for a request already found within reach). */
export function interviewsOfRequest(door: Door, request: RequestRow, action: AuditAction): Promise<InterviewRow[]> {
  return door.many({
    action,
    entityType: 'request',
    entityId: request.id,
    rows: door.tx.select().from(intakeInterviews).where(eq(intakeInterviews.requestId, request.id)).orderBy(asc(intakeInterviews.heldAt)),
    personOf: () => request.personId,
  });
}
