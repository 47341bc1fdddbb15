import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import { personVisibleTo } from '../../core/scopes.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { staff } from '../staff/staff.schema.ts';
import { type DuplicateScore, scoreDuplicate } from './duplicate-scoring.rules.ts';
import { nameSearchText, normalisePhone } from './name-keys.rules.ts';
import { checkNationalId } from './national-id.rules.ts';
import type { createPersonBody, duplicateCheckBody, PersonInput, updatePersonBody } from './person.contract.ts';
import { distinctPersonConfirmations, personLinks, personRelations, persons, personVersions } from './person.schema.ts';

type PersonRow = typeof persons.$inferSelect;

/** pg_trgm thresholds for finding candidates; looser than the defaults so misspellings and other romanisations are caught, then scored. */
export const TRIGRAM_THRESHOLD = 0.3;

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
  givenName: string;
  familyName: string;
  birthDate: string | null;
  canOpen: boolean;
}

/**
 * The person registry. Every query carries the actor's scope (src/core/scopes.ts); every read and
 * write leaves an audit event naming the person, in the same transaction.
 */
export class PersonService {
  constructor(private readonly db: Database) {}

  /** Loads a person the actor may see, or explains the miss: audited as denied when the record exists. */
  async visiblePerson(uow: UnitOfWork, id: string, action: string, lock = false): Promise<PersonRow> {
    const query = uow.tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, id), personVisibleTo(uow.actor, sql`${persons}`)));
    const [row] = lock ? await query.for('update') : await query;
    if (row) return row;
    const [exists] = await uow.tx.select({ id: persons.id }).from(persons).where(eq(persons.id, id));
    if (exists) uow.auditDenied({ action, entityType: 'person', entityId: id, personId: id });
    throw notFound('The person');
  }

  /** Checks the fields that need the database or the agency's settings; returns the national ID in its normal form. */
  private async validate(tx: Transaction, input: Partial<PersonInput>, countries: string[]): Promise<string | null | undefined> {
    let nationalId = input.nationalId;
    if (input.nationalId && input.nationalIdCountry && countries.includes(input.nationalIdCountry)) {
      const check = checkNationalId(input.nationalIdCountry, input.nationalId);
      if (!check.valid)
        throw invalidField('nationalId', check.code ?? 'bad_format', `Not a valid national ID for ${input.nationalIdCountry}`);
      nationalId = check.normalised ?? input.nationalId;
    }
    if (input.nationalId && !input.nationalIdCountry)
      throw invalidField('nationalIdCountry', 'required', 'Say which country issued the ID');
    if (input.guardianPersonId) {
      const [guardian] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, input.guardianPersonId));
      if (!guardian) throw invalidField('guardianPersonId', 'not_found', 'No such person');
    }
    return nationalId;
  }

  private async nationalIdCountries(tx: Transaction): Promise<string[]> {
    const result = await tx.execute<{ countries: string[] }>(sql`SELECT national_id_countries AS countries FROM agency WHERE id = 1`);
    return result.rows[0]?.countries ?? [];
  }

  /**
   * Registers a person. A strong match with someone already registered needs the worker's explicit
   * "this is a different person" (confirmedDistinctFrom), which is recorded.
   */
  async create(ctx: RequestContext, input: z.infer<typeof createPersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { confirmedDistinctFrom, ...typed } = input;
      const fields = { ...typed, nationalId: (await this.validate(uow.tx, typed, await this.nationalIdCountries(uow.tx))) ?? null };
      const candidates = await this.findCandidates(uow, fields, undefined);
      const unconfirmed = candidates.filter((c) => c.strength === 'strong' && !confirmedDistinctFrom.includes(c.personId));
      if (unconfirmed.length > 0) {
        throw new DomainError(
          'possible_duplicate',
          'This person may already be registered; confirm that they are a different person, or use the existing record',
          unconfirmed.map((c) => ({ field: 'confirmedDistinctFrom', code: 'strong_match', message: c.personId })),
        );
      }
      const [row] = await uow.tx
        .insert(persons)
        .values({ ...fields, ...derived(fields), createdBy: uow.actor.id })
        .returning();
      await uow.tx.insert(personVersions).values({ personId: row!.id, version: 1, snapshot: snapshotOf(row!), changedBy: uow.actor.id });
      for (const candidate of candidates.filter((c) => confirmedDistinctFrom.includes(c.personId))) {
        await uow.tx
          .insert(distinctPersonConfirmations)
          .values({ personId: row!.id, existingPersonId: candidate.personId, score: candidate.score, confirmedBy: uow.actor.id });
        uow.audit({
          action: 'person.confirmed_distinct',
          entityType: 'person',
          entityId: candidate.personId,
          personId: candidate.personId,
          details: { newPersonId: row!.id, score: candidate.score },
        });
      }
      uow.audit({ action: 'person.create', entityType: 'person', entityId: row!.id, personId: row!.id });
      return presentPerson(row!);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await this.visiblePerson(uow, id, 'person.read');
      uow.audit({ action: 'person.read', entityType: 'person', entityId: id, personId: id });
      return presentPerson(row);
    });
  }

  async list(ctx: RequestContext, limit: number, cursor?: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const rows = await uow.tx
        .select()
        .from(persons)
        .where(
          and(
            personVisibleTo(uow.actor, sql`${persons}`),
            after ? sql`(${persons.familyName}, ${persons.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(persons.familyName, persons.id)
        .limit(limit + 1);
      const page = pageOf(rows, limit, presentPerson, (p) => [p.familyName, p.id]);
      for (const p of page.items) uow.audit({ action: 'person.list', entityType: 'person', entityId: p.id, personId: p.id });
      return page;
    });
  }

  /** Saves changes; the previous state stays readable in the edit history. */
  async update(ctx: RequestContext, id: string, input: z.infer<typeof updatePersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await this.visiblePerson(uow, id, 'person.update', true);
      const { version, ...fields } = input;
      if (current.version !== version) throw versionConflict('The person');
      const merged = { ...current, ...fields };
      const nationalId = await this.validate(uow.tx, merged as Partial<PersonInput>, await this.nationalIdCountries(uow.tx));
      if (fields.nationalId !== undefined || fields.nationalIdCountry !== undefined) fields.nationalId = nationalId ?? null;
      if (fields.guardianPersonId === id) throw invalidField('guardianPersonId', 'invalid', 'A person cannot be their own guardian');
      const [row] = await uow.tx
        .update(persons)
        .set({ ...fields, ...derived(merged as PersonInput), version: sql`${persons.version} + 1`, updatedAt: new Date() })
        .where(eq(persons.id, id))
        .returning();
      await uow.tx
        .insert(personVersions)
        .values({ personId: id, version: row!.version, snapshot: snapshotOf(row!), changedBy: uow.actor.id });
      uow.audit({ action: 'person.update', entityType: 'person', entityId: id, personId: id, details: { fields: Object.keys(fields) } });
      return presentPerson(row!);
    });
  }

  /** The record's edit history, newest first, each entry naming what changed. */
  async history(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await this.visiblePerson(uow, id, 'person.history');
      const rows = await uow.tx
        .select({ v: personVersions, name: staff.displayName })
        .from(personVersions)
        .leftJoin(staff, eq(staff.id, personVersions.changedBy))
        .where(eq(personVersions.personId, id))
        .orderBy(desc(personVersions.version))
        .limit(200);
      uow.audit({ action: 'person.history', entityType: 'person', entityId: id, personId: id });
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
   * duplicate outside the caller's reach is still a duplicate – but only enough to recognise them
   * is shown, and each candidate shown is audited as a read of that person.
   */
  async checkDuplicates(ctx: RequestContext, input: z.infer<typeof duplicateCheckBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const candidates = await this.findCandidates(uow, input, input.excludePersonId);
      for (const c of candidates) {
        uow.audit({
          action: 'person.duplicate_candidate',
          entityType: 'person',
          entityId: c.personId,
          personId: c.personId,
          details: { score: c.score },
        });
      }
      return { candidates };
    });
  }

  async findCandidates(uow: UnitOfWork, input: Partial<PersonInput>, excludeId: string | undefined): Promise<DuplicateCandidate[]> {
    const names = [input.givenName, input.familyName, ...(input.otherNames ?? []), input.nameInOtherScript ?? ''].filter(
      (n): n is string => !!n,
    );
    const query = nameSearchText(names);
    const phones = (input.phones ?? []).map(normalisePhone).filter(Boolean);
    const conditions = [
      query ? sql`(${query} <% p.name_search OR p.name_search % ${query})` : null,
      input.nationalId ? sql`p.national_id = ${input.nationalId}` : null,
      phones.length ? sql`p.phone_keys && ${sql.param(phones)}::text[]` : null,
    ].filter((c) => c !== null);
    if (conditions.length === 0) return [];
    await uow.tx.execute(sql`SET LOCAL pg_trgm.word_similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
    await uow.tx.execute(sql`SET LOCAL pg_trgm.similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
    const rows = await uow.tx.execute<PersonRow & { can_open: boolean }>(sql`
      SELECT p.id, p.given_name AS "givenName", p.family_name AS "familyName", p.other_names AS "otherNames",
             p.name_in_other_script AS "nameInOtherScript", p.birth_date AS "birthDate", p.birth_date_precision AS "birthDatePrecision",
             p.national_id AS "nationalId", p.phones, ${personVisibleTo(uow.actor, sql`p`)} AS can_open
      FROM persons p
      WHERE (${sql.join(conditions, sql` OR `)}) ${excludeId ? sql`AND p.id <> ${excludeId}` : sql``}
      ORDER BY similarity(p.name_search, ${query}) DESC
      LIMIT 50`);
    return (
      rows.rows
        .map((p) => ({
          personId: p.id,
          givenName: p.givenName,
          familyName: p.familyName,
          birthDate: p.birthDate,
          canOpen: p.can_open,
          ...scoreDuplicate(
            {
              givenName: input.givenName ?? '',
              familyName: input.familyName ?? '',
              otherNames: input.otherNames ?? [],
              nameInOtherScript: input.nameInOtherScript ?? null,
              birthDate: input.birthDate ?? null,
              birthDatePrecision: input.birthDatePrecision ?? 'day',
              nationalId: input.nationalId ?? null,
              phones: input.phones ?? [],
            },
            {
              givenName: p.givenName,
              familyName: p.familyName,
              otherNames: p.otherNames,
              nameInOtherScript: p.nameInOtherScript,
              birthDate: p.birthDate,
              birthDatePrecision: p.birthDatePrecision as 'day',
              nationalId: p.nationalId,
              phones: p.phones,
            },
          ),
        }))
        // weak matches are noise, unless they share an identifier: a phone or national ID is worth a look
        .filter((c) => c.strength !== 'weak' || c.reasons.some((r) => r.code === 'same_phone' || r.code === 'same_national_id'))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
    );
  }

  /** Records that two records are the same person. Nothing is merged; both stay as they were. */
  async link(ctx: RequestContext, id: string, otherId: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (id === otherId) throw invalidField('otherPersonId', 'invalid', 'A record cannot be linked to itself');
      await this.visiblePerson(uow, id, 'person.link');
      await this.visiblePerson(uow, otherId, 'person.link');
      const [a, b] = id < otherId ? [id, otherId] : [otherId, id];
      const [existing] = await uow.tx
        .select()
        .from(personLinks)
        .where(and(eq(personLinks.personId, a), eq(personLinks.otherPersonId, b), sql`${personLinks.unlinkedAt} IS NULL`));
      if (existing) throw new DomainError('already_exists', 'These records are already linked');
      const [row] = await uow.tx.insert(personLinks).values({ personId: a, otherPersonId: b, reason, linkedBy: uow.actor.id }).returning();
      for (const personId of [a, b])
        uow.audit({ action: 'person.link', entityType: 'person_link', entityId: row!.id, personId, details: { reason } });
      return (await presentLinks(uow.tx, [row!]))[0]!;
    });
  }

  async unlink(ctx: RequestContext, linkId: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [link] = await uow.tx.select().from(personLinks).where(eq(personLinks.id, linkId)).for('update');
      if (!link) throw notFound('The link');
      await this.visiblePerson(uow, link.personId, 'person.unlink');
      await this.visiblePerson(uow, link.otherPersonId, 'person.unlink');
      if (link.unlinkedAt) throw new DomainError('already_exists', 'This link was already removed');
      const [row] = await uow.tx
        .update(personLinks)
        .set({ unlinkedAt: new Date(), unlinkedBy: uow.actor.id, unlinkReason: reason })
        .where(eq(personLinks.id, linkId))
        .returning();
      for (const personId of [link.personId, link.otherPersonId])
        uow.audit({ action: 'person.unlink', entityType: 'person_link', entityId: linkId, personId, details: { reason } });
      return (await presentLinks(uow.tx, [row!]))[0]!;
    });
  }

  /** Relatives and household members are people too: each relation points at another person record. */
  async addRelation(ctx: RequestContext, id: string, input: RelationInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (input.relatedPersonId === id) throw invalidField('relatedPersonId', 'invalid', 'A person cannot be their own relative');
      await this.visiblePerson(uow, id, 'person.relation');
      const related = await this.visiblePerson(uow, input.relatedPersonId, 'person.relation');
      const [row] = await uow.tx
        .insert(personRelations)
        .values({ personId: id, ...input, createdBy: uow.actor.id })
        .returning();
      for (const personId of [id, input.relatedPersonId])
        uow.audit({ action: 'person.relation_add', entityType: 'person_relation', entityId: row!.id, personId });
      return {
        id: row!.id,
        personId: id,
        relatedPersonId: related.id,
        relatedPersonName: `${related.givenName} ${related.familyName}`,
        relationship: row!.relationship,
        household: row!.household,
      };
    });
  }

  async relations(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await this.visiblePerson(uow, id, 'person.relations');
      const rows = await uow.tx
        .select({ r: personRelations, givenName: persons.givenName, familyName: persons.familyName })
        .from(personRelations)
        .innerJoin(persons, eq(persons.id, personRelations.relatedPersonId))
        .where(eq(personRelations.personId, id))
        .orderBy(personRelations.createdAt);
      uow.audit({ action: 'person.relations', entityType: 'person', entityId: id, personId: id });
      return rows.map(({ r, givenName, familyName }) => ({
        id: r.id,
        personId: r.personId,
        relatedPersonId: r.relatedPersonId,
        relatedPersonName: `${givenName} ${familyName}`,
        relationship: r.relationship,
        household: r.household,
      }));
    });
  }

  async links(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await this.visiblePerson(uow, id, 'person.links');
      const rows = await uow.tx
        .select()
        .from(personLinks)
        .where(sql`${personLinks.personId} = ${id} OR ${personLinks.otherPersonId} = ${id}`)
        .orderBy(desc(personLinks.linkedAt));
      uow.audit({ action: 'person.links', entityType: 'person', entityId: id, personId: id });
      return presentLinks(uow.tx, rows);
    });
  }
}

export interface RelationInput {
  relatedPersonId: string;
  relationship: string;
  household: boolean;
}

/** Links as shown, naming the staff who linked and who unlinked. */
async function presentLinks(tx: Transaction, links: (typeof personLinks.$inferSelect)[]) {
  const staffIds = [...new Set(links.flatMap((l) => [l.linkedBy, l.unlinkedBy]).filter((id) => id !== null))];
  const names = new Map(
    staffIds.length === 0
      ? []
      : (await tx.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, staffIds))).map((s) => [
          s.id,
          s.name,
        ]),
  );
  return links.map((l) => ({
    id: l.id,
    personId: l.personId,
    otherPersonId: l.otherPersonId,
    reason: l.reason,
    linkedAt: l.linkedAt.toISOString(),
    linkedByName: names.get(l.linkedBy) ?? null,
    unlinkedAt: l.unlinkedAt?.toISOString() ?? null,
    unlinkedByName: l.unlinkedBy ? (names.get(l.unlinkedBy) ?? null) : null,
    unlinkReason: l.unlinkReason,
  }));
}
