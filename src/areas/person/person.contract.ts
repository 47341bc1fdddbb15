import { z } from 'zod';
import { editOf, pastDate, personalText, uuid, withDefaults } from '../../core/common.contract.ts';

const nullableText = (max: number) => z.string().trim().max(max).nullable();

export const birthDatePrecision = z.enum(['day', 'month', 'year', 'approximate']);
export const sex = z.enum(['female', 'male', 'other', 'unknown']);
export const legalCapacity = z.enum(['full', 'partial', 'none']);
/** A request to link two records: open until someone who sees the other record accepts or declines it. */
export const linkRequestStatus = z.enum(['open', 'accepted', 'declined']);
export const preferredContact = z.enum(['phone', 'sms', 'email', 'letter', 'in_person']);
export const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{2,28}$/, 'Use digits, spaces, brackets or dashes, optionally starting with +');
export const languageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language code such as nb, sv, ru, zh-Hans');
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code');

/** The fields of a person's record, shared by registration and edits. Names in any script. */
const personShape = {
  givenName: personalText(200),
  familyName: personalText(200),
  otherNames: z.array(personalText(200)).max(10),
  nameInOtherScript: nullableText(200),
  birthDate: pastDate.nullable(),
  birthDatePrecision,
  sex: sex.nullable(),
  genderIdentity: nullableText(100),
  nationalId: nullableText(40),
  nationalIdCountry: countryCode.nullable(),
  languages: z.array(languageTag).max(10),
  interpreterNeeded: z.boolean(),
  phones: z.array(phoneNumber).max(5),
  email: z.string().trim().max(254).pipe(z.email()).nullable(),
  preferredContact: preferredContact.nullable(),
  addressLine: nullableText(300),
  postcode: nullableText(20),
  city: nullableText(100),
  region: nullableText(100),
  legalCapacity,
  guardianPersonId: uuid.nullable(),
  guardianRelationship: nullableText(100),
  knownToOtherServices: z.string().trim().max(2000),
};
const personDefaults = {
  otherNames: [] as string[],
  nameInOtherScript: null,
  birthDate: null,
  birthDatePrecision: 'day' as const,
  sex: null,
  genderIdentity: null,
  nationalId: null,
  nationalIdCountry: null,
  languages: [],
  interpreterNeeded: false,
  phones: [],
  email: null,
  preferredContact: null,
  addressLine: null,
  postcode: null,
  city: null,
  region: null,
  legalCapacity: 'full' as const,
  guardianPersonId: null,
  guardianRelationship: null,
  knownToOtherServices: '',
};

export const personInput = z.strictObject(withDefaults(personShape, personDefaults));
export type PersonInput = z.infer<typeof personInput>;

export const createPersonBody = personInput.extend({
  /** Existing people this one strongly resembles, confirmed by the worker to be someone else. */
  confirmedDistinctFrom: z.array(uuid).max(20).default([]),
  /** Candidates out of the worker's reach who may be this person: the units that know them are asked to link the records. */
  askToLinkWith: z.array(uuid).max(5).default([]),
});

export const updatePersonBody = editOf(personShape);

/** A person's name as shown: as they write it, the Latin form when it differs, and the language to mark the first with. */
export const nameForms = z.object({
  own: z.string().describe('The name as the person writes it (their own script where one is registered)'),
  latin: z.string().nullable().describe('The name in Latin letters, when it differs from `own`'),
  ownLanguage: z.string().nullable().describe('A language of the person written in the script of `own` (for the lang attribute)'),
});
export type NameForms = z.infer<typeof nameForms>;

export const person = z.object({
  id: uuid,
  givenName: z.string(),
  familyName: z.string(),
  otherNames: z.array(z.string()),
  nameInOtherScript: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  birthDatePrecision,
  sex: sex.nullable(),
  genderIdentity: z.string().nullable(),
  nationalId: z.string().nullable(),
  nationalIdCountry: z.string().nullable(),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  phones: z.array(z.string()),
  email: z.string().nullable(),
  preferredContact: preferredContact.nullable(),
  addressLine: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  legalCapacity,
  guardianPersonId: uuid.nullable(),
  guardianRelationship: z.string().nullable(),
  knownToOtherServices: z.string(),
  processingRestriction: z
    .object({ since: z.iso.datetime(), reason: z.string() })
    .nullable()
    .describe('Processing restricted at the person’s request (GDPR art. 18): nothing leaves the agency but what the law requires'),
  version: z.int(),
  createdAt: z.iso.datetime(),
});
export type Person = z.infer<typeof person>;

