/**
 * The service directory as FHIR R4: a `collection` Bundle of the partner organisations
 * (Organization), what they offer (HealthcareService) and where – the places a service is given
 * at and the areas it serves (Location). It is made from the HSDS 3.0 documents the JSON export
 * gives (each service with its organisation), so that an import's fields count as well as the
 * form's. Every resource keeps its HSDS id, and its fullUrl is `urn:uuid:<id>`; an organisation
 * or place several services share is one entry.
 *
 * HSDS status: `active` is active; `temporarily closed` stays active with a notAvailable saying
 * so (FHIR keeps `active` for records that should still be used); `inactive` and `defunct` are
 * not active. The agency's service categories are the category; terms of other taxonomies (an
 * import's) are the type. What FHIR has no element for – how to apply, interpretation, wait,
 * fees, documents to bring – is the service's extraDetails, in words.
 */
import type {
  Address,
  Bundle,
  BundleEntry,
  CodeableConcept,
  ContactPoint,
  FhirResource,
  HealthcareService,
  HealthcareServiceAvailableTime,
  HealthcareServiceEligibility,
  Location,
  LocationHoursOfOperation,
  Organization,
  OrganizationContact,
  Reference,
} from 'fhir/r4.js';
import { CATEGORY_TAXONOMY, type HsdsObject } from './hsds.rules.ts';

const objects = (value: unknown): HsdsObject[] =>
  Array.isArray(value) ? value.filter((v): v is HsdsObject => typeof v === 'object' && v !== null) : [];
const object = (value: unknown): HsdsObject | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as HsdsObject) : null;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
/** Keys without a value left out, as FHIR wants: no nulls, no empty strings or arrays. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

/** HSDS ids are UUIDs; FHIR's urn:uuid form is written in lower case. */
const idOf = (hsds: HsdsObject): string | undefined => text(hsds.id)?.toLowerCase();
const urn = (id: string) => `urn:uuid:${id}`;
const referenceTo = (type: string, id: string, display?: string): Reference => compact({ reference: urn(id), type, display });

const phoneSystems: Record<string, ContactPoint['system']> = { fax: 'fax', text: 'sms', pager: 'pager' };

/** HSDS phones, e-mail and web address as ContactPoints, all for work. */
export function telecomOf(phones: unknown, email?: unknown, url?: unknown): ContactPoint[] {
  const telecom: ContactPoint[] = objects(phones).flatMap((p) => {
    const value = text(p.number);
    if (!value) return [];
    const extension = number(p.extension) ?? text(p.extension);
    const type = text(p.type);
    return [
      compact<ContactPoint>({
        system: (type ? phoneSystems[type] : undefined) ?? 'phone',
        value: extension === undefined ? value : `${value} ext. ${extension}`,
        use: type === 'cell' ? 'mobile' : 'work',
      }),
    ];
  });
  const mail = text(email);
  if (mail) telecom.push({ system: 'email', value: mail, use: 'work' });
  const web = text(url);
  if (web) telecom.push({ system: 'url', value: web, use: 'work' });
  return telecom;
}

const days = { MO: 'mon', TU: 'tue', WE: 'wed', TH: 'thu', FR: 'fri', SA: 'sat', SU: 'sun' } as const;
type FhirDay = (typeof days)[keyof typeof days];

/** "09:30" or "09:30:00" as FHIR's time, "09:30:00". */
const timeOf = (value: unknown): string | undefined => {
  const t = text(value);
  if (!t) return undefined;
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?/.exec(t);
  return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : undefined;
};

/** The weekly HSDS schedules with days as availableTime; those of other rules are left to their description. */
export function availableTimeOf(schedules: unknown): HealthcareServiceAvailableTime[] {
  return objects(schedules).flatMap((s) => {
    if (s.freq !== 'WEEKLY' || typeof s.byday !== 'string') return [];
    const daysOfWeek = s.byday
      .split(',')
      .map((d) => days[d.trim().toUpperCase() as keyof typeof days])
      .filter((d): d is FhirDay => d !== undefined);
    if (daysOfWeek.length === 0) return [];
    const start = timeOf(s.opens_at);
    const end = timeOf(s.closes_at);
    return [
      start && end
        ? { daysOfWeek: [...new Set(daysOfWeek)], availableStartTime: start, availableEndTime: end }
        : { daysOfWeek: [...new Set(daysOfWeek)], allDay: true },
    ];
  });
}

