import { z } from 'zod';
import { localeCode, pastDate, uuid } from '../../core/common.contract.ts';
import { richText } from '../journal/rich-text.rules.ts';
import { languageTag } from '../person/person.contract.ts';

/**
 * The parts of a life story (seed 001's levnadsberättelse), in the order they are written and
 * printed: where the person comes from, who matters to them, what they did, what they like, what
 * they keep and believe, what they value, what matters to them now, and how they want to be helped.
 */
export const lifeStorySection = z.enum([
  'upbringing',
  'relationships',
  'work_and_education',
  'interests',
  'traditions_and_faith',
  'values',
  'what_matters',
  'how_to_help',
]);
export type LifeStorySection = z.infer<typeof lifeStorySection>;

/** Every section's text; an empty section is an empty document. */
export const lifeStorySections = z.strictObject({
  upbringing: richText,
  relationships: richText,
  work_and_education: richText,
  interests: richText,
  traditions_and_faith: richText,
  values: richText,
  what_matters: richText,
  how_to_help: richText,
});
export type LifeStorySections = z.infer<typeof lifeStorySections>;

/** How the person confirmed that a version is their story as they want it told. */
export const confirmationMethod = z.enum(['read_together', 'read_by_person', 'read_with_interpreter', 'signed_on_paper']);

/**
 * The draft's change (autosave): the sections typed so far and the language, at the version the
 * client saw – 0 while the person has no life story yet.
 */
export const saveLifeStoryDraftBody = z.strictObject({
  language: languageTag.optional().describe("The language the story is written in; the person's first language by default"),
  sections: lifeStorySections.partial().optional().describe('The sections changed; the others stay as they are'),
  version: z.int().min(0).describe('Version of the life story the client last saw; 0 when there is none yet; a stale version gives 409'),
});

/** Keeping the draft as it stands as a new version: what was written with the person that day. */
export const keepLifeStoryVersionBody = z.strictObject({
  version: z.int().min(1).describe('Version of the life story (its draft) the client last saw; a stale version gives 409'),
  note: z.string().trim().max(500).default('').describe('What this version adds or changes, in a few words'),
});

export const confirmLifeStoryVersionBody = z
  .strictObject({
    confirmedOn: pastDate.describe('The day the person confirmed it'),
    method: confirmationMethod,
    interpreterName: z.string().trim().min(2).max(200).nullable().default(null),
    note: z.string().trim().max(1000).default(''),
  })
  .superRefine((body, ctx) => {
    if (body.method === 'read_with_interpreter' && !body.interpreterName)
      ctx.addIssue({ code: 'custom', path: ['interpreterName'], message: 'Name the interpreter' });
  });

export const lifeStoryPrintQuery = z.strictObject({
  versionId: uuid.optional().describe('The version to print; the newest by default (the draft while there is none)'),
  language: localeCode.optional().describe("The page's language; the story's own language by default"),
});

export const lifeStoryConfirmation = z.object({
  confirmedOn: z.iso.date(),
  method: confirmationMethod,
  interpreterName: z.string().nullable(),
  note: z.string(),
  recordedByName: z.string(),
  recordedAt: z.iso.datetime(),
});

export const lifeStoryVersionSummary = z.object({
  id: uuid,
  number: z.int().describe('1 for the first version kept, and so on'),
  language: z.string(),
  note: z.string(),
  savedAt: z.iso.datetime(),
  savedByName: z.string(),
  confirmation: lifeStoryConfirmation.nullable().describe("The person's confirmation that this is their story as they want it told"),
  may: z.object({ confirm: z.boolean() }),
});

export const lifeStoryVersion = lifeStoryVersionSummary.extend({ personId: uuid, sections: lifeStorySections });
export type LifeStoryVersion = z.infer<typeof lifeStoryVersion>;

export const lifeStory = z.object({
  personId: uuid,
  id: uuid.nullable().describe('Null until the first words are saved'),
  language: z.string(),
  sections: lifeStorySections.describe('The draft: what is being written, autosaved'),
  draftChangedAt: z.iso.datetime().nullable(),
  draftChangedByName: z.string().nullable(),
  changedSinceVersion: z.boolean().describe('The draft differs from the newest version kept (or there is none)'),
  versions: z.array(lifeStoryVersionSummary).describe('Every version kept, newest first'),
  may: z.object({ write: z.boolean(), keepVersion: z.boolean() }),
  version: z.int().describe('0 while there is no life story yet'),
});
export type LifeStory = z.infer<typeof lifeStory>;
