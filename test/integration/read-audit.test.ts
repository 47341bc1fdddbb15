/**
 * Every read of case content leaves an audit event naming the person read: this walks the route
 * table, calls every GET whose permission reaches case content, and looks for the event of that
 * very request. A new route of case content must be added to `calls` below – the test says so.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let worker: CreatedStaff;
let w: ApiClient;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Everything hanging off one fictional person, created through the API as a worker would. */
const f = {} as Record<
  | 'person'
  | 'case'
  | 'request'
  | 'referralRequest'
  | 'referral'
  | 'assessment'
  | 'response'
  | 'decision'
  | 'plan'
  | 'agreement'
  | 'relative',
  string
>;

/** The permissions whose GET routes read case content. */
const caseContent = new Set(['persons.read', 'persons.update', 'cases.read', 'casework.read', 'requests.read']);

/** Every GET of case content, with the URL to call; null: reads nobody's content (why, beside it). */
const calls: Record<string, (() => string) | null> = {
  'GET /api/v1/persons': () => '/persons?limit=100',
  'GET /api/v1/persons/:id': () => `/persons/${f.person}`,
  'GET /api/v1/persons/:id/cases': () => `/persons/${f.person}/cases`,
  'GET /api/v1/persons/:id/history': () => `/persons/${f.person}/history`,
  'GET /api/v1/persons/:id/links': () => `/persons/${f.person}/links`,
  'GET /api/v1/persons/:id/relations': () => `/persons/${f.person}/relations`,
  'GET /api/v1/search': () => '/search?q=Quillfeather',
  'GET /api/v1/person-link-requests': () => '/person-link-requests',
  'GET /api/v1/cases/:id': () => `/cases/${f.case}`,
  'GET /api/v1/cases/:id/overview': () => `/cases/${f.case}/overview`,
  'GET /api/v1/cases/:id/agreements': () => `/cases/${f.case}/agreements`,
  'GET /api/v1/agreements/:id/document': () => `/agreements/${f.agreement}/document`,
  'GET /api/v1/cases/:id/assessments': () => `/cases/${f.case}/assessments`,
  'GET /api/v1/assessments/:id': () => `/assessments/${f.assessment}`,
  'GET /api/v1/cases/:id/needs': () => `/cases/${f.case}/needs`,
  'GET /api/v1/cases/:id/questionnaire-responses': () => `/cases/${f.case}/questionnaire-responses`,
  'GET /api/v1/questionnaire-responses/:id': () => `/questionnaire-responses/${f.response}`,
  'GET /api/v1/cases/:id/decisions': () => `/cases/${f.case}/decisions`,
  'GET /api/v1/decisions/:id': () => `/decisions/${f.decision}`,
  'GET /api/v1/decisions/:id/letter': () => `/decisions/${f.decision}/letter`,
  'GET /api/v1/cases/:id/plans': () => `/cases/${f.case}/plans`,
  'GET /api/v1/plans/:id': () => `/plans/${f.plan}`,
  'GET /api/v1/plans/:id/changes': () => `/plans/${f.plan}/changes`,
  'GET /api/v1/plans/:id/document': () => `/plans/${f.plan}/document`,
  'GET /api/v1/cases/:id/steps': () => `/cases/${f.case}/steps`,
  'GET /api/v1/work/caseload': () => '/work/caseload',
  'GET /api/v1/work/today': () => '/work/today',
  'GET /api/v1/requests': () => '/requests?status=open',
  'GET /api/v1/requests/:id': () => `/requests/${f.request}`,
  'GET /api/v1/requests/:id/decisions': () => `/requests/${f.referralRequest}/decisions`,
  'GET /api/v1/requests/:id/interviews': () => `/requests/${f.request}/interviews`,
  'GET /api/v1/requests/:id/referrals': () => `/requests/${f.referralRequest}/referrals`,
  'GET /api/v1/referrals/:id/letter': () => `/referrals/${f.referral}/letter`,
  // The list of organisations to refer to: about organisations, not people.
  'GET /api/v1/referral-directory': null,
};

