import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { confirmationMethod } from './life-story.contract.ts';

/**
 * A person's life story (seed 001's levnadsberättelse): one per person, not per case, written with
 * them in their language. The row holds the draft everyone working with the person writes in
 * (autosaved); what is kept lives in `life_story_versions`.
 */
export const lifeStories = pgTable(
  'life_stories',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    language: text('language').notNull(),
    /** The draft's sections, by name: each the rich text of src/areas/journal/rich-text.rules.ts. */
    sections: jsonb('sections').notNull(),
    draftChangedBy: uuid('draft_changed_by')
      .notNull()
      .references(() => staff.id),
    draftChangedAt: timestamp('draft_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    version,
    ...timestamps,
  },
  (t) => [uniqueIndex('life_stories_one_per_person').on(t.personId)],
);

/** A version kept: the story as it stood that day, never changed afterwards (the database refuses). */
export const lifeStoryVersions = pgTable(
  'life_story_versions',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    lifeStoryId: uuid('life_story_id')
      .notNull()
      .references(() => lifeStories.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    number: integer('number').notNull(),
    language: text('language').notNull(),
    sections: jsonb('sections').notNull(),
    note: text('note').notNull().default(''),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => staff.id),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('life_story_versions_number').on(t.lifeStoryId, t.number), index('life_story_versions_person_idx').on(t.personId)],
);

/** The person's word that a version is their story as they want it told: once per version, never changed. */
export const lifeStoryConfirmations = pgTable(
  'life_story_confirmations',
  {
    agencyId: agencyId(),
    versionId: uuid('version_id')
      .primaryKey()
      .references(() => lifeStoryVersions.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    confirmedOn: date('confirmed_on', { mode: 'string' }).notNull(),
    method: enumText('method', confirmationMethod.options).notNull(),
    interpreterName: text('interpreter_name'),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [oneOf('life_story_confirmations_method_valid', t.method, confirmationMethod.options)],
);
