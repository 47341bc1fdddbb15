import { z } from 'zod';
import { localeCode, uuid } from '../../core/common.contract.ts';
import { type RecipientCategory, recipientCategory } from '../organisation/organisation.contract.ts';

export { type RecipientCategory, recipientCategory };

/**
 * What a consent is to (seed 004: consent to inclusion in the programme; informed consent to
 * disclose medical information). Disclosure of health information is its own kind, as the law
 * asks: a general disclosure consent never covers it.
 */
export const consentKind = z.enum(['programme_inclusion', 'disclosure', 'health_disclosure', 'relatives_contact', 'success_story']);
export type ConsentKind = z.infer<typeof consentKind>;

/** The parts of a person's record a disclosure may carry. */
export const dataCategory = z.enum(['identity', 'request_assessment', 'plan', 'journal', 'health', 'substance_use', 'criminal_history']);
export type DataCategory = z.infer<typeof dataCategory>;

/** Special categories: they leave the agency only under a consent (or a legal basis) that names them. */
export const SENSITIVE_CATEGORIES: readonly DataCategory[] = ['health', 'substance_use', 'criminal_history'];
/** What only a health-disclosure consent covers. */
export const HEALTH_CATEGORIES: readonly DataCategory[] = ['health', 'substance_use'];

/** Whom a consent lets information go to: a partner organisation, every recipient of a kind, or a named person. */
export const consentRecipient = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organisation'), organisationId: uuid }),
  z.strictObject({ kind: z.literal('category'), category: recipientCategory }),
  z.strictObject({ kind: z.literal('person'), name: z.string().trim().min(2).max(200) }),
]);
export type ConsentRecipient = z.infer<typeof consentRecipient>;

/** What information is given for. */
export const disclosurePurpose = z.enum([
  'service_coordination',
  'referral',
  'health_care',
  'benefits_and_housing',
  'education_and_work',
  'legal_assistance',
]);
export type DisclosurePurpose = z.infer<typeof disclosurePurpose>;

/** The law instead of consent: a disclosure that must be made. */
export const legalBasis = z.enum(['child_protection_report', 'court_order', 'police_request_by_law', 'danger_to_life']);
export type LegalBasis = z.infer<typeof legalBasis>;

/** Who gave a consent: the person, or their guardian (for a minor, or a person without full legal capacity). */
export const consentSigner = z.enum(['person', 'guardian']);
export type ConsentSigner = z.infer<typeof consentSigner>;

/** What happened to a consent: a signature, or its withdrawal. */
export const consentEventKind = z.enum(['signed', 'withdrawn']);
/** How a signature was given (the co-signature rules of the agreements). */
export const consentMethod = z.enum(['signed_on_screen', 'scanned', 'paper_with_witness', 'oral']);
export type ConsentMethod = z.infer<typeof consentMethod>;

const shortText = (max: number) => z.string().trim().max(max);

/** A signature on a consent: whose, how, and – on paper – before which witness. */
export const consentSignatureBody = z
  .strictObject({
    signer: consentSigner,
    signerName: shortText(200).default('').describe("The guardian's name; the person's own is known"),
    method: consentMethod,
    witnessName: shortText(200).default(''),
  })
  .superRefine((s, ctx) => {
    if (s.method === 'paper_with_witness' && s.witnessName.length < 2)
      ctx.addIssue({ code: 'custom', path: ['witnessName'], message: 'A consent on paper names its witness' });
    if (s.signer === 'guardian' && s.signerName.length < 2)
      ctx.addIssue({ code: 'custom', path: ['signerName'], message: "Write the guardian's name" });
  });
export type ConsentSignatureBody = z.infer<typeof consentSignatureBody>;

export const recordConsentBody = z.strictObject({
  kind: consentKind,
  purposes: z.array(disclosurePurpose).max(disclosurePurpose.options.length).default([]),
  purposeNote: shortText(1000).default('').describe('The purpose in the words the person was told'),
  recipients: z.array(consentRecipient).max(50).default([]),
  categories: z.array(dataCategory).max(dataCategory.options.length).default([]),
  validFrom: z.iso.date().optional().describe("The first day it holds; today in the agency's time zone by default"),
  validTo: z.iso
    .date()
    .nullable()
    .optional()
    .describe("The last day it holds; the kind's default period when left out; null – until withdrawn – only where the kind allows"),
  shownText: z.string().trim().min(20).max(20_000).describe('The text the person was shown, in their language'),
  language: localeCode,
  signatures: z.array(consentSignatureBody).min(1).max(2).describe('The person, and the guardian where one must co-sign'),
});
export type RecordConsentBody = z.infer<typeof recordConsentBody>;

export const withdrawConsentBody = z.strictObject({
  reason: shortText(1000).min(2).describe('What the person said, or why it is withdrawn for them'),
});

