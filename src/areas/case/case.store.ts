/** Cases' part of the door (src/core/door.ts): every read carries the actor's scope. */
import { and, asc, desc, eq, type InferSelectModel, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AuditAction, AuditEntityType } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import type { caseStage, priority } from './case.contract.ts';

type CaseStage = z.infer<typeof caseStage>;
type Priority = z.infer<typeof priority>;

import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { caseEvents, cases, caseTeamMembers, emergencyAccesses } from './case.schema.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseValues = typeof cases.$inferInsert;
type CaseEventValues = Omit<typeof caseEvents.$inferInsert, 'actorId'>;

/** A case within the actor's reach, or the uniform 404. */
export function caseInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<CaseRow> {
  const query = door.tx
    .select()
    .from(cases)
    .where(sql`${cases.id} = ${id} AND ${door.caseInReach(sql`${cases}`)}`);
  return door.one({
    what: 'The case',
    action,
    entityType: 'case',
    entityId: id,
    rows: options.lock ? query.for('update') : query,
    personOf: (c) => c.personId,
    whose: async () => (await door.tx.select({ personId: cases.personId }).from(cases).where(eq(cases.id, id)))[0]?.personId,
  });
}

/** The person's cases within reach, newest first. */
export function casesOfPerson(door: Door, personId: string): Promise<CaseRow[]> {
  return door.many({
    action: 'case.list',
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select()
      .from(cases)
      .where(sql`${cases.personId} = ${personId} AND ${door.caseInReach(sql`${cases}`)}`)
      .orderBy(desc(cases.openedAt)),
    personOf: (c) => c.personId,
  });
}

/** The case team's staff ids, sorted (for a case already found within reach). */
export async function teamOf(door: Door, caseId: string): Promise<string[]> {
  const rows = await door.tx.select({ id: caseTeamMembers.staffId }).from(caseTeamMembers).where(eq(caseTeamMembers.caseId, caseId));
  return rows.map((r) => r.id).sort();
}

export interface StageEvent {
  kind: string;
  stage: string | null;
  at: Date;
  byName: string | null;
  reason: string;
}

/**
 * The case team's staff ids and the stages the case has passed through (opened and stage events,
 * with when and by whom), in one statement – for a case already found within reach.
 */
export async function teamAndStagesOf(door: Door, caseId: string): Promise<{ team: string[]; stages: StageEvent[] }> {
  const result = await door.tx.execute<{ team: string[]; stages: (Omit<StageEvent, 'at'> & { at: string })[] }>(sql`
    SELECT ARRAY(SELECT m.staff_id::text FROM case_team_members m WHERE m.case_id = ${caseId} ORDER BY m.staff_id) AS team,
           coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'stage', e.to_value, 'at', e.at, 'byName', s.display_name, 'reason', e.reason) ORDER BY e.at)
                     FROM case_events e LEFT JOIN staff s ON s.id = e.actor_id
                     WHERE e.case_id = ${caseId} AND e.kind IN ('opened', 'stage')), '[]'::json) AS stages`);
  const row = result.rows[0]!;
  return { team: row.team, stages: row.stages.map((e) => ({ ...e, at: new Date(e.at) })) };
}

/** The next number of the year's case counter; numbers never repeat. */
export async function nextCaseCounter(door: Door, year: number): Promise<number> {
  const counter = await door.tx.execute<{ last_number: number }>(sql`
    INSERT INTO case_number_counters (year, last_number) VALUES (${year}, 1)
    ON CONFLICT (agency_id, year) DO UPDATE SET last_number = case_number_counters.last_number + 1 RETURNING last_number`);
  return counter.rows[0]!.last_number;
}

export async function insertCase(door: Door, values: CaseValues): Promise<CaseRow> {
  const [row] = await door.tx.insert(cases).values(values).returning();
  return row!;
}

