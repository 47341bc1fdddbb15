import { z } from 'zod';
import { localeCode, pastDate, uuid, version } from '../../core/common.contract.ts';
import { richText } from '../journal/rich-text.rules.ts';

/**
 * What a success story (seed 004: "kept for some clients, in free form") may be used for, each
 * only with the person's own consent to that use: learning inside the agency, anonymised in
 * reports, published.
 */
export const storyUse = z.enum(['internal_learning', 'anonymised_reports', 'published']);
export type StoryUse = z.infer<typeof storyUse>;

/** A consent event: consent given to a use, or withdrawn. */
export const consentEventKind = z.enum(['given', 'withdrawn']);
/** How the person said it. */
export const consentMethod = z.enum(['signed_form', 'in_person', 'by_phone', 'in_writing']);
/** Who said it: the person, or their guardian for them. */
export const consentGivenBy = z.enum(['person', 'guardian']);

/** What the anonymiser found: the person's names, a relative's name, a place, contact details, a date. */
export const identifierKind = z.enum(['person_name', 'relative_name', 'place', 'contact', 'date']);
/** Dates in the anonymised copy: the month and year only, or how long before the story was written. */
export const dateHandling = z.enum(['month_year', 'relative']);

const title = z.string().trim().min(2).max(200);

export const createStoryBody = z.strictObject({
  title,
  text: richText.default({ type: 'doc', content: [] }),
  language: localeCode.optional().describe("The language it is written in; the agency's first language by default"),
});

export const updateStoryBody = z.strictObject({ title: title.optional(), text: richText.optional(), version });

export const recordConsentBody = z.strictObject({
  use: storyUse,
  kind: consentEventKind,
  on: pastDate.describe('The day the person gave or withdrew it'),
  method: consentMethod,
  givenBy: consentGivenBy.default('person'),
  note: z.string().trim().max(1000).default(''),
});

export const anonymiseBody = z.strictObject({
  version,
  dates: dateHandling.default('month_year'),
  keep: z
    .array(z.string().min(1).max(300))
    .max(200)
    .default([])
    .describe('Ids of proposed replacements to leave out: the words stay as they are'),
});

export const updateAnonymisedBody = z.strictObject({ title: title.optional(), text: richText.optional(), version });
export const approveAnonymisedBody = z.strictObject({
  version,
  acceptRemaining: z
    .boolean()
    .default(false)
    .describe('The reviewer read what the copy still names (`remaining`) and finds it tells no one who the person is'),
});

export const recordUseBody = z.strictObject({
  use: storyUse,
  purpose: z.string().trim().min(3).max(500).describe('Where or how it is used: the annual report 2027, a training day'),
});

export const proposal = z.object({
  id: z.string().describe('Stable for the same words of the same kind: pass it in `keep` to leave them'),
  kind: identifierKind,
  original: z.string(),
  replacement: z.string(),
  count: z.int(),
  applied: z.boolean().describe('False where the words were kept as they are'),
});
export type Proposal = z.infer<typeof proposal>;

export const consentEvent = z.object({
  use: storyUse,
  kind: consentEventKind,
  on: z.iso.date(),
  method: consentMethod,
  givenBy: consentGivenBy,
  note: z.string(),
  recordedAt: z.iso.datetime(),
  recordedByName: z.string(),
});

export const anonymisedCopy = z.object({
  title: z.string(),
  text: richText,
  dates: dateHandling,
  proposals: z.array(proposal).describe('What the anonymiser found and replaced (or was told to keep)'),
  remaining: z.array(proposal).describe('Names, places and dates of the person still found in the copy as it is now'),
  madeAt: z.iso.datetime(),
  madeByName: z.string(),
  editedByName: z.string().nullable().describe('Who last changed the copy by hand'),
  outdated: z.boolean().describe('The story was changed after the copy was made: make it again'),
  approval: z
    .object({ approvedAt: z.iso.datetime(), approvedByName: z.string() })
    .nullable()
    .describe('The review of this copy as it is now; null until approved, and again after any change'),
});

export const successStory = z.object({
  id: uuid,
  caseId: uuid,
  language: localeCode,
  title: z.string(),
  text: richText,
  authorName: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  anonymised: anonymisedCopy.nullable(),
  consents: z
    .array(z.object({ use: storyUse, inForce: z.boolean(), events: z.array(consentEvent) }))
    .describe('Each use, whether consent to it is in force now (worked out from the events), and the events, oldest first'),
  uses: z
    .array(z.object({ use: storyUse, allowed: z.boolean(), missing: z.array(z.enum(['consent', 'approved_copy'])) }))
    .describe('Whether each use is allowed now, and what it still lacks'),
  usesRecorded: z.array(z.object({ use: storyUse, purpose: z.string(), recordedAt: z.iso.datetime(), recordedByName: z.string() })),
  may: z.object({
    change: z.boolean(),
    recordConsent: z.boolean(),
    anonymise: z.boolean(),
    review: z.boolean().describe('Edit and approve the anonymised copy: supervision, never one who wrote the story'),
    recordUse: z.boolean(),
  }),
  version: z.int(),
});
export type SuccessStory = z.infer<typeof successStory>;

export const storyUseRecord = z.object({
  use: storyUse,
  purpose: z.string(),
  title: z.string(),
  text: richText.describe('What may be used: the story itself for internal learning, the approved anonymised copy otherwise'),
  recordedAt: z.iso.datetime(),
});
