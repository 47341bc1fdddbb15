import type { z } from 'zod';
import { addCalendarDays, calendarDateIn } from '../../core/calendar-date.ts';
import { type LocaleCode, supportedLocales } from '../../core/common.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { decodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { type CaseRow, caseInReach } from '../case/case.store.ts';
import type { RecipientCategory } from '../consent/consent.contract.ts';
import { checkDisclosure, type DisclosureRecipient } from '../consent/consent.rules.ts';
import { insertDisclosure, organisationRecipient } from '../consent/consent.store.ts';
import { partnersWithAgreementInForce } from '../cooperation/cooperation.service.ts';
import { entryFromPartner } from '../journal/journal.service.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { PlanContent } from '../plan/plan.contract.ts';
import { plansOfCaseIn, stepForProgress, updateStepProgress } from '../plan/plan.store.ts';
import { alertStaff } from '../work/work.store.ts';
import {
  cancelReason,
  type cancelVoucherBody,
  declineReason,
  type IssueVoucherBody,
  type inboxQuery,
  notProvidedReason,
  type PartnerVoucher,
  type partnerActionBody,
  type personWordBody,
  type Voucher,
  type VoucherAction,
  type VoucherCategory,
  type visitBody,
  type voucherActionBody,
  voucherCategory,
} from './voucher.contract.ts';
import { renderVoucher } from './voucher.document.ts';
import { answerDueOn, availableVoucherActions, voucherTransition } from './voucher.rules.ts';
import {
  type AddressedVoucher,
  directoryServiceOf,
  eventsOfVouchers,
  type GateFacts,
  gateFactsOf,
  gateFactsOfMany,
  insertVisit,
  insertVoucher,
  insertVoucherEvent,
  nextVoucherCounter,
  partnerInbox,
  responsibleWorkerOf,
  staffNameOf,
  updateVoucher,
  type VisitRow,
  type VoucherEventRow,
  type VoucherRow,
  type VoucherWithNames,
  visitsOfVouchers,
  voucherAddressed,
  voucherInReach,
  vouchersOfCase,
} from './voucher.store.ts';
import { voucherAsFhir } from './voucher-fhir.rules.ts';

/** What a voucher carries of the person, by category, as given at issue. */
export interface DisclosedContent {
  identity?: { name: string; latinName: string | null; birthDate: string | null; phone: string | null; languages: string[] };
  request_assessment?: { reason: string };
  plan?: { forPartner: string };
}

const REASONS: Partial<Record<VoucherAction, readonly string[]>> = {
  decline: declineReason.options,
  not_provided: notProvidedReason.options,
  cancel: cancelReason.options,
};

const formatNumber = (prefix: string, year: number, n: number) => `${prefix}-V${year}-${String(n).padStart(5, '0')}`;

const presentVisit = (v: VisitRow) => ({
  id: v.id,
  visitedOn: v.visitedOn,
  service: v.service,
  durationMinutes: v.durationMinutes,
  note: v.note,
  recordedByName: v.recordedByName,
  recordedAt: v.recordedAt.toISOString(),
});

const presentEvent = (e: VoucherEventRow) => ({
  action: e.action,
  to: e.toStatus,
  side: e.side as 'agency' | 'partner' | 'clock',
  reason: e.reason,
  note: e.note,
  byName: e.byName,
  at: e.at.toISOString(),
});

function core(v: VoucherRow, partnerName: string, visits: VisitRow[], today: string) {
  return {
    id: v.id,
    number: v.number,
    status: v.status,
    statusReason: v.statusReason,
    statusNote: v.statusNote,
    outcome: v.outcome,
    partnerOrganisationId: v.partnerOrganisationId,
    partnerName,
    directoryServiceId: v.directoryServiceId,
    serviceName: v.serviceName,
    locationName: v.locationName,
    sessions: v.sessions,
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    validUntil: v.validUntil,
    answerDueOn: v.answerDueOn,
    unanswered: v.status === 'issued' && today > v.answerDueOn,
    issuedAt: v.issuedAt.toISOString(),
    language: v.language as LocaleCode,
    visits: visits.map(presentVisit),
    version: v.version,
  };
}

