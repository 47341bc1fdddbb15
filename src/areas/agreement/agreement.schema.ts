import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { agreementStatus, signatureMethod, signer } from './agreement.contract.ts';

/** The text a service agreement is generated from, per language; administrators edit it. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').notNull(),
    version,
    ...timestamps,
  },
  (t) => [uniqueIndex('agreement_templates_language_unique').on(t.agencyId, t.language)],
);

/** A service agreement and enrolment consent for one case, with its signatures (seed 004). */
export const serviceAgreements = pgTable(
  'service_agreements',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    language: text('language').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').notNull(),
    guardianRequired: boolean('guardian_required').notNull(),
    guardianPersonId: uuid('guardian_person_id').references(() => persons.id),
    status: enumText('status', agreementStatus.options).notNull().default('awaiting_signatures'),
    terminatedAt: timestamp('terminated_at', { withTimezone: true, mode: 'date' }),
    terminationReason: text('termination_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [index('service_agreements_case_idx').on(t.caseId), oneOf('service_agreements_status_valid', t.status, agreementStatus.options)],
);

export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => serviceAgreements.id),
    signer: enumText('signer', signer.options).notNull(),
    method: enumText('method', signatureMethod.options).notNull(),
    signatureImage: text('signature_image'),
    witnessName: text('witness_name'),
    signedByStaffId: uuid('signed_by_staff_id').references(() => staff.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agreement_signatures_signer_unique').on(t.agreementId, t.signer),
    oneOf('agreement_signatures_signer_valid', t.signer, signer.options),
    oneOf('agreement_signatures_method_valid', t.method, signatureMethod.options),
  ],
);
