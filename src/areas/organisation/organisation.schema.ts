import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agencyId, timestamps, version } from '../../core/db/columns.ts';

/**
 * An agency: the tenant of an installation. Everything of an agency – staff, units, settings,
 * templates, people, cases – carries its id (`agency_id`, ADR 0010). The first agency (id 1) is
 * the installation's own: it holds the platform administrators and the platform's audit events.
 */
export const agency = pgTable('agency', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity({ startWith: 2 }),
  /** Switched off by a platform administrator: its staff can no longer sign in. */
  active: boolean('active').notNull().default(true),
  name: text('name').notNull(),
  /** How people reach the agency, printed on its letters. */
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  caseNumberPrefix: text('case_number_prefix').notNull().default('TIL'),
  serviceCategories: text('service_categories').array().notNull().default(sql`'{}'`),
  catchmentRegions: text('catchment_regions').array().notNull().default(sql`'{}'`),
  languages: text('languages').array().notNull().default(sql`'{en}'`),
  /** Every role by default (migration 0011); an agency may relax it, and the settings page warns. */
  mfaRequiredRoles: text('mfa_required_roles')
    .array()
    .notNull()
    .default(sql`'{administrator,agency_head,supervisor,case_worker,intake_worker,partner_provider,partner_administrator,auditor}'`),
  idleTimeoutMinutes: integer('idle_timeout_minutes').notNull().default(30),
  absoluteTimeoutHours: integer('absolute_timeout_hours').notNull().default(12),
  minimumAge: integer('minimum_age'),
  maximumAge: integer('maximum_age'),
  urgentResponseHours: integer('urgent_response_hours').notNull().default(24),
  guardianRequiredUnderAge: integer('guardian_required_under_age').notNull().default(18),
  /** How long an emergency (break-the-glass) opening of a case lasts. */
  emergencyAccessMinutes: integer('emergency_access_minutes').notNull().default(60),
  nationalIdCountries: text('national_id_countries').array().notNull().default(sql`'{}'`),
  /** Roles that may sign formal decisions on services (seed 001: the authority is delegated). */
  decisionRoles: text('decision_roles').array().notNull().default(sql`'{supervisor,agency_head}'`),
  /** Days before a plan's review date that it appears in the responsible worker's "today" view. */
  planReviewReminderDays: integer('plan_review_reminder_days').notNull().default(14),
  /** IANA time zone of the agency: what "today" and "overdue" mean to its staff. */
  timeZone: text('time_zone').notNull().default('UTC'),
  /** The kinds of journal entry the agency uses, in order (`entryKind`, src/areas/journal/journal.contract.ts); null: the built-in list. */
  journalEntryKinds: jsonb('journal_entry_kinds'),
  /** An entry signed more than this many days after it happened is marked late. */
  journalLateAfterDays: integer('journal_late_after_days').notNull().default(3),
  /** Drafts unsigned for longer than this show to the supervisor. */
  journalDraftReminderDays: integer('journal_draft_reminder_days').notNull().default(3),
  /** Open cases a worker holds before the supervisor's unit view marks them overloaded. */
  caseloadLimit: integer('caseload_limit').notNull().default(20),
  /** A directory service not verified for this many months is flagged, and choosing it asks for confirmation. */
  directoryVerifyMonths: integer('directory_verify_months').notNull().default(12),
  /** Working days a partner has to answer a voucher before the worker is reminded. */
  voucherAnswerDays: integer('voucher_answer_days').notNull().default(2),
  /** Days a voucher may be taken on when the worker gives no last day. */
  voucherValidDays: integer('voucher_valid_days').notNull().default(30),
  version,
  ...timestamps,
});

export const units = pgTable('units', {
  agencyId: agencyId(),
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version,
  ...timestamps,
});

/** An outside organisation the agency works with: whom to call, what it offers and where (the refer-out directory lists it). */
export const partnerOrganisations = pgTable('partner_organisations', {
  agencyId: agencyId(),
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** What the organisation is and does (HSDS organization.description). */
  description: text('description').notNull().default(''),
  website: text('website'),
  contactPerson: text('contact_person'),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  services: text('services').array().notNull().default(sql`'{}'`),
  regions: text('regions').array().notNull().default(sql`'{}'`),
  /** Kinds of recipient it is (organisation.contract's recipientCategory), for consents that name a kind. */
  recipientKinds: text('recipient_kinds').array().notNull().default(sql`'{}'`),
  version,
  ...timestamps,
});
