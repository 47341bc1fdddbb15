/**
 * Every API route × every role, called for real, compared with the committed matrix in
 * test/route-access-matrix.json. A change in who can reach a route shows up as a diff of that
 * file (regenerate with UPDATE_ACCESS_MATRIX=1 and review it like code).
 *
 * The "other agency" column: the route called with the ids of real records of the first agency
 * by a staff member of a second agency whose role may call it. Every id of the first agency must
 * be "not found" to them, and nothing they are answered may name a record of the first agency.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessions } from '../../src/areas/auth/auth.schema.ts';
import { createSession, tokenHash } from '../../src/areas/auth/auth.store.ts';
import { allRoles, type Role } from '../../src/core/roles.contract.ts';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import { createTestApp, insertAgency, type TestApp } from '../support/server.ts';

const matrixFile = path.resolve('test/route-access-matrix.json');
let t: TestApp;
let firstAgency: CaseFixtureIds;
beforeAll(async () => {
  t = await createTestApp();
  ({ ids: firstAgency } = await buildCaseFixture(t));
});
afterAll(async () => {
  await t.close();
});

type Verdict = 'allow' | 'deny' | 'sign-in required';

async function sessionHeaders(staffId: string): Promise<Record<string, string>> {
  const token = await createSession(t.db, staffId, 'complete', null);
  const [s] = await t.db
    .select({ csrf: sessions.csrfToken })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHash(token)));
  return { 'content-type': 'application/json', cookie: `tillit_session=${token}`, 'x-csrf-token': s!.csrf };
}

/** Which record of the first agency a path parameter names, by the resource before it. */
function firstAgencyIdFor(url: string): string {
  const ids: Record<string, string> = {
    agreements: firstAgency.agreement,
    alerts: randomUUID(),
    assessments: firstAgency.assessment,
    // A calendar feed's address is a bearer secret, not a record's id: a well-formed one no feed has.
    calendar: `${'A'.repeat(43)}.ics`,
    cases: firstAgency.case,
    consents: firstAgency.consent,
    contacts: firstAgency.contact,
    crises: firstAgency.crisis,
    decisions: firstAgency.decision,
    disclosures: firstAgency.disclosure,
    drafts: 'person-form',
    interviews: firstAgency.interview,
    'journal-entries': firstAgency.journalEntry,
    'journal-attachments': firstAgency.journalAttachment,
    'life-story-versions': firstAgency.lifeStoryVersion,
    'mfa-reset-requests': randomUUID(),
    needs: firstAgency.need,
    'person-link-requests': firstAgency.linkRequest,
    'person-links': randomUUID(),
    persons: firstAgency.person,
    plans: firstAgency.plan,
    'questionnaire-responses': firstAgency.response,
    'questionnaire-templates': firstAgency.template,
    referrals: firstAgency.referral,
    requests: firstAgency.request,
    'safety-plans': firstAgency.safetyPlan,
    staff: firstAgency.staff,
    'subject-access-exports': firstAgency.subjectAccessExport,
    'directory/services': firstAgency.directoryService,
    vouchers: firstAgency.voucher,
    'partner/vouchers': firstAgency.voucher,
    'success-stories': firstAgency.successStory,
    units: firstAgency.unit,
    'agreement-templates': 'en',
    'platform/agencies': '1',
  };
  return url
    .replace(/\/steps\/:stepId/, `/steps/${firstAgency.step}`)
    .replace(
      /\/api\/v1\/(platform\/agencies|directory\/services|partner\/vouchers|[a-z-]+)\/:[a-zA-Z]+/,
      (_, resource: string) => `/api/v1/${resource}/${ids[resource] ?? randomUUID()}`,
    );
}

type OtherAgencyVerdict = 'not found' | 'allow' | 'deny' | 'sign-in required' | 'invalid input' | 'conflict';

