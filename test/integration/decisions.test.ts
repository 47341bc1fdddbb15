import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let admin: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  admin = await t.createStaff({ roles: ['administrator'] });
});
afterAll(async () => {
  await t.close();
});

async function openCase(givenName: string, languages: string[] = []) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName: 'Vedtak', languages })).json();
  return (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json() as {
    id: string;
    personId: string;
  };
}

const housingSupport = {
  service: 'Housing support',
  outcome: 'partly_granted',
  grantedScope: 'Two visits a week instead of daily visits',
  basis: 'Social Services Act § 4-1',
  justification: 'Needs help to keep the tenancy; daily visits are not needed by the assessment',
  validFrom: '2026-12-01',
  validTo: '2027-05-31',
};

describe('decisions on services', () => {
  it('are drafted by the worker, signed only by a role with decision authority, and never change afterwards', async () => {
    const theCase = await openCase('Marit');
    const w = await signedIn(worker);
    const created = await w.post(`/cases/${theCase.id}/decisions`, {
      items: [
        housingSupport,
        {
          service: 'Rent deposit loan',
          outcome: 'refused',
          basis: 'Agency guidelines 3.2',
          justification: 'Covered by the landlord guarantee',
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({ status: 'draft', language: 'en', decidedBy: null });
    expect(d.appealInstructions).toMatch(/appeal/);

    const byWorker = await w.post(`/decisions/${d.id}/sign`, { version: d.version });
    expect(byWorker.statusCode).toBe(403);
    expect(
      await t.db
        .execute(sql`SELECT 1 FROM audit_events WHERE action = 'decision.sign' AND outcome = 'denied' AND actor_id = ${worker.id}`)
        .then((r) => r.rows.length),
    ).toBe(1);

    const sup = await signedIn(supervisor);
    const signed = (await sup.post(`/decisions/${d.id}/sign`, { version: d.version })).json();
    expect(signed).toMatchObject({ status: 'signed', decidedBy: supervisor.id });
    const change = await w.patch(`/decisions/${d.id}`, {
      appealInstructions: 'Changed after signing, which must fail',
      version: signed.version,
    });
    expect(change.statusCode).toBe(409);
    const tampering = await t.db.execute(sql`UPDATE decisions SET appeal_instructions = 'tampered' WHERE id = ${d.id}`).then(
      () => null,
      (e: Error) => e,
    );
    expect(String((tampering?.cause as Error | undefined)?.message)).toMatch(/settled decisions refused/);

    const replacement = await w.post(`/cases/${theCase.id}/decisions`, {
      items: [{ ...housingSupport, outcome: 'granted', grantedScope: '' }],
      supersedesId: d.id,
    });
    expect(replacement.statusCode).toBe(201);
    const earlierRival = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport], supersedesId: d.id })).json();
    const replacementSigned = (await sup.post(`/decisions/${replacement.json().id}/sign`, { version: replacement.json().version })).json();
    expect(replacementSigned.supersedesId).toBe(d.id);
    const lateRival = await sup.post(`/decisions/${earlierRival.id}/sign`, { version: earlierRival.version });
    expect(lateRival.json().errors[0]).toMatchObject({ field: 'supersedesId', code: 'already_replaced' });
    // One replacement only: a second draft replacing the same decision is refused at once, and one drafted earlier cannot be signed.
    const rival = await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport], supersedesId: d.id });
    expect(rival.json().errors[0]).toMatchObject({ field: 'supersedesId', code: 'already_replaced' });
    const list = (await w.get(`/cases/${theCase.id}/decisions`)).json().items as {
      id: string;
      supersededById: string | null;
      items: { outcome: string }[];
    }[];
    expect(list.map((x) => [x.id, x.supersededById])).toEqual([
      [d.id, replacementSigned.id],
      [replacementSigned.id, null],
      [earlierRival.id, null],
    ]);
    expect(list[0]!.items.map((i) => i.outcome)).toEqual(['partly_granted', 'refused']);
  });

  it('are sent for signature by a worker without decision authority: awaiting signature, and the supervisors who reach the case are alerted', async () => {
    const theCase = await openCase('Sunniva');
    const otherUnit = (await (await signedIn(admin)).post('/units', { name: 'Legal aid service' })).json().id as string;
    const elsewhere = await t.createStaff({ roles: ['supervisor'], unitId: otherUnit });
    const w = await signedIn(worker);
    const d = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
    const sent = await w.post(`/decisions/${d.id}/send-for-signature`, { version: d.version });
    expect(sent.json()).toMatchObject({ status: 'awaiting_signature', decidedBy: null });
    const alertsOf = async (who: CreatedStaff) =>
      ((await (await signedIn(who)).get('/alerts')).json().items as { kind: string; caseId: string | null }[]).filter(
        (a) => a.kind === 'decision_to_sign' && a.caseId === theCase.id,
      );
    expect(await alertsOf(supervisor)).toHaveLength(1);
    expect(await alertsOf(elsewhere)).toHaveLength(0);
    expect(await alertsOf(worker)).toHaveLength(0);
    const again = await w.post(`/decisions/${d.id}/send-for-signature`, { version: sent.json().version });
    expect(again.statusCode).toBe(409);
    const signed = await (await signedIn(supervisor)).post(`/decisions/${d.id}/sign`, { version: sent.json().version });
    expect(signed.json()).toMatchObject({ status: 'signed', decidedBy: supervisor.id });
  });

  it('become a draft again when changed while awaiting signature', async () => {
    const theCase = await openCase('Torunn');
    const w = await signedIn(worker);
    const d = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
    const sent = (await w.post(`/decisions/${d.id}/send-for-signature`, { version: d.version })).json();
    const changed = await w.patch(`/decisions/${d.id}`, {
      appealInstructions: 'Write to the agency head within three weeks.',
      version: sent.version,
    });
    expect(changed.json()).toMatchObject({ status: 'draft', may: { sendForSignature: true } });
  });

  it('are not sent for signature when no one with decision authority reaches the case', async () => {
    const theCase = await openCase('Vilde');
    const a = await signedIn(admin);
    const agency = (await a.get('/agency')).json();
    await a.put('/agency', { ...withoutReadOnly(agency), decisionRoles: ['agency_head'], version: agency.version });
    try {
      const w = await signedIn(worker);
      const d = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
      const sent = await w.post(`/decisions/${d.id}/send-for-signature`, { version: d.version });
      expect(sent.statusCode).toBe(409);
      expect((await w.get(`/decisions/${d.id}`)).json().status).toBe('draft');
    } finally {
      const now = (await a.get('/agency')).json();
      await a.put('/agency', { ...withoutReadOnly(now), decisionRoles: ['supervisor', 'agency_head'], version: now.version });
    }
  });

  it("follow the agency's setting of who has decision authority", async () => {
    const theCase = await openCase('Arne');
    const a = await signedIn(admin);
    const agency = (await a.get('/agency')).json();
    expect(agency.decisionRoles).toEqual(['supervisor', 'agency_head']);
    await a.put('/agency', { ...withoutReadOnly(agency), decisionRoles: ['case_worker'], version: agency.version });
    try {
      const w = await signedIn(worker);
      const d = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
      expect((await (await signedIn(supervisor)).post(`/decisions/${d.id}/sign`, { version: d.version })).statusCode).toBe(403);
      expect((await w.post(`/decisions/${d.id}/sign`, { version: d.version })).json().status).toBe('signed');
    } finally {
      const now = (await a.get('/agency')).json();
      await a.put('/agency', { ...withoutReadOnly(now), decisionRoles: ['supervisor', 'agency_head'], version: now.version });
    }
  });

  it("print as a letter in the person's language, a draft marked as such", async () => {
    const theCase = await openCase('Ольга', ['ru']);
    const w = await signedIn(worker);
    const d = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
    expect(d.language).toBe('ru');
    const draft = await w.get(`/decisions/${d.id}/letter`);
    expect(draft.headers['content-type']).toMatch(/text\/html/);
    expect(draft.body).toContain('ПРОЕКТ');
    expect(draft.body).toContain('Решение о предоставлении услуг');
    expect(draft.body).toContain('предоставить частично');
    expect(draft.body).toContain('Ольга Vedtak');
    await (await signedIn(supervisor)).post(`/decisions/${d.id}/sign`, { version: d.version });
    const final = (await w.get(`/decisions/${d.id}/letter`)).body;
    expect(final).not.toContain('ПРОЕКТ');
    expect(final).toContain('Порядок обжалования');
  });

  it('refuse a granted service without a start date and a partly granted one without what is granted, naming the field', async () => {
    const theCase = await openCase('Field');
    const w = await signedIn(worker);
    const noStart = await w.post(`/cases/${theCase.id}/decisions`, { items: [{ ...housingSupport, validFrom: null }] });
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().errors[0].field).toBe('items.0.validFrom');
    const noScope = await w.post(`/cases/${theCase.id}/decisions`, { items: [{ ...housingSupport, grantedScope: '' }] });
    expect(noScope.json().errors[0].field).toBe('items.0.grantedScope');
    const draftReplaced = (await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] })).json();
    const badSupersede = await w.post(`/cases/${theCase.id}/decisions`, { items: [housingSupport], supersedesId: draftReplaced.id });
    expect(badSupersede.statusCode).toBe(400);
    expect(badSupersede.json().errors[0]).toMatchObject({ field: 'supersedesId', code: 'not_signed' });
  });

  it('are not made on a closed case', async () => {
    const theCase = await openCase('Closed');
    const sup = await signedIn(supervisor);
    const current = (await sup.get(`/cases/${theCase.id}`)).json();
    await sup.post(`/cases/${theCase.id}/stage`, { stage: 'closed', reason: 'Moved away', version: current.version });
    const refused = await (await signedIn(worker)).post(`/cases/${theCase.id}/decisions`, { items: [housingSupport] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('transition_not_allowed');
  });
});

function withoutReadOnly(agency: Record<string, unknown>) {
  const { version: _v, ...rest } = agency;
  return rest;
}
