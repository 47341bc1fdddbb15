import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import type { HsdsService } from './hsds.rules.ts';
import { serviceStatus } from './service-directory.contract.ts';

/**
 * A service a partner organisation offers, as its Open Referral HSDS 3.0 document (`document`,
 * without the organisation: that is the partner organisation's row), with what the directory
 * searches by kept beside it in columns: the kinds of service, areas and languages, and when it
 * was last verified.
 */
export const directoryServices = pgTable(
  'directory_services',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    name: text('name').notNull(),
    status: enumText('status', serviceStatus.options).notNull().default('active'),
    categories: text('categories').array().notNull(),
    areas: text('areas').array().notNull(),
    languages: text('languages').array().notNull(),
    /** HSDS assured_date: when someone last checked that the information is right. */
    verifiedOn: date('verified_on'),
    document: jsonb('document').$type<HsdsService>().notNull(),
    version,
    ...timestamps,
  },
  (t) => [
    index('directory_services_organisation_idx').on(t.organisationId),
    index('directory_services_name_idx').on(t.name, t.id),
    index('directory_services_categories_idx').using('gin', t.categories),
    oneOf('directory_services_status_valid', t.status, serviceStatus.options),
  ],
);
