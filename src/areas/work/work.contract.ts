import { z } from 'zod';
import { uuid } from '../../core/common.contract.ts';
import { caseAgreementStatus } from '../agreement/agreement.contract.ts';
import { assessmentSummary } from '../assessment/assessment.contract.ts';
import { caseRecord, caseStage, priority } from '../case/case.contract.ts';
import { consentKind } from '../consent/consent.contract.ts';
import { CONSENT_ENDING_NOTICE_DAYS } from '../consent/consent.rules.ts';
import { contactKind, placeKind } from '../contact/contact.contract.ts';
import { crisisSource, openCrisisSummary } from '../crisis/crisis.contract.ts';
import { channel } from '../intake/intake.contract.ts';
import { nameForms } from '../person/person.contract.ts';
import { planInForce, planStepProgress } from '../plan/plan.contract.ts';
import { NEW_ASSIGNMENT_DAYS } from './caseload.rules.ts';

export const draftKeyParams = z.strictObject({
  key: z.string().regex(/^[a-z0-9:_-]{1,100}$/, 'Use lower-case letters, digits, colon, dash or underscore'),
});
const listLimit = { limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(200).optional() };
/** A search shows a screenful; more on request. */
export const SEARCH_PAGE_SIZE = 20;
const dated = z.object({ id: uuid, dueAt: z.iso.datetime(), overdue: z.boolean() });

/** Overdue and due-today deadlines and urgent work, within the caller's reach. */
export const today = z.object({
  requests: z.array(dated.extend({ receiptNumber: z.string(), priority })),
  referralFollowUps: z.array(dated.extend({ requestId: uuid, receiptNumber: z.string(), organisationName: z.string() })),
  urgentCases: z.array(
    z.object({
      id: uuid,
      caseNumber: z.string(),
      stage: caseStage,
      priority,
      crisisRaisedAt: z.iso.datetime().nullable(),
      crisis: openCrisisSummary.nullable().describe('The open crisis, until it is closed'),
      openedAt: z.iso.datetime(),
    }),
  ),
  steps: z.array(
    z.object({ caseId: uuid, caseNumber: z.string(), stepId: uuid, what: z.string(), dueDate: z.iso.date(), overdue: z.boolean() }),
  ),
  planReviews: z.array(z.object({ planId: uuid, caseId: uuid, caseNumber: z.string(), reviewDate: z.iso.date(), overdue: z.boolean() })),
  newCases: z
    .array(z.object({ id: uuid, caseNumber: z.string(), stage: caseStage, priority, assignedAt: z.iso.datetime() }))
    .describe(`Open cases someone else gave the caller as responsible worker in the last ${NEW_ASSIGNMENT_DAYS} days, newest first`),
  journalDrafts: z
    .array(
      z.object({
        id: uuid,
        caseId: uuid,
        caseNumber: z.string(),
        kind: z.string(),
        occurredOn: z.iso.date(),
        updatedAt: z.iso.datetime(),
        late: z.boolean().describe('Left unsigned longer than the agency allows, or past the days after which signing counts as late'),
      }),
    )
    .describe("The caller's own journal drafts still to sign, oldest change first"),
  contacts: z
    .array(
      z.object({
        id: uuid,
        caseId: uuid,
        caseNumber: z.string(),
        kind: contactKind,
        plannedOn: z.iso.date(),
        plannedTime: z.string().nullable(),
        placeKind,
        overdue: z.boolean().describe('Planned for an earlier day and not yet recorded held, missed or cancelled'),
      }),
    )
    .describe("The caller's planned contacts of today (they take part), and earlier ones never recorded"),
  contactFollowUps: z
    .array(
      z.object({
        contactId: uuid,
        caseId: uuid,
        caseNumber: z.string(),
        followUp: z.string(),
        followUpOn: z.iso.date(),
        overdue: z.boolean(),
      }),
    )
    .describe('No-show follow-ups due by today and not done: those the caller recorded, and those on cases they are responsible for'),
  consentsEnding: z
    .array(
      z.object({
        id: uuid,
        personId: uuid,
        caseId: uuid,
        caseNumber: z.string(),
        kind: consentKind,
        validTo: z.iso.date(),
      }),
    )
    .describe(
      `Consents in force that end within ${CONSENT_ENDING_NOTICE_DAYS} days, of the people whose cases the caller is responsible for`,
    ),
  holdsCases: z
    .boolean()
    .describe("Whether the caller may be a case's responsible worker: their own casework (steps, reviews, new cases) is for them"),
});

