import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, calendarDateIn } from '../../src/core/calendar-date.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, insertAgency, type TestApp } from '../support/server.ts';

/*
 * The service directory in Open Referral HSDS 3.0. Exports are checked against the official
 * compiled service schema (src/areas/service-directory/hsds, as published) with ajv of their own,
 * not through the app's validator.
 */

const hsdsFolder = path.resolve(import.meta.dirname, '../../src/areas/service-directory/hsds');
type SchemaObject = {
  name?: string;
  path?: string;
  type?: string;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  required?: string[];
};
const officialSchema = JSON.parse(readFileSync(path.join(hsdsFolder, 'service-schema-compiled.json'), 'utf8')) as SchemaObject;
const officialExample = JSON.parse(readFileSync(path.join(hsdsFolder, 'service-full-example.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => Ajv)(ajv);
const validService = ajv.compile(officialSchema);

let t: TestApp;
let admin: ApiClient;
let worker: ApiClient;
let workerStaff: CreatedStaff;
let partnerId: string;

async function ok<T = Record<string, unknown>>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/** A fictional service of the partner, open weekdays 09:00–15:00 and Thursday evenings. */
const housingAdvice = (organisationId: string) => ({
  organisationId,
  name: 'Bostedsrådgivning Nord',
  description: 'Råd om husleie, depositum og søknad om kommunal bolig.',
  categories: ['Housing'],
  areas: ['Sorrel district'],
  languages: ['nb', 'zh-Hans', 'ru'],
  openingHours: [
    { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '15:00' },
    { days: ['TH'], opensAt: '17:00', closesAt: '19:30', note: 'Drop-in' },
  ],
  locations: [{ name: 'Main office', address: 'Storgata 5', city: 'Tromsø', postalCode: '9008', country: 'NO' }],
  phones: [{ number: '+47 77 00 00 00' }],
  contacts: [{ name: 'Ingrid Rådgiver', email: 'ingrid@example.org', phone: '+47 77 00 00 01' }],
  eligibility: 'Adults living in the district',
  minimumAge: 18,
  requiredDocuments: ['Tenancy agreement'],
  costOptions: [{ option: 'First meeting', amount: 0, currency: 'NOK' }],
});

beforeAll(async () => {
  t = await createTestApp();
  const unitId = await firstUnitId(t.db);
  admin = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
  workerStaff = await t.createStaff({ roles: ['case_worker'], unitId });
  worker = await signedInClient(t.app, workerStaff);
  partnerId = (
    await ok<{ id: string }>(
      admin.post('/partner-organisations', {
        name: 'Nordlys Frivilligsentral',
        contactPerson: null,
        phone: '+47 77 11 11 11',
        email: 'post@example.org',
        address: null,
        services: [],
        regions: [],
      }),
    )
  ).id;
});
afterAll(async () => {
  await t.close();
});

describe('the service directory', () => {
  it("is searched by kind of service, area, language, opening hours and words of the organisation's name", async () => {
    const created = await ok<{ id: string }>(admin.post('/directory/services', housingAdvice(partnerId)));
    const found = async (query: string) =>
      (await ok<{ items: { id: string }[] }>(worker.get(`/directory/services?${query}`))).items.map((s) => s.id).includes(created.id);

    expect(await found('category=housing')).toBe(true);
    expect(await found('category=Debt%20advice')).toBe(false);
    expect(await found('area=Sorrel%20district')).toBe(true);
    expect(await found('area=Elsewhere')).toBe(false);
    expect(await found('language=zh')).toBe(true);
    expect(await found('language=sv')).toBe(false);
    expect(await found('openOn=TH&openAt=18:00')).toBe(true);
    expect(await found('openOn=TU&openAt=18:00')).toBe(false);
    expect(await found('openOn=SU')).toBe(false);
    expect(await found('openAt=15:00')).toBe(false);
    expect(await found('q=frivillig')).toBe(true);
  });

  it('keeps what the form wrote: hours, places, contacts, costs and documents come back as they were given', async () => {
    const created = await ok<Record<string, unknown>>(admin.post('/directory/services', housingAdvice(partnerId)));
    expect(created).toMatchObject({
      organisationName: 'Nordlys Frivilligsentral',
      openingHours: [
        { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '15:00', note: null },
        { days: ['TH'], opensAt: '17:00', closesAt: '19:30', note: 'Drop-in' },
      ],
      locations: [{ name: 'Main office', address: 'Storgata 5', city: 'Tromsø', postalCode: '9008', country: 'NO' }],
      contacts: [{ name: 'Ingrid Rådgiver', email: 'ingrid@example.org', phone: '+47 77 00 00 01', title: null }],
      costOptions: [{ option: 'First meeting', amount: 0, currency: 'NOK' }],
      requiredDocuments: ['Tenancy agreement'],
      verifiedOn: null,
      verificationDue: true,
    });
  });

  it('flags a service not verified within the months the agency sets, until someone verifies it', async () => {
    const created = await ok<{ id: string; version: number }>(admin.post('/directory/services', housingAdvice(partnerId)));
    const verified = await ok<{ verifiedOn: string; verifiedBy: string; verificationDue: boolean; version: number }>(
      admin.post(`/directory/services/${created.id}/verify`, { version: created.version }),
    );
    expect(verified).toMatchObject({ verifiedOn: calendarDateIn('UTC'), verificationDue: false });
    expect(verified.verifiedBy).toContain('@');

    const longAgo = addCalendarMonths(calendarDateIn('UTC'), -13);
    await t.db.execute(sql`UPDATE directory_services SET verified_on = ${longAgo}::date WHERE id = ${created.id}`);
    expect(await ok(worker.get(`/directory/services/${created.id}`))).toMatchObject({ verificationDue: true });
    const due = await ok<{ items: { id: string }[] }>(worker.get('/directory/services?verificationDue=true'));
    expect(due.items.map((s) => s.id)).toContain(created.id);
  });

  it('refuses a stale change with 409, and a change by a case worker with 403', async () => {
    const created = await ok<{ id: string; version: number }>(admin.post('/directory/services', housingAdvice(partnerId)));
    await ok(admin.put(`/directory/services/${created.id}`, { ...housingAdvice(partnerId), name: 'Renamed', version: created.version }));
    const stale = await admin.put(`/directory/services/${created.id}`, { ...housingAdvice(partnerId), version: created.version });
    expect(stale.statusCode).toBe(409);
    expect((await worker.post('/directory/services', housingAdvice(partnerId))).statusCode).toBe(403);
  });

  it('names the field of a bad service: opening hours that close before they open', async () => {
    const bad = await admin.post('/directory/services', {
      ...housingAdvice(partnerId),
      openingHours: [{ days: ['MO'], opensAt: '15:00', closesAt: '09:00' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('openingHours');
  });
});

describe('the directory in HSDS 3.0', () => {
  it('exports JSON that the official schema accepts, each service with its organisation', async () => {
    await ok(admin.post('/directory/services', housingAdvice(partnerId)));
    const response = await worker.get('/directory/export?format=json');
    expect(response.statusCode).toBe(200);
    const services = response.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      expect(validService(service), JSON.stringify(validService.errors)).toBe(true);
      expect(service.organization).toMatchObject({ id: partnerId, name: 'Nordlys Frivilligsentral' });
    }
  });

  it('exports the tabular data package: a CSV per object with the schema’s columns, rows that conform, and parents that exist', async () => {
    await ok(admin.post('/directory/services', housingAdvice(partnerId)));
    const response = await worker.get('/directory/export?format=tabular');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const datapackage = JSON.parse(strFromU8(files['datapackage.json']!)) as {
      profile: string;
      resources: { name: string; path: string; schema: { fields: { name: string }[] } }[];
    };
    expect(datapackage.profile).toBe('tabular-data-package');
    expect(datapackage.resources.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        'organizations.csv',
        'services.csv',
        'phones.csv',
        'schedules.csv',
        'locations.csv',
        'addresses.csv',
        'service_at_location.csv',
        'languages.csv',
        'service_areas.csv',
        'contacts.csv',
        'cost_options.csv',
        'required_documents.csv',
        'attributes.csv',
        'taxonomy_terms.csv',
      ]),
    );

    // The official object schemas, by CSV file name, from the compiled schema.
    const objectSchemas = new Map<string, SchemaObject>();
    const collect = (schema: SchemaObject) => {
      const object = schema.type === 'array' ? schema.items! : schema;
      if (object.path && !objectSchemas.has(object.path)) {
        objectSchemas.set(object.path, object);
        for (const property of Object.values(object.properties ?? {}))
          if (property.type === 'array' || property.type === 'object') collect(property);
      }
    };
    collect(officialSchema);

    const rowsOf = new Map<string, Record<string, string>[]>();
    for (const resource of datapackage.resources) {
      const schema = objectSchemas.get(resource.path)!;
      const flat = Object.fromEntries(
        Object.entries(schema.properties ?? {}).filter(([, p]) => p.type !== 'array' && p.type !== 'object'),
      ) as Record<string, SchemaObject>;
      const rows = parse(strFromU8(files[resource.path]!), { columns: true }) as Record<string, string>[];
      const header = (parse(strFromU8(files[resource.path]!), { to: 1 }) as string[][])[0];
      expect(header, resource.path).toEqual(Object.keys(flat));
      expect(resource.schema.fields.map((f) => f.name)).toEqual(Object.keys(flat));
      const validRow = ajv.compile({ type: 'object', properties: flat, required: schema.required ?? [] });
      for (const row of rows) {
        const typed = Object.fromEntries(
          Object.entries(row)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, flat[k]?.type === 'number' ? Number(v) : v]),
        );
        expect(validRow(typed), `${resource.path}: ${JSON.stringify(validRow.errors)}`).toBe(true);
      }
      rowsOf.set(resource.path, rows);
    }
    const ids = (file: string) => new Set((rowsOf.get(file) ?? []).map((r) => r.id));
    for (const service of rowsOf.get('services.csv')!) expect(ids('organizations.csv')).toContain(service.organization_id);
    for (const phone of rowsOf.get('phones.csv')!)
      expect(
        ids('services.csv').has(phone.service_id!) ||
          ids('organizations.csv').has(phone.organization_id!) ||
          ids('contacts.csv').has(phone.contact_id!),
      ).toBe(true);
    for (const at of rowsOf.get('service_at_location.csv')!) {
      expect(ids('services.csv')).toContain(at.service_id);
      expect(ids('locations.csv')).toContain(at.location_id);
    }
    for (const address of rowsOf.get('addresses.csv')!) expect(ids('locations.csv')).toContain(address.location_id);
    for (const attribute of rowsOf.get('attributes.csv')!) expect(ids('taxonomy_terms.csv')).toContain(attribute.taxonomy_term_id);
  });

  it('imports the official full example with its organisation, finds it, and keeps the fields the form does not edit', async () => {
    const organisationId = '8e8a3c6a-7c21-4a0d-9b8e-1b1f6d3a4c55';
    const example = {
      ...officialExample,
      organization: { id: organisationId, name: 'MyCity Counselling', description: 'Counselling in MyCity' },
    };
    expect(await ok(admin.post('/directory/import', [example]))).toEqual({
      organisationsCreated: 1,
      organisationsUpdated: 0,
      servicesCreated: 1,
      servicesUpdated: 0,
    });
    const service = await ok<{ id: string; organisationName: string; version: number; openingHours: unknown[] }>(
      worker.get(`/directory/services/${officialExample.id as string}?`),
    );
    expect(service.organisationName).toBe('MyCity Counselling');
    expect(service.openingHours).toEqual([{ days: ['TH', 'FR'], opensAt: '10:00', closesAt: '18:00', note: expect.any(String) }]);
    expect((await ok<{ items: unknown[] }>(worker.get('/directory/services?q=counselling&openOn=FR&openAt=11:30'))).items).toHaveLength(1);

    const fields = await ok<Record<string, unknown>>(worker.get(`/directory/services/${service.id}`));
    const { id: _id, organisationName: _name, verifiedOn: _on, verifiedBy: _by, verificationDue: _due, ...editable } = fields;
    await ok(admin.put(`/directory/services/${service.id}`, { ...editable, name: 'Community Counselling (MyCity)' }));
    const exported = (await worker.get('/directory/export?format=json')).json() as Record<string, unknown>[];
    const again = exported.find((s) => s.id === service.id)!;
    expect(again).toMatchObject({
      name: 'Community Counselling (MyCity)',
      accreditations: officialExample.accreditations,
      licenses: officialExample.licenses,
    });
    expect(validService(again), JSON.stringify(validService.errors)).toBe(true);

    expect(await ok(admin.post('/directory/import', exported))).toMatchObject({ servicesCreated: 0, organisationsCreated: 0 });
  });

  it('refuses an import the official schema does not accept, naming the service and the problem, and saves none of it', async () => {
    const before = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM directory_services`);
    const good = {
      ...officialExample,
      id: '0d7f5e3b-2a9c-4b8e-8f1d-6c5b4a3e2d1f',
      organization: { id: partnerId, name: 'Nordlys', description: '' },
    };
    const bad = { ...good, id: '1e8a6f4c-3b0d-4c9f-9a2e-7d6c5b4f3e2a', status: 'open' };
    const response = await admin.post('/directory/import', [good, bad]);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('[1]');
    expect(JSON.stringify(response.json())).toContain('/status');
    const after = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM directory_services`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it("is the agency's own: another agency's administrator neither finds nor opens it", async () => {
    const created = await ok<{ id: string }>(admin.post('/directory/services', housingAdvice(partnerId)));
    const { agencyId } = await insertAgency(t.db, 'Fjordby kommune', 'FJO');
    const other = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'], agencyId }));
    expect((await other.get(`/directory/services/${created.id}`)).statusCode).toBe(404);
    expect((await ok<{ items: unknown[] }>(other.get('/directory/services'))).items).toEqual([]);
    expect(workerStaff.id).toBeTruthy();
  });

  it("is what the intake's refer-out list offers for a partner: its services' names, kinds and areas are found there", async () => {
    const partner = await ok<{ id: string }>(
      admin.post('/partner-organisations', {
        name: 'Sjøbuen',
        contactPerson: null,
        phone: null,
        email: null,
        address: null,
        services: [],
        regions: [],
      }),
    );
    await ok(
      admin.post('/directory/services', {
        ...housingAdvice(partner.id),
        name: 'Gjeldsrådgivning Sjøbuen',
        categories: ['Debt advice'],
        areas: ['Harbour ward'],
      }),
    );
    const intake = await signedInClient(t.app, await t.createStaff({ roles: ['intake_worker'], unitId: await firstUnitId(t.db) }));
    const listed = await ok<{ items: { id: string; services: string[]; regions: string[] }[] }>(
      intake.get('/referral-directory?q=Gjeldsr%C3%A5d'),
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ id: partner.id, services: ['Debt advice', 'Gjeldsrådgivning Sjøbuen'], regions: ['Harbour ward'] }),
    ]);
    expect((await ok<{ items: { id: string }[] }>(intake.get('/referral-directory?q=Harbour'))).items.map((e) => e.id)).toContain(
      partner.id,
    );
  });

  it("is what a plan's service may name: an unknown directory service is refused, naming the field", async () => {
    const unitId = await firstUnitId(t.db);
    const supervisor = await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], unitId }));
    const person = await ok<{ id: string }>(supervisor.post('/persons', { givenName: 'Plan', familyName: 'Katalogsen' }));
    const theCase = await ok<{ id: string }>(
      supervisor.post('/cases', { personId: person.id, unitId, responsibleStaffId: workerStaff.id }),
    );
    const service = await ok<{ id: string }>(admin.post('/directory/services', housingAdvice(partnerId)));
    const today = calendarDateIn('UTC');
    const content = (directoryServiceId: string) => ({
      periodFrom: today,
      periodTo: addCalendarMonths(today, 6),
      reviewDate: addCalendarMonths(today, 3),
      services: [{ id: crypto.randomUUID(), type: 'Housing advice', directoryServiceId }],
    });
    const refused = await worker.post(`/cases/${theCase.id}/plans`, { content: content(crypto.randomUUID()) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('content.services.0.directoryServiceId');
    const draft = await ok<{ content: { services: { directoryServiceId: string }[] } }>(
      worker.post(`/cases/${theCase.id}/plans`, { content: content(service.id) }),
    );
    expect(draft.content.services[0]!.directoryServiceId).toBe(service.id);
  });
});
