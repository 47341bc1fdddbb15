import { z } from 'zod';
import { localeCode, uuid, version } from '../../core/common.contract.ts';

/** A draft is sent for signature by someone who may prepare it but not sign it; a change sends it back to draft. */
export const decisionStatus = z.enum(['draft', 'awaiting_signature', 'signed']);

export const decisionOutcome = z.enum(['granted', 'partly_granted', 'refused']);

/** The decision on one requested service: what, the outcome, on what basis and why, and for how long. */
export const decisionItem = z
  .strictObject({
    service: z.string().trim().min(2).max(300),
    outcome: decisionOutcome,
    /** What was granted when only part of the request was. */
    grantedScope: z.string().trim().max(2000).default(''),
    basis: z.string().trim().min(2).max(2000).describe('The legal or policy basis'),
    justification: z.string().trim().min(2).max(20_000),
    validFrom: z.iso.date().nullable().default(null),
    validTo: z.iso.date().nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.outcome !== 'refused' && !item.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'A granted service needs the date it is valid from' });
    if (item.outcome === 'partly_granted' && !item.grantedScope)
      ctx.addIssue({ code: 'custom', path: ['grantedScope'], message: 'Say what part of the request is granted' });
    if (item.validFrom && item.validTo && item.validTo < item.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The end of validity must not be before its start' });
  });
export type DecisionItem = z.infer<typeof decisionItem>;

export const createDecisionBody = z.strictObject({
  items: z.array(decisionItem).min(1).max(30),
  language: localeCode.optional().describe("The letter's language; the person's first language by default"),
  appealInstructions: z
    .string()
    .trim()
    .min(10)
    .max(5000)
    .optional()
    .describe('How to appeal; a standard text in the letter language by default'),
  supersedesId: uuid.optional().describe('The signed decision this one changes'),
});
export const updateDecisionBody = z.strictObject({
  items: z.array(decisionItem).min(1).max(30).optional(),
  language: localeCode.optional(),
  appealInstructions: z.string().trim().min(10).max(5000).optional(),
  version,
});
export const signDecisionBody = z.strictObject({ version });
export const sendDecisionForSignatureBody = z.strictObject({ version });

export const decision = z.object({
  id: uuid,
  caseId: uuid,
  status: decisionStatus,
  supersedesId: uuid.nullable(),
  supersededById: uuid.nullable(),
  language: z.string(),
  appealInstructions: z.string(),
  items: z.array(
    z.object({
      service: z.string(),
      outcome: decisionOutcome,
      grantedScope: z.string(),
      basis: z.string(),
      justification: z.string(),
      validFrom: z.iso.date().nullable(),
      validTo: z.iso.date().nullable(),
    }),
  ),
  createdBy: uuid,
  decidedBy: uuid.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  may: z
    .object({
      change: z.boolean(),
      sign: z.boolean().describe('The caller has decision authority at this agency, and the decision is not signed yet'),
      sendForSignature: z
        .boolean()
        .describe('The caller may prepare the draft but not sign it: mark it awaiting signature and alert those who may'),
      replace: z.boolean().describe('Make a new decision that replaces this signed one'),
    })
    .describe('What the caller may do with this decision'),
  version: z.int(),
});
