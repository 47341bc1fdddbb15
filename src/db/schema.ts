import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
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
  birthDate: date('birth_date', { mode: 'string' }),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  version,
  ...timestamps,
}, (t) => [index('persons_created_by_idx').on(t.createdBy)]);

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseNumber: text('case_number').notNull(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  responsibleStaffId: uuid('responsible_staff_id').notNull().references(() => staff.id),
  stage: text('stage').notNull().default('intake'),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  version,
  ...timestamps,
}, (t) => [
  uniqueIndex('cases_case_number_unique').on(t.caseNumber),
  index('cases_person_idx').on(t.personId),
  index('cases_unit_idx').on(t.unitId),
  index('cases_responsible_idx').on(t.responsibleStaffId),
  check('cases_stage_valid', sql`${t.stage} IN ('intake','assessment','planning','implementation','evaluation','closed')`),
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
  outcome: text('outcome').notNull(),
  requestId: text('request_id'),
  clientIp: text('client_ip'),
  details: jsonb('details'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_person_idx').on(t.personId, t.seq),
  index('audit_actor_idx').on(t.actorId, t.seq),
  check('audit_outcome_valid', sql`${t.outcome} IN ('success','denied','failure')`),
]);
