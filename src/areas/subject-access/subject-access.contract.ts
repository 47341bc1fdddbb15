import { z } from 'zod';
import { localeCode, uuid } from '../../core/common.contract.ts';

/**
 * A copy of everything the agency holds on a person (GDPR art. 15): asked for by staff on the
 * person's behalf, made in the background, downloaded as a ZIP with a readable PDF and the same
 * content as JSON, and kept for a few days only.
 */
export const subjectAccessStatus = z.enum(['queued', 'running', 'ready', 'failed']);
export type SubjectAccessStatus = z.infer<typeof subjectAccessStatus>;

/** Days a finished copy stays downloadable before its file is deleted (the record of it stays). */
export const SUBJECT_ACCESS_KEEP_DAYS = 7;

export const subjectAccessRequest = z.strictObject({
  language: localeCode.optional().describe("The readable copy's language: the person's first language by default"),
  note: z.string().trim().max(500).default('').describe('How the person asked, e.g. "Letter received 2 December"'),
});

export const subjectAccessExport = z.object({
  id: uuid,
  personId: uuid,
  status: subjectAccessStatus,
  language: z.string(),
  note: z.string(),
  requestedBy: z.object({ id: uuid, name: z.string() }),
  requestedAt: z.iso.datetime(),
  progress: z.object({
    done: z.int().describe('Parts of the copy gathered so far'),
    total: z.int().describe('Parts in all; 0 until the work starts'),
    step: z.string().nullable().describe('The part being gathered, e.g. "journal_entries"'),
  }),
  finishedAt: z.iso.datetime().nullable(),
  fileBytes: z.int().nullable().describe('Size of the ZIP, once ready'),
  available: z.boolean().describe('Ready and not yet past its days: the ZIP can be downloaded'),
  expiresAt: z.iso.datetime().nullable(),
  failure: z.string().nullable().describe('Why it could not be made'),
});
export type SubjectAccessExport = z.infer<typeof subjectAccessExport>;

export const subjectAccessExports = z.object({ items: z.array(subjectAccessExport) });
