import { sql } from 'drizzle-orm';
import { bigint, boolean, check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps, version } from '../../core/db/columns.ts';
import { partnerOrganisations, units } from '../organisation/organisation.schema.ts';

export const staff = pgTable(
  'staff',
  {
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
  },
  (t) => [
    uniqueIndex('staff_email_unique').on(t.email),
    check('staff_status_valid', sql`${t.status} IN ('active', 'disabled')`),
    check(
      'staff_roles_valid',
      sql`${t.roles} <@ ARRAY['administrator','agency_head','supervisor','case_worker','intake_worker','partner_provider','auditor']::text[] AND cardinality(${t.roles}) > 0`,
    ),
    check('staff_partner_has_organisation', sql`NOT ('partner_provider' = ANY(${t.roles})) OR ${t.partnerOrganisationId} IS NOT NULL`),
  ],
);
