/**
 * What each home page reads: the agency head's key figures, the administrator's setup checklist,
 * the worker's newly assigned cases (in Today's answer) and the supervisor's overloaded workers.
 */
import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CASELOAD_LIMIT } from '../../src/areas/work/caseload.rules.ts';
import { calendarDateIn } from '../../src/core/calendar-date.ts';
import type { Role } from '../../src/core/roles.contract.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, insertAgency, type TestApp } from '../support/server.ts';

let t: TestApp;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const inDays = (n: number, zone = 'UTC') => {
  const today = new Date(`${calendarDateIn(zone)}T00:00:00Z`);
  return new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
};

async function ok<T = { id: string; version: number }>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/** A case of a new fictional person, opened by `by` with `responsible` as the responsible worker. */
async function openCase(by: ApiClient, unitId: string, responsible: CreatedStaff, givenName = 'Maren') {
  const person = await ok(by.post('/persons', { givenName, familyName: 'Fjellheim', birthDate: '1987-03-14' }));
  return ok<{ id: string; caseNumber: string; version: number }>(
    by.post('/cases', { personId: person.id, unitId, responsibleStaffId: responsible.id }),
  );
}

/** A signed plan on the case: one step two days overdue, one due in a month. */
async function signedPlan(by: ApiClient, caseId: string, zone = 'UTC') {
  const assessment = await ok(by.post(`/cases/${caseId}/assessments`, { assessedOn: inDays(-7, zone) }));
  const need = await ok(
    by.post(`/assessments/${assessment.id}/needs`, {
      domain: 'work_education',
      description: 'Work placement',
      severity: 'moderate',
      identifiedOn: inDays(-7, zone),
    }),
  );
  const goal = randomUUID();
  const draft = await ok(
    by.post(`/cases/${caseId}/plans`, {
      content: {
        periodFrom: inDays(-6, zone),
        periodTo: inDays(120, zone),
        reviewDate: inDays(60, zone),
        goals: [
          {
            id: goal,
            level: 'long_term',
            needId: need.id,
            description: 'Holds a work placement three days a week',
            indicator: 'Placement agreement signed',
            baseline: 'No placement',
            target: 'Three days a week',
            dueDate: inDays(100, zone),
          },
        ],
        steps: [
          { id: randomUUID(), goalId: goal, what: 'Send the placement application', responsibleKind: 'worker', dueDate: inDays(-2, zone) },
          { id: randomUUID(), goalId: goal, what: 'Visit the workplace', responsibleKind: 'worker', dueDate: inDays(30, zone) },
        ],
      },
    }),
  );
  const submitted = await ok(by.post(`/plans/${draft.id}/submit`, { version: draft.version }));
  await ok(
    by.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Jorunn Vik', version: submitted.version }),
  );
}