/** What the schedules say in words: a weekly one's description with its days and hours, another's alone, and their notes. */
function availabilityExceptionsOf(schedules: unknown): string | undefined {
  const lines = objects(schedules).flatMap((s) => {
    const description = text(s.description);
    const hours = availableTimeOf([s])[0];
    const when = hours
      ? `${text(s.byday)}${hours.availableStartTime ? ` ${hours.availableStartTime.slice(0, 5)}–${hours.availableEndTime!.slice(0, 5)}` : ''}: `
      : '';
    return [description ? `${when}${description}` : undefined, text(s.notes)].filter((line): line is string => line !== undefined);
  });
  return lines.length > 0 ? [...new Set(lines)].join('\n') : undefined;
}

const addressTypes: Record<string, Address['type']> = { physical: 'physical', postal: 'postal' };

/** An HSDS address as FHIR's, of a workplace. */
export function addressOf(hsds: HsdsObject): Address {
  const type = text(hsds.address_type);
  return compact<Address>({
    use: 'work',
    type: type ? addressTypes[type] : undefined,
    line: [text(hsds.address_1), text(hsds.address_2)].filter((line): line is string => line !== undefined),
    city: text(hsds.city),
    district: text(hsds.region),
    state: text(hsds.state_province),
    postalCode: text(hsds.postal_code),
    country: text(hsds.country),
  });
}

/** An HSDS organization as an Organization. */
export function organizationOf(hsds: HsdsObject): Organization {
  const id = idOf(hsds)!;
  const contacts: OrganizationContact[] = objects(hsds.contacts).flatMap((c) => {
    const name = text(c.name);
    const telecom = telecomOf(c.phones, c.email);
    return name || telecom.length > 0 ? [compact<OrganizationContact>({ name: name ? { text: name } : undefined, telecom })] : [];
  });
  return compact<Organization>({
    resourceType: 'Organization',
    id,
    identifier: objects(hsds.organization_identifiers).flatMap((i) => {
      const value = text(i.identifier);
      if (!value) return [];
      const scheme = text(i.identifier_scheme);
      const type = text(i.identifier_type);
      return [compact({ type: type || scheme ? { text: type ?? scheme } : undefined, value })];
    }),
    active: true,
    name: text(hsds.name),
    alias: [text(hsds.alternate_name)].filter((a): a is string => a !== undefined),
    telecom: telecomOf(hsds.phones, hsds.email, hsds.website),
    contact: contacts,
  });
}

/** A place a service is given at, as a Location. */
export function locationOf(hsds: HsdsObject, organisationId: string | undefined): Location {
  const addresses = objects(hsds.addresses);
  const address = addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
  const latitude = number(hsds.latitude);
  const longitude = number(hsds.longitude);
  const hoursOfOperation = availableTimeOf(hsds.schedules).map(({ availableStartTime, availableEndTime, ...days }) =>
    compact<LocationHoursOfOperation>({ ...days, openingTime: availableStartTime, closingTime: availableEndTime }),
  );
  return compact<Location>({
    resourceType: 'Location',
    id: idOf(hsds)!,
    status: 'active',
    name: text(hsds.name),
    alias: [text(hsds.alternate_name)].filter((a): a is string => a !== undefined),
    description: text(hsds.description),
    mode: 'instance',
    telecom: telecomOf(hsds.phones, undefined, hsds.url),
    address: address ? addressOf(address) : undefined,
    position: latitude !== undefined && longitude !== undefined ? { latitude, longitude } : undefined,
    managingOrganization: organisationId ? referenceTo('Organization', organisationId) : undefined,
    hoursOfOperation,
  });
}

