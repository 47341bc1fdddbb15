import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import { calendarDateIn } from '../../core/calendar-date.ts';
import { type LocaleCode, supportedLocales } from '../../core/common.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { guardianRequired } from '../agreement/agreement.rules.ts';
import { caseInReach } from '../case/case.store.ts';
import { entriesForDisclosure, staffName } from '../journal/journal.store.ts';
import { plainText, type RichText } from '../journal/rich-text.rules.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { nameForms } from '../person/person-name.rules.ts';
import { plansOfCaseIn } from '../plan/plan.store.ts';
import { alertCaseStaffWithRoles, caseOverviewOf } from '../work/work.store.ts';
import {
  type Consent,
  type ConsentForm,
  type ConsentKind,
  type ConsentSigner,
  consentKind,
  type consentSignatureBody,
  type createSummaryBody,
  type DataCategory,
  type DisclosureRecord,
  type GateAnswer,
  type RecordConsentBody,
  type summaryQuestionBody,
  type withdrawConsentBody,
} from './consent.contract.ts';
import { type CaseSummaryContent, renderCaseSummary, renderConsent, shippedConsentForm } from './consent.document.ts';
import {
  CONSENT_KIND_RULES,
  categoriesKindMayCover,
  checkDisclosure,
  consentStateAt,
  type DisclosureAnswer,
  type DisclosureRecipient,
  defaultValidTo,
} from './consent.rules.ts';
import {
  agencyConsentForms,
  type ConsentWithEvents,
  consentInReach,
  consentsOfPerson,
  type DisclosureWithName,
  disclosureInReach,
  disclosuresOfPerson,
  factsOf,
  insertConsent,
  insertConsentEvents,
  insertDisclosure,
  organisationNames,
  organisationRecipient,
  saveConsentForm,
} from './consent.store.ts';

type SummaryQuestion = z.infer<typeof summaryQuestionBody>;

/** The categories of the case summary, in the order it shows them. */
const SUMMARY_ORDER: readonly DataCategory[] = [
  'identity',
  'request_assessment',
  'plan',
  'journal',
  'health',
  'substance_use',
  'criminal_history',
];
/** Needs of these life domains are health information (psychosocial: mental health) or criminal history, never ordinary assessment. */
const DOMAIN_CATEGORY: Record<string, DataCategory> = { health: 'health', psychosocial: 'health', legal: 'criminal_history' };

export class ConsentService {
  constructor(private readonly db: Database) {}

  /**
   * The consent texts, per kind and language: the agency's own where an administrator changed
   * one, the shipped text otherwise. Narrowed to one kind or language when asked.
   */
  async forms(
    ctx: RequestContext,
    filter: { kind?: ConsentKind | undefined; language?: LocaleCode | undefined },
  ): Promise<{ items: ConsentForm[] }> {
    return inTransaction(this.db, ctx, async (uow) => {
      const own = await agencyConsentForms(uow.tx, filter);
      const kinds = filter.kind ? [filter.kind] : consentKind.options;
      const languages = filter.language ? [filter.language] : supportedLocales;
      const items = kinds.flatMap((kind) =>
        languages.map((language) => {
          const found = own.find((row) => row.kind === kind && row.language === language);
          return { kind, language, text: found?.text ?? shippedConsentForm(kind, language), version: found?.version ?? null };
        }),
      );
      return { items };
    });
  }

  /** An administrator's text for a kind and language, from now on shown to people consenting; audited. */
  async putForm(
    ctx: RequestContext,
    kind: ConsentKind,
    language: LocaleCode,
    input: { text: string; version?: number | undefined },
  ): Promise<ConsentForm> {
    return inTransaction(this.db, ctx, async (uow) => {
      const [current] = await agencyConsentForms(uow.tx, { kind, language }).for('update');
      if ((current?.version ?? undefined) !== input.version) throw versionConflict('The consent text');
      const row = await saveConsentForm(uow.tx, kind, language, input.text, current);
      uow.audit({ action: 'consent_form.save', entityType: 'consent_form', entityId: row.id, details: { kind, language } });
      return { kind, language, text: row.text, version: row.version };
    });
  }

