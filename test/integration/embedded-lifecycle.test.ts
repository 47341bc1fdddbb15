/**
 * The two-command promise on the embedded database: one Tillit per data directory, recovery
 * from a crash that left PostgreSQL running, graceful shutdown, and the command-line tools.
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIsAlive } from '../../src/core/db/embedded-server.ts';
import { builtServer, type RunningProcess, runTillit, runToEnd } from '../support/process.ts';

const embeddedOnly = !!process.env.DATABASE_URL; // the external-server CI pass has covered these already
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-lifecycle-'));
fs.chmodSync(dataDir, 0o755);
const httpPort = 43000 + Math.floor(Math.random() * 1000);
const env = { TILLIT_DATA_DIR: dataDir, PORT: String(httpPort), TILLIT_EMBEDDED_DB_PORT: String(httpPort + 1000) };
const base = `http://127.0.0.1:${httpPort}`;
let server: RunningProcess;
/** `tillit start` runs as `npm start` runs it: the server bundle, as plain JavaScript. */
let startProgram = '';
const hasPgDump = (() => {
  try {
    execFileSync('pg_dump', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

async function databaseUrl(): Promise<string> {
  const password = fs.readFileSync(path.join(dataDir, 'db-password'), 'utf8').trim();
  return `postgres://tillit:${encodeURIComponent(password)}@127.0.0.1:${env.TILLIT_EMBEDDED_DB_PORT}/tillit`;
}
async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: await databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
/** A signed-in administrator's session cookie (the administrator made from the command line above). */
async function adminCookie(): Promise<string> {
  // These tests are about the database, not sign-in: this installation lets administrators sign in with the password alone.
  await query("UPDATE agency SET mfa_required_roles = '{}'");
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password: 'a sturdy administrator passphrase' }),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}
const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = processIsAlive;

describe.skipIf(embeddedOnly)('the embedded database', () => {
  beforeAll(async () => {
    startProgram = await builtServer();
    server = runTillit(['start'], env, undefined, startProgram);
    await server.waitFor('Tillit is running', 120_000);
  }, 150_000);
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('starts with two commands and prints a one-time setup link, with no default account', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(server.output()).toMatch(/\/setup\?token=[\w-]{40,}/);
    expect(await query('SELECT 1 FROM staff')).toHaveLength(0);
    if (process.getuid?.() === 0) {
      const owner = fs.statSync(path.join(dataDir, 'postgres')).uid;
      expect(owner).not.toBe(0); // PostgreSQL runs as the dedicated user, never root
    }
  });

  it('refuses a second Tillit on the same data directory', async () => {
    const second = await runToEnd(['start'], { ...env, PORT: String(httpPort + 2) });
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/Another Tillit process \(pid \d+\) is using the data directory/);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('creates an administrator from the command line while the server runs', async () => {
    const passwordFile = path.join(dataDir, 'pw.txt');
    fs.writeFileSync(passwordFile, 'a sturdy administrator passphrase\n');
    const weak = await runToEnd(['admin', 'create', '--email', 'weak@example.org'], env, 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/commonly used/);
    const guessable = await runToEnd(['admin', 'create', '--email', 'weak@example.org'], env, 'aaaaaaaaaaaaaaa\n');
    expect(guessable.code).toBe(1);
    expect(guessable.output).toContain('This password is too easy to guess. Repeated characters like "aaa" are easy to guess.');
    const created = await runToEnd(
      ['admin', 'create', '--email', 'Admin@Example.org', '--name', 'Agnes Admin', '--password-file', passwordFile],
      env,
    );
    expect(created.output).toContain('Administrator admin@example.org created');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: 'a sturdy administrator passphrase' }),
    });
    // Signed in, with two-step verification to set up next (every role requires it by default).
    expect(await login.json()).toEqual({ status: 'mfa_enrolment_required' });
  });

  it('verifies the audit chain from the command line and names every tampered event', async () => {
    // The running instance's sealer chains the administrator's creation within about a second.
    for (let i = 0; i < 100 && (await query('SELECT 1 FROM audit_events WHERE chain_seq IS NULL')).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const checkpoint = await runToEnd(['audit', 'checkpoint'], env);
    const checkpointFile = path.join(dataDir, 'checkpoint.json');
    fs.writeFileSync(checkpointFile, checkpoint.output.trim().split('\n').pop()!);
    const written = JSON.parse(fs.readFileSync(checkpointFile, 'utf8'));
    expect(written).toEqual({
      takenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      chains: [{ agencyId: 1, chainSeq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    const ok = await runToEnd(['audit', 'verify', '--checkpoint', checkpointFile], env);
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/Audit chain intact: \d+ events sealed in 1 agency/);
    expect(ok.output).toContain(`agency 1 at position ${written.chains[0].chainSeq} confirmed`);
    // a checkpoint of a release before the sealer named an event by its seq
    const [event] = await query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_events WHERE chain_seq = 1');
    const oldFormat = path.join(dataDir, 'checkpoint-v1.json');
    fs.writeFileSync(oldFormat, JSON.stringify({ seq: event!.seq, hash: event!.hash, takenAt: new Date().toISOString() }));
    expect((await runToEnd(['audit', 'verify', '--checkpoint', oldFormat], env)).output).toContain(
      `Checkpoint at event ${event!.seq} confirmed`,
    );
    // cutting off the tail leaves a valid-looking chain; only the checkpoint reveals it
    const position = written.chains[0].chainSeq as string;
    const cut = new pg.Client({ connectionString: await databaseUrl() });
    await cut.connect();
    await cut.query('BEGIN; SET LOCAL session_replication_role = replica');
    await cut.query('CREATE TABLE audit_tail AS SELECT * FROM audit_events WHERE chain_seq >= $1', [position]);
    await cut.query('DELETE FROM audit_events WHERE chain_seq >= $1', [position]);
    await cut.query('COMMIT');
    const truncated = await runToEnd(['audit', 'verify', '--checkpoint', checkpointFile], env);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toMatch(/Audit chain intact/);
    expect(truncated.output).toContain(`Checkpoint NOT FOUND: agency 1 at position ${position} is missing`);
    await cut.query('BEGIN; SET LOCAL session_replication_role = replica');
    await cut.query('INSERT INTO audit_events SELECT * FROM audit_tail');
    await cut.query('DROP TABLE audit_tail; COMMIT');
    await cut.end();
    const [first, last] = await query<{ seq: string }>(
      '(SELECT seq::text FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq LIMIT 1) UNION ALL (SELECT seq::text FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1)',
    );
    const client = new pg.Client({ connectionString: await databaseUrl() });
    await client.connect();
    await client.query('BEGIN; SET LOCAL session_replication_role = replica');
    await client.query("UPDATE audit_events SET action = 'staff.delete' WHERE seq = $1", [first!.seq]);
    await client.query("UPDATE audit_events SET client_ip = '192.0.2.1' WHERE seq = $1", [last!.seq]);
    await client.query('COMMIT');
    await client.end();
    const broken = await runToEnd(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    // both tamperings, not only the first
    expect(broken.output).toMatch(/Audit chain BROKEN: 2 broken events \(\d+ events checked\)/);
    expect(broken.output).toContain(`event ${first!.seq}: content does not match its hash`);
    expect(broken.output).toContain(`event ${last!.seq}: content does not match its hash`);
  }, 90_000); // five command-line runs, each starting the TypeScript loader

  it.skipIf(!hasPgDump)('backs up and restores the database (pg_dump custom format)', async () => {
    const file = path.join(dataDir, 'backup.dump');
    const backup = await runToEnd(['backup', file], env);
    expect(backup.code, backup.output).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    await query("INSERT INTO units (agency_id, name) VALUES (1, 'Made after the backup')");
    const restore = await runToEnd(['restore', file], env);
    expect(restore.code, restore.output).toBe(0);
    expect(await query("SELECT 1 FROM units WHERE name = 'Made after the backup'")).toHaveLength(0);
    expect(await query("SELECT 1 FROM staff WHERE email = 'admin@example.org'")).toHaveLength(1);
  });

  it('stays up when every database connection is terminated under load, and serves again within seconds', async () => {
    const cookie = await adminCookie();
    const { csrfToken } = (await (await fetch(`${base}/api/v1/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const statuses: number[] = [];
    const unready: string[] = [];
    let loading = true;
    // Reads, and writes whose transactions hold a connection across several statements.
    const load = Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; loading; n++) {
        const r = await (i % 2 === 0
          ? fetch(`${base}/api/v1/staff?limit=5`, { headers: { cookie } })
          : fetch(`${base}/api/v1/units`, {
              method: 'POST',
              headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Outreach team ${i}-${n}` }),
            })
        ).catch(() => null);
        statuses.push(r?.status ?? 0); // 0: no answer at all
        if (!r) continue;
        if (r.status === 503) {
          const body = await r.json();
          if (body.code !== 'service_unavailable' || !r.headers.get('retry-after')) unready.push(JSON.stringify(body));
        } else await r.arrayBuffer();
      }
    });
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tillit' AND pid <> pg_backend_pid()");
    }
    loading = false;
    await Promise.all(load);
    expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
    expect(server.output()).not.toMatch(/Unhandled 'error' event|57P01.*\n\s+at /);
    // requests in flight when their connection was cut are told to come back, the rest are answered
    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect(unready).toEqual([]);
    const started = Date.now();
    await expect
      .poll(async () => (await fetch(`${base}/api/v1/staff?limit=5`, { headers: { cookie } })).status, { timeout: 5_000 })
      .toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);

  it('starts the embedded database again when its server dies, and /readyz tells the truth meanwhile', async () => {
    const cookie = await adminCookie();
    const pgPid = postmasterPid();
    process.kill(pgPid, 'SIGKILL');
    await expect.poll(() => alive(pgPid), { interval: 5 }).toBe(false);
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'not_ready', database: false });
    await new Promise((r) => setTimeout(r, 100)); // the dead server's backends notice and exit
    const during = await fetch(`${base}/api/v1/staff?limit=5`, { headers: { cookie } });
    expect(during.status).toBe(503);
    expect((await during.json()).code).toBe('service_unavailable');
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 60_000, interval: 250 }).toBe(200);
    expect(postmasterPid()).not.toBe(pgPid);
    expect((await fetch(`${base}/api/v1/staff?limit=5`, { headers: { cookie } })).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).toMatch(/"level":40,[^\n]*the embedded PostgreSQL stopped unexpectedly; starting it again/);
    // the line follows the restart, which /readyz may see first
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain('embedded PostgreSQL started again');
  }, 90_000);

  it('recovers after a crash that left PostgreSQL running (kill -9), with a warning', async () => {
    const pgPid = postmasterPid();
    server.child.kill('SIGKILL');
    await server.exited;
    expect(alive(pgPid)).toBe(true); // orphaned
    server = runTillit(['start'], env, undefined, startProgram);
    await server.waitFor('Tillit is running', 120_000);
    // a warning, not news: the last run did not end cleanly
    expect(server.output()).toMatch(
      /"level":40,[^\n]*still running from an earlier Tillit process that did not shut down cleanly; stopping it/,
    );
    expect(alive(pgPid)).toBe(false);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 150_000);

  it('shuts down gracefully: requests in flight finish, then the database stops cleanly', async () => {
    const pgPid = postmasterPid();
    let firstDone: () => void;
    const oneAnswered = new Promise<void>((r) => (firstDone = r));
    const inFlight = Array.from({ length: 30 }, (_, i) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `nobody${i}@example.org`, password: 'wrong password here' }),
      }).then(
        (r) => {
          firstDone();
          return r.status;
        },
        (error: Error & { cause?: { code?: string } }) => {
          firstDone();
          return `${error.message} (${error.cause?.code ?? 'no code'})`;
        },
      ),
    );
    await oneAnswered; // the server is busy with the rest (each runs argon2) when the signal comes
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    const exitCode = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    expect({ exitCode, statuses }, server.output().slice(-3000)).toMatchObject({ exitCode: 0 });
    // Every request gets a whole answer – none is cut off: those being handled finish (401),
    // those not yet routed when shutdown began are told to go elsewhere (503).
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(1);
    expect(
      statuses.filter((s) => s !== 401 && s !== 503),
      server.output().slice(-3000),
    ).toEqual([]);
    expect(alive(pgPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'tillit.lock'))).toBe(false);
  }, 60_000);
});
