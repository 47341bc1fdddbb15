import { z } from 'zod';
import { localeCode, uuid, version } from '../../core/common.contract.ts';

/*
 * A cooperation agreement (seed 004's «Соглашение о сотрудничестве»): what binds the agency and a
 * partner organisation in the partner network – the subject and each party's obligations, how joint
 * work is coordinated, shared property, withdrawal, the term with its end and renewal, disputes and
 * final provisions – signed by both parties.
 */

/** The agreement's sections of text, in the order the document prints them. */
export const cooperationSection = z.enum([
  'subject',
  'obligations',
  'coordination',
  'sharedProperty',
  'withdrawal',
  'termAndChanges',
  'disputes',
  'finalProvisions',
]);
export type CooperationSection = z.infer<typeof cooperationSection>;

const sectionText = z.string().trim().max(20_000);
export const cooperationSections = z.strictObject(
  Object.fromEntries(cooperationSection.options.map((s) => [s, sectionText])) as Record<CooperationSection, typeof sectionText>,
);
export type CooperationSections = z.infer<typeof cooperationSections>;

/** How the agreement goes on past its end: it does not, it renews itself for a year at a time, or the parties sign a new one. */
export const renewal = z.enum(['none', 'yearly', 'new_agreement']);
export type Renewal = z.infer<typeof renewal>;

export const cooperationParty = z.enum(['agency', 'partner']);

/** Where an agreement stands, worked out from its signatures, dates and end – never stored. */
export const cooperationState = z.enum(['draft', 'awaiting_signature', 'not_yet_in_force', 'in_force', 'expiring', 'expired', 'ended']);
export type CooperationState = z.infer<typeof cooperationState>;

const term = {
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable().default(null).describe('The last day; null: until one party withdraws'),
  renewal: renewal.default('none'),
};

export const createCooperationBody = z
  .strictObject({
    ...term,
    language: localeCode.default('en').describe("The template's language the text starts from"),
    sections: cooperationSections.partial().optional().describe("Omit to start from the agency's template"),
  })
  .refine((b) => !b.endsOn || b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'The agreement must not end before it starts' });

export const updateCooperationBody = z
  .strictObject({
    startsOn: z.iso.date().optional(),
    endsOn: z.iso.date().nullable().optional(),
    renewal: renewal.optional(),
    sections: cooperationSections.partial().optional(),
    version,
  })
  .refine((b) => !b.endsOn || !b.startsOn || b.endsOn >= b.startsOn, {
    path: ['endsOn'],
    message: 'The agreement must not end before it starts',
  });

export const signCooperationBody = z.strictObject({
  party: cooperationParty,
  signatoryName: z.string().trim().min(1).max(200).describe('Who signed for the party'),
  signatoryTitle: z.string().trim().max(200).default(''),
  signedOn: z.iso.date(),
  version,
});

export const endCooperationBody = z.strictObject({
  endedOn: z.iso.date(),
  reason: z.string().trim().min(3).max(2000).describe('Why it ended: a party withdrew, or the parties agreed'),
  version,
});

export const cooperationSignature = z.object({
  party: cooperationParty,
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  signedOn: z.iso.date(),
});

export const cooperationAgreement = z.object({
  id: uuid,
  partnerOrganisationId: uuid,
  partnerName: z.string(),
  language: localeCode,
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
  renewal,
  runsUntil: z.iso.date().nullable().describe('The last day as it stands today, renewals counted'),
  sections: cooperationSections,
  signatures: z.array(cooperationSignature),
  endedOn: z.iso.date().nullable(),
  endReason: z.string().nullable(),
  state: cooperationState,
  may: z.object({ edit: z.boolean(), sign: z.boolean(), end: z.boolean() }),
  version: z.int(),
});
export type CooperationAgreement = z.infer<typeof cooperationAgreement>;
export const cooperationAgreementList = z.object({ items: z.array(cooperationAgreement) });

export const cooperationTemplate = z.object({
  language: localeCode,
  sections: cooperationSections,
  /** Null while the agency uses the shipped text. */
  version: z.int().nullable(),
});
export const putCooperationTemplateBody = z.strictObject({ sections: cooperationSections, version: z.int().min(1).optional() });
export const templateParams = z.strictObject({ language: localeCode });
