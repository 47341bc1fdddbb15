import { z } from 'zod';
import { editOf, localeCode, uuid, version, withDefaults } from '../../core/common.contract.ts';
import { priority } from '../case/case.contract.ts';
import { phoneNumber } from '../person/person.contract.ts';

export const intakeDecisionKind = z.enum(['accept', 'information_only', 'refer_out', 'decline', 'reopen']);
export const referralReason = z.enum(['out_of_scope', 'out_of_region', 'other']);
/** Seed 003: whether the person seeks help actively or passively. */
export const willingness = z.enum(['active', 'passive']);

const longText = z.string().trim().max(10_000);
export const channel = z.enum(['phone', 'walk_in', 'online_form', 'letter_email', 'agency_referral', 'outreach']);
export const cameVia = z.enum(['self', 'relative', 'other_person', 'agency', 'outreach']);
export const helpSeekerKind = z.enum(['information_only', 'voluntary', 'mandated', 'potential']);
export const requestStatus = z.enum(['open', 'accepted', 'information_given', 'referred_out', 'declined']);
export const triage = z.strictObject({
  dangerToLife: z.boolean().default(false),
  childAtRisk: z.boolean().default(false),
  selfHarm: z.boolean().default(false),
});

const requestShape = {
  channel,
  cameVia,
  referringAgency: z.string().trim().max(300).nullable(),
  receivedAt: z.iso.datetime({ offset: true }),
  personId: uuid.nullable(),
  anonymousLabel: z.string().trim().max(100).nullable(),
  language: localeCode,
  ownWords: longText,
  mainProblem: longText,
  problemOrigin: longText,
  previousHelp: longText,
  afterFailedAttempt: z.boolean(),
  expectedResult: longText,
  helpSeekerKind,
  mandatingBody: z.string().trim().max(300).nullable(),
  informedOfScopeAndConfidentiality: z.boolean(),
  serviceCategory: z.string().trim().max(200).nullable(),
  region: z.string().trim().max(200).nullable(),
  triage,
  priority: priority.describe('Set by hand; otherwise suggested by screening and triage'),
};

export const createRequestBody = z
  .strictObject(
    withDefaults(requestShape, {
      cameVia: 'self',
      referringAgency: null,
      personId: null,
      anonymousLabel: null,
      language: 'en',
      ownWords: '',
      mainProblem: '',
      problemOrigin: '',
      previousHelp: '',
      afterFailedAttempt: false,
      expectedResult: '',
      helpSeekerKind: 'voluntary',
      mandatingBody: null,
      informedOfScopeAndConfidentiality: false,
      serviceCategory: null,
      region: null,
      triage: { dangerToLife: false, childAtRisk: false, selfHarm: false },
    }),
  )
  .extend({ receivedAt: requestShape.receivedAt.optional(), priority: priority.optional() });
export const updateRequestBody = editOf(requestShape);

export const screeningFinding = z.object({ code: z.string(), value: z.string().optional() });
export const screening = z.object({
  inScope: z.boolean(),
  findings: z.array(screeningFinding),
  suggestedPriority: priority,
  suggestedOutcome: z.enum(['accept', 'refer_out', 'information_only']),
  referralReason: z.enum(['out_of_scope', 'out_of_region']).optional(),
});

export const intakeRequest = z.object({
  id: uuid,
  receiptNumber: z.string(),
  channel,
  cameVia,
  referringAgency: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  receivedBy: uuid.nullable(),
  personId: uuid.nullable(),
  anonymousLabel: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  language: z.string(),
  ownWords: z.string(),
  mainProblem: z.string(),
  problemOrigin: z.string(),
  previousHelp: z.string(),
  afterFailedAttempt: z.boolean(),
  expectedResult: z.string(),
  helpSeekerKind,
  mandatingBody: z.string().nullable(),
  informedAt: z.iso.datetime().nullable(),
  serviceCategory: z.string().nullable(),
  region: z.string().nullable(),
  triage: z.object({ dangerToLife: z.boolean(), childAtRisk: z.boolean(), selfHarm: z.boolean() }),
  priority,
  firstResponseDueAt: z.iso.datetime(),
  screening: screening.nullable(),
  status: requestStatus,
  caseId: uuid.nullable(),
  openedCase: z
    .object({
      id: uuid,
      caseNumber: z.string(),
      responsibleName: z.string().describe('The responsible worker'),
      unitName: z.string(),
      may: z.object({ open: z.boolean().describe("Whether the case is within the caller's reach") }),
    })
    .nullable()
    .describe('The case the request was accepted into: who holds it, and whether the caller may open it'),
  version: z.int(),
});