/** The route as a staff member of the second agency calls it, with the first agency's ids. */
async function callFromOtherAgency(
  method: string,
  url: string,
  headers: Record<string, string>,
  leaks: string[],
): Promise<OtherAgencyVerdict> {
  const response = await t.app.inject({
    method: method as 'GET',
    url: firstAgencyIdFor(url),
    headers,
    ...(method === 'GET' ? {} : { payload: '{}' }),
  });
  expect(response.statusCode, `${method} ${url} must not fail with a server error`).toBeLessThan(500);
  const named = Object.entries(firstAgency).filter(([, id]) => id.length > 8 && response.body.includes(id));
  if (named.length > 0) leaks.push(`${method} ${url} named ${named.map(([what]) => what).join(', ')}`);
  if (response.statusCode === 404) return 'not found';
  if (response.statusCode === 401) return 'sign-in required';
  if (response.statusCode === 403) return 'deny';
  if (response.statusCode === 409) return 'conflict';
  if (response.statusCode === 400 || response.statusCode === 422) return 'invalid input';
  return 'allow';
}

async function call(method: string, url: string, staffId: string | null): Promise<Verdict> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (staffId) {
    const token = await createSession(t.db, staffId, 'complete', null);
    const [s] = await t.db
      .select({ csrf: sessions.csrfToken })
      .from(sessions)
      .where(eq(sessions.tokenHash, tokenHash(token)));
    headers.cookie = `tillit_session=${token}`;
    headers['x-csrf-token'] = s!.csrf;
  }
  const response = await t.app.inject({
    method: method as 'GET',
    url: url.replaceAll(/:[a-zA-Z]+/g, randomUUID()),
    headers,
    ...(method === 'GET' ? {} : { payload: '{}' }),
  });
  expect(response.statusCode, `${method} ${url} must not fail with a server error`).toBeLessThan(500);
  if (response.statusCode === 401) return 'sign-in required';
  if (response.statusCode === 403 && response.json().code === 'permission_denied') return 'deny';
  // A partner's staff are answered as if a route outside their portal did not exist.
  if (response.statusCode === 404 && response.json().code === 'route_not_found') return 'deny';
  return 'allow';
}

it('matches the committed route × role access matrix', async () => {
  const staffByRole = new Map<Role, string>();
  for (const role of allRoles) staffByRole.set(role, (await t.createStaff({ roles: [role] })).id);

  const other = await insertAgency(t.db, 'Second Agency', 'SEC');
  const otherByRole = new Map<Role, string>();
  for (const role of allRoles) {
    const member = await t.createStaff({
      roles: [role],
      agencyId: other.agencyId,
      unitId: role === 'partner_provider' || role === 'partner_administrator' ? null : other.unitId,
    });
    otherByRole.set(role, member.id);
  }
  const leaks: string[] = [];

  const routes = t.app.routeTable
    .filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json')
    .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
  const actual: Record<string, Record<string, Verdict | string>> = {};
  for (const route of routes) {
    const row: Record<string, Verdict | string> = { declared: String(route.access) };
    row.anonymous = await call(route.method, route.url, null);
    for (const role of allRoles) row[role] = await call(route.method, route.url, staffByRole.get(role)!);
    const mayCall = allRoles.find((role) => row[role] === 'allow') ?? 'case_worker';
    // A fresh session per call: a route may end the one it is called with (sign-out).
    row['other agency'] = await callFromOtherAgency(route.method, route.url, await sessionHeaders(otherByRole.get(mayCall)!), leaks);
    actual[`${route.method} ${route.url}`] = row;
  }
  if (process.env.UPDATE_ACCESS_MATRIX) fs.writeFileSync(matrixFile, `${JSON.stringify(actual, null, 2)}\n`);
  const committed = JSON.parse(fs.readFileSync(matrixFile, 'utf8'));
  expect(actual).toEqual(committed);
  expect(leaks).toEqual([]);
  const readsOfOneRecord = Object.entries(actual).filter(([route]) => route.startsWith('GET ') && route.includes('/:'));
  expect(readsOfOneRecord.filter(([, row]) => row['other agency'] !== 'not found').map(([route]) => route)).toEqual([]);
  expect(routes.every((r) => r.access !== null)).toBe(true);
}, 180_000); // every route, as every role and from another agency: a few hundred requests