/** The gate's answer for a referral of these categories to this recipient, from facts already read. */
function gateAnswer(facts: GateFacts, recipient: DisclosureRecipient, categories: readonly VoucherCategory[], timeZone: string) {
  const now = new Date();
  return checkDisclosure({
    consents: facts.consents,
    processingRestricted: facts.processingRestricted,
    recipient,
    categories,
    purpose: 'referral',
    today: calendarDateIn(timeZone, now),
    now,
  });
}

/**
 * The voucher as the partner sees it: of what was given at issue, only what the gate still allows
 * now – a consent withdrawn since takes it out of this view. `facts` null: nothing to ask about.
 */
function partnerView(found: AddressedVoucher, facts: GateFacts | null, visits: VisitRow[]): PartnerVoucher {
  const v = found.voucher;
  const today = calendarDateIn(found.timeZone);
  const disclosed = v.disclosed as DisclosedContent;
  const given = Object.keys(disclosed) as VoucherCategory[];
  const answer =
    given.length && facts
      ? gateAnswer(
          facts,
          { organisationId: v.partnerOrganisationId, categories: found.partnerKinds as RecipientCategory[] },
          given,
          found.timeZone,
        )
      : { grants: [] };
  const allowed = new Set(answer.grants.map((g) => g.category));
  const actions = availableVoucherActions(v.status, 'partner').filter((a) => a !== 'accept' || v.validUntil >= today);
  return {
    ...core(v, found.partnerName, visits, today),
    agencyName: found.agencyName,
    person: allowed.has('identity') && disclosed.identity ? disclosed.identity : null,
    reason: allowed.has('request_assessment') ? (disclosed.request_assessment?.reason ?? null) : null,
    forPartner: allowed.has('plan') ? (disclosed.plan?.forPartner ?? null) : null,
    actions: actions as PartnerVoucher['actions'],
    mayRecordVisit: v.status === 'accepted' || v.status === 'in_progress',
  };
}

/** A voucher as the agency sees it on the case, from what was read of it. */
function agencyView(
  found: VoucherWithNames,
  history: VoucherEventRow[],
  visits: VisitRow[],
  today: string,
  agreementInForce: boolean,
): Voucher {
  const { voucher: v, partnerName, issuedByName, caseNumber } = found;
  const wordBy = v.personWordBy ? (history.find((e) => e.action === 'person_word')?.byName ?? '') : '';
  return {
    ...core(v, partnerName, visits, today),
    caseId: v.caseId,
    caseNumber,
    planServiceId: v.planServiceId,
    stepId: v.stepId,
    issuedByName,
    reason: v.reason,
    forPartner: v.forPartner,
    categoriesAsked: v.categoriesAsked as VoucherCategory[],
    categoriesGiven: Object.keys(v.disclosed as object) as VoucherCategory[],
    withheld: v.withheld as { category: VoucherCategory; reason: string }[],
    reissuedFromId: v.reissuedFromId,
    partnerAgreementInForce: agreementInForce,
    personWord:
      v.personWord && v.personWordAt
        ? { word: v.personWord, note: v.personWordNote, at: v.personWordAt.toISOString(), byName: wordBy }
        : null,
    events: history.map(presentEvent),
    may: {
      cancel: availableVoucherActions(v.status, 'agency').includes('cancel'),
      reissue: v.status === 'declined' || v.status === 'expired' || v.status === 'cancelled' || v.status === 'not_provided',
      recordPersonWord: v.status === 'returned' || v.status === 'service_provided' || v.status === 'not_provided',
    },
  };
}

export class VoucherService {
  constructor(
    private readonly db: Database,
    private readonly publicUrl: string,
  ) {}

  private async today(uow: UnitOfWork): Promise<string> {
    return calendarDateIn((await agencySettings(uow.tx)).timeZone);
  }

  private async presentAll(uow: UnitOfWork, found: VoucherWithNames[]): Promise<Voucher[]> {
    const ids = found.map((f) => f.voucher.id);
    // One statement after the other: the unit of work has one connection.
    const events = await eventsOfVouchers(uow.door, ids);
    const visits = await visitsOfVouchers(uow.door, ids);
    const today = await this.today(uow);
    const agreed = await partnersWithAgreementInForce(uow.tx, [...new Set(found.map((f) => f.voucher.partnerOrganisationId))], today);
    return found.map((f) =>
      agencyView(f, events.get(f.voucher.id) ?? [], visits.get(f.voucher.id) ?? [], today, agreed.has(f.voucher.partnerOrganisationId)),
    );
  }

