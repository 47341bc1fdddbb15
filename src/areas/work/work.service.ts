import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { notFound } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { caseVisibleTo, personVisibleTo, requestVisibleTo, visiblePersonIds } from '../../core/scopes.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { cases } from '../case/case.schema.ts';
import { referralsOut, requests } from '../intake/intake.schema.ts';
import { nameSearchText, normalisePhone } from '../person/name-keys.rules.ts';
import { persons } from '../person/person.schema.ts';
import { TRIGRAM_THRESHOLD } from '../person/person.service.ts';
import { planSteps } from '../plan/plan.schema.ts';
import { agencyToday, PlanService } from '../plan/plan.service.ts';
import { drafts } from './work.schema.ts';

const endOfTodayUtc = () => {
  const d = new Date();
  d.setUTCHours(23, 59, 59, 999);
  return d;
};

/** Work views (today, caseload, unit overview), search, and autosaved drafts. */
export class WorkService {
  constructor(private readonly db: Database) {}

  /** Overdue and due-today deadlines and urgent work, within the caller's reach. */
  async today(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const until = endOfTodayUtc();
      const dueRequests = await uow.tx
        .select()
        .from(requests)
        .where(
          and(
            eq(requests.status, 'open'),
            requestVisibleTo(uow.actor, sql`${requests}`),
            sql`(${requests.firstResponseDueAt} <= ${until} OR ${requests.priority} = 'urgent')`,
          ),
        )
        .orderBy(asc(requests.firstResponseDueAt))
        .limit(100);
      const followUps = await uow.tx
        .select({ r: referralsOut, personId: requests.personId, receiptNumber: requests.receiptNumber })
        .from(referralsOut)
        .innerJoin(requests, eq(requests.id, referralsOut.requestId))
        .where(
          and(
            sql`${referralsOut.arrivalConfirmedAt} IS NULL`,
            sql`${referralsOut.followUpDueAt} <= ${until}`,
            requestVisibleTo(uow.actor, sql`${requests}`),
          ),
        )
        .orderBy(asc(referralsOut.followUpDueAt))
        .limit(100);
      const urgentCases = await uow.tx
        .select()
        .from(cases)
        .where(and(sql`${cases.stage} <> 'closed'`, eq(cases.priority, 'urgent'), caseVisibleTo(uow.actor, sql`${cases}`)))
        .orderBy(asc(cases.openedAt))
        .limit(100);
      const todayDate = await agencyToday(uow.tx);
      const dueSteps = await uow.tx
        .select({ s: planSteps, caseNumber: cases.caseNumber, personId: cases.personId })
        .from(planSteps)
        .innerJoin(cases, eq(cases.id, planSteps.caseId))
        .where(and(PlanService.dueStepsCondition(uow.actor.id, todayDate), caseVisibleTo(uow.actor, sql`${cases}`)))
        .orderBy(asc(planSteps.dueDate))
        .limit(100);
      const reviews = await uow.tx.execute<{
        plan_id: string;
        case_id: string;
        case_number: string;
        person_id: string;
        review_date: string;
      }>(sql`
        SELECT sp.id AS plan_id, c.id AS case_id, c.case_number, c.person_id, sp.content->>'reviewDate' AS review_date
        FROM service_plans sp JOIN cases c ON c.id = sp.case_id, agency a
        WHERE a.id = 1 AND sp.status = 'active' AND c.responsible_staff_id = ${uow.actor.id} AND c.stage <> 'closed'
          AND (sp.content->>'reviewDate')::date <= ${todayDate}::date + a.plan_review_reminder_days
        ORDER BY review_date LIMIT 100`);
      const now = Date.now();
      for (const { s: step, personId } of dueSteps)
        uow.audit({ action: 'plan.step.list', entityType: 'plan_step', entityId: step.stepId, personId });
      for (const r of reviews.rows) uow.audit({ action: 'plan.list', entityType: 'plan', entityId: r.plan_id, personId: r.person_id });
      for (const r of dueRequests) uow.audit({ action: 'request.list', entityType: 'request', entityId: r.id, personId: r.personId });
      for (const c of urgentCases) uow.audit({ action: 'case.list', entityType: 'case', entityId: c.id, personId: c.personId });
      return {
        requests: dueRequests.map((r) => ({
          id: r.id,
          receiptNumber: r.receiptNumber,
          priority: r.priority,
          dueAt: r.firstResponseDueAt.toISOString(),
          overdue: r.firstResponseDueAt.getTime() < now,
        })),
        referralFollowUps: followUps.map(({ r, receiptNumber }) => ({
          id: r.id,
          requestId: r.requestId,
          receiptNumber,
          organisationName: r.organisationName,
          dueAt: r.followUpDueAt.toISOString(),
          overdue: r.followUpDueAt.getTime() < now,
        })),
        urgentCases: urgentCases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, stage: c.stage, openedAt: c.openedAt.toISOString() })),
        steps: dueSteps.map(({ s: step, caseNumber }) => ({
          caseId: step.caseId,
          caseNumber,
          stepId: step.stepId,
          what: step.what,
          dueDate: step.dueDate!,
          overdue: step.dueDate! < todayDate,
        })),
        planReviews: reviews.rows.map((r) => ({
          planId: r.plan_id,
          caseId: r.case_id,
          caseNumber: r.case_number,
          reviewDate: r.review_date,
          overdue: r.review_date < todayDate,
        })),
      };
    });
  }

  /** "My caseload": cases the caller is responsible for or on the team of. */
  async caseload(ctx: RequestContext, filter: { stage?: string; priority?: string; limit: number; cursor?: string }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(filter.cursor, 2) as [string, string] | null;
      const rows = await uow.tx
        .select({ c: cases, givenName: persons.givenName, familyName: persons.familyName })
        .from(cases)
        .innerJoin(persons, eq(persons.id, cases.personId))
        .where(
          and(
            sql`(${cases.responsibleStaffId} = ${uow.actor.id} OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${cases.id} AND m.staff_id = ${uow.actor.id}))`,
            filter.stage ? eq(cases.stage, filter.stage) : sql`${cases.stage} <> 'closed'`,
            filter.priority ? eq(cases.priority, filter.priority) : undefined,
            after ? sql`(${cases.openedAt}, ${cases.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(cases.openedAt), desc(cases.id))
        .limit(filter.limit + 1);
      const items = rows.slice(0, filter.limit);
      for (const { c } of items) uow.audit({ action: 'case.list', entityType: 'case', entityId: c.id, personId: c.personId });
      const last = items[items.length - 1];
      return {
        items: items.map(({ c, givenName, familyName }) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          personId: c.personId,
          personName: `${givenName} ${familyName}`,
          stage: c.stage,
          priority: c.priority,
          responsible: c.responsibleStaffId === uow.actor.id,
          openedAt: c.openedAt.toISOString(),
        })),
        nextCursor: rows.length > filter.limit && last ? encodeCursor([last.c.openedAt.toISOString(), last.c.id]) : null,
      };
    });
  }

  /** The supervisor's overview of their unit: open cases per worker and stage, and the intake queue's state. No personal data. */
  async unitOverview(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const unitId = uow.actor.unitId;
      if (!unitId) return { unitId: null, byWorker: [], byStage: [], openRequests: 0, overdueRequests: 0 };
      const byWorker = await uow.tx.execute<{ staff_id: string; name: string; open_cases: number; urgent_cases: number }>(sql`
        SELECT s.id AS staff_id, s.display_name AS name, count(c.id)::int AS open_cases, count(c.id) FILTER (WHERE c.priority = 'urgent')::int AS urgent_cases
        FROM staff s LEFT JOIN cases c ON c.responsible_staff_id = s.id AND c.stage <> 'closed' AND c.unit_id = ${unitId}
        WHERE s.unit_id = ${unitId} AND s.status = 'active' GROUP BY s.id, s.display_name ORDER BY s.display_name`);
      const byStage = await uow.tx.execute<{ stage: string; n: number }>(
        sql`SELECT stage, count(*)::int AS n FROM cases WHERE unit_id = ${unitId} GROUP BY stage`,
      );
      const [queue] = (
        await uow.tx.execute<{ open: number; overdue: number }>(sql`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE first_response_due_at < now())::int AS overdue
        FROM requests WHERE status = 'open' AND (unit_id = ${unitId} OR unit_id IS NULL)`)
      ).rows;
      uow.audit({ action: 'unit.overview', entityType: 'unit', entityId: unitId });
      return {
        unitId,
        byWorker: byWorker.rows.map((r) => ({ staffId: r.staff_id, name: r.name, openCases: r.open_cases, urgentCases: r.urgent_cases })),
        byStage: byStage.rows.map((r) => ({ stage: r.stage, count: r.n })),
        openRequests: queue?.open ?? 0,
        overdueRequests: queue?.overdue ?? 0,
      };
    });
  }

  /**
   * One box for people and cases: name fragments in any script (transliterated, misspellings
   * tolerated by trigram similarity), birth date, case number, phone or national ID. Only what
   * the caller may see; each hit is audited as a read of that person.
   */
  async search(ctx: RequestContext, q: string, limit: number, cursor?: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const offset = (decodeCursor(cursor, 1) as [number] | null)?.[0] ?? 0;
      const keys = nameSearchText([q]);
      const digits = normalisePhone(q);
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(q.trim());
      await uow.tx.execute(sql`SET LOCAL pg_trgm.word_similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
      const term = q.trim();
      const caseNumberPattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const looksLikeName = !isDate && digits.length < 6 && keys.length > 0;
      const visible = visiblePersonIds(uow.actor);
      // Each way of finding someone is its own indexed lookup; their union is then ranked. Names:
      // unscoped callers walk the GiST trigram index nearest-first and stop after the page; scoped
      // callers compare names only among the (few hundred) people they may see – the function form,
      // not the indexable `<%`, each name fetched by primary key, and OFFSET 0 as a fence, so the
      // planner can neither scan everyone's names nor score every person before narrowing down.
      const nameLookup = !looksLikeName
        ? null
        : visible
          ? sql`SELECT vp.id, word_similarity(${keys}, vp.name_search) AS score
               FROM (SELECT v.id, (SELECT p.name_search FROM persons p WHERE p.id = v.id) AS name_search FROM visible v OFFSET 0) vp
               WHERE word_similarity(${keys}, vp.name_search) >= ${sql.raw(String(TRIGRAM_THRESHOLD))}`
          : sql`(SELECT p.id, word_similarity(${keys}, p.name_search) AS score FROM persons p WHERE ${keys} <% p.name_search
               ORDER BY ${keys} <<-> p.name_search LIMIT ${offset + limit + 1})`;
      const lookups = [
        nameLookup,
        sql`SELECT p.id, 1::real AS score FROM persons p WHERE p.national_id = ${term}`,
        digits.length >= 6 ? sql`SELECT p.id, 1::real AS score FROM persons p WHERE p.phone_keys @> ARRAY[${digits}]::text[]` : null,
        isDate ? sql`SELECT p.id, 0.9::real AS score FROM persons p WHERE p.birth_date = ${term}::date` : null,
        /\d/.test(term) && term.length >= 3
          ? sql`SELECT c.person_id AS id, 1::real AS score FROM cases c WHERE c.case_number ILIKE ${caseNumberPattern} AND ${caseVisibleTo(uow.actor, sql`c`)}`
          : null,
      ].filter((l) => l !== null);
      const rows = await uow.tx.execute<{
        id: string;
        given_name: string;
        family_name: string;
        birth_date: string | null;
        cases: { id: string; caseNumber: string }[] | null;
        score: number;
      }>(sql`
        WITH ${visible ? sql`visible AS MATERIALIZED (${visible}),` : sql``}
             hits AS (${sql.join(lookups, sql` UNION ALL `)}),
             best AS (SELECT id, max(score) AS score FROM hits GROUP BY id)
        SELECT p.id, p.given_name, p.family_name, p.birth_date, best.score,
               (SELECT json_agg(json_build_object('id', c.id, 'caseNumber', c.case_number) ORDER BY c.opened_at DESC) FROM cases c WHERE c.person_id = p.id AND ${caseVisibleTo(uow.actor, sql`c`)}) AS cases
        FROM best JOIN persons p ON p.id = best.id
        WHERE ${personVisibleTo(uow.actor, sql`p`)}
        ORDER BY best.score DESC, p.family_name, p.id
        LIMIT ${limit + 1} OFFSET ${offset}`);
      const items = rows.rows.slice(0, limit);
      // One event names everyone the page showed: the per-person access log finds it through person_ids.
      if (items.length > 0)
        uow.audit({
          action: 'person.search',
          entityType: 'person',
          personIds: items.map((r) => r.id),
          details: { shown: items.length, offset },
        });
      return {
        items: items.map((r) => ({
          personId: r.id,
          givenName: r.given_name,
          familyName: r.family_name,
          birthDate: r.birth_date,
          cases: r.cases ?? [],
          caseNumbers: (r.cases ?? []).map((c) => c.caseNumber),
          score: Math.round(Number(r.score) * 100),
        })),
        nextCursor: rows.rows.length > limit ? encodeCursor([offset + limit]) : null,
      };
    });
  }

  /** Drafts may hold what a worker typed about a person, so reading and writing them is audited too. */
  async getDraft(ctx: RequestContext, key: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx
        .select()
        .from(drafts)
        .where(and(eq(drafts.staffId, uow.actor.id), eq(drafts.formKey, key)));
      if (!row) throw notFound('The draft');
      uow.audit({ action: 'draft.read', entityType: 'draft', entityId: key });
      return { key, data: row.data, updatedAt: row.updatedAt.toISOString() };
    });
  }

  async saveDraft(ctx: RequestContext, key: string, data: unknown) {
    return inTransaction(this.db, ctx, async (uow) => {
      const updatedAt = new Date();
      await uow.tx
        .insert(drafts)
        .values({ staffId: uow.actor.id, formKey: key, data: data as object, updatedAt })
        .onConflictDoUpdate({ target: [drafts.staffId, drafts.formKey], set: { data: data as object, updatedAt } });
      uow.audit({ action: 'draft.save', entityType: 'draft', entityId: key });
      return { key, updatedAt: updatedAt.toISOString() };
    });
  }

  async deleteDraft(ctx: RequestContext, key: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await uow.tx.delete(drafts).where(and(eq(drafts.staffId, uow.actor.id), eq(drafts.formKey, key)));
      uow.audit({ action: 'draft.delete', entityType: 'draft', entityId: key });
      return { ok: true as const };
    });
  }
}
