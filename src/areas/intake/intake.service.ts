import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { decodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { clientRule, recordFailure, secondsBlocked } from '../auth/login-throttle.ts';
import type { CaseService } from '../case/case.service.ts';
import { type AgencySettings, agencySettings } from '../organisation/agency-settings.ts';
import { agency, partnerOrganisations } from '../organisation/organisation.schema.ts';
import { personInReach } from '../person/person.store.ts';
import { staff } from '../staff/staff.schema.ts';
import { alertSupervisorsOnDuty } from '../work/work.store.ts';
import type {
  createRequestBody,
  decisionBody,
  interviewBody,
  publicRequestBody,
  requestStatus,
  updateInterviewBody,
  updateRequestBody,
} from './intake.contract.ts';
import { referralDirectory } from './intake.schema.ts';
import {
  casesOfRequests,
  decisionsOfRequest,
  type InterviewRow,
  insertInterview,
  insertPublicRequest,
  insertReferral,
  insertRequest,
  interviewInReach,
  interviewsOfRequest,
  type OpenedCaseRow,
  type ReferralRow,
  type RequestRow,
  recordIntakeDecision,
  referralInReach,
  referralsOfRequest,
  requestInReach,
  requestQueuePage,
  updateInterview,
  updateReferral,
  updateRequest,
} from './intake.store.ts';
import { firstResponseDueAt, type RequestForScreening, type ScreeningResult, screenRequest } from './screening.rules.ts';

type RequestStatus = z.infer<typeof requestStatus>;
type Priority = 'urgent' | 'high' | 'normal' | 'low';
const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export const presentRequest = (r: RequestRow, openedCases: ReadonlyMap<string, OpenedCaseRow> = new Map()) => ({
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
  openedCase: presentOpenedCase(r.caseId ? openedCases.get(r.caseId) : undefined),
  version: r.version,
});

const presentOpenedCase = (c: OpenedCaseRow | undefined) =>
  c ? { id: c.id, caseNumber: c.caseNumber, responsibleName: c.responsibleName, unitName: c.unitName, may: { open: c.inReach } } : null;

const newReceiptNumber = () =>
  `R-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

type AgencyRules = Pick<AgencySettings, 'serviceCategories' | 'catchmentRegions' | 'minimumAge' | 'maximumAge' | 'urgentResponseHours'>;

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
    helpSeekerKind?: string;
    afterFailedAttempt?: boolean;
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
      helpSeekerKind: r.helpSeekerKind as RequestForScreening['helpSeekerKind'],
      afterFailedAttempt: r.afterFailedAttempt ?? false,
    },
  );
  const urgentByTriage = r.dangerToLife || r.childAtRisk || r.selfHarm;
  const priority: Priority = urgentByTriage ? 'urgent' : (chosenPriority ?? screening.suggestedPriority);
  const due = firstResponseDueAt(r.receivedAt, priority, { urgent: rules.urgentResponseHours, high: 72, normal: 168, low: 336 });
  return { screening, priority, due };
}

/** A mandated help-seeker (a court, a prison, compulsory treatment) is recorded with the body that mandated them. */
function assertMandatingBody(r: { helpSeekerKind: string; mandatingBody: string | null | undefined }) {
  if (r.helpSeekerKind === 'mandated' && !r.mandatingBody?.trim())
    throw invalidField('mandatingBody', 'required', 'Name the body that mandated the person to come');
}

/** Requests: first contact, screening and triage, the intake decision, referral out and the interview record. */
export class RequestService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
  ) {}

  /** What screening takes from the linked person: age, and the home region when the request names none. */
  private async personFacts(uow: UnitOfWork, personId: string | null): Promise<{ birthDate: string | null; region: string | null }> {
    if (!personId) return { birthDate: null, region: null };
    const person = await personInReach(uow.door, personId, 'request.link_person');
    return { birthDate: person.birthDate, region: person.region };
  }

  async create(ctx: RequestContext, input: z.infer<typeof createRequestBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      assertMandatingBody(input);
      const facts = await this.personFacts(uow, input.personId);
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
      if (receivedAt.getTime() > Date.now() + 5 * 60_000)
        throw invalidField('receivedAt', 'in_future', 'The request cannot have been received in the future');
      const { screening, priority, due } = assess(
        await agencySettings(uow.tx),
        { ...input, ...input.triage, region: input.region ?? facts.region, birthDate: facts.birthDate, receivedAt },
        input.priority,
      );
      const { triage, informedOfScopeAndConfidentiality, priority: _p, receivedAt: _r, ...fields } = input;
      const row = await insertRequest(uow.door, {
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
      });
      if (priority === 'urgent') await alertSupervisorsOnDuty(uow.tx, row.id);
      uow.audit({ action: 'request.create', entityType: 'request', entityId: row.id, personId: row.personId, details: { priority } });
      return presentRequest(row);
    });
  }

  /** The public online form. A honeypot field and a per-address limit keep bots out; the answer is only a receipt number. */
  async createPublic(ctx: RequestContext, input: z.infer<typeof publicRequestBody>): Promise<{ receiptNumber: string }> {
    if (input.website) return { receiptNumber: newReceiptNumber() }; // a bot: looks accepted, nothing stored
    const key = `public-form:${ctx.clientIp ?? 'unknown'}`;
    const wait = await secondsBlocked(this.db, [key]);
    if (wait > 0)
      throw new DomainError('too_many_attempts', `Too many requests from this address. Try again in ${wait} seconds.`, undefined, wait);
    const [target] = await this.db
      .select({ id: agency.id })
      .from(agency)
      .where(and(eq(agency.id, input.agencyId), eq(agency.active, true)));
    if (!target) throw invalidField('agencyId', 'not_found', 'No such agency takes requests here');
    return inTransaction(this.db, { ...ctx, agencyId: target.id }, async (uow) => {
      await recordFailure(uow.tx, key, { ...clientRule, freeAttempts: 5 }); // every submission counts towards the limit
      const receivedAt = new Date();
      const { screening, priority, due } = assess(await agencySettings(uow.tx), {
        serviceCategory: null,
        region: input.region,
        birthDate: null,
        dangerToLife: input.immediateDanger,
        childAtRisk: false,
        selfHarm: false,
        receivedAt,
      });
      const row = await insertPublicRequest(uow.tx, {
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
      });
      if (priority === 'urgent') await alertSupervisorsOnDuty(uow.tx, row.id);
      uow.audit({ action: 'request.create_public', entityType: 'request', entityId: row.id, details: { priority } });
      return { receiptNumber: row.receiptNumber };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await requestInReach(uow.door, id, 'request.read');
      return presentRequest(row, await casesOfRequests(uow.door, [row]));
    });
  }

  /** The intake queue: urgent first, then oldest first. */
  async queue(ctx: RequestContext, query: { status: RequestStatus; limit: number; cursor?: string | undefined }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(query.cursor, 3) as [number, string, string] | null;
      const page = await requestQueuePage(uow.door, query.status, query.limit, after);
      const openedCases = await casesOfRequests(uow.door, page.items);
      return presentPage(
        page,
        (r) => presentRequest(r, openedCases),
        (r) => [priorityRank[r.priority as Priority], r.receivedAt.toISOString(), r.id],
      );
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateRequestBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await requestInReach(uow.door, id, 'request.update', { lock: true });
      if (current.version !== input.version) throw versionConflict('The request');
      const { version: _v, triage, informedOfScopeAndConfidentiality, priority, receivedAt: _r, ...fields } = input;
      const merged = { ...current, ...fields, ...(triage ?? {}) };
      assertMandatingBody(merged);
      const facts = await this.personFacts(uow, merged.personId);
      const assessed = assess(
        await agencySettings(uow.tx),
        { ...merged, region: merged.region ?? facts.region, birthDate: facts.birthDate },
        (priority ?? current.priority) as Priority,
      );
      const becameUrgent = assessed.priority === 'urgent' && current.priority !== 'urgent';
      const row = await updateRequest(uow.door, id, {
        ...fields,
        ...(triage ?? {}),
        priority: assessed.priority,
        firstResponseDueAt: assessed.due,
        screening: assessed.screening,
        ...(informedOfScopeAndConfidentiality && !current.informedAt ? { informedAt: new Date() } : {}),
      });
      if (becameUrgent) await alertSupervisorsOnDuty(uow.tx, id);
      uow.audit({
        action: 'request.update',
        entityType: 'request',
        entityId: id,
        personId: row.personId,
        details: { fields: Object.keys(input) },
      });
      return presentRequest(row, await casesOfRequests(uow.door, [row]));
    });
  }

  /** The intake decision: accept (opens a case), information only, refer out, decline – or reopen a decided request. */
  async decide(ctx: RequestContext, id: string, body: z.infer<typeof decisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await requestInReach(uow.door, id, 'request.decide', { lock: true });
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
          if (body.directoryId && body.partnerOrganisationId)
            throw invalidField('partnerOrganisationId', 'one_of', 'Choose a directory entry or a partner organisation, not both');
          if (body.directoryId) {
            const [entry] = await uow.tx.select().from(referralDirectory).where(eq(referralDirectory.id, body.directoryId));
            if (!entry) throw invalidField('directoryId', 'not_found', 'No such organisation in the directory');
            name = entry.name;
            contact = [entry.address, entry.phone, entry.email].filter(Boolean).join(' · ') || null;
          }
          if (body.partnerOrganisationId) {
            const [partner] = await uow.tx
              .select()
              .from(partnerOrganisations)
              .where(eq(partnerOrganisations.id, body.partnerOrganisationId));
            if (!partner) throw invalidField('partnerOrganisationId', 'not_found', 'No such partner organisation');
            name = partner.name;
            contact = [partner.contactPerson, partner.address, partner.phone, partner.email].filter(Boolean).join(' · ') || null;
          }
          if (!name) throw invalidField('organisationName', 'required', 'Choose an organisation from the directory or type its name');
          await insertReferral(uow.door, {
            requestId: id,
            directoryId: body.directoryId,
            partnerOrganisationId: body.partnerOrganisationId,
            organisationName: name,
            organisationContact: contact,
            reason: body.reason,
            reasonText: body.reasonText,
            letterLanguage: body.letterLanguage ?? current.language,
            followUpDueAt: new Date(Date.now() + body.followUpInDays * 86_400_000),
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
      await recordIntakeDecision(uow.door, { requestId: id, decision: body.decision, reason, informationGiven });
      const row = await updateRequest(uow.door, id, { status, caseId, firstRespondedAt: current.firstRespondedAt ?? new Date() });
      uow.audit({
        action: `request.${body.decision}`,
        entityType: 'request',
        entityId: id,
        personId: current.personId,
        details: { reason },
      });
      return presentRequest(row, await casesOfRequests(uow.door, [row]));
    });
  }

  async decisions(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const request = await requestInReach(uow.door, id, 'request.decisions');
      const rows = await decisionsOfRequest(uow.door, request, 'request.decisions');
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
      const request = await requestInReach(uow.door, id, 'request.referrals');
      return (await referralsOfRequest(uow.door, request, 'request.referrals')).map(presentReferral);
    });
  }

  /** For the printed referral letter: the referral, its request and the person, in the letter's language. */
  async referralForLetter(ctx: RequestContext, referralId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { referral, request } = await referralInReach(uow.door, referralId, 'referral.letter');
      const person = request.personId ? await personInReach(uow.door, request.personId, 'referral.letter') : null;
      const [author] = await uow.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, referral.createdBy));
      uow.audit({ action: 'referral.letter', entityType: 'referral', entityId: referralId, personId: request.personId });
      const settings = await agencySettings(uow.tx);
      return {
        referral,
        request,
        person,
        agency: { name: settings.name, address: settings.address, phone: settings.phone, email: settings.email },
        authorName: author?.name ?? '',
        timeZone: settings.timeZone,
      };
    });
  }

  /** The reminder's answer: did the person arrive at the organisation they were referred to? */
  async confirmArrival(ctx: RequestContext, referralId: string, arrived: boolean, note: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { referral, request } = await referralInReach(uow.door, referralId, 'referral.arrival', { lock: true });
      const row = await updateReferral(uow.door, referralId, {
        arrivalConfirmedAt: arrived ? new Date() : null,
        arrivalNote: note || (arrived ? null : 'not arrived'),
        followUpDueAt: arrived ? referral.followUpDueAt : new Date(Date.now() + 7 * 86_400_000),
      });
      uow.audit({
        action: 'referral.arrival',
        entityType: 'referral',
        entityId: referralId,
        personId: request.personId,
        details: { arrived },
      });
      return presentReferral(row);
    });
  }

  async addInterview(ctx: RequestContext, requestId: string, input: z.infer<typeof interviewBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const request = await requestInReach(uow.door, requestId, 'interview.create');
      const row = await insertInterview(uow.door, { ...input, requestId });
      uow.audit({ action: 'interview.create', entityType: 'interview', entityId: row.id, personId: request.personId });
      return presentInterview(row);
    });
  }

  async updateInterview(ctx: RequestContext, interviewId: string, input: z.infer<typeof updateInterviewBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { interview, request } = await interviewInReach(uow.door, interviewId, 'interview.update', { lock: true });
      const { version, ...fields } = input;
      if (interview.version !== version) throw versionConflict('The interview record');
      const row = await updateInterview(uow.door, interviewId, fields);
      uow.audit({ action: 'interview.update', entityType: 'interview', entityId: interviewId, personId: request.personId });
      return presentInterview(row);
    });
  }

  async interviews(ctx: RequestContext, requestId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const request = await requestInReach(uow.door, requestId, 'interview.read');
      return (await interviewsOfRequest(uow.door, request, 'interview.read')).map(presentInterview);
    });
  }
}

const presentReferral = (r: ReferralRow) => ({
  id: r.id,
  requestId: r.requestId,
  directoryId: r.directoryId,
  partnerOrganisationId: r.partnerOrganisationId,
  organisationName: r.organisationName,
  organisationContact: r.organisationContact,
  reason: r.reason as never,
  reasonText: r.reasonText,
  letterLanguage: r.letterLanguage,
  followUpDueAt: r.followUpDueAt.toISOString(),
  arrivalConfirmedAt: r.arrivalConfirmedAt?.toISOString() ?? null,
  arrivalNote: r.arrivalNote,
});

const presentInterview = (i: InterviewRow) => ({
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
