/**
 * Each record the web shows carries `may`: what its reader may do with it, worked out on the server
 * from src/core/access-policy.ts. These tests hold the record to its word – where it says "may",
 * the server accepts the change; where it says "may not", the server refuses it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let otherWorker: CreatedStaff;
let intakeWorker: CreatedStaff;
let supervisor: CreatedStaff;
let head: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Wilma Worker' });
  otherWorker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Otto Otherworker' });
  intakeWorker = await t.createStaff({ roles: ['intake_worker'], unitId, displayName: 'Ingrid Intake' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Sune Supervisor' });
  head = await t.createStaff({ roles: ['agency_head'], displayName: 'Hedda Head' });
});
afterAll(async () => {
  await t.close();
});

/** A case of an invented person: the worker responsible, the intake worker on the team. */
async function openCase(givenName: string) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName: 'Rettighet' })).json();
  const opened = await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id, teamStaffIds: [intakeWorker.id] });
  expect(opened.statusCode).toBe(201);
  return opened.json() as { id: string; version: number };
}

describe('a case', () => {
  it('offers its responsible worker the next stage and casework, but not closing or reassigning it', async () => {
    const theCase = await openCase('Rolf');
    const w = await signedIn(worker);
    const seen = (await w.get(`/cases/${theCase.id}`)).json();
    expect(seen.may).toEqual({ changeStageTo: ['assessment'], reassign: false, endCrisis: false, work: true });
    const close = await w.post(`/cases/${theCase.id}/stage`, { stage: 'closed', reason: 'Moved away', version: seen.version });
    expect(close.statusCode).toBe(409);
    const reassign = await w.post(`/cases/${theCase.id}/reassign`, {
      responsibleStaffId: otherWorker.id,
      reason: 'Holiday cover',
      version: seen.version,
    });
    expect(reassign.statusCode).toBe(403);
  });

  it('offers supervision closing and reassigning as well, and the server accepts both', async () => {
    const theCase = await openCase('Sigrun');
    const sup = await signedIn(supervisor);
    const seen = (await sup.get(`/cases/${theCase.id}`)).json();
    expect(seen.may).toEqual({ changeStageTo: ['assessment', 'closed'], reassign: true, endCrisis: false, work: true });
    const reassigned = await sup.post(`/cases/${theCase.id}/reassign`, {
      responsibleStaffId: otherWorker.id,
      reason: 'Holiday cover',
      version: seen.version,
    });
    expect(reassigned.statusCode).toBe(200);
    const closed = await sup.post(`/cases/${theCase.id}/stage`, {
      stage: 'closed',
      reason: 'Moved away',
      version: reassigned.json().version,
    });
    expect(closed.statusCode).toBe(200);
    // A closed case offers no casework, only reopening.
    expect(closed.json().may).toMatchObject({ changeStageTo: ['assessment'], work: false });
  });

  it('offers no casework to an intake worker on its team, and the server refuses it', async () => {
    const theCase = await openCase('Ivar');
    const i = await signedIn(intakeWorker);
    const seen = (await i.get(`/cases/${theCase.id}`)).json();
    expect(seen.may).toEqual({ changeStageTo: [], reassign: false, endCrisis: false, work: false });
    expect((await i.post(`/cases/${theCase.id}/assessments`, { assessedOn: '2026-11-30' })).statusCode).toBe(403);
  });

  it('with a crisis flag offers ending it to supervision only', async () => {
    const theCase = await openCase('Kari');
    await t.db.execute(sql`UPDATE cases SET crisis_raised_at = now() WHERE id = ${theCase.id}`);
    const w = await signedIn(worker);
    const byWorker = (await w.get(`/cases/${theCase.id}`)).json();
    expect(byWorker.may.endCrisis).toBe(false);
    expect((await w.post(`/cases/${theCase.id}/crisis/clear`, { followUp: 'Called her', version: byWorker.version })).statusCode).toBe(403);
    const sup = await signedIn(supervisor);
    const bySupervisor = (await sup.get(`/cases/${theCase.id}`)).json();
    expect(bySupervisor.may.endCrisis).toBe(true);
    const cleared = await sup.post(`/cases/${theCase.id}/crisis/clear`, { followUp: 'Safety plan made', version: bySupervisor.version });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().may.endCrisis).toBe(false);
  });
});

