import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/core/db/pool.ts';

export interface TestDatabase {
  db: Database;
  /** The database as the app reaches it – through the run's pooler, if it has one. */
  url: string;
  /** The same database without the pooler (DATABASE_URL_DIRECT of the run, or `url`). */
  directUrl: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated database for one test file, copied from the run's template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `tillit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${admin.escapeIdentifier(inject('templateDatabase'))}`);
  await admin.end();
  const url = new URL(inject('appDatabaseUrl'));
  url.pathname = `/${name}`;
  const directUrl = new URL(adminUrl);
  directUrl.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  return {
    db,
    url: url.toString(),
    directUrl: directUrl.toString(),
    drop: async () => {
      await db.$client.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
