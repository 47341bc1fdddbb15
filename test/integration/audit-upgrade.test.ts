/**
 * An installation chained its events under the lock before migration 0014: after the upgrade those
 * events keep their hashes, open agency 1's chain, and new events are sealed after them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/core/audit-chain.ts';
import { appendAuditEvents, type PendingAuditEvent, storedFields, verifyAuditChain } from '../../src/core/audit-store.ts';
import { migrationsFolder } from '../../src/core/db/migrate.ts';
import { createDatabase, type Database } from '../../src/core/db/pool.ts';
import { sealEverything } from '../support/sealing.ts';

const name = `tillit_test_upgrade_${randomBytes(4).toString('hex')}`;
let db: Database;
let before: string;

/** The migrations up to and including `last`, as a folder of their own. */
function migrationsUpTo(last: number): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-migrations-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return folder;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  db = createDatabase(url.toString(), 2);
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  before = migrationsUpTo(13);
  await migrate(db, { migrationsFolder: before });
}, 60_000);

afterAll(async () => {
  await db.$client.end();
  fs.rmSync(before, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const event = (i: number): PendingAuditEvent => ({
  occurredAt: new Date(Date.UTC(2026, 5, 1, 9, 0, i)),
  actorId: null,
  actorRole: 'case_worker',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${i}`,
  personId: null,
  outcome: 'success',
  requestId: `req-${i}`,
  clientIp: '127.0.0.1',
  details: { i },
});

/** As releases before the sealer appended: the chain lock, the head and seq in one call, the hash with seq as the position. */
async function appendTheOldWay(e: PendingAuditEvent): Promise<void> {
  await db.transaction(async (tx) => {
    const [reserved] = (
      await tx.execute<{ seq: string; head_hash: string | null }>(
        sql`SELECT seq::text AS seq, head_hash FROM audit_chain_reserve(746111002, 1)`,
      )
    ).rows;
    const fields = storedFields(reserved!.seq, e);
    const previous = reserved!.head_hash ?? GENESIS_HASH;
    await tx.execute(sql`
      INSERT INTO audit_events (seq, occurred_at, actor_role, action, entity_type, entity_id, outcome, request_id, client_ip, details, prev_hash, hash)
      VALUES (${fields.seq}::bigint, ${fields.occurredAt}, ${fields.actorRole}, ${fields.action}, ${fields.entityType}, ${fields.entityId},
              ${fields.outcome}, ${fields.requestId}, ${fields.clientIp}, ${JSON.stringify(fields.details)}::jsonb, ${previous}, ${chainHash(previous, fields)})`);
  });
}

it('keeps the events chained before the sealer verifiable, as the start of agency 1’s chain, and seals new ones after them', async () => {
  for (let i = 0; i < 3; i++) await appendTheOldWay(event(i));
  // a rolled-back append leaves a gap in seq, as it did then
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`SELECT nextval(pg_get_serial_sequence('audit_events', 'seq'))`);
      throw new Error('the change failed');
    })
    .catch(() => undefined);
  await appendTheOldWay(event(3));
  const lastOld = (await db.execute<{ hash: string }>(sql`SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1`)).rows[0]!.hash;

  await migrate(db, { migrationsFolder });
  const migrated = (
    await db.execute<{ chain_seq: string; legacy: boolean; sealed: boolean }>(
      sql`SELECT a.chain_seq::text AS chain_seq, a.tx_id IS NULL AS legacy, a.sealed_at IS NOT NULL AS sealed FROM audit_events a ORDER BY a.seq`,
    )
  ).rows;
  expect(migrated).toEqual(['1', '2', '3', '4'].map((chain_seq) => ({ chain_seq, legacy: true, sealed: true })));
  expect(await verifyAuditChain(db)).toMatchObject({
    ok: true,
    checked: 4,
    agencies: [{ agencyId: 1, lastChainSeq: '4', lastHash: lastOld }],
  });

  await db.transaction((tx) => appendAuditEvents(tx, [event(4), event(5)]));
  await sealEverything(db);
  const [first] = (await db.execute<{ prev_hash: string }>(sql`SELECT prev_hash FROM audit_events WHERE chain_seq = 5`)).rows;
  expect(first!.prev_hash).toBe(lastOld);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 6, breakCount: 0 });

  // an old event's content is still held to its hash
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`UPDATE audit_events SET action = 'person.erase' WHERE chain_seq = 2`);
  });
  expect((await verifyAuditChain(db)).breaks).toEqual([expect.objectContaining({ chainSeq: '2', code: 'event_changed' })]);
}, 60_000);
