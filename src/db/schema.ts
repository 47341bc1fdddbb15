import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
const version = integer('version').notNull().default(1);

/** The agency running this installation: exactly one row (id = 1). */
export const agency = pgTable('agency', {
  id: integer('id').primaryKey().default(1),
  name: text('name').notNull(),
  caseNumberPrefix: text('case_number_prefix').notNull().default('TIL'),
  serviceCategories: text('service_categories').array().notNull().default(sql`'{}'`),
  catchmentRegions: text('catchment_regions').array().notNull().default(sql`'{}'`),
  languages: text('languages').array().notNull().default(sql`'{en}'`),
  mfaRequiredRoles: text('mfa_required_roles').array().notNull().default(sql`'{}'`),
  idleTimeoutMinutes: integer('idle_timeout_minutes').notNull().default(30),
  absoluteTimeoutHours: integer('absolute_timeout_hours').notNull().default(12),
  minimumAge: integer('minimum_age'),
  maximumAge: integer('maximum_age'),
  urgentResponseHours: integer('urgent_response_hours').notNull().default(24),
  guardianRequiredUnderAge: integer('guardian_required_under_age').notNull().default(18),
  nationalIdCountries: text('national_id_countries').array().notNull().default(sql`'{}'`),
  /** Roles that may sign formal decisions on services (seed 001: the authority is delegated). */
  decisionRoles: text('decision_roles').array().notNull().default(sql`'{supervisor,agency_head}'`),
  /** Days before a plan's review date that it appears in the responsible worker's "today" view. */
  planReviewReminderDays: integer('plan_review_reminder_days').notNull().default(14),
  /** IANA time zone of the agency: what "today" and "overdue" mean to its staff. */
  timeZone: text('time_zone').notNull().default('UTC'),
  version,
  ...timestamps,
}, (t) => [check('agency_singleton', sql`${t.id} = 1`)]);

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version,
  ...timestamps,
});

export const partnerOrganisations = pgTable('partner_organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  version,
  ...timestamps,
});

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull(),
  unitId: uuid('unit_id').references(() => units.id),
  partnerOrganisationId: uuid('partner_organisation_id').references(() => partnerOrganisations.id),
  status: text('status').notNull().default('active'),
  locale: text('locale').notNull().default('en'),
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  /** A supervisor on duty is alerted at once about urgent requests. */
  onDuty: boolean('on_duty').notNull().default(false),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('staff_email_unique').on(t.email),
  check('staff_status_valid', sql`${t.status} IN ('active', 'disabled')`),
  check('staff_roles_valid', sql`${t.roles} <@ ARRAY['administrator','agency_head','supervisor','case_worker','intake_worker','partner_provider','auditor']::text[] AND cardinality(${t.roles}) > 0`),
  check('staff_partner_has_organisation', sql`NOT ('partner_provider' = ANY(${t.roles})) OR ${t.partnerOrganisationId} IS NOT NULL`),
]);

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  state: text('state').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  clientIp: text('client_ip'),
}, (t) => [
  index('sessions_staff_idx').on(t.staffId),
  check('sessions_state_valid', sql`${t.state} IN ('complete', 'mfa_required', 'mfa_enrolment_required')`),
]);

