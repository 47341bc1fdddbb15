import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { requestVisibleTo } from '../../core/scopes.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { clientRule, recordFailure, secondsBlocked } from '../auth/login-throttle.ts';
import type { CaseService } from '../case/case.service.ts';
import { agency } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import type { PersonService } from '../person/person.service.ts';
import { staff } from '../staff/staff.schema.ts';
import { alerts } from '../work/work.schema.ts';
import type {
  createRequestBody,
  decisionBody,
  interviewBody,
  publicRequestBody,
  updateInterviewBody,
  updateRequestBody,
} from './intake.contract.ts';
import { intakeDecisions, intakeInterviews, referralDirectory, referralsOut, requests } from './intake.schema.ts';
import { firstResponseDueAt, type ScreeningResult, screenRequest } from './screening.rules.ts';

type RequestRow = typeof requests.$inferSelect;
type Priority = 'urgent' | 'high' | 'normal' | 'low';
const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const priorityRankSql = sql`CASE ${requests.priority} WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

export const presentRequest = (r: RequestRow) => ({
  id: r.id,
  receiptNumber: r.receiptNumber,
  channel: r.channel as never,
  cameVia: r.cameVia as never,
  referringAgency: r.referringAgency,
  receivedAt: r.receivedAt.toISOString(),
  receivedBy: r.receivedBy,
  personId: r.personId,
  anonymousLabel: r.anonymousLabel,
  contactName: r.contactName,
  contactPhone: r.contactPhone,
  contactEmail: r.contactEmail,
  language: r.language,
  ownWords: r.ownWords,
  mainProblem: r.mainProblem,
  problemOrigin: r.problemOrigin,
  previousHelp: r.previousHelp,
  afterFailedAttempt: r.afterFailedAttempt,
  expectedResult: r.expectedResult,
  helpSeekerKind: r.helpSeekerKind as never,
  mandatingBody: r.mandatingBody,
  informedAt: r.informedAt?.toISOString() ?? null,
  serviceCategory: r.serviceCategory,
  region: r.region,
  triage: { dangerToLife: r.dangerToLife, childAtRisk: r.childAtRisk, selfHarm: r.selfHarm },
  priority: r.priority as Priority,
  firstResponseDueAt: r.firstResponseDueAt.toISOString(),
  screening: (r.screening as ScreeningResult | null) ?? null,
  status: r.status as never,
  caseId: r.caseId,
  version: r.version,
});

const newReceiptNumber = () =>
  `R-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

interface AgencyRules {
  serviceCategories: string[];
  catchmentRegions: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  urgentResponseHours: number;
}

async function agencyRules(tx: Transaction | Database): Promise<AgencyRules> {
  const [a] = await tx
    .select({
      serviceCategories: agency.serviceCategories,
      catchmentRegions: agency.catchmentRegions,
      minimumAge: agency.minimumAge,
      maximumAge: agency.maximumAge,
      urgentResponseHours: agency.urgentResponseHours,
    })
    .from(agency)
    .where(eq(agency.id, 1));
  return a!;
}

/** Screening, priority and the first-response deadline, from the agency's rules and the triage answers. */
function assess(
  rules: AgencyRules,
  r: {
    serviceCategory: string | null;
    region: string | null;
    birthDate: string | null;
    dangerToLife: boolean;
    childAtRisk: boolean;
    selfHarm: boolean;
    receivedAt: Date;
  },
  chosenPriority?: Priority,
) {
  const screening = screenRequest(
    {
      serviceCategories: rules.serviceCategories,
      catchmentRegions: rules.catchmentRegions,
      minimumAge: rules.minimumAge ?? undefined,
      maximumAge: rules.maximumAge ?? undefined,
    },
    {
      serviceCategory: r.serviceCategory ?? undefined,
      region: r.region ?? undefined,
      birthDate: r.birthDate ?? undefined,
      triage: { dangerToLife: r.dangerToLife, childAtRisk: r.childAtRisk, selfHarm: r.selfHarm },
    },
  );
  const urgentByTriage = r.dangerToLife || r.childAtRisk || r.selfHarm;
  const priority: Priority = urgentByTriage ? 'urgent' : (chosenPriority ?? screening.suggestedPriority);
  const due = firstResponseDueAt(r.receivedAt, priority, { urgent: rules.urgentResponseHours, high: 72, normal: 168, low: 336 });
  return { screening, priority, due };
}