export const requestQueueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  status: requestStatus.default('open'),
});

export const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('accept'),
    unitId: uuid,
    responsibleStaffId: uuid,
    teamStaffIds: z.array(uuid).max(20).default([]),
    version,
  }),
  z.strictObject({ decision: z.literal('information_only'), informationGiven: z.string().trim().min(1).max(10_000), version }),
  z.strictObject({
    decision: z.literal('refer_out'),
    directoryId: uuid.nullable().default(null).describe('An entry of the referral directory of its own (`source: directory`)'),
    partnerOrganisationId: uuid.nullable().default(null).describe("One of the agency's partner organisations (`source: partner`)"),
    organisationName: z.string().trim().max(300).nullable().default(null),
    organisationContact: z.string().trim().max(500).nullable().default(null),
    reason: referralReason,
    reasonText: z.string().trim().max(2000).default(''),
    letterLanguage: localeCode.optional(),
    followUpInDays: z.int().min(1).max(90).default(7),
    version,
  }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().min(3).max(2000), version }),
  z.strictObject({ decision: z.literal('reopen'), reason: z.string().trim().min(3).max(2000), version }),
]);

export const intakeDecision = z.object({
  id: uuid,
  decision: intakeDecisionKind,
  reason: z.string(),
  informationGiven: z.string().nullable(),
  decidedBy: uuid,
  decidedByName: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});

export const referralOut = z.object({
  id: uuid,
  requestId: uuid,
  directoryId: uuid.nullable(),
  partnerOrganisationId: uuid.nullable(),
  organisationName: z.string(),
  organisationContact: z.string().nullable(),
  reason: referralReason,
  reasonText: z.string(),
  letterLanguage: z.string(),
  followUpDueAt: z.iso.datetime(),
  arrivalConfirmedAt: z.iso.datetime().nullable(),
  arrivalNote: z.string().nullable(),
});
export const confirmArrivalBody = z.strictObject({ arrived: z.boolean(), note: z.string().trim().max(2000).default('') });

const interviewShape = {
  purpose: longText,
  course: longText,
  evaluation: longText,
  suggestions: longText,
  willingness: willingness.nullable(),
  willingnessNote: longText,
  problemAndExpectation: longText,
  earlierHelp: longText,
  resourcesFit: longText,
  requirementsFit: longText,
};
export const interviewBody = z.strictObject(
  withDefaults(interviewShape, {
    purpose: '',
    course: '',
    evaluation: '',
    suggestions: '',
    willingness: null,
    willingnessNote: '',
    problemAndExpectation: '',
    earlierHelp: '',
    resourcesFit: '',
    requirementsFit: '',
  }),
);
export const interview = z.object({
  ...interviewShape,
  id: uuid,
  requestId: uuid,
  heldAt: z.iso.datetime(),
  authorId: uuid,
  version: z.int(),
});
export const updateInterviewBody = editOf(interviewShape);

export const directoryEntry = z.object({
  id: uuid,
  source: z
    .enum(['directory', 'partner'])
    .describe("An entry of the referral directory, or one of the agency's partner organisations (/admin/partners)"),
  name: z.string(),
  services: z.array(z.string()),
  regions: z.array(z.string()),
  contactPerson: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  version: z.int(),
});
export const directoryQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export const createDirectoryEntryBody = z.strictObject({
  name: z.string().trim().min(1).max(300),
  services: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  regions: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  phone: z.string().trim().max(50).nullable().default(null),
  email: z.string().trim().max(254).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
});

/** The public online form: no sign-in, a receipt number back and nothing else. */
export const publicRequestBody = z.strictObject({
  agencyId: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .default(1)
    .describe("The agency the request is for: the one whose link opened the form (`?agency=`), else the installation's first"),
  language: localeCode.default('en'),
  name: z.string().trim().max(200).default(''),
  phone: phoneNumber.nullable().default(null),
  email: z.string().trim().max(254).pipe(z.email()).nullable().default(null),
  region: z.string().trim().max(200).nullable().default(null),
  ownWords: z.string().trim().min(1).max(5000),
  immediateDanger: z.boolean().default(false),
  /** Left empty by people; filled by bots that fill every field. */
  website: z.string().max(500).default(''),
});
export const publicReceipt = z.object({ receiptNumber: z.string() });
