import { z } from 'zod';
import { localeCode, page, pageQuery, uuid, version } from '../../core/common.contract.ts';
import { richText } from './rich-text.rules.ts';

/** The kinds every agency starts with (seed 001's journal notes); an agency may switch some off and add its own. */
export const builtInEntryKind = z.enum([
  'meeting',
  'phone_call',
  'home_visit',
  'message',
  'decision',
  'action',
  'follow_up',
  'supervision',
  'information_received',
]);
export type BuiltInEntryKind = z.infer<typeof builtInEntryKind>;

/** A kind's code: a built-in one, or an agency's own (`own_…`). */
export const entryKindCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use 2–40 lower-case letters, digits or _');

/** One kind of entry an agency uses; its own kinds carry the label staff see (built-in ones are translated). */
export const entryKind = z.strictObject({
  code: entryKindCode,
  label: z.string().trim().min(1).max(100).nullable().default(null),
  active: z.boolean().default(true),
  /** As the agency's settings give it back; whether a kind is built in follows from its code, so this is ignored. */
  builtIn: z.boolean().optional(),
});
export type EntryKind = z.infer<typeof entryKind>;

export const entryStatus = z.enum(['draft', 'signed']);

/**
 * Who may read an entry besides its author: `normal` – everyone who reaches the case; `restricted`
 * – the responsible worker and supervisors only; `sensitive` – those working with the person
 * (responsible worker, case team, supervisors), for health, substance use or criminal history.
 */
export const confidentiality = z.enum(['normal', 'restricted', 'sensitive']);
export const sensitiveCategory = z.enum(['health', 'substance_use', 'criminal_history']);

