/**
 * Starts one database server for the whole run – the embedded one under data/test, or the
 * server named by DATABASE_URL – and migrates a template database that each test file copies.
 * With DATABASE_URL_DIRECT as well (DATABASE_URL then names a pooler such as PgBouncer in front of
 * it), the administration – creating and dropping databases, migrating the template – goes direct,
 * and the tests' own connections go through DATABASE_URL.
 */
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { EmbeddedServer } from '../../src/core/db/embedded-server.ts';
import { createDatabase } from '../../src/core/db/pool.ts';
import { prepareDatabase } from '../../src/server/database-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    /** Where test files connect to their database (the pooler, if any); its database name is replaced. */
    appDatabaseUrl: string;
    templateDatabase: string;
  }
}

const TEMPLATE = 'tillit_test_template';

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null;
  let adminUrl = process.env.DATABASE_URL_DIRECT || process.env.DATABASE_URL;
  if (!adminUrl) {
    // One server per test project, so integration and browser runs can go side by side.
    const isBrowser = project.name === 'e2e';
    embedded = new EmbeddedServer({
      dataDir: path.resolve(process.env.TILLIT_TEST_DATA_DIR ?? `data/test-${project.name}`),
      port: Number(process.env.TILLIT_TEST_DB_PORT ?? (isBrowser ? 54340 : 54339)),
      log: () => undefined,
    });
    adminUrl = await embedded.start();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stale = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tillit_test_%'");
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE} ENCODING 'UTF8'`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const db = createDatabase(templateUrl.toString(), 2);
  await prepareDatabase(db);
  await db.$client.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('appDatabaseUrl', process.env.DATABASE_URL || adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  return async () => {
    await embedded?.stop();
  };
}
