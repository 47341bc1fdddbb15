import { z } from 'zod';
import { isTimeZone } from '../../core/calendar-date.ts';
import { localeCode, uuid, version } from '../../core/common.contract.ts';
import { role } from '../../core/roles.contract.ts';
import { agencyEntryKind, entryKindList } from '../journal/journal.contract.ts';

const shortList = z.array(z.string().trim().min(1).max(200)).max(200);

/** The roles an agency may give the authority to sign formal decisions on services. */
export const decisionRole = z.enum(['supervisor', 'agency_head', 'case_worker']);

export const agency = z.object({
  name: z.string(),
  address: z.string().nullable().describe("The agency's postal or visiting address, printed on its letters"),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  caseNumberPrefix: z.string(),
  serviceCategories: z.array(z.string()),
  catchmentRegions: z.array(z.string()),
  languages: z.array(localeCode),
  mfaRequiredRoles: z.array(role),
  idleTimeoutMinutes: z.int(),
  absoluteTimeoutHours: z.int(),
  minimumAge: z.int().nullable(),
  maximumAge: z.int().nullable(),
  urgentResponseHours: z.int(),
  guardianRequiredUnderAge: z.int(),
  emergencyAccessMinutes: z.int().describe('How long opening a case in an emergency (break-the-glass) lasts'),
  nationalIdCountries: z.array(z.string()),
  decisionRoles: z.array(role),
  planReviewReminderDays: z.int(),
  timeZone: z.string(),
  journalEntryKinds: z
    .array(agencyEntryKind)
    .describe('The kinds of journal entry, in order; built-in ones are translated, own ones carry their label'),
  journalLateAfterDays: z.int().describe('An entry signed more days than this after it happened is marked late'),
  journalDraftReminderDays: z.int().describe('Drafts left unsigned longer than this show to the supervisor'),
  caseloadLimit: z.int().describe('Open cases per worker above which the unit view marks the worker overloaded'),
  directoryVerifyMonths: z.int().describe('A directory service not verified for this many months is flagged'),
  voucherAnswerDays: z.int().describe('Working days a partner has to answer a voucher before the worker is reminded'),
  voucherValidDays: z.int().describe('Days a voucher may be taken on when the worker gives no last day'),
  version: z.int(),
});
export type Agency = z.infer<typeof agency>;

export const updateAgencyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** Printed on letters; optional so older clients keep working. */
    address: z.string().trim().min(1).max(500).nullable().optional(),
    phone: z.string().trim().min(1).max(50).nullable().optional(),
    email: z.string().trim().max(254).pipe(z.email()).nullable().optional(),
    caseNumberPrefix: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,8}$/, 'Use 1–8 capital letters or digits'),
    serviceCategories: shortList,
    catchmentRegions: shortList,
    languages: z.array(localeCode).min(1).max(6),
    mfaRequiredRoles: z.array(role).max(role.options.length),
    idleTimeoutMinutes: z.int().min(5).max(240),
    absoluteTimeoutHours: z.int().min(1).max(24),
    /** Intake screening and agreements; optional so older clients keep working. */
    minimumAge: z.int().min(0).max(120).nullable().optional(),
    maximumAge: z.int().min(0).max(130).nullable().optional(),
    urgentResponseHours: z.int().min(1).max(168).optional(),
    guardianRequiredUnderAge: z.int().min(0).max(25).optional(),
    emergencyAccessMinutes: z
      .int()
      .min(5)
      .max(24 * 60)
      .optional(),
    nationalIdCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'Use two-letter country codes'))
      .max(20)
      .optional(),
    /** Who may sign formal decisions on services. */
    decisionRoles: z.array(decisionRole).min(1).max(3).optional(),
    planReviewReminderDays: z.int().min(0).max(90).optional(),
    timeZone: z.string().refine(isTimeZone, 'Use a time zone name such as Europe/Oslo').optional(),
    journalEntryKinds: entryKindList.optional(),
    journalLateAfterDays: z.int().min(0).max(60).optional(),
    journalDraftReminderDays: z.int().min(0).max(60).optional(),
    caseloadLimit: z.int().min(1).max(500).optional(),
    directoryVerifyMonths: z.int().min(1).max(60).optional(),
    voucherAnswerDays: z.int().min(1).max(30).optional(),
    voucherValidDays: z.int().min(1).max(365).optional(),
    version,
  })
  .refine((a) => a.minimumAge == null || a.maximumAge == null || a.minimumAge <= a.maximumAge, {
    path: ['maximumAge'],
    message: 'The maximum age must not be below the minimum age',
  });

export const unit = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  version: z.int(),
});
export type Unit = z.infer<typeof unit>;

export const createUnitBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
});
export const updateUnitBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  active: z.boolean().optional(),
  version,
});

/** Kinds of organisation (or person) information may go to: what a consent can name instead of one organisation. */
export const recipientCategory = z.enum([
  'health_services',
  'social_services',
  'employment_services',
  'housing',
  'education',
  'legal_aid',
  'family_and_relatives',
]);
export type RecipientCategory = z.infer<typeof recipientCategory>;

export const partnerOrganisation = z.object({
  id: uuid,
  name: z.string(),
  contactPerson: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  services: z.array(z.string()).describe('What the organisation offers, in short texts'),
  regions: z.array(z.string()).describe('Where it serves'),
  recipientKinds: z.array(recipientCategory).describe('What kind of organisation it is, for consents that name a kind'),
  version: z.int(),
});
const partnerShape = {
  name: z.string().trim().min(1).max(200),
  contactPerson: z.string().trim().min(1).max(200).nullable(),
  phone: z.string().trim().min(1).max(50).nullable(),
  email: z.string().trim().max(254).pipe(z.email()).nullable(),
  address: z.string().trim().min(1).max(500).nullable(),
  services: z.array(z.string().trim().min(1).max(200)).max(50),
  regions: shortList,
  recipientKinds: z.array(recipientCategory).max(recipientCategory.options.length),
};
export const createPartnerOrganisationBody = z.strictObject({
  ...partnerShape,
  contactPerson: partnerShape.contactPerson.default(null),
  phone: partnerShape.phone.default(null),
  email: partnerShape.email.default(null),
  address: partnerShape.address.default(null),
  services: partnerShape.services.default([]),
  regions: partnerShape.regions.default([]),
  recipientKinds: partnerShape.recipientKinds.default([]),
});
export const updatePartnerOrganisationBody = z.strictObject(partnerShape).partial().extend({ version });

/** What an agency sets up before its staff can work in Tillit, in the order to work through it. */
export const setupItem = z.enum([
  'agency_details',
  'units',
  'staff',
  'agreement_templates',
  'partner_organisations',
  'service_directory',
  'questionnaires',
  'two_step_verification',
]);
export type SetupItem = z.infer<typeof setupItem>;

export const setupChecklist = z.object({
  items: z.array(
    z.object({
      item: setupItem,
      done: z.boolean(),
      count: z
        .int()
        .describe(
          'agency_details: the details still empty (service categories, catchment regions); two_step_verification: active staff without it; otherwise how many there are',
        ),
    }),
  ),
});