export const participantKind = z.enum(['person', 'relative', 'staff', 'partner', 'other']);
export const participant = z
  .strictObject({
    kind: participantKind,
    /** A relative or other in the registry, a staff member, or a partner organisation. */
    refId: uuid.nullable().default(null),
    name: z.string().trim().max(200).default(''),
  })
  .superRefine((p, ctx) => {
    if (p.kind !== 'person' && !p.refId && !p.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name who took part, or choose them from the list' });
  });
export type Participant = z.infer<typeof participant>;

/** A step of the active plan the entry completes when it is signed, with the step's result. */
export const stepCompletion = z.strictObject({ stepId: uuid, result: z.string().trim().min(1).max(5000) });

const contentFields = {
  kind: entryKindCode,
  occurredOn: z.iso.date().describe("The day it happened, in the agency's time zone"),
  occurredTime: z.iso
    .time({ precision: -1 })
    .nullable()
    .describe("The time it happened (HH:MM, agency's time zone); null when only the day is known"),
  informationFrom: z.string().trim().max(300).describe('From whom information was received'),
  participants: z.array(participant).max(50),
  text: richText,
  goalIds: z.array(uuid).max(50).describe("The plan's goals the entry concerns"),
  stepIds: z.array(uuid).max(50).describe("The plan's steps the entry concerns"),
  needIds: z.array(uuid).max(50).describe("The assessment's needs the entry concerns"),
  completesSteps: z.array(stepCompletion).max(20).describe('Steps signing the entry records as done, with their result'),
  confidentiality,
  sensitiveCategory: sensitiveCategory.nullable(),
};

function refineContent(
  entry: { kind?: string; informationFrom?: string; confidentiality?: string; sensitiveCategory?: string | null },
  ctx: z.RefinementCtx,
) {
  if (entry.confidentiality === 'sensitive' && !entry.sensitiveCategory)
    ctx.addIssue({ code: 'custom', path: ['sensitiveCategory'], message: 'Say what kind of sensitive information this is' });
  if (entry.confidentiality !== undefined && entry.confidentiality !== 'sensitive' && entry.sensitiveCategory)
    ctx.addIssue({ code: 'custom', path: ['sensitiveCategory'], message: 'Only a sensitive entry has a sensitive category' });
}

export const createEntryBody = z
  .strictObject({
    ...contentFields,
    occurredTime: contentFields.occurredTime.default(null),
    informationFrom: contentFields.informationFrom.default(''),
    participants: contentFields.participants.default([]),
    text: richText.default({ type: 'doc', content: [] }),
    goalIds: contentFields.goalIds.default([]),
    stepIds: contentFields.stepIds.default([]),
    needIds: contentFields.needIds.default([]),
    completesSteps: contentFields.completesSteps.default([]),
    confidentiality: confidentiality.default('normal'),
    sensitiveCategory: sensitiveCategory.nullable().default(null),
  })
  .superRefine(refineContent);

/** A draft's change (autosave): any fields, at the version the client saw. */
export const updateEntryBody = z
  .strictObject({
    kind: contentFields.kind.optional(),
    occurredOn: contentFields.occurredOn.optional(),
    occurredTime: contentFields.occurredTime.optional(),
    informationFrom: contentFields.informationFrom.optional(),
    participants: contentFields.participants.optional(),
    text: richText.optional(),
    goalIds: contentFields.goalIds.optional(),
    stepIds: contentFields.stepIds.optional(),
    needIds: contentFields.needIds.optional(),
    completesSteps: contentFields.completesSteps.optional(),
    confidentiality: confidentiality.optional(),
    sensitiveCategory: sensitiveCategory.nullable().optional(),
    version,
  })
  .superRefine(refineContent);

export const signEntryBody = z.strictObject({ version });
export const attachQuery = z.strictObject({ name: z.string().trim().min(1).max(500).describe("The file's name as the user chose it") });
export const attachment = z.object({ id: uuid, fileName: z.string(), mediaType: z.string(), size: z.int() });

export const discardEntryBody = z.strictObject({ version });

/** A correction starts as a draft copy of the entry it corrects, with the reason; signing it strikes the original through. */
export const correctEntryBody = z.strictObject({ reason: z.string().trim().min(3).max(1000) });

export const journalQuery = pageQuery.extend({
  kind: entryKindCode.optional(),
  authorId: uuid.optional(),
  from: z.iso.date().optional().describe('Entries that happened on or after this day'),
  to: z.iso.date().optional().describe('Entries that happened on or before this day'),
  goalId: uuid.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Words of the text, in any of the agency languages; names in any script'),
  drafts: z.enum(['include', 'only', 'exclude']).default('include').describe("The caller's own drafts"),
});
export type JournalQuery = z.infer<typeof journalQuery>;

export const journalPrintQuery = journalQuery
  .omit({ limit: true, cursor: true, drafts: true })
  .extend({ language: localeCode.optional().describe("The page's language; the person's first language by default") });

export const journalEntry = z.object({
  id: uuid,
  caseId: uuid,
  status: entryStatus,
  kind: z.string(),
  occurredOn: z.iso.date(),
  occurredTime: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  writtenAt: z.iso.datetime().describe('When the entry was begun'),
  informationFrom: z.string(),
  participants: z.array(z.object({ kind: participantKind, refId: uuid.nullable(), name: z.string() })),
  text: richText,
  goalIds: z.array(uuid),
  stepIds: z.array(uuid),
  needIds: z.array(uuid),
  completesSteps: z.array(z.object({ stepId: uuid, result: z.string() })),
  confidentiality,
  sensitiveCategory: sensitiveCategory.nullable(),
  authorId: uuid,
  authorName: z.string(),
  signedAt: z.iso.datetime().nullable(),
  signedLate: z.boolean().describe('Signed more than the agency allows after it happened'),
  corrects: z.object({ id: uuid, reason: z.string() }).nullable().describe('The entry this one corrects, and why'),
  correctedBy: uuid.nullable().describe('The signed entry that corrects this one: show this one struck through'),
  contactId: uuid.nullable().describe('The planned contact whose holding began this entry'),
  attachments: z.array(z.object({ id: uuid, fileName: z.string(), mediaType: z.string(), size: z.int() })),
  may: z.object({ change: z.boolean(), sign: z.boolean(), discard: z.boolean(), correct: z.boolean() }),
  withheld: z
    .boolean()
    .describe(
      'A sensitive entry in a list or a search: its text, source and files come only when the entry itself is opened, and each opening is audited',
    ),
  version: z.int(),
});
export type JournalEntry = z.infer<typeof journalEntry>;

export const journalPage = page(journalEntry);

/** The agency's kinds of entry, in order: each code once, its own kinds named, at least one in use. */
export const entryKindList = z
  .array(entryKind.transform(({ builtIn: _builtIn, ...kind }) => kind))
  .min(1)
  .max(40)
  .superRefine((kinds, ctx) => {
    const seen = new Set<string>();
    kinds.forEach((kind, i) => {
      if (seen.has(kind.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'Each kind once' });
      seen.add(kind.code);
      if (!builtInEntryKind.safeParse(kind.code).success && !kind.label)
        ctx.addIssue({ code: 'custom', path: [i, 'label'], message: 'Name your own kind' });
    });
    if (!kinds.some((k) => k.active)) ctx.addIssue({ code: 'custom', message: 'Keep at least one kind in use' });
  });

export const agencyEntryKind = z.object({ code: z.string(), label: z.string().nullable(), active: z.boolean(), builtIn: z.boolean() });
