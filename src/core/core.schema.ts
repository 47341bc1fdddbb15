import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Append-only, hash-chained audit trail. The application has no update or delete path; a trigger
 * refuses both. hash = SHA-256(previous hash ‖ canonical event) – see src/core/audit-chain.ts.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_person_idx').on(t.personId, t.seq),
    index('audit_person_ids_idx').using('gin', t.personIds),
    index('audit_actor_idx').on(t.actorId, t.seq),
    oneOf('audit_outcome_valid', t.outcome, auditOutcome.options),
  ],
);
