/**
 * Two app processes on one database, as behind a load balancer: sessions are shared, and
 * optimistic versions keep concurrent updates from overwriting each other.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCode } from '../support/authenticator.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type RunningProcess, runTillit } from '../support/process.ts';
import { insertStaff } from '../support/server.ts';

let database: TestDatabase;
const instances: { process: RunningProcess; base: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const firstPort = 45000 + Math.floor(Math.random() * 1000);
  for (const port of [firstPort, firstPort + 1]) {
    const process = runTillit(['start'], {
      DATABASE_URL: database.url,
      DATABASE_URL_DIRECT: database.directUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    instances.push({ process, base: `http://127.0.0.1:${port}` });
  }
  await Promise.all(instances.map((i) => i.process.waitFor('Tillit is running', 60_000)));
}, 90_000);

afterAll(async () => {
  for (const i of instances) {
    i.process.child.kill('SIGTERM');
    await i.process.exited;
  }
  await database.drop();
}, 60_000);

async function json(base: string, path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: await response.json(), setCookie: response.headers.get('set-cookie') };
}

it('shares sessions between instances and gives one 409 for two concurrent updates of one record', async () => {
  const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
  const admin = await insertStaff(database.db, { roles: ['administrator'] });
  const login = await json(a.base, '/auth/login', { method: 'POST', body: { email: admin.email, password: admin.password } });
  expect(login.status).toBe(200);
  expect(login.body).toEqual({ status: 'mfa_enrolment_required' });
  let cookie = login.setCookie!.split(';')[0]!;

  // Two-step verification is set up on one instance and confirmed on the other.
  const partly = await json(b.base, '/auth/session', { cookie });
  const enrolment = await json(a.base, '/auth/mfa/enrol', { method: 'POST', body: {}, cookie, csrf: partly.body.csrfToken });
  const confirm = await json(b.base, '/auth/mfa/confirm', {
    method: 'POST',
    body: { code: totpCode(enrolment.body.secret) },
    cookie,
    csrf: partly.body.csrfToken,
  });
  expect(confirm.body).toEqual({ status: 'signed_in' });
  cookie = confirm.setCookie!.split(';')[0]!;

  const onB = await json(b.base, '/auth/session', { cookie });
  expect(onB.status).toBe(200);
  expect(onB.body.user.id).toBe(admin.id);
  const csrf = onB.body.csrfToken as string;

  const unit = await json(a.base, '/units', { method: 'POST', body: { name: 'Outreach team' }, cookie, csrf });
  expect(unit.status).toBe(201);
  const results = await Promise.all([
    json(a.base, `/units/${unit.body.id}`, { method: 'PATCH', body: { name: 'Outreach north', version: unit.body.version }, cookie, csrf }),
    json(b.base, `/units/${unit.body.id}`, { method: 'PATCH', body: { name: 'Outreach south', version: unit.body.version }, cookie, csrf }),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  const winner = results.find((r) => r.status === 200)!.body.name;
  const loser = results.find((r) => r.status === 409)!;
  expect(loser.body.code).toBe('version_conflict');
  const units = await json(b.base, '/units?limit=100', { cookie });
  expect(units.body.items.find((u: { id: string }) => u.id === unit.body.id)).toMatchObject({ name: winner, version: 2 });

  const logout = await json(b.base, '/auth/logout', { method: 'POST', body: {}, cookie, csrf });
  expect(logout.status).toBe(200);
  expect((await json(a.base, '/auth/session', { cookie })).status).toBe(401);
});
