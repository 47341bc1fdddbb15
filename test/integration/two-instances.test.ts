/**
 * Two app processes on one database, as behind a load balancer: sessions are shared,
 * optimistic versions keep concurrent updates from overwriting each other, and one sealer at a
 * time chains the audit events both write.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-store.ts';
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

/** An administrator signed in with two-step verification, through both instances. */
async function signedInAdministrator(a: string, b: string) {
  const admin = await insertStaff(database.db, { roles: ['administrator'] });
  const login = await json(a, '/auth/login', { method: 'POST', body: { email: admin.email, password: admin.password } });
  let cookie = login.setCookie!.split(';')[0]!;
  const partly = await json(b, '/auth/session', { cookie });
  const enrolment = await json(a, '/auth/mfa/enrol', { method: 'POST', body: {}, cookie, csrf: partly.body.csrfToken });
  const confirm = await json(b, '/auth/mfa/confirm', {
    method: 'POST',
    body: { code: totpCode(enrolment.body.secret) },
    cookie,
    csrf: partly.body.csrfToken,
  });
  cookie = confirm.setCookie!.split(';')[0]!;
  const session = await json(a, '/auth/session', { cookie });
  return { cookie, csrf: session.body.csrfToken as string };
}

async function until<T>(what: string, check: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const unsealed = async () =>
  (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL`)).rows[0]!.n;

/** The process id in the lease holder's name (host/pid/random). */
async function sealingPid(): Promise<number | null> {
  const [row] = (await database.db.execute<{ holder: string | null }>(sql`SELECT holder FROM audit_sealer_lease WHERE expires_at > now()`))
    .rows;
  return row?.holder ? Number(row.holder.split('/')[1]) : null;
}

// Last in the file: it stops one of the instances.
it('seals every event written through both instances exactly once, and the other instance seals within seconds when the sealing one is killed', async () => {
  const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
  const { cookie, csrf } = await signedInAdministrator(a.base, b.base);
  const created = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      json(i % 2 === 0 ? a.base : b.base, '/units', { method: 'POST', body: { name: `Sealing unit ${i}` }, cookie, csrf }),
    ),
  );
  expect(created.map((r) => r.status)).toEqual(Array(40).fill(201));
  await until('every event sealed', async () => (await unsealed()) === 0, 10_000);
  const events = (
    await database.db.execute<{ entity_id: string; chain_seq: string }>(
      sql`SELECT a.entity_id, a.chain_seq::text AS chain_seq FROM audit_events a WHERE a.action = 'unit.create' ORDER BY a.chain_seq`,
    )
  ).rows;
  const createdIds = created.map((r) => r.body.id as string);
  // each unit's creation once (the first test created one more)
  expect(
    events
      .filter((e) => createdIds.includes(e.entity_id))
      .map((e) => e.entity_id)
      .sort(),
  ).toEqual(createdIds.sort());
  expect(events).toHaveLength(41);
  const positions = (
    await database.db.execute<{ chain_seq: string }>(sql`SELECT a.chain_seq::text AS chain_seq FROM audit_events a ORDER BY a.chain_seq`)
  ).rows.map((r) => Number(r.chain_seq));
  expect(positions).toEqual(Array.from({ length: positions.length }, (_, k) => k + 1));
  expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, breakCount: 0, unsealed: { count: 0 } });

  const holderPid = await until('a sealer to hold the lease', sealingPid, 5_000);
  const holding = instances.find((i) => i.process.child.pid === holderPid)!;
  const survivor = instances.find((i) => i !== holding)!;
  holding.process.child.kill('SIGKILL');
  await holding.process.exited;
  const killedAt = Date.now();
  const after = await json(survivor.base, '/units', { method: 'POST', body: { name: 'Sealing unit after' }, cookie, csrf });
  expect(after.status).toBe(201);
  expect(await unsealed()).toBeGreaterThan(0);
  await until('the survivor to seal', async () => (await unsealed()) === 0, 10_000);
  expect(Date.now() - killedAt).toBeLessThan(6_000);
  expect(await sealingPid()).toBe(survivor.process.child.pid);
  expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
}, 60_000);
