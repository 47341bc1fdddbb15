/** Alerts', drafts' and the case page's part of the door (src/core/door.ts): each staff member reaches only their own alerts and drafts. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Transaction } from '../../core/db/pool.ts';
import { rowFromJson, rowsFromJson } from '../../core/db/row-json.ts';
import type { Door } from '../../core/door.ts';
import type { AgreementStatus } from '../agreement/agreement.contract.ts';
import { assessments, needs } from '../assessment/assessment.schema.ts';
import { cases } from '../case/case.schema.ts';
import type { StageEvent } from '../case/case.store.ts';
import type { CrisisSource } from '../crisis/crisis.contract.ts';
import { requests } from '../intake/intake.schema.ts';
import { persons } from '../person/person.schema.ts';
import { planSteps } from '../plan/plan.schema.ts';
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

/**
 * Alerts about a case every active staff member but the actor who holds one of `roles` and whose
 * case scope reaches the case (e.g. those with decision authority, to sign). Returns how many.
 */
export async function alertCaseStaffWithRoles(door: Door, kind: AlertKind, caseId: string, roles: readonly string[]): Promise<number> {
  const inserted = await door.tx.execute(sql`
    INSERT INTO alerts (recipient_id, kind, case_id)
    SELECT s.id, ${kind}, c.id FROM cases c JOIN staff s ON s.status = 'active' AND s.id <> ${door.actor.id}
    WHERE c.id = ${caseId} AND s.roles && ${sql.param([...roles])}::text[] AND ${door.staffReachesCase(sql`s`, sql`c`)}
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

/** The plan in force as the case page reads it (its content's period, review date and goal count; not the content). */
export interface PlanInForceRow {
  id: string;
  planVersion: number;
  status: string;
  version: number;
  activatedAt: Date | null;
  /** From the content, which the plan's contract requires to have them. */
  periodFrom: string;
  periodTo: string;
  reviewDate: string;
  goalCount: number;
}

/** The request a case was opened from, as the case page shows it. */
export interface PresentingRequestRow {
  id: string;
  receiptNumber: string;
  channel: string;
  receivedAt: Date;
  mainProblem: string;
  ownWords: string;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  /** Whether the request itself is within the actor's reach (its own page); the case's reach shows what it says. */
  inReach: boolean;
}

type Json<T, Dates extends keyof T> = Omit<T, Dates> & { [K in Dates]: T[K] extends Date ? string : string | null };

/**
 * The case page in one statement: the case, the person's names, the responsible worker's, the
 * team's and the unit's names, the agency's time zone and reminder days, the service agreements'
 * statuses, the request the case came from (its main problem and own words: part of the case, so
 * the case's reach shows them), the plans in force and in preparation (a summary – the content
 * stays on the plan's page), the plan in force's steps, and the latest assessment with its needs
 * (without its findings), and the open crisis, if any. Every lookup follows an index on the case or the person. One read of
 * one case, audited as one event naming the person.
 */
export async function caseOverviewOf(door: Door, caseId: string, action: AuditAction) {
  const rows = door.tx
    .execute<{
      case: Record<string, unknown>;
      person: Record<string, unknown>;
      time_zone: string;
      reminder_days: number;
      unit: { id: string; name: string };
      responsible: { id: string; name: string };
      team: { id: string; name: string }[];
      stages: (Omit<StageEvent, 'at'> & { at: string })[];
      agreements: { status: string; createdAt: string }[] | null;
      request: Json<PresentingRequestRow, 'receivedAt' | 'firstResponseDueAt' | 'firstRespondedAt'> | null;
      plans: (Omit<PlanInForceRow, 'activatedAt'> & { activatedAt: string | null })[] | null;
      steps: Record<string, unknown>[] | null;
      assessment: Record<string, unknown> | null;
      needs: Record<string, unknown>[] | null;
      open_crisis: { id: string; openedAt: string; source: CrisisSource } | null;
    }>(sql`
      SELECT to_jsonb(c) AS "case",
             json_build_object('id', p.id, 'given_name', p.given_name, 'family_name', p.family_name, 'name_in_other_script', p.name_in_other_script,
                               'birth_date', p.birth_date, 'languages', p.languages) AS person,
             a.time_zone, a.plan_review_reminder_days AS reminder_days,
             json_build_object('id', u.id, 'name', u.name) AS unit,
             json_build_object('id', rs.id, 'name', rs.display_name) AS responsible,
             coalesce((SELECT json_agg(json_build_object('id', ts.id, 'name', ts.display_name) ORDER BY ts.display_name, ts.id)
                       FROM case_team_members m JOIN staff ts ON ts.id = m.staff_id WHERE m.case_id = c.id), '[]'::json) AS team,
             coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'stage', e.to_value, 'at', e.at, 'byName', s.display_name, 'reason', e.reason) ORDER BY e.at)
                       FROM case_events e LEFT JOIN staff s ON s.id = e.actor_id
                       WHERE e.case_id = c.id AND e.kind IN ('opened', 'stage')), '[]'::json) AS stages,
             (SELECT json_agg(json_build_object('status', g.status, 'createdAt', g.created_at)) FROM service_agreements g WHERE g.case_id = c.id) AS agreements,
             (SELECT json_build_object('id', r.id, 'receiptNumber', r.receipt_number, 'channel', r.channel, 'receivedAt', r.received_at,
                                       'mainProblem', r.main_problem, 'ownWords', r.own_words, 'firstResponseDueAt', r.first_response_due_at,
                                       'firstRespondedAt', r.first_responded_at, 'inReach', ${door.requestInReach(sql`r`)})
                FROM requests r WHERE r.person_id = c.person_id AND r.case_id = c.id ORDER BY r.received_at DESC LIMIT 1) AS request,
             (SELECT json_agg(json_build_object('id', sp.id, 'planVersion', sp.plan_version, 'status', sp.status, 'version', sp.version,
                                                'activatedAt', sp.activated_at, 'periodFrom', plan_content."periodFrom", 'periodTo', plan_content."periodTo",
                                                'reviewDate', plan_content."reviewDate", 'goalCount', coalesce(jsonb_array_length(plan_content.goals), 0)))
                FROM service_plans sp
                CROSS JOIN LATERAL jsonb_to_record(sp.content) AS plan_content("periodFrom" text, "periodTo" text, "reviewDate" text, goals jsonb)
               WHERE sp.case_id = c.id AND sp.status IN ('active', 'draft', 'awaiting_signature')) AS plans,
             (SELECT json_agg(to_jsonb(st) ORDER BY st.due_date NULLS LAST, st.what) FROM plan_steps st
               WHERE st.case_id = c.id AND EXISTS (SELECT 1 FROM service_plans sp WHERE sp.case_id = c.id AND sp.status = 'active')) AS steps,
             latest.assessment, latest.needs,
             (SELECT json_build_object('id', k.id, 'openedAt', k.opened_at, 'source', k.source) FROM crises k
               WHERE k.case_id = c.id AND k.status = 'open') AS open_crisis
      FROM cases c
      JOIN persons p ON p.id = c.person_id
      JOIN agency a ON a.id = c.agency_id
      JOIN units u ON u.id = c.unit_id
      JOIN staff rs ON rs.id = c.responsible_staff_id
      LEFT JOIN LATERAL (
        SELECT json_build_object('id', x.id, 'case_id', x.case_id, 'kind', x.kind, 'status', x.status, 'assessed_on', x.assessed_on,
                                 'completed_at', x.completed_at, 'version', x.version) AS assessment,
               (SELECT json_agg(to_jsonb(n) ORDER BY n.identified_on, n.created_at) FROM needs n
                 WHERE n.case_id = x.case_id AND n.assessment_id = x.id) AS needs
        FROM assessments x WHERE x.case_id = c.id ORDER BY x.assessed_on DESC, x.created_at DESC LIMIT 1
      ) latest ON true
      WHERE c.id = ${caseId} AND ${door.caseInReach(sql`c`)} AND ${door.personInReach(sql`p`)}`)
    .then((result) =>
      result.rows.map((r) => ({
        case: rowFromJson(cases, r.case),
        person: rowFromJson(persons, r.person),
        timeZone: r.time_zone,
        reminderDays: r.reminder_days,
        unit: r.unit,
        responsible: r.responsible,
        team: r.team,
        stages: r.stages.map((e) => ({ ...e, at: new Date(e.at) })),
        agreements: (r.agreements ?? []).map((g) => ({ status: g.status as AgreementStatus, createdAt: new Date(g.createdAt) })),
        request: r.request
          ? {
              ...r.request,
              receivedAt: new Date(r.request.receivedAt),
              firstResponseDueAt: new Date(r.request.firstResponseDueAt),
              firstRespondedAt: r.request.firstRespondedAt ? new Date(r.request.firstRespondedAt) : null,
            }
          : null,
        plans: (r.plans ?? []).map(
          (plan): PlanInForceRow => ({ ...plan, activatedAt: plan.activatedAt ? new Date(plan.activatedAt) : null }),
        ),
        steps: rowsFromJson(planSteps, r.steps),
        assessment: r.assessment ? rowFromJson(assessments, r.assessment) : null,
        needs: rowsFromJson(needs, r.needs),
        openCrisis: r.open_crisis ? { ...r.open_crisis, openedAt: new Date(r.open_crisis.openedAt) } : null,
      })),
    );
  return door.one({
    what: 'The case',
    action,
    entityType: 'case',
    entityId: caseId,
    rows,
    personOf: (r) => r.case.personId,
    whose: async () => (await door.tx.select({ personId: cases.personId }).from(cases).where(eq(cases.id, caseId)))[0]?.personId,
  });
}

/** The agency's key figures as one statement reads them; the month and today are the agency's (its time zone). */
export type KeyFiguresRow = {
  month_from: string;
  today: string;
  requests_received: number;
  cases_opened: number;
  cases_closed: number;
  plans_signed: number;
  overdue_steps: number;
  open_by_stage: { stage: string; count: number }[] | null;
};

/**
 * The calendar month so far, counted in one statement: requests received, cases opened and closed,
 * plan versions that came into force, open cases by stage and overdue steps. Counts only, of what
 * is within the actor's reach (for the agency head: the agency), with the month's bounds worked
 * out from the agency's time zone in the same statement.
 */
export async function keyFiguresOf(door: Door): Promise<KeyFiguresRow> {
  const inReach = door.caseInReach(sql`c`);
  const result = await door.tx.execute<KeyFiguresRow>(sql`
    WITH local AS (
      SELECT a.time_zone AS zone, date_trunc('month', now() AT TIME ZONE a.time_zone) AS month_start, (now() AT TIME ZONE a.time_zone)::date AS today
      FROM agency a WHERE a.id = ${door.actor.agencyId}
    ), bounds AS (
      SELECT month_start::date AS month_from, today,
             month_start AT TIME ZONE zone AS starts, (month_start + interval '1 month') AT TIME ZONE zone AS ends
      FROM local
    )
    SELECT b.month_from::text AS month_from, b.today::text AS today,
      (SELECT count(*) FROM requests r
        WHERE r.received_at >= b.starts AND r.received_at < b.ends AND ${door.requestInReach(sql`r`)})::int AS requests_received,
      (SELECT count(*) FROM cases c WHERE c.opened_at >= b.starts AND c.opened_at < b.ends AND ${inReach})::int AS cases_opened,
      (SELECT count(*) FROM cases c
        WHERE c.stage = 'closed' AND c.closed_at >= b.starts AND c.closed_at < b.ends AND ${inReach})::int AS cases_closed,
      (SELECT count(*) FROM service_plans sp JOIN cases c ON c.id = sp.case_id
        WHERE sp.activated_at >= b.starts AND sp.activated_at < b.ends AND ${inReach})::int AS plans_signed,
      (SELECT count(*) FROM plan_steps st JOIN cases c ON c.id = st.case_id
        WHERE st.status IN ('planned', 'in_progress') AND st.due_date < b.today AND c.stage <> 'closed' AND ${inReach})::int AS overdue_steps,
      (SELECT json_agg(json_build_object('stage', s.stage, 'count', s.n))
         FROM (SELECT c.stage, count(*)::int AS n FROM cases c WHERE c.stage <> 'closed' AND ${inReach} GROUP BY c.stage) s) AS open_by_stage
    FROM bounds b`);
  const row = result.rows[0];
  if (!row) throw new Error('The transaction is bound to no agency');
  return row;
}
