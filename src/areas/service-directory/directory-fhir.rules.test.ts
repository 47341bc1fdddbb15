// The validators compile the FHIR schema's definitions the first time a resource type is checked: seconds on a loaded machine.
import fs from 'node:fs';
import path from 'node:path';
import type { HealthcareService, Location, Organization } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { bundleProblems, fhirProblems, medplumProblems, resourcesOf, schemaProblems } from '../../../test/support/fhir.ts';
import { directoryAsFhir, healthcareServiceOf } from './directory-fhir.rules.ts';
import { type HsdsObject, hsdsServiceOf } from './hsds.rules.ts';
import { createServiceBody } from './service-directory.contract.ts';

const officialExample = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'hsds', 'service-full-example.json'), 'utf8'),
) as HsdsObject;

const partnerId = '5b0c3a8e-1f2d-4c6b-9a7e-3d2c1b0a9f8e';
/** The partner organisation as the service directory's export writes it (hsdsOrganisationOf). */
const partner: HsdsObject = {
  id: partnerId,
  name: 'Nordlys Frivilligsentral',
  description: 'Frivillig hjelp i Tromsø',
  email: 'post@example.org',
  website: 'https://nordlys.example.org',
  phones: [{ id: '0d5a7c1e-8b3f-5e2d-9c4a-6f1b2e3d4c5a', organization_id: partnerId, number: '+47 77 11 11 11' }],
  contacts: [{ id: '1e6b8d2f-9c4a-5f3e-8d5b-7a2c3f4e5d6b', organization_id: partnerId, name: 'Kari Nordmann' }],
};
const assurance = { assuredDate: '2026-11-02', assurerEmail: 'admin@example.org', lastModified: new Date('2026-12-01T10:00:00Z') };

/** A service as the directory's form writes it, with its organisation as the export adds it. */
function formService(id: string, fields: Record<string, unknown>): HsdsObject {
  return { ...hsdsServiceOf(id, createServiceBody.parse({ organisationId: partnerId, ...fields }), assurance), organization: partner };
}
const housingAdvice = formService('7f1e2d3c-4b5a-4968-8776-655443322110', {
  name: 'Bostedsrådgivning Nord',
  description: 'Råd om husleie, depositum og søknad om kommunal bolig.',
  categories: ['Housing'],
  areas: ['Sorrel district'],
  languages: ['nb', 'zh-Hans'],
  openingHours: [
    { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '15:00' },
    { days: ['TH'], opensAt: '17:00', closesAt: '19:30', note: 'Drop-in' },
  ],
  locations: [{ name: 'Main office', address: 'Storgata 5', city: 'Tromsø', postalCode: '9008', country: 'NO' }],
  phones: [{ number: '+47 77 00 00 00' }],
  email: 'bolig@example.org',
  url: 'https://nordlys.example.org/bolig',
  eligibility: 'Adults living in the district',
  minimumAge: 18,
  applicationProcess: 'Ring or drop in.',
  requiredDocuments: ['Tenancy agreement'],
  costOptions: [{ option: 'First meeting', amount: 0, currency: 'NOK' }],
});
const debtAdvice = formService('8a2f3e4d-5c6b-4a79-8887-766554433221', {
  name: 'Gjeldsrådgivning',
  categories: ['Debt advice'],
  costOptions: [{ option: 'Follow-up', amount: 250, currency: 'NOK' }],
  status: 'temporarily closed',
});
// The second service is given at the first one's office: the same place, by its id.
debtAdvice.service_at_locations = housingAdvice.service_at_locations;

const directory = directoryAsFhir([housingAdvice, debtAdvice], new Date('2026-12-01T12:00:00Z'));
const services = resourcesOf(directory, 'HealthcareService');
const serviceNamed = (name: string) => services.find((s) => s.name === name)!;
const housing = serviceNamed('Bostedsrådgivning Nord');

describe('the directory as a FHIR Bundle', { timeout: 60_000 }, () => {
  it('is a collection that both checkers accept, resource by resource, with every reference answered by an entry', () => {
    expect(directory).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-12-01T12:00:00.000Z' });
    expect(bundleProblems(directory)).toEqual([]);
  });

  it('turns the official HSDS full example into resources that both checkers accept', () => {
    const bundle = directoryAsFhir([officialExample], new Date('2026-12-01T12:00:00Z'));
    expect(bundleProblems(bundle)).toEqual([]);
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual(['Organization', 'Location', 'Location', 'HealthcareService']);
  });

  it('keeps the HSDS ids, each entry at urn:uuid:<id>', () => {
    const ids = directory.entry!.map((e) => [e.fullUrl, e.resource!.id]);
    expect(ids).toContainEqual([`urn:uuid:${partnerId}`, partnerId]);
    expect(ids).toContainEqual(['urn:uuid:7f1e2d3c-4b5a-4968-8776-655443322110', '7f1e2d3c-4b5a-4968-8776-655443322110']);
  });

  it('holds an organisation and a place that several services share once', () => {
    expect(resourcesOf(directory, 'Organization')).toHaveLength(1);
    expect(resourcesOf(directory, 'Location').filter((l) => l.mode === 'instance')).toHaveLength(1);
    expect(services).toHaveLength(2);
  });
});

describe('a partner organisation as an Organization', { timeout: 60_000 }, () => {
  const organisation = resourcesOf(directory, 'Organization')[0]!;

  it('has its name, phone, e-mail and web site, and its contact person', () => {
    expect(organisation).toMatchObject<Organization>({
      resourceType: 'Organization',
      active: true,
      name: 'Nordlys Frivilligsentral',
      telecom: [
        { system: 'phone', value: '+47 77 11 11 11', use: 'work' },
        { system: 'email', value: 'post@example.org', use: 'work' },
        { system: 'url', value: 'https://nordlys.example.org', use: 'work' },
      ],
      contact: [{ name: { text: 'Kari Nordmann' } }],
    });
  });
});