/** Failed-login counters per account and per client address, shared by every app instance. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
});

export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const idempotencyKeys = pgTable('idempotency_keys', {
  staffId: uuid('staff_id').notNull(),
  key: text('key').notNull(),
  route: text('route').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code').notNull(),
  responseBody: jsonb('response_body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.staffId, t.key] })]);

export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  otherNames: text('other_names').array().notNull().default(sql`'{}'`),
  nameInOtherScript: text('name_in_other_script'),
  birthDate: date('birth_date', { mode: 'string' }),
  birthDatePrecision: text('birth_date_precision').notNull().default('day'),
  sex: text('sex'),
  genderIdentity: text('gender_identity'),
  nationalId: text('national_id'),
  nationalIdCountry: text('national_id_country'),
  languages: text('languages').array().notNull().default(sql`'{}'`),
  interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
  phones: text('phones').array().notNull().default(sql`'{}'`),
  /** Phone numbers as digits only, for duplicate detection and search. */
  phoneKeys: text('phone_keys').array().notNull().default(sql`'{}'`),
  email: text('email'),
  preferredContact: text('preferred_contact'),
  addressLine: text('address_line'),
  postcode: text('postcode'),
  city: text('city'),
  region: text('region'),
  legalCapacity: text('legal_capacity').notNull().default('full'),
  guardianPersonId: uuid('guardian_person_id'),
  guardianRelationship: text('guardian_relationship'),
  knownToOtherServices: text('known_to_other_services').notNull().default(''),
  /** Every name in every script, transliterated and normalised (src/domain/name-keys.ts), trigram-indexed. */
  nameSearch: text('name_search').notNull().default(''),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [
  index('persons_created_by_idx').on(t.createdBy),
  index('persons_name_search_trgm').using('gin', sql`${t.nameSearch} gin_trgm_ops`),
  index('persons_phone_keys_idx').using('gin', t.phoneKeys),
  index('persons_national_id_idx').on(t.nationalId),
  index('persons_birth_date_idx').on(t.birthDate),
  check('persons_birth_precision_valid', sql`${t.birthDatePrecision} IN ('day','month','year','approximate')`),
  check('persons_sex_valid', sql`${t.sex} IS NULL OR ${t.sex} IN ('female','male','other','unknown')`),
  check('persons_legal_capacity_valid', sql`${t.legalCapacity} IN ('full','partial','none')`),
  check('persons_preferred_contact_valid', sql`${t.preferredContact} IS NULL OR ${t.preferredContact} IN ('phone','sms','email','letter','in_person')`),
]);

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseNumber: text('case_number').notNull(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  responsibleStaffId: uuid('responsible_staff_id').notNull().references(() => staff.id),
  stage: text('stage').notNull().default('intake'),
  priority: text('priority').notNull().default('normal'),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  /** Raised by a screening answer that needs same-day safety follow-up (PHQ-9 item 9), cleared by supervision. */
  crisisRaisedAt: timestamp('crisis_raised_at', { withTimezone: true, mode: 'date' }),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('cases_case_number_unique').on(t.caseNumber),
  index('cases_person_idx').on(t.personId),
  index('cases_unit_idx').on(t.unitId),
  index('cases_responsible_idx').on(t.responsibleStaffId),
  check('cases_stage_valid', sql`${t.stage} IN ('intake','assessment','planning','implementation','evaluation','closed')`),
  check('cases_priority_valid', sql`${t.priority} IN ('urgent','high','normal','low')`),
]);

export const caseTeamMembers = pgTable('case_team_members', {
  caseId: uuid('case_id').notNull().references(() => cases.id),
  staffId: uuid('staff_id').notNull().references(() => staff.id),
}, (t) => [primaryKey({ columns: [t.caseId, t.staffId] }), index('case_team_staff_idx').on(t.staffId)]);

/** A case addressed to a partner organisation (vouchers and referrals build on this). */
export const casePartnerOrganisations = pgTable('case_partner_organisations', {
  caseId: uuid('case_id').notNull().references(() => cases.id),
  partnerOrganisationId: uuid('partner_organisation_id').notNull().references(() => partnerOrganisations.id),
}, (t) => [primaryKey({ columns: [t.caseId, t.partnerOrganisationId] }), index('case_partner_org_idx').on(t.partnerOrganisationId)]);