  private async present(uow: UnitOfWork, found: ConsentWithEvents, names?: Map<string, string>): Promise<Consent> {
    const { consent, events } = found;
    const settings = await agencySettings(uow.tx);
    const now = new Date();
    const facts = factsOf(found);
    const state = consentStateAt(facts, { today: calendarDateIn(settings.timeZone, now), now });
    const recipients = facts.recipients;
    const orgNames =
      names ??
      (await organisationNames(
        uow.door,
        recipients.flatMap((r) => (r.kind === 'organisation' ? [r.organisationId] : [])),
      ));
    const withdrawal = events.find((e) => e.kind === 'withdrawn');
    const mayWrite = hasPermission(uow.actor.roles, 'consents.write');
    return {
      id: consent.id,
      personId: consent.personId,
      kind: consent.kind,
      purposes: facts.purposes as Consent['purposes'],
      purposeNote: consent.purposeNote,
      recipients: recipients.map((r) => ({
        kind: r.kind,
        organisationId: r.kind === 'organisation' ? r.organisationId : null,
        category: r.kind === 'category' ? r.category : null,
        name: r.kind === 'organisation' ? (orgNames.get(r.organisationId) ?? '') : r.kind === 'person' ? r.name : '',
      })),
      categories: facts.categories as DataCategory[],
      validFrom: consent.validFrom,
      validTo: consent.validTo,
      requiredSigners: facts.requiredSigners as ConsentSigner[],
      signatures: events
        .filter((e) => e.kind === 'signed')
        .map((e) => ({
          signer: e.signer!,
          signerName: e.signerName ?? '',
          method: e.method!,
          witnessName: e.witnessName ?? '',
          at: e.at.toISOString(),
          recordedByName: e.recordedByName,
        })),
      withdrawal: withdrawal
        ? { at: withdrawal.at.toISOString(), reason: withdrawal.reason, recordedByName: withdrawal.recordedByName }
        : null,
      state,
      shownText: consent.shownText,
      language: consent.language as Consent['language'],
      recordedAt: consent.recordedAt.toISOString(),
      recordedByName: found.recordedByName,
      may: {
        sign: mayWrite && state === 'signature_missing',
        withdraw: mayWrite && state !== 'withdrawn',
      },
    };
  }

