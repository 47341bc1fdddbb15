import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { confidentiality, entryStatus, sensitiveCategory } from './journal.contract.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The social journal (seed 001: "the central document of the case"): one row per entry. A draft
 * belongs to its author alone; a signed entry is final – the database refuses to change or remove
 * it – and a correction is a new entry pointing at the one it corrects.
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    status: enumText('status', entryStatus.options).notNull().default('draft'),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** HH:MM in the agency's time zone, or null when only the day is known. */
    occurredTime: text('occurred_time'),
    /** The moment for ordering: the time given, or the start of the day in the agency's time zone. */
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    informationFrom: text('information_from').notNull().default(''),
    participants: jsonb('participants').notNull().default(sql`'[]'::jsonb`),
    text: jsonb('text').notNull(),
    /** The words of `text`, for search and plain exports. */
    plainText: text('plain_text').notNull().default(''),
    search: tsvector('search').notNull(),
    goalIds: uuid('goal_ids').array().notNull().default(sql`'{}'`),
    stepIds: uuid('step_ids').array().notNull().default(sql`'{}'`),
    needIds: uuid('need_ids').array().notNull().default(sql`'{}'`),
    completesSteps: jsonb('completes_steps').notNull().default(sql`'[]'::jsonb`),
    confidentiality: enumText('confidentiality', confidentiality.options).notNull().default('normal'),
    sensitiveCategory: enumText('sensitive_category', sensitiveCategory.options),
    authorId: uuid('author_id')
      .notNull()
      .references(() => staff.id),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    signedLate: boolean('signed_late').notNull().default(false),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => journalEntries.id),
    correctionReason: text('correction_reason'),
    /** The contact whose holding began this entry (src/areas/contact); its foreign key is declared in the contacts migration. */
    contactId: uuid('contact_id'),
    version,
    ...timestamps,
  },
  (t) => [
    // The journal's page: newest first within a case.
    index('journal_entries_case_time_idx').on(t.caseId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('journal_entries_search_idx').using('gin', t.search),
    index('journal_entries_goals_idx').using('gin', t.goalIds),
    index('journal_entries_drafts_idx').on(t.authorId, t.updatedAt).where(sql`status = 'draft'`),
    // An entry is corrected by at most one signed correction; a later one corrects the correction.
    uniqueIndex('journal_entries_one_signed_correction').on(t.correctsId).where(sql`status = 'signed' AND corrects_id IS NOT NULL`),
    oneOf('journal_entries_status_valid', t.status, entryStatus.options),
    oneOf('journal_entries_confidentiality_valid', t.confidentiality, confidentiality.options),
    oneOf('journal_entries_sensitive_category_valid', t.sensitiveCategory, sensitiveCategory.options, { nullable: true }),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A file kept with a journal entry (a letter received, a photo of a document): PDF or an image,
 * its type sniffed from its bytes. The bytes live in the database with the entry (ADR 0014): the
 * same door, audit, row-level security, transactions and backup. Attached to a draft only; once the
 * entry is signed the database refuses to add, change or remove its files.
 */
export const journalAttachments = pgTable(
  'journal_attachments',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('journal_attachments_entry_idx').on(t.entryId)],
);