/** Per-year counters for case numbers; incremented with UPDATE … RETURNING so numbers never repeat. */
export const caseNumberCounters = pgTable('case_number_counters', {
  year: integer('year').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

/**
 * Append-only, hash-chained audit trail. The application has no update or delete path; a trigger
 * refuses both. hash = SHA-256(previous hash ‖ canonical event) – see src/domain/audit-chain.ts.
 */
export const auditEvents = pgTable('audit_events', {
  seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string', precision: 3 }).notNull(),
  actorId: uuid('actor_id'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  personId: uuid('person_id'),
  /** Several people at once, e.g. the people one search showed. */
  personIds: uuid('person_ids').array(),
  outcome: text('outcome').notNull(),
  requestId: text('request_id'),
  clientIp: text('client_ip'),
  details: jsonb('details'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_person_idx').on(t.personId, t.seq),
  index('audit_person_ids_idx').using('gin', t.personIds),
  index('audit_actor_idx').on(t.actorId, t.seq),
  check('audit_outcome_valid', sql`${t.outcome} IN ('success','denied','failure')`),
]);

// ---- Intake ---------------------------------------------------------------------------------

/** Every saved state of a person's record, for the edit history. */
export const personVersions = pgTable('person_versions', {
  personId: uuid('person_id').notNull().references(() => persons.id),
  version: integer('version').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  changedBy: uuid('changed_by').references(() => staff.id),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.personId, t.version] })]);

/** Relatives, household members and guardians: links between two person records. */
export const personRelations = pgTable('person_relations', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  relatedPersonId: uuid('related_person_id').notNull().references(() => persons.id),
  relationship: text('relationship').notNull(),
  household: boolean('household').notNull().default(false),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('person_relations_person_idx').on(t.personId), index('person_relations_related_idx').on(t.relatedPersonId)]);

/** Two records found to be the same person: linked, never merged; unlinking keeps the row. */
export const personLinks = pgTable('person_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  otherPersonId: uuid('other_person_id').notNull().references(() => persons.id),
  reason: text('reason').notNull(),
  linkedBy: uuid('linked_by').notNull().references(() => staff.id),
  linkedAt: timestamp('linked_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  unlinkedBy: uuid('unlinked_by').references(() => staff.id),
  unlinkedAt: timestamp('unlinked_at', { withTimezone: true, mode: 'date' }),
  unlinkReason: text('unlink_reason'),
}, (t) => [
  index('person_links_person_idx').on(t.personId),
  index('person_links_other_idx').on(t.otherPersonId),
  check('person_links_ordered', sql`${t.personId} < ${t.otherPersonId}`),
]);

/** "This is a different person": the explicit answer to a strong duplicate warning at registration. */
export const distinctPersonConfirmations = pgTable('distinct_person_confirmations', {
  personId: uuid('person_id').notNull().references(() => persons.id),
  existingPersonId: uuid('existing_person_id').notNull().references(() => persons.id),
  score: integer('score').notNull(),
  confirmedBy: uuid('confirmed_by').notNull().references(() => staff.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.personId, t.existingPersonId] })]);

/** Other organisations a request can be referred to (the full partner network comes later). */
export const referralDirectory = pgTable('referral_directory', {
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
export const requests = pgTable('requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  receiptNumber: text('receipt_number').notNull(),
  channel: text('channel').notNull(),
  cameVia: text('came_via').notNull().default('self'),
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
  helpSeekerKind: text('help_seeker_kind').notNull().default('voluntary'),
  mandatingBody: text('mandating_body'),
  informedAt: timestamp('informed_at', { withTimezone: true, mode: 'date' }),
  serviceCategory: text('service_category'),
  region: text('region'),
  dangerToLife: boolean('danger_to_life').notNull().default(false),
  childAtRisk: boolean('child_at_risk').notNull().default(false),
  selfHarm: boolean('self_harm').notNull().default(false),
  priority: text('priority').notNull().default('normal'),
  firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true, mode: 'date' }).notNull(),
  firstRespondedAt: timestamp('first_responded_at', { withTimezone: true, mode: 'date' }),
  screening: jsonb('screening'),
  status: text('status').notNull().default('open'),
  unitId: uuid('unit_id').references(() => units.id),
  assignedTo: uuid('assigned_to').references(() => staff.id),
  caseId: uuid('case_id').references(() => cases.id),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('requests_receipt_unique').on(t.receiptNumber),
  index('requests_queue_idx').on(t.status, t.priority, t.receivedAt),
  index('requests_person_idx').on(t.personId),
  check('requests_channel_valid', sql`${t.channel} IN ('phone','walk_in','online_form','letter_email','agency_referral','outreach')`),
  check('requests_came_via_valid', sql`${t.cameVia} IN ('self','relative','other_person','agency','outreach')`),
  check('requests_seeker_valid', sql`${t.helpSeekerKind} IN ('information_only','voluntary','mandated','potential')`),
  check('requests_priority_valid', sql`${t.priority} IN ('urgent','high','normal','low')`),
  check('requests_status_valid', sql`${t.status} IN ('open','accepted','information_given','referred_out','declined')`),
]);

