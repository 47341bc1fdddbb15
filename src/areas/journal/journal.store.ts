/** The journal's part of the door (src/core/door.ts): entries reached through their case, and only those the actor may read. */
import { and, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { caseHoldingRoles } from '../../core/access-policy.ts';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { LocaleCode } from '../../core/common.contract.ts';
import type { Door } from '../../core/door.ts';
import { notFound } from '../../core/errors.ts';
import { cases } from '../case/case.schema.ts';
import type { CaseRow } from '../case/case.store.ts';
import { staff } from '../staff/staff.schema.ts';
import type { JournalQuery } from './journal.contract.ts';
import { journalAttachments, journalEntries } from './journal.schema.ts';
import { searchTerms } from './search-terms.rules.ts';

/** An entry as it is read: without its search vector and plain text, which only the search uses, in SQL. */
export type EntryRow = Omit<typeof journalEntries.$inferSelect, 'search' | 'plainText'>;
export type EntryValues = typeof journalEntries.$inferInsert;

/**
 * The reading rule of journal.rules.ts (`mayReadEntry`) as a condition on an entry and its case:
 * drafts only to their author; restricted entries to the responsible worker and supervision;
 * sensitive ones also to the case team.
 */
function entryVisibleTo(door: Door, entry: SQL, theCase: SQL): SQL {
  const me = door.actor.id;
  const supervision = door.actor.roles.some((role) => role === 'supervisor' || role === 'agency_head');
  const responsible = sql`${theCase}.responsible_staff_id = ${me}`;
  const onTeam = sql`EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${theCase}.id AND m.staff_id = ${me})`;
  const signedAndShown = supervision
    ? sql`true`
    : sql`(${entry}.confidentiality = 'normal' OR ${responsible} OR (${entry}.confidentiality = 'sensitive' AND ${onTeam}))`;
  return sql`(${entry}.author_id = ${me} OR (${entry}.status = 'signed' AND ${signedAndShown}))`;
}

/** The text search configurations of the agency's languages (Chinese has none: its words are the Han bigrams). */
const searchConfigs: Record<LocaleCode, string | null> = {
  en: 'english',
  nb: 'norwegian',
  sv: 'swedish',
  ru: 'russian',
  'zh-Hans': null,
  'zh-Hant': null,
};
const configsOf = (languages: readonly string[]) => [
  ...new Set(languages.map((l) => searchConfigs[l as LocaleCode]).filter((c): c is string => !!c)),
];

/**
 * The search index of an entry: its words as written ('simple': any language, names as typed),
 * stemmed in each of the agency's languages, and the extra terms of `searchTerms` (names in Latin
 * keys, Han bigrams).
 */
export function searchVectorOf(words: string, languages: readonly string[]): SQL {
  const parts = [
    sql`to_tsvector('simple', ${words})`,
    sql`to_tsvector('simple', ${searchTerms(words).join(' ')})`,
    ...configsOf(languages).map((config) => sql`to_tsvector(${config}::regconfig, ${words})`),
  ];
  return sql.join(parts, sql` || `);
}

/** A search as the index is built: the words as typed, stemmed per language, and the query's own Latin keys and bigrams (all must match). */
function matches(q: string, languages: readonly string[]): SQL {
  const terms = searchTerms(q);
  const queries = [
    sql`websearch_to_tsquery('simple', ${q})`,
    ...configsOf(languages).map((config) => sql`websearch_to_tsquery(${config}::regconfig, ${q})`),
    ...(terms.length ? [sql`plainto_tsquery('simple', ${terms.join(' ')})`] : []),
  ];
  return sql`(${sql.join(
    queries.map((query) => sql`${journalEntries.search} @@ ${query}`),
    sql` OR `,
  )})`;
}

const correctedBySql = sql<
  string | null
>`(SELECT c.id FROM journal_entries c WHERE c.corrects_id = ${journalEntries.id} AND c.status = 'signed' LIMIT 1)`;

const { search: _searchVector, plainText: _plainText, ...readColumns } = getTableColumns(journalEntries);
const entryColumns = {
  entry: readColumns,
  authorName: staff.displayName,
  correctedBy: correctedBySql,
};
export type EntryWithNames = { entry: EntryRow; authorName: string; correctedBy: string | null };

/** One entry the actor may read, with its case; the uniform 404 otherwise (a draft of someone else does not exist for them). */
export async function entryInReach(
  door: Door,
  id: string,
  action: AuditAction,
  options: { lock?: boolean } = {},
): Promise<EntryWithNames & { theCase: CaseRow }> {
  const query = door.tx
    .select({ ...entryColumns, theCase: cases })
    .from(journalEntries)
    .innerJoin(cases, eq(cases.id, journalEntries.caseId))
    .innerJoin(staff, eq(staff.id, journalEntries.authorId))
    .where(and(eq(journalEntries.id, id), door.caseInReach(sql`${cases}`), entryVisibleTo(door, sql`${journalEntries}`, sql`${cases}`)));
  return door.one({
    what: 'The journal entry',
    action,
    entityType: 'journal_entry',
    entityId: id,
    rows: options.lock ? query.for('update', { of: journalEntries }) : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(journalEntries)
          .innerJoin(cases, eq(cases.id, journalEntries.caseId))
          .where(eq(journalEntries.id, id))
      )[0]?.personId,
  });
}

