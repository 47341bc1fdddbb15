import { sql } from 'drizzle-orm';
import {
  AuditChainVerifier,
  type ChainCheck,
  type ChainedAuditFields,
  chainHash,
  GENESIS_HASH,
  storedJson,
  storedText,
  storedTimestamp,
  storedUuid,
} from './audit-chain.ts';
import { auditEvents } from './core.schema.ts';
import type { Database, Transaction } from './db/pool.ts';

/** Serialises chain appends across every connection and app instance until the transaction ends. */
const AUDIT_CHAIN_LOCK = 746_111_002;

export type { AuditOutcome } from './common.contract.ts';

import type { AuditOutcome } from './common.contract.ts';

export interface PendingAuditEvent {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
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
 * Appends events to the chain inside the caller's transaction, so they commit or roll back with
 * the change they describe. Call it last in a transaction: the chain lock is held until commit,
 * which is what keeps the chain order equal to the commit order under concurrent writers.
 */
export async function appendAuditEvents(tx: Transaction | Database, events: PendingAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Takes the chain lock, reads the head and reserves the sequence numbers in one round trip (migration 0008).
  const seqs = await tx.execute<{ seq: string; head_hash: string | null }>(
    sql`SELECT seq::text AS seq, head_hash FROM audit_chain_reserve(${AUDIT_CHAIN_LOCK}, ${events.length})`,
  );
  let previous = seqs.rows[0]?.head_hash ?? GENESIS_HASH;
  const rows = events.map((event, i) => {
    // Hashed in the form PostgreSQL stores and gives back, and inserted in exactly that form.
    const fields = storedFields(seqs.rows[i]!.seq, event);
    const hash = chainHash(previous, fields);
    const row = {
      ...fields,
      personIds: fields.personIds ?? null,
      outcome: event.outcome,
      seq: BigInt(fields.seq),
      details: fields.details as Record<string, unknown> | null,
      prevHash: previous,
      hash,
    };
    previous = hash;
    return row;
  });
  await tx.insert(auditEvents).values(rows);
}

/** Recomputes the whole chain in seq order, streaming in batches; names every broken row (the first MAX_LISTED_BREAKS) and counts them all. */
export async function verifyAuditChain(db: Database, batchSize = 5000): Promise<ChainCheck> {
  const verifier = new AuditChainVerifier();
  let after = '0';
  while (true) {
    const batch = await db.execute<{
      seq: string;
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
      prev_hash: string;
      hash: string;
    }>(sql`
      SELECT seq::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
             actor_id, actor_role, action, entity_type, entity_id, person_id, person_ids, outcome, request_id, client_ip, details, prev_hash, hash
      FROM audit_events a WHERE a.seq > ${after}::bigint ORDER BY a.seq LIMIT ${batchSize}`);
    for (const r of batch.rows) {
      verifier.push({
        seq: r.seq,
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
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    }
    if (batch.rows.length < batchSize) return verifier.result();
    after = batch.rows[batch.rows.length - 1]!.seq;
  }
}

/** The newest event's position and hash: a checkpoint to keep outside the database. */
export async function auditChainHead(db: Database): Promise<{ seq: string; hash: string }> {
  const result = await db.execute<{ seq: string; hash: string }>(
    sql`SELECT a.seq::text AS seq, a.hash FROM audit_events a ORDER BY a.seq DESC LIMIT 1`,
  );
  return result.rows[0] ?? { seq: '0', hash: GENESIS_HASH };
}

export async function auditEventHash(db: Database, seq: string): Promise<string | null> {
  if (seq === '0') return GENESIS_HASH;
  const result = await db.execute<{ hash: string }>(sql`SELECT hash FROM audit_events WHERE seq = ${seq}::bigint`);
  return result.rows[0]?.hash ?? null;
}
