import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { disclosures } from '../consent/consent.schema.ts';
import { journalEntries } from '../journal/journal.schema.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { servicePlans } from '../plan/plan.schema.ts';
import { directoryServices } from '../service-directory/service-directory.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { personWord, voucherStatus } from './voucher.contract.ts';

/**
 * A referral voucher (seed 004): the agency refers the person to a partner for a service. The
 * partner's staff reach it – and only it – by the organisation it is addressed to; what of the
 * person it carries is what the disclosure gate allowed (`disclosed`, by category), asked again
 * each time the partner looks.
 */
export const vouchers = pgTable(
  'vouchers',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    planId: uuid('plan_id').references(() => servicePlans.id),
    planServiceId: uuid('plan_service_id'),
    stepId: uuid('step_id'),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    directoryServiceId: uuid('directory_service_id').references(() => directoryServices.id),
    serviceName: text('service_name').notNull(),
    locationName: text('location_name').notNull().default(''),
    sessions: integer('sessions'),
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    answerDueOn: date('answer_due_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    forPartner: text('for_partner').notNull().default(''),
    language: text('language').notNull(),
    categoriesAsked: text('categories_asked').array().notNull(),
    /** What the gate allowed at issue, by category: `identity` (name, birth date, phone, languages), `request_assessment` (the reason), `plan` (what the partner should know). */
    disclosed: jsonb('disclosed').notNull(),
    withheld: jsonb('withheld').notNull().default(sql`'[]'::jsonb`),
    disclosureId: uuid('disclosure_id').references(() => disclosures.id),
    status: enumText('status', voucherStatus.options).notNull().default('issued'),
    statusReason: text('status_reason'),
    statusNote: text('status_note').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    reissuedFromId: uuid('reissued_from_id'),
    personWord: enumText('person_word', personWord.options),
    personWordNote: text('person_word_note').notNull().default(''),
    personWordAt: timestamp('person_word_at', { withTimezone: true, mode: 'date' }),
    personWordBy: uuid('person_word_by').references(() => staff.id),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => staff.id),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('vouchers_number_unique').on(t.agencyId, t.number),
    // The partner's inbox: its organisation's vouchers, newest first.
    index('vouchers_partner_idx').on(t.partnerOrganisationId, t.issuedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('vouchers_case_idx').on(t.caseId, t.issuedAt),
    index('vouchers_unanswered_idx').on(t.answerDueOn).where(sql`status = 'issued'`),
    oneOf('vouchers_status_valid', t.status, voucherStatus.options),
    oneOf('vouchers_person_word_valid', t.personWord, personWord.options, { nullable: true }),
  ],
);

/** What happened to a voucher, by whom and from which side: its history, never changed. */
export const voucherEvents = pgTable(
  'voucher_events',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    action: text('action').notNull(),
    toStatus: enumText('to_status', voucherStatus.options).notNull(),
    side: text('side').notNull(),
    reason: text('reason'),
    note: text('note').notNull().default(''),
    /** Null for the clock (expiry). */
    staffId: uuid('staff_id').references(() => staff.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('voucher_events_voucher_idx').on(t.voucherId, t.at),
    oneOf('voucher_events_to_status_valid', t.toStatus, voucherStatus.options),
  ],
);

/** A visit the partner registered on a voucher (seed 004's visit registration form); it reaches the case's journal. */
export const voucherVisits = pgTable(
  'voucher_visits',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    service: text('service').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    note: text('note').notNull().default(''),
    journalEntryId: uuid('journal_entry_id').references(() => journalEntries.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('voucher_visits_voucher_idx').on(t.voucherId, t.visitedOn)],
);

/** The year's last voucher number, per agency: numbers never repeat. */
export const voucherNumberCounters = pgTable(
  'voucher_number_counters',
  {
    agencyId: agencyId(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);
