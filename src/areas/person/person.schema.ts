import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { staff } from '../staff/staff.schema.ts';
import { birthDatePrecision, legalCapacity, linkRequestStatus, preferredContact, sex } from './person.contract.ts';

export const persons = pgTable(
  'persons',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    otherNames: text('other_names').array().notNull().default(sql`'{}'`),
    nameInOtherScript: text('name_in_other_script'),
    birthDate: date('birth_date', { mode: 'string' }),
    birthDatePrecision: enumText('birth_date_precision', birthDatePrecision.options).notNull().default('day'),
    sex: enumText('sex', sex.options),
    genderIdentity: text('gender_identity'),
    nationalId: text('national_id'),
    nationalIdCountry: text('national_id_country'),
    languages: text('languages').array().notNull().default(sql`'{}'`),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    phones: text('phones').array().notNull().default(sql`'{}'`),
    /** Phone numbers as digits only, for duplicate detection and search. */
    phoneKeys: text('phone_keys').array().notNull().default(sql`'{}'`),
    email: text('email'),
    preferredContact: enumText('preferred_contact', preferredContact.options),
    addressLine: text('address_line'),
    postcode: text('postcode'),
    city: text('city'),
    region: text('region'),
    legalCapacity: enumText('legal_capacity', legalCapacity.options).notNull().default('full'),
    guardianPersonId: uuid('guardian_person_id'),
    guardianRelationship: text('guardian_relationship'),
    knownToOtherServices: text('known_to_other_services').notNull().default(''),
    /** GDPR art. 18: the person asked that their data be used only for what is essential; since when and why. */
    processingRestrictedAt: timestamp('processing_restricted_at', { withTimezone: true, mode: 'date' }),
    processingRestrictionReason: text('processing_restriction_reason'),
    /** Every name in every script, transliterated and normalised (src/areas/person/name-keys.rules.ts), trigram-indexed. */
    nameSearch: text('name_search').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    index('persons_created_by_idx').on(t.createdBy),
    index('persons_name_search_trgm').using('gin', sql`${t.nameSearch} gin_trgm_ops`),
    index('persons_phone_keys_idx').using('gin', t.phoneKeys),
    index('persons_national_id_idx').on(t.nationalId),
    index('persons_agency_birth_date_idx').on(t.agencyId, t.birthDate),
    oneOf('persons_birth_precision_valid', t.birthDatePrecision, birthDatePrecision.options),
    oneOf('persons_sex_valid', t.sex, sex.options, { nullable: true }),
    oneOf('persons_legal_capacity_valid', t.legalCapacity, legalCapacity.options),
    oneOf('persons_preferred_contact_valid', t.preferredContact, preferredContact.options, { nullable: true }),
  ],
);

/** Every saved state of a person's record, for the edit history. */
export const personVersions = pgTable(
  'person_versions',
  {
    agencyId: agencyId(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by').references(() => staff.id),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.version] })],
);

/** Relatives, household members and guardians: links between two person records. */
export const personRelations = pgTable(
  'person_relations',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    relatedPersonId: uuid('related_person_id')
      .notNull()
      .references(() => persons.id),
    relationship: text('relationship').notNull(),
    household: boolean('household').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('person_relations_person_idx').on(t.personId), index('person_relations_related_idx').on(t.relatedPersonId)],
);

/** Two records found to be the same person: linked, never merged; unlinking keeps the row. */
export const personLinks = pgTable(
  'person_links',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    otherPersonId: uuid('other_person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    linkedBy: uuid('linked_by')
      .notNull()
      .references(() => staff.id),
    linkedAt: timestamp('linked_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    unlinkedBy: uuid('unlinked_by').references(() => staff.id),
    unlinkedAt: timestamp('unlinked_at', { withTimezone: true, mode: 'date' }),
    unlinkReason: text('unlink_reason'),
  },
  (t) => [
    index('person_links_person_idx').on(t.personId),
    index('person_links_other_idx').on(t.otherPersonId),
    check('person_links_ordered', sql`${t.personId} < ${t.otherPersonId}`),
  ],
);

/** "This is a different person": the explicit answer to a strong duplicate warning at registration. */
export const distinctPersonConfirmations = pgTable(
  'distinct_person_confirmations',
  {
    agencyId: agencyId(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    existingPersonId: uuid('existing_person_id')
      .notNull()
      .references(() => persons.id),
    score: integer('score').notNull(),
    confirmedBy: uuid('confirmed_by')
      .notNull()
      .references(() => staff.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.existingPersonId] })],
);

/**
 * "This may be the same person as one another unit knows": sent at registration when the record
 * found is out of the registering worker's reach. Staff who can see the other record link the two
 * (accept) or say they are different people (decline).
 */
export const personLinkRequests = pgTable(
  'person_link_requests',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    /** The record of the one who asks. */
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The record out of their reach. */
    otherPersonId: uuid('other_person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staff.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    status: enumText('status', linkRequestStatus.options).notNull().default('open'),
    decidedBy: uuid('decided_by').references(() => staff.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('person_link_requests_other_idx').on(t.otherPersonId).where(sql`status = 'open'`),
    uniqueIndex('person_link_requests_one_open').on(t.personId, t.otherPersonId).where(sql`status = 'open'`),
    oneOf('person_link_requests_status_valid', t.status, linkRequestStatus.options),
    check('person_link_requests_two_records', sql`${t.personId} <> ${t.otherPersonId}`),
  ],
);
