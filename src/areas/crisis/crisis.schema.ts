import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { crisisSource, crisisStatus, safetyPlanStatus, signatureMethod, supportKind } from './crisis.contract.ts';

/**
 * A crisis on a case (seed 002 §4.4): what happened, what was done at once, who was informed, the
 * professional support sought, and – once it is over – the outcome and when to follow up. One
 * open crisis per case; the case's crisis flag (`cases.crisis_raised_at`) is up while it is open.
 */
export const crises = pgTable(
  'crises',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    status: enumText('status', crisisStatus.options).notNull().default('open'),
    source: enumText('source', crisisSource.options).notNull(),
    /** The questionnaire response or journal entry it was opened from; no foreign key (the journal links to it later). */
    sourceId: uuid('source_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    whatHappened: text('what_happened').notNull().default(''),
    immediateActions: text('immediate_actions').notNull().default(''),
    informed: text('informed').notNull().default(''),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => staff.id),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    agencyHeadsNotified: integer('agency_heads_notified').notNull().default(0),
    agencyHeadsMailed: integer('agency_heads_mailed').notNull().default(0),
    closedBy: uuid('closed_by').references(() => staff.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    outcome: text('outcome'),
    followUpOn: date('follow_up_on'),
    version,
    ...timestamps,
  },
  (t) => [
    index('crises_case_idx').on(t.caseId, t.openedAt),
    // One open crisis per case at a time.
    uniqueIndex('crises_one_open_per_case').on(t.caseId).where(sql`status = 'open'`),
    oneOf('crises_status_valid', t.status, crisisStatus.options),
    oneOf('crises_source_valid', t.source, crisisSource.options),
    // A closed crisis says how it ended and when the person is followed up.
    check(
      'crises_closed_whole',
      sql`(${t.status} = 'open' AND ${t.closedAt} IS NULL) OR (${t.status} = 'closed' AND ${t.closedAt} IS NOT NULL AND ${t.closedBy} IS NOT NULL AND ${t.outcome} IS NOT NULL AND ${t.followUpOn} IS NOT NULL)`,
    ),
  ],
);

/** The professional support sought in a crisis, each with when it was contacted. Appended, never changed. */
export const crisisSupportContacts = pgTable(
  'crisis_support_contacts',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    kind: enumText('kind', supportKind.options).notNull(),
    contactedAt: timestamp('contacted_at', { withTimezone: true, mode: 'date' }).notNull(),
    contact: text('contact').notNull().default(''),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('crisis_support_contacts_crisis_idx').on(t.crisisId, t.contactedAt),
    oneOf('crisis_support_contacts_kind_valid', t.kind, supportKind.options),
  ],
);

/**
 * The case's safety plan, versioned: one draft at a time, written with the person in their
 * language; signed, it is the version in force until a later one is signed. A signed version's
 * content never changes (the database refuses it).
 */
export const safetyPlans = pgTable(
  'safety_plans',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The crisis the plan was made in, if any. */
    crisisId: uuid('crisis_id').references(() => crises.id),
    planVersion: integer('plan_version').notNull(),
    status: enumText('status', safetyPlanStatus.options).notNull().default('draft'),
    language: text('language').notNull(),
    content: jsonb('content').notNull(),
    signedOn: date('signed_on'),
    signatureMethod: enumText('signature_method', signatureMethod.options),
    signedRecordedBy: uuid('signed_recorded_by').references(() => staff.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('safety_plans_case_version_unique').on(t.caseId, t.planVersion),
    uniqueIndex('safety_plans_one_draft_per_case').on(t.caseId).where(sql`status = 'draft'`),
    uniqueIndex('safety_plans_one_in_force_per_case').on(t.caseId).where(sql`status = 'signed'`),
    oneOf('safety_plans_status_valid', t.status, safetyPlanStatus.options),
    oneOf('safety_plans_signature_method_valid', t.signatureMethod, signatureMethod.options, { nullable: true }),
    check(
      'safety_plans_signed_whole',
      sql`(${t.status} = 'draft' AND ${t.signedOn} IS NULL) OR (${t.status} <> 'draft' AND ${t.signedOn} IS NOT NULL AND ${t.signatureMethod} IS NOT NULL AND ${t.signedRecordedBy} IS NOT NULL)`,
    ),
  ],
);