describe('a decision', () => {
  it('offers signing only to a role with decision authority and sending for signature to those without; once signed it offers replacing, not changing', async () => {
    const theCase = await openCase('Dag');
    const w = await signedIn(worker);
    const draft = (
      await w.post(`/cases/${theCase.id}/decisions`, {
        items: [{ service: 'Housing support', outcome: 'refused', basis: 'Agency guidelines 3.2', justification: 'Not in the catchment' }],
      })
    ).json();
    expect(draft.may).toEqual({ change: true, sign: false, sendForSignature: true, replace: false });
    expect((await w.post(`/decisions/${draft.id}/sign`, { version: draft.version })).statusCode).toBe(403);
    const sent = await w.post(`/decisions/${draft.id}/send-for-signature`, { version: draft.version });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().may).toEqual({ change: true, sign: false, sendForSignature: false, replace: false });
    const sup = await signedIn(supervisor);
    const seen = (await sup.get(`/decisions/${draft.id}`)).json();
    expect(seen.may).toEqual({ change: true, sign: true, sendForSignature: false, replace: false });
    const signed = await sup.post(`/decisions/${draft.id}/sign`, { version: seen.version });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().may).toEqual({ change: false, sign: false, sendForSignature: false, replace: true });
  });
});

describe('a service agreement', () => {
  it('offers recording signatures to those who update cases, and signing for the agency to the agency head only', async () => {
    const theCase = await openCase('Astrid');
    const w = await signedIn(worker);
    const agreement = (await w.post(`/cases/${theCase.id}/agreements`, {})).json();
    expect(agreement.may).toEqual({ recordSignature: true, signForAgency: false, terminate: true });

    const i = await signedIn(intakeWorker);
    const [seenByIntake] = (await i.get(`/cases/${theCase.id}/agreements`)).json().items;
    expect(seenByIntake.may).toEqual({ recordSignature: false, signForAgency: false, terminate: false });
    const byIntake = await i.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'person',
      method: 'drawn',
      signatureImage: png,
      version: agreement.version,
    });
    expect(byIntake.statusCode).toBe(403);

    const byPerson = (
      await w.post(`/agreements/${agreement.id}/signatures`, {
        signer: 'person',
        method: 'drawn',
        signatureImage: png,
        version: agreement.version,
      })
    ).json();
    const [seenByHead] = (await (await signedIn(head)).get(`/cases/${theCase.id}/agreements`)).json().items;
    expect(seenByHead.may.signForAgency).toBe(true);
    const signed = await (await signedIn(head)).post(`/agreements/${agreement.id}/signatures`, {
      signer: 'agency_head',
      method: 'electronic',
      version: byPerson.version,
    });
    expect(signed.json()).toMatchObject({ status: 'signed', may: { recordSignature: false, signForAgency: false, terminate: true } });
  });
});

describe("a case's presenting request", () => {
  it('offers opening the request to those whose reach includes it, and the request answers them alone', async () => {
    const i = await signedIn(intakeWorker);
    const person = (await i.post('/persons', { givenName: 'Runa', familyName: 'Rettighet' })).json();
    const request = (await i.post('/requests', { channel: 'phone', personId: person.id, mainProblem: 'Debts' })).json();
    const accepted = await i.post(`/requests/${request.id}/decision`, {
      decision: 'accept',
      unitId,
      responsibleStaffId: worker.id,
      teamStaffIds: [intakeWorker.id],
      version: request.version,
    });
    const caseId = accepted.json().caseId;
    for (const [who, mayOpen] of [
      [worker, false],
      [intakeWorker, true],
      [supervisor, true],
      [head, true],
    ] as const) {
      const client = await signedIn(who);
      const seen = (await client.get(`/cases/${caseId}/overview`)).json();
      expect(seen.presentingRequest.may, who.email).toEqual({ open: mayOpen });
      expect((await client.get(`/requests/${request.id}`)).statusCode, who.email).toBe(mayOpen ? 200 : 404);
    }
  });
});

describe('the staff list', () => {
  it('says who may hold cases: case workers, intake workers and supervisors, not the agency head', async () => {
    const page = (await (await signedIn(supervisor)).get('/staff?limit=100')).json() as { items: { id: string; holdsCases: boolean }[] };
    const holds = (who: CreatedStaff) => page.items.find((s) => s.id === who.id)?.holdsCases;
    expect([holds(worker), holds(intakeWorker), holds(supervisor), holds(head)]).toEqual([true, true, true, false]);
  });
});
