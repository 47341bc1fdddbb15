import type { z } from 'zod';
import { mayRevealRecord, minimumRevealReasonLength } from '../../core/access-policy.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { decodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { alertStaff } from '../work/work.store.ts';
import { type DuplicateScore, scoreDuplicate } from './duplicate-scoring.rules.ts';
import { nameSearchText, normalisePhone } from './name-keys.rules.ts';
import { checkNationalId } from './national-id.rules.ts';
import type { createPersonBody, duplicateCheckBody, PersonInput, restrictionBody, updatePersonBody } from './person.contract.ts';
import {
  activeLinkBetween,
  type CandidateRow,
  caretakersOf,
  decideLinkRequest,
  duplicateCandidateRows,
  endLink,
  insertDistinctConfirmation,
  insertLink,
  insertLinkRequest,
  insertPerson,
  insertPersonVersion,
  insertRelation,
  isPersonInReach,
  linkInReach,
  linkRequestForDecision,
  linkReviewersOf,
  linksOf,
  openLinkRequestsForReview,
  type PersonLinkRow,
  type PersonRow,
  personForReveal,
  personInReach,
  personPage,
  personVersionsOf,
  relationsOf,
  showCandidates,
  updatePerson,
  withStaffNames,
} from './person.store.ts';

export const presentPerson = (p: PersonRow) => ({
  id: p.id,
  givenName: p.givenName,
  familyName: p.familyName,
  otherNames: p.otherNames,
  nameInOtherScript: p.nameInOtherScript,
  birthDate: p.birthDate,
  birthDatePrecision: p.birthDatePrecision as never,
  sex: p.sex as never,
  genderIdentity: p.genderIdentity,
  nationalId: p.nationalId,
  nationalIdCountry: p.nationalIdCountry,
  languages: p.languages,
  interpreterNeeded: p.interpreterNeeded,
  phones: p.phones,
  email: p.email,
  preferredContact: p.preferredContact as never,
  addressLine: p.addressLine,
  postcode: p.postcode,
  city: p.city,
  region: p.region,
  legalCapacity: p.legalCapacity as never,
  guardianPersonId: p.guardianPersonId,
  guardianRelationship: p.guardianRelationship,
  knownToOtherServices: p.knownToOtherServices,
  processingRestriction: p.processingRestrictedAt
    ? { since: p.processingRestrictedAt.toISOString(), reason: p.processingRestrictionReason ?? '' }
    : null,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
});

/** Columns derived from the typed fields: search keys and normalised phone numbers. */
function derived(fields: Partial<PersonInput> & Pick<PersonRow, 'givenName' | 'familyName'>) {
  return {
    nameSearch: nameSearchText(
      [fields.givenName, fields.familyName, ...(fields.otherNames ?? []), fields.nameInOtherScript ?? ''].filter(Boolean),
    ),
    phoneKeys: [...new Set((fields.phones ?? []).map(normalisePhone).filter(Boolean))],
  };
}

/** What an edit history entry and a duplicate check compare: the record without bookkeeping columns. */
function snapshotOf(p: PersonRow): Record<string, unknown> {
  const { nameSearch: _n, phoneKeys: _p, createdAt: _c, updatedAt: _u, createdBy: _b, version: _v, ...fields } = p;
  return fields;
}

export interface DuplicateCandidate extends DuplicateScore {
  personId: string;
  canOpen: boolean;
  /** Shown only for people the caller may open. */
  givenName: string | null;
  familyName: string | null;
  birthDate: string | null;
  /** Shown for everyone: enough to recognise a record out of reach, not to read it. */
  initials: string;
  birthYear: number | null;
  knownTo: string[];
}

const initialOf = (name: string) => (name.trim() ? `${[...name.trim()][0]!.toLocaleUpperCase()}.` : '');

