import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './pool.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 746_111_001; // any constant; shared by all app instances

/**
 * Applies pending migrations, then `thenInstall` (data that ships with the code), under one lock:
 * instances starting together wait for each other.
 */
export async function runMigrations(db: Database, thenInstall: (db: Database) => Promise<void> = async () => undefined): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await migrate(db, { migrationsFolder });
      await thenInstall(db);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** True when every migration shipped with this build has been applied. */
export async function migrationsAreCurrent(db: Database): Promise<boolean> {
  try {
    const result = await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    return (result.rows[0] as { n: number }).n >= expectedMigrationCount();
  } catch {
    return false;
  }
}
