import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditOutcome } from './common.contract.ts';
import { agencyId, enumText, oneOf } from './db/columns.ts';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    agencyId: agencyId(),
    staffId: uuid('staff_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.key] })],
);

/** A 64-bit transaction id (`pg_current_xact_id()`), read as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only, hash-chained audit trail, one chain per agency. A request inserts its events
 * unsealed (chain columns NULL) in its own transaction; the sealer (src/core/audit-sealer.ts)
 * later gives each its place in the agency's chain: chain_seq, prev_hash, hash =
 * SHA-256(previous hash ‖ canonical event) – see src/core/audit-chain.ts and docs/adr/0003.
 * Triggers refuse every UPDATE but that one, once, and every DELETE and TRUNCATE (migration 0014).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
    agencyId: integer('agency_id').notNull().default(1),
    /** The inserting transaction (set by a trigger); NULL only on events sealed before migration 0014. */
    txId: xid8('tx_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string', precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    personId: uuid('person_id'),
    /** Several people at once, e.g. the people one search showed. */
    personIds: uuid('person_ids').array(),
    outcome: enumText('outcome', auditOutcome.options).notNull(),
    requestId: text('request_id'),
    clientIp: text('client_ip'),
    details: jsonb('details'),
    /** Position in the agency's chain, from 1; set by the sealer with the hashes and sealed_at. */
    chainSeq: bigint('chain_seq', { mode: 'bigint' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'string', precision: 3 }),
  },
  (t) => [
    index('audit_person_idx').on(t.personId, t.seq),
    index('audit_person_ids_idx').using('gin', t.personIds),
    index('audit_actor_idx').on(t.actorId, t.seq),
    uniqueIndex('audit_chain_position_idx').on(t.agencyId, t.chainSeq),
    index('audit_unsealed_idx').on(t.txId, t.seq).where(sql`chain_seq IS NULL`),
    oneOf('audit_outcome_valid', t.outcome, auditOutcome.options),
    check(
      'audit_sealed_whole',
      sql`(${t.chainSeq} IS NULL AND ${t.prevHash} IS NULL AND ${t.hash} IS NULL AND ${t.sealedAt} IS NULL AND ${t.txId} IS NOT NULL)
        OR (${t.chainSeq} IS NOT NULL AND ${t.prevHash} IS NOT NULL AND ${t.hash} IS NOT NULL AND ${t.sealedAt} IS NOT NULL)`,
    ),
  ],
);

/** Which app instance seals the audit chains, until when; one row, taken and renewed in short transactions. */
export const auditSealerLease = pgTable(
  'audit_sealer_lease',
  {
    id: smallint('id').primaryKey().default(1),
    holder: text('holder'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('audit_sealer_lease_one_row', sql`${t.id} = 1`)],
);

/**
 * Mail waiting to be sent: written in the transaction of the change that calls for it – a rollback
 * leaves none, a crash after the commit loses none – and sent afterwards by the mail delivery job
 * (src/core/mail.ts, docs/adr/0012). Never personal data of anyone the agency helps: a line and a link.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    /** The staff member it is for (no foreign key: the kernel knows no area). */
    recipientStaffId: uuid('recipient_staff_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What the mail is about, for the log and the tests: `crisis_opened`. */
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Until when a delivery job has claimed it; a job that died lets it go when this passes. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /** Given up on after the last attempt. */
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`sent_at IS NULL AND failed_at IS NULL`)],
);