export const caseloadQuery = z.strictObject({ stage: caseStage.optional(), priority: priority.optional(), ...listLimit });
export const caseload = z.object({
  items: z.array(
    z.object({
      id: uuid,
      caseNumber: z.string(),
      personId: uuid,
      personName: z.string(),
      stage: caseStage,
      priority,
      responsible: z.boolean(),
      openedAt: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** The supervisor's overview of their unit: counts, and the open crises by case number – no one's name. */
export const unitOverview = z.object({
  unitId: uuid.nullable(),
  byWorker: z
    .array(
      z.object({
        staffId: uuid,
        name: z.string(),
        openCases: z.int(),
        urgentCases: z.int().describe('Open cases that are urgent or carry a crisis flag'),
        overdueSteps: z.int().describe('Open steps of their cases past their due date'),
        overloaded: z.boolean().describe('More open cases than the caseload limit'),
        staleDrafts: z.int().describe('Journal drafts left unsigned longer than the agency allows'),
      }),
    )
    .describe('The most loaded worker first'),
  caseloadLimit: z.int().describe('Open cases per worker above which a worker is overloaded'),
  draftReminderDays: z.int().describe('Days after which an unsigned journal draft counts as left'),
  openCrises: z
    .array(
      z.object({
        id: uuid,
        caseId: uuid,
        caseNumber: z.string(),
        openedAt: z.iso.datetime(),
        source: crisisSource,
        responsibleName: z.string(),
      }),
    )
    .describe("The crises open on the unit's cases, oldest first: the case number and its worker, no one's name"),
  byStage: z.array(z.object({ stage: caseStage, count: z.int() })),
  openRequests: z.int(),
  overdueRequests: z.int(),
});

/** The agency's figures of the calendar month so far, in its time zone: counts only, no personal data. */
export const keyFigures = z.object({
  month: z.object({ from: z.iso.date(), to: z.iso.date() }).describe("The month's first day and today, in the agency's time zone"),
  requestsReceived: z.int(),
  casesOpened: z.int(),
  casesClosed: z.int().describe('Cases closed this month and still closed'),
  plansSigned: z.int().describe('Plan versions that came into force this month'),
  openCasesByStage: z.array(z.object({ stage: caseStage, count: z.int() })).describe('Every stage but closed, in process order, as of now'),
  overdueSteps: z.int().describe('Open steps of open cases past their due date, as of today'),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(2).max(200),
  ...listLimit,
  limit: listLimit.limit.unwrap().default(SEARCH_PAGE_SIZE),
});
export const searchHit = z.object({
  personId: uuid,
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.iso.date().nullable(),
  cases: z.array(z.object({ id: uuid, caseNumber: z.string() })),
  caseNumbers: z.array(z.string()),
  score: z.int(),
});
export const searchResults = z.object({ items: z.array(searchHit), nextCursor: z.string().nullable() });

export const draft = z.object({ key: z.string(), data: z.unknown(), updatedAt: z.iso.datetime() });
export const saveDraftBody = z.strictObject({ data: z.record(z.string(), z.unknown()) });
export const savedDraft = z.object({ key: z.string(), updatedAt: z.iso.datetime() });

/** A staff member as a case names them. */
const staffName = z.object({ id: uuid, name: z.string() });

/**
 * A date the case's work must meet: a plan step overdue or due soon, the plan's review, or the
 * first response to the request the case came from while it is still owed (`caseDeadlines` in
 * case-overview.rules.ts). "Soon" is the agency's plan review reminder, in days.
 */
export const caseDeadline = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), stepId: uuid, what: z.string(), dueDate: z.iso.date(), overdue: z.boolean() }),
  z.object({ kind: z.literal('plan_review'), planId: uuid, dueDate: z.iso.date(), overdue: z.boolean() }),
  z.object({ kind: z.literal('first_response'), requestId: uuid, dueAt: z.iso.datetime(), overdue: z.boolean() }),
]);
export type CaseDeadline = z.infer<typeof caseDeadline>;

