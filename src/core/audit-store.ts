import { sql } from 'drizzle-orm';
import type { AuditAction, AuditEntityType } from './audit.contract.ts';
import {
  AuditChainVerifier,
  type ChainBreak,
  type ChainedAuditFields,
  GENESIS_HASH,
  MAX_LISTED_BREAKS,
  type StoredAuditRow,
  storedJson,
  storedText,
  storedTimestamp,
  storedUuid,
} from './audit-chain.ts';
import { auditEvents } from './core.schema.ts';
import type { Database, Transaction } from './db/pool.ts';

export type { AuditOutcome } from './common.contract.ts';

import type { AuditOutcome } from './common.contract.ts';

/** The agency of an event whose actor names none (today's single agency). */
export const DEFAULT_AGENCY_ID = 1;

export interface PendingAuditEvent {
  /** Whose chain the event joins; 1 when unknown. */
  agencyId?: number;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  personId: string | null;
  personIds?: string[] | null;
  outcome: AuditOutcome;
  requestId: string | null;
  clientIp: string | null;
  details?: Record<string, unknown> | null;
}

const nullable = <T, R>(value: T | null | undefined, stored: (v: T) => R): R | null =>
  value === null || value === undefined ? null : stored(value);

/** An event as its row will hold it: uuids as PostgreSQL prints them, text as UTF-8 keeps it, details as jsonb gives them back. */
export function storedFields(seq: string, event: PendingAuditEvent): ChainedAuditFields {
  const personIds = (event.personIds ?? []).map(storedUuid);
  return {
    seq,
    occurredAt: storedTimestamp(event.occurredAt),
    actorId: nullable(event.actorId, storedUuid),
    actorRole: nullable(event.actorRole, storedText),
    action: storedText(event.action),
    entityType: storedText(event.entityType),
    entityId: nullable(event.entityId, storedText),
    personId: nullable(event.personId, storedUuid),
    ...(personIds.length > 0 ? { personIds } : {}),
    outcome: event.outcome,
    requestId: nullable(event.requestId, storedText),
    clientIp: nullable(event.clientIp, storedText),
    details: storedJson(event.details ?? null),
  };
}

/**
 * Inserts events, unsealed, in the caller's transaction: they commit or roll back with the change
 * they describe, and nothing is answered before they are committed. No lock and no chain head:
 * the sealer (src/core/audit-sealer.ts) chains them once their transaction is over (docs/adr/0003).
 */
export async function appendAuditEvents(tx: Transaction | Database, events: PendingAuditEvent[]): Promise<void> {
  if (events.length > 0) await tx.insert(auditEvents).values(auditRows(events));
}

/** The same INSERT as SQL and parameters, for the unit of work to send with its COMMIT; null for none. */
export function auditInsert(tx: Transaction | Database, events: PendingAuditEvent[]): { sql: string; params: unknown[] } | null {
  return events.length === 0 ? null : tx.insert(auditEvents).values(auditRows(events)).toSQL();
}

function auditRows(events: PendingAuditEvent[]) {
  return events.map((event) => {
    const { seq: _seq, agencyId: _agency, chainSeq: _position, ...fields } = storedFields('0', event);
    return {
      ...fields,
      agencyId: event.agencyId ?? DEFAULT_AGENCY_ID,
      personIds: fields.personIds ?? null,
      outcome: event.outcome,
      details: fields.details as Record<string, unknown> | null,
    };
  });
}

// ---- reading events back in the form they are hashed in --------------------------------------

/** A row as the sealer and the verifier read it. */
export type StoredRow = {
  seq: string;
  agency_id: number;
  chain_seq: string | null;
  /** Chained before migration 0014: hashed with seq as its position and no agency. */
  legacy: boolean;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  person_id: string | null;
  person_ids: string[] | null;
  outcome: string;
  request_id: string | null;
  client_ip: string | null;
  details: unknown;
  prev_hash: string | null;
  hash: string | null;
};

export const storedColumns = sql.raw(`a.seq::text AS seq, a.agency_id, a.chain_seq::text AS chain_seq, a.tx_id IS NULL AS legacy,
  to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  a.actor_id, a.actor_role, a.action, a.entity_type, a.entity_id, a.person_id, a.person_ids, a.outcome, a.request_id, a.client_ip,
  a.details, a.prev_hash, a.hash`);