/** A candidate as shown: in full when the caller may open the record, masked when not. */
function shownCandidate(row: CandidateRow, score: DuplicateScore): DuplicateCandidate {
  return {
    personId: row.id,
    canOpen: row.canOpen,
    givenName: row.canOpen ? row.givenName : null,
    familyName: row.canOpen ? row.familyName : null,
    birthDate: row.canOpen ? row.birthDate : null,
    initials: `${initialOf(row.givenName)} ${initialOf(row.familyName)}`.trim(),
    birthYear: row.birthDate ? Number(row.birthDate.slice(0, 4)) : null,
    knownTo: row.units,
    ...score,
  };
}

const presentLink = ({
  link,
  linkedByName,
  unlinkedByName,
}: {
  link: PersonLinkRow;
  linkedByName: string | null;
  unlinkedByName: string | null;
}) => ({
  id: link.id,
  personId: link.personId,
  otherPersonId: link.otherPersonId,
  reason: link.reason,
  linkedAt: link.linkedAt.toISOString(),
  linkedByName,
  unlinkedAt: link.unlinkedAt?.toISOString() ?? null,
  unlinkedByName,
  unlinkReason: link.unlinkReason,
});

/**
 * The person registry. Reads go through the door (person.store.ts), which applies the actor's
 * scope in SQL and audits them; every write leaves an audit event naming the person, in the same
 * transaction.
 */
export class PersonService {
  constructor(private readonly db: Database) {}

  /** Checks the fields that need the database or the agency's settings; returns the national ID in its normal form. */
  private async validate(door: Door, input: Partial<PersonInput>, countries: string[]): Promise<string | null | undefined> {
    let nationalId = input.nationalId;
    if (input.nationalId && input.nationalIdCountry && countries.includes(input.nationalIdCountry)) {
      const check = checkNationalId(input.nationalIdCountry, input.nationalId);
      if (!check.valid)
        throw invalidField('nationalId', check.code ?? 'bad_format', `Not a valid national ID for ${input.nationalIdCountry}`);
      nationalId = check.normalised ?? input.nationalId;
    }
    if (input.nationalId && !input.nationalIdCountry)
      throw invalidField('nationalIdCountry', 'required', 'Say which country issued the ID');
    if (input.guardianPersonId && !(await isPersonInReach(door, input.guardianPersonId)))
      throw invalidField('guardianPersonId', 'not_found', 'No such person');
    return nationalId;
  }

  private async nationalIdCountries(tx: Transaction): Promise<string[]> {
    return (await agencySettings(tx)).nationalIdCountries;
  }

