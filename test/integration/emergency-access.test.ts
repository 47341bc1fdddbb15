import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let otherUnitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let outsider: CreatedStaff;
let auditor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const reason = 'She is at the emergency room and the doctor needs her plan now';

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  otherUnitId = (await t.db.execute<{ id: string }>(sql`SELECT id FROM units WHERE id <> ${unitId} AND agency_id = 1 LIMIT 1`)).rows[0]!.id;
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  outsider = await t.createStaff({ roles: ['case_worker'], unitId: otherUnitId, displayName: 'Oskar Outsider' });
  auditor = await t.createStaff({ roles: ['auditor'] });
});
afterAll(async () => {
  await t.close();
});

async function openCase() {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName: 'Nødhild', familyName: 'Glass' })).json();
  return (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json().id as string;
}

describe('opening a case in an emergency', () => {
  it('lets staff outside the case read it, and its person, until the time runs out', async () => {
    const caseId = await openCase();
    const o = await signedIn(outsider);
    expect((await o.get(`/cases/${caseId}`)).statusCode).toBe(404);
    const opened = await o.post(`/cases/${caseId}/emergency-access`, { reason });
    expect(opened.statusCode, opened.body).toBe(201);
    const minutes = (new Date(opened.json().expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    const theCase = await o.get(`/cases/${caseId}`);
    expect(theCase.statusCode).toBe(200);
    expect((await o.get(`/persons/${theCase.json().personId}`)).statusCode).toBe(200);
  });

  it('ends when its time has run out', async () => {
    const caseId = await openCase();
    const o = await signedIn(outsider);
    await o.post(`/cases/${caseId}/emergency-access`, { reason });
    // As if the hour had passed: the row is final, so the test moves the clock of the statement instead.
    await t.db.execute(sql`ALTER TABLE emergency_accesses DISABLE TRIGGER emergency_accesses_are_final`);
    await t.db.execute(sql`UPDATE emergency_accesses SET expires_at = now() - interval '1 second' WHERE case_id = ${caseId}`);
    await t.db.execute(sql`ALTER TABLE emergency_accesses ENABLE TRIGGER emergency_accesses_are_final`);
    expect((await o.get(`/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('needs a reason', async () => {
    const caseId = await openCase();
    const refused = await (await signedIn(outsider)).post(`/cases/${caseId}/emergency-access`, { reason: 'urgent' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('reason');
  });

  it('tells the responsible worker and the supervisor at once', async () => {
    const caseId = await openCase();
    await (await signedIn(outsider)).post(`/cases/${caseId}/emergency-access`, { reason });
    for (const who of [worker, supervisor]) {
      const alerts = (await (await signedIn(who)).get('/alerts')).json().items;
      expect(alerts.some((a: { kind: string; caseId: string }) => a.kind === 'emergency_access' && a.caseId === caseId)).toBe(true);
    }
  });

  it('is listed for the auditor with who, which case, why and until when', async () => {
    const caseId = await openCase();
    await (await signedIn(outsider)).post(`/cases/${caseId}/emergency-access`, { reason });
    const listed = await (await signedIn(auditor)).get('/audit/emergency-accesses');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items[0]).toMatchObject({ caseId, staffName: 'Oskar Outsider', reason });
  });

  it('is refused to someone who reaches the case already, and to a partner organisation', async () => {
    const caseId = await openCase();
    expect((await (await signedIn(worker)).post(`/cases/${caseId}/emergency-access`, { reason })).statusCode).toBe(409);
    const partner = await t.createStaff({ roles: ['partner_provider'] });
    expect((await (await signedIn(partner)).post(`/cases/${caseId}/emergency-access`, { reason })).statusCode).toBe(404);
  });
});
