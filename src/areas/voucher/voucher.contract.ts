import { z } from 'zod';
import { localeCode, page, pageQuery, uuid, version } from '../../core/common.contract.ts';

/*
 * A referral voucher (seed 004): the agency refers a person to a partner for a service; the
 * partner accepts or declines it, registers the visits, and returns it saying whether the service
 * was provided. "Accepted", "finished" and "the service actually delivered" are separate facts.
 * The states follow FHIR Task (voucher.rules.ts maps them).
 */

export const voucherStatus = z.enum([
  'issued',
  'accepted',
  'declined',
  'in_progress',
  'service_provided',
  'not_provided',
  'returned',
  'cancelled',
  'expired',
]);
export type VoucherStatus = z.infer<typeof voucherStatus>;

/** Why a partner does not take the person on. */
export const declineReason = z.enum(['no_capacity', 'not_eligible', 'outside_area', 'service_not_offered', 'other']);
/** Why a service taken on was not provided. */
export const notProvidedReason = z.enum(['did_not_come', 'refused', 'no_capacity', 'not_eligible', 'could_not_be_reached', 'other']);
/** Why the agency withdrew a voucher. */
export const cancelReason = z.enum(['person_withdrew', 'need_changed', 'issued_in_error', 'other_partner_chosen', 'other']);

/** What can be done to a voucher, and by which side. */
export const voucherAction = z.enum(['accept', 'decline', 'start', 'provided', 'not_provided', 'return', 'cancel', 'expire']);
export type VoucherAction = z.infer<typeof voucherAction>;

/** What a side may do to a voucher now, worked out on the server from the transition table. */
export const partnerAction = z.enum(['accept', 'decline', 'start', 'provided', 'not_provided', 'return']);

/**
 * What of the person's record a voucher may carry to the partner, each part under the data
 * category the disclosure gate decides on: who the person is (`identity`), why they are referred
 * (`request_assessment`), and what the partner should know for the service (`plan`).
 */
export const voucherCategory = z.enum(['identity', 'request_assessment', 'plan']);
export type VoucherCategory = z.infer<typeof voucherCategory>;

const text = (max: number) => z.string().trim().max(max);

export const issueVoucherBody = z
  .strictObject({
    planServiceId: uuid.nullable().default(null).describe('The service of the plan in force this voucher is for'),
    stepId: uuid
      .nullable()
      .default(null)
      .describe('The step of the plan in force the service carries out; done when the service is provided'),
    partnerOrganisationId: uuid,
    directoryServiceId: uuid.nullable().default(null),
    serviceName: text(300).min(1),
    locationName: text(300).default(''),
    sessions: z.int().min(1).max(500).nullable().default(null).describe('How much of the service: the number of sessions'),
    periodFrom: z.iso.date().nullable().default(null),
    periodTo: z.iso.date().nullable().default(null),
    validUntil: z.iso
      .date()
      .nullable()
      .default(null)
      .describe("The last day the partner may take it on; the agency's default validity when omitted"),
    reason: text(2000).default('').describe('Why the person is referred (request_assessment)'),
    forPartner: text(4000).default('').describe('What the partner should know to give the service (plan)'),
    categories: z
      .array(voucherCategory)
      .max(voucherCategory.options.length)
      .default(['identity', 'request_assessment', 'plan'])
      .describe('What of the record the voucher carries to the partner, as far as the disclosure gate allows'),
    language: localeCode.nullable().default(null).describe("The language it is printed in; the person's first language when omitted"),
  })
  .refine((b) => !b.periodFrom || !b.periodTo || b.periodFrom <= b.periodTo, {
    path: ['periodTo'],
    message: 'The period must not end before it starts',
  });
export type IssueVoucherBody = z.infer<typeof issueVoucherBody>;

export const voucherActionBody = z.strictObject({
  action: voucherAction.exclude(['expire']),
  reason: z.string().trim().max(40).nullable().default(null).describe('A reason code: declineReason, notProvidedReason or cancelReason'),
  note: text(2000).default(''),
  outcome: text(4000).default('').describe('What was provided and how it went (service provided)'),
  version,
});

export const visitBody = z.strictObject({
  visitedOn: z.iso.date(),
  service: text(500).min(1).describe('What was given at the visit'),
  durationMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  note: text(4000).default('').describe('A note for the agency'),
  version,
});

