import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { localeCode } from '../../core/common.contract.ts';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { consentEventKind, consentGivenBy, consentMethod, dateHandling, storyUse } from './success-story.contract.ts';

/**
 * A success story on a case (seed 004), free-form, with its anonymised copy: the copy records the
 * story revision it was made from and the reviewer's approval the copy revision it was given to, so
 * that a change to either leaves it unapproved (success-story.rules.ts). Whether consent to a use
 * is in force is never stored here: it is worked out from `story_consents`.
 */
export const successStories = pgTable(
  'success_stories',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    language: enumText('language', localeCode.options).notNull(),
    title: text('title').notNull(),
    text: jsonb('text').notNull(),
    /** One up each time the title or text changes. */
    revision: integer('revision').notNull().default(1),
    authorId: uuid('author_id')
      .notNull()
      .references(() => staff.id),
    /** Everyone who wrote or changed the story: none of them reviews its anonymised copy. */
    writerIds: uuid('writer_ids').array().notNull().default(sql`'{}'`),
    anonTitle: text('anon_title'),
    anonText: jsonb('anon_text'),
    anonProposals: jsonb('anon_proposals').notNull().default(sql`'[]'::jsonb`),
    /** Names, places and dates still found in the copy as it is now. */
    anonRemaining: jsonb('anon_remaining').notNull().default(sql`'[]'::jsonb`),
    anonDates: enumText('anon_dates', dateHandling.options),
    anonSourceRevision: integer('anon_source_revision'),
    anonRevision: integer('anon_revision').notNull().default(0),
    anonymisedBy: uuid('anonymised_by').references(() => staff.id),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true, mode: 'date' }),
    anonEditedBy: uuid('anon_edited_by').references(() => staff.id),
    approvedRevision: integer('approved_revision'),
    approvedBy: uuid('approved_by').references(() => staff.id),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    index('success_stories_case_idx').on(t.caseId, t.createdAt),
    oneOf('success_stories_language_valid', t.language, localeCode.options),
    oneOf('success_stories_anon_dates_valid', t.anonDates, dateHandling.options, { nullable: true }),
  ],
);

/** The consent ledger of a story: each consent given to a use, and each withdrawal, as recorded – never changed. */
export const storyConsents = pgTable(
  'story_consents',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order recorded: the last event of a use says whether consent to it is in force. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => successStories.id),
    use: enumText('use', storyUse.options).notNull(),
    kind: enumText('kind', consentEventKind.options).notNull(),
    on: date('dated_on', { mode: 'string' }).notNull(),
    method: enumText('method', consentMethod.options).notNull(),
    givenBy: enumText('given_by', consentGivenBy.options).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('story_consents_story_idx').on(t.storyId, t.seq),
    oneOf('story_consents_use_valid', t.use, storyUse.options),
    oneOf('story_consents_kind_valid', t.kind, consentEventKind.options),
    oneOf('story_consents_method_valid', t.method, consentMethod.options),
    oneOf('story_consents_given_by_valid', t.givenBy, consentGivenBy.options),
  ],
);

/** Each use made of a story – where, by whom, of which revision – allowed at the time; never changed. */
export const storyUses = pgTable(
  'story_uses',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => successStories.id),
    use: enumText('use', storyUse.options).notNull(),
    purpose: text('purpose').notNull(),
    storyRevision: integer('story_revision').notNull(),
    anonRevision: integer('anon_revision'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('story_uses_story_idx').on(t.storyId, t.recordedAt), oneOf('story_uses_use_valid', t.use, storyUse.options)],
);
