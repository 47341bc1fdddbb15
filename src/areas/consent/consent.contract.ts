import { z } from 'zod';
import { uuid } from '../../core/common.contract.ts';

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

/** Kinds of recipient a consent may name instead of an organisation or a person. */
export const recipientCategory = z.enum([
  'health_services',
  'social_services',
  'employment_services',
  'housing',
  'education',
  'legal_aid',
  'family_and_relatives',
]);
export type RecipientCategory = z.infer<typeof recipientCategory>;

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
