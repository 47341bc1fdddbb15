import { date, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { renewal } from './cooperation.contract.ts';

/**
 * A cooperation agreement between the agency and a partner organisation (seed 004): its sections of
 * text, its term, and both parties' signatures (`signatures`, each party once). Its state is worked
 * out from these each time (cooperation.rules.ts). Not about any person.
 */
export const cooperationAgreements = pgTable(
  'cooperation_agreements',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    language: text('language').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    renewal: enumText('renewal', renewal.options).notNull().default('none'),
    sections: jsonb('sections').notNull(),
    signatures: jsonb('signatures').notNull().default([]),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    index('cooperation_agreements_partner_idx').on(t.partnerOrganisationId, t.startsOn),
    oneOf('cooperation_agreements_renewal_valid', t.renewal, renewal.options),
  ],
);

/** The agency's own text for the agreement's sections in a language, where an administrator changed the shipped one. */
export const cooperationTemplates = pgTable(
  'cooperation_templates',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    language: text('language').notNull(),
    sections: jsonb('sections').notNull(),
    version,
    ...timestamps,
  },
  (t) => [uniqueIndex('cooperation_templates_language_unique').on(t.agencyId, t.language)],
);