beforeAll(async () => {
  t = await createTestApp();
  const unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId });
  w = await signedInClient(t.app, worker);

  const person = (await w.post('/persons', { givenName: 'Ottoline', familyName: 'Quillfeather', birthDate: '1981-04-02' })).json();
  f.person = person.id;
  const relative = (await w.post('/persons', { givenName: 'Bertram', familyName: 'Quillfeather-Moss' })).json();
  f.relative = relative.id;
  await w.post(`/persons/${f.person}/relations`, { relatedPersonId: relative.id, relationship: 'brother' });
  const opened = await w.post('/cases', { personId: f.person, unitId, responsibleStaffId: worker.id });
  f.case = opened.json().id;
  if (!f.case) throw new Error(opened.body);

  const request = (
    await w.post('/requests', { channel: 'phone', ownWords: 'I fear I lose my flat', personId: f.person, triage: { dangerToLife: true } })
  ).json();
  f.request = request.id;
  await w.post(`/requests/${f.request}/interviews`, { purpose: 'First talk', course: 'By phone' });
  const referralRequest = (await w.post('/requests', { channel: 'walk_in', ownWords: 'Help with debts', personId: f.person })).json();
  f.referralRequest = referralRequest.id;
  await w.post(`/requests/${f.referralRequest}/decision`, {
    decision: 'refer_out',
    organisationName: 'Larkspur Debt Advice',
    reason: 'out_of_scope',
    followUpInDays: 1,
    version: referralRequest.version,
  });
  f.referral = (await w.get(`/requests/${f.referralRequest}/referrals`)).json().items[0].id;

  f.agreement = (await w.post(`/cases/${f.case}/agreements`, {})).json().id;
  f.assessment = (await w.post(`/cases/${f.case}/assessments`, { assessedOn: inDays(0) })).json().id;
  const need = (
    await w.post(`/assessments/${f.assessment}/needs`, {
      domain: 'housing',
      description: 'Keeps her flat',
      severity: 'high',
      identifiedOn: inDays(0),
    })
  ).json();
  const templates = (await w.get('/questionnaire-templates?status=published')).json().items as { id: string; key: string }[];
  f.response = (
    await w.post(`/cases/${f.case}/questionnaire-responses`, { templateId: templates.find((x) => x.key === 'gad-7')!.id, answers: {} })
  ).json().id;
  f.decision = (
    await w.post(`/cases/${f.case}/decisions`, {
      items: [{ service: 'Housing support', outcome: 'granted', basis: 'Act § 4-1', justification: 'Needed', validFrom: inDays(0) }],
    })
  ).json().id;
  f.plan = (
    await w.post(`/cases/${f.case}/plans`, {
      content: {
        periodFrom: inDays(0),
        periodTo: inDays(180),
        reviewDate: inDays(90),
        goals: [
          {
            id: randomUUID(),
            level: 'long_term',
            needId: need.id,
            description: 'Keeps her flat with the rent paid on time',
            dueDate: inDays(170),
          },
        ],
        steps: [{ id: randomUUID(), what: 'Call the landlord together', responsibleKind: 'worker', dueDate: inDays(7) }],
      },
    })
  ).json().id;
  // Someone elsewhere registers her again and asks the worker who knows her to link the records.
  const elsewhere = await signedInClient(t.app, await t.createStaff({ roles: ['intake_worker'] }));
  const again = await elsewhere.post('/persons', {
    givenName: 'Ottoline',
    familyName: 'Quillfeather',
    birthDate: '1981-04-02',
    askToLinkWith: [f.person],
  });
  if (again.statusCode !== 201) throw new Error(again.body);
  for (const [name, id] of Object.entries(f)) if (!id) throw new Error(`the fixture has no ${name}`);
});
afterAll(async () => {
  await t.close();
});

describe('every read of case content', () => {
  it('is a route the walk knows', () => {
    const reads = t.app.routeTable
      .filter((r) => r.method === 'GET' && r.access && caseContent.has(r.access))
      .map((r) => `${r.method} ${r.url}`);
    expect(reads.filter((route) => !(route in calls))).toEqual([]);
  });

  it('leaves an audit event, in the same request, naming the person read', async () => {
    const missing: string[] = [];
    for (const [route, url] of Object.entries(calls)) {
      if (!url) continue;
      const response = await w.get(url());
      if (response.statusCode !== 200) {
        missing.push(`${route}: answered ${response.statusCode}`);
        continue;
      }
      const events = await t.db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM audit_events
        WHERE request_id = ${String(response.headers['x-request-id'])} AND (person_id = ${f.person} OR ${f.person}::uuid = ANY(person_ids))`);
      if (events.rows[0]!.n === 0) missing.push(`${route}: no event names the person`);
    }
    expect(missing).toEqual([]);
  });

  it('names, on a list, everyone the list showed, in one event', async () => {
    const response = await w.get(`/persons/${f.person}/relations`);
    const events = await t.db.execute<{ person_id: string | null; person_ids: string[] | null }>(
      sql`SELECT person_id, person_ids FROM audit_events WHERE request_id = ${String(response.headers['x-request-id'])}`,
    );
    expect(events.rows).toHaveLength(1);
    expect([...(events.rows[0]!.person_ids ?? [])].sort()).toEqual([f.person, f.relative].sort());
  });
});
