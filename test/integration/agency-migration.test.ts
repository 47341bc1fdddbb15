/**
 * The upgrade path: a database of an installation that served one agency, migrated to the
 * multi-agency schema in place – every row becomes the first agency's, and work goes on.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/areas/auth/password-hashing.ts';
import { formatCaseNumber } from '../../src/areas/case/case-number.rules.ts';
import { installShippedQuestionnaires } from '../../src/areas/questionnaire/shipped-questionnaires.install.ts';
import { loadConfig } from '../../src/core/config.ts';
import { migrationsFolder, runMigrations } from '../../src/core/db/migrate.ts';
import { createDatabase, type Database } from '../../src/core/db/pool.ts';
import { createLogger } from '../../src/core/logger.ts';
import { buildApp } from '../../src/server/app.ts';
import { signedInClient } from '../support/api-client.ts';
import { registerTestAccount } from '../support/authenticator.ts';

const adminUrl = inject('adminDatabaseUrl');
const name = `tillit_upgrade_${randomBytes(6).toString('hex')}`;
let db: Database;
let app: FastifyInstance;
const year = new Date().getUTCFullYear();
const supervisor = { email: 'solveig.oldharbour@example.org', password: 'an old harbour in the rain' };
const ids = {} as { unit: string; staff: string; person: string; case: string };

/** The migrations as they were before agencies became tenants, in a folder of their own. */
function singleAgencyMigrations(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const tenants = journal.entries.find((e) => e.tag.endsWith('_tenants'))!;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-single-agency-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const before = journal.entries.filter((e) => e.idx < tenants.idx);
  for (const e of before) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));
  return folder;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  db = createDatabase(url.toString());
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  await migrate(db, { migrationsFolder: singleAgencyMigrations() });

  // What the one agency had: its settings, a supervisor, a person with a case, the year's counter.
  await db.execute(sql`UPDATE agency SET name = 'Old Harbour Social Services', case_number_prefix = 'OHA', mfa_required_roles = '{}'`);
  ids.unit = (await db.execute<{ id: string }>(sql`SELECT id FROM units ORDER BY name LIMIT 1`)).rows[0]!.id;
  ids.staff = (
    await db.execute<{ id: string }>(sql`
      INSERT INTO staff (email, display_name, password_hash, roles, unit_id)
      VALUES (${supervisor.email}, 'Solveig Oldharbour', ${await hashPassword(supervisor.password)}, ARRAY['supervisor'], ${ids.unit})
      RETURNING id`)
  ).rows[0]!.id;
  ids.person = (
    await db.execute<{ id: string }>(sql`
      INSERT INTO persons (given_name, family_name, name_search, created_by) VALUES ('Torvald', 'Brinestone', 'torvald brinestone', ${ids.staff})
      RETURNING id`)
  ).rows[0]!.id;
  ids.case = (
    await db.execute<{ id: string }>(sql`
      INSERT INTO cases (case_number, person_id, unit_id, responsible_staff_id)
      VALUES (${formatCaseNumber('OHA', year, 41)}, ${ids.person}, ${ids.unit}, ${ids.staff}) RETURNING id`)
  ).rows[0]!.id;
  await db.execute(sql`INSERT INTO case_number_counters (year, last_number) VALUES (${year}, 41)`);

  await runMigrations(db, installShippedQuestionnaires);
  registerTestAccount(supervisor.email, db);
  app = await buildApp({ config: loadConfig({ DATABASE_URL: url.toString() }), db, logger: createLogger('silent') });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.$client.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

it('moves every row of the single agency into the first agency', async () => {
  const tables = await db.execute<{ table_name: string }>(sql`
    SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'agency_id'`);
  expect(tables.rows.length).toBeGreaterThan(30);
  const elsewhere: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE agency_id <> 1`);
    if (rows.rows[0]!.n > 0) elsewhere.push(table_name);
  }
  expect(elsewhere).toEqual([]);
  const agency = await db.execute<{ name: string }>(sql`SELECT name FROM agency WHERE id = 1`);
  expect(agency.rows).toEqual([{ name: 'Old Harbour Social Services' }]);
});

it('lets the staff sign in and work on, with case numbers going on from where they were', async () => {
  const client = await signedInClient(app, supervisor);
  expect((await client.get(`/cases/${ids.case}`)).json().caseNumber).toBe(formatCaseNumber('OHA', year, 41));
  const opened = await client.post('/cases', { personId: ids.person, unitId: ids.unit, responsibleStaffId: ids.staff });
  expect(opened.statusCode, opened.body).toBe(201);
  expect(opened.json().caseNumber).toBe(formatCaseNumber('OHA', year, 42));
});

it('gives a new agency its own numbers, from the first', async () => {
  const created = await db.execute<{ id: number }>(
    sql`INSERT INTO agency (name, case_number_prefix) VALUES ('Next Agency', 'NXT') RETURNING id`,
  );
  expect(created.rows[0]!.id).toBe(2);
});
