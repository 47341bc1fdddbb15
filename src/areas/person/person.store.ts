/** The person registry's part of the door (src/core/door.ts): every read carries the actor's scope. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { staff } from '../staff/staff.schema.ts';
import { distinctPersonConfirmations, personLinkRequests, personLinks, personRelations, persons, personVersions } from './person.schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type PersonValues = typeof persons.$inferInsert;
export type PersonLinkRow = typeof personLinks.$inferSelect;

/** pg_trgm thresholds for finding candidates; looser than the defaults so misspellings and other romanisations are caught, then scored. */
export const TRIGRAM_THRESHOLD = 0.3;

/** A person within the actor's reach, or the uniform 404. */
export function personInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<PersonRow> {
  const query = door.tx
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), door.personInReach(sql`${persons}`)));
  return door.one({
    what: 'The person',
    action,
    entityType: 'person',
    entityId: id,
    rows: options.lock ? query.for('update') : query,
    personOf: (p) => p.id,
    whose: async () => (await door.tx.select({ id: persons.id }).from(persons).where(eq(persons.id, id)))[0]?.id,
  });
}

/** Whether the person is within the actor's reach – for a reference to them (a guardian), nothing of theirs is read. */
export async function isPersonInReach(door: Door, id: string): Promise<boolean> {
  const found = await door.tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, id), door.personInReach(sql`${persons}`)));
  return found.length > 0;
}

