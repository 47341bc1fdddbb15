/**
 * Every API route × every role, called for real, compared with the committed matrix in
 * test/route-access-matrix.json. A change in who can reach a route shows up as a diff of that
 * file (regenerate with UPDATE_ACCESS_MATRIX=1 and review it like code).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessions } from '../../src/areas/auth/auth.schema.ts';
import { createSession, tokenHash } from '../../src/areas/auth/auth.store.ts';
import { allRoles, type Role } from '../../src/core/roles.contract.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

const matrixFile = path.resolve('test/route-access-matrix.json');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Verdict = 'allow' | 'deny' | 'sign-in required';

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
  return 'allow';
}

it('matches the committed route × role access matrix', async () => {
  const staffByRole = new Map<Role, string>();
  for (const role of allRoles) staffByRole.set(role, (await t.createStaff({ roles: [role] })).id);

  const routes = t.app.routeTable
    .filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json')
    .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
  const actual: Record<string, Record<string, Verdict | string>> = {};
  for (const route of routes) {
    const row: Record<string, Verdict | string> = { declared: String(route.access) };
    row.anonymous = await call(route.method, route.url, null);
    for (const role of allRoles) row[role] = await call(route.method, route.url, staffByRole.get(role)!);
    actual[`${route.method} ${route.url}`] = row;
  }
  if (process.env.UPDATE_ACCESS_MATRIX) fs.writeFileSync(matrixFile, `${JSON.stringify(actual, null, 2)}\n`);
  const committed = JSON.parse(fs.readFileSync(matrixFile, 'utf8'));
  expect(actual).toEqual(committed);
  expect(routes.every((r) => r.access !== null)).toBe(true);
});
