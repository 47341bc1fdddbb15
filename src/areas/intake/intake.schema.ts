import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { priority } from '../case/case.contract.ts';
import { cases } from '../case/case.schema.ts';
import { partnerOrganisations, units } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { cameVia, channel, helpSeekerKind, intakeDecisionKind, referralReason, requestStatus, willingness } from './intake.contract.ts';

/** Other organisations a request can be referred to (the full partner network comes later). */
export const referralDirectory = pgTable('referral_directory', {
  agencyId: agencyId(),
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  services: text('services').array().notNull().default(sql`'{}'`),
  regions: text('regions').array().notNull().default(sql`'{}'`),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  active: boolean('active').notNull().default(true),
  version,
  ...timestamps,
});

/** A first contact: who came, how, with what request, how urgent, and what was decided. */
export const requests = pgTable(
  'requests',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    receiptNumber: text('receipt_number').notNull(),
    channel: enumText('channel', channel.options).notNull(),
    cameVia: enumText('came_via', cameVia.options).notNull().default('self'),
    referringAgency: text('referring_agency'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    receivedBy: uuid('received_by').references(() => staff.id),
    personId: uuid('person_id').references(() => persons.id),
    anonymousLabel: text('anonymous_label'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    language: text('language').notNull().default('en'),
    ownWords: text('own_words').notNull().default(''),
    mainProblem: text('main_problem').notNull().default(''),
    problemOrigin: text('problem_origin').notNull().default(''),
    previousHelp: text('previous_help').notNull().default(''),
    afterFailedAttempt: boolean('after_failed_attempt').notNull().default(false),
    expectedResult: text('expected_result').notNull().default(''),
    helpSeekerKind: enumText('help_seeker_kind', helpSeekerKind.options).notNull().default('voluntary'),
    mandatingBody: text('mandating_body'),
    informedAt: timestamp('informed_at', { withTimezone: true, mode: 'date' }),
    serviceCategory: text('service_category'),
    region: text('region'),
    dangerToLife: boolean('danger_to_life').notNull().default(false),
    childAtRisk: boolean('child_at_risk').notNull().default(false),
    selfHarm: boolean('self_harm').notNull().default(false),
    priority: enumText('priority', priority.options).notNull().default('normal'),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true, mode: 'date' }),
    screening: jsonb('screening'),
    status: enumText('status', requestStatus.options).notNull().default('open'),
    unitId: uuid('unit_id').references(() => units.id),
    assignedTo: uuid('assigned_to').references(() => staff.id),
    caseId: uuid('case_id').references(() => cases.id),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('requests_receipt_unique').on(t.agencyId, t.receiptNumber),
    index('requests_queue_idx').on(t.status, t.priority, t.receivedAt),
    index('requests_agency_received_idx').on(t.agencyId, t.receivedAt),
    index('requests_person_idx').on(t.personId),
    oneOf('requests_channel_valid', t.channel, channel.options),
    oneOf('requests_came_via_valid', t.cameVia, cameVia.options),
    oneOf('requests_seeker_valid', t.helpSeekerKind, helpSeekerKind.options),
    oneOf('requests_priority_valid', t.priority, priority.options),
    oneOf('requests_status_valid', t.status, requestStatus.options),
  ],
);

/** Each intake decision and each reopening, kept in order. */
export const intakeDecisions = pgTable(
  'intake_decisions',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    decision: enumText('decision', intakeDecisionKind.options).notNull(),
    reason: text('reason').notNull().default(''),
    informationGiven: text('information_given'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => staff.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('intake_decisions_request_idx').on(t.requestId), oneOf('intake_decisions_valid', t.decision, intakeDecisionKind.options)],
);

export const referralsOut = pgTable(
  'referrals_out',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    directoryId: uuid('directory_id').references(() => referralDirectory.id),
    /** Referred to one of the agency's partner organisations (the directory lists them beside its own entries). */
    partnerOrganisationId: uuid('partner_organisation_id').references(() => partnerOrganisations.id),
    organisationName: text('organisation_name').notNull(),
    organisationContact: text('organisation_contact'),
    reason: enumText('reason', referralReason.options).notNull(),
    reasonText: text('reason_text').notNull().default(''),
    letterLanguage: text('letter_language').notNull(),
    followUpDueAt: timestamp('follow_up_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    arrivalConfirmedAt: timestamp('arrival_confirmed_at', { withTimezone: true, mode: 'date' }),
    arrivalNote: text('arrival_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('referrals_out_request_idx').on(t.requestId), oneOf('referrals_out_reason_valid', t.reason, referralReason.options)],
);

/** The narrative record of the intake interview and the five initial-assessment questions (seed 003). */
export const intakeInterviews = pgTable(
  'intake_interviews',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    purpose: text('purpose').notNull().default(''),
    course: text('course').notNull().default(''),
    evaluation: text('evaluation').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    willingness: enumText('willingness', willingness.options),
    willingnessNote: text('willingness_note').notNull().default(''),
    problemAndExpectation: text('problem_and_expectation').notNull().default(''),
    earlierHelp: text('earlier_help').notNull().default(''),
    resourcesFit: text('resources_fit').notNull().default(''),
    requirementsFit: text('requirements_fit').notNull().default(''),
    authorId: uuid('author_id')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    index('intake_interviews_request_idx').on(t.requestId),
    oneOf('intake_interviews_willingness_valid', t.willingness, willingness.options, { nullable: true }),
  ],
);
