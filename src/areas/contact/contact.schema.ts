import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { journalEntries } from '../journal/journal.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { cancelledBy, contactKind, contactStatus, placeKind } from './contact.contract.ts';

/**
 * The contact schedule and visit log (seed 004: the contact schedule, the visit registration
 * form): one row per planned contact with the person. Planned, it may change; recorded (held,
 * missed or cancelled) it is settled – the database refuses changes but the link to its journal
 * entry and the no-show follow-up done.
 */
export const contacts = pgTable(
  'contacts',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    status: enumText('status', contactStatus.options).notNull().default('planned'),
    kind: enumText('kind', contactKind.options).notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    /** HH:MM in the agency's time zone, or null while only the day is known. */
    plannedTime: text('planned_time'),
    /** The planned moment: the time given, or the start of the day in the agency's time zone. */
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    placeKind: enumText('place_kind', placeKind.options).notNull(),
    placeText: text('place_text').notNull().default(''),
    participants: jsonb('participants').notNull().default(sql`'[]'::jsonb`),
    purpose: text('purpose').notNull().default(''),
    /** The service plan's meeting it was scheduled from: one contact per meeting. */
    planMeetingId: uuid('plan_meeting_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }),
    recordedBy: uuid('recorded_by').references(() => staff.id),
    /** The journal entry begun when it was held; the draft thrown away, null again. */
    journalEntryId: uuid('journal_entry_id').references(() => journalEntries.id, { onDelete: 'set null' }),
    followUp: text('follow_up'),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    followUpBy: uuid('follow_up_by').references(() => staff.id),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true, mode: 'date' }),
    cancelledBy: enumText('cancelled_by', cancelledBy.options),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    index('contacts_case_time_idx').on(t.caseId, t.startsAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // "Who takes part": the week view and the calendar feed find a worker's contacts by it.
    index('contacts_participants_idx').using('gin', sql`${t.participants} jsonb_path_ops`),
    index('contacts_follow_ups_idx').on(t.followUpOn).where(sql`status = 'missed' AND follow_up_done_at IS NULL`),
    uniqueIndex('contacts_one_per_plan_meeting').on(t.caseId, t.planMeetingId).where(sql`plan_meeting_id IS NOT NULL`),
    oneOf('contacts_status_valid', t.status, contactStatus.options),
    oneOf('contacts_kind_valid', t.kind, contactKind.options),
    oneOf('contacts_place_kind_valid', t.placeKind, placeKind.options),
    oneOf('contacts_cancelled_by_valid', t.cancelledBy, cancelledBy.options, { nullable: true }),
    check('contacts_duration_valid', sql`${t.durationMinutes} BETWEEN 5 AND 720`),
    // A missed contact carries its no-show follow-up; a cancelled one who called it off and why; a recorded one when and by whom.
    check('contacts_missed_has_follow_up', sql`${t.status} <> 'missed' OR (${t.followUp} IS NOT NULL AND ${t.followUpOn} IS NOT NULL)`),
    check(
      'contacts_cancelled_has_reason',
      sql`${t.status} <> 'cancelled' OR (${t.cancelledBy} IS NOT NULL AND ${t.cancelReason} IS NOT NULL)`,
    ),
    check('contacts_recorded_when', sql`${t.status} = 'planned' OR (${t.recordedAt} IS NOT NULL AND ${t.recordedBy} IS NOT NULL)`),
  ],
);

/**
 * A worker's calendar feed: the hash of the secret in its address (the secret itself is shown
 * once and never stored, as with sessions). One per staff member; a new one replaces it.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  agencyId: agencyId(),
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
});