/** The person's own word on the help: both their view and the partner's are kept. */
export const personWord = z.enum(['helped', 'not_helped', 'did_not_go']);
export const personWordBody = z.strictObject({ word: personWord, note: text(2000).default(''), version });

export const voucherVisit = z.object({
  id: uuid,
  visitedOn: z.iso.date(),
  service: z.string(),
  durationMinutes: z.int(),
  note: z.string(),
  recordedByName: z.string(),
  recordedAt: z.iso.datetime(),
});

export const voucherEvent = z.object({
  action: z.string(),
  to: voucherStatus,
  side: z.enum(['agency', 'partner', 'clock']),
  reason: z.string().nullable(),
  note: z.string(),
  byName: z.string().nullable(),
  at: z.iso.datetime(),
});

/** Who the person is, as a voucher carries it when the gate allows `identity`. */
export const voucherPerson = z.object({
  name: z.string(),
  latinName: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
});

const voucherCore = {
  id: uuid,
  number: z.string(),
  status: voucherStatus,
  statusReason: z.string().nullable(),
  statusNote: z.string(),
  outcome: z.string(),
  partnerOrganisationId: uuid,
  partnerName: z.string(),
  directoryServiceId: uuid.nullable(),
  serviceName: z.string(),
  locationName: z.string(),
  sessions: z.int().nullable(),
  periodFrom: z.iso.date().nullable(),
  periodTo: z.iso.date().nullable(),
  validUntil: z.iso.date(),
  answerDueOn: z.iso.date(),
  unanswered: z.boolean().describe('Issued, and not answered by the day it was due'),
  issuedAt: z.iso.datetime(),
  language: localeCode,
  visits: z.array(voucherVisit),
  version: z.int(),
};

/** A voucher as the agency sees it on the case. */
export const voucher = z.object({
  ...voucherCore,
  caseId: uuid,
  caseNumber: z.string(),
  planServiceId: uuid.nullable(),
  stepId: uuid.nullable(),
  issuedByName: z.string(),
  reason: z.string(),
  forPartner: z.string(),
  categoriesAsked: z.array(voucherCategory),
  categoriesGiven: z.array(voucherCategory).describe('What the gate allowed when it was issued'),
  withheld: z.array(z.object({ category: voucherCategory, reason: z.string() })).describe('What the gate did not allow, and why'),
  reissuedFromId: uuid.nullable(),
  partnerAgreementInForce: z.boolean().describe('Whether the agency has a cooperation agreement in force with the partner today'),
  personWord: z.object({ word: personWord, note: z.string(), at: z.iso.datetime(), byName: z.string() }).nullable(),
  events: z.array(voucherEvent),
  may: z.object({ cancel: z.boolean(), reissue: z.boolean(), recordPersonWord: z.boolean() }),
});
export type Voucher = z.infer<typeof voucher>;
export const voucherList = z.object({ items: z.array(voucher) });

/**
 * A voucher as the partner it is addressed to sees it: the voucher itself, and of the person only
 * what the disclosure gate allows them now – a consent withdrawn since takes it out of the next view.
 */
export const partnerVoucher = z.object({
  ...voucherCore,
  agencyName: z.string(),
  person: voucherPerson.nullable(),
  reason: z.string().nullable(),
  forPartner: z.string().nullable(),
  actions: z.array(partnerAction),
  mayRecordVisit: z.boolean(),
});
export type PartnerVoucher = z.infer<typeof partnerVoucher>;

export const inboxQuery = pageQuery.extend({
  status: z.enum(['open', 'finished', 'all']).default('open').describe('open: issued, accepted or in progress'),
  number: z.string().trim().max(40).optional().describe('The voucher number, as typed or scanned'),
});
export const partnerVoucherPage = page(
  partnerVoucher.omit({ visits: true, actions: true, mayRecordVisit: true }).extend({ visitCount: z.int() }),
);
export const voucherNumberParams = z.strictObject({ number: z.string().trim().min(1).max(40) });

export const partnerActionBody = voucherActionBody.extend({ action: partnerAction });
export const cancelVoucherBody = voucherActionBody.omit({ action: true, outcome: true });
export const reissueVoucherBody = z.strictObject({
  partnerOrganisationId: uuid.nullable().default(null).describe('Another partner; the same one when omitted'),
  validUntil: z.iso.date().nullable().default(null),
});
