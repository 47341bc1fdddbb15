import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/db/pool.ts';

/**
 * Failed attempts counted in the database, so every app instance sees the same counts.
 * Free attempts first, then a back-off that doubles with each further failure, capped.
 */
export interface ThrottleRule {
  freeAttempts: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Counts older than this are forgotten. */
  memorySeconds: number;
}

export const accountRule: ThrottleRule = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: 60 * 60 };
export const clientRule: ThrottleRule = { freeAttempts: 30, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: 60 * 60 };
export const mfaRule: ThrottleRule = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: 60 * 60 };

/** Seconds to wait after `failures` failed attempts; pure, for the back-off's tests. */
export function backoffSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeAttempts) return 0;
  const exponent = failures - rule.freeAttempts;
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** Math.min(exponent, 20));
}

/** Seconds until the key may try again; 0 when it may try now. */
export async function secondsBlocked(db: Database | Transaction, keys: string[]): Promise<number> {
  const result = await db.execute<{ wait: number }>(sql`
    SELECT coalesce(max(ceil(extract(epoch FROM blocked_until - now()))), 0)::int AS wait
    FROM login_throttle WHERE key IN (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}) AND blocked_until > now()`);
  return Math.max(0, result.rows[0]?.wait ?? 0);
}

export async function recordFailure(db: Database | Transaction, key: string, rule: ThrottleRule): Promise<void> {
  const result = await db.execute<{ failures: number }>(sql`
    INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => ${rule.memorySeconds}) THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now()
    RETURNING failures`);
  const wait = backoffSeconds(result.rows[0]!.failures, rule);
  if (wait > 0) {
    await db.execute(sql`UPDATE login_throttle SET blocked_until = now() + make_interval(secs => ${wait}) WHERE key = ${key}`);
  }
}

export async function clearFailures(db: Database | Transaction, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}