describe("the agency head's key figures", () => {
  it("count the month's requests, opened and closed cases, signed plans, open cases by stage and overdue steps, in the agency's time zone", async () => {
    // Far east of UTC: the month starts there the day before it starts in UTC.
    const zone = 'Pacific/Kiritimati';
    const kestrel = await insertAgency(t.db, 'Kestrel Family Services', 'KES');
    await t.db.execute(sql`UPDATE agency SET time_zone = ${zone} WHERE id = ${kestrel.agencyId}`);
    const inKestrel = (roles: Role[]) => t.createStaff({ roles, agencyId: kestrel.agencyId, unitId: kestrel.unitId });
    const supervisor = await signedIn(await inKestrel(['supervisor']));
    const worker = await inKestrel(['case_worker']);
    const head = await signedIn(await inKestrel(['agency_head']));

    const now = new TZDate(Date.now(), zone);
    const monthStart = new TZDate(now.getFullYear(), now.getMonth(), 1, 0, 0, 0, zone).getTime();
    const requests = [];
    for (const ownWords of ['I need somewhere to live', 'My benefits stopped', 'Help with my debts'])
      requests.push(await ok(supervisor.post('/requests', { channel: 'phone', ownWords })));
    // The first minute of the month in the agency's zone counts; the last minute before it does not.
    await t.db.execute(sql`UPDATE requests SET received_at = ${new Date(monthStart + 60_000)} WHERE id = ${requests[1]!.id}`);
    await t.db.execute(sql`UPDATE requests SET received_at = ${new Date(monthStart - 60_000)} WHERE id = ${requests[2]!.id}`);

    const planned = await openCase(supervisor, kestrel.unitId, worker, 'Aslaug');
    await signedPlan(supervisor, planned.id, zone);
    const closed = await openCase(supervisor, kestrel.unitId, worker, 'Brage');
    await ok(
      supervisor.post(`/cases/${closed.id}/stage`, { stage: 'closed', reason: 'Moved to another district', version: closed.version }),
    );
    const older = await openCase(supervisor, kestrel.unitId, worker, 'Cecilie');
    await t.db.execute(sql`UPDATE cases SET opened_at = ${new Date(monthStart - 60_000)} WHERE id = ${older.id}`);

    // The first agency's own work of the month is not Kestrel's.
    const firstUnit = await firstUnitId(t.db);
    const elsewhere = await signedIn(await t.createStaff({ roles: ['supervisor'], unitId: firstUnit }));
    await openCase(elsewhere, firstUnit, await t.createStaff({ roles: ['case_worker'], unitId: firstUnit }), 'Dagny');
    await ok(elsewhere.post('/requests', { channel: 'walk_in', ownWords: 'Somewhere else entirely' }));

    const response = await head.get('/work/key-figures');
    expect(response.statusCode, response.body).toBe(200);
    const stage = (await ok<{ stage: string }>(head.get(`/cases/${planned.id}`))).stage;
    expect(response.json()).toEqual({
      month: { from: `${calendarDateIn(zone).slice(0, 8)}01`, to: calendarDateIn(zone) },
      requestsReceived: 2,
      casesOpened: 2,
      casesClosed: 1,
      plansSigned: 1,
      overdueSteps: 1,
      openCasesByStage: ['intake', 'assessment', 'planning', 'implementation', 'evaluation'].map((s) => ({
        stage: s,
        count: (s === 'intake' ? 1 : 0) + (s === stage ? 1 : 0),
      })),
    });
    const events = await t.db.execute<{ person_id: string | null; person_ids: string[] | null }>(
      sql`SELECT person_id, person_ids FROM audit_events WHERE request_id = ${String(response.headers['x-request-id'])} AND action = 'agency.key_figures'`,
    );
    expect(events.rows).toEqual([{ person_id: null, person_ids: null }]);
  });

  it('are refused to every role but the agency head', async () => {
    const unitId = await firstUnitId(t.db);
    const answers: Record<string, number> = {};
    for (const role of ['agency_head', 'supervisor', 'case_worker', 'intake_worker', 'administrator', 'auditor'] as const) {
      answers[role] = (await (await signedIn(await t.createStaff({ roles: [role], unitId }))).get('/work/key-figures')).statusCode;
    }
    expect(answers).toEqual({ agency_head: 200, supervisor: 403, case_worker: 403, intake_worker: 403, administrator: 403, auditor: 403 });
  });
});

interface ChecklistLine {
  item: string;
  done: boolean;
  count: number;
}
const lines = (items: ChecklistLine[]) =>
  Object.fromEntries(items.map(({ item, done, count }) => [item, `${done ? 'done' : 'to do'} ${count}`]));