  private async presentOne(uow: UnitOfWork, found: VoucherWithNames): Promise<Voucher> {
    return (await this.presentAll(uow, [found]))[0]!;
  }

  async listOfCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'voucher.list');
      return { items: await this.presentAll(uow, await vouchersOfCase(uow.door, theCase.id, 'voucher.list')) };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => this.presentOne(uow, await voucherInReach(uow.door, id, 'voucher.read')));
  }

  /** The gate's answer for these categories to this partner now. */
  private async gate(
    door: Door,
    personId: string,
    recipient: DisclosureRecipient,
    categories: readonly VoucherCategory[],
    timeZone: string,
  ) {
    return gateAnswer(await gateFactsOf(door, personId), recipient, categories, timeZone);
  }
  /**
   * Issues a voucher on an open case within reach: the partner and what it offers checked, the plan
   * item it is for found in the plan in force, and of the person only what the disclosure gate
   * allows this partner for a referral – asked as it is issued, recorded as a disclosure in the same
   * transaction, with what it held back and why.
   */
  async issue(ctx: RequestContext, caseId: string, input: IssueVoucherBody, from: { reissuedFromId?: string } = {}): Promise<Voucher> {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'voucher.issue', { lock: true });
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      return this.issueOn(uow, theCase, input, from);
    });
  }

  /**
   * Everything is read and checked before the year's voucher counter is taken: its row is held
   * until commit, so the counter, the voucher and its event are the transaction's last statements,
   * and the answer is made from what the transaction already has.
   */
  private async issueOn(uow: UnitOfWork, theCase: CaseRow, input: IssueVoucherBody, from: { reissuedFromId?: string }): Promise<Voucher> {
    const settings = await agencySettings(uow.tx);
    const today = calendarDateIn(settings.timeZone);
    const partner = await organisationRecipient(uow.door, input.partnerOrganisationId);
    if (!partner) throw invalidField('partnerOrganisationId', 'not_found', 'No such partner organisation');
    if (input.directoryServiceId) {
      const offered = await directoryServiceOf(uow.door, input.directoryServiceId);
      if (!offered) throw invalidField('directoryServiceId', 'not_found', 'No such service in the directory');
      if (offered.organisationId !== partner.id)
        throw invalidField('directoryServiceId', 'other_organisation', 'That service is offered by another organisation');
    }
    let planId: string | null = null;
    if (input.planServiceId || input.stepId) {
      const [plan] = await plansOfCaseIn(uow.door, theCase, ['active'], 'voucher.issue');
      if (!plan) throw invalidField(input.planServiceId ? 'planServiceId' : 'stepId', 'no_plan_in_force', 'The case has no plan in force');
      const content = plan.content as PlanContent;
      if (input.planServiceId && !content.services.some((s) => s.id === input.planServiceId))
        throw invalidField('planServiceId', 'not_found', 'Not a service of the plan in force');
      if (input.stepId && !content.steps.some((s) => s.id === input.stepId))
        throw invalidField('stepId', 'not_found', 'Not a step of the plan in force');
      planId = plan.id;
    }
    const validUntil = input.validUntil ?? addCalendarDays(today, settings.voucherValidDays);
    if (validUntil < today) throw invalidField('validUntil', 'in_the_past', 'The last day must not be before today');

    const person = await personInReach(uow.door, theCase.personId, 'voucher.issue');
    const recipient = { organisationId: partner.id, categories: partner.kinds };
    const asked = [...new Set(input.categories)].sort((a, b) => voucherCategory.options.indexOf(a) - voucherCategory.options.indexOf(b));
    const answer = asked.length
      ? await this.gate(uow.door, theCase.personId, recipient, asked, settings.timeZone)
      : { allowed: false, grants: [], refused: [] };
    const given = new Set(answer.grants.map((g) => g.category));
    const names = nameForms(person);
    const disclosed: DisclosedContent = {};
    if (given.has('identity'))
      disclosed.identity = {
        name: names.own,
        latinName: names.latin && names.latin !== names.own ? names.latin : null,
        birthDate: person.birthDate,
        phone: person.phones[0] ?? null,
        languages: person.languages,
      };
    if (given.has('request_assessment')) disclosed.request_assessment = { reason: input.reason };
    if (given.has('plan')) disclosed.plan = { forPartner: input.forPartner };
    const language =
      input.language ?? person.languages.find((l): l is LocaleCode => (supportedLocales as readonly string[]).includes(l)) ?? 'en';

    const disclosure =
      answer.grants.length > 0
        ? await insertDisclosure(uow.door, {
            personId: theCase.personId,
            caseId: theCase.id,
            kind: 'voucher',
            recipient: { organisationId: partner.id, kinds: partner.kinds },
            recipientName: partner.name,
            purpose: 'referral',
            categoriesAsked: asked,
            categoriesGiven: [...given],
            grants: answer.grants,
            refused: answer.refused,
            content: disclosed,
            language,
          })
        : null;
    const agreed = await partnersWithAgreementInForce(uow.tx, [partner.id], today);
    const issuedByName = await staffNameOf(uow.door, uow.actor.id);
    const year = new Date().getUTCFullYear();
    const row = await insertVoucher(uow.door, {
      number: formatNumber(settings.caseNumberPrefix, year, await nextVoucherCounter(uow.door, year)),
      caseId: theCase.id,
      personId: theCase.personId,
      planId,
      planServiceId: input.planServiceId,
      stepId: input.stepId,
      partnerOrganisationId: partner.id,
      directoryServiceId: input.directoryServiceId,
      serviceName: input.serviceName,
      locationName: input.locationName,
      sessions: input.sessions,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      validUntil,
      answerDueOn: answerDueOn(today, settings.voucherAnswerDays),
      reason: input.reason,
      forPartner: input.forPartner,
      language,
      categoriesAsked: asked,
      disclosed,
      withheld: answer.refused.map((r) => ({ category: r.category, reason: r.why.reason })),
      disclosureId: disclosure?.id ?? null,
      reissuedFromId: from.reissuedFromId ?? null,
    });
    const event = await insertVoucherEvent(uow.door, { voucherId: row.id, action: 'issue', toStatus: 'issued', side: 'agency' });
    uow.audit({
      action: 'voucher.issue',
      entityType: 'voucher',
      entityId: row.id,
      personId: theCase.personId,
      details: {
        number: row.number,
        partnerOrganisationId: partner.id,
        categoriesGiven: [...given],
        ...(from.reissuedFromId ? { reissuedFromId: from.reissuedFromId } : {}),
      },
    });
    const found = { voucher: row, partnerName: partner.name, issuedByName, caseNumber: theCase.caseNumber };
    return agencyView(found, [{ ...event, byName: issuedByName }], [], today, agreed.has(partner.id));
  }

  /** A new voucher for the same service after one was declined, expired, cancelled or not provided: to the same partner, or another. */
  async reissue(ctx: RequestContext, id: string, input: { partnerOrganisationId?: string | null; validUntil?: string | null }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { voucher: old } = await voucherInReach(uow.door, id, 'voucher.issue', { lock: true });
      if (!['declined', 'expired', 'cancelled', 'not_provided'].includes(old.status))
        throw new DomainError('transition_not_allowed', 'Only a voucher that was declined, expired, cancelled or not provided is reissued');
      const theCase = await caseInReach(uow.door, old.caseId, 'voucher.issue', { lock: true });
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      const otherPartner = input.partnerOrganisationId && input.partnerOrganisationId !== old.partnerOrganisationId;
      return this.issueOn(
        uow,
        theCase,
        {
          planServiceId: old.planServiceId,
          stepId: old.stepId,
          partnerOrganisationId: input.partnerOrganisationId ?? old.partnerOrganisationId,
          directoryServiceId: otherPartner ? null : old.directoryServiceId,
          serviceName: old.serviceName,
          locationName: otherPartner ? '' : old.locationName,
          sessions: old.sessions,
          periodFrom: old.periodFrom,
          periodTo: old.periodTo,
          validUntil: input.validUntil ?? null,
          reason: old.reason,
          forPartner: old.forPartner,
          categories: old.categoriesAsked as VoucherCategory[],
          language: old.language as LocaleCode,
        },
        { reissuedFromId: old.id },
      );
    });
  }

  /** The agency's side of the lifecycle: it may withdraw a voucher until the partner has finished with it. */
  async cancel(ctx: RequestContext, id: string, input: z.infer<typeof cancelVoucherBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherInReach(uow.door, id, 'voucher.cancel', { lock: true });
      const row = await this.transition(uow, found.voucher, { ...input, action: 'cancel', outcome: '' }, 'agency');
      uow.audit({
        action: 'voucher.cancel',
        entityType: 'voucher',
        entityId: id,
        personId: row.personId,
        details: { reason: input.reason },
      });
      return this.presentOne(uow, await voucherInReach(uow.door, id, 'voucher.cancel'));
    });
  }

  private async transition(
    uow: UnitOfWork,
    current: VoucherRow,
    input: z.infer<typeof voucherActionBody>,
    by: 'agency' | 'partner',
  ): Promise<VoucherRow> {
    if (current.version !== input.version) throw versionConflict('The voucher');
    const outcome = voucherTransition(current.status, input.action, { by, reason: input.reason, outcome: input.outcome });
    if (!outcome.ok) {
      if (outcome.code === 'reason_required') throw invalidField('reason', 'required', outcome.message);
      if (outcome.code === 'outcome_required') throw invalidField('outcome', 'required', outcome.message);
      throw new DomainError('transition_not_allowed', outcome.message);
    }
    const reasons = REASONS[input.action];
    if (reasons && !reasons.includes(input.reason ?? '')) throw invalidField('reason', 'unknown_reason', `One of: ${reasons.join(', ')}`);
    if (input.action === 'accept' && current.validUntil < (await this.today(uow)))
      throw new DomainError('transition_not_allowed', `The voucher was valid until ${current.validUntil}; the agency reissues it`);
    const row = await updateVoucher(uow.door, current.id, {
      status: outcome.to,
      ...(reasons ? { statusReason: input.reason, statusNote: input.note } : {}),
      ...(input.action === 'provided' ? { outcome: input.outcome, statusReason: null, statusNote: input.note } : {}),
    });
    await insertVoucherEvent(uow.door, {
      voucherId: current.id,
      action: input.action,
      toStatus: outcome.to,
      side: by,
      reason: reasons ? input.reason : null,
      note: input.action === 'provided' ? input.outcome : input.note,
    });
    return row;
  }

  /** The person's own word on the help, beside the partner's: helped, not helped, or did not go. */
  async recordPersonWord(ctx: RequestContext, id: string, input: z.infer<typeof personWordBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherInReach(uow.door, id, 'voucher.person_word', { lock: true });
      const v = found.voucher;
      if (v.version !== input.version) throw versionConflict('The voucher');
      if (!['returned', 'service_provided', 'not_provided'].includes(v.status))
        throw new DomainError('transition_not_allowed', 'The person is asked once the partner has finished with the voucher');
      await updateVoucher(uow.door, id, {
        personWord: input.word,
        personWordNote: input.note,
        personWordAt: new Date(),
        personWordBy: uow.actor.id,
      });
      await insertVoucherEvent(uow.door, {
        voucherId: id,
        action: 'person_word',
        toStatus: v.status,
        side: 'agency',
        reason: input.word,
        note: input.note,
      });
      uow.audit({
        action: 'voucher.person_word',
        entityType: 'voucher',
        entityId: id,
        personId: v.personId,
        details: { word: input.word },
      });
      return this.presentOne(uow, await voucherInReach(uow.door, id, 'voucher.person_word'));
    });
  }

  /** The voucher to print and hand to the person, in their language: the number and a QR code the partner types or scans. */
  async print(ctx: RequestContext, id: string): Promise<string> {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherInReach(uow.door, id, 'voucher.print');
      const settings = await agencySettings(uow.tx);
      uow.audit({ action: 'voucher.print', entityType: 'voucher', entityId: id, personId: found.voucher.personId });
      return renderVoucher({
        voucher: found.voucher,
        partnerName: found.partnerName,
        agencyName: settings.name,
        timeZone: settings.timeZone,
        disclosed: found.voucher.disclosed as DisclosedContent,
        lookupUrl: `${this.publicUrl.replace(/\/$/, '')}/partner?number=${encodeURIComponent(found.voucher.number)}`,
      });
    });
  }

  /**
   * The voucher as FHIR R4 ServiceRequest + Task (the SDOH Clinical Care shape), for the partner's
   * own system: of the person, what was given to the partner at issue.
   */
  async fhir(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherInReach(uow.door, id, 'voucher.export');
      const settings = await agencySettings(uow.tx);
      uow.audit({
        action: 'voucher.export',
        entityType: 'voucher',
        entityId: id,
        personId: found.voucher.personId,
        details: { format: 'fhir' },
      });
      const disclosed = found.voucher.disclosed as DisclosedContent;
      return this.asFhir(found.voucher, found.partnerName, { id: String(settings.id), name: settings.name }, disclosed);
    });
  }

  private asFhir(v: VoucherRow, partnerName: string, agency: { id: string; name: string }, shown: DisclosedContent) {
    return voucherAsFhir({
      id: v.id,
      number: v.number,
      status: v.status,
      statusReason: v.statusReason,
      issuedAt: v.issuedAt.toISOString(),
      lastChangedAt: v.updatedAt.toISOString(),
      validUntil: v.validUntil,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      sessions: v.sessions,
      serviceName: v.serviceName,
      agency,
      partner: { id: v.partnerOrganisationId, name: partnerName },
      directoryServiceId: v.directoryServiceId,
      person: shown.identity ? { id: v.personId, name: shown.identity.name, birthDate: shown.identity.birthDate } : null,
      reason: shown.request_assessment?.reason ?? null,
      forPartner: shown.plan?.forPartner ?? null,
      outcome: v.outcome || null,
    });
  }

  // ---- The partner's side ------------------------------------------------------------------------

  /**
   * The voucher as the partner sees it: of what was given at issue, only what the gate still allows
   * now – a consent withdrawn since takes it out of this view.
   */
  private async presentToPartner(uow: UnitOfWork, found: AddressedVoucher): Promise<PartnerVoucher> {
    const v = found.voucher;
    const needsGate = Object.keys(v.disclosed as object).length > 0;
    const facts = needsGate ? await gateFactsOf(uow.door, v.personId) : null;
    const visits = (await visitsOfVouchers(uow.door, [v.id])).get(v.id) ?? [];
    return partnerView(found, facts, visits);
  }

  /**
   * The partner's inbox: the vouchers addressed to their organisation, with only the voucher's own
   * facts and the person's name where the gate allows it. One read for the page and three for the
   * gate's facts of everyone on it, whatever its length.
   */
  async inbox(ctx: RequestContext, query: z.infer<typeof inboxQuery>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const page = await partnerInbox(uow.door, query, after);
      const gated = page.items.filter((row) => Object.keys(row.voucher.disclosed as object).length > 0);
      const facts = await gateFactsOfMany(
        uow.door,
        gated.map((row) => row.voucher.personId),
      );
      return presentPage(
        page,
        (row) => {
          const {
            visits: _visits,
            actions: _actions,
            mayRecordVisit: _may,
            ...rest
          } = partnerView(row, facts.get(row.voucher.personId) ?? null, []);
          return { ...rest, visitCount: row.visitCount };
        },
        (row) => [row.voucher.issuedAt.toISOString(), row.voucher.id],
      );
    });
  }

  /** The voucher in FHIR for the partner's own system, with only what the gate allows them now. */
  async fhirForPartner(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherAddressed(uow.door, id, 'voucher.export');
      const shown = await this.presentToPartner(uow, found);
      uow.audit({
        action: 'voucher.export',
        entityType: 'voucher',
        entityId: id,
        personId: found.voucher.personId,
        details: { format: 'fhir' },
      });
      return this.asFhir(
        found.voucher,
        found.partnerName,
        { id: String(found.voucher.agencyId), name: found.agencyName },
        {
          ...(shown.person ? { identity: shown.person } : {}),
          ...(shown.reason !== null ? { request_assessment: { reason: shown.reason } } : {}),
          ...(shown.forPartner !== null ? { plan: { forPartner: shown.forPartner } } : {}),
        },
      );
    });
  }

  async getForPartner(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => this.presentToPartner(uow, await voucherAddressed(uow.door, id, 'voucher.read')));
  }

  /**
   * The partner's answer: accept or decline, start, provided or not, and return. Returned "service
   * provided", the plan step the voucher was for is done with the partner's result. Declining and
   * returning tell the case's responsible worker.
   */
  async respond(ctx: RequestContext, id: string, input: z.infer<typeof partnerActionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherAddressed(uow.door, id, `voucher.${input.action}`, { lock: true });
      const before = found.voucher;
      const row = await this.transition(uow, before, input, 'partner');
      const completed = input.action === 'return' && before.status === 'service_provided' ? await this.completeStep(uow, found) : null;
      uow.audit({
        action: `voucher.${input.action}`,
        entityType: 'voucher',
        entityId: id,
        personId: row.personId,
        details: {
          status: row.status,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(completed ? { stepCompleted: completed } : {}),
        },
      });
      if (input.action === 'decline' || input.action === 'return') {
        const worker = await responsibleWorkerOf(uow.door, row.caseId);
        if (worker) await alertStaff(uow.door, 'voucher_answered', [worker], row.caseId);
      }
      return this.presentToPartner(uow, { ...found, voucher: row });
    });
  }

  private async completeStep(uow: UnitOfWork, found: AddressedVoucher): Promise<string | null> {
    const v = found.voucher;
    if (!v.stepId) return null;
    const step = await stepForProgress(uow.door, v.caseId, v.stepId);
    if (!step || step.status === 'done' || step.status === 'cancelled') return null;
    await updateStepProgress(uow.door, v.caseId, v.stepId, {
      status: 'done',
      result: `${found.partnerName}: ${v.outcome}`,
      completedAt: new Date(),
      completedBy: uow.actor.id,
    });
    uow.audit({
      action: 'plan.step',
      entityType: 'plan_step',
      entityId: v.stepId,
      personId: v.personId,
      details: { status: 'done', voucherId: v.id },
    });
    return v.stepId;
  }

  /**
   * A visit the partner registers (seed 004's visit registration form): the date, what was given,
   * how long, and a note for the agency. The first visit starts a voucher that was only accepted.
   * It reaches the case as a signed journal entry from the partner.
   */
  async recordVisit(ctx: RequestContext, id: string, input: z.infer<typeof visitBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await voucherAddressed(uow.door, id, 'voucher.visit', { lock: true });
      let v = found.voucher;
      if (v.version !== input.version) throw versionConflict('The voucher');
      if (v.status !== 'accepted' && v.status !== 'in_progress')
        throw new DomainError('transition_not_allowed', 'Visits are registered on a voucher taken on and not yet finished');
      if (input.visitedOn > (await this.today(uow)))
        throw invalidField('visitedOn', 'in_the_future', 'A visit is registered once it took place');
      if (v.status === 'accepted')
        v = await this.transition(uow, v, { action: 'start', reason: null, note: '', outcome: '', version: v.version }, 'partner');
      else v = await updateVoucher(uow.door, v.id, {});
      const entry = await entryFromPartner(
        uow,
        { id: v.caseId, personId: v.personId },
        {
          occurredOn: input.visitedOn,
          partnerName: found.partnerName,
          lines: [`${v.number} · ${v.serviceName}: ${input.service} (${input.durationMinutes} min)`, input.note],
          stepIds: v.stepId ? [v.stepId] : [],
        },
      );
      const visit = await insertVisit(uow.door, {
        voucherId: v.id,
        visitedOn: input.visitedOn,
        service: input.service,
        durationMinutes: input.durationMinutes,
        note: input.note,
        journalEntryId: entry.id,
      });
      uow.audit({
        action: 'voucher.visit',
        entityType: 'voucher',
        entityId: v.id,
        personId: v.personId,
        details: { visitId: visit.id, journalEntryId: entry.id },
      });
      return this.presentToPartner(uow, { ...found, voucher: v });
    });
  }
}