/** Supervisors on duty (or, when none is, every active supervisor) hear of an urgent request at once. */
async function alertSupervisors(tx: Transaction, requestId: string): Promise<number> {
  const inserted = await tx.execute(sql`
    INSERT INTO alerts (recipient_id, kind, request_id)
    SELECT s.id, 'urgent_request', ${requestId} FROM staff s
    WHERE s.status = 'active' AND 'supervisor' = ANY(s.roles)
      AND (s.on_duty OR NOT EXISTS (SELECT 1 FROM staff d WHERE d.status = 'active' AND d.on_duty AND 'supervisor' = ANY(d.roles)))
    RETURNING 1`);
  return inserted.rows.length;
}

/** Requests: first contact, screening and triage, the intake decision, referral out and the interview record. */
export class RequestService {
  constructor(
    private readonly db: Database,
    private readonly persons: PersonService,
    private readonly cases: CaseService,
  ) {}

  async visibleRequest(uow: UnitOfWork, id: string, action: string, lock = false): Promise<RequestRow> {
    const query = uow.tx
      .select()
      .from(requests)
      .where(and(eq(requests.id, id), requestVisibleTo(uow.actor, sql`${requests}`)));
    const [row] = lock ? await query.for('update') : await query;
    if (row) return row;
    const [exists] = await uow.tx.select({ personId: requests.personId }).from(requests).where(eq(requests.id, id));
    if (exists) uow.auditDenied({ action, entityType: 'request', entityId: id, personId: exists.personId });
    throw notFound('The request');
  }

  /** What screening takes from the linked person: age, and the home region when the request names none. */
  private async personFacts(uow: UnitOfWork, personId: string | null): Promise<{ birthDate: string | null; region: string | null }> {
    if (!personId) return { birthDate: null, region: null };
    const person = await this.persons.visiblePerson(uow, personId, 'request.link_person');
    return { birthDate: person.birthDate, region: person.region };
  }

