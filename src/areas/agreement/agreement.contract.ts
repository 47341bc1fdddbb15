import { z } from 'zod';
import { localeCode, uuid, version } from '../../core/common.contract.ts';

export const agreementStatus = z.enum(['awaiting_signatures', 'signed', 'terminated']);
export type AgreementStatus = z.infer<typeof agreementStatus>;
/** Where a case stands with its service agreement: none yet, or the status of the one that counts (`caseAgreementStatus` in agreement.rules.ts). */
export const caseAgreementStatus = z.enum(['none', ...agreementStatus.options]);
export type CaseAgreementStatus = z.infer<typeof caseAgreementStatus>;

export const agreementSection = z.strictObject({
  key: z.string().regex(/^[a-z_]{1,40}$/),
  heading: z.string().trim().min(1).max(300),
  paragraphs: z.array(z.string().trim().min(1).max(5000)).max(20).optional(),
  items: z.array(z.string().trim().min(1).max(2000)).max(50).optional(),
});
export const agreementTemplate = z.object({
  id: uuid,
  language: z.string(),
  title: z.string(),
  sections: z.array(agreementSection),
  version: z.int(),
});
export const putAgreementTemplateBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  sections: z.array(agreementSection).min(1).max(30),
  version: z.int().min(1).optional(),
});

export const signer = z.enum(['person', 'guardian', 'agency_head']);
export const signatureMethod = z.enum(['drawn', 'scan', 'paper', 'electronic']);
/** A drawn signature or a scan, as a PNG, JPEG or SVG data URL. */
export const signatureImage = z
  .string()
  .max(400_000)
  .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'Send the signature as a PNG, JPEG or SVG data URL');

export const signatureRecord = z.object({
  signer,
  method: signatureMethod,
  witnessName: z.string().nullable(),
  signedByStaffId: uuid.nullable(),
  signedAt: z.iso.datetime(),
  hasImage: z.boolean(),
});
export const serviceAgreement = z.object({
  id: uuid,
  caseId: uuid,
  language: z.string(),
  title: z.string(),
  sections: z.array(agreementSection),
  guardianRequired: z.boolean(),
  guardianPersonId: uuid.nullable(),
  status: agreementStatus,
  missingSignatures: z.array(signer),
  signatures: z.array(signatureRecord),
  terminatedAt: z.iso.datetime().nullable(),
  terminationReason: z.string().nullable(),
  version: z.int(),
  may: z
    .object({ recordSignature: z.boolean(), signForAgency: z.boolean(), terminate: z.boolean() })
    .describe('What the caller may do with this agreement'),
});
export const createAgreementBody = z.strictObject({ language: localeCode.optional() });
export const signAgreementBody = z.strictObject({
  signer,
  method: signatureMethod,
  signatureImage: signatureImage.nullable().default(null),
  witnessName: z.string().trim().min(2).max(200).nullable().default(null),
  version,
});
export const terminateAgreementBody = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
  byPerson: z.boolean().default(true),
  version,
});
