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

const HOUR = 60 * 60;

/**
 * Sign-in throttling, after the OWASP Authentication Cheat Sheet ("Protect against automated
 * attacks"): the count belongs to the account, not only to the address, yet must not let anyone
 * lock a known account out.
 *
 * - `pairRule` – one account from one address: strict. After five failures that address is
 *   refused for that account, even with the right password, for a back-off that doubles.
 * - `accountRule` – one account from every address: slows guessing spread over many addresses.
 *   While the account is in back-off, addresses that failed for it recently must wait it out;
 *   an address with no recent failures for the account still gets its attempt, so the right
 *   password signs in while the account is under attack.
 * - `addressRule` – one address, counted in distinct accounts that failed from it: password
 *   spraying. One person's many mistakes count once, so an office behind one NAT is not
 *   blocked by a colleague who forgot a password.
 */
export const pairRule: ThrottleRule = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: HOUR };
export const accountRule: ThrottleRule = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: HOUR };
export const addressRule: ThrottleRule = { freeAttempts: 20, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: HOUR };
export const mfaRule: ThrottleRule = { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: HOUR };
/** Submissions per address, for forms that need no account (the public request form). */
export const clientRule: ThrottleRule = { freeAttempts: 30, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, memorySeconds: HOUR };

/** Seconds to wait after `failures` failed attempts; pure, for the back-off's tests. */
export function backoffSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeAttempts) return 0;
  const exponent = failures - rule.freeAttempts;
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** Math.min(exponent, 20));
}

/** One counter as the sign-in rules see it: failures within its memory, and the wait still to run. */
export interface ThrottleCount {
  failures: number;
  waitSeconds: number;
}

export const noFailures: ThrottleCount = { failures: 0, waitSeconds: 0 };

export type LoginVerdict = { allowed: true } | { allowed: false; waitSeconds: number; rule: 'pair' | 'account' | 'address' };

/** Whether a sign-in attempt may be checked at all; pure, for the rules' tests. */
export function loginVerdict(counts: { pair: ThrottleCount; account: ThrottleCount; address: ThrottleCount }): LoginVerdict {
  const { pair, account, address } = counts;
  if (pair.waitSeconds > 0) return { allowed: false, waitSeconds: pair.waitSeconds, rule: 'pair' };
  if (address.waitSeconds > 0) return { allowed: false, waitSeconds: address.waitSeconds, rule: 'address' };
  if (account.waitSeconds > 0 && pair.failures > 0) return { allowed: false, waitSeconds: account.waitSeconds, rule: 'account' };
  return { allowed: true };
}

/** The keys of one sign-in attempt. The account is named by a hash of the address typed, known or not. */
export function loginKeys(accountHash: string, clientIp: string | null): { pair: string; account: string; address: string } {
  const address = clientIp ?? 'unknown';
  return { pair: `pair:${accountHash}:${address}`, account: `account:${accountHash}`, address: `address:${address}` };
}

/** The current counts of some keys, each read with its own rule's memory. */
export async function throttleCounts(
  db: Database | Transaction,
  keys: { key: string; rule: ThrottleRule }[],
): Promise<Map<string, ThrottleCount>> {
  const result = await db.execute<{ key: string; failures: number; age: number; wait: number }>(sql`
    SELECT key, failures, extract(epoch FROM now() - last_failure_at)::float8 AS age,
           greatest(0, coalesce(ceil(extract(epoch FROM blocked_until - now())), 0))::int AS wait
    FROM login_throttle WHERE key IN (${sql.join(
      keys.map((k) => sql`${k.key}`),
      sql`, `,
    )})`);
  const counts = new Map<string, ThrottleCount>();
  for (const { key, rule } of keys) {
    const row = result.rows.find((r) => r.key === key);
    counts.set(key, row ? { failures: row.age > rule.memorySeconds ? 0 : row.failures, waitSeconds: row.wait } : noFailures);
  }
  return counts;
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

/** Counts one failure; returns the key's failures within the rule's memory, this one included. */
export async function recordFailure(db: Database | Transaction, key: string, rule: ThrottleRule): Promise<number> {
  const result = await db.execute<{ failures: number }>(sql`
    INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => ${rule.memorySeconds}) THEN 1 ELSE t.failures + 1 END,
      last_failure_at = now()
    RETURNING failures`);
  const failures = result.rows[0]!.failures;
  const wait = backoffSeconds(failures, rule);
  if (wait > 0) {
    await db.execute(sql`UPDATE login_throttle SET blocked_until = now() + make_interval(secs => ${wait}) WHERE key = ${key}`);
  }
  return failures;
}

/** A failed sign-in: counted for the pair and the account, and for the address when the account is new to it. */
export async function recordLoginFailure(db: Database | Transaction, keys: ReturnType<typeof loginKeys>): Promise<void> {
  const pairFailures = await recordFailure(db, keys.pair, pairRule);
  await recordFailure(db, keys.account, accountRule);
  // The first failure of this account from this address within the memory: one more distinct account tried.
  if (pairFailures === 1) await recordFailure(db, keys.address, addressRule);
}

export async function clearFailures(db: Database | Transaction, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}

/** Drops counters nobody needs any more: forgotten by their rule and not blocking. */
export async function forgetOldFailures(db: Database | Transaction): Promise<void> {
  await db.execute(sql`
    DELETE FROM login_throttle
    WHERE last_failure_at < now() - make_interval(secs => ${24 * HOUR}) AND (blocked_until IS NULL OR blocked_until < now())`);
}