/** One page of a case's journal, newest first, as the actor may read it, filtered in SQL. */
export function journalPageOf(
  door: Door,
  theCase: CaseRow,
  filter: Omit<JournalQuery, 'cursor'>,
  after: [string, string] | null,
  languages: readonly string[],
) {
  const me = door.actor.id;
  return door.page(
    {
      action: 'journal.read',
      entityType: 'case',
      entityId: theCase.id,
      rows: door.tx
        .select(entryColumns)
        .from(journalEntries)
        .innerJoin(cases, eq(cases.id, journalEntries.caseId))
        .innerJoin(staff, eq(staff.id, journalEntries.authorId))
        .where(
          and(
            eq(journalEntries.caseId, theCase.id),
            entryVisibleTo(door, sql`${journalEntries}`, sql`${cases}`),
            filter.drafts === 'only' ? sql`${journalEntries.status} = 'draft' AND ${journalEntries.authorId} = ${me}` : undefined,
            filter.drafts === 'exclude' ? eq(journalEntries.status, 'signed') : undefined,
            filter.kind ? eq(journalEntries.kind, filter.kind) : undefined,
            filter.authorId ? eq(journalEntries.authorId, filter.authorId) : undefined,
            filter.from ? sql`${journalEntries.occurredOn} >= ${filter.from}` : undefined,
            filter.to ? sql`${journalEntries.occurredOn} <= ${filter.to}` : undefined,
            filter.goalId ? sql`${journalEntries.goalIds} @> ARRAY[${filter.goalId}]::uuid[]` : undefined,
            filter.q ? matches(filter.q, languages) : undefined,
            after ? sql`(${journalEntries.occurredAt}, ${journalEntries.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(journalEntries.occurredAt), desc(journalEntries.id))
        .limit(filter.limit + 1),
      personOf: () => theCase.personId,
    },
    filter.limit,
  );
}

/** The signed correction of an entry, if any (locked rows: for the check before signing another). */
export async function signedCorrectionOf(door: Door, id: string): Promise<string | null> {
  const [row] = await door.tx
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(and(eq(journalEntries.correctsId, id), eq(journalEntries.status, 'signed')));
  return row?.id ?? null;
}

export async function insertEntry(door: Door, values: Omit<EntryValues, 'authorId'>): Promise<EntryRow> {
  const [row] = await door.tx
    .insert(journalEntries)
    .values({ ...values, authorId: door.actor.id })
    .returning(readColumns);
  return row!;
}

export async function updateEntry(door: Door, id: string, values: Partial<EntryValues>): Promise<EntryRow> {
  const [row] = await door.tx
    .update(journalEntries)
    .set({ ...values, version: sql`${journalEntries.version} + 1`, updatedAt: new Date() })
    .where(eq(journalEntries.id, id))
    .returning(readColumns);
  if (!row) throw notFound('The journal entry');
  return row;
}

export async function deleteDraft(door: Door, id: string): Promise<void> {
  await door.tx.delete(journalAttachments).where(eq(journalAttachments.entryId, id));
  await door.tx.delete(journalEntries).where(and(eq(journalEntries.id, id), eq(journalEntries.status, 'draft')));
}

/** Staff of the agency who may take part in an entry by id: known staff only (a participant id names no one else). */
export async function knownStaffIds(door: Door, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await door.tx
    .select({ id: staff.id })
    .from(staff)
    .where(sql`${staff.id} = ANY(${sql.param(ids)}::uuid[])`);
  return new Set(rows.map((r) => r.id));
}

/**
 * Drafts unsigned for longer than the reminder days, per author, among the unit's case holders:
 * what the supervisor's unit view shows (counts only, no content).
 */
export async function staleDraftCountsOfUnit(door: Door, unitId: string, before: Date): Promise<Map<string, number>> {
  const rows = await door.tx
    .select({ authorId: journalEntries.authorId, count: sql<number>`count(*)::int` })
    .from(journalEntries)
    .innerJoin(staff, eq(staff.id, journalEntries.authorId))
    .where(
      and(
        eq(journalEntries.status, 'draft'),
        eq(staff.unitId, unitId),
        sql`${staff.roles} && ${sql.param([...caseHoldingRoles])}::text[]`,
        sql`${journalEntries.updatedAt} < ${before}`,
      ),
    )
    .groupBy(journalEntries.authorId);
  return new Map(rows.map((r) => [r.authorId, r.count]));
}

export async function staffName(door: Door, id: string): Promise<string> {
  const [row] = await door.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, id));
  return row?.name ?? '';
}

/** The actor's own unsigned drafts on cases within reach, oldest change first: what Today reminds them to sign. */
export function ownDraftsInReach(door: Door, limit = 50) {
  return door.many({
    action: 'journal.read',
    entityType: 'journal_entry',
    rows: door.tx
      .select({
        id: journalEntries.id,
        caseId: journalEntries.caseId,
        caseNumber: cases.caseNumber,
        personId: cases.personId,
        kind: journalEntries.kind,
        occurredOn: journalEntries.occurredOn,
        updatedAt: journalEntries.updatedAt,
      })
      .from(journalEntries)
      .innerJoin(cases, eq(cases.id, journalEntries.caseId))
      .where(
        and(
          eq(journalEntries.authorId, door.actor.id),
          eq(journalEntries.status, 'draft'),
          sql`${cases.stage} <> 'closed'`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(journalEntries.updatedAt)
      .limit(limit),
    personOf: (row) => row.personId,
  });
}

export type AttachmentRow = typeof journalAttachments.$inferSelect;
const attachmentSummary = {
  id: journalAttachments.id,
  entryId: journalAttachments.entryId,
  fileName: journalAttachments.fileName,
  mediaType: journalAttachments.mediaType,
  size: journalAttachments.size,
};
export type AttachmentSummary = { id: string; entryId: string; fileName: string; mediaType: string; size: number };

/** The files of entries already found within reach, without their bytes. */
export async function attachmentsOf(door: Door, entryIds: readonly string[]): Promise<Map<string, AttachmentSummary[]>> {
  const byEntry = new Map<string, AttachmentSummary[]>();
  if (entryIds.length === 0) return byEntry;
  const rows = await door.tx
    .select(attachmentSummary)
    .from(journalAttachments)
    .where(sql`${journalAttachments.entryId} = ANY(${sql.param([...entryIds])}::uuid[])`)
    .orderBy(journalAttachments.createdAt);
  for (const row of rows) byEntry.set(row.entryId, [...(byEntry.get(row.entryId) ?? []), row]);
  return byEntry;
}

/** One file with its bytes, when the actor may read its entry; the uniform 404 otherwise. */
export function attachmentInReach(door: Door, id: string, action: AuditAction) {
  return door.one({
    what: 'The file',
    action,
    entityType: 'journal_attachment',
    entityId: id,
    rows: door.tx
      .select({ file: journalAttachments, entry: journalEntries, theCase: cases })
      .from(journalAttachments)
      .innerJoin(journalEntries, eq(journalEntries.id, journalAttachments.entryId))
      .innerJoin(cases, eq(cases.id, journalEntries.caseId))
      .where(
        and(eq(journalAttachments.id, id), door.caseInReach(sql`${cases}`), entryVisibleTo(door, sql`${journalEntries}`, sql`${cases}`)),
      ),
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(journalAttachments)
          .innerJoin(journalEntries, eq(journalEntries.id, journalAttachments.entryId))
          .innerJoin(cases, eq(cases.id, journalEntries.caseId))
          .where(eq(journalAttachments.id, id))
      )[0]?.personId,
  });
}

export async function insertAttachment(
  door: Door,
  values: Omit<typeof journalAttachments.$inferInsert, 'addedBy'>,
): Promise<AttachmentSummary> {
  const [row] = await door.tx
    .insert(journalAttachments)
    .values({ ...values, addedBy: door.actor.id })
    .returning(attachmentSummary);
  return row!;
}

export async function attachmentCount(door: Door, entryId: string): Promise<number> {
  const [row] = await door.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(journalAttachments)
    .where(eq(journalAttachments.entryId, entryId));
  return row?.n ?? 0;
}

export async function deleteAttachment(door: Door, id: string): Promise<void> {
  await door.tx.delete(journalAttachments).where(eq(journalAttachments.id, id));
}

/**
 * The signed entries of a case that may leave the agency in a disclosure the gate allowed: never a
 * restricted one; ordinary entries where `ordinary`, and sensitive ones only of the categories
 * given; not one a signed correction replaced. Newest first, at most `limit`. The case is already in reach; the read is audited with it.
 */
export function entriesForDisclosure(
  door: Door,
  theCase: CaseRow,
  wanted: { ordinary: boolean; sensitive: readonly string[] },
  action: AuditAction,
  limit = 30,
) {
  const sensitive = wanted.sensitive.length
    ? sql`(${journalEntries.confidentiality} = 'sensitive' AND ${journalEntries.sensitiveCategory} IN (${sql.join(
        wanted.sensitive.map((c) => sql`${c}`),
        sql`, `,
      )}))`
    : sql`false`;
  const ordinary = wanted.ordinary ? sql`${journalEntries.confidentiality} = 'normal'` : sql`false`;
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select({ entry: readColumns, authorName: staff.displayName })
      .from(journalEntries)
      .innerJoin(cases, eq(cases.id, journalEntries.caseId))
      .innerJoin(staff, eq(staff.id, journalEntries.authorId))
      .where(
        and(
          eq(journalEntries.caseId, theCase.id),
          door.caseInReach(sql`${cases}`),
          eq(journalEntries.status, 'signed'),
          // What a correction replaced goes out as corrected, not as it first stood.
          sql`${correctedBySql} IS NULL`,
          sql`(${ordinary} OR ${sensitive})`,
        ),
      )
      .orderBy(desc(journalEntries.occurredAt), desc(journalEntries.id))
      .limit(limit),
    personOf: () => theCase.personId,
  });
}
