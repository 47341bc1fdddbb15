import { v4 as newId } from 'uuid';
import { addCalendarMonths } from '../../core/calendar-date.ts';
import type { CreateServiceInput, OpeningHours, Weekday } from './service-directory.contract.ts';
import { weekday } from './service-directory.contract.ts';

/*
 * Open Referral HSDS 3.0 both ways. A service is stored as its HSDS document (without its
 * organisation, which is the partner organisation's row): what the directory's form edits is
 * mapped onto it, and whatever else an import brought (funding, programme, accessibility,
 * metadata …) is kept as it came. Ids of the parts (phones, schedules, locations …) stay the
 * same from one save to the next, so an export is stable for those who read it.
 */

/** A JSON object as HSDS writes it. */
export type HsdsObject = { [key: string]: unknown };
export interface HsdsService extends HsdsObject {
  id: string;
  name: string;
  status: string;
}

/** The taxonomy the agency's service categories are written in, as HSDS taxonomy terms. */
export const CATEGORY_TAXONOMY = 'tillit-service-category';

const objects = (value: unknown): HsdsObject[] =>
  Array.isArray(value) ? value.filter((v): v is HsdsObject => typeof v === 'object' && v !== null) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** Keys with no value left out: HSDS gives a missing field no value rather than null. */
const compact = (object: HsdsObject): HsdsObject =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined && v !== ''));

/** The i-th part of the same kind as before keeps its id; new parts get new ones. */
const idAt = (previous: HsdsObject[], i: number): string => {
  const id = previous[i]?.id;
  return typeof id === 'string' ? id : newId();
};

/** "09:30" as HSDS's "09:30:00", and back. */
const toHsdsTime = (time: string) => `${time}:00`;
const fromHsdsTime = (time: unknown) => (typeof time === 'string' ? time.slice(0, 5) : '');

/** The directory's fields of a service, from its HSDS document. */
export function serviceFieldsOf(doc: HsdsService, organisationId: string): CreateServiceInput {
  const locations = objects(doc.service_at_locations).flatMap((at) => {
    const location = at.location as HsdsObject | undefined;
    if (!location) return [];
    const address = objects(location.addresses)[0];
    return [
      {
        name: textOrNull(location.name),
        address: text(address?.address_1),
        city: text(address?.city),
        postalCode: text(address?.postal_code),
        region: text(address?.state_province),
        country: text(address?.country),
      },
    ];
  });
  return {
    organisationId,
    name: doc.name,
    alternateName: textOrNull(doc.alternate_name),
    description: text(doc.description),
    status: doc.status as CreateServiceInput['status'],
    url: textOrNull(doc.url),
    email: textOrNull(doc.email),
    categories: objects(doc.attributes).flatMap((a) => {
      const term = a.taxonomy_term as HsdsObject | undefined;
      return term && term.taxonomy === CATEGORY_TAXONOMY ? [text(term.name)] : [];
    }),
    areas: objects(doc.service_areas).map((a) => text(a.name)),
    languages: objects(doc.languages).flatMap((l) => (typeof l.code === 'string' ? [l.code] : [])),
    openingHours: openingHoursOf(doc.schedules),
    locations,
    phones: objects(doc.phones).map((p) => ({ number: text(p.number), description: textOrNull(p.description) })),
    contacts: objects(doc.contacts).map((c) => ({
      name: text(c.name),
      title: textOrNull(c.title),
      email: textOrNull(c.email),
      phone: textOrNull(objects(c.phones)[0]?.number),
    })),
    eligibility: text(doc.eligibility_description),
    minimumAge: numberOrNull(doc.minimum_age),
    maximumAge: numberOrNull(doc.maximum_age),
    applicationProcess: text(doc.application_process),
    interpretationServices: text(doc.interpretation_services),
    waitTime: textOrNull(doc.wait_time),
    feesDescription: text(doc.fees_description),
    costOptions: objects(doc.cost_options).map((c) => ({
      option: text(c.option),
      amount: numberOrNull(c.amount),
      currency: textOrNull(c.currency),
    })),
    requiredDocuments: objects(doc.required_documents).map((d) => text(d.document)),
  };
}

/** Weekly schedules with days and hours; monthly and other rules stay in the document for those who read HSDS. */
export function openingHoursOf(schedules: unknown): OpeningHours[] {
  return objects(schedules).flatMap((s) => {
    if (s.freq !== 'WEEKLY' || typeof s.byday !== 'string' || !s.opens_at || !s.closes_at) return [];
    const days = s.byday
      .split(',')
      .map((d) => d.trim().toUpperCase())
      .filter((d): d is Weekday => (weekday.options as readonly string[]).includes(d));
    if (days.length === 0) return [];
    return [{ days, opensAt: fromHsdsTime(s.opens_at), closesAt: fromHsdsTime(s.closes_at), note: textOrNull(s.description) }];
  });
}

/**
 * The HSDS document of a service with the directory's fields written onto `previous` (an
 * import's or the last save's), keeping its other fields and the ids of its parts.
 */
