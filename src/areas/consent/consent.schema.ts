import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, someOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import {
  consentEventKind,
  consentKind,
  consentMethod,
  consentSigner,
  dataCategory,
  disclosurePurpose,
  legalBasis,
} from './consent.contract.ts';

/**
 * A consent a person (or their guardian) gave: its terms as they were put to them, never changed
 * afterwards (the database refuses). What happens to it – each signature, a withdrawal – is an
 * event in `consent_events`; whether it is in force is worked out from both when asked.
 */
export const consents = pgTable(
  'consents',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: enumText('kind', consentKind.options).notNull(),
    purposes: text('purposes').array().notNull().default(sql`'{}'`),
    purposeNote: text('purpose_note').notNull().default(''),
    /** Whom it lets information go to: ConsentRecipient[] of the contract. */
    recipients: jsonb('recipients').notNull().default(sql`'[]'::jsonb`),
    categories: text('categories').array().notNull().default(sql`'{}'`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** Who must sign for it to hold: the guardian too for a minor or a person without full legal capacity. */
    requiredSigners: text('required_signers').array().notNull(),
    /** The text the person was shown, in the language they read it in. */
    shownText: text('shown_text').notNull(),
    language: text('language').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('consents_person_idx').on(t.personId, t.recordedAt),
    oneOf('consents_kind_valid', t.kind, consentKind.options),
    someOf('consents_required_signers_valid', t.requiredSigners, consentSigner.options),
  ],
);

/** What happened to a consent: a signature given (by whom, how), or its withdrawal, which takes effect at once. */
export const consentEvents = pgTable(
  'consent_events',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id),
    kind: enumText('kind', consentEventKind.options).notNull(),
    signer: enumText('signer', consentSigner.options),
    signerName: text('signer_name'),
    method: enumText('method', consentMethod.options),
    witnessName: text('witness_name'),
    reason: text('reason').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('consent_events_consent_idx').on(t.consentId, t.at),
    oneOf('consent_events_kind_valid', t.kind, consentEventKind.options),
    oneOf('consent_events_signer_valid', t.signer, consentSigner.options, { nullable: true }),
    oneOf('consent_events_method_valid', t.method, consentMethod.options, { nullable: true }),
  ],
);

/**
 * Information that left the agency: what (the categories asked for and those that went), to whom,
 * for what, and on which consent or legal basis each category went – with the content as it was
 * given, so the record of a disclosure is the disclosure. Never changed.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** What went out: `case_summary` for now; vouchers, exports and letters later. */
    kind: text('kind').notNull(),
    /** The recipient as the gate matched it: organisation id and kinds, or a person's name. */
    recipient: jsonb('recipient').notNull(),
    recipientName: text('recipient_name').notNull(),
    purpose: enumText('purpose', disclosurePurpose.options).notNull(),
    categoriesAsked: text('categories_asked').array().notNull(),
    categoriesGiven: text('categories_given').array().notNull(),
    /** The gate's answer: each category given with the consent or legal basis it relied on, each left out with why. */
    grants: jsonb('grants').notNull(),
    refused: jsonb('refused').notNull(),
    legalBasis: enumText('legal_basis', legalBasis.options),
    legalReason: text('legal_reason'),
    content: jsonb('content').notNull(),
    language: text('language').notNull(),
    disclosedBy: uuid('disclosed_by')
      .notNull()
      .references(() => staff.id),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('disclosures_person_idx').on(t.personId, t.disclosedAt),
    oneOf('disclosures_purpose_valid', t.purpose, disclosurePurpose.options),
    oneOf('disclosures_legal_basis_valid', t.legalBasis, legalBasis.options, { nullable: true }),
    someOf('disclosures_categories_asked_valid', t.categoriesAsked, dataCategory.options),
  ],
);

/**
 * The agency's own text for a kind of consent in a language, where an administrator changed the
 * shipped one (src/core/documents/locales): what the person is shown and signs from then on.
 */
export const consentForms = pgTable(
  'consent_forms',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    kind: enumText('kind', consentKind.options).notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('consent_forms_kind_language_unique').on(t.agencyId, t.kind, t.language),
    oneOf('consent_forms_kind_valid', t.kind, consentKind.options),
  ],
);
