import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePartnerOrganisations, cases } from '../../src/areas/case/case.schema.ts';
import { units } from '../../src/areas/organisation/organisation.schema.ts';
import { persons } from '../../src/areas/person/person.schema.ts';
import { verifyAuditChain } from '../../src/core/audit-store.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitA: string;
let unitB: string;
const signedIn = async (who: CreatedStaff) => {
  const c = new ApiClient(t.app);
  await c.signIn(who.email, who.password);
  return c;
};

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = await t.db.select({ id: units.id }).from(units).limit(2);
  unitA = a!.id;
  unitB = b!.id;
});
afterAll(async () => {
  await t.close();
});

async function auditCount(where: ReturnType<typeof sql>) {
  return (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`)).rows[0]!.n;
}

describe('who reaches a person', () => {
  it('scopes people by relationship: own and team cases, unit, agency; none for partners, administrators and auditors', async () => {
    const intake = await t.createStaff({ roles: ['intake_worker'], unitId: unitA });
    const worker = await t.createStaff({ roles: ['case_worker'], unitId: unitA });
    const teammate = await t.createStaff({ roles: ['case_worker'], unitId: unitB });
    const outsider = await t.createStaff({ roles: ['case_worker'], unitId: unitA });
    const supervisorA = await t.createStaff({ roles: ['supervisor'], unitId: unitA });
    const supervisorB = await t.createStaff({ roles: ['supervisor'], unitId: unitB });
    const head = await t.createStaff({ roles: ['agency_head'] });
    const admin = await t.createStaff({ roles: ['administrator'] });
    const auditor = await t.createStaff({ roles: ['auditor'] });
    const partner = await t.createStaff({ roles: ['partner_provider'] });
    const otherPartner = await t.createStaff({ roles: ['partner_provider'] });

    const intakeClient = await signedIn(intake);
    const person = (await intakeClient.post('/persons', { givenName: '李', familyName: '小龙', birthDate: '1990-04-01' })).json();
    const opened = await intakeClient.post('/cases', {
      personId: person.id,
      unitId: unitA,
      responsibleStaffId: worker.id,
      teamStaffIds: [teammate.id],
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().caseNumber).toMatch(/^TIL-\d{4}-000001$/);
    await t.db.insert(casePartnerOrganisations).values({
      agencyId: 1,
      caseId: opened.json().id,
      partnerOrganisationId: (
        await t.db.execute<{ id: string }>(sql`SELECT partner_organisation_id AS id FROM staff WHERE id = ${partner.id}`)
      ).rows[0]!.id,
    });

    const canRead = async (who: CreatedStaff) => (await (await signedIn(who)).get(`/persons/${person.id}`)).statusCode;
    expect(await canRead(intake)).toBe(200); // registered them
    expect(await canRead(worker)).toBe(200); // responsible
    expect(await canRead(teammate)).toBe(200); // on the team
    expect(await canRead(supervisorA)).toBe(200); // the case's unit
    expect(await canRead(head)).toBe(200); // the agency
    expect(await canRead(outsider)).toBe(404);
    expect(await canRead(supervisorB)).toBe(404);
    // Partners reach no person record, not even of a case addressed to their organisation: a voucher carries what they may know.
    expect(await canRead(partner)).toBe(404);
    expect(await canRead(otherPartner)).toBe(404);
    expect(await canRead(admin)).toBe(403);
    expect(await canRead(auditor)).toBe(403);

    const outsiderList = (await (await signedIn(outsider)).get('/persons')).json();
    expect(outsiderList.items.map((p: { id: string }) => p.id)).not.toContain(person.id);
    const workerList = (await (await signedIn(worker)).get('/persons')).json();
    expect(workerList.items.map((p: { id: string }) => p.id)).toContain(person.id);
  });

  it('audits every read, and a refused read as denied, naming the person', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'], unitId: unitA });
    const outsider = await t.createStaff({ roles: ['case_worker'], unitId: unitA });
    const client = await signedIn(worker);
    const person = (await client.post('/persons', { givenName: 'Ola', familyName: 'Nordmann' })).json();
    expect(await auditCount(sql`person_id = ${person.id} AND action = 'person.create' AND outcome = 'success'`)).toBe(1);
    await client.get(`/persons/${person.id}`);
    await client.get(`/persons/${person.id}`);
    expect(
      await auditCount(sql`person_id = ${person.id} AND action = 'person.read' AND actor_id = ${worker.id} AND outcome = 'success'`),
    ).toBe(2);
    const refused = await (await signedIn(outsider)).get(`/persons/${person.id}`);
    expect(refused.statusCode).toBe(404);
    expect(
      await auditCount(sql`person_id = ${person.id} AND action = 'person.read' AND actor_id = ${outsider.id} AND outcome = 'denied'`),
    ).toBe(1);
    const [event] = (
      await t.db.execute<{ actor_role: string; request_id: string; client_ip: string }>(sql`
      SELECT actor_role, request_id, client_ip FROM audit_events WHERE person_id = ${person.id} AND action = 'person.read' LIMIT 1`)
    ).rows;
    expect(event).toMatchObject({ actor_role: 'case_worker', client_ip: '10.0.0.1' });
    expect(event!.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes the audit event in the same transaction as the change: a failed update leaves neither', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = await signedIn(worker);
    const person = (await client.post('/persons', { givenName: 'Kari', familyName: 'Nordmann' })).json();
    const stale = await client.patch(`/persons/${person.id}`, { familyName: 'Hansen', version: person.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount(sql`person_id = ${person.id} AND action = 'person.update'`)).toBe(0);
    const [row] = await t.db.select().from(persons).where(sql`id = ${person.id}`);
    expect(row!.familyName).toBe('Nordmann');
    const ok = await client.patch(`/persons/${person.id}`, { familyName: 'Hansen', version: person.version });
    expect(ok.json()).toMatchObject({ familyName: 'Hansen', version: person.version + 1 });
    expect(await auditCount(sql`person_id = ${person.id} AND action = 'person.update' AND outcome = 'success'`)).toBe(1);
  });

  it('gives unique case numbers under concurrent creation', async () => {
    const intake = await t.createStaff({ roles: ['intake_worker'], unitId: unitA });
    const worker = await t.createStaff({ roles: ['case_worker'], unitId: unitA });
    const client = await signedIn(intake);
    const person = (await client.post('/persons', { givenName: 'Пётр', familyName: 'Иванов' })).json();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => client.post('/cases', { personId: person.id, unitId: unitA, responsibleStaffId: worker.id })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json().caseNumber);
    expect(new Set(numbers).size).toBe(12);
    const count = (await t.db.execute<{ n: number }>(sql`SELECT count(DISTINCT case_number)::int AS n FROM ${cases}`)).rows[0]!.n;
    expect(count).toBeGreaterThanOrEqual(12);
  });
});

describe('API conventions', () => {
  it('returns the first result for a retried create with the same Idempotency-Key', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = await signedIn(worker);
    const headers = { 'idempotency-key': 'create-person-0001' };
    const body = { givenName: 'Astrid', familyName: 'Lindqvist' };
    const [first, second] = await Promise.all([client.post('/persons', body, headers), client.post('/persons', body, headers)]);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const third = await client.post('/persons', body, headers);
    expect(third.json().id).toBe(first.json().id);
    const created = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons WHERE family_name = 'Lindqvist'`))
      .rows[0]!.n;
    expect(created).toBe(1);
    const reused = await client.post('/persons', { givenName: 'Other', familyName: 'Person' }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('paginates lists with a cursor and never returns more than the limit', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = await signedIn(worker);
    for (let i = 0; i < 7; i++) await client.post('/persons', { givenName: `Page${i}`, familyName: `Family${String(i).padStart(2, '0')}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { familyName: string }[]; nextCursor: string | null } = (
        await client.get(`/persons?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p: { familyName: string }) => p.familyName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen.filter((n) => n.startsWith('Family'))).toHaveLength(7);
    expect((await client.get('/persons?limit=1000')).statusCode).toBe(400);
    expect((await client.get('/persons?cursor=garbage')).json().errors[0].field).toBe('cursor');
  });
});

describe('ids in any letter case', () => {
  it('reads a person by an upper-case id as by the id itself, and the audit chain still holds', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = await signedIn(worker);
    const person = (await client.post('/persons', { givenName: 'Ottoline', familyName: 'Upcase' })).json();
    const read = await client.get(`/persons/${person.id.toUpperCase()}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(person.id);
    const [event] = (
      await t.db.execute<{ entity_id: string; person_id: string }>(
        sql`SELECT entity_id, person_id FROM audit_events WHERE action = 'person.read' AND person_id = ${person.id} ORDER BY seq DESC LIMIT 1`,
      )
    ).rows;
    expect(event).toEqual({ entity_id: person.id, person_id: person.id });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, breakCount: 0 });
  });
});