  async list(ctx: RequestContext, personId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await personInReach(uow.door, personId, 'consent.list');
      const found = await consentsOfPerson(uow.door, personId, 'consent.list');
      const names = await organisationNames(
        uow.door,
        found.flatMap((f) => factsOf(f).recipients.flatMap((r) => (r.kind === 'organisation' ? [r.organisationId] : []))),
      );
      return { items: await Promise.all(found.map((f) => this.present(uow, f, names))) };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => this.present(uow, await consentInReach(uow.door, id, 'consent.read')));
  }

  async record(ctx: RequestContext, personId: string, input: RecordConsentBody) {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personInReach(uow.door, personId, 'consent.record', { lock: true });
      const settings = await agencySettings(uow.tx);
      const today = calendarDateIn(settings.timeZone);
      const rule = CONSENT_KIND_RULES[input.kind];
      if (rule.discloses) {
        if (input.purposes.length === 0) throw invalidField('purposes', 'required', 'Say what the information may be given for');
        if (input.recipients.length === 0) throw invalidField('recipients', 'required', 'Name whom the information may go to');
        if (input.categories.length === 0) throw invalidField('categories', 'required', 'Choose what information it covers');
      }
      const coverable = categoriesKindMayCover(input.kind);
      const beyond = input.categories.filter((c) => !coverable.includes(c));
      if (beyond.length > 0)
        throw invalidField(
          'categories',
          'not_covered_by_kind',
          input.kind === 'disclosure' && beyond.some((c) => c === 'health' || c === 'substance_use')
            ? 'Health information needs a consent of its own (health_disclosure)'
            : `A consent of this kind cannot cover ${beyond.join(', ')}`,
        );
      const validFrom = input.validFrom ?? today;
      const validTo = input.validTo === undefined ? defaultValidTo(input.kind, validFrom) : input.validTo;
      if (validTo === null && !rule.openEnded) throw invalidField('validTo', 'end_required', 'A consent of this kind needs its last day');
      if (validTo !== null && validTo < validFrom) throw invalidField('validTo', 'before_start', 'The last day comes before the first');
      const organisations = input.recipients.flatMap((r) => (r.kind === 'organisation' ? [r.organisationId] : []));
      const known = await organisationNames(uow.door, organisations);
      const unknown = organisations.findIndex((id) => !known.has(id));
      if (unknown >= 0) throw invalidField('recipients', 'unknown_organisation', 'No such partner organisation');
      const needsGuardian = guardianRequired({
        birthDate: person.birthDate,
        legalCapacity: person.legalCapacity,
        today: new Date(`${today}T12:00:00Z`),
        guardianRequiredUnderAge: settings.guardianRequiredUnderAge,
      });
      const requiredSigners: ConsentSigner[] = needsGuardian ? ['person', 'guardian'] : ['person'];
      const signers = input.signatures.map((s) => s.signer);
      if (new Set(signers).size !== signers.length) throw invalidField('signatures', 'duplicate', 'Each signs once');
      const stray = input.signatures.findIndex((s) => !requiredSigners.includes(s.signer));
      if (stray >= 0) throw invalidField(`signatures.${stray}.signer`, 'not_required', 'No guardian signs for this person');
      const row = await insertConsent(uow.door, {
        personId,
        kind: input.kind,
        purposes: input.purposes,
        purposeNote: input.purposeNote,
        recipients: input.recipients,
        categories: input.categories,
        validFrom,
        validTo,
        requiredSigners,
        shownText: input.shownText,
        language: input.language,
      });
      await insertConsentEvents(
        uow.door,
        input.signatures.map((s) => ({
          consentId: row.id,
          kind: 'signed' as const,
          signer: s.signer,
          signerName: s.signerName || null,
          method: s.method,
          witnessName: s.witnessName || null,
        })),
      );
      uow.audit({
        action: 'consent.record',
        entityType: 'consent',
        entityId: row.id,
        personId,
        details: { kind: input.kind, categories: input.categories, signers },
      });
      return this.present(uow, await consentInReach(uow.door, row.id, 'consent.record'));
    });
  }

  async sign(ctx: RequestContext, id: string, input: z.infer<typeof consentSignatureBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await consentInReach(uow.door, id, 'consent.sign', { lock: true });
      const facts = factsOf(found);
      if (facts.withdrawnAt) throw new DomainError('transition_not_allowed', 'The consent was withdrawn');
      if (!facts.requiredSigners.includes(input.signer)) throw invalidField('signer', 'not_required', 'No guardian signs for this person');
      if (facts.signedBy.includes(input.signer)) throw invalidField('signer', 'already_signed', 'This signature is there already');
      await insertConsentEvents(uow.door, [
        {
          consentId: id,
          kind: 'signed',
          signer: input.signer,
          signerName: input.signerName || null,
          method: input.method,
          witnessName: input.witnessName || null,
        },
      ]);
      uow.audit({
        action: 'consent.sign',
        entityType: 'consent',
        entityId: id,
        personId: found.consent.personId,
        details: { signer: input.signer },
      });
      return this.present(uow, await consentInReach(uow.door, id, 'consent.sign'));
    });
  }

  /** Withdrawal takes effect at once: from this instant the consent allows nothing. */
  async withdraw(ctx: RequestContext, id: string, input: z.infer<typeof withdrawConsentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await consentInReach(uow.door, id, 'consent.withdraw', { lock: true });
      if (factsOf(found).withdrawnAt) throw new DomainError('transition_not_allowed', 'The consent was withdrawn already');
      await insertConsentEvents(uow.door, [{ consentId: id, kind: 'withdrawn', reason: input.reason }]);
      uow.audit({ action: 'consent.withdraw', entityType: 'consent', entityId: id, personId: found.consent.personId });
      return this.present(uow, await consentInReach(uow.door, id, 'consent.withdraw'));
    });
  }

  async print(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await consentInReach(uow.door, id, 'consent.print');
      const person = await personInReach(uow.door, found.consent.personId, 'consent.print');
      const settings = await agencySettings(uow.tx);
      uow.audit({ action: 'consent.print', entityType: 'consent', entityId: id, personId: person.id });
      return renderConsent({ consent: await this.present(uow, found), person, agencyName: settings.name, timeZone: settings.timeZone });
    });
  }

  /** Whom a summary goes to, as the gate matches it, and the name the record keeps. */
  private async recipientOf(
    uow: UnitOfWork,
    recipient: SummaryQuestion['recipient'],
  ): Promise<{ gate: DisclosureRecipient; name: string }> {
    if (recipient.kind === 'person')
      return { gate: { categories: recipient.categories, personName: recipient.name }, name: recipient.name };
    const organisation = await organisationRecipient(uow.door, recipient.organisationId);
    if (!organisation) throw invalidField('recipient.organisationId', 'unknown_organisation', 'No such partner organisation');
    return { gate: { organisationId: organisation.id, categories: organisation.kinds }, name: organisation.name };
  }

  /** The gate's answer for a summary of the case, as it stands now – the preview before anything is given. */
  private async ask(
    uow: UnitOfWork,
    personId: string,
    question: SummaryQuestion,
    recipient: DisclosureRecipient,
  ): Promise<DisclosureAnswer> {
    const settings = await agencySettings(uow.tx);
    const now = new Date();
    const found = await consentsOfPerson(uow.door, personId, 'disclosure.check');
    const person = await personInReach(uow.door, personId, 'disclosure.check');
    return checkDisclosure({
      processingRestricted: person.processingRestrictedAt !== null,
      consents: found.map(factsOf),
      recipient,
      categories: question.categories,
      purpose: question.purpose,
      today: calendarDateIn(settings.timeZone, now),
      now,
      legalBasis: question.legalBasis,
    });
  }

  private async explain(uow: UnitOfWork, personId: string, answer: DisclosureAnswer): Promise<GateAnswer> {
    const kinds = new Map((await consentsOfPerson(uow.door, personId, 'disclosure.check')).map((f) => [f.consent.id, f.consent.kind]));
    return {
      allowed: answer.allowed,
      grants: answer.grants.map((g) => ({
        category: g.category,
        basis: g.basis,
        consentId: g.basis === 'consent' ? g.consentId : null,
        legalBasis: g.basis === 'legal' ? g.legalBasis : null,
      })),
      refused: answer.refused.map(({ category, why }) => {
        const consentId = 'consentId' in why ? why.consentId : null;
        return {
          category,
          reason: why.reason,
          consentId,
          consentKind: consentId ? (kinds.get(consentId) ?? null) : null,
          on:
            why.reason === 'withdrawn'
              ? why.withdrawnAt.toISOString()
              : why.reason === 'expired'
                ? why.validTo
                : why.reason === 'not_yet_valid'
                  ? why.validFrom
                  : null,
        };
      }),
    };
  }

  async checkSummary(ctx: RequestContext, caseId: string, question: SummaryQuestion): Promise<GateAnswer> {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'disclosure.check');
      const { gate } = await this.recipientOf(uow, question.recipient);
      return this.explain(uow, theCase.personId, await this.ask(uow, theCase.personId, question, gate));
    });
  }

  /**
   * A case summary for a named recipient: the gate is asked again as the summary is made, only the
   * categories it allows are put in, and the disclosure – what, to whom, on which consent or legal
   * basis, and the content as given – is recorded in the same transaction. A disclosure the law
   * requires alerts the unit's supervisors. Nothing allowed: nothing is given, and the refusal says why.
   */
  async createSummary(ctx: RequestContext, caseId: string, input: z.infer<typeof createSummaryBody>): Promise<DisclosureRecord> {
    return inTransaction(this.db, ctx, async (uow) => {
      if (input.legalBasis && !hasPermission(uow.actor.roles, 'consents.write'))
        throw new DomainError('permission_denied', 'Only casework staff record a disclosure the law requires');
      const theCase = await caseInReach(uow.door, caseId, 'disclosure.case_summary', { lock: true });
      const { gate, name } = await this.recipientOf(uow, input.recipient);
      const answer = await this.ask(uow, theCase.personId, input, gate);
      if (answer.grants.length === 0) {
        const explained = await this.explain(uow, theCase.personId, answer);
        throw invalidField(
          'categories',
          'not_allowed',
          `Nothing asked for may go to this recipient: ${explained.refused.map((r) => `${r.category} (${r.reason})`).join(', ')}`,
        );
      }
      const given = SUMMARY_ORDER.filter((c) => answer.grants.some((g) => g.category === c));
      const content = await this.summaryContent(uow, theCase.id, given);
      const language = input.language ?? (content.person.languages[0] as typeof input.language) ?? 'en';
      const row = await insertDisclosure(uow.door, {
        personId: theCase.personId,
        caseId: theCase.id,
        kind: 'case_summary',
        recipient:
          input.recipient.kind === 'organisation'
            ? { organisationId: gate.organisationId, kinds: gate.categories }
            : { name, kinds: gate.categories },
        recipientName: name,
        purpose: input.purpose,
        categoriesAsked: input.categories,
        categoriesGiven: given,
        grants: answer.grants,
        refused: answer.refused,
        legalBasis: input.legalBasis?.basis ?? null,
        legalReason: input.legalBasis?.reason ?? null,
        content,
        language,
      });
      if (input.legalBasis) await alertCaseStaffWithRoles(uow.door, 'legal_disclosure', theCase.id, ['supervisor']);
      uow.audit({
        action: 'disclosure.case_summary',
        entityType: 'disclosure',
        entityId: row.id,
        personId: theCase.personId,
        details: {
          categoriesGiven: given,
          categoriesRefused: answer.refused.map((r) => r.category),
          basis: input.legalBasis ? input.legalBasis.basis : 'consent',
        },
      });
      return this.presentDisclosure(uow, { disclosure: row, disclosedByName: await staffName(uow.door, uow.actor.id) });
    });
  }

  private async presentDisclosure(uow: UnitOfWork, { disclosure, disclosedByName }: DisclosureWithName): Promise<DisclosureRecord> {
    const answer: DisclosureAnswer = {
      allowed: (disclosure.refused as unknown[]).length === 0,
      grants: disclosure.grants as DisclosureAnswer['grants'],
      refused: (disclosure.refused as DisclosureAnswer['refused']).map((r) =>
        r.why.reason === 'withdrawn' ? { ...r, why: { ...r.why, withdrawnAt: new Date(r.why.withdrawnAt) } } : r,
      ),
    };
    return {
      id: disclosure.id,
      personId: disclosure.personId,
      caseId: disclosure.caseId,
      kind: disclosure.kind,
      recipientName: disclosure.recipientName,
      purpose: disclosure.purpose,
      categoriesAsked: disclosure.categoriesAsked as DataCategory[],
      categoriesGiven: disclosure.categoriesGiven as DataCategory[],
      answer: await this.explain(uow, disclosure.personId, answer),
      legalBasis: disclosure.legalBasis,
      legalReason: disclosure.legalReason,
      language: disclosure.language as DisclosureRecord['language'],
      disclosedAt: disclosure.disclosedAt.toISOString(),
      disclosedByName,
    };
  }

  async listDisclosures(ctx: RequestContext, personId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await personInReach(uow.door, personId, 'disclosure.list');
      const rows = await disclosuresOfPerson(uow.door, personId, 'disclosure.list');
      return { items: await Promise.all(rows.map((r) => this.presentDisclosure(uow, r))) };
    });
  }

  async printDisclosure(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await disclosureInReach(uow.door, id, 'disclosure.print');
      const settings = await agencySettings(uow.tx);
      uow.audit({ action: 'disclosure.print', entityType: 'disclosure', entityId: id, personId: found.disclosure.personId });
      return renderCaseSummary({
        disclosure: await this.presentDisclosure(uow, found),
        content: found.disclosure.content as CaseSummaryContent,
        agencyName: settings.name,
        timeZone: settings.timeZone,
      });
    });
  }

  /** What the summary holds of each category the gate allowed, read through the door as it stands now. */
  private async summaryContent(uow: UnitOfWork, caseId: string, given: readonly DataCategory[]): Promise<CaseSummaryContent> {
    const read = await caseOverviewOf(uow.door, caseId, 'disclosure.case_summary');
    const has = (c: DataCategory) => given.includes(c);
    const names = nameForms(read.person);
    const needsOf = (category: DataCategory) =>
      read.needs
        .filter((n) => (DOMAIN_CATEGORY[n.domain] ?? 'request_assessment') === category && n.status === 'open')
        .map((n) => ({ domain: n.domain, severity: n.severity, description: n.description }));
    const sensitive = given.filter((c) => c === 'health' || c === 'substance_use' || c === 'criminal_history');
    const entries =
      has('journal') || sensitive.length > 0
        ? await entriesForDisclosure(uow.door, read.case, { ordinary: has('journal'), sensitive }, 'disclosure.case_summary')
        : [];
    const entryOf = ({ entry }: (typeof entries)[number]) => ({
      occurredOn: entry.occurredOn,
      kind: entry.kind,
      text: plainText(entry.text as RichText).slice(0, 2000),
    });
    const [plan] = has('plan') ? await plansOfCaseIn(uow.door, read.case, ['active'], 'disclosure.case_summary') : [];
    const planContent = (plan?.content ?? null) as {
      periodFrom?: string;
      periodTo?: string;
      goals?: { id: string; description: string }[];
    } | null;
    return {
      person: { own: names.own, latin: names.latin, ownLanguage: names.ownLanguage, languages: read.person.languages },
      caseNumber: read.case.caseNumber,
      unit: read.unit.name,
      responsible: read.responsible.name,
      sections: given.map((category) => {
        if (category === 'identity')
          return {
            category,
            lines: [names.latin ? `${names.own} (${names.latin})` : names.own, ...(read.person.birthDate ? [read.person.birthDate] : [])],
          };
        if (category === 'request_assessment')
          return {
            category,
            lines: [read.request?.mainProblem ?? '', read.request?.ownWords ?? ''].filter(Boolean),
            needs: needsOf('request_assessment'),
          };
        if (category === 'plan')
          return {
            category,
            lines: planContent ? (planContent.goals ?? []).map((g) => g.description) : [],
            period: planContent ? { from: planContent.periodFrom ?? null, to: planContent.periodTo ?? null } : null,
            steps: read.steps.filter((s) => s.status !== 'removed').map((s) => ({ what: s.what, dueDate: s.dueDate, status: s.status })),
          };
        if (category === 'journal')
          return { category, lines: [], entries: entries.filter((e) => e.entry.confidentiality === 'normal').map(entryOf) };
        return {
          category,
          lines: [],
          needs: needsOf(category),
          entries: entries.filter((e) => e.entry.sensitiveCategory === category).map(entryOf),
        };
      }),
    };
  }
}