/** What the hash covers, for a row at `chainSeq` of its agency's chain. */
export function hashedFields(r: StoredRow, chainSeq: string): ChainedAuditFields {
  return {
    seq: r.seq,
    ...(r.legacy ? {} : { agencyId: r.agency_id, chainSeq }),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    personId: r.person_id,
    ...(r.person_ids ? { personIds: r.person_ids } : {}),
    outcome: r.outcome,
    requestId: r.request_id,
    clientIp: r.client_ip,
    details: r.details,
  };
}

// ---- verification -----------------------------------------------------------------------------

export interface AgencyChainCheck {
  agencyId: number;
  ok: boolean;
  /** Sealed events checked in this agency's chain. */
  checked: number;
  breakCount: number;
  /** The last position checked and its hash: what a checkpoint keeps. */
  lastChainSeq: string;
  lastHash: string;
}

export interface UnsealedEvent {
  seq: string;
  agencyId: number;
  occurredAt: string;
  ageSeconds: number;
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed events checked, in every agency's chain. */
  checked: number;
  breakCount: number;
  /** The first MAX_LISTED_BREAKS broken events, agency by agency in chain order. */
  breaks: ChainBreak[];
  agencies: AgencyChainCheck[];
  /** Events committed but not sealed yet (the sealer chains them within about a second). */
  unsealed: { count: number; oldestAgeSeconds: number | null; oldest: UnsealedEvent[] };
}

/**
 * Recomputes every agency's chain in chain order, streaming in batches; names every broken event
 * (the first MAX_LISTED_BREAKS) and counts them all; reports the events not sealed yet and their age.
 */
/** Verifies every agency's chain, or one agency's (`onlyAgency`: what an agency's auditor may see). */
export async function verifyAuditChain(db: Database, batchSize = 5000, onlyAgency?: number): Promise<AuditVerification> {
  const ofAgency = onlyAgency === undefined ? sql`` : sql`AND a.agency_id = ${onlyAgency}`;
  const agencies: AgencyChainCheck[] = [];
  const breaks: ChainBreak[] = [];
  let current = null as { agencyId: number; verifier: AuditChainVerifier; lastChainSeq: string } | null;
  const close = () => {
    if (!current) return;
    const result = current.verifier.result();
    agencies.push({
      agencyId: current.agencyId,
      ok: result.ok,
      checked: result.checked,
      breakCount: result.breakCount,
      lastChainSeq: current.lastChainSeq,
      lastHash: result.lastHash,
    });
    breaks.push(...result.breaks.slice(0, MAX_LISTED_BREAKS - breaks.length));
  };
  let after: [number, string] = [0, '0'];
  while (true) {
    const batch = await db.execute<StoredRow>(sql`
      SELECT ${storedColumns} FROM audit_events a
      WHERE a.chain_seq IS NOT NULL AND (a.agency_id, a.chain_seq) > (${after[0]}::integer, ${after[1]}::bigint) ${ofAgency}
      ORDER BY a.agency_id, a.chain_seq LIMIT ${batchSize}`);
    for (const r of batch.rows) {
      const chainSeq = r.chain_seq!;
      if (current?.agencyId !== r.agency_id) {
        close();
        current = { agencyId: r.agency_id, verifier: new AuditChainVerifier(), lastChainSeq: '0' };
      }
      const row: StoredAuditRow = {
        ...hashedFields(r, chainSeq),
        at: { agencyId: r.agency_id, chainSeq },
        prevHash: r.prev_hash!,
        hash: r.hash!,
      };
      current.verifier.push(row);
      current.lastChainSeq = chainSeq;
    }
    if (batch.rows.length < batchSize) break;
    const last = batch.rows[batch.rows.length - 1]!;
    after = [last.agency_id, last.chain_seq!];
  }
  close();
  const unsealed = await unsealedEvents(db, 10, onlyAgency);
  const breakCount = agencies.reduce((n, a) => n + a.breakCount, 0);
  return {
    ok: breakCount === 0,
    checked: agencies.reduce((n, a) => n + a.checked, 0),
    breakCount,
    breaks,
    agencies,
    unsealed,
  };
}

