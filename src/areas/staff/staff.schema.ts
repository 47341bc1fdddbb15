import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, someOf, timestamps, version } from '../../core/db/columns.ts';
import { allRoles } from '../../core/roles.contract.ts';
import { partnerOrganisations, units } from '../organisation/organisation.schema.ts';
import { staffStatus } from './staff.contract.ts';

export const staff = pgTable(
  'staff',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    partnerOrganisationId: uuid('partner_organisation_id').references(() => partnerOrganisations.id),
    status: enumText('status', staffStatus.options).notNull().default('active'),
    locale: text('locale').notNull().default('en'),
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** Set while the password is a temporary one from an administrator's reset: it works once, until then. */
    temporaryPasswordExpiresAt: timestamp('temporary_password_expires_at', { withTimezone: true, mode: 'date' }),
    /** When the temporary password was used to sign in; it is refused from then on. */
    temporaryPasswordUsedAt: timestamp('temporary_password_used_at', { withTimezone: true, mode: 'date' }),
    /** The last reset by an administrator, told to the staff member on their account page. */
    passwordResetAt: timestamp('password_reset_at', { withTimezone: true, mode: 'date' }),
    passwordResetBy: uuid('password_reset_by').references((): AnyPgColumn => staff.id),
    /** The last removal of the second factor, by the person who approved it. */
    mfaResetAt: timestamp('mfa_reset_at', { withTimezone: true, mode: 'date' }),
    mfaResetBy: uuid('mfa_reset_by').references((): AnyPgColumn => staff.id),
    /** A supervisor on duty is alerted at once about urgent requests. */
    onDuty: boolean('on_duty').notNull().default(false),
    /** Whether reminders also come by e-mail (a link only), where the installation sends mail. */
    notifyByEmail: boolean('notify_by_email').notNull().default(false),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('staff_email_unique').on(t.email),
    index('staff_agency_idx').on(t.agencyId),
    oneOf('staff_status_valid', t.status, staffStatus.options),
    someOf('staff_roles_valid', t.roles, allRoles),
    check(
      'staff_partner_has_organisation',
      sql`NOT (${t.roles} && '{partner_provider,partner_administrator}'::text[]) OR ${t.partnerOrganisationId} IS NOT NULL`,
    ),
  ],
);

/**
 * Removing someone's second factor takes two people: one asks, with a reason; another approves.
 * The database refuses a request for oneself and a decision by the requester.
 */
export const mfaResetRequests = pgTable(
  'mfa_reset_requests',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staff.id),
    reason: text('reason').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    outcome: enumText('outcome', ['approved', 'declined'] as const),
    decidedBy: uuid('decided_by').references(() => staff.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('mfa_reset_requests_open_idx').on(t.staffId).where(sql`${t.outcome} IS NULL`),
    oneOf('mfa_reset_requests_outcome_valid', t.outcome, ['approved', 'declined'] as const, { nullable: true }),
    check(
      'mfa_reset_requests_decided_together',
      sql`(${t.outcome} IS NULL) = (${t.decidedBy} IS NULL) AND (${t.outcome} IS NULL) = (${t.decidedAt} IS NULL)`,
    ),
    check('mfa_reset_requests_not_for_oneself', sql`${t.requestedBy} <> ${t.staffId}`),
    check('mfa_reset_requests_second_person_approves', sql`${t.outcome} IS DISTINCT FROM 'approved' OR ${t.decidedBy} <> ${t.requestedBy}`),
    check('mfa_reset_requests_not_decided_by_subject', sql`${t.decidedBy} IS NULL OR ${t.decidedBy} <> ${t.staffId}`),
  ],
);