  async create(ctx: RequestContext, input: z.infer<typeof createRequestBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const facts = await this.personFacts(uow, input.personId);
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
      if (receivedAt.getTime() > Date.now() + 5 * 60_000)
        throw invalidField('receivedAt', 'in_future', 'The request cannot have been received in the future');
      const { screening, priority, due } = assess(
        await agencyRules(uow.tx),
        { ...input, ...input.triage, region: input.region ?? facts.region, birthDate: facts.birthDate, receivedAt },
        input.priority,
      );
      const { triage, informedOfScopeAndConfidentiality, priority: _p, receivedAt: _r, ...fields } = input;
      const [row] = await uow.tx
        .insert(requests)
        .values({
          ...fields,
          ...triage,
          receivedAt,
          receiptNumber: newReceiptNumber(),
          receivedBy: uow.actor.id,
          assignedTo: uow.actor.id,
          informedAt: informedOfScopeAndConfidentiality ? new Date() : null,
          priority,
          firstResponseDueAt: due,
          screening,
          unitId: uow.actor.unitId,
        })
        .returning();
      if (priority === 'urgent') await alertSupervisors(uow.tx, row!.id);
      uow.audit({ action: 'request.create', entityType: 'request', entityId: row!.id, personId: row!.personId, details: { priority } });
      return presentRequest(row!);
    });
  }

  /** The public online form. A honeypot field and a per-address limit keep bots out; the answer is only a receipt number. */
  async createPublic(ctx: RequestContext, input: z.infer<typeof publicRequestBody>): Promise<{ receiptNumber: string }> {
    if (input.website) return { receiptNumber: newReceiptNumber() }; // a bot: looks accepted, nothing stored
    const key = `public-form:${ctx.clientIp ?? 'unknown'}`;
    const wait = await secondsBlocked(this.db, [key]);
    if (wait > 0)
      throw new DomainError('too_many_attempts', `Too many requests from this address. Try again in ${wait} seconds.`, undefined, wait);
    return inTransaction(this.db, ctx, async (uow) => {
      await recordFailure(uow.tx, key, { ...clientRule, freeAttempts: 5 }); // every submission counts towards the limit
      const receivedAt = new Date();
      const { screening, priority, due } = assess(await agencyRules(uow.tx), {
        serviceCategory: null,
        region: input.region,
        birthDate: null,
        dangerToLife: input.immediateDanger,
        childAtRisk: false,
        selfHarm: false,
        receivedAt,
      });
      const [row] = await uow.tx
        .insert(requests)
        .values({
          receiptNumber: newReceiptNumber(),
          channel: 'online_form',
          cameVia: 'self',
          receivedAt,
          language: input.language,
          ownWords: input.ownWords,
          contactName: input.name || null,
          contactPhone: input.phone,
          contactEmail: input.email,
          region: input.region,
          dangerToLife: input.immediateDanger,
          priority,
          firstResponseDueAt: due,
          screening,
          anonymousLabel: input.name ? null : 'online',
        })
        .returning();
      if (priority === 'urgent') await alertSupervisors(uow.tx, row!.id);
      uow.audit({ action: 'request.create_public', entityType: 'request', entityId: row!.id, details: { priority } });
      return { receiptNumber: row!.receiptNumber };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await this.visibleRequest(uow, id, 'request.read');
      uow.audit({ action: 'request.read', entityType: 'request', entityId: id, personId: row.personId });
      return presentRequest(row);
    });
  }

  /** The intake queue: urgent first, then oldest first. */
  async queue(ctx: RequestContext, query: { status: string; limit: number; cursor?: string }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(query.cursor, 3) as [number, string, string] | null;
      const rows = await uow.tx
        .select()
        .from(requests)
        .where(
          and(
            eq(requests.status, query.status),
            requestVisibleTo(uow.actor, sql`${requests}`),
            after
              ? sql`(${priorityRankSql}, ${requests.receivedAt}, ${requests.id}) > (${after[0]}, ${after[1]}::timestamptz, ${after[2]}::uuid)`
              : undefined,
          ),
        )
        .orderBy(priorityRankSql, asc(requests.receivedAt), asc(requests.id))
        .limit(query.limit + 1);
      const hasMore = rows.length > query.limit;
      const items = rows.slice(0, query.limit);
      for (const r of items) uow.audit({ action: 'request.list', entityType: 'request', entityId: r.id, personId: r.personId });
      const last = items[items.length - 1];
      return {
        items: items.map(presentRequest),
        nextCursor:
          hasMore && last ? encodeCursor([priorityRank[last.priority as Priority], last.receivedAt.toISOString(), last.id]) : null,
      };
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateRequestBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await this.visibleRequest(uow, id, 'request.update', true);
      if (current.version !== input.version) throw versionConflict('The request');
      const { version: _v, triage, informedOfScopeAndConfidentiality, priority, receivedAt: _r, ...fields } = input;
      const merged = { ...current, ...fields, ...(triage ?? {}) };
      const facts = await this.personFacts(uow, merged.personId);
      const assessed = assess(
        await agencyRules(uow.tx),
        { ...merged, region: merged.region ?? facts.region, birthDate: facts.birthDate },
        (priority ?? current.priority) as Priority,
      );
      const becameUrgent = assessed.priority === 'urgent' && current.priority !== 'urgent';
      const [row] = await uow.tx
        .update(requests)
        .set({
          ...fields,
          ...(triage ?? {}),
          priority: assessed.priority,
          firstResponseDueAt: assessed.due,
          screening: assessed.screening,
          ...(informedOfScopeAndConfidentiality && !current.informedAt ? { informedAt: new Date() } : {}),
          version: sql`${requests.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(requests.id, id))
        .returning();
      if (becameUrgent) await alertSupervisors(uow.tx, id);
      uow.audit({
        action: 'request.update',
        entityType: 'request',
        entityId: id,
        personId: row!.personId,
        details: { fields: Object.keys(input) },
      });
      return presentRequest(row!);
    });
  }

  /** The intake decision: accept (opens a case), information only, refer out, decline – or reopen a decided request. */
  async decide(ctx: RequestContext, id: string, body: z.infer<typeof decisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await this.visibleRequest(uow, id, 'request.decide', true);
      if (current.version !== body.version) throw versionConflict('The request');
      if (body.decision === 'reopen' ? current.status === 'open' : current.status !== 'open') {
        throw new DomainError(
          'transition_not_allowed',
          body.decision === 'reopen' ? 'The request is already open' : 'The request was already decided; reopen it first',
        );
      }
      let status = current.status;
      let caseId = current.caseId;
      let reason = '';
      let informationGiven: string | null = null;
      switch (body.decision) {
        case 'accept': {
          if (!current.personId) throw invalidField('personId', 'required', 'Register or choose the person before opening a case');
          const opened = await this.cases.openIn(uow, {
            personId: current.personId,
            unitId: body.unitId,
            responsibleStaffId: body.responsibleStaffId,
            teamStaffIds: body.teamStaffIds,
            priority: current.priority as Priority,
          });
          caseId = opened.id;
          status = 'accepted';
          break;
        }
        case 'information_only':
          status = 'information_given';
          informationGiven = body.informationGiven;
          break;
        case 'refer_out': {
          let name = body.organisationName;
          let contact = body.organisationContact;
          if (body.directoryId) {
            const [entry] = await uow.tx.select().from(referralDirectory).where(eq(referralDirectory.id, body.directoryId));
            if (!entry) throw invalidField('directoryId', 'not_found', 'No such organisation in the directory');
            name = entry.name;
            contact = [entry.address, entry.phone, entry.email].filter(Boolean).join(' · ') || null;
          }
          if (!name) throw invalidField('organisationName', 'required', 'Choose an organisation from the directory or type its name');
          await uow.tx.insert(referralsOut).values({
            requestId: id,
            directoryId: body.directoryId,
            organisationName: name,
            organisationContact: contact,
            reason: body.reason,
            reasonText: body.reasonText,
            letterLanguage: body.letterLanguage ?? current.language,
            followUpDueAt: new Date(Date.now() + body.followUpInDays * 86_400_000),
            createdBy: uow.actor.id,
          });
          status = 'referred_out';
          reason = body.reason;
          break;
        }
        case 'decline':
          status = 'declined';
          reason = body.reason;
          break;
        case 'reopen':
          status = 'open';
          reason = body.reason;
          break;
      }
      await uow.tx
        .insert(intakeDecisions)
        .values({ requestId: id, decision: body.decision, reason, informationGiven, decidedBy: uow.actor.id });
      const [row] = await uow.tx
        .update(requests)
        .set({
          status,
          caseId,
          firstRespondedAt: current.firstRespondedAt ?? new Date(),
          version: sql`${requests.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(requests.id, id))
        .returning();
      uow.audit({
        action: `request.${body.decision}`,
        entityType: 'request',
        entityId: id,
        personId: current.personId,
        details: { reason },
      });
      return presentRequest(row!);
    });
  }

  async decisions(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const r = await this.visibleRequest(uow, id, 'request.decisions');
      const rows = await uow.tx
        .select({ d: intakeDecisions, name: staff.displayName })
        .from(intakeDecisions)
        .leftJoin(staff, eq(staff.id, intakeDecisions.decidedBy))
        .where(eq(intakeDecisions.requestId, id))
        .orderBy(asc(intakeDecisions.decidedAt));
      uow.audit({ action: 'request.decisions', entityType: 'request', entityId: id, personId: r.personId });
      return rows.map(({ d, name }) => ({
        id: d.id,
        decision: d.decision as never,
        reason: d.reason,
        informationGiven: d.informationGiven,
        decidedBy: d.decidedBy,
        decidedByName: name,
        decidedAt: d.decidedAt.toISOString(),
      }));
    });
  }

  async referrals(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const r = await this.visibleRequest(uow, id, 'request.referrals');
      const rows = await uow.tx.select().from(referralsOut).where(eq(referralsOut.requestId, id)).orderBy(desc(referralsOut.createdAt));
      uow.audit({ action: 'request.referrals', entityType: 'request', entityId: id, personId: r.personId });
      return rows.map(presentReferral);
    });
  }

  /** For the printed referral letter: the referral, its request and the person, in the letter's language. */
  async referralForLetter(ctx: RequestContext, referralId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [referral] = await uow.tx.select().from(referralsOut).where(eq(referralsOut.id, referralId));
      if (!referral) throw notFound('The referral');
      const request = await this.visibleRequest(uow, referral.requestId, 'referral.letter');
      const [person] = request.personId ? await uow.tx.select().from(persons).where(eq(persons.id, request.personId)) : [];
      const [a] = await uow.tx.select({ name: agency.name }).from(agency).where(eq(agency.id, 1));
      const [author] = await uow.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, referral.createdBy));
      uow.audit({ action: 'referral.letter', entityType: 'referral', entityId: referralId, personId: request.personId });
      return { referral, request, person: person ?? null, agencyName: a!.name, authorName: author?.name ?? '' };
    });
  }

  /** The reminder's answer: did the person arrive at the organisation they were referred to? */
  async confirmArrival(ctx: RequestContext, referralId: string, arrived: boolean, note: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [referral] = await uow.tx.select().from(referralsOut).where(eq(referralsOut.id, referralId)).for('update');
      if (!referral) throw notFound('The referral');
      const request = await this.visibleRequest(uow, referral.requestId, 'referral.arrival');
      const [row] = await uow.tx
        .update(referralsOut)
        .set({
          arrivalConfirmedAt: arrived ? new Date() : null,
          arrivalNote: note || (arrived ? null : 'not arrived'),
          followUpDueAt: arrived ? referral.followUpDueAt : new Date(Date.now() + 7 * 86_400_000),
        })
        .where(eq(referralsOut.id, referralId))
        .returning();
      uow.audit({
        action: 'referral.arrival',
        entityType: 'referral',
        entityId: referralId,
        personId: request.personId,
        details: { arrived },
      });
      return presentReferral(row!);
    });
  }

  async addInterview(ctx: RequestContext, requestId: string, input: z.infer<typeof interviewBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const request = await this.visibleRequest(uow, requestId, 'interview.create');
      const [row] = await uow.tx
        .insert(intakeInterviews)
        .values({ ...input, requestId, authorId: uow.actor.id })
        .returning();
      uow.audit({ action: 'interview.create', entityType: 'interview', entityId: row!.id, personId: request.personId });
      return presentInterview(row!);
    });
  }

  async updateInterview(ctx: RequestContext, interviewId: string, input: z.infer<typeof updateInterviewBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [current] = await uow.tx.select().from(intakeInterviews).where(eq(intakeInterviews.id, interviewId)).for('update');
      if (!current) throw notFound('The interview record');
      const request = await this.visibleRequest(uow, current.requestId, 'interview.update');
      const { version, ...fields } = input;
      if (current.version !== version) throw versionConflict('The interview record');
      const [row] = await uow.tx
        .update(intakeInterviews)
        .set({ ...fields, version: sql`${intakeInterviews.version} + 1`, updatedAt: new Date() })
        .where(eq(intakeInterviews.id, interviewId))
        .returning();
      uow.audit({ action: 'interview.update', entityType: 'interview', entityId: interviewId, personId: request.personId });
      return presentInterview(row!);
    });
  }

  async interviews(ctx: RequestContext, requestId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const request = await this.visibleRequest(uow, requestId, 'interview.read');
      const rows = await uow.tx
        .select()
        .from(intakeInterviews)
        .where(eq(intakeInterviews.requestId, requestId))
        .orderBy(asc(intakeInterviews.heldAt));
      uow.audit({ action: 'interview.read', entityType: 'request', entityId: requestId, personId: request.personId });
      return rows.map(presentInterview);
    });
  }

  async myAlerts(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const rows = await uow.tx
        .select({ a: alerts, r: { receiptNumber: requests.receiptNumber, priority: requests.priority, personId: requests.personId } })
        .from(alerts)
        .leftJoin(requests, eq(requests.id, alerts.requestId))
        .where(and(eq(alerts.recipientId, uow.actor.id), sql`${alerts.readAt} IS NULL`))
        .orderBy(desc(alerts.createdAt))
        .limit(100);
      for (const { a, r } of rows) uow.audit({ action: 'alert.read', entityType: 'alert', entityId: a.id, personId: r?.personId ?? null });
      return rows.map(({ a, r }) => ({
        id: a.id,
        kind: a.kind,
        requestId: a.requestId,
        caseId: a.caseId,
        receiptNumber: r?.receiptNumber ?? null,
        createdAt: a.createdAt.toISOString(),
      }));
    });
  }

  async dismissAlert(ctx: RequestContext, alertId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx
        .update(alerts)
        .set({ readAt: new Date() })
        .where(and(eq(alerts.id, alertId), eq(alerts.recipientId, uow.actor.id)))
        .returning();
      if (!row) throw notFound('The alert');
      uow.audit({ action: 'alert.dismiss', entityType: 'alert', entityId: alertId });
      return { ok: true as const };
    });
  }
}

const presentReferral = (r: typeof referralsOut.$inferSelect) => ({
  id: r.id,
  requestId: r.requestId,
  directoryId: r.directoryId,
  organisationName: r.organisationName,
  organisationContact: r.organisationContact,
  reason: r.reason as never,
  reasonText: r.reasonText,
  letterLanguage: r.letterLanguage,
  followUpDueAt: r.followUpDueAt.toISOString(),
  arrivalConfirmedAt: r.arrivalConfirmedAt?.toISOString() ?? null,
  arrivalNote: r.arrivalNote,
});

const presentInterview = (i: typeof intakeInterviews.$inferSelect) => ({
  id: i.id,
  requestId: i.requestId,
  heldAt: i.heldAt.toISOString(),
  purpose: i.purpose,
  course: i.course,
  evaluation: i.evaluation,
  suggestions: i.suggestions,
  willingness: i.willingness as never,
  willingnessNote: i.willingnessNote,
  problemAndExpectation: i.problemAndExpectation,
  earlierHelp: i.earlierHelp,
  resourcesFit: i.resourcesFit,
  requirementsFit: i.requirementsFit,
  authorId: i.authorId,
  version: i.version,
});