describe("the administrator's setup checklist", () => {
  it("counts only the agency's own setup, and each line is done once the administrator has done it", async () => {
    // A new agency with one unit and nothing else; the first agency's units, templates and staff are not its.
    const sorrel = await insertAgency(t.db, 'Sorrel Advice Centre', 'SOR');
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'], agencyId: sorrel.agencyId }));
    const first = await ok<{ items: ChecklistLine[] }>(admin.get('/agency/setup-checklist'));
    expect(first.items.map((i) => i.item)).toEqual([
      'agency_details',
      'units',
      'staff',
      'agreement_templates',
      'partner_organisations',
      'service_directory',
      'questionnaires',
      'two_step_verification',
    ]);
    expect(lines(first.items)).toEqual({
      agency_details: 'to do 2',
      units: 'done 1',
      staff: 'to do 0',
      agreement_templates: 'to do 0',
      partner_organisations: 'to do 0',
      service_directory: 'to do 0',
      questionnaires: 'to do 0',
      two_step_verification: 'to do 1',
    });

    const agency = await ok<Record<string, unknown> & { version: number }>(admin.get('/agency'));
    const { name, caseNumberPrefix, languages, mfaRequiredRoles, idleTimeoutMinutes, absoluteTimeoutHours, version } = agency;
    await ok(
      admin.put('/agency', {
        name,
        caseNumberPrefix,
        languages,
        mfaRequiredRoles,
        idleTimeoutMinutes,
        absoluteTimeoutHours,
        serviceCategories: ['Housing', 'Debt advice'],
        catchmentRegions: ['Sorrel district'],
        version,
      }),
    );
    await t.createStaff({ roles: ['case_worker'], agencyId: sorrel.agencyId, unitId: sorrel.unitId });
    const partner = await ok<{ id: string }>(admin.post('/partner-organisations', { name: 'Sorrel Food Bank' }));
    const service = await ok<{ id: string; version: number }>(
      admin.post('/directory/services', { organisationId: partner.id, name: 'Food parcels' }),
    );
    expect(lines((await ok<{ items: ChecklistLine[] }>(admin.get('/agency/setup-checklist'))).items)).toMatchObject({
      service_directory: 'to do 1',
    });
    await ok(admin.post(`/directory/services/${service.id}/verify`, { version: service.version }));
    await t.db.execute(sql`UPDATE staff SET totp_secret = 'fictional-secret' WHERE agency_id = ${sorrel.agencyId}`);

    expect(lines((await ok<{ items: ChecklistLine[] }>(admin.get('/agency/setup-checklist'))).items)).toEqual({
      agency_details: 'done 0',
      units: 'done 1',
      staff: 'done 1',
      agreement_templates: 'to do 0',
      partner_organisations: 'done 1',
      service_directory: 'done 1',
      questionnaires: 'to do 0',
      two_step_verification: 'done 0',
    });
  });

  it("counts the staff still without two-step verification, and not the administrators as the agency's staff", async () => {
    const wren = await insertAgency(t.db, 'Wren Outreach', 'WRE');
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'], agencyId: wren.agencyId }));
    await t.createStaff({ roles: ['administrator'], agencyId: wren.agencyId });
    await t.createStaff({ roles: ['administrator', 'auditor'], agencyId: wren.agencyId });
    expect(lines((await ok<{ items: ChecklistLine[] }>(admin.get('/agency/setup-checklist'))).items)).toMatchObject({
      staff: 'done 1',
      two_step_verification: 'to do 3',
    });
  });

  it('is refused to every role but the administrator', async () => {
    const unitId = await firstUnitId(t.db);
    const answers: Record<string, number> = {};
    for (const role of ['administrator', 'agency_head', 'supervisor', 'case_worker', 'auditor'] as const) {
      answers[role] = (await (await signedIn(await t.createStaff({ roles: [role], unitId }))).get('/agency/setup-checklist')).statusCode;
    }
    expect(answers).toEqual({ administrator: 200, agency_head: 403, supervisor: 403, case_worker: 403, auditor: 403 });
  });
});

describe("the worker's new cases", () => {
  it('are the open cases someone else gave them in the last two weeks, newest first – not those they opened themselves', async () => {
    const unitId = await firstUnitId(t.db);
    // An intake worker too, so they may open a case themselves.
    const worker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId });
    const otherWorker = await t.createStaff({ roles: ['case_worker'], unitId });
    const supervisor = await signedIn(await t.createStaff({ roles: ['supervisor'], unitId }));
    const w = await signedIn(worker);

    const given = await openCase(supervisor, unitId, worker, 'Gunnhild');
    await openCase(w, unitId, worker, 'Eget');
    const earlier = await openCase(supervisor, unitId, worker, 'Tidlig');
    await t.db.execute(sql`UPDATE case_events SET at = now() - interval '15 days' WHERE case_id = ${earlier.id}`);
    const reassigned = await openCase(supervisor, unitId, otherWorker, 'Overført');
    await ok(
      supervisor.post(`/cases/${reassigned.id}/reassign`, {
        responsibleStaffId: worker.id,
        reason: 'Odd is on leave',
        version: reassigned.version,
      }),
    );
    const closed = await openCase(supervisor, unitId, worker, 'Lukket');
    await ok(supervisor.post(`/cases/${closed.id}/stage`, { stage: 'closed', reason: 'No longer needed', version: closed.version }));

    const today = await ok<{ newCases: { id: string; caseNumber: string; assignedAt: string }[]; holdsCases: boolean }>(
      w.get('/work/today'),
    );
    expect(today.newCases.map((c) => c.caseNumber)).toEqual([reassigned.caseNumber, given.caseNumber]);
    expect(Date.now() - new Date(today.newCases[0]!.assignedAt).getTime()).toBeLessThan(60_000);
    expect(today.holdsCases).toBe(true);
    expect((await ok<{ newCases: unknown[] }>((await signedIn(otherWorker)).get('/work/today'))).newCases).toEqual([]);
  });

  it("are not the agency head's, who holds no cases", async () => {
    const head = await signedIn(await t.createStaff({ roles: ['agency_head'] }));
    expect(await ok(head.get('/work/today'))).toMatchObject({ newCases: [], holdsCases: false });
  });
});