/** An area a service is offered to (HSDS service_area), as a Location of kind "area". */
export function serviceAreaOf(hsds: HsdsObject): Location {
  return compact<Location>({
    resourceType: 'Location',
    id: idOf(hsds)!,
    status: 'active',
    name: text(hsds.name),
    description: text(hsds.description),
    mode: 'kind',
    physicalType: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'area', display: 'Area' }],
    },
  });
}

/** A taxonomy term as a CodeableConcept: its code in its taxonomy where it has one, its name in words. */
function conceptOf(term: HsdsObject): CodeableConcept | undefined {
  const name = text(term.name);
  const code = text(term.code);
  const taxonomy = text(term.taxonomy);
  const system =
    text(object(term.taxonomy_detail)?.uri) ?? (taxonomy ? `urn:tillit:hsds-taxonomy:${encodeURIComponent(taxonomy)}` : undefined);
  if (!name && !code) return undefined;
  return compact<CodeableConcept>({ coding: code ? [compact({ system, code, display: name })] : undefined, text: name });
}

function ageText(minimum: number | undefined, maximum: number | undefined): string | undefined {
  if (minimum !== undefined && maximum !== undefined) return `Aged ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `Aged ${minimum} or over`;
  if (maximum !== undefined) return `Aged up to ${maximum}`;
  return undefined;
}

/** Free when every cost option costs nothing, at a cost when one costs something; nothing said when HSDS says nothing. */
function provisionOf(costOptions: unknown): CodeableConcept | undefined {
  const amounts = objects(costOptions).flatMap((c) => (number(c.amount) === undefined ? [] : [number(c.amount)!]));
  if (amounts.length === 0) return undefined;
  const code = amounts.some((a) => a > 0) ? { code: 'cost', display: 'Fees apply' } : { code: 'free', display: 'Free' };
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-provision-conditions', ...code }] };
}

/** The fields FHIR has no element for, in words (markdown). */
function extraDetailsOf(hsds: HsdsObject): string | undefined {
  const costs = objects(hsds.cost_options).flatMap((c) => {
    const option = text(c.option);
    const amount = number(c.amount);
    if (!option) return [];
    return [
      `- ${option}${amount === undefined ? '' : `: ${amount}${text(c.currency) ? ` ${text(c.currency)}` : ''}`}${text(c.amount_description) ? ` (${text(c.amount_description)})` : ''}`,
    ];
  });
  const documents = objects(hsds.required_documents).flatMap((d) => (text(d.document) ? [`- ${text(d.document)}`] : []));
  const sections: [string, string | undefined][] = [
    ['Also called', text(hsds.alternate_name)],
    ['How to apply', text(hsds.application_process)],
    ['Interpretation', text(hsds.interpretation_services)],
    ['Waiting time', text(hsds.wait_time)],
    ['Fees', [text(hsds.fees_description), ...costs].filter(Boolean).join('\n') || undefined],
    ['Documents to bring', documents.join('\n') || undefined],
    ['Accreditations', text(hsds.accreditations)],
    ['Please note', text(hsds.alert)],
  ];
  const written = sections.filter((s): s is [string, string] => s[1] !== undefined).map(([heading, body]) => `**${heading}**\n\n${body}`);
  return written.length > 0 ? written.join('\n\n') : undefined;
}

/** FHIR's instant: a date and time with its zone. */
const instantOf = (value: unknown): string | undefined => {
  const t = text(value);
  return t && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : undefined;
};

/** An HSDS service as a HealthcareService, referring to its organisation, its places and its areas by their HSDS ids. */
export function healthcareServiceOf(hsds: HsdsObject, organisationId: string | undefined): HealthcareService {
  const terms = objects(hsds.attributes).flatMap((a) => {
    const term = object(a.taxonomy_term);
    return term ? [term] : [];
  });
  const status = text(hsds.status);
  const places = objects(hsds.service_at_locations).flatMap((at) => {
    const location = object(at.location);
    return location && idOf(location) ? [location] : [];
  });
  const eligibility = compact<HealthcareServiceEligibility>({
    code: (() => {
      const age = ageText(number(hsds.minimum_age), number(hsds.maximum_age));
      return age ? { text: age } : undefined;
    })(),
    comment: text(hsds.eligibility_description),
  });
  const lastModified = instantOf(hsds.last_modified);
  const program = text(object(hsds.program)?.name);
  return compact<HealthcareService>({
    resourceType: 'HealthcareService',
    id: idOf(hsds)!,
    meta: lastModified ? { lastUpdated: lastModified } : undefined,
    active: status === 'active' || status === 'temporarily closed',
    providedBy: organisationId ? referenceTo('Organization', organisationId) : undefined,
    category: terms.filter((t) => t.taxonomy === CATEGORY_TAXONOMY).flatMap((t) => (text(t.name) ? [{ text: text(t.name)! }] : [])),
    type: terms.filter((t) => t.taxonomy !== CATEGORY_TAXONOMY).flatMap((t) => conceptOf(t) ?? []),
    location: places.map((l) => referenceTo('Location', idOf(l)!, text(l.name))),
    name: text(hsds.name),
    comment: text(hsds.description),
    extraDetails: extraDetailsOf(hsds),
    telecom: telecomOf(hsds.phones, hsds.email, hsds.url),
    coverageArea: objects(hsds.service_areas)
      .filter((a) => idOf(a))
      .map((a) => referenceTo('Location', idOf(a)!, text(a.name))),
    serviceProvisionCode: [provisionOf(hsds.cost_options)].filter((c): c is CodeableConcept => c !== undefined),
    eligibility: Object.keys(eligibility).length > 0 ? [eligibility] : [],
    program: program ? [{ text: program }] : [],
    communication: objects(hsds.languages).flatMap((l) => {
      const code = text(l.code);
      const name = text(l.name);
      if (!code && !name) return [];
      return [compact<CodeableConcept>({ coding: code ? [{ system: 'urn:ietf:bcp:47', code }] : undefined, text: name ?? code })];
    }),
    availableTime: availableTimeOf(hsds.schedules),
    notAvailable: status === 'temporarily closed' ? [{ description: 'Temporarily closed' }] : [],
    availabilityExceptions: availabilityExceptionsOf(hsds.schedules),
  });
}

/**
 * The directory – HSDS services, each with its `organization` – as a FHIR R4 collection Bundle:
 * the organisations first, then the places and areas, then the services; each once.
 */
export function directoryAsFhir(services: readonly HsdsObject[], assembledAt: Date): Bundle {
  const organisations = new Map<string, Organization>();
  const places = new Map<string, { location: HsdsObject; organisationId: string | undefined }>();
  const areas = new Map<string, Location>();
  const healthcareServices = new Map<string, HealthcareService>();
  for (const service of services) {
    const id = idOf(service);
    if (!id) continue;
    const organisation = object(service.organization);
    const organisationId = organisation ? idOf(organisation) : undefined;
    if (organisation && organisationId && !organisations.has(organisationId))
      organisations.set(organisationId, organizationOf(organisation));
    for (const at of objects(service.service_at_locations)) {
      const location = object(at.location);
      const locationId = location && idOf(location);
      if (location && locationId && !places.has(locationId))
        places.set(locationId, { location, organisationId: text(location.organization_id)?.toLowerCase() ?? organisationId });
    }
    for (const area of objects(service.service_areas)) {
      const areaId = idOf(area);
      if (areaId && !areas.has(areaId)) areas.set(areaId, serviceAreaOf(area));
    }
    healthcareServices.set(id, healthcareServiceOf(service, organisationId));
  }
  // A place is managed by the organisation its HSDS record names, when that organisation is in the directory.
  const locations = [...places.values()].map(({ location, organisationId }) =>
    locationOf(location, organisationId && organisations.has(organisationId) ? organisationId : undefined),
  );
  const entry = (resource: FhirResource): BundleEntry => ({ fullUrl: urn(resource.id!), resource });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: assembledAt.toISOString(),
    entry: [...organisations.values(), ...locations, ...areas.values(), ...healthcareServices.values()].map(entry),
  };
}
