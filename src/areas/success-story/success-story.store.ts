/** Success stories' part of the door (src/core/door.ts): a story is reached through its case, within the actor's reach. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { notFound } from '../../core/errors.ts';
import { cases } from '../case/case.schema.ts';
import type { CaseRow } from '../case/case.store.ts';
import { personRelations, persons } from '../person/person.schema.ts';
import type { PersonRow } from '../person/person.store.ts';
import { staff } from '../staff/staff.schema.ts';
import { storyConsents, storyUses, successStories } from './success-story.schema.ts';

export type StoryRow = typeof successStories.$inferSelect;
export type StoryValues = typeof successStories.$inferInsert;
export type ConsentRow = typeof storyConsents.$inferSelect;
export type UseRow = typeof storyUses.$inferSelect;

const author = alias(staff, 'author');
const anonymiser = alias(staff, 'anonymiser');
const editor = alias(staff, 'copy_editor');
const approver = alias(staff, 'approver');

const storyColumns = {
  story: successStories,
  authorName: author.displayName,
  anonymisedByName: anonymiser.displayName,
  editedByName: editor.displayName,
  approvedByName: approver.displayName,
};
export interface StoryWithNames {
  story: StoryRow;
  authorName: string;
  anonymisedByName: string | null;
  editedByName: string | null;
  approvedByName: string | null;
}

/** Stories with their case and the names of those who wrote, anonymised, edited and approved them. */
function storiesWithNames(door: Door) {
  return door.tx
    .select({ ...storyColumns, theCase: cases })
    .from(successStories)
    .innerJoin(cases, eq(cases.id, successStories.caseId))
    .innerJoin(author, eq(author.id, successStories.authorId))
    .leftJoin(anonymiser, eq(anonymiser.id, successStories.anonymisedBy))
    .leftJoin(editor, eq(editor.id, successStories.anonEditedBy))
    .leftJoin(approver, eq(approver.id, successStories.approvedBy));
}

/** One story with its case, both within reach; the uniform 404 otherwise, an attempt out of reach audited as denied. */
export async function storyInReach(
  door: Door,
  id: string,
  action: AuditAction,
  options: { lock?: boolean } = {},
): Promise<StoryWithNames & { theCase: CaseRow }> {
  const query = storiesWithNames(door).where(and(eq(successStories.id, id), door.caseInReach(sql`${cases}`)));
  return door.one({
    what: 'The success story',
    action,
    entityType: 'success_story',
    entityId: id,
    rows: options.lock ? query.for('update', { of: successStories }) : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(successStories)
          .innerJoin(cases, eq(cases.id, successStories.caseId))
          .where(eq(successStories.id, id))
      )[0]?.personId,
  });
}

/** The stories of a case already found within reach, oldest first. */
export function storiesOfCase(door: Door, theCase: CaseRow): Promise<(StoryWithNames & { theCase: CaseRow })[]> {
  return door.many({
    action: 'success_story.list',
    entityType: 'case',
    entityId: theCase.id,
    rows: storiesWithNames(door)
      .where(and(eq(successStories.caseId, theCase.id), door.caseInReach(sql`${cases}`)))
      .orderBy(asc(successStories.createdAt), asc(successStories.id)),
    personOf: () => theCase.personId,
  });
}

export type ConsentWithName = ConsentRow & { recordedByName: string };
export type UseWithName = UseRow & { recordedByName: string };

/** The consent ledgers of stories already found within reach, each in the order recorded. */
export async function consentsOf(door: Door, storyIds: readonly string[]): Promise<ConsentWithName[]> {
  if (storyIds.length === 0) return [];
  const rows = await door.tx
    .select({ consent: storyConsents, recordedByName: staff.displayName })
    .from(storyConsents)
    .innerJoin(staff, eq(staff.id, storyConsents.recordedBy))
    .where(inArray(storyConsents.storyId, [...storyIds]))
    .orderBy(asc(storyConsents.seq));
  return rows.map((r) => ({ ...r.consent, recordedByName: r.recordedByName }));
}

/** The uses recorded of stories already found within reach, oldest first. */
export async function usesOf(door: Door, storyIds: readonly string[]): Promise<UseWithName[]> {
  if (storyIds.length === 0) return [];
  const rows = await door.tx
    .select({ use: storyUses, recordedByName: staff.displayName })
    .from(storyUses)
    .innerJoin(staff, eq(staff.id, storyUses.recordedBy))
    .where(inArray(storyUses.storyId, [...storyIds]))
    .orderBy(asc(storyUses.recordedAt), asc(storyUses.id));
  return rows.map((r) => ({ ...r.use, recordedByName: r.recordedByName }));
}

/**
 * What the anonymiser must know of the story's person: their record, and their relatives' names –
 * read to be left out of the copy, and named by the read event as any read of them is.
 */
export async function personAndRelativesOf(door: Door, theCase: CaseRow) {
  const [person] = await door.many({
    action: 'success_story.anonymise',
    entityType: 'person',
    entityId: theCase.personId,
    rows: door.tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, theCase.personId), door.caseIdInReach(sql`${theCase.id}::uuid`))),
    personOf: (p: PersonRow) => p.id,
  });
  if (!person) throw notFound('The person');
  const relatives = await door.many({
    action: 'success_story.anonymise',
    entityType: 'person',
    entityId: theCase.personId,
    rows: door.tx
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        otherNames: persons.otherNames,
        nameInOtherScript: persons.nameInOtherScript,
        languages: persons.languages,
      })
      .from(personRelations)
      .innerJoin(persons, eq(persons.id, personRelations.relatedPersonId))
      .where(eq(personRelations.personId, theCase.personId)),
    personOf: (r) => r.id,
  });
  return { person, relatives };
}

export async function insertStory(door: Door, values: Omit<StoryValues, 'authorId' | 'writerIds'>): Promise<StoryRow> {
  const [row] = await door.tx
    .insert(successStories)
    .values({ ...values, authorId: door.actor.id, writerIds: [door.actor.id] })
    .returning();
  return row!;
}

export async function updateStory(door: Door, id: string, values: Partial<StoryValues>): Promise<void> {
  await door.tx
    .update(successStories)
    .set({ ...values, version: sql`${successStories.version} + 1`, updatedAt: new Date() })
    .where(eq(successStories.id, id));
}

export async function insertConsent(door: Door, values: Omit<typeof storyConsents.$inferInsert, 'recordedBy' | 'seq'>): Promise<void> {
  await door.tx.insert(storyConsents).values({ ...values, recordedBy: door.actor.id });
}

export async function insertUse(door: Door, values: Omit<typeof storyUses.$inferInsert, 'recordedBy'>): Promise<UseRow> {
  const [row] = await door.tx
    .insert(storyUses)
    .values({ ...values, recordedBy: door.actor.id })
    .returning();
  return row!;
}