export function hsdsServiceOf(
  id: string,
  fields: CreateServiceInput,
  assurance: { assuredDate: string | null; assurerEmail: string | null; lastModified: Date },
  previous: HsdsObject = {},
): HsdsService {
  const before = (key: string) => objects(previous[key]);
  const previousAt = before('service_at_locations');
  const otherAttributes = before('attributes').filter((a) => (a.taxonomy_term as HsdsObject | undefined)?.taxonomy !== CATEGORY_TAXONOMY);
  const categoryAttributes = before('attributes').filter(
    (a) => (a.taxonomy_term as HsdsObject | undefined)?.taxonomy === CATEGORY_TAXONOMY,
  );
  const doc: HsdsObject = {
    ...previous,
    id,
    organization_id: fields.organisationId,
    name: fields.name,
    alternate_name: fields.alternateName,
    description: fields.description,
    status: fields.status,
    url: fields.url,
    email: fields.email,
    eligibility_description: fields.eligibility,
    minimum_age: fields.minimumAge,
    maximum_age: fields.maximumAge,
    application_process: fields.applicationProcess,
    interpretation_services: fields.interpretationServices,
    wait_time: fields.waitTime,
    fees_description: fields.feesDescription,
    assured_date: assurance.assuredDate,
    assurer_email: assurance.assurerEmail,
    last_modified: assurance.lastModified.toISOString(),
    attributes: [
      ...otherAttributes,
      ...fields.categories.map((name, i) => {
        const earlier = categoryAttributes.find((a) => (a.taxonomy_term as HsdsObject).name === name);
        const term = (earlier?.taxonomy_term as HsdsObject | undefined) ?? {};
        return {
          id: typeof earlier?.id === 'string' ? earlier.id : idAt([], i),
          link_id: id,
          link_type: 'service',
          link_entity: 'service',
          taxonomy_term: {
            id: typeof term.id === 'string' ? term.id : newId(),
            name,
            description: text(term.description) || name,
            taxonomy: CATEGORY_TAXONOMY,
          },
        };
      }),
    ],
    service_areas: fields.areas.map((name, i) => ({ ...before('service_areas')[i], id: idAt(before('service_areas'), i), name })),
    languages: fields.languages.map((code, i) => ({ ...before('languages')[i], id: idAt(before('languages'), i), code, name: code })),
    schedules: [
      ...before('schedules').filter((s) => openingHoursOf([s]).length === 0),
      ...fields.openingHours.map((h, i) =>
        compact({
          id: idAt(before('schedules'), i),
          freq: 'WEEKLY',
          byday: h.days.join(','),
          opens_at: toHsdsTime(h.opensAt),
          closes_at: toHsdsTime(h.closesAt),
          description: h.note,
        }),
      ),
    ],
    service_at_locations: fields.locations.map((l, i) => {
      const at = previousAt[i] ?? {};
      const location = (at.location as HsdsObject | undefined) ?? {};
      const address = objects(location.addresses)[0] ?? {};
      const locationId = typeof location.id === 'string' ? location.id : newId();
      return {
        ...at,
        id: idAt(previousAt, i),
        location: compact({
          ...location,
          id: locationId,
          location_type: 'physical',
          name: l.name,
          organization_id: fields.organisationId,
          addresses: [
            compact({
              ...address,
              id: typeof address.id === 'string' ? address.id : newId(),
              address_1: l.address,
              city: l.city,
              postal_code: l.postalCode,
              state_province: l.region || l.city,
              country: l.country,
              address_type: 'physical',
            }),
          ],
        }),
      };
    }),
    phones: fields.phones.map((p, i) =>
      compact({ ...before('phones')[i], id: idAt(before('phones'), i), number: p.number, description: p.description }),
    ),
    contacts: fields.contacts.map((c, i) => {
      const earlier = before('contacts')[i] ?? {};
      return compact({
        ...earlier,
        id: idAt(before('contacts'), i),
        name: c.name,
        title: c.title,
        email: c.email,
        phones: c.phone ? [{ ...objects(earlier.phones)[0], id: idAt(objects(earlier.phones), 0), number: c.phone }] : undefined,
      });
    }),
    cost_options: fields.costOptions.map((c, i) =>
      compact({
        ...before('cost_options')[i],
        id: idAt(before('cost_options'), i),
        option: c.option,
        amount: c.amount,
        currency: c.currency,
      }),
    ),
    required_documents: fields.requiredDocuments.map((document, i) => ({
      ...before('required_documents')[i],
      id: idAt(before('required_documents'), i),
      document,
    })),
  };
  delete doc.organization;
  return compact(doc) as HsdsService;
}

/** Verified too long ago, or never: the date is the agency's today, `months` its setting. */
export function isVerificationDue(verifiedOn: string | null, today: string, months: number): boolean {
  return verifiedOn === null || verifiedOn < addCalendarMonths(today, -months);
}