/** Each intake decision and each reopening, kept in order. */
export const intakeDecisions = pgTable('intake_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  decision: text('decision').notNull(),
  reason: text('reason').notNull().default(''),
  informationGiven: text('information_given'),
  decidedBy: uuid('decided_by').notNull().references(() => staff.id),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('intake_decisions_request_idx').on(t.requestId),
  check('intake_decisions_valid', sql`${t.decision} IN ('accept','information_only','refer_out','decline','reopen')`),
]);

export const referralsOut = pgTable('referrals_out', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  directoryId: uuid('directory_id').references(() => referralDirectory.id),
  organisationName: text('organisation_name').notNull(),
  organisationContact: text('organisation_contact'),
  reason: text('reason').notNull(),
  reasonText: text('reason_text').notNull().default(''),
  letterLanguage: text('letter_language').notNull(),
  followUpDueAt: timestamp('follow_up_due_at', { withTimezone: true, mode: 'date' }).notNull(),
  arrivalConfirmedAt: timestamp('arrival_confirmed_at', { withTimezone: true, mode: 'date' }),
  arrivalNote: text('arrival_note'),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('referrals_out_request_idx').on(t.requestId),
  check('referrals_out_reason_valid', sql`${t.reason} IN ('out_of_scope','out_of_region','other')`),
]);

/** The narrative record of the intake interview and the five initial-assessment questions (seed 003). */
export const intakeInterviews = pgTable('intake_interviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  purpose: text('purpose').notNull().default(''),
  course: text('course').notNull().default(''),
  evaluation: text('evaluation').notNull().default(''),
  suggestions: text('suggestions').notNull().default(''),
  willingness: text('willingness'),
  willingnessNote: text('willingness_note').notNull().default(''),
  problemAndExpectation: text('problem_and_expectation').notNull().default(''),
  earlierHelp: text('earlier_help').notNull().default(''),
  resourcesFit: text('resources_fit').notNull().default(''),
  requirementsFit: text('requirements_fit').notNull().default(''),
  authorId: uuid('author_id').notNull().references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [
  index('intake_interviews_request_idx').on(t.requestId),
  check('intake_interviews_willingness_valid', sql`${t.willingness} IS NULL OR ${t.willingness} IN ('active','passive')`),
]);

/** The text a service agreement is generated from, per language; administrators edit it. */
export const agreementTemplates = pgTable('agreement_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  language: text('language').notNull(),
  title: text('title').notNull(),
  sections: jsonb('sections').notNull(),
  version,
  ...timestamps,
}, (t) => [uniqueIndex('agreement_templates_language_unique').on(t.language)]);

/** A service agreement and enrolment consent for one case, with its signatures (seed 004). */
export const serviceAgreements = pgTable('service_agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  language: text('language').notNull(),
  title: text('title').notNull(),
  sections: jsonb('sections').notNull(),
  guardianRequired: boolean('guardian_required').notNull(),
  guardianPersonId: uuid('guardian_person_id').references(() => persons.id),
  status: text('status').notNull().default('awaiting_signatures'),
  terminatedAt: timestamp('terminated_at', { withTimezone: true, mode: 'date' }),
  terminationReason: text('termination_reason'),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [
  index('service_agreements_case_idx').on(t.caseId),
  check('service_agreements_status_valid', sql`${t.status} IN ('awaiting_signatures','signed','terminated')`),
]);

export const agreementSignatures = pgTable('agreement_signatures', {
  id: uuid('id').primaryKey().defaultRandom(),
  agreementId: uuid('agreement_id').notNull().references(() => serviceAgreements.id),
  signer: text('signer').notNull(),
  method: text('method').notNull(),
  signatureImage: text('signature_image'),
  witnessName: text('witness_name'),
  signedByStaffId: uuid('signed_by_staff_id').references(() => staff.id),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('agreement_signatures_signer_unique').on(t.agreementId, t.signer),
  check('agreement_signatures_signer_valid', sql`${t.signer} IN ('person','guardian','agency_head')`),
  check('agreement_signatures_method_valid', sql`${t.method} IN ('drawn','scan','paper','electronic')`),
]);