/**
 * What a duplicate check shows: enough to recognise someone, and why they match. A record the
 * caller may not open is masked – initials, birth year and the units that know the person.
 */
export const duplicateCandidate = z.object({
  personId: uuid,
  canOpen: z.boolean().describe('Whether the caller may open this record'),
  givenName: z.string().nullable().describe('Only when the caller may open the record'),
  familyName: z.string().nullable().describe('Only when the caller may open the record'),
  birthDate: z.iso.date().nullable().describe('Only when the caller may open the record'),
  initials: z.string(),
  birthYear: z.int().nullable(),
  knownTo: z.array(z.string()).describe('Units with a case of this person: whom to ask'),
  score: z.int(),
  strength: z.enum(['strong', 'possible', 'weak']),
  reasons: z.array(z.object({ code: z.string(), value: z.number().optional() })),
});
export const duplicateCheckBody = z.strictObject({
  givenName: z.string().trim().max(200).default(''),
  familyName: z.string().trim().max(200).default(''),
  otherNames: z.array(z.string().trim().max(200)).max(10).default([]),
  nameInOtherScript: z.string().trim().max(200).nullable().default(null),
  birthDate: pastDate.nullable().default(null),
  birthDatePrecision: birthDatePrecision.default('day'),
  nationalId: z.string().trim().max(40).nullable().default(null),
  phones: z.array(z.string().trim().max(30)).max(5).default([]),
  excludePersonId: uuid.optional(),
});
export const duplicateCheckResult = z.object({ candidates: z.array(duplicateCandidate) });

export const personVersion = z.object({
  version: z.int(),
  changedAt: z.iso.datetime(),
  changedBy: uuid.nullable(),
  changedByName: z.string().nullable(),
  changedFields: z.array(z.string()),
  snapshot: z.record(z.string(), z.unknown()),
});

export const personLink = z.object({
  id: uuid,
  personId: uuid,
  otherPersonId: uuid,
  reason: z.string(),
  linkedAt: z.iso.datetime(),
  linkedByName: z.string().nullable(),
  unlinkedAt: z.iso.datetime().nullable(),
  unlinkedByName: z.string().nullable(),
  unlinkReason: z.string().nullable(),
});
export const linkPersonBody = z.strictObject({ otherPersonId: uuid, reason: z.string().trim().min(3).max(1000) });
export const unlinkPersonBody = z.strictObject({ reason: z.string().trim().min(3).max(1000) });

/** Why a record out of the caller's reach is shown in full: kept in the audit trail and told to the person's worker. */
export const revealPersonBody = z.strictObject({
  reason: z.string().trim().max(1000).default('').describe('Required unless the caller is a supervisor or the agency head'),
});

const linkRequestRecord = z.object({ id: uuid, givenName: z.string(), familyName: z.string(), birthDate: z.iso.date().nullable() });
/** A request to link two records, as the staff who can see the other record review it. */
export const personLinkRequest = z.object({
  id: uuid,
  status: linkRequestStatus,
  reason: z.string(),
  requestedAt: z.iso.datetime(),
  requestedByName: z.string().nullable(),
  /** The record registered by the one who asks. */
  person: linkRequestRecord,
  /** The record in the reviewer's reach that it may be the same as. */
  otherPerson: linkRequestRecord,
});
export const decideLinkRequestBody = z.strictObject({ note: z.string().trim().max(1000).default('') });

export const personRelation = z.object({
  id: uuid,
  personId: uuid,
  relatedPersonId: uuid,
  relatedPersonName: z.string(),
  relationship: z.string(),
  household: z.boolean(),
});
export const addRelationBody = z.strictObject({
  relatedPersonId: uuid,
  relationship: z.string().trim().min(1).max(100),
  household: z.boolean().default(false),
});

export const restrictionBody = z.strictObject({
  reason: z.string().trim().min(5).max(2000).describe('What the person asked for, or why the restriction ends'),
  version: z.int().min(1),
});
