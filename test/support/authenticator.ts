/**
 * The test suite's authenticator app. The sign-in helpers (ApiClient.signIn, signInFully) set up
 * two-step verification when the server asks for it and answer codes afterwards, so tests sign in
 * with e-mail and password alone. It remembers each account's secret by e-mail address; an
 * ApiClient also notes enrolments made through /me/mfa and /auth/mfa.
 *
 * The server takes a code only from the current time step ±1 and each step once, so an account can
 * sign in at most three times in 30 seconds. For accounts a test inserted (`insertStaff` registers
 * their database) the helper reads the last step used and, when all three are spent, clears it –
 * a shortcut for tests only; test/integration/auth.test.ts checks the replay rule without it.
 * Other accounts wait for the next time step, as a person would.
 */
import { sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Database } from '../../src/core/db/pool.ts';

const STEP_MS = 30_000;

interface Account {
  secret?: string;
  pendingSecret?: string;
  /** The last time step this helper answered with. */
  lastStep?: number;
  db?: Database;
}
const accounts = new Map<string, Account>();
const account = (email: string): Account => {
  const key = email.trim().toLowerCase();
  let found = accounts.get(key);
  if (!found) {
    found = {};
    accounts.set(key, found);
  }
  return found;
};

/** The current code for a base32 secret, as an authenticator app would show it. */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
}

export function registerTestAccount(email: string, db: Database): void {
  account(email).db = db;
}

/** A secret handed out by an enrolment that is not confirmed yet. */
export function rememberPendingSecret(email: string, secret: string): void {
  account(email).pendingSecret = secret;
}

/** The enrolment was confirmed: its secret is the account's from now on. */
export function confirmPendingSecret(email: string): void {
  const found = account(email);
  if (found.pendingSecret) found.secret = found.pendingSecret;
  found.pendingSecret = undefined;
}

export function forgetSecret(email: string): void {
  const found = account(email);
  found.secret = undefined;
  found.pendingSecret = undefined;
}

export function knownSecret(email: string): string | undefined {
  return account(email).secret;
}

async function lastStepOnServer(found: Account, email: string): Promise<number | null> {
  if (!found.db) return null;
  const result = await found.db.execute<{ step: string | null }>(
    sql`SELECT totp_last_step AS step FROM staff WHERE email = ${email.trim().toLowerCase()}`,
  );
  const step = result.rows[0]?.step;
  return step === null || step === undefined ? null : Number(step);
}

/**
 * A code the server will accept for the account's active (or pending) secret, or null when the
 * helper does not know the secret.
 */
export async function freshCode(email: string, which: 'active' | 'pending' = 'active'): Promise<string | null> {
  const found = account(email);
  const secret = which === 'active' ? found.secret : found.pendingSecret;
  if (!secret) return null;
  for (;;) {
    const used = Math.max(found.lastStep ?? Number.NEGATIVE_INFINITY, (await lastStepOnServer(found, email)) ?? Number.NEGATIVE_INFINITY);
    const now = Date.now();
    const current = Math.floor(now / STEP_MS);
    // The step before is safe only while the server cannot have moved on to the next one meanwhile.
    const candidates = [...(now % STEP_MS < STEP_MS - 5_000 ? [current - 1] : []), current, current + 1].filter((step) => step > used);
    const step = candidates[0];
    if (step !== undefined) {
      found.lastStep = step;
      return totpCode(secret, step * STEP_MS + STEP_MS / 2);
    }
    if (found.db) {
      await found.db.execute(sql`UPDATE staff SET totp_last_step = NULL WHERE email = ${email.trim().toLowerCase()}`);
      found.lastStep = undefined;
    } else {
      await new Promise((resolve) => setTimeout(resolve, STEP_MS - (now % STEP_MS) + 200));
    }
  }
}