describe('a service as a HealthcareService', { timeout: 60_000 }, () => {
  it('is provided by its organisation, at its places, for its areas – each an entry of the Bundle', () => {
    const office = resourcesOf(directory, 'Location').find((l) => l.mode === 'instance')!;
    const area = resourcesOf(directory, 'Location').find((l) => l.mode === 'kind')!;
    expect(housing.providedBy).toEqual({ reference: `urn:uuid:${partnerId}`, type: 'Organization' });
    expect(housing.location).toEqual([{ reference: `urn:uuid:${office.id}`, type: 'Location', display: 'Main office' }]);
    expect(housing.coverageArea).toEqual([{ reference: `urn:uuid:${area.id}`, type: 'Location', display: 'Sorrel district' }]);
  });

  it.each([
    ['active', true, []],
    ['temporarily closed', true, [{ description: 'Temporarily closed' }]],
    ['inactive', false, []],
    ['defunct', false, []],
  ])('is %s in HSDS: active %s, with notAvailable %j', (status, active, notAvailable) => {
    const service = healthcareServiceOf({ ...housingAdvice, status }, partnerId);
    expect(service.active).toBe(active);
    expect(service.notAvailable ?? []).toEqual(notAvailable);
  });

  it("has the agency's service categories as its category, and an import's taxonomy terms as its type", () => {
    expect(housing.category).toEqual([{ text: 'Housing' }]);
    const imported = healthcareServiceOf(officialExample, undefined);
    expect(imported.category).toBeUndefined();
    expect(imported.type).toEqual([{ coding: [{ system: 'http://example.com', code: 'code', display: 'name' }], text: 'name' }]);
  });

  it('is open on the weekly hours, and says the notes of the hours in words', () => {
    expect(housing.availableTime).toEqual([
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], availableStartTime: '09:00:00', availableEndTime: '15:00:00' },
      { daysOfWeek: ['thu'], availableStartTime: '17:00:00', availableEndTime: '19:30:00' },
    ]);
    expect(housing.availabilityExceptions).toBe('TH 17:00–19:30: Drop-in');
  });

  it('speaks its languages, as BCP 47 codes', () => {
    expect(housing.communication!.map((c) => c.coding![0])).toEqual([
      { system: 'urn:ietf:bcp:47', code: 'nb' },
      { system: 'urn:ietf:bcp:47', code: 'zh-Hans' },
    ]);
  });

  it('is for whom the eligibility says, with the age limits', () => {
    expect(housing.eligibility).toEqual([{ code: { text: 'Aged 18 or over' }, comment: 'Adults living in the district' }]);
  });

  it('is free when every cost option costs nothing, and has fees when one costs something', () => {
    expect(housing.serviceProvisionCode![0]!.coding![0]!.code).toBe('free');
    expect(serviceNamed('Gjeldsrådgivning').serviceProvisionCode![0]!.coding![0]!.code).toBe('cost');
  });

  it('can be phoned, written to and looked up for work', () => {
    expect(housing.telecom).toEqual([
      { system: 'phone', value: '+47 77 00 00 00', use: 'work' },
      { system: 'email', value: 'bolig@example.org', use: 'work' },
      { system: 'url', value: 'https://nordlys.example.org/bolig', use: 'work' },
    ]);
  });

  it('says in its extra details what FHIR has no element for: how to apply, the fees, the documents to bring', () => {
    expect(housing.extraDetails).toContain('**How to apply**\n\nRing or drop in.');
    expect(housing.extraDetails).toContain('- First meeting: 0 NOK');
    expect(housing.extraDetails).toContain('**Documents to bring**\n\n- Tenancy agreement');
  });

  it('was last updated when its HSDS document was', () => {
    expect(housing.meta).toEqual({ lastUpdated: '2026-12-01T10:00:00.000Z' });
  });
});

describe('a place as a Location', { timeout: 60_000 }, () => {
  it('has its address, name and opening hours, and is managed by the organisation', () => {
    const office = resourcesOf(directory, 'Location').find((l) => l.mode === 'instance')!;
    expect(office).toMatchObject<Partial<Location>>({
      status: 'active',
      name: 'Main office',
      address: { use: 'work', type: 'physical', line: ['Storgata 5'], city: 'Tromsø', state: 'Tromsø', postalCode: '9008', country: 'NO' },
      managingOrganization: { reference: `urn:uuid:${partnerId}`, type: 'Organization' },
    });
  });

  it('is an area, by kind, for where a service is offered', () => {
    const area = resourcesOf(directory, 'Location').find((l) => l.mode === 'kind')!;
    expect(area.name).toBe('Sorrel district');
    expect(area.physicalType!.coding![0]).toMatchObject({ code: 'area' });
  });
});

describe('the two checkers', { timeout: 60_000 }, () => {
  const service: HealthcareService = { resourceType: 'HealthcareService', id: 'x', name: 'Some service' };

  it('accept a plain HealthcareService', () => {
    expect(fhirProblems(service)).toEqual([]);
  });

  it('find, each, what the other misses: Medplum an unknown element, the schema a time of day FHIR does not write', () => {
    expect(medplumProblems({ ...service, programName: ['STU3 only'] } as HealthcareService)).not.toEqual([]);
    expect(schemaProblems({ ...service, availableTime: [{ availableStartTime: '9:00' }] })).not.toEqual([]);
  });
});
