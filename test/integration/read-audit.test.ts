import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let w: ApiClient;
let f: CaseFixtureIds;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

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
  'GET /api/v1/cases/:id/crises': () => `/cases/${f.case}/crises`,
  'GET /api/v1/crises/:id': () => `/crises/${f.crisis}`,
  'GET /api/v1/cases/:id/safety-plan': () => `/cases/${f.case}/safety-plan`,
  'GET /api/v1/safety-plans/:id/document': () => `/safety-plans/${f.safetyPlan}/document`,
  'GET /api/v1/cases/:id/journal': () => `/cases/${f.case}/journal`,
  'GET /api/v1/cases/:id/journal/print': () => `/cases/${f.case}/journal/print`,
  'GET /api/v1/journal-entries/:id': () => `/journal-entries/${f.journalEntry}`,
  'GET /api/v1/journal-attachments/:id': () => `/journal-attachments/${f.journalAttachment}`,
  'GET /api/v1/cases/:id/success-stories': () => `/cases/${f.case}/success-stories`,
  'GET /api/v1/success-stories/:id': () => `/success-stories/${f.successStory}`,
  'GET /api/v1/persons/:id/access-log': () => `/persons/${f.person}/access-log`,
  'GET /api/v1/persons/:id/access-log/print': () => `/persons/${f.person}/access-log/print`,
  'GET /api/v1/persons/:id/consents': () => `/persons/${f.person}/consents`,
  'GET /api/v1/consents/:id': () => `/consents/${f.consent}`,
  'GET /api/v1/consents/:id/print': () => `/consents/${f.consent}/print`,
  'GET /api/v1/persons/:id/disclosures': () => `/persons/${f.person}/disclosures`,
  'GET /api/v1/disclosures/:id/print': () => `/disclosures/${f.disclosure}/print`,
  'GET /api/v1/cases/:id/plans': () => `/cases/${f.case}/plans`,
  'GET /api/v1/plans/:id': () => `/plans/${f.plan}`,
  'GET /api/v1/plans/:id/changes': () => `/plans/${f.plan}/changes`,
  'GET /api/v1/plans/:id/document': () => `/plans/${f.plan}/document`,
  'GET /api/v1/cases/:id/steps': () => `/cases/${f.case}/steps`,
  'GET /api/v1/cases/:id/contacts': () => `/cases/${f.case}/contacts`,
  'GET /api/v1/contacts/:id': () => `/contacts/${f.contact}`,
  'GET /api/v1/work/contacts': () => `/work/contacts?from=${inDays(-1)}&to=${inDays(7)}`,
  // Whether the caller's own calendar feed is on: their account, nobody's content.
  'GET /api/v1/me/calendar-feed': null,
  'GET /api/v1/work/caseload': () => '/work/caseload',
  'GET /api/v1/work/today': () => '/work/today',
  'GET /api/v1/requests': () => '/requests?status=open',
  'GET /api/v1/requests/:id': () => `/requests/${f.request}`,
  'GET /api/v1/requests/:id/decisions': () => `/requests/${f.referralRequest}/decisions`,
  'GET /api/v1/requests/:id/interviews': () => `/requests/${f.request}/interviews`,
  'GET /api/v1/requests/:id/referrals': () => `/requests/${f.referralRequest}/referrals`,
  'GET /api/v1/referrals/:id/letter': () => `/referrals/${f.referral}/letter`,
  'GET /api/v1/cases/:id/vouchers': () => `/cases/${f.case}/vouchers`,
  'GET /api/v1/vouchers/:id': () => `/vouchers/${f.voucher}`,
  'GET /api/v1/vouchers/:id/print': () => `/vouchers/${f.voucher}/print`,
  'GET /api/v1/vouchers/:id/fhir': () => `/vouchers/${f.voucher}/fhir`,
  // The list of organisations to refer to: about organisations, not people.
  'GET /api/v1/referral-directory': null,
};

beforeAll(async () => {
  t = await createTestApp();
  ({ client: w, ids: f } = await buildCaseFixture(t));
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