/** The events not sealed yet: how many, the oldest's age, and the oldest few. */
export async function unsealedEvents(db: Database, listed = 10, onlyAgency?: number): Promise<AuditVerification['unsealed']> {
  const ofAgency = onlyAgency === undefined ? sql`` : sql`AND a.agency_id = ${onlyAgency}`;
  const [summary] = (
    await db.execute<{ count: number; oldest: number | null }>(sql`
      SELECT count(*)::int AS count, extract(epoch FROM now() - min(a.occurred_at))::float8 AS oldest
      FROM audit_events a WHERE a.chain_seq IS NULL ${ofAgency}`)
  ).rows;
  const oldest = await db.execute<{ seq: string; agency_id: number; occurred_at: string; age: number }>(sql`
    SELECT a.seq::text AS seq, a.agency_id, to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
           extract(epoch FROM now() - a.occurred_at)::float8 AS age
    FROM audit_events a WHERE a.chain_seq IS NULL ${ofAgency} ORDER BY a.tx_id, a.seq LIMIT ${listed}`);
  return {
    count: summary?.count ?? 0,
    oldestAgeSeconds: summary?.oldest === null || summary?.oldest === undefined ? null : Math.max(0, summary.oldest),
    oldest: oldest.rows.map((r) => ({ seq: r.seq, agencyId: r.agency_id, occurredAt: r.occurred_at, ageSeconds: Math.max(0, r.age) })),
  };
}

// ---- checkpoints ------------------------------------------------------------------------------

/** One agency's chain head at a moment: kept outside the database, it later proves nothing up to it was removed. */
export interface AuditCheckpoint {
  agencyId: number;
  chainSeq: string;
  hash: string;
  takenAt: string;
}

/** Every agency's last sealed event (position and hash), now. */
export async function auditChainHeads(db: Database): Promise<AuditCheckpoint[]> {
  const result = await db.execute<{ agency_id: number; chain_seq: string; hash: string; taken_at: string }>(sql`
    WITH RECURSIVE agencies AS (
      (SELECT a.agency_id FROM audit_events a WHERE a.chain_seq IS NOT NULL ORDER BY a.agency_id LIMIT 1)
      UNION ALL
      SELECT (SELECT a.agency_id FROM audit_events a WHERE a.chain_seq IS NOT NULL AND a.agency_id > g.agency_id ORDER BY a.agency_id LIMIT 1)
      FROM agencies g WHERE g.agency_id IS NOT NULL
    )
    SELECT g.agency_id, h.chain_seq::text AS chain_seq, h.hash,
           to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS taken_at
    FROM agencies g CROSS JOIN LATERAL (
      SELECT a.chain_seq, a.hash FROM audit_events a WHERE a.agency_id = g.agency_id AND a.chain_seq IS NOT NULL ORDER BY a.chain_seq DESC LIMIT 1
    ) h
    WHERE g.agency_id IS NOT NULL ORDER BY g.agency_id`);
  return result.rows.map((r) => ({ agencyId: r.agency_id, chainSeq: r.chain_seq, hash: r.hash, takenAt: r.taken_at }));
}

/** The stored hash at a position of an agency's chain (the genesis value at 0), or null when no event is there. */
export async function auditChainHashAt(db: Database, agencyId: number, chainSeq: string): Promise<string | null> {
  if (chainSeq === '0') return GENESIS_HASH;
  const result = await db.execute<{ hash: string }>(
    sql`SELECT a.hash FROM audit_events a WHERE a.agency_id = ${agencyId}::integer AND a.chain_seq = ${chainSeq}::bigint`,
  );
  return result.rows[0]?.hash ?? null;
}

/** A checkpoint from before migration 0014 named an event by its id. */
export async function auditEventHash(db: Database, seq: string): Promise<string | null> {
  if (seq === '0') return GENESIS_HASH;
  const result = await db.execute<{ hash: string | null }>(sql`SELECT a.hash FROM audit_events a WHERE a.seq = ${seq}::bigint`);
  return result.rows[0]?.hash ?? null;
}