export async function updateCase(door: Door, id: string, values: Partial<CaseValues>): Promise<CaseRow> {
  const [row] = await door.tx
    .update(cases)
    .set({ ...values, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(eq(cases.id, id))
    .returning();
  return row!;
}

/** Replaces the case team (the responsible worker is never also a team member). */
export async function setTeam(door: Door, caseId: string, staffIds: readonly string[], responsibleStaffId: string): Promise<string[]> {
  await door.tx.delete(caseTeamMembers).where(eq(caseTeamMembers.caseId, caseId));
  const members = [...new Set(staffIds)].filter((id) => id !== responsibleStaffId).sort();
  if (members.length > 0) await door.tx.insert(caseTeamMembers).values(members.map((staffId) => ({ caseId, staffId })));
  return members;
}

/** Records a stage change, reassignment or crisis follow-up in the case's history. */
export async function recordCaseEvent(door: Door, event: CaseEventValues): Promise<void> {
  await door.tx.insert(caseEvents).values({ ...event, actorId: door.actor.id });
}

type CaseChildTable = PgTable & { id: AnyPgColumn; caseId: AnyPgColumn };

/**
 * A record that hangs off a case (an assessment, a need, a decision, …) and its case, both within
 * the actor's reach, found in one statement; or the uniform 404. `lock` locks both rows.
 */
export async function inReachThroughCase<T extends CaseChildTable>(
  door: Door,
  table: T,
  read: { id: string; what: string; action: AuditAction; entityType: AuditEntityType; lock?: boolean },
): Promise<{ row: InferSelectModel<T>; theCase: CaseRow }> {
  const query = door.tx
    .select({ row: table as PgTable, theCase: cases })
    .from(table as PgTable)
    .innerJoin(cases, eq(cases.id, table.caseId))
    .where(and(eq(table.id, read.id), door.caseInReach(sql`${cases}`)));
  const found = await door.one({
    what: read.what,
    action: read.action,
    entityType: read.entityType,
    entityId: read.id,
    rows: read.lock ? query.for('update') : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(table as PgTable)
          .innerJoin(cases, eq(cases.id, table.caseId))
          .where(eq(table.id, read.id))
      )[0]?.personId,
  });
  return found as unknown as { row: InferSelectModel<T>; theCase: CaseRow };
}

/** Open cases within reach that need attention now: urgent, or with a crisis flag raised. */
export function urgentCasesInReach(door: Door) {
  return door.many({
    action: 'case.list',
    entityType: 'case',
    rows: door.tx
      .select()
      .from(cases)
      .where(
        and(
          sql`${cases.stage} <> 'closed'`,
          sql`(${cases.priority} = 'urgent' OR ${cases.crisisRaisedAt} IS NOT NULL)`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(sql`${cases.crisisRaisedAt} DESC NULLS LAST`, asc(cases.openedAt))
      .limit(100),
    personOf: (c) => c.personId,
  });
}

/**
 * Open cases the actor is responsible for that someone else gave them since `since` – opened with
 * them as responsible worker, or reassigned to them – newest first, with when that was. A case
 * they opened or took themselves is not news to them.
 */
export function casesNewlyAssignedTo(door: Door, since: Date) {
  return door.many({
    action: 'case.list',
    entityType: 'case',
    rows: door.tx
      .execute<{ id: string; case_number: string; person_id: string; stage: string; priority: string; assigned_at: Date }>(sql`
        SELECT c.id, c.case_number, c.person_id, c.stage, c.priority, given.at AS assigned_at
        FROM cases c
        CROSS JOIN LATERAL (
          SELECT e.at, e.actor_id FROM case_events e
          WHERE e.case_id = c.id AND (e.kind = 'opened' OR (e.kind = 'reassigned' AND e.to_value = ${door.actor.id}))
          ORDER BY e.at DESC LIMIT 1
        ) given
        WHERE c.responsible_staff_id = ${door.actor.id} AND c.stage <> 'closed'
          AND given.at >= ${since} AND given.actor_id <> ${door.actor.id}
          AND ${door.caseInReach(sql`c`)}
        ORDER BY given.at DESC
        LIMIT 100`)
      .then((result) =>
        result.rows.map((r) => ({
          id: r.id,
          caseNumber: r.case_number,
          personId: r.person_id,
          stage: r.stage,
          priority: r.priority,
          assignedAt: new Date(r.assigned_at),
        })),
      ),
    personOf: (c) => c.personId,
  });
}

/** A page of the actor's own caseload (responsible or on the team), newest first, with the person's name. */
export function caseloadPage(
  door: Door,
  filter: { stage?: CaseStage | undefined; priority?: Priority | undefined; limit: number },
  after: [string, string] | null,
) {
  return door.page(
    {
      action: 'case.list',
      entityType: 'case',
      rows: door.tx
        .select({ c: cases, givenName: persons.givenName, familyName: persons.familyName })
        .from(cases)
        .innerJoin(persons, eq(persons.id, cases.personId))
        .where(
          and(
            sql`(${cases.responsibleStaffId} = ${door.actor.id} OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${cases.id} AND m.staff_id = ${door.actor.id}))`,
            door.caseInReach(sql`${cases}`),
            filter.stage ? eq(cases.stage, filter.stage) : sql`${cases.stage} <> 'closed'`,
            filter.priority ? eq(cases.priority, filter.priority) : undefined,
            after ? sql`(${cases.openedAt}, ${cases.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(cases.openedAt), desc(cases.id))
        .limit(filter.limit + 1),
      personOf: ({ c }) => c.personId,
    },
    filter.limit,
  );
}

/**
 * Counts of a unit's cases per worker and per stage: no one's data, only numbers. A worker's
 * overdue steps are the open steps of their open cases of the unit due before `today`.
 */
export async function unitCaseCounts(door: Door, unitId: string, today: string) {
  const byWorker = await door.tx.execute<{
    staff_id: string;
    name: string;
    open_cases: number;
    urgent_cases: number;
    overdue_steps: number;
  }>(sql`
    SELECT s.id AS staff_id, s.display_name AS name, count(c.id)::int AS open_cases,
           count(c.id) FILTER (WHERE c.priority = 'urgent' OR c.crisis_raised_at IS NOT NULL)::int AS urgent_cases,
           coalesce(sum((SELECT count(*) FROM plan_steps st
                          WHERE st.case_id = c.id AND st.status IN ('planned', 'in_progress') AND st.due_date < ${today}::date)), 0)::int AS overdue_steps
    FROM staff s LEFT JOIN cases c ON c.responsible_staff_id = s.id AND c.stage <> 'closed' AND c.unit_id = ${unitId}
    WHERE s.unit_id = ${unitId} AND s.status = 'active' GROUP BY s.id, s.display_name ORDER BY s.display_name`);
  const byStage = await door.tx.execute<{ stage: string; n: number }>(
    sql`SELECT stage, count(*)::int AS n FROM cases WHERE unit_id = ${unitId} GROUP BY stage`,
  );
  return { byWorker: byWorker.rows, byStage: byStage.rows };
}

/**
 * A case of the actor's agency, whether in their reach or not – only to open it in an emergency,
 * which records and announces itself; the uniform 404 for a case of no agency of theirs.
 */
export function caseForEmergency(door: Door, id: string): Promise<CaseRow> {
  return door.one({
    what: 'The case',
    action: 'case.emergency_access',
    entityType: 'case',
    entityId: id,
    rows: door.tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, id), eq(cases.agencyId, door.actor.agencyId))),
    personOf: (c) => c.personId,
  });
}

/** Whether the case is in the actor's reach already, without reading it. */
export async function isCaseInReach(door: Door, id: string): Promise<boolean> {
  const found = await door.tx
    .select({ id: cases.id })
    .from(cases)
    .where(sql`${cases.id} = ${id} AND ${door.caseInReach(sql`${cases}`)}`);
  return found.length > 0;
}

export async function insertEmergencyAccess(door: Door, caseId: string, reason: string, minutes: number) {
  const [row] = await door.tx
    .insert(emergencyAccesses)
    .values({ caseId, staffId: door.actor.id, reason, expiresAt: sql`now() + make_interval(mins => ${minutes})` })
    .returning();
  return row!;
}

/** Every emergency opening of a case in the agency, newest first, for the auditor: who, which case, why, when and until when. */
export async function emergencyAccessesOfAgency(door: Door, limit: number, before: [string, string] | null) {
  const rows = await door.tx
    .select({
      id: emergencyAccesses.id,
      caseId: emergencyAccesses.caseId,
      caseNumber: cases.caseNumber,
      staffId: emergencyAccesses.staffId,
      staffName: staff.displayName,
      reason: emergencyAccesses.reason,
      grantedAt: emergencyAccesses.grantedAt,
      expiresAt: emergencyAccesses.expiresAt,
    })
    .from(emergencyAccesses)
    .innerJoin(cases, eq(cases.id, emergencyAccesses.caseId))
    .innerJoin(staff, eq(staff.id, emergencyAccesses.staffId))
    .where(
      and(
        eq(emergencyAccesses.agencyId, door.actor.agencyId),
        before
          ? sql`(${emergencyAccesses.grantedAt}, ${emergencyAccesses.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(emergencyAccesses.grantedAt), desc(emergencyAccesses.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
