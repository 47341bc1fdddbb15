import { sql } from 'drizzle-orm';
import { sealAvailable } from '../../src/core/audit-sealer.ts';
import type { Database } from '../../src/core/db/pool.ts';

export async function unsealedCount(db: Database): Promise<number> {
  return (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL`)).rows[0]!.n;
}

/**
 * Seals every committed event, as the running app's sealer would within a second. Waits while a
 * transaction elsewhere on the server (another test file's) still holds the sealing horizon back.
 */
export async function sealEverything(db: Database, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await sealAvailable(db);
    const left = await unsealedCount(db);
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} audit events are still not sealed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