/** Stage changes and reassignments of a case, with who, when and why. */
export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  kind: text('kind').notNull(),
  fromValue: text('from_value'),
  toValue: text('to_value'),
  reason: text('reason').notNull().default(''),
  actorId: uuid('actor_id').notNull().references(() => staff.id),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('case_events_case_idx').on(t.caseId, t.at)]);

/** In-app alerts, e.g. to the supervisor on duty when an urgent request arrives. */
export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  recipientId: uuid('recipient_id').notNull().references(() => staff.id),
  kind: text('kind').notNull(),
  requestId: uuid('request_id').references(() => requests.id),
  caseId: uuid('case_id').references(() => cases.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
}, (t) => [index('alerts_recipient_idx').on(t.recipientId, t.readAt)]);

/** Autosaved form drafts, so nothing typed is lost when a tab closes or a session ends. */
export const drafts = pgTable('drafts', {
  staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
  formKey: text('form_key').notNull(),
  data: jsonb('data').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.staffId, t.formKey] })]);

// ---- Assessment, decision and the service plan ----------------------------------------------

/**
 * A questionnaire template at one version. Answers keep the version they were given in, so a
 * published version never changes: a change is a new version (template_version + 1) of the same key.
 */
export const questionnaireTemplates = pgTable('questionnaire_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull(),
  templateVersion: integer('template_version').notNull(),
  status: text('status').notNull().default('draft'),
  title: text('title').notNull(),
  definition: jsonb('definition').notNull(),
  shipped: boolean('shipped').notNull().default(false),
  createdBy: uuid('created_by').references(() => staff.id),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('questionnaire_templates_key_version_unique').on(t.key, t.templateVersion),
  check('questionnaire_templates_status_valid', sql`${t.status} IN ('draft','published','retired')`),
]);

/** A filled-in questionnaire for one case, scored when completed. */
export const questionnaireResponses = pgTable('questionnaire_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  templateId: uuid('template_id').notNull().references(() => questionnaireTemplates.id),
  assessmentId: uuid('assessment_id'),
  status: text('status').notNull().default('in_progress'),
  answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
  scores: jsonb('scores'),
  flags: text('flags').array().notNull().default(sql`'{}'`),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  completedBy: uuid('completed_by').references(() => staff.id),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  version,
  ...timestamps,
}, (t) => [
  index('questionnaire_responses_case_idx').on(t.caseId, t.createdAt),
  check('questionnaire_responses_status_valid', sql`${t.status} IN ('in_progress','completed')`),
]);

/** A needs assessment (seed 002 §2): sources, findings per domain, analysis, and the person's confirmation or corrections. */
export const assessments = pgTable('assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  kind: text('kind').notNull().default('initial'),
  status: text('status').notNull().default('draft'),
  assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
  sources: text('sources').array().notNull().default(sql`'{}'`),
  otherSources: text('other_sources').notNull().default(''),
  /** Per life domain: findings, strengths and resources, and the 1–5 self-sufficiency score (0 = not applicable). */
  domains: jsonb('domains').notNull().default(sql`'{}'::jsonb`),
  analysisCauses: text('analysis_causes').notNull().default(''),
  analysisNature: text('analysis_nature').notNull().default(''),
  analysisDegree: text('analysis_degree').notNull().default(''),
  personView: text('person_view').notNull().default(''),
  personResponse: text('person_response'),
  personCorrections: text('person_corrections').notNull().default(''),
  personRespondedAt: timestamp('person_responded_at', { withTimezone: true, mode: 'date' }),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  version,
  ...timestamps,
}, (t) => [
  index('assessments_case_idx').on(t.caseId, t.assessedOn),
  check('assessments_kind_valid', sql`${t.kind} IN ('initial','reassessment')`),
  check('assessments_status_valid', sql`${t.status} IN ('draft','completed')`),
  check('assessments_person_response_valid', sql`${t.personResponse} IS NULL OR ${t.personResponse} IN ('confirmed','corrected')`),
]);