export const consentSignature = z.object({
  signer: consentSigner,
  signerName: z.string(),
  method: consentMethod,
  witnessName: z.string(),
  at: z.iso.datetime(),
  recordedByName: z.string(),
});

export const consentState = z.enum(['in_force', 'not_yet_valid', 'expired', 'withdrawn', 'signature_missing']);

export const consent = z.object({
  id: uuid,
  personId: uuid,
  kind: consentKind,
  purposes: z.array(disclosurePurpose),
  purposeNote: z.string(),
  recipients: z.array(
    z.object({
      kind: z.enum(['organisation', 'category', 'person']),
      organisationId: uuid.nullable(),
      category: recipientCategory.nullable(),
      name: z.string().describe("The organisation's or person's name; empty for a kind of recipient"),
    }),
  ),
  categories: z.array(dataCategory),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
  requiredSigners: z.array(consentSigner),
  signatures: z.array(consentSignature),
  withdrawal: z.object({ at: z.iso.datetime(), reason: z.string(), recordedByName: z.string() }).nullable(),
  state: consentState.describe('Worked out from its dates and events at the moment of asking'),
  shownText: z.string(),
  language: localeCode,
  recordedAt: z.iso.datetime(),
  recordedByName: z.string(),
  may: z.object({ sign: z.boolean(), withdraw: z.boolean() }),
});
export type Consent = z.infer<typeof consent>;
export const consentList = z.object({ items: z.array(consent) });

export const consentFormQuery = z.strictObject({
  kind: consentKind.optional(),
  language: localeCode.optional().describe('The language the person reads'),
});
/** The text a person is shown for a kind of consent, in their language: what they read and sign. */
export const consentForm = z.object({
  kind: consentKind,
  language: localeCode,
  text: z.string(),
  version: z.int().nullable().describe("The agency's own text's version; null while the shipped text is used"),
});
export type ConsentForm = z.infer<typeof consentForm>;
export const consentFormList = z.object({ items: z.array(consentForm) });
export const consentFormParams = z.strictObject({ kind: consentKind, language: localeCode });
export const putConsentFormBody = z.strictObject({
  text: z.string().trim().min(20).max(20_000),
  version: z.int().min(1).optional().describe('The version changed; left out when the agency first replaces the shipped text'),
});

/** To whom a case summary goes: a partner organisation, or someone named (with what kind of recipient they are). */
export const summaryRecipient = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organisation'), organisationId: uuid }),
  z.strictObject({
    kind: z.literal('person'),
    name: z.string().trim().min(2).max(200),
    categories: z.array(recipientCategory).max(recipientCategory.options.length).default([]),
  }),
]);

export const summaryQuestionBody = z.strictObject({
  recipient: summaryRecipient,
  purpose: disclosurePurpose,
  categories: z.array(dataCategory).min(1).max(dataCategory.options.length),
  legalBasis: z
    .strictObject({ basis: legalBasis, reason: shortText(2000).min(5) })
    .optional()
    .describe('A disclosure the law requires, instead of consent: recorded apart, and supervision is told'),
});
export const createSummaryBody = summaryQuestionBody.extend({
  language: localeCode.optional().describe("The summary's language: the person's first by default"),
});

const refusal = z.object({
  category: dataCategory,
  reason: z.enum([
    'withdrawn',
    'expired',
    'not_yet_valid',
    'signature_missing',
    'purpose_not_covered',
    'recipient_not_named',
    'no_consent',
    'processing_restricted',
    'check_failed',
  ]),
  consentId: uuid.nullable(),
  consentKind: consentKind.nullable(),
  on: z.string().nullable().describe('When it was withdrawn, or the last or first day it holds'),
});

export const gateAnswer = z.object({
  allowed: z.boolean().describe('Every category asked for may go'),
  grants: z.array(
    z.object({
      category: dataCategory,
      basis: z.enum(['consent', 'legal']),
      consentId: uuid.nullable(),
      legalBasis: legalBasis.nullable(),
    }),
  ),
  refused: z.array(refusal),
});
export type GateAnswer = z.infer<typeof gateAnswer>;

export const disclosure = z.object({
  id: uuid,
  personId: uuid,
  caseId: uuid.nullable(),
  kind: z.string(),
  recipientName: z.string(),
  purpose: disclosurePurpose,
  categoriesAsked: z.array(dataCategory),
  categoriesGiven: z.array(dataCategory),
  answer: gateAnswer,
  legalBasis: legalBasis.nullable(),
  legalReason: z.string().nullable(),
  language: localeCode,
  disclosedAt: z.iso.datetime(),
  disclosedByName: z.string(),
});
export type DisclosureRecord = z.infer<typeof disclosure>;
export const disclosureList = z.object({ items: z.array(disclosure) });
