/**
 * Tillit behind PgBouncer in transaction mode (docs/adr/0009-connection-pooler.md): a client has a
 * server connection only for one transaction, and whatever a statement leaves on that session –
 * a lock, a setting, a prepared statement – is met by whoever gets the connection next. These tests
 * start their own PgBouncer with two server connections per database, so the app's clients share
 * them, and then look inside every one of them.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { shippedQuestionnaires } from '../../src/areas/questionnaire/shipped-questionnaires.ts';
import { loadConfig } from '../../src/core/config.ts';
import { expectedMigrationCount } from '../../src/core/db/migrate.ts';
import { createDatabase, type Database } from '../../src/core/db/pool.ts';
import { createLogger } from '../../src/core/logger.ts';
import { buildApp } from '../../src/server/app.ts';
import { prepareDatabase } from '../../src/server/database-setup.ts';
import { ApiClient } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  findPgBouncer,
  noTraces,
  PGBOUNCER_MISSING,
  type PgBouncer,
  type SessionTraces,
  sessionTracesOfThePool,
  startPgBouncer,
} from '../support/pgbouncer.ts';
import { runToEnd } from '../support/process.ts';
import { insertStaff } from '../support/server.ts';

const binary = findPgBouncer();
const POOL_SIZE = 2;
if (!binary) console.warn(`connection-pooler.test.ts skipped: ${PGBOUNCER_MISSING}`);
const hasPgDump = (() => {
  try {
    execFileSync('pg_dump', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

let pooler: PgBouncer;
const databasesMade: string[] = [];

/** A new, empty database on the test server; its direct and pooled addresses. */
async function emptyDatabase(): Promise<{ name: string; directUrl: string; pooledUrl: string }> {
  const name = `tillit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`);
  await admin.end();
  databasesMade.push(name);
  const direct = new URL(inject('adminDatabaseUrl'));
  direct.pathname = `/${name}`;
  return { name, directUrl: direct.toString(), pooledUrl: pooler.url(direct.toString()) };
}

async function directQuery<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const traceless = (traces: SessionTraces[]) => traces.map(() => noTraces);

beforeAll(async () => {
  if (binary) pooler = await startPgBouncer(binary, inject('adminDatabaseUrl'), { poolSize: POOL_SIZE });
});
afterAll(async () => {
  if (!binary) return;
  await pooler.stop();
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  for (const name of databasesMade) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe.skipIf(!binary)(`behind PgBouncer in transaction mode${binary ? '' : ` (skipped: ${PGBOUNCER_MISSING})`}`, () => {
  it('migrates a new database once when two instances start through the pooler together, and leaves no lock held', async () => {
    const { directUrl, pooledUrl } = await emptyDatabase();
    const instances = [createDatabase(pooledUrl, 2), createDatabase(pooledUrl, 2)];
    try {
      await Promise.all(instances.map((db) => prepareDatabase(db)));
    } finally {
      await Promise.all(instances.map((db) => db.$client.end()));
    }
    const [applied] = await directQuery<{ n: number }>(directUrl, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(applied!.n).toBe(expectedMigrationCount());
    const [installed] = await directQuery<{ n: number }>(directUrl, 'SELECT count(*)::int AS n FROM questionnaire_templates WHERE shipped');
    expect(installed!.n).toBe(shippedQuestionnaires.length);
    const locks = await directQuery(
      directUrl,
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(locks).toEqual([]);
    const traces = await sessionTracesOfThePool(pooledUrl, POOL_SIZE);
    expect(traces).toEqual(traceless(traces));
  });

  it('sees a setting, an advisory lock and a prepared statement that a client leaves on a pooled connection', async () => {
    // The check the other tests rely on, shown to find what it looks for.
    const { pooledUrl } = await emptyDatabase();
    const client = new pg.Client({ connectionString: pooledUrl });
    await client.connect();
    await client.query("SET work_mem = '8MB'");
    await client.query('SELECT pg_advisory_lock(42)');
    await client.query({ name: 'left_behind', text: 'SELECT 1' });
    await client.end();
    const traces = await sessionTracesOfThePool(pooledUrl, POOL_SIZE);
    expect(traces.flatMap((t) => t.settings)).toEqual(['work_mem=8192']);
    expect(traces.reduce((n, t) => n + t.advisoryLocks, 0)).toBe(1);
    expect(traces.reduce((n, t) => n + t.preparedStatements, 0)).toBe(1);
  });

  describe('the app on a pooled connection', () => {
    let database: TestDatabase;
    let pooledUrl: string;
    let db: Database;
    let app: Awaited<ReturnType<typeof buildApp>>;
    const logLines: string[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      pooledUrl = pooler.url(database.directUrl);
      db = createDatabase(pooledUrl);
      const sink = new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      const config = loadConfig({ DATABASE_URL: pooledUrl, DATABASE_URL_DIRECT: database.directUrl, LOG_LEVEL: 'info' });
      app = await buildApp({ config, db, logger: createLogger('info', sink) });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await db?.$client.end();
      await database?.drop();
    });

    it('signs in, registers a person once for a retried request, finds and reads them, and leaves every pooled connection as new', async () => {
      const worker = await insertStaff(db, { roles: ['intake_worker'], displayName: 'Pia Pooled' });
      const client = new ApiClient(app);
      expect((await client.post('/auth/login', { email: worker.email, password: 'not the password at all' })).statusCode).toBe(401);
      expect((await client.signIn(worker.email, worker.password)).json()).toEqual({ status: 'signed_in' });

      const body = { givenName: 'Poolina', familyName: 'Bouncerstad', birthDate: '1984-02-29' };
      const headers = { 'idempotency-key': 'pooled-person-0001' };
      const first = await client.post('/persons', body, headers);
      expect(first.statusCode).toBe(201);
      const retried = await client.post('/persons', body, headers);
      expect(retried.json().id).toBe(first.json().id);

      const found = await client.get(`/search?q=${encodeURIComponent('Poolina Bouncerstad')}`);
      expect(found.statusCode).toBe(200);
      expect(JSON.stringify(found.json())).toContain(first.json().id);
      expect((await client.get(`/persons/${first.json().id}`)).statusCode).toBe(200);

      const reads = await db.execute(sql`SELECT 1 FROM audit_events WHERE person_id = ${first.json().id} AND action = 'person.read'`);
      expect(reads.rows.length).toBeGreaterThan(0);
      const traces = await sessionTracesOfThePool(pooledUrl, POOL_SIZE);
      expect(traces).toEqual(traceless(traces));
    });

    it.skipIf(!hasPgDump)('backs up over DATABASE_URL_DIRECT (needs pg_dump): pg_dump never signs in through the pooler', async () => {
      // pg_dump sets search_path to '' for its session between transactions: through the pooler,
      // other clients' statements would run with it (docs/adr/0009-connection-pooler.md).
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-pooled-backup-')), 'backup.dump');
      const name = new URL(database.directUrl).pathname.slice(1);
      const loginsBefore = pooler.logins(name);
      try {
        const backup = await runToEnd(['backup', file], { DATABASE_URL: pooledUrl, DATABASE_URL_DIRECT: database.directUrl });
        expect(backup.output).toContain('Backup written');
        expect(backup.code).toBe(0);
        expect(fs.statSync(file).size).toBeGreaterThan(0);
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
      expect(pooler.logins(name)).toBe(loginsBefore);
      expect((await new ApiClient(app).get('/readyz')).json()).toEqual({ status: 'ready', database: true, migrations: true });
    });
  });
});
