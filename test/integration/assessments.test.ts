import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let outsider: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  outsider = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
});
afterAll(async () => {
  await t.close();
});

async function openCase(givenName: string) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName: 'Kartlegging' })).json();
  return (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json() as {
    id: string;
    personId: string;
  };
}

describe('needs assessment', () => {
  it("records findings per domain, needs, completion and the person's corrections – audited, kept once completed", async () => {
    const theCase = await openCase('Ragnhild');
    const w = await signedIn(worker);
    const created = await w.post(`/cases/${theCase.id}/assessments`, {
      assessedOn: '2026-11-02',
      sources: ['interview', 'scales'],
      domains: {
        housing: {
          findings: "Sleeps at a friend's flat, must leave by December",
          strengths: 'Keeps in touch with the landlord office',
          score: 2,
        },
      },
    });
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ status: 'draft', kind: 'initial', domains: { housing: { score: 2 } }, needs: [] });
    const edited = await w.patch(`/assessments/${a.id}`, {
      analysisCauses: 'Lost the tenancy after a rent debt',
      personView: "Wants a flat near her daughter's school",
      version: a.version,
    });
    expect(edited.json()).toMatchObject({
      analysisCauses: 'Lost the tenancy after a rent debt',
      version: a.version + 1,
      domains: { housing: { score: 2 } },
    });
    expect((await w.patch(`/assessments/${a.id}`, { personView: 'stale', version: a.version })).statusCode).toBe(409);

    const needRes = await w.post(`/assessments/${a.id}/needs`, {
      domain: 'housing',
      description: 'A tenancy of her own',
      severity: 'high',
      identifiedOn: '2026-11-02',
    });
    expect(needRes.statusCode).toBe(201);
    expect((await w.get(`/cases/${theCase.id}/needs`)).json().items).toEqual([
      expect.objectContaining({ id: needRes.json().id, status: 'open', severity: 'high' }),
    ]);

    const completed = (await w.post(`/assessments/${a.id}/complete`, { version: edited.json().version })).json();
    expect(completed.status).toBe('completed');
    expect(completed.completedAt).not.toBeNull();
    expect(
      (
        await w.post(`/assessments/${a.id}/needs`, {
          domain: 'health',
          description: 'Added afterwards',
          severity: 'low',
          identifiedOn: '2026-11-02',
        })
      ).json().code,
    ).toBe('transition_not_allowed');
    const recorded = needRes.json();
    const rewrite = await w.patch(`/needs/${recorded.id}`, { description: 'Rewritten afterwards', version: recorded.version });
    expect(rewrite.json().errors[0]).toMatchObject({ field: 'description', code: 'assessment_completed' });
    expect((await w.patch(`/needs/${recorded.id}`, { status: 'met', version: recorded.version })).json()).toMatchObject({
      status: 'met',
      description: 'A tenancy of her own',
    });
    const late = await w.patch(`/assessments/${a.id}`, { personView: 'changed afterwards', version: completed.version });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('transition_not_allowed');

    const noCorrections = await w.post(`/assessments/${a.id}/person-response`, { response: 'corrected', version: completed.version });
    expect(noCorrections.statusCode).toBe(400);
    expect(noCorrections.json().errors).toEqual([expect.objectContaining({ field: 'corrections' })]);
    const corrected = (
      await w.post(`/assessments/${a.id}/person-response`, {
        response: 'corrected',
        corrections: 'The debt was paid in October',
        version: completed.version,
      })
    ).json();
    expect(corrected).toMatchObject({ personResponse: 'corrected', personCorrections: 'The debt was paid in October' });
    expect(corrected.personRespondedAt).not.toBeNull();

    const actions = (
      await t.db.execute<{ action: string }>(
        sql`SELECT action FROM audit_events WHERE person_id = ${theCase.personId} AND action LIKE 'assessment.%' OR (action LIKE 'need.%' AND person_id = ${theCase.personId}) ORDER BY seq`,
      )
    ).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'assessment.create',
        'assessment.update',
        'need.create',
        'assessment.complete',
        'assessment.person_response',
      ]),
    );
  });

  it('keeps re-assessments side by side, oldest first, with domain scores for the chart', async () => {
    const theCase = await openCase('Oleg');
    const w = await signedIn(worker);
    await w.post(`/cases/${theCase.id}/assessments`, {
      kind: 'reassessment',
      assessedOn: '2026-11-20',
      domains: { housing: { score: 4 }, finances: { score: 3 } },
    });
    await w.post(`/cases/${theCase.id}/assessments`, {
      assessedOn: '2026-06-01',
      domains: { housing: { score: 1 }, finances: { score: 2 } },
    });
    const list = (await w.get(`/cases/${theCase.id}/assessments`)).json().items as {
      assessedOn: string;
      domains: Record<string, { score: number }>;
    }[];
    expect(list.map((x) => [x.assessedOn, x.domains.housing!.score])).toEqual([
      ['2026-06-01', 1],
      ['2026-11-20', 4],
    ]);
  });

  it('is out of reach for a worker not on the case, and the attempt is logged', async () => {
    const theCase = await openCase('Sigrun');
    const a = (await (await signedIn(worker)).post(`/cases/${theCase.id}/assessments`, { assessedOn: '2026-11-01' })).json();
    const o = await signedIn(outsider);
    expect((await o.get(`/assessments/${a.id}`)).statusCode).toBe(404);
    expect((await o.post(`/cases/${theCase.id}/assessments`, { assessedOn: '2026-11-01' })).statusCode).toBe(404);
    const denied = await t.db.execute(
      sql`SELECT 1 FROM audit_events WHERE actor_id = ${outsider.id} AND outcome = 'denied' AND person_id = ${theCase.personId}`,
    );
    expect(denied.rows.length).toBe(2);
  });

  it('refuses a date in the future and an unknown domain, naming the field', async () => {
    const theCase = await openCase('Future');
    const w = await signedIn(worker);
    const future = await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('assessedOn');
    const domain = await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: '2026-01-01', domains: { astrology: { score: 3 } } });
    expect(domain.statusCode).toBe(400);
    expect(domain.json().errors[0].field).toMatch(/^domains/);
  });
});
