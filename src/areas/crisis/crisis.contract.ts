import { z } from 'zod';
import { localeCode, uuid, version } from '../../core/common.contract.ts';

/**
 * Where a crisis was opened from: a questionnaire answer that raised the `crisis` flag (PHQ-9 item
 * 9), a journal entry, or by hand. `sourceId` names the questionnaire response or journal entry;
 * it has no foreign key, so the journal links to it when it comes.
 */
export const crisisSource = z.enum(['questionnaire', 'journal_entry', 'manual']);
export type CrisisSource = z.infer<typeof crisisSource>;

export const crisisStatus = z.enum(['open', 'closed']);
export type CrisisStatus = z.infer<typeof crisisStatus>;

/** The professional support sought in a crisis (seed 002 §4.4: 寻求专业支持). */
export const supportKind = z.enum(['emergency_services', 'psychiatric', 'police', 'child_protection', 'other']);
export type SupportKind = z.infer<typeof supportKind>;

const longText = (max: number) => z.string().trim().max(max);
/** A moment as the client's clock gave it, with its offset. */
const moment = z.iso.datetime({ offset: true });

/** What a worker records when a crisis is opened by hand or from a journal entry. */
export const openCrisisBody = z
  .strictObject({
    source: crisisSource.exclude(['questionnaire']).default('manual').describe('A questionnaire answer opens its crisis by itself'),
    sourceId: uuid.optional().describe('The journal entry the crisis was opened from'),
    occurredAt: moment.describe('When it happened'),
    whatHappened: longText(10_000).min(3),
    immediateActions: longText(10_000).default('').describe('What was done at once to keep everyone safe'),
    informed: longText(5000).default('').describe('Who was informed besides the agency head (relatives, school, …)'),
  })
  .superRefine((body, ctx) => {
    if (body.source === 'journal_entry' && !body.sourceId)
      ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'Name the journal entry the crisis was opened from' });
    if (body.source === 'manual' && body.sourceId)
      ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'A crisis opened by hand has no source record' });
  });

export const updateCrisisBody = z.strictObject({
  occurredAt: moment.optional(),
  whatHappened: longText(10_000).min(3).optional(),
  immediateActions: longText(10_000).optional(),
  informed: longText(5000).optional(),
  version,
});

export const addSupportContactBody = z.strictObject({
  kind: supportKind,
  contactedAt: moment.describe('When they were contacted'),
  contact: longText(300).default('').describe('Whom: the service, unit or person reached'),
  note: longText(2000).default('').describe('What was agreed or done'),
});

/** Closing a crisis is supervision's: the outcome, and when to follow up. */
export const closeCrisisBody = z.strictObject({
  outcome: longText(10_000).min(3),
  followUpOn: z.iso.date().describe('When the person is followed up'),
  version,
});

export const supportContact = z.object({
  id: uuid,
  kind: supportKind,
  contactedAt: z.iso.datetime(),
  contact: z.string(),
  note: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.iso.datetime(),
});

export const crisis = z.object({
  id: uuid,
  caseId: uuid,
  status: crisisStatus,
  source: crisisSource,
  sourceId: uuid.nullable(),
  occurredAt: z.iso.datetime(),
  whatHappened: z.string(),
  immediateActions: z.string(),
  informed: z.string(),
  openedAt: z.iso.datetime(),
  openedByName: z.string().nullable(),
  agencyHeadsNotified: z.int().describe('Agency heads alerted in the app when the crisis was opened'),
  agencyHeadsMailed: z.int().describe('Agency heads sent an e-mail (a link, no personal data) when it was opened'),
  supportContacts: z.array(supportContact).describe('The professional support sought, in the order contacted'),
  closedAt: z.iso.datetime().nullable(),
  closedByName: z.string().nullable(),
  outcome: z.string().nullable(),
  followUpOn: z.iso.date().nullable(),
  may: z
    .object({
      change: z.boolean().describe('Record details and support contacts (while open)'),
      close: z.boolean().describe('Close it with the outcome and a follow-up date (supervision)'),
    })
    .describe('What the caller may do with this crisis'),
  version: z.int(),
});