describe("the supervisor's unit", () => {
  it('marks a worker with more open cases than the limit as overloaded and lists them first, with each worker’s overdue steps', async () => {
    const [unit] = (await t.db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Outreach team') RETURNING id`))
      .rows;
    const unitId = unit!.id;
    const loaded = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Aud Arbeidsom' });
    const light = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Bjørn Bedagelig' });
    const supervisorStaff = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Synnøve Sjef' });
    const supervisor = await signedIn(supervisorStaff);
    const person = await ok(supervisor.post('/persons', { givenName: 'Mange', familyName: 'Saker' }));
    for (let i = 0; i <= DEFAULT_CASELOAD_LIMIT; i++)
      await ok(supervisor.post('/cases', { personId: person.id, unitId, responsibleStaffId: loaded.id }));
    const lightCase = await openCase(supervisor, unitId, light, 'Enkel');
    await signedPlan(supervisor, lightCase.id);

    const overview = await ok<{ byWorker: Record<string, unknown>[]; caseloadLimit: number }>(supervisor.get('/work/unit'));
    expect(overview.caseloadLimit).toBe(DEFAULT_CASELOAD_LIMIT);
    expect(overview.byWorker).toEqual([
      {
        staffId: loaded.id,
        name: 'Aud Arbeidsom',
        openCases: DEFAULT_CASELOAD_LIMIT + 1,
        urgentCases: 0,
        overdueSteps: 0,
        overloaded: true,
        staleDrafts: 0,
      },
      { staffId: light.id, name: 'Bjørn Bedagelig', openCases: 1, urgentCases: 0, overdueSteps: 1, overloaded: false, staleDrafts: 0 },
      {
        staffId: supervisorStaff.id,
        name: 'Synnøve Sjef',
        openCases: 0,
        urgentCases: 0,
        overdueSteps: 0,
        overloaded: false,
        staleDrafts: 0,
      },
    ]);
  });

  it("takes the agency's own caseload limit, as an administrator sets it", async () => {
    const [unit] = (await t.db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Small team') RETURNING id`))
      .rows;
    const unitId = unit!.id;
    const worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Tove Tre' });
    const supervisor = await signedIn(await t.createStaff({ roles: ['supervisor'], unitId }));
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const person = await ok(supervisor.post('/persons', { givenName: 'Tre', familyName: 'Saker' }));
    for (let i = 0; i < 3; i++) await ok(supervisor.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id }));
    // The settings as read are written back whole (decisions.test does the same), with the one change.
    const settings = await ok<Record<string, unknown>>(admin.get('/agency'));
    const saved = await ok<{ caseloadLimit: number }>(admin.put('/agency', { ...settings, caseloadLimit: 2 }));
    expect(saved.caseloadLimit).toBe(2);

    const overview = await ok<{ byWorker: { staffId: string; overloaded: boolean }[]; caseloadLimit: number }>(
      supervisor.get('/work/unit'),
    );
    expect(overview.caseloadLimit).toBe(2);
    expect(overview.byWorker.find((w) => w.staffId === worker.id)).toMatchObject({ openCases: 3, overloaded: true });
  });
});