/** The request a case came from, as the case shows it: what the person asked for, in the intake worker's and their own words. */
export const presentingRequest = z.object({
  id: uuid,
  receiptNumber: z.string(),
  channel,
  receivedAt: z.iso.datetime(),
  mainProblem: z.string(),
  ownWords: z.string(),
  firstResponseDueAt: z.iso.datetime(),
  firstRespondedAt: z.iso.datetime().nullable(),
  may: z.object({ open: z.boolean().describe('Whether the caller may open the request itself') }),
});

/** The case page in one read: the header of every page of the case, and the overview. */
export const caseOverview = z.object({
  case: caseRecord,
  person: z.object({
    id: uuid,
    givenName: z.string(),
    familyName: z.string(),
    nameInOtherScript: z.string().nullable(),
    name: nameForms,
    birthDate: z.string().nullable(),
    languages: z.array(z.string()),
  }),
  responsible: staffName.describe('The responsible worker'),
  team: z.array(staffName).describe('The case team besides the responsible worker, by name'),
  unit: z.object({ id: uuid, name: z.string() }),
  agreement: z.object({ status: caseAgreementStatus }).describe('Where the case stands with its service agreement'),
  presentingRequest: presentingRequest.nullable().describe('The request the case was opened from, if it came from one'),
  deadlines: z.array(caseDeadline).describe('Overdue first, then the soonest'),
  activePlan: planInForce.nullable(),
  steps: z.array(planStepProgress),
  planInPreparation: z
    .object({ id: uuid, planVersion: z.int(), status: z.enum(['draft', 'awaiting_signature']), version: z.int() })
    .nullable(),
  latestAssessment: assessmentSummary.nullable(),
  openCrisis: openCrisisSummary.nullable().describe('The crisis open on the case, shown on every page of it until it is closed'),
});

/** What an alert is about: urgent work, or a change to one's own account. */
export const alertKind = z.enum([
  'urgent_request',
  'crisis_flag',
  'password_reset',
  'mfa_reset',
  'mfa_reset_requested',
  'link_requested',
  'link_accepted',
  'link_declined',
  'record_revealed',
  'decision_to_sign',
  'crisis_opened',
  'legal_disclosure',
  'emergency_access',
  // A partner answered a voucher: declined it, or returned it.
  'voucher_answered',
  // Reminders (src/areas/reminder): made by the reminder run, once each.
  'contact_due',
  'draft_unsigned',
  'follow_up_due',
  'crisis_follow_up_due',
  'voucher_unanswered',
  'voucher_expired',
  'cooperation_expiring',
]);
export type AlertKind = z.infer<typeof alertKind>;

/** An in-app notice to one staff member: what it is about, and whom where the person is within the recipient's reach. */
export const alert = z.object({
  id: uuid,
  kind: alertKind,
  requestId: uuid.nullable(),
  caseId: uuid.nullable(),
  receiptNumber: z.string().nullable(),
  caseNumber: z.string().nullable(),
  personName: z.string().nullable(),
  dueOn: z.iso.date().nullable().describe('The day a reminder is for'),
  createdAt: z.iso.datetime(),
});
