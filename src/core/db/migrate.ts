import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { PgDialect, type PgSession } from 'drizzle-orm/pg-core';
import { installRoot } from '../install-root.ts';
import type { Database, Transaction } from './pool.ts';

export const migrationsFolder = path.join(installRoot, 'src', 'core', 'db', 'migrations');
const MIGRATION_LOCK = 746_111_001; // any constant; shared by all app instances

/**
 * Applies pending migrations, then `thenInstall` (data that ships with the code), in one
 * transaction under a transaction-scoped lock: instances starting together wait for each other,
 * and a failure leaves the database as it was. Nothing outlives the transaction (no session-level
 * lock), so this works through a pooler in transaction mode (docs/adr/0009-connection-pooler.md).
 */
export async function runMigrations(db: Database, thenInstall: (tx: Transaction) => Promise<void> = async () => undefined): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // drizzle's migrator, on this transaction: its own transaction becomes a savepoint in ours.
    const session = Object.create(tx._.session, {
      transaction: { value: (work: (inner: Transaction) => Promise<unknown>) => tx.transaction(work) },
    }) as PgSession;
    await new PgDialect().migrate(migrations, session, { migrationsFolder });
    await thenInstall(tx);
  });
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
