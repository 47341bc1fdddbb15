/**
 * Referral vouchers and the partner portal (seed 004): issued from the plan in force with what the
 * disclosure gate allows, answered by the partner's staff – who reach their own organisation's
 * vouchers and nothing else – and the loop closed on the case.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDueReminders } from '../../src/areas/reminder/reminder.store.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { bundleProblems, fhirProblems } from '../support/fhir.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let partnerA: CreatedStaff;
let partnerB: CreatedStaff;
let orgA: string;
let orgB: string;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Vilde Voucher' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
  orgA = (await admin.post('/partner-organisations', { name: 'Fjordlys Budsjettråd', recipientKinds: ['social_services'] })).json().id;
  orgB = (await admin.post('/partner-organisations', { name: 'Nordlys Arbeidstrening', recipientKinds: ['employment_services'] })).json()
    .id;
  partnerA = await t.createStaff({ roles: ['partner_provider'], partnerOrganisationId: orgA, displayName: 'Petra Partner' });
  partnerB = await t.createStaff({ roles: ['partner_provider'], partnerOrganisationId: orgB });
});
afterAll(async () => {
  await t.close();
});

/** An invented person's case with a signed plan: one service and the step the partner carries out. */
const people = [
  ['Ragnhild', 'Kupongsen'],
  ['Solveig', 'Brekkestad'],
  ['Torunn', 'Myrvoll'],
  ['Åshild', 'Lindqvist'],
  ['Gunvor', 'Haugtun'],
  ['Ingrid', 'Sæterbakk'],
  ['Marit', 'Fjellheim'],
  ['Sigrun', 'Østmoen'],
  ['Dagny', 'Rypdal'],
  ['Yngvild', 'Kvernes'],
  ['Halldis', 'Svartdal'],
  ['Oddny', 'Grimsrud'],
  ['Jorunn', 'Vikeby'],
  ['Brynhild', 'Tveiten'],
] as const;
let made = 0;
async function caseWithPlan(person: Record<string, unknown> = {}) {
  const sup = await signedIn(supervisor);
  const created = (
    await sup.post('/persons', {
      givenName: people[made % people.length]![0],
      familyName: people[made++ % people.length]![1],
      birthDate: '1979-05-17',
      phones: ['+47 912 34 567'],
      languages: ['nb'],
      ...person,
    })
  ).json();
  const theCase = (await sup.post('/cases', { personId: created.id, unitId, responsibleStaffId: worker.id })).json();
  const w = await signedIn(worker);
  const assessment = (await w.post(`/cases/${theCase.id}/assessments`, { assessedOn: inDays(0) })).json();
  const need = (
    await w.post(`/assessments/${assessment.id}/needs`, {
      domain: 'housing',
      description: 'Rent arrears',
      severity: 'high',
      identifiedOn: inDays(0),
    })
  ).json();
  const serviceId = randomUUID();
  const stepId = randomUUID();
  const draft = (
    await w.post(`/cases/${theCase.id}/plans`, {
      content: {
        periodFrom: inDays(0),
        periodTo: inDays(180),
        reviewDate: inDays(90),
        goals: [
          {
            id: randomUUID(),
            level: 'long_term',
            needId: need.id,
            description: 'Pays the rent on time every month',
            indicator: 'Months with the rent paid on time',
            baseline: '0 of the last 3',
            target: '6 in a row',
            dueDate: inDays(170),
          },
        ],
        steps: [
          {
            id: stepId,
            what: 'Budget advice at Fjordlys',
            responsibleKind: 'partner',
            responsibleName: 'Fjordlys Budsjettråd',
            dueDate: inDays(30),
          },
        ],
        services: [{ id: serviceId, type: 'Budget advice', provider: 'Fjordlys Budsjettråd', frequency: 'weekly' }],
      },
    })
  ).json();
  const submitted = await w.post(`/plans/${draft.id}/submit`, { version: draft.version });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const signed = await w.post(`/plans/${draft.id}/signatures`, {
    signer: 'person',
    method: 'paper',
    witnessName: 'Sigrid Supervisor',
    version: submitted.json().version,
  });
  expect(signed.json().status, signed.body).toBe('active');
  return { personId: created.id as string, familyName: created.familyName as string, caseId: theCase.id as string, serviceId, stepId, w };
}

