/**
 * The case workspace's read (GET /cases/:id/overview): what the header of every page of a case
 * and the overview show – the person's names, who holds the case, where its service agreement
 * stands, the request it came from and its open deadlines – in the one audited statement.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let intake: CreatedStaff;
let worker: CreatedStaff;
let teammate: CreatedStaff;
let outsider: CreatedStaff;
let head: CreatedStaff;
let w: ApiClient;
let caseId: string;
let requestId: string;
let personId: string;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  intake = await t.createStaff({ roles: ['intake_worker'], unitId, displayName: 'Ingrid Intake' });
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Tora Responsible' });
  teammate = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Arne Teammate' });
  outsider = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Odd Outsider' });
  head = await t.createStaff({ roles: ['agency_head'], displayName: 'Hedda Head' });

  // The intake worker registers her, takes her request and opens the case for Tora with Arne on the team.
  const i = await signedIn(intake);
  const person = (
    await i.post('/persons', {
      givenName: 'Olena',
      familyName: 'Kovalenko',
      nameInOtherScript: 'Олена Коваленко',
      birthDate: '1984-05-06',
      languages: ['uk', 'nb'],
    })
  ).json();
  personId = person.id;
  const request = (
    await i.post('/requests', {
      channel: 'walk_in',
      personId,
      mainProblem: 'Rent arrears; the landlord has given notice',
      ownWords: 'I am afraid we will lose the flat before winter',
    })
  ).json();
  requestId = request.id;
  const accepted = await i.post(`/requests/${requestId}/decision`, {
    decision: 'accept',
    unitId,
    responsibleStaffId: worker.id,
    teamStaffIds: [teammate.id],
    version: request.version,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  caseId = accepted.json().caseId;
  w = await signedIn(worker);
});
afterAll(async () => {
  await t.close();
});

const overview = async (client: ApiClient = w) => {
  const response = await client.get(`/cases/${caseId}/overview`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the case workspace read', () => {
  it('names the person as she writes it with the Latin form, and the responsible worker, team and unit by name', async () => {
    const read = await overview();
    expect(read.person).toMatchObject({
      id: personId,
      nameInOtherScript: 'Олена Коваленко',
      name: { own: 'Олена Коваленко', latin: 'Olena Kovalenko', ownLanguage: 'uk' },
    });
    expect(read.responsible).toEqual({ id: worker.id, name: 'Tora Responsible' });
    expect(read.team).toEqual([{ id: teammate.id, name: 'Arne Teammate' }]);
    expect(read.case.teamStaffIds).toEqual([teammate.id]);
    const [unit] = (await t.db.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${unitId}`)).rows;
    expect(read.unit).toEqual({ id: unitId, name: unit!.name });
  });

  it('shows the request the case came from, its main problem and own words, and whether the reader may open the request', async () => {
    const read = await overview();
    expect(read.presentingRequest).toMatchObject({
      id: requestId,
      channel: 'walk_in',
      mainProblem: 'Rent arrears; the landlord has given notice',
      ownWords: 'I am afraid we will lose the flat before winter',
      firstRespondedAt: expect.any(String),
      // The case's reach shows what the request said; the request's own page is the intake side's.
      may: { open: false },
    });
    expect(read.presentingRequest.receiptNumber).toMatch(/\S/);
    expect((await overview(await signedIn(head))).presentingRequest.may).toEqual({ open: true });
    // The first response was given when the case was opened: no deadline is owed for it.
    expect(read.deadlines.filter((d: { kind: string }) => d.kind === 'first_response')).toEqual([]);
  });

  it('says where the case stands with its service agreement: none, awaiting signatures, in force, terminated', async () => {
    expect((await overview()).agreement).toEqual({ status: 'none' });
    const drawnUp = (await w.post(`/cases/${caseId}/agreements`, {})).json();
    expect((await overview()).agreement).toEqual({ status: 'awaiting_signatures' });
    const byPerson = (
      await w.post(`/agreements/${drawnUp.id}/signatures`, {
        signer: 'person',
        method: 'drawn',
        signatureImage: png,
        version: drawnUp.version,
      })
    ).json();
    const signed = (
      await (
        await signedIn(head)
      ).post(`/agreements/${drawnUp.id}/signatures`, {
        signer: 'agency_head',
        method: 'electronic',
        version: byPerson.version,
      })
    ).json();
    expect(signed.status).toBe('signed');
    expect((await overview()).agreement).toEqual({ status: 'signed' });
    await w.post(`/agreements/${drawnUp.id}/terminate`, { reason: 'Wishes to stop', byPerson: true, version: signed.version });
    expect((await overview()).agreement).toEqual({ status: 'terminated' });
  });

  it('lists the open deadlines: overdue and soon-due steps of the plan in force and its coming review, overdue first', async () => {
    const assessment = (await w.post(`/cases/${caseId}/assessments`, { assessedOn: inDays(-3) })).json();
    const need = (
      await w.post(`/assessments/${assessment.id}/needs`, {
        domain: 'housing',
        description: 'Keeps the flat',
        severity: 'high',
        identifiedOn: inDays(-3),
      })
    ).json();
    const goal = randomUUID();
    const [late, soon, later] = [randomUUID(), randomUUID(), randomUUID()];
    const content = {
      periodFrom: inDays(-2),
      periodTo: inDays(180),
      reviewDate: inDays(10),
      goals: [
        {
          id: goal,
          level: 'long_term',
          needId: need.id,
          description: 'Keeps the flat with a repayment plan for the rent arrears agreed with the landlord',
          indicator: 'Signed repayment plan',
          baseline: 'No plan',
          target: 'Plan signed',
          dueDate: inDays(170),
        },
      ],
      steps: [
        { id: later, goalId: goal, what: 'Meet the landlord together', responsibleKind: 'worker', dueDate: inDays(60) },
        { id: soon, goalId: goal, what: 'Ask the bank for a statement', responsibleKind: 'person', dueDate: inDays(5) },
        { id: late, goalId: goal, what: 'Call the housing office', responsibleKind: 'worker', dueDate: inDays(-1) },
      ],
    };
    const draft = (await w.post(`/cases/${caseId}/plans`, { content })).json();
    const submitted = (await w.post(`/plans/${draft.id}/submit`, { version: draft.version })).json();
    expect(submitted.status, JSON.stringify(submitted)).toBe('awaiting_signature');
    const active = (
      await w.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: submitted.version })
    ).json();
    expect(active.status).toBe('active');

    const read = await overview();
    expect(read.deadlines).toEqual([
      { kind: 'step', stepId: late, what: 'Call the housing office', dueDate: inDays(-1), overdue: true },
      { kind: 'step', stepId: soon, what: 'Ask the bank for a statement', dueDate: inDays(5), overdue: false },
      { kind: 'plan_review', planId: draft.id, dueDate: inDays(10), overdue: false },
    ]);
    expect(read.case.stage).toBe('implementation');
  });

  it('answers another worker of the unit without access to the case "not found", and audits the attempt as denied', async () => {
    const response = await (await signedIn(outsider)).get(`/cases/${caseId}/overview`);
    expect(response.statusCode).toBe(404);
    const denied = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = ${outsider.id} AND person_id = ${personId} AND outcome = 'denied'`,
    );
    expect(denied.rows[0]!.n).toBe(1);
    // The intake worker who opened it holds neither the case nor a place on its team.
    expect((await (await signedIn(intake)).get(`/cases/${caseId}/overview`)).statusCode).toBe(404);
  });

  it('is one read, audited as one event naming the person', async () => {
    const before = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = ${teammate.id} AND person_id = ${personId}`,
    );
    await overview(await signedIn(teammate));
    const events = await t.db.execute<{ action: string; entity_id: string }>(
      sql`SELECT action, entity_id FROM audit_events WHERE actor_id = ${teammate.id} AND person_id = ${personId} ORDER BY seq OFFSET ${before.rows[0]!.n}`,
    );
    expect(events.rows).toEqual([{ action: 'case.read', entity_id: caseId }]);
  });
});
