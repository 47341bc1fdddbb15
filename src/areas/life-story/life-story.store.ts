/**
 * The life story's part of the door (src/core/door.ts): a person's life story is reached through the
 * person, and only by those working with them (`mayReadLifeStory` in life-story.rules.ts).
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { notFound } from '../../core/errors.ts';
import { persons } from '../person/person.schema.ts';
import type { PersonRow } from '../person/person.store.ts';
import { staff } from '../staff/staff.schema.ts';
import { lifeStories, lifeStoryConfirmations, lifeStoryVersions } from './life-story.schema.ts';

export type LifeStoryRow = typeof lifeStories.$inferSelect;
export type LifeStoryVersionRow = typeof lifeStoryVersions.$inferSelect;
export type ConfirmationRow = typeof lifeStoryConfirmations.$inferSelect;

/**
 * `mayReadLifeStory` as a condition on a row of `persons`: an open case of the person whose
 * responsible worker or case team the actor is, or – for a supervisor – one of their unit's.
 */
function worksWithPerson(door: Door, person: SQL): SQL {
  const { id: me, agencyId, roles, unitId } = door.actor;
  const theUnit = roles.includes('supervisor') && unitId ? sql` OR c.unit_id = ${unitId}` : sql``;
  return sql`EXISTS (SELECT 1 FROM cases c WHERE c.person_id = ${person}.id AND c.agency_id = ${agencyId} AND c.stage <> 'closed'
    AND (c.responsible_staff_id = ${me} OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.staff_id = ${me})${theUnit}))`;
}

/** The person whose life story the actor may read, or the uniform 404 ("The life story was not found"); an attempt out of reach is audited as denied. */
export function personForLifeStory(door: Door, personId: string, action: AuditAction): Promise<PersonRow> {
  return door.one({
    what: 'The life story',
    action,
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, personId), door.personInReach(sql`${persons}`), worksWithPerson(door, sql`${persons}`))),
    personOf: (p) => p.id,
    whose: async () => (await door.tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)))[0]?.id,
  });
}

/** The person's life story, if one was begun (for a person already found by `personForLifeStory`); `lock` for a change. */
export async function storyOfPerson(door: Door, personId: string, options: { lock?: boolean } = {}): Promise<LifeStoryRow | null> {
  const query = door.tx.select().from(lifeStories).where(eq(lifeStories.personId, personId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

const saver = alias(staff, 'saver');
const recorder = alias(staff, 'recorder');
const draftChanger = alias(staff, 'draft_changer');

export interface VersionWithNames {
  version: LifeStoryVersionRow;
  savedByName: string;
  confirmation: ConfirmationRow | null;
  recordedByName: string | null;
}

const versionColumns = {
  version: lifeStoryVersions,
  savedByName: saver.displayName,
  confirmation: lifeStoryConfirmations,
  recordedByName: recorder.displayName,
};

/** Every version of a story, newest first, with who kept it and the person's confirmation (the story's person already in reach). */
export function versionsOf(door: Door, lifeStoryId: string): Promise<VersionWithNames[]> {
  return door.tx
    .select(versionColumns)
    .from(lifeStoryVersions)
    .innerJoin(saver, eq(saver.id, lifeStoryVersions.savedBy))
    .leftJoin(lifeStoryConfirmations, eq(lifeStoryConfirmations.versionId, lifeStoryVersions.id))
    .leftJoin(recorder, eq(recorder.id, lifeStoryConfirmations.recordedBy))
    .where(eq(lifeStoryVersions.lifeStoryId, lifeStoryId))
    .orderBy(desc(lifeStoryVersions.number));
}

/** One version, with its person, when the actor may read that person's life story; the uniform 404 otherwise. */
export async function versionInReach(
  door: Door,
  versionId: string,
  action: AuditAction,
): Promise<VersionWithNames & { person: PersonRow }> {
  return door.one({
    what: 'The life story version',
    action,
    entityType: 'life_story_version',
    entityId: versionId,
    rows: door.tx
      .select({ ...versionColumns, person: persons })
      .from(lifeStoryVersions)
      .innerJoin(saver, eq(saver.id, lifeStoryVersions.savedBy))
      .leftJoin(lifeStoryConfirmations, eq(lifeStoryConfirmations.versionId, lifeStoryVersions.id))
      .leftJoin(recorder, eq(recorder.id, lifeStoryConfirmations.recordedBy))
      .innerJoin(persons, eq(persons.id, lifeStoryVersions.personId))
      .where(and(eq(lifeStoryVersions.id, versionId), door.personInReach(sql`${persons}`), worksWithPerson(door, sql`${persons}`))),
    personOf: ({ person }) => person.id,
    whose: async () =>
      (await door.tx.select({ id: lifeStoryVersions.personId }).from(lifeStoryVersions).where(eq(lifeStoryVersions.id, versionId)))[0]?.id,
  });
}

export async function draftChangerName(door: Door, story: LifeStoryRow): Promise<string> {
  const [row] = await door.tx
    .select({ name: draftChanger.displayName })
    .from(draftChanger)
    .where(eq(draftChanger.id, story.draftChangedBy));
  return row?.name ?? '';
}

export async function insertStory(door: Door, values: { personId: string; language: string; sections: unknown }): Promise<LifeStoryRow> {
  const [row] = await door.tx
    .insert(lifeStories)
    .values({ ...values, draftChangedBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateStory(door: Door, id: string, values: { language: string; sections: unknown }): Promise<LifeStoryRow> {
  const now = new Date();
  const [row] = await door.tx
    .update(lifeStories)
    .set({ ...values, draftChangedBy: door.actor.id, draftChangedAt: now, updatedAt: now, version: sql`${lifeStories.version} + 1` })
    .where(eq(lifeStories.id, id))
    .returning();
  if (!row) throw notFound('The life story');
  return row;
}

export async function insertVersion(
  door: Door,
  story: LifeStoryRow,
  values: { number: number; note: string },
): Promise<LifeStoryVersionRow> {
  const [row] = await door.tx
    .insert(lifeStoryVersions)
    .values({
      lifeStoryId: story.id,
      personId: story.personId,
      language: story.language,
      sections: story.sections,
      savedBy: door.actor.id,
      ...values,
    })
    .returning();
  return row!;
}

export async function insertConfirmation(
  door: Door,
  values: Omit<typeof lifeStoryConfirmations.$inferInsert, 'recordedBy' | 'recordedAt'>,
): Promise<ConfirmationRow> {
  const [row] = await door.tx
    .insert(lifeStoryConfirmations)
    .values({ ...values, recordedBy: door.actor.id })
    .returning();
  return row!;
}
