/**
 * The floor under each endpoint: the same database work issued with node-postgres directly, from
 * the same number of concurrent clients (a pg.Pool of that size), for the same time. No HTTP, no
 * Fastify, no drizzle, no validation. The SQL below is copied from the app; keep it in step:
 * - session lookup: findActiveSession (src/app/sessions.ts)
 * - person read: PersonService.get (src/app/person.service.ts) with personVisibleTo for a case
 *   worker (src/db/scopes.ts), then appendAuditEvents (src/db/audit-store.ts)
 * - login: AuthService.login's account lookup, password check and createSession
 */
import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { getTableColumns, type Table } from 'drizzle-orm';
import type pg from 'pg';
import { newToken, tokenHash } from '../src/app/sessions.ts';
import { persons, staff } from '../src/db/schema.ts';
import { chainHash, GENESIS_HASH, type ChainedAuditFields } from '../src/domain/audit-chain.ts';
import { summarise, type LatencyStats } from './stats.ts';

/** AUDIT_CHAIN_LOCK in src/db/audit-store.ts (not exported). */
const AUDIT_CHAIN_LOCK = 746_111_002;

/** Every column of a table, as drizzle's `select()` fetches them, so the copies follow schema changes. */
const columnsOf = (table: Table, alias?: string): string =>
  Object.values(getTableColumns(table)).map((c) => `${alias ? `${alias}.` : ''}"${c.name}"`).join(', ');

export const SQL = {
  sessionLookup: `
    SELECT s.state, s.csrf_token, s.absolute_expires_at, a.idle_timeout_minutes * 60 AS idle_seconds,
           s.last_seen_at < now() - interval '60 seconds' AS stale,
           st.id AS staff_id, st.roles, st.unit_id, st.partner_organisation_id, st.email, st.display_name, st.locale,
           st.totp_secret IS NOT NULL AS mfa_enabled
    FROM sessions s
    JOIN staff st ON st.id = s.staff_id AND st.status = 'active'
    JOIN agency a ON a.id = 1
    WHERE s.token_hash = $1
      AND s.absolute_expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => a.idle_timeout_minutes)`,

  /** personVisibleTo for the 'assigned' scope: registered by the actor, or on a case they are responsible for or on the team of. */
  personForCaseWorker: `
    SELECT ${columnsOf(persons, 'p')}
    FROM persons p
    WHERE p.id = $1
      AND (p.created_by = $2 OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id
           AND (c.responsible_staff_id = $2 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.staff_id = $2))))`,
  auditLock: 'SELECT pg_advisory_xact_lock($1)',
  auditHead: 'SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  auditNextSeq: `SELECT nextval(pg_get_serial_sequence('audit_events', 'seq'))::text AS seq FROM generate_series(1, 1)`,
  auditInsert: `
    INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, person_id, outcome, request_id, client_ip, details, prev_hash, hash)
    VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,

  staffByEmail: `
    SELECT ${columnsOf(staff)}
    FROM staff WHERE email = $1`,
  sessionInsert: `
    INSERT INTO sessions (token_hash, staff_id, csrf_token, state, absolute_expires_at, client_ip)
    SELECT $1, $2, $3, $4, now() + make_interval(hours => a.absolute_timeout_hours), $5
    FROM agency a WHERE a.id = 1`,
} as const;

const dedent = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');

/** The statements each scenario's raw operation sends, in order, as recorded in the results. */
export const rawSqlText: Record<'login' | 'session-check' | 'person-read', string[]> = {
  'login': [SQL.staffByEmail, '-- argon2id verify (@node-rs/argon2) in the client', SQL.sessionInsert].map(dedent),
  'session-check': [SQL.sessionLookup].map(dedent),
  'person-read': ['BEGIN', SQL.personForCaseWorker, `${SQL.auditLock} -- $1 = ${AUDIT_CHAIN_LOCK}`, SQL.auditHead, SQL.auditNextSeq,
    `${SQL.auditInsert} -- hash = sha256(prev_hash ‖ canonical event), computed in the client`, 'COMMIT'].map(dedent),
};

export type RawOperation = () => Promise<void>;

export interface RawRun {
  stats: LatencyStats;
  errors: number;
  firstError: string | null;
}

/** `connections` loops, each running `operation` back to back until the time is up. */
export async function runRaw(operation: RawOperation, options: { connections: number; seconds: number }): Promise<RawRun> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await operation();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  return { stats: summarise(latencies, (performance.now() - started) / 1000), errors, firstError };
}

const rotate = <T>(items: readonly T[]) => {
  if (items.length === 0) throw new Error('Nothing to rotate over');
  let i = 0;
  return (): T => items[i++ % items.length]!;
};

export function sessionCheckOperation(pool: pg.Pool, tokens: readonly string[]): RawOperation {
  const nextToken = rotate(tokens);
  return async () => {
    const result = await pool.query(SQL.sessionLookup, [tokenHash(nextToken())]);
    if (result.rowCount !== 1) throw new Error('session not found');
  };
}

export function personReadOperation(pool: pg.Pool, reads: readonly { staffId: string; personId: string }[]): RawOperation {
  const nextRead = rotate(reads);
  return async () => {
    const { staffId, personId } = nextRead();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const person = await client.query(SQL.personForCaseWorker, [personId, staffId]);
      if (person.rowCount !== 1) throw new Error(`person ${personId} not visible to ${staffId}`);
      await client.query(SQL.auditLock, [AUDIT_CHAIN_LOCK]);
      const head = await client.query<{ hash: string }>(SQL.auditHead);
      const seq = await client.query<{ seq: string }>(SQL.auditNextSeq);
      const fields: ChainedAuditFields = {
        seq: seq.rows[0]!.seq, occurredAt: new Date().toISOString(), actorId: staffId, actorRole: 'case_worker',
        action: 'person.read', entityType: 'person', entityId: personId, personId, outcome: 'success',
        requestId: randomUUID(), clientIp: '127.0.0.1', details: null,
      };
      const previous = head.rows[0]?.hash ?? GENESIS_HASH;
      await client.query(SQL.auditInsert, [
        fields.seq, fields.occurredAt, fields.actorId, fields.actorRole, fields.action, fields.entityType, fields.entityId,
        fields.personId, fields.outcome, fields.requestId, fields.clientIp, null, previous, chainHash(previous, fields),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

export function loginOperation(pool: pg.Pool, emails: readonly string[], password: string): RawOperation {
  const nextEmail = rotate(emails);
  return async () => {
    const account = await pool.query<{ id: string; password_hash: string }>(SQL.staffByEmail, [nextEmail()]);
    const row = account.rows[0];
    if (!row || !(await verify(row.password_hash, password))) throw new Error('login failed');
    const token = newToken();
    await pool.query(SQL.sessionInsert, [tokenHash(token), row.id, newToken(), 'complete', '127.0.0.1']);
  };
}