/** A page of the people within reach, by family name. */
export function personPage(door: Door, limit: number, after: [string, string] | null) {
  return door.page(
    {
      action: 'person.list',
      entityType: 'person',
      rows: door.tx
        .select()
        .from(persons)
        .where(
          and(
            door.personInReach(sql`${persons}`),
            after ? sql`(${persons.familyName}, ${persons.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(persons.familyName, persons.id)
        .limit(limit + 1),
      personOf: (p) => p.id,
    },
    limit,
  );
}

export async function insertPerson(door: Door, values: PersonValues): Promise<PersonRow> {
  const [row] = await door.tx.insert(persons).values(values).returning();
  return row!;
}

export async function updatePerson(door: Door, id: string, values: Partial<PersonValues>): Promise<PersonRow> {
  const [row] = await door.tx
    .update(persons)
    .set({ ...values, version: sql`${persons.version} + 1`, updatedAt: new Date() })
    .where(eq(persons.id, id))
    .returning();
  return row!;
}

export async function insertPersonVersion(door: Door, personId: string, version: number, snapshot: Record<string, unknown>): Promise<void> {
  await door.tx.insert(personVersions).values({ personId, version, snapshot, changedBy: door.actor.id });
}

export async function insertDistinctConfirmation(door: Door, personId: string, existingPersonId: string, score: number): Promise<void> {
  await door.tx.insert(distinctPersonConfirmations).values({ personId, existingPersonId, score, confirmedBy: door.actor.id });
}

/** The saved states of a person's record, newest first, with who saved each (the person must be within reach). */
export async function personVersionsOf(door: Door, personId: string) {
  await personInReach(door, personId, 'person.history');
  return door.many({
    action: 'person.history',
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select({ v: personVersions, name: staff.displayName })
      .from(personVersions)
      .leftJoin(staff, eq(staff.id, personVersions.changedBy))
      .where(eq(personVersions.personId, personId))
      .orderBy(desc(personVersions.version))
      .limit(200),
    personOf: ({ v }) => v.personId,
  });
}

export type CandidateRow = {
  id: string;
  givenName: string;
  familyName: string;
  otherNames: string[];
  nameInOtherScript: string | null;
  birthDate: string | null;
  birthDatePrecision: string;
  nationalId: string | null;
  phones: string[];
  canOpen: boolean;
  /** Units with a case of this person: who to ask when the record is out of reach. */
  units: string[];
};

/**
 * People across the whole agency who may be the one being registered: a duplicate outside the
 * caller's reach is still a duplicate. Whether the caller may open each is decided in the same
 * statement; what is shown of those they may not open is the service's to mask.
 */
export async function duplicateCandidateRows(
  door: Door,
  keys: { names: string; nationalId: string | null; phones: string[] },
  excludeId: string | undefined,
): Promise<CandidateRow[]> {
  const conditions = [
    // Through the agency's index lookups (migration 0018): under row-level security the trigram and
    // array operators could not use their indexes here.
    keys.names ? sql`p.id IN (SELECT agency_person_ids_with_similar_name(${keys.names}))` : null,
    keys.nationalId ? sql`p.national_id = ${keys.nationalId}` : null,
    keys.phones.length ? sql`p.id IN (SELECT agency_person_ids_with_phone_keys(${sql.param(keys.phones)}::text[]))` : null,
  ].filter((c) => c !== null);
  if (conditions.length === 0) return [];
  await door.tx.execute(sql`SET LOCAL pg_trgm.word_similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
  await door.tx.execute(sql`SET LOCAL pg_trgm.similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
  const rows = await door.tx.execute<CandidateRow>(sql`
    SELECT p.id, p.given_name AS "givenName", p.family_name AS "familyName", p.other_names AS "otherNames",
           p.name_in_other_script AS "nameInOtherScript", p.birth_date AS "birthDate", p.birth_date_precision AS "birthDatePrecision",
           p.national_id AS "nationalId", p.phones, ${door.personInReach(sql`p`)} AS "canOpen",
           ARRAY(SELECT DISTINCT u.name FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.person_id = p.id ORDER BY u.name) AS units
    FROM persons p
    WHERE p.agency_id = ${door.actor.agencyId} AND (${sql.join(conditions, sql` OR `)}) ${excludeId ? sql`AND p.id <> ${excludeId}` : sql``}
    ORDER BY similarity(p.name_search, ${keys.names}) DESC
    LIMIT 50`);
  return rows.rows;
}

/** What a duplicate check showed, named by one audit event. */
export function showCandidates<T extends { personId: string }>(door: Door, candidates: T[]): T[] {
  return door.show({ action: 'person.duplicate_check', entityType: 'person', personOf: (c) => c.personId }, candidates);
}

// ---- Links: two records of the same person ---------------------------------------------------

export async function activeLinkBetween(door: Door, a: string, b: string): Promise<PersonLinkRow | null> {
  const [row] = await door.tx
    .select()
    .from(personLinks)
    .where(and(eq(personLinks.personId, a), eq(personLinks.otherPersonId, b), sql`${personLinks.unlinkedAt} IS NULL`));
  return row ?? null;
}

export async function insertLink(door: Door, a: string, b: string, reason: string): Promise<PersonLinkRow> {
  const [row] = await door.tx.insert(personLinks).values({ personId: a, otherPersonId: b, reason, linkedBy: door.actor.id }).returning();
  return row!;
}

/** A link whose two records are both within reach, locked for a change. */
export function linkInReach(door: Door, linkId: string, action: AuditAction): Promise<PersonLinkRow> {
  return door.one({
    what: 'The link',
    action,
    entityType: 'person_link',
    entityId: linkId,
    rows: door.tx
      .select()
      .from(personLinks)
      .where(
        and(
          eq(personLinks.id, linkId),
          sql`EXISTS (SELECT 1 FROM persons pa WHERE pa.id = ${personLinks.personId} AND ${door.personInReach(sql`pa`)})`,
          sql`EXISTS (SELECT 1 FROM persons pb WHERE pb.id = ${personLinks.otherPersonId} AND ${door.personInReach(sql`pb`)})`,
        ),
      )
      .for('update'),
    personOf: (l) => [l.personId, l.otherPersonId],
    whose: async () => (await door.tx.select({ id: personLinks.personId }).from(personLinks).where(eq(personLinks.id, linkId)))[0]?.id,
  });
}

export async function endLink(door: Door, linkId: string, reason: string): Promise<PersonLinkRow> {
  const [row] = await door.tx
    .update(personLinks)
    .set({ unlinkedAt: new Date(), unlinkedBy: door.actor.id, unlinkReason: reason })
    .where(eq(personLinks.id, linkId))
    .returning();
  return row!;
}

/** The person's links (the person must be within reach), newest first, with the names of the staff who linked and unlinked. */
export async function linksOf(door: Door, personId: string) {
  await personInReach(door, personId, 'person.links');
  const rows = await door.many({
    action: 'person.links',
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select()
      .from(personLinks)
      .where(sql`${personLinks.personId} = ${personId} OR ${personLinks.otherPersonId} = ${personId}`)
      .orderBy(desc(personLinks.linkedAt)),
    personOf: (l) => [l.personId, l.otherPersonId],
  });
  return withStaffNames(door, rows);
}

/** Links with the names of the staff who linked and unlinked them. */
export async function withStaffNames(door: Door, links: PersonLinkRow[]) {
  const staffIds = [...new Set(links.flatMap((l) => [l.linkedBy, l.unlinkedBy]).filter((id) => id !== null))];
  const names = new Map(
    staffIds.length === 0
      ? []
      : (await door.tx.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, staffIds))).map((s) => [
          s.id,
          s.name,
        ]),
  );
  return links.map((link) => ({
    link,
    linkedByName: names.get(link.linkedBy) ?? null,
    unlinkedByName: link.unlinkedBy ? (names.get(link.unlinkedBy) ?? null) : null,
  }));
}

// ---- Relatives and household members -----------------------------------------------------------

export async function insertRelation(
  door: Door,
  personId: string,
  input: { relatedPersonId: string; relationship: string; household: boolean },
): Promise<typeof personRelations.$inferSelect> {
  const [row] = await door.tx
    .insert(personRelations)
    .values({ personId, ...input, createdBy: door.actor.id })
    .returning();
  return row!;
}

/** The person's relatives with their names (the person must be within reach); each relative is named by the read event too. */
export async function relationsOf(door: Door, personId: string) {
  await personInReach(door, personId, 'person.relations');
  return door.many({
    action: 'person.relations',
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select({ r: personRelations, givenName: persons.givenName, familyName: persons.familyName })
      .from(personRelations)
      .innerJoin(persons, eq(persons.id, personRelations.relatedPersonId))
      .where(eq(personRelations.personId, personId))
      .orderBy(personRelations.createdAt),
    personOf: ({ r }) => [r.personId, r.relatedPersonId],
  });
}

// ---- Search ---------------------------------------------------------------------------------------

export interface SearchKeys {
  /** The term as typed, trimmed. */
  term: string;
  /** Name search keys (name-keys.rules); empty when the term is no name. */
  names: string;
  /** Digits of a phone number, when the term has at least six. */
  phoneDigits: string;
  isDate: boolean;
}

export type SearchRow = {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string | null;
  cases: { id: string; caseNumber: string }[] | null;
  score: number;
};

/**
 * One box for people and cases: name fragments in any script, birth date, case number, phone or
 * national ID – among the people within reach, best first. One event names everyone on the page.
 */
export async function searchPage(door: Door, keys: SearchKeys, limit: number, offset: number) {
  await door.tx.execute(sql`SET LOCAL pg_trgm.word_similarity_threshold = ${sql.raw(String(TRIGRAM_THRESHOLD))}`);
  const caseNumberPattern = `%${keys.term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const looksLikeName = !keys.isDate && keys.phoneDigits.length < 6 && keys.names.length > 0;
  const visible = door.visiblePersonIds();
  const agencyId = door.actor.agencyId;
  // Each way of finding someone is its own indexed lookup; their union is then ranked. Phone and
  // case number go through the agency's lookup functions (migration 0018): under row-level security
  // their operators could not use their indexes. Names:
  // unscoped callers walk the GiST trigram index nearest-first and stop after the page; scoped
  // callers compare names only among the (few hundred) people they may see – the function form,
  // not the indexable `<%`, each name fetched by primary key, and OFFSET 0 as a fence, so the
  // planner can neither scan everyone's names nor score every person before narrowing down.
  const nameLookup = !looksLikeName
    ? null
    : visible
      ? sql`SELECT vp.id, word_similarity(${keys.names}, vp.name_search) AS score
           FROM (SELECT v.id, (SELECT p.name_search FROM persons p WHERE p.id = v.id) AS name_search FROM visible v OFFSET 0) vp
           WHERE word_similarity(${keys.names}, vp.name_search) >= ${sql.raw(String(TRIGRAM_THRESHOLD))}`
      : sql`(SELECT p.id, word_similarity(${keys.names}, p.name_search) AS score FROM persons p
           WHERE p.agency_id = ${agencyId} AND ${keys.names} <% p.name_search
           ORDER BY ${keys.names} <<-> p.name_search LIMIT ${offset + limit + 1})`;
  const lookups = [
    nameLookup,
    sql`SELECT p.id, 1::real AS score FROM persons p WHERE p.agency_id = ${agencyId} AND p.national_id = ${keys.term}`,
    keys.phoneDigits.length >= 6
      ? sql`SELECT id, 1::real AS score FROM agency_person_ids_with_phone_keys(ARRAY[${keys.phoneDigits}]::text[]) AS id`
      : null,
    keys.isDate
      ? sql`SELECT p.id, 0.9::real AS score FROM persons p WHERE p.agency_id = ${agencyId} AND p.birth_date = ${keys.term}::date`
      : null,
    /\d/.test(keys.term) && keys.term.length >= 3
      ? sql`SELECT c.person_id AS id, 1::real AS score FROM cases c
           WHERE c.id IN (SELECT agency_case_ids_with_number_like(${caseNumberPattern})) AND ${door.caseInReach(sql`c`)}`
      : null,
  ].filter((l) => l !== null);
  const rows = door.tx
    .execute<SearchRow>(sql`
      WITH ${visible ? sql`visible AS MATERIALIZED (${visible}),` : sql``}
           hits AS (${sql.join(lookups, sql` UNION ALL `)}),
           best AS (SELECT id, max(score) AS score FROM hits GROUP BY id)
      SELECT p.id, p.given_name, p.family_name, p.birth_date, best.score,
             (SELECT json_agg(json_build_object('id', c.id, 'caseNumber', c.case_number) ORDER BY c.opened_at DESC) FROM cases c WHERE c.person_id = p.id AND ${door.caseInReach(sql`c`)}) AS cases
      FROM best JOIN persons p ON p.id = best.id
      WHERE ${door.personInReach(sql`p`)}
      ORDER BY best.score DESC, p.family_name, p.id
      LIMIT ${limit + 1} OFFSET ${offset}`)
    .then((result) => result.rows);
  return door.page({ action: 'person.search', entityType: 'person', rows, personOf: (r) => r.id, details: { offset } }, limit);
}

// ---- Records out of reach: a reason to see one, a request to link one -------------------------------

/**
 * The one read that does not carry the actor's scope: a record shown in full because the caller
 * gave a reason (or is supervision) – the service audits why and tells the person's worker.
 */
export function personForReveal(door: Door, id: string): Promise<PersonRow> {
  return door.one({
    what: 'The person',
    action: 'person.reveal',
    entityType: 'person',
    entityId: id,
    rows: door.tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, id), eq(persons.agencyId, door.actor.agencyId))),
    personOf: (p) => p.id,
  });
}

/** Who looks after the person: the responsible workers of their open cases, or whoever registered them when they have none. */
export async function caretakersOf(door: Door, personId: string): Promise<string[]> {
  const rows = await door.tx.execute<{ id: string }>(sql`
    SELECT DISTINCT c.responsible_staff_id AS id FROM cases c WHERE c.person_id = ${personId} AND c.stage <> 'closed'
    UNION SELECT p.created_by FROM persons p WHERE p.id = ${personId}
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.stage <> 'closed')`);
  return rows.rows.map((r) => r.id);
}

/** Who may accept a link request about the person: the supervisors of the units with their cases, and their caretakers. */
export async function linkReviewersOf(door: Door, personId: string): Promise<string[]> {
  const rows = await door.tx.execute<{ id: string }>(sql`
    SELECT s.id FROM staff s
    WHERE s.status = 'active' AND 'supervisor' = ANY(s.roles) AND s.unit_id IN (SELECT c.unit_id FROM cases c WHERE c.person_id = ${personId})`);
  return [...new Set([...rows.rows.map((r) => r.id), ...(await caretakersOf(door, personId))])];
}

export async function insertLinkRequest(door: Door, values: { personId: string; otherPersonId: string; reason: string }) {
  const [row] = await door.tx
    .insert(personLinkRequests)
    .values({ ...values, requestedBy: door.actor.id })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

const asking = alias(persons, 'asking');
const other = alias(persons, 'other');

function linkRequestRows(door: Door) {
  return door.tx
    .select({
      request: personLinkRequests,
      requestedByName: staff.displayName,
      person: { id: asking.id, givenName: asking.givenName, familyName: asking.familyName, birthDate: asking.birthDate },
      otherPerson: { id: other.id, givenName: other.givenName, familyName: other.familyName, birthDate: other.birthDate },
    })
    .from(personLinkRequests)
    .innerJoin(asking, eq(asking.id, personLinkRequests.personId))
    .innerJoin(other, eq(other.id, personLinkRequests.otherPersonId))
    .leftJoin(staff, eq(staff.id, personLinkRequests.requestedBy));
}

/**
 * The open link requests about people within the actor's reach, oldest first. The asking record is
 * shown too, though it may be out of reach: the one who asked disclosed it for this decision.
 */
export function openLinkRequestsForReview(door: Door) {
  return door.many({
    action: 'person.link_request.list',
    entityType: 'person_link_request',
    rows: linkRequestRows(door)
      .where(and(eq(personLinkRequests.status, 'open'), door.personInReach(sql`${other}`)))
      .orderBy(personLinkRequests.requestedAt)
      .limit(100),
    personOf: (r) => [r.person.id, r.otherPerson.id],
  });
}

/** An open link request about someone within the actor's reach, locked for the decision. */
export function linkRequestForDecision(door: Door, id: string, action: AuditAction) {
  return door.one({
    what: 'The link request',
    action,
    entityType: 'person_link_request',
    entityId: id,
    rows: linkRequestRows(door)
      .where(and(eq(personLinkRequests.id, id), door.personInReach(sql`${other}`)))
      .for('update', { of: personLinkRequests }),
    personOf: (r) => [r.person.id, r.otherPerson.id],
    whose: async () =>
      (await door.tx.select({ id: personLinkRequests.otherPersonId }).from(personLinkRequests).where(eq(personLinkRequests.id, id)))[0]?.id,
  });
}

export async function decideLinkRequest(door: Door, id: string, status: 'accepted' | 'declined', note: string) {
  const [row] = await door.tx
    .update(personLinkRequests)
    .set({ status, decidedBy: door.actor.id, decidedAt: new Date(), decisionNote: note })
    .where(eq(personLinkRequests.id, id))
    .returning();
  return row!;
}