  /**
   * Registers a person. A strong match with someone already registered needs the worker's explicit
   * "this is a different person" (confirmedDistinctFrom), which is recorded.
   */
  async create(ctx: RequestContext, input: z.infer<typeof createPersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { confirmedDistinctFrom, askToLinkWith, ...typed } = input;
      const fields = { ...typed, nationalId: (await this.validate(uow.door, typed, await this.nationalIdCountries(uow.tx))) ?? null };
      const candidates = await this.findCandidates(uow, fields, undefined);
      const answered = new Set([...confirmedDistinctFrom, ...askToLinkWith]);
      const unconfirmed = candidates.filter((c) => c.strength === 'strong' && !answered.has(c.personId));
      const askIndex = askToLinkWith.findIndex((id) => !candidates.some((c) => c.personId === id && !c.canOpen));
      if (askIndex >= 0)
        throw invalidField(`askToLinkWith.${askIndex}`, 'not_a_candidate', 'Ask only about a possible duplicate you cannot open yourself');
      if (unconfirmed.length > 0) {
        throw new DomainError(
          'possible_duplicate',
          'This person may already be registered; confirm that they are a different person, or use the existing record',
          unconfirmed.map((c) => ({ field: 'confirmedDistinctFrom', code: 'strong_match', message: c.personId })),
        );
      }
      const row = await insertPerson(uow.door, { ...fields, ...derived(fields), createdBy: uow.actor.id });
      await insertPersonVersion(uow.door, row.id, 1, snapshotOf(row));
      for (const candidate of candidates.filter((c) => confirmedDistinctFrom.includes(c.personId))) {
        await insertDistinctConfirmation(uow.door, row.id, candidate.personId, candidate.score);
        uow.audit({
          action: 'person.confirmed_distinct',
          entityType: 'person',
          entityId: candidate.personId,
          personId: candidate.personId,
          details: { newPersonId: row.id, score: candidate.score },
        });
      }
      uow.audit({ action: 'person.create', entityType: 'person', entityId: row.id, personId: row.id });
      for (const otherPersonId of askToLinkWith) await this.askToLink(uow, row.id, otherPersonId);
      return presentPerson(row);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => presentPerson(await personInReach(uow.door, id, 'person.read')));
  }

  async list(ctx: RequestContext, limit: number, cursor?: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const page = await personPage(uow.door, limit, decodeCursor(cursor, 2) as [string, string] | null);
      return presentPage(page, presentPerson, (p) => [p.familyName, p.id]);
    });
  }

  /** Saves changes; the previous state stays readable in the edit history. */
  async update(ctx: RequestContext, id: string, input: z.infer<typeof updatePersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await personInReach(uow.door, id, 'person.update', { lock: true });
      const { version, ...fields } = input;
      if (current.version !== version) throw versionConflict('The person');
      if (fields.guardianPersonId === id) throw invalidField('guardianPersonId', 'invalid', 'A person cannot be their own guardian');
      const merged = { ...current, ...fields };
      const nationalId = await this.validate(uow.door, merged as Partial<PersonInput>, await this.nationalIdCountries(uow.tx));
      if (fields.nationalId !== undefined || fields.nationalIdCountry !== undefined) fields.nationalId = nationalId ?? null;
      const row = await updatePerson(uow.door, id, { ...fields, ...derived(merged as PersonInput) });
      await insertPersonVersion(uow.door, id, row.version, snapshotOf(row));
      uow.audit({ action: 'person.update', entityType: 'person', entityId: id, personId: id, details: { fields: Object.keys(fields) } });
      return presentPerson(row);
    });
  }

  /**
   * Restriction of processing (GDPR art. 18), at the person's request: while it holds, nothing about
   * them leaves the agency but what the law requires (the disclosure gate refuses), and every page
   * of theirs says so. Lifting it is recorded the same way; both stay in the edit history.
   */
  async setRestriction(ctx: RequestContext, id: string, input: z.infer<typeof restrictionBody>, restricted: boolean) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await personInReach(uow.door, id, 'person.update', { lock: true });
      if (current.version !== input.version) throw versionConflict('The person');
      if (Boolean(current.processingRestrictedAt) === restricted)
        throw new DomainError('transition_not_allowed', restricted ? 'Processing is restricted already' : 'Processing is not restricted');
      const row = await updatePerson(
        uow.door,
        id,
        restricted
          ? { processingRestrictedAt: new Date(), processingRestrictionReason: input.reason }
          : { processingRestrictedAt: null, processingRestrictionReason: null },
      );
      await insertPersonVersion(uow.door, id, row.version, snapshotOf(row));
      uow.audit({
        action: restricted ? 'person.restrict' : 'person.lift_restriction',
        entityType: 'person',
        entityId: id,
        personId: id,
        details: { reason: input.reason },
      });
      return presentPerson(row);
    });
  }

  /** The record's edit history, newest first, each entry naming what changed. */
  async history(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const rows = await personVersionsOf(uow.door, id);
      return rows.map(({ v, name }, i) => {
        const previous = rows[i + 1]?.v.snapshot as Record<string, unknown> | undefined;
        const snapshot = v.snapshot as Record<string, unknown>;
        const changedFields = previous
          ? Object.keys(snapshot).filter((k) => JSON.stringify(snapshot[k]) !== JSON.stringify(previous[k]))
          : [];
        return {
          version: v.version,
          changedAt: v.changedAt.toISOString(),
          changedBy: v.changedBy,
          changedByName: name,
          changedFields,
          snapshot,
        };
      });
    });
  }

  /**
   * People who may be the same as the one being typed. Searched across the whole agency – a
   * duplicate outside the caller's reach is still a duplicate – but of a record the caller may not
   * open only initials, the birth year and the units that know the person are shown. One audit
   * event names every candidate shown.
   */
  async checkDuplicates(ctx: RequestContext, input: z.infer<typeof duplicateCheckBody>) {
    return inTransaction(this.db, ctx, async (uow) => ({
      candidates: showCandidates(uow.door, await this.findCandidates(uow, input, input.excludePersonId)),
    }));
  }

  private async findCandidates(uow: UnitOfWork, input: Partial<PersonInput>, excludeId: string | undefined): Promise<DuplicateCandidate[]> {
    const names = [input.givenName, input.familyName, ...(input.otherNames ?? []), input.nameInOtherScript ?? ''].filter(
      (n): n is string => !!n,
    );
    const rows = await duplicateCandidateRows(
      uow.door,
      {
        names: nameSearchText(names),
        nationalId: input.nationalId ?? null,
        phones: (input.phones ?? []).map(normalisePhone).filter(Boolean),
      },
      excludeId,
    );
    const typed = {
      givenName: input.givenName ?? '',
      familyName: input.familyName ?? '',
      otherNames: input.otherNames ?? [],
      nameInOtherScript: input.nameInOtherScript ?? null,
      birthDate: input.birthDate ?? null,
      birthDatePrecision: input.birthDatePrecision ?? 'day',
      nationalId: input.nationalId ?? null,
      phones: input.phones ?? [],
    };
    return (
      rows
        .map((p) => shownCandidate(p, scoreDuplicate(typed, { ...p, birthDatePrecision: p.birthDatePrecision as 'day' })))
        // weak matches are noise, unless they share an identifier: a phone or national ID is worth a look
        .filter((c) => c.strength !== 'weak' || c.reasons.some((r) => r.code === 'same_phone' || r.code === 'same_national_id'))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
    );
  }

  /** Asks the staff who know a record out of the caller's reach whether it is the same person as one just registered. */
  private async askToLink(uow: UnitOfWork, personId: string, otherPersonId: string) {
    const request = await insertLinkRequest(uow.door, { personId, otherPersonId, reason: 'Registered as possibly the same person' });
    if (!request) return;
    await alertStaff(
      uow.door,
      'link_requested',
      (await linkReviewersOf(uow.door, otherPersonId)).filter((id) => id !== uow.actor.id),
      null,
    );
    uow.audit({
      action: 'person.link_request',
      entityType: 'person_link_request',
      entityId: request.id,
      personIds: [personId, otherPersonId],
    });
  }

  /**
   * A record out of the caller's reach, shown in full – to supervision, or with a reason. The
   * reason is kept in the audit trail and the person's worker is told who looked and why.
   */
  async reveal(ctx: RequestContext, id: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!mayRevealRecord(uow.actor, reason))
        throw invalidField('reason', 'required', `Say why you need to see this record (at least ${minimumRevealReasonLength} characters)`);
      const row = await personForReveal(uow.door, id);
      uow.audit({ action: 'person.reveal', entityType: 'person', entityId: id, personId: id, details: { reason } });
      await alertStaff(
        uow.door,
        'record_revealed',
        (await caretakersOf(uow.door, id)).filter((s) => s !== uow.actor.id),
        null,
      );
      return presentPerson(row);
    });
  }

  /** The open requests to link a record the caller can see with one registered elsewhere. */
  async linkRequests(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => (await openLinkRequestsForReview(uow.door)).map(presentLinkRequest));
  }

  /** The records are the same person: they are linked (never merged), and the one who asked is told. */
  async acceptLinkRequest(ctx: RequestContext, id: string, note: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await linkRequestForDecision(uow.door, id, 'person.link_request.accept');
      if (found.request.status !== 'open') throw new DomainError('transition_not_allowed', 'This request was already decided');
      const [a, b] = [found.person.id, found.otherPerson.id].sort() as [string, string];
      const decided = await decideLinkRequest(uow.door, id, 'accepted', note);
      if (!(await activeLinkBetween(uow.door, a, b))) {
        const link = await insertLink(uow.door, a, b, note || found.request.reason);
        for (const personId of [a, b])
          uow.audit({ action: 'person.link', entityType: 'person_link', entityId: link.id, personId, details: { requestId: id } });
      }
      uow.audit({ action: 'person.link_request.accept', entityType: 'person_link_request', entityId: id, personIds: [a, b] });
      await alertStaff(uow.door, 'link_accepted', [found.request.requestedBy], null);
      return presentLinkRequest({ ...found, request: decided });
    });
  }

  /** They are different people: the request is closed with a note, and the one who asked is told. */
  async declineLinkRequest(ctx: RequestContext, id: string, note: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const found = await linkRequestForDecision(uow.door, id, 'person.link_request.decline');
      if (found.request.status !== 'open') throw new DomainError('transition_not_allowed', 'This request was already decided');
      const decided = await decideLinkRequest(uow.door, id, 'declined', note);
      uow.audit({
        action: 'person.link_request.decline',
        entityType: 'person_link_request',
        entityId: id,
        personIds: [found.person.id, found.otherPerson.id],
      });
      await alertStaff(uow.door, 'link_declined', [found.request.requestedBy], null);
      return presentLinkRequest({ ...found, request: decided });
    });
  }

  /** Records that two records are the same person. Nothing is merged; both stay as they were. */
  async link(ctx: RequestContext, id: string, otherId: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (id === otherId) throw invalidField('otherPersonId', 'invalid', 'A record cannot be linked to itself');
      await personInReach(uow.door, id, 'person.link');
      await personInReach(uow.door, otherId, 'person.link');
      const [a, b] = id < otherId ? [id, otherId] : [otherId, id];
      if (await activeLinkBetween(uow.door, a, b)) throw new DomainError('already_exists', 'These records are already linked');
      const row = await insertLink(uow.door, a, b, reason);
      for (const personId of [a, b])
        uow.audit({ action: 'person.link', entityType: 'person_link', entityId: row.id, personId, details: { reason } });
      return presentLink((await withStaffNames(uow.door, [row]))[0]!);
    });
  }

  async unlink(ctx: RequestContext, linkId: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const link = await linkInReach(uow.door, linkId, 'person.unlink');
      if (link.unlinkedAt) throw new DomainError('already_exists', 'This link was already removed');
      const row = await endLink(uow.door, linkId, reason);
      for (const personId of [link.personId, link.otherPersonId])
        uow.audit({ action: 'person.unlink', entityType: 'person_link', entityId: linkId, personId, details: { reason } });
      return presentLink((await withStaffNames(uow.door, [row]))[0]!);
    });
  }

  /** Relatives and household members are people too: each relation points at another person record. */
  async addRelation(ctx: RequestContext, id: string, input: RelationInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (input.relatedPersonId === id) throw invalidField('relatedPersonId', 'invalid', 'A person cannot be their own relative');
      await personInReach(uow.door, id, 'person.relation');
      const related = await personInReach(uow.door, input.relatedPersonId, 'person.relation');
      const row = await insertRelation(uow.door, id, input);
      for (const personId of [id, input.relatedPersonId])
        uow.audit({ action: 'person.relation_add', entityType: 'person_relation', entityId: row.id, personId });
      return {
        id: row.id,
        personId: id,
        relatedPersonId: related.id,
        relatedPersonName: `${related.givenName} ${related.familyName}`,
        relationship: row.relationship,
        household: row.household,
      };
    });
  }

  async relations(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) =>
      (await relationsOf(uow.door, id)).map(({ r, givenName, familyName }) => ({
        id: r.id,
        personId: r.personId,
        relatedPersonId: r.relatedPersonId,
        relatedPersonName: `${givenName} ${familyName}`,
        relationship: r.relationship,
        household: r.household,
      })),
    );
  }

  async links(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => (await linksOf(uow.door, id)).map(presentLink));
  }
}

type LinkRequestRow = Awaited<ReturnType<typeof openLinkRequestsForReview>>[number];
const presentLinkRequest = ({ request, requestedByName, person, otherPerson }: LinkRequestRow) => ({
  id: request.id,
  status: request.status,
  reason: request.reason,
  requestedAt: request.requestedAt.toISOString(),
  requestedByName,
  person,
  otherPerson,
});

export interface RelationInput {
  relatedPersonId: string;
  relationship: string;
  household: boolean;
}