async function consentTo(w: ApiClient, personId: string, organisationId: string, categories: string[]) {
  const recorded = await w.post(`/persons/${personId}/consents`, {
    kind: 'disclosure',
    purposes: ['referral'],
    recipients: [{ kind: 'organisation', organisationId }],
    categories,
    shownText: 'Jeg samtykker i at Fjordlys får vite navnet mitt og hvorfor jeg henvises.',
    language: 'nb',
    signatures: [{ signer: 'person', method: 'signed_on_screen' }],
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  return recorded.json();
}

async function issue(w: ApiClient, caseId: string, body: Record<string, unknown>) {
  const issued = await w.post(`/cases/${caseId}/vouchers`, {
    partnerOrganisationId: orgA,
    serviceName: 'Budget advice',
    sessions: 4,
    reason: 'Rent arrears of three months',
    forPartner: 'Prefers mornings; reads Norwegian well',
    ...body,
  });
  expect(issued.statusCode, issued.body).toBe(201);
  return issued.json();
}

describe('a referral voucher', () => {
  it('carries of the person only what the gate allows the partner: without consent, the partner sees the voucher and no one – and the look is in her access log', async () => {
    const { personId, caseId, serviceId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, { planServiceId: serviceId });
    expect(voucher).toMatchObject({ status: 'issued', categoriesGiven: [], planServiceId: serviceId });
    expect(voucher.number).toMatch(/^[A-Z]+-V\d{4}-\d{5}$/);
    expect(voucher.withheld.map((w: { category: string }) => w.category)).toEqual(['identity', 'request_assessment', 'plan']);
    const seen = (await (await signedIn(partnerA)).get(`/partner/vouchers/${voucher.id}`)).json();
    expect(seen).toMatchObject({ number: voucher.number, serviceName: 'Budget advice', person: null, reason: null, forPartner: null });
    expect(JSON.stringify(seen)).not.toContain('Kupongsen');
    const read = await t.db.execute<{ person_id: string }>(
      sql`SELECT person_id FROM audit_events WHERE action = 'voucher.read' AND actor_id = ${partnerA.id} AND entity_id = ${voucher.id}`,
    );
    expect(read.rows.map((r) => r.person_id)).toEqual([personId]);
  });

  it('gives the partner the person and the reason a consent allows, and records the disclosure', async () => {
    const { personId, caseId, w } = await caseWithPlan();
    await consentTo(w, personId, orgA, ['identity', 'request_assessment']);
    const voucher = await issue(w, caseId, {});
    expect(voucher.categoriesGiven).toEqual(['identity', 'request_assessment']);
    expect(voucher.withheld).toEqual([{ category: 'plan', reason: 'no_consent' }]);
    const seen = (await (await signedIn(partnerA)).get(`/partner/vouchers/${voucher.id}`)).json();
    expect(seen.person).toMatchObject({ name: 'Solveig Brekkestad', birthDate: '1979-05-17', phone: '+47 912 34 567' });
    expect(seen.reason).toBe('Rent arrears of three months');
    expect(seen.forPartner).toBeNull();
    const disclosures = await t.db.execute<{ kind: string; recipient_name: string; categories_given: string[] }>(
      sql`SELECT kind, recipient_name, categories_given FROM disclosures WHERE person_id = ${personId}`,
    );
    expect(disclosures.rows).toEqual([
      { kind: 'voucher', recipient_name: 'Fjordlys Budsjettråd', categories_given: ['identity', 'request_assessment'] },
    ]);
  });

  it('loses what a consent carried from the partner’s next view once the consent is withdrawn', async () => {
    const { personId, caseId, w } = await caseWithPlan();
    const consent = await consentTo(w, personId, orgA, ['identity']);
    const voucher = await issue(w, caseId, { categories: ['identity'] });
    const p = await signedIn(partnerA);
    expect((await p.get(`/partner/vouchers/${voucher.id}`)).json().person).not.toBeNull();
    expect((await w.post(`/consents/${consent.id}/withdrawal`, { reason: 'Changed her mind' })).statusCode).toBe(200);
    const after = (await p.get(`/partner/vouchers/${voucher.id}`)).json();
    expect(after.person).toBeNull();
    expect((await p.get('/partner/vouchers?status=all')).json().items.find((v: { id: string }) => v.id === voucher.id).person).toBeNull();
  });

  it('is refused for a service or step the plan in force does not have, naming the field', async () => {
    const { caseId, w } = await caseWithPlan();
    const r = await w.post(`/cases/${caseId}/vouchers`, {
      partnerOrganisationId: orgA,
      serviceName: 'Budget advice',
      stepId: randomUUID(),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('stepId');
    const other = await w.post(`/cases/${caseId}/vouchers`, { partnerOrganisationId: randomUUID(), serviceName: 'Budget advice' });
    expect(other.json().errors[0].field).toBe('partnerOrganisationId');
  });

  it('prints in the person’s language with its number and a QR code', async () => {
    const { caseId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, {});
    const printed = await w.get(`/vouchers/${voucher.id}/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain('lang="nb"');
    expect(printed.body).toContain('Henvisningskupong');
    expect(printed.body).toContain(voucher.number);
    expect(printed.body).toContain('<svg');
  });
});

describe('a voucher in FHIR', () => {
  it('exports as a ServiceRequest and a Task that both validators accept, with the person only where the gate allows', async () => {
    const { personId, familyName, caseId, w } = await caseWithPlan();
    await consentTo(w, personId, orgA, ['identity']);
    const voucher = await issue(w, caseId, { categories: ['identity'] });
    const agencyCopy = await w.get(`/vouchers/${voucher.id}/fhir`);
    expect(agencyCopy.statusCode, agencyCopy.body).toBe(200);
    expect(agencyCopy.headers['content-type']).toContain('application/fhir+json');
    const bundle = agencyCopy.json();
    expect(bundleProblems(bundle)).toEqual([]);
    for (const entry of bundle.entry) expect(fhirProblems(entry.resource), entry.resource.resourceType).toEqual([]);
    const types = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types).toEqual(expect.arrayContaining(['ServiceRequest', 'Task', 'Patient']));
    const withheld = await issue(w, caseId, { partnerOrganisationId: orgB, categories: ['identity'] });
    const partnerCopy = (await (await signedIn(partnerB)).get(`/partner/vouchers/${withheld.id}/fhir`)).json();
    expect(bundleProblems(partnerCopy)).toEqual([]);
    expect(partnerCopy.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).not.toContain('Patient');
    expect(JSON.stringify(partnerCopy)).not.toContain(familyName);
  });
});

describe('the partner portal', () => {
  it('answers a partner of another organisation 404 for the voucher, and every partner 404 for casework', async () => {
    const { caseId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, {});
    const b = await signedIn(partnerB);
    expect((await b.get(`/partner/vouchers/${voucher.id}`)).statusCode).toBe(404);
    expect((await b.post(`/partner/vouchers/${voucher.id}/actions`, { action: 'accept', version: voucher.version })).statusCode).toBe(404);
    const visit = { visitedOn: inDays(0), service: 'Budget session', durationMinutes: 45, version: voucher.version };
    expect((await b.post(`/partner/vouchers/${voucher.id}/visits`, visit)).statusCode).toBe(404);
    expect((await b.get('/partner/vouchers?status=all')).json().items.map((v: { id: string }) => v.id)).not.toContain(voucher.id);
    const a = await signedIn(partnerA);
    for (const url of [
      `/cases/${caseId}`,
      `/cases/${caseId}/overview`,
      `/vouchers/${voucher.id}`,
      `/cases/${caseId}/journal`,
      '/persons',
      '/cases',
      '/today',
    ]) {
      const r = await a.get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code, url).toBe('route_not_found');
    }
  });

  it('finds a voucher by the number typed or scanned', async () => {
    const { caseId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, {});
    const found = (await (await signedIn(partnerA)).get(`/partner/vouchers?status=all&number=${voucher.number.toLowerCase()}`)).json();
    expect(found.items.map((v: { id: string }) => v.id)).toEqual([voucher.id]);
  });

  it('closes the loop: accepted, two visits, provided and returned – the case shows the visits and the step done, and the person’s word is kept beside it', async () => {
    const { personId, caseId, stepId, serviceId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, { planServiceId: serviceId, stepId });
    const p = await signedIn(partnerA);
    const accepted = await p.post(`/partner/vouchers/${voucher.id}/actions`, { action: 'accept', version: voucher.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', mayRecordVisit: true });
    let version = accepted.json().version;
    for (const [visitedOn, service] of [
      [inDays(-1), 'First budget session'],
      [inDays(0), 'Second budget session'],
    ]) {
      const visit = await p.post(`/partner/vouchers/${voucher.id}/visits`, {
        visitedOn,
        service,
        durationMinutes: 45,
        note: 'Came on time',
        version,
      });
      expect(visit.statusCode, visit.body).toBe(201);
      version = visit.json().version;
    }
    const provided = await p.post(`/partner/vouchers/${voucher.id}/actions`, {
      action: 'provided',
      outcome: 'A budget she keeps; arrears plan agreed with the landlord',
      version,
    });
    expect(provided.json().status, provided.body).toBe('service_provided');
    const returned = await p.post(`/partner/vouchers/${voucher.id}/actions`, { action: 'return', version: provided.json().version });
    expect(returned.json().status).toBe('returned');

    const onCase = (await w.get(`/cases/${caseId}/vouchers`)).json().items[0];
    expect(onCase.visits.map((v: { service: string }) => v.service)).toEqual(['First budget session', 'Second budget session']);
    expect(onCase.events.map((e: { action: string }) => e.action)).toEqual(['issue', 'accept', 'start', 'provided', 'return']);
    const step = (await w.get(`/cases/${caseId}/steps`)).json().items.find((s: { stepId: string }) => s.stepId === stepId);
    expect(step).toMatchObject({
      status: 'done',
      result: 'Fjordlys Budsjettråd: A budget she keeps; arrears plan agreed with the landlord',
    });
    const journal = (await w.get(`/cases/${caseId}/journal`)).json().items;
    expect(journal.filter((e: { informationFrom: string }) => e.informationFrom === 'Fjordlys Budsjettråd')).toHaveLength(2);

    const word = await w.post(`/vouchers/${voucher.id}/person-word`, {
      word: 'helped',
      note: 'Says the sessions made the letters less frightening',
      version: onCase.version,
    });
    expect(word.statusCode, word.body).toBe(200);
    expect(word.json()).toMatchObject({ status: 'returned', outcome: expect.stringContaining('budget'), personWord: { word: 'helped' } });
    const alerts = await t.db.execute<{ kind: string }>(
      sql`SELECT kind FROM alerts WHERE recipient_id = ${worker.id} AND case_id = ${caseId}`,
    );
    expect(alerts.rows.map((r) => r.kind)).toContain('voucher_answered');
    const audited = await t.db.execute<{ action: string }>(
      sql`SELECT DISTINCT action FROM audit_events WHERE person_id = ${personId} AND actor_id = ${partnerA.id}`,
    );
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['voucher.accept', 'voucher.visit', 'voucher.provided', 'voucher.return']),
    );
  });

  it('refuses a decline without a reason code, naming the field', async () => {
    const { caseId, w } = await caseWithPlan();
    const voucher = await issue(w, caseId, {});
    const p = await signedIn(partnerA);
    const bare = await p.post(`/partner/vouchers/${voucher.id}/actions`, { action: 'decline', version: voucher.version });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors[0].field).toBe('reason');
    const declined = await p.post(`/partner/vouchers/${voucher.id}/actions`, {
      action: 'decline',
      reason: 'no_capacity',
      version: voucher.version,
    });
    expect(declined.json()).toMatchObject({ status: 'declined', statusReason: 'no_capacity', actions: [] });
    const reissued = await w.post(`/vouchers/${voucher.id}/reissue`, { partnerOrganisationId: orgB });
    expect(reissued.statusCode, reissued.body).toBe(201);
    expect(reissued.json()).toMatchObject({ status: 'issued', partnerOrganisationId: orgB, reissuedFromId: voucher.id });
  });
});

describe('the clock', () => {
  it('reminds the responsible worker of a voucher not answered in time, and lets one not taken on by its last day lapse', async () => {
    const { caseId, w } = await caseWithPlan();
    const late = await issue(w, caseId, {});
    const lapsing = await issue(w, caseId, { validUntil: inDays(0) });
    await t.db.execute(sql`UPDATE vouchers SET answer_due_on = ${inDays(-2)} WHERE id = ${late.id}`);
    await t.db.execute(sql`UPDATE vouchers SET valid_until = ${inDays(-1)} WHERE id = ${lapsing.id}`);
    await insertDueReminders(t.db);
    const kinds = await t.db.execute<{ kind: string; subject_id: string }>(
      sql`SELECT kind, subject_id FROM alerts WHERE recipient_id = ${worker.id} AND kind LIKE 'voucher_%' AND case_id = ${caseId} ORDER BY kind`,
    );
    expect(kinds.rows).toEqual([
      { kind: 'voucher_expired', subject_id: lapsing.id },
      { kind: 'voucher_unanswered', subject_id: late.id },
    ]);
    expect((await w.get(`/vouchers/${late.id}`)).json()).toMatchObject({ status: 'issued', unanswered: true });
    expect((await w.get(`/vouchers/${lapsing.id}`)).json()).toMatchObject({ status: 'expired', may: { reissue: true } });
    await insertDueReminders(t.db);
    const again = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM alerts WHERE case_id = ${caseId} AND kind LIKE 'voucher_%'`,
    );
    expect(again.rows[0]!.n).toBe(2);
  });
});

describe("a partner organisation's own administrator", () => {
  it('adds colleagues to their organisation only, disables them, and reaches no one else’s account, no voucher and no casework', async () => {
    const admin = await t.createStaff({
      roles: ['partner_administrator'],
      partnerOrganisationId: orgA,
      displayName: 'Pernille Partneradmin',
    });
    const p = await signedIn(admin);
    const added = await p.post('/partner/staff', {
      displayName: 'Kolbjørn Kollega',
      email: `kolbjorn.${randomUUID().slice(0, 8)}@fjordlys.example.org`,
      initialPassword: 'Fjordlys-midlertidig-2026!',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ roles: ['partner_provider'], partnerOrganisationId: orgA, unitId: null });
    const listed = (await p.get('/partner/staff')).json().items.map((m: { id: string }) => m.id);
    expect(listed).toEqual(expect.arrayContaining([admin.id, added.json().id, partnerA.id]));
    expect(listed).not.toContain(partnerB.id);
    expect(listed).not.toContain(worker.id);
    const disabled = await p.patch(`/partner/staff/${added.json().id}`, { status: 'disabled', version: added.json().version });
    expect(disabled.json().status).toBe('disabled');
    expect((await p.patch(`/partner/staff/${partnerB.id}`, { status: 'disabled', version: 1 })).statusCode).toBe(404);
    expect((await p.patch(`/partner/staff/${worker.id}`, { status: 'disabled', version: 1 })).statusCode).toBe(404);
    expect((await p.post(`/partner/staff/${partnerB.id}/password`, {})).statusCode).toBe(404);
    expect((await p.patch(`/partner/staff/${admin.id}`, { status: 'disabled', version: 1 })).statusCode).toBe(403);
    for (const url of ['/staff', '/partner/vouchers', '/cases', '/persons']) expect((await p.get(url)).statusCode, url).toBe(404);
  });
});
