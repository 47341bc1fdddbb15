import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let intake: CreatedStaff;
let client: ApiClient;
beforeAll(async () => {
  t = await createTestApp();
  intake = await t.createStaff({ roles: ['intake_worker'], displayName: 'Ida Intake' });
  client = new ApiClient(t.app);
  await client.signIn(intake.email, intake.password);
});
afterAll(async () => {
  await t.close();
});

const register = (body: Record<string, unknown>) => client.post('/persons', body);
const candidatesFor = async (body: Record<string, unknown>) =>
  (await client.post('/persons/duplicates', body)).json().candidates as {
    personId: string;
    score: number;
    strength: string;
    reasons: { code: string; value?: number }[];
    canOpen: boolean;
  }[];

describe('registering a person', () => {
  it('keeps names in any script and every field of the record', async () => {
    const r = await register({
      givenName: 'Мария',
      familyName: 'Соколова',
      otherNames: ['Maria Sokolova'],
      nameInOtherScript: 'Maria Sokolova',
      birthDate: '1987-03-14',
      sex: 'female',
      languages: ['ru', 'nb'],
      interpreterNeeded: true,
      phones: ['+47 912 34 567'],
      email: 'maria.sokolova@example.org',
      preferredContact: 'sms',
      addressLine: 'Storgata 1',
      postcode: '0155',
      city: 'Oslo',
      region: 'Oslo',
      knownToOtherServices: 'NAV',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      givenName: 'Мария',
      familyName: 'Соколова',
      languages: ['ru', 'nb'],
      interpreterNeeded: true,
      legalCapacity: 'full',
      version: 1,
    });
  });

  it('finds the same person across scripts and spellings while typing, explaining why', async () => {
    const petr = (await register({ givenName: 'Пётр', familyName: 'Иванов', birthDate: '1975-06-01' })).json();
    const found = await candidatesFor({ givenName: 'Petr', familyName: 'Ivanov', birthDate: '1975-06-01' });
    const match = found.find((c) => c.personId === petr.id);
    expect(match).toBeDefined();
    expect(match!.strength).toBe('strong');
    expect(match!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['same_birth_date']));
    expect(match!.canOpen).toBe(true); // they registered them

    const wang = (await register({ givenName: '小明', familyName: '王', birthDate: '1990-01-02' })).json();
    const traditional = await candidatesFor({ givenName: '曉明', familyName: '王', birthDate: '1990-01-02' });
    expect(traditional.map((c) => c.personId)).toContain(wang.id);
    const pinyin = await candidatesFor({ givenName: 'Xiaoming', familyName: 'Wang' });
    expect(pinyin.map((c) => c.personId)).toContain(wang.id);

    const misspelt = await candidatesFor({ givenName: 'Pyotr', familyName: 'Ivanow', birthDate: '1975-06-01' });
    expect(misspelt.map((c) => c.personId)).toContain(petr.id);
  });

  it('finds a person by national ID or phone whatever the name', async () => {
    const p = (await register({ givenName: 'Kari', familyName: 'Nordmann', phones: ['+47 400 00 001'] })).json();
    const byPhone = await candidatesFor({ givenName: 'K.', familyName: 'N.', phones: ['40000001'] });
    expect(byPhone.map((c) => c.personId)).toContain(p.id);
  });

  it('requires an explicit "this is a different person" for a strong match, and records it', async () => {
    const first = (await register({ givenName: 'Ingrid', familyName: 'Bergersen', birthDate: '1961-09-09' })).json();
    const blocked = await register({ givenName: 'Ingrid', familyName: 'Bergersen', birthDate: '1961-09-09' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('possible_duplicate');
    expect(blocked.json().errors[0]).toMatchObject({ field: 'confirmedDistinctFrom', code: 'strong_match', message: first.id });
    const confirmed = await register({
      givenName: 'Ingrid',
      familyName: 'Bergersen',
      birthDate: '1961-09-09',
      confirmedDistinctFrom: [first.id],
    });
    expect(confirmed.statusCode).toBe(201);
    const rows = await t.db.execute(
      sql`SELECT 1 FROM distinct_person_confirmations WHERE person_id = ${confirmed.json().id} AND existing_person_id = ${first.id}`,
    );
    expect(rows.rows).toHaveLength(1);
    const audit = await t.db.execute(
      sql`SELECT 1 FROM audit_events WHERE action = 'person.confirmed_distinct' AND person_id = ${first.id}`,
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('audits a duplicate check with one event naming every candidate shown', async () => {
    const p = (await register({ givenName: 'Sven', familyName: 'Svensson', birthDate: '1950-05-05' })).json();
    const q = (
      await register({ givenName: 'Svea', familyName: 'Svensson', birthDate: '1950-05-05', confirmedDistinctFrom: [p.id] })
    ).json();
    const shown = await candidatesFor({ givenName: 'Sven', familyName: 'Svenson', birthDate: '1950-05-05' });
    expect(shown.map((c) => c.personId).sort()).toEqual([p.id, q.id].sort());
    const audit = await t.db.execute<{ ids: string[] }>(
      sql`SELECT person_ids AS ids FROM audit_events WHERE action = 'person.duplicate_check' ORDER BY seq DESC LIMIT 1`,
    );
    expect([...audit.rows[0]!.ids].sort()).toEqual([p.id, q.id].sort());
  });

  it('checks national IDs for the countries the agency configured', async () => {
    await t.db.execute(sql`UPDATE agency SET national_id_countries = '{NO}'`);
    const bad = await register({ givenName: 'Ola', familyName: 'Feilnummer', nationalId: '12345678901', nationalIdCountry: 'NO' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('nationalId');
    const other = await register({ givenName: 'Ola', familyName: 'Utland', nationalId: 'X-123', nationalIdCountry: 'DE' });
    expect(other.statusCode).toBe(201);
    const missingCountry = await register({ givenName: 'Ola', familyName: 'Uten', nationalId: '123' });
    expect(missingCountry.json().errors[0].field).toBe('nationalIdCountry');
  });
});

describe('editing and history', () => {
  it('changes only the fields sent, keeps every earlier state, and names what changed', async () => {
    const p = (await register({ givenName: 'Aud', familyName: 'Hansen', phones: ['+47 411 11 111'], languages: ['nb'] })).json();
    const edited = await client.patch(`/persons/${p.id}`, { familyName: 'Hansen-Berg', version: 1 });
    expect(edited.json()).toMatchObject({ familyName: 'Hansen-Berg', phones: ['+47 411 11 111'], languages: ['nb'], version: 2 });
    const history = (await client.get(`/persons/${p.id}/history`)).json().items;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].changedFields).toEqual(['familyName']);
    expect(history[1].snapshot.familyName).toBe('Hansen');
  });
});

describe('linking duplicates found later', () => {
  it('links two records with a reason, never merging them, and unlinks with a reason; all audited', async () => {
    const a = (await register({ givenName: 'Liv', familyName: 'Olsen', birthDate: '1970-01-01' })).json();
    const b = (await register({ givenName: 'Liv', familyName: 'Olsen-Dahl', birthDate: '1971-02-02' })).json();
    const link = await client.post(`/persons/${a.id}/links`, { otherPersonId: b.id, reason: 'Same person, married name' });
    expect(link.statusCode).toBe(201);
    expect(link.json()).toMatchObject({ linkedByName: 'Ida Intake', unlinkedByName: null });
    expect((await client.post(`/persons/${b.id}/links`, { otherPersonId: a.id, reason: 'again' })).statusCode).toBe(409);
    expect((await client.get(`/persons/${a.id}`)).json().familyName).toBe('Olsen');
    expect((await client.get(`/persons/${b.id}`)).json().familyName).toBe('Olsen-Dahl');
    const unlink = await client.post(`/person-links/${link.json().id}/unlink`, { reason: 'Turned out to be sisters' });
    expect(unlink.json()).toMatchObject({ unlinkReason: 'Turned out to be sisters', unlinkedByName: 'Ida Intake' });
    expect((await client.get(`/persons/${b.id}/links`)).json().items[0]).toMatchObject({
      linkedByName: 'Ida Intake',
      unlinkedByName: 'Ida Intake',
    });
    const audit = await t.db.execute(
      sql`SELECT action FROM audit_events WHERE person_id = ${b.id} AND action IN ('person.link','person.unlink') ORDER BY seq`,
    );
    expect(audit.rows.map((r) => (r as { action: string }).action)).toEqual(['person.link', 'person.unlink']);
  });
});

describe('relatives and household', () => {
  it('records relatives as links to other person records, with the relationship and household membership', async () => {
    const mother = (await register({ givenName: 'Gro', familyName: 'Lie' })).json();
    const son = (
      await register({
        givenName: 'Per',
        familyName: 'Lie',
        birthDate: '2010-01-01',
        guardianPersonId: mother.id,
        guardianRelationship: 'mother',
      })
    ).json();
    expect(son.guardianPersonId).toBe(mother.id);
    const added = await client.post(`/persons/${son.id}/relations`, {
      relatedPersonId: mother.id,
      relationship: 'mother',
      household: true,
    });
    expect(added.json()).toMatchObject({ relatedPersonName: 'Gro Lie', relationship: 'mother', household: true });
    expect((await client.get(`/persons/${son.id}/relations`)).json().items).toHaveLength(1);
    expect((await client.post(`/persons/${son.id}/relations`, { relatedPersonId: son.id, relationship: 'self' })).statusCode).toBe(400);
  });

  it('stores a checked national ID in its normal form, so spellings of the same ID match', async () => {
    await t.db.execute(sql`UPDATE agency SET national_id_countries = '{SE}'`);
    const a = await register({ givenName: 'Lars', familyName: 'Persson', nationalId: '811228-9874', nationalIdCountry: 'SE' });
    expect(a.statusCode).toBe(201);
    const found = await candidatesFor({ givenName: 'L', familyName: 'P', nationalId: a.json().nationalId });
    expect(found.map((c) => c.personId)).toContain(a.json().id);
  });
});