/** A need identified in an assessment: what the plan's goals serve. */
export const needs = pgTable('needs', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  assessmentId: uuid('assessment_id').references(() => assessments.id),
  domain: text('domain').notNull(),
  description: text('description').notNull(),
  severity: text('severity').notNull(),
  identifiedOn: date('identified_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [
  index('needs_case_idx').on(t.caseId),
  check('needs_severity_valid', sql`${t.severity} IN ('low','moderate','high','critical')`),
  check('needs_status_valid', sql`${t.status} IN ('open','met','no_longer_relevant')`),
]);

/** A formal decision on requested services (seed 001). Signed decisions never change; a change is a new decision referring to it. */
export const decisions = pgTable('decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  status: text('status').notNull().default('draft'),
  supersedesId: uuid('supersedes_id').references((): AnyPgColumn => decisions.id),
  language: text('language').notNull(),
  appealInstructions: text('appeal_instructions').notNull(),
  items: jsonb('items').notNull(),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  decidedBy: uuid('decided_by').references(() => staff.id),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  version,
  ...timestamps,
}, (t) => [
  index('decisions_case_idx').on(t.caseId, t.createdAt),
  // A signed decision is replaced by at most one signed decision.
  uniqueIndex('decisions_one_signed_successor').on(t.supersedesId).where(sql`status = 'signed' AND supersedes_id IS NOT NULL`),
  check('decisions_status_valid', sql`${t.status} IN ('draft','signed')`),
]);

/**
 * One version of a case's service plan. Content (goals, steps, services, meetings, risks …) is a
 * document diffed between versions; a version is active only once the person (and a guardian
 * where required) has signed it, and a later change is a new version.
 */
export const servicePlans = pgTable('service_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  planVersion: integer('plan_version').notNull(),
  status: text('status').notNull().default('draft'),
  previousId: uuid('previous_id'),
  changeReason: text('change_reason').notNull().default(''),
  content: jsonb('content').notNull(),
  guardianRequired: boolean('guardian_required').notNull().default(false),
  guardianPersonId: uuid('guardian_person_id').references(() => persons.id),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('service_plans_case_version_unique').on(t.caseId, t.planVersion),
  uniqueIndex('service_plans_one_active').on(t.caseId).where(sql`status = 'active'`),
  uniqueIndex('service_plans_one_open_draft').on(t.caseId).where(sql`status IN ('draft','awaiting_signature')`),
  check('service_plans_status_valid', sql`${t.status} IN ('draft','awaiting_signature','active','superseded')`),
]);

export const planSignatures = pgTable('plan_signatures', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull().references(() => servicePlans.id),
  signer: text('signer').notNull(),
  method: text('method').notNull(),
  signatureImage: text('signature_image'),
  witnessName: text('witness_name'),
  recordedBy: uuid('recorded_by').notNull().references(() => staff.id),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('plan_signatures_signer_unique').on(t.planId, t.signer),
  check('plan_signatures_signer_valid', sql`${t.signer} IN ('person','guardian','worker')`),
  check('plan_signatures_method_valid', sql`${t.method} IN ('drawn','scan','paper')`),
]);

/**
 * The execution part of the plan: each step of the active version with its progress, so due and
 * overdue steps are found by index for the "today" view. Step ids are stable across versions.
 */
export const planSteps = pgTable('plan_steps', {
  caseId: uuid('case_id').notNull().references(() => cases.id),
  stepId: uuid('step_id').notNull(),
  planId: uuid('plan_id').notNull().references(() => servicePlans.id),
  what: text('what').notNull(),
  responsibleKind: text('responsible_kind').notNull(),
  responsibleStaffId: uuid('responsible_staff_id').references(() => staff.id),
  dueDate: date('due_date', { mode: 'string' }),
  status: text('status').notNull().default('planned'),
  result: text('result').notNull().default(''),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  completedBy: uuid('completed_by').references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [
  primaryKey({ columns: [t.caseId, t.stepId] }),
  index('plan_steps_due_idx').on(t.dueDate).where(sql`status IN ('planned','in_progress')`),
  check('plan_steps_status_valid', sql`${t.status} IN ('planned','in_progress','done','cancelled','removed')`),
  check('plan_steps_responsible_valid', sql`${t.responsibleKind} IN ('person','worker','partner','relative')`),
]);
