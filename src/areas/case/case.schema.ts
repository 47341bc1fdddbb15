import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { partnerOrganisations, units } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { caseStage, priority } from './case.contract.ts';

export const cases = pgTable(
  'cases',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    responsibleStaffId: uuid('responsible_staff_id')
      .notNull()
      .references(() => staff.id),
    stage: enumText('stage', caseStage.options).notNull().default('intake'),
    priority: enumText('priority', priority.options).notNull().default('normal'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** Raised by a screening answer that needs same-day safety follow-up (PHQ-9 item 9), cleared by supervision. */
    crisisRaisedAt: timestamp('crisis_raised_at', { withTimezone: true, mode: 'date' }),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('cases_case_number_unique').on(t.agencyId, t.caseNumber),
    index('cases_person_idx').on(t.personId),
    index('cases_agency_opened_idx').on(t.agencyId, t.openedAt),
    index('cases_unit_idx').on(t.unitId),
    index('cases_responsible_idx').on(t.responsibleStaffId),
    oneOf('cases_stage_valid', t.stage, caseStage.options),
    oneOf('cases_priority_valid', t.priority, priority.options),
  ],
);

export const caseTeamMembers = pgTable(
  'case_team_members',
  {
    agencyId: agencyId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.staffId] }), index('case_team_staff_idx').on(t.staffId)],
);

/** A case addressed to a partner organisation (vouchers and referrals build on this). */
export const casePartnerOrganisations = pgTable(
  'case_partner_organisations',
  {
    agencyId: agencyId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => partnerOrganisations.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.partnerOrganisationId] }), index('case_partner_org_idx').on(t.partnerOrganisationId)],
);

/** Per-agency, per-year counters for case numbers; incremented with UPDATE … RETURNING so numbers never repeat. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    agencyId: agencyId(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/** Stage changes and reassignments of a case, with who, when and why. */
export const caseEvents = pgTable(
  'case_events',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    reason: text('reason').notNull().default(''),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => staff.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/**
 * Break-the-glass: a member of staff outside a case opened it in an emergency, with a reason, for a
 * limited time. While `expires_at` is ahead, the case and its person are in their reach
 * (src/core/scopes.ts); the rows stay as the record of it, never changed.
 */
export const emergencyAccesses = pgTable(
  'emergency_accesses',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('emergency_accesses_staff_case_idx').on(t.staffId, t.caseId, t.expiresAt),
    index('emergency_accesses_granted_idx').on(t.grantedAt),
  ],
);