/** An open crisis as the case header, Today and the unit view name it. */
export const openCrisisSummary = z.object({ id: uuid, openedAt: z.iso.datetime(), source: crisisSource });

// ---- The safety plan ----------------------------------------------------------------------------

/** A person, place or service with a way to reach them. */
const reachable = z.strictObject({
  name: z.string().trim().min(1).max(300),
  phone: z.string().trim().max(50).default(''),
});

/**
 * The person's own plan for a hard moment, after the structure of Stanley and Brown's safety
 * planning intervention, in the project's words: the signs that a hard time is coming, what they
 * can do on their own, people and social places that take their mind off it, people they can ask
 * for help, professionals and services to contact, making their surroundings safe, and – if they
 * want to name it – the one thing most worth living for.
 */
export const safetyPlanContent = z.strictObject({
  warningSigns: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  copingSteps: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  distractions: z.array(reachable).max(20).default([]).describe('People and social places that help take the mind off it'),
  helpers: z.array(reachable).max(20).default([]).describe('People to ask for help'),
  professionals: z.array(reachable).max(20).default([]).describe('Professionals and services to contact, with a phone number'),
  safeSurroundings: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  reasonForLiving: z.string().trim().max(1000).default(''),
});
export type SafetyPlanContent = z.infer<typeof safetyPlanContent>;
export const safetyPlanSections = [
  'warningSigns',
  'copingSteps',
  'distractions',
  'helpers',
  'professionals',
  'safeSurroundings',
  'reasonForLiving',
] as const;
export type SafetyPlanSection = (typeof safetyPlanSections)[number];

/** A version of the case's safety plan: a draft being written with the person, signed (in force), or superseded by a later signed one. */
export const safetyPlanStatus = z.enum(['draft', 'signed', 'superseded']);
export const signatureMethod = z.enum(['on_screen', 'on_paper']);

export const createSafetyPlanBody = z.strictObject({
  language: localeCode.optional().describe("The plan's language; the person's first language by default"),
  crisisId: uuid.optional().describe('The crisis the plan is made in'),
});
export const updateSafetyPlanBody = z.strictObject({
  content: safetyPlanContent.optional(),
  language: localeCode.optional(),
  version,
});
export const signSafetyPlanBody = z.strictObject({
  signedOn: z.iso.date().describe('The day the person signed'),
  method: signatureMethod.describe('On the screen, or on the printed page'),
  version,
});

export const safetyPlan = z.object({
  id: uuid,
  caseId: uuid,
  crisisId: uuid.nullable(),
  planVersion: z.int(),
  status: safetyPlanStatus,
  language: z.string(),
  content: z.object({
    warningSigns: z.array(z.string()),
    copingSteps: z.array(z.string()),
    distractions: z.array(z.object({ name: z.string(), phone: z.string() })),
    helpers: z.array(z.object({ name: z.string(), phone: z.string() })),
    professionals: z.array(z.object({ name: z.string(), phone: z.string() })),
    safeSurroundings: z.array(z.string()),
    reasonForLiving: z.string(),
  }),
  missing: z
    .array(z.object({ section: z.enum(safetyPlanSections), code: z.string() }))
    .describe('What must still be filled in before the person can sign'),
  signedOn: z.iso.date().nullable(),
  signatureMethod: signatureMethod.nullable(),
  signedRecordedByName: z.string().nullable(),
  may: z.object({ change: z.boolean(), sign: z.boolean() }),
  version: z.int(),
});

/** The case's safety plan: the version in force (the latest signed), and a draft being written, if any. */
export const caseSafetyPlan = z.object({
  inForce: safetyPlan.nullable(),
  draft: safetyPlan.nullable(),
  may: z.object({ start: z.boolean().describe('Start a draft (none is being written)') }),
});
