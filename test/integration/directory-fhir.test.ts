import { sql } from 'drizzle-orm';
import type { Bundle } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { bundleProblems, resourcesOf } from '../support/fhir.ts';
import { createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

/*
 * The service directory as a FHIR R4 Bundle, made through the API and checked by Medplum's
 * validator and by the official FHIR R4 JSON schema (test/support/fhir.ts).
 */

let t: TestApp;
let admin: ApiClient;
let worker: ApiClient;
let partnerId: string;
let serviceId: string;

async function ok<T = Record<string, unknown>>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
  worker = await signedInClient(t.app, await t.createStaff({ roles: ['case_worker'], unitId: await firstUnitId(t.db) }));
  partnerId = (
    await ok<{ id: string }>(
      admin.post('/partner-organisations', {
        name: 'Nordlys Frivilligsentral',
        contactPerson: 'Kari Nordmann',
        phone: '+47 77 11 11 11',
        email: 'post@example.org',
        address: null,
        services: [],
        regions: [],
      }),
    )
  ).id;
  serviceId = (
    await ok<{ id: string }>(
      admin.post('/directory/services', {
        organisationId: partnerId,
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
      }),
    )
  ).id;
});
afterAll(async () => {
  await t.close();
});

describe('the directory as FHIR R4', () => {
  it('is a Bundle of application/fhir+json whose every entry both checkers accept', async () => {
    const response = await worker.get('/directory/export?format=fhir');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = response.json() as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundleProblems(bundle)).toEqual([]);
    expect(resourcesOf(bundle, 'Organization').map((o) => o.id)).toEqual([partnerId]);
    expect(resourcesOf(bundle, 'HealthcareService')).toEqual([
      expect.objectContaining({
        id: serviceId,
        name: 'Bostedsrådgivning Nord',
        providedBy: expect.objectContaining({ reference: `urn:uuid:${partnerId}` }),
      }),
    ]);
    expect(resourcesOf(bundle, 'Location').map((l) => l.name)).toEqual(['Main office', 'Sorrel district']);
  });

  it('is audited as an export of the directory, in its format', async () => {
    await ok(worker.get('/directory/export?format=fhir'));
    const audited = await t.db.execute<{ details: { format: string; services: number } }>(
      sql`SELECT details FROM audit_events WHERE action = 'directory.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audited.rows[0]!.details).toEqual({ format: 'fhir', services: 1 });
  });

  it('is refused to those who may not read the partner network', async () => {
    const auditor = await signedInClient(t.app, await t.createStaff({ roles: ['auditor'] }));
    expect((await auditor.get('/directory/export?format=fhir')).statusCode).toBe(403);
  });
});
