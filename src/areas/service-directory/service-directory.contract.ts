import { z } from 'zod';
import { pageQuery, uuid } from '../../core/common.contract.ts';

/*
 * The service directory: what the agency's partner organisations offer, where, when, to whom and
 * in which languages, kept in the Open Referral HSDS 3.0 model (hsds.rules.ts maps it both ways).
 * A service is "verified on" a date (HSDS `assured_date`); one not verified for the agency's
 * number of months is flagged, and a plan that chooses it asks for confirmation.
 */

/** HSDS 3.0 service status. */
export const serviceStatus = z.enum(['active', 'inactive', 'defunct', 'temporarily closed']);
export type ServiceStatus = z.infer<typeof serviceStatus>;

/** Days of the week as HSDS (iCalendar BYDAY) writes them. */
export const weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type Weekday = z.infer<typeof weekday>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use hours and minutes, such as 09:30');
const shortText = z.string().trim().min(1).max(500);
const longText = z.string().trim().max(4000);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

/** Weekly opening hours: on these days, from – to (the agency's time zone). */
export const openingHours = z
  .strictObject({
    days: z.array(weekday).min(1).max(7),
    opensAt: clockTime,
    closesAt: clockTime,
    note: optionalText(2000),
  })
  .refine((h) => h.opensAt < h.closesAt, { path: ['closesAt'], message: 'Closes after it opens' });
export type OpeningHours = z.infer<typeof openingHours>;

export const serviceLocation = z.strictObject({
  name: optionalText(200),
  address: shortText.describe('Street and number'),
  city: shortText,
  postalCode: z.string().trim().min(1).max(20),
  region: z.string().trim().max(200).default('').describe('County, district or province'),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code')
    .describe('ISO 3166-1 alpha-2'),
});
export type ServiceLocation = z.infer<typeof serviceLocation>;

export const serviceContact = z.strictObject({
  name: shortText,
  title: optionalText(200),
  email: z.string().trim().max(254).pipe(z.email()).nullable().default(null),
  phone: optionalText(50),
});

export const costOption = z.strictObject({
  option: shortText.describe('What is paid for'),
  amount: z.number().min(0).max(1_000_000).nullable().default(null),
  currency: z.string().trim().max(20).nullable().default(null).describe('ISO 4217, such as NOK'),
});

const serviceFields = {
  organisationId: uuid.describe('The partner organisation that provides it'),
  name: shortText,
  alternateName: optionalText(200),
  description: longText.default(''),
  status: serviceStatus.default('active'),
  url: z.string().trim().max(2000).pipe(z.url()).nullable().default(null),
  email: z.string().trim().max(254).pipe(z.email()).nullable().default(null),
  categories: z.array(shortText).max(20).default([]).describe("Kinds of service, from the agency's service categories"),
  areas: z.array(shortText).max(50).default([]).describe('Where it is offered, by region'),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'Use a language code such as nb or zh-Hans'))
    .max(30)
    .default([])
    .describe('Languages it is offered in (BCP 47)'),
  openingHours: z.array(openingHours).max(14).default([]),
  locations: z.array(serviceLocation).max(20).default([]),
  phones: z
    .array(z.strictObject({ number: z.string().trim().min(1).max(50), description: optionalText(1000) }))
    .max(10)
    .default([]),
  contacts: z.array(serviceContact).max(10).default([]),
  eligibility: longText.default('').describe('Who it is for'),
  minimumAge: z.int().min(0).max(130).nullable().default(null),
  maximumAge: z.int().min(0).max(130).nullable().default(null),
  applicationProcess: longText.default('').describe('How to get it'),
  interpretationServices: longText.default(''),
  waitTime: optionalText(1000),
  feesDescription: longText.default(''),
  costOptions: z.array(costOption).max(10).default([]),
  requiredDocuments: z.array(z.string().trim().min(1).max(2000)).max(20).default([]),
};

const agesInOrder = (s: { minimumAge: number | null; maximumAge: number | null }) =>
  s.minimumAge === null || s.maximumAge === null || s.minimumAge <= s.maximumAge;

export const createServiceBody = z
  .strictObject(serviceFields)
  .refine(agesInOrder, { path: ['maximumAge'], message: 'The maximum age must not be below the minimum age' });
export type CreateServiceInput = z.infer<typeof createServiceBody>;

export const updateServiceBody = z
  .strictObject({ ...serviceFields, version: z.int().min(1) })
  .refine(agesInOrder, { path: ['maximumAge'], message: 'The maximum age must not be below the minimum age' });

export const verifyServiceBody = z.strictObject({ version: z.int().min(1) });

/** A service as the directory shows it. */
export const directoryService = z.object({
  id: uuid,
  organisationId: uuid,
  organisationName: z.string(),
  name: z.string(),
  alternateName: z.string().nullable(),
  description: z.string(),
  status: serviceStatus,
  url: z.string().nullable(),
  email: z.string().nullable(),
  categories: z.array(z.string()),
  areas: z.array(z.string()),
  languages: z.array(z.string()),
  openingHours: z.array(z.object({ days: z.array(weekday), opensAt: z.string(), closesAt: z.string(), note: z.string().nullable() })),
  locations: z.array(
    z.object({
      name: z.string().nullable(),
      address: z.string(),
      city: z.string(),
      postalCode: z.string(),
      region: z.string(),
      country: z.string(),
    }),
  ),
  phones: z.array(z.object({ number: z.string(), description: z.string().nullable() })),
  contacts: z.array(
    z.object({ name: z.string(), title: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  ),
  eligibility: z.string(),
  minimumAge: z.int().nullable(),
  maximumAge: z.int().nullable(),
  applicationProcess: z.string(),
  interpretationServices: z.string(),
  waitTime: z.string().nullable(),
  feesDescription: z.string(),
  costOptions: z.array(z.object({ option: z.string(), amount: z.number().nullable(), currency: z.string().nullable() })),
  requiredDocuments: z.array(z.string()),
  verifiedOn: z.iso.date().nullable().describe('When someone last checked that the information is right (HSDS assured_date)'),
  verifiedBy: z.string().nullable().describe('The e-mail of who checked it (HSDS assurer_email)'),
  verificationDue: z.boolean().describe("Not verified within the agency's months: check it before relying on it"),
  version: z.int(),
});
export type DirectoryService = z.infer<typeof directoryService>;

export const directoryQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(200).optional().describe("Words of the service's or the organisation's name or description"),
  category: z.string().trim().min(1).max(200).optional(),
  area: z.string().trim().min(1).max(200).optional(),
  language: z.string().trim().min(2).max(12).optional(),
  openOn: weekday.optional().describe('Open on this day of the week'),
  openAt: clockTime.optional().describe('Open at this time of day (with openOn: on that day; alone: on any day)'),
  organisationId: uuid.optional(),
  status: serviceStatus.optional().describe('Active services by default'),
  verificationDue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const exportQuery = z.strictObject({
  format: z
    .enum(['json', 'tabular', 'fhir'])
    .default('json')
    .describe(
      'HSDS 3.0 JSON, the tabular data package (a ZIP of CSV files and datapackage.json), or a FHIR R4 collection Bundle of Organization, HealthcareService and Location',
    ),
});

/** An HSDS 3.0 import: one service or a list, each with its organisation (checked against the official schema). */
export const importBody = z.union([z.array(z.record(z.string(), z.unknown())).min(1).max(5000), z.record(z.string(), z.unknown())]);

export const importResult = z.object({
  organisationsCreated: z.int(),
  organisationsUpdated: z.int(),
  servicesCreated: z.int(),
  servicesUpdated: z.int(),
});
