import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access-policy.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import type { Role } from '../../core/roles.contract.ts';
import { sessions } from './auth.schema.ts';

import type { SessionState } from './sign-in.rules.ts';

export type { SessionState } from './sign-in.rules.ts';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface ActiveSession {
  tokenHash: string;
  state: SessionState;
  csrfToken: string;
  absoluteExpiresAt: Date;
  idleTimeoutSeconds: number;
  agencyTimeZone: string;
  actor: Actor;
  email: string;
  displayName: string;
  locale: string;
  mfaEnabled: boolean;
  notifyByEmail: boolean;
}

/** Creates a session for a staff member; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  tx: Transaction | Database,
  staffId: string,
  state: SessionState,
  clientIp: string | null,
): Promise<string> {
  const token = newToken();
  await tx.execute(sql`
    INSERT INTO sessions (agency_id, token_hash, staff_id, csrf_token, state, absolute_expires_at, client_ip)
    SELECT a.id, ${tokenHash(token)}, st.id, ${newToken()}, ${state}, now() + make_interval(hours => a.absolute_timeout_hours), ${clientIp}
    FROM staff st JOIN agency a ON a.id = st.agency_id WHERE st.id = ${staffId}`);
  return token;
}

/** Replaces the session's token (after each sign-in step, to prevent fixation) keeping its timeouts; returns the new token. */
export async function rotateSession(tx: Transaction | Database, oldHash: string, state: SessionState): Promise<string> {
  const token = newToken();
  await tx
    .update(sessions)
    .set({ tokenHash: tokenHash(token), state, csrfToken: newToken(), lastSeenAt: new Date() })
    .where(eq(sessions.tokenHash, oldHash));
  return token;
}

/**
 * Looks a session up by its token, enforcing the idle and absolute timeouts and the account's
 * status in the same query; touches last_seen_at at most once a minute to spare writes.
 */
export async function findActiveSession(db: Database, token: string): Promise<ActiveSession | null> {
  const hash = tokenHash(token);
  const result = await db.execute<{
    state: SessionState;
    csrf_token: string;
    absolute_expires_at: Date;
    idle_seconds: number;
    stale: boolean;
    staff_id: string;
    agency_id: number;
    agency_time_zone: string;
    roles: Role[];
    unit_id: string | null;
    partner_organisation_id: string | null;
    email: string;
    display_name: string;
    locale: string;
    mfa_enabled: boolean;
    notify_by_email: boolean;
  }>(sql`
    SELECT s.state, s.csrf_token, s.absolute_expires_at, a.idle_timeout_minutes * 60 AS idle_seconds,
           s.last_seen_at < now() - interval '60 seconds' AS stale,
           st.id AS staff_id, st.agency_id, a.time_zone AS agency_time_zone, st.roles, st.unit_id, st.partner_organisation_id, st.email, st.display_name, st.locale,
           st.totp_secret IS NOT NULL AS mfa_enabled, st.notify_by_email
    FROM sessions s
    JOIN staff st ON st.id = s.staff_id AND st.status = 'active'
    JOIN agency a ON a.id = st.agency_id AND a.active
    WHERE s.token_hash = ${hash}
      AND s.absolute_expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => a.idle_timeout_minutes)`);
  const row = result.rows[0];
  if (!row) return null;
  if (row.stale) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, hash));
  return {
    tokenHash: hash,
    state: row.state,
    csrfToken: row.csrf_token,
    absoluteExpiresAt: new Date(row.absolute_expires_at),
    idleTimeoutSeconds: row.idle_seconds,
    agencyTimeZone: row.agency_time_zone,
    actor: {
      id: row.staff_id,
      agencyId: row.agency_id,
      roles: row.roles,
      unitId: row.unit_id,
      partnerOrganisationId: row.partner_organisation_id,
    },
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    mfaEnabled: row.mfa_enabled,
    notifyByEmail: row.notify_by_email,
  };
}

export async function endSession(db: Database | Transaction, hash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hash));
}

export async function endAllSessionsOf(tx: Database | Transaction, staffId: string, exceptHash?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(exceptHash ? and(eq(sessions.staffId, staffId), ne(sessions.tokenHash, exceptHash)) : eq(sessions.staffId, staffId));
}

export async function deleteExpiredSessions(db: Database): Promise<void> {
  await db.execute(
    sql`DELETE FROM sessions s USING agency a WHERE a.id = s.agency_id AND (s.absolute_expires_at < now() OR s.last_seen_at < now() - make_interval(mins => a.idle_timeout_minutes))`,
  );
}
