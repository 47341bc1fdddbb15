import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChainedAuditFields, chainHash } from '../../src/core/audit-chain.ts';
import { appendAuditEvents, verifyAuditChain } from '../../src/core/audit-store.ts';
import type { Database } from '../../src/core/db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const event = (i: number) => ({
  occurredAt: new Date(Date.UTC(2026, 10, 23, 12, 0, i)),
  actorId: null,
  actorRole: 'case_worker',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${i}`,
  personId: null,
  outcome: 'success' as const,
  requestId: `req-${i}`,
  clientIp: '127.0.0.1',
  details: { i },
});

/** Tampering needs the append-only trigger out of the way, as an attacker with table access would do. */
async function tamper(db: Database, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

/** Each broken row as [seq, code], in chain order. */
async function breaksOf(db: Database): Promise<[string, string][]> {
  const result = await verifyAuditChain(db);
  expect(result.breakCount).toBe(result.breaks.length);
  return result.breaks.map((b) => [b.seq, b.code]);
}

type StoredRow = {
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
};
const storedRowSelect = sql`SELECT seq::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  actor_id, actor_role, action, entity_type, entity_id, person_id, person_ids, outcome, request_id, client_ip, details, prev_hash, hash
  FROM audit_events`;
const fieldsOf = (r: StoredRow): ChainedAuditFields => ({
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
});

async function seqs(db: Database): Promise<string[]> {
  return (await db.execute<{ seq: string }>(sql`SELECT seq::text FROM audit_events a ORDER BY a.seq`)).rows.map((r) => r.seq);
}

describe('the audit hash chain', () => {
  beforeEach(async () => {
    await tamper(t.db, sql`DELETE FROM audit_events`);
    for (let i = 0; i < 6; i++) await t.db.transaction((tx) => appendAuditEvents(tx, [event(i)]));
  });

  it('verifies an untouched chain, in numeric order past seq 9', async () => {
    for (let i = 6; i < 12; i++) await t.db.transaction((tx) => appendAuditEvents(tx, [event(i)]));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 12 });
  });

  it('verifies in batches across batch boundaries', async () => {
    expect(await verifyAuditChain(t.db, 4)).toMatchObject({ ok: true, checked: 6 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the database itself', async () => {
    await expect(t.db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(t.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 6 });
  });

  it('detects an edited row and names it', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET actor_role = 'agency_head' WHERE seq = ${s[3]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([[s[3], 'event_changed']]);
  });

  it('chains the people an event names: a person removed from or added to the list is detected', async () => {
    const shown = ['3f6c1e0a-1111-4a4a-8a8a-000000000001', '3f6c1e0a-1111-4a4a-8a8a-000000000002'];
    await t.db.transaction((tx) => appendAuditEvents(tx, [{ ...event(7), action: 'person.search', personIds: shown }]));
    await t.db.transaction((tx) => appendAuditEvents(tx, [event(8)]));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 8 });
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET person_ids = ARRAY[${shown[0]}]::uuid[] WHERE seq = ${s[6]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([[s[6], 'event_changed']]);
    await tamper(t.db, sql`UPDATE audit_events SET person_ids = ARRAY[${shown[0]}]::uuid[] WHERE seq = ${s[7]}::bigint`);
    await tamper(
      t.db,
      sql`UPDATE audit_events SET person_ids = ${sql.raw(`ARRAY['${shown[0]}','${shown[1]}']`)}::uuid[] WHERE seq = ${s[6]}::bigint`,
    );
    expect(await breaksOf(t.db)).toEqual([[s[7], 'event_changed']]);
  });

  it('detects an edited row given a made-up hash, and the row after it, whose link no longer holds', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET details = '{"i": 99}', hash = 'f'||substr(hash, 2) WHERE seq = ${s[2]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([
      [s[2], 'event_changed'],
      [s[3], 'link_broken'],
    ]);
  });

  it('detects an edited row even when its hash was correctly recomputed, at the next row', async () => {
    const s = await seqs(t.db);
    const [row] = (await t.db.execute<StoredRow>(sql`${storedRowSelect} WHERE seq = ${s[2]}::bigint`)).rows;
    const forged = chainHash(row!.prev_hash, { ...fieldsOf(row!), details: { i: 99 } });
    await tamper(t.db, sql`UPDATE audit_events SET details = '{"i": 99}', hash = ${forged} WHERE seq = ${s[2]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([[s[3], 'link_broken']]);
  });

  it('detects a deleted row', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`DELETE FROM audit_events WHERE seq = ${s[2]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([[s[3], 'link_broken']]);
  });

  it('detects reordered rows', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET seq = -1 WHERE seq = ${s[1]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET seq = ${s[1]}::bigint WHERE seq = ${s[4]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET seq = ${s[4]}::bigint WHERE seq = -1`);
    expect(await breaksOf(t.db)).toEqual([
      [s[1], 'event_changed_and_link_broken'],
      [s[2], 'link_broken'],
      [s[4], 'event_changed_and_link_broken'],
      [s[5], 'link_broken'],
    ]);
  });

  it('detects a row inserted behind the application, even one whose hash is made the way Tillit makes it', async () => {
    // A rolled-back append leaves a gap in the sequence: room for a forged row between two real ones.
    await t.db
      .transaction(async (tx) => {
        await appendAuditEvents(tx, [event(40)]);
        await tx.execute(sql`SELECT 1/0`);
      })
      .catch(() => undefined);
    await t.db.transaction((tx) => appendAuditEvents(tx, [event(41)]));
    const s = await seqs(t.db);
    const gap = String(BigInt(s[6]!) - 1n);
    const [before] = (await t.db.execute<StoredRow>(sql`${storedRowSelect} WHERE seq = ${s[5]}::bigint`)).rows;
    const forged = { ...fieldsOf(before!), seq: gap, action: 'person.delete' };
    const hash = chainHash(before!.hash, forged);
    await tamper(
      t.db,
      sql`INSERT INTO audit_events (seq, occurred_at, actor_role, action, entity_type, entity_id, outcome, request_id, client_ip, details, prev_hash, hash)
          VALUES (${gap}::bigint, ${forged.occurredAt}, ${forged.actorRole}, ${forged.action}, ${forged.entityType}, ${forged.entityId},
                  ${forged.outcome}, ${forged.requestId}, ${forged.clientIp}, ${JSON.stringify(forged.details)}::jsonb, ${before!.hash}, ${hash})`,
    );
    expect(await breaksOf(t.db)).toEqual([[s[6], 'link_broken']]);
  });

  it('reports every separate tampering, not only the first', async () => {
    for (let i = 6; i < 20; i++) await t.db.transaction((tx) => appendAuditEvents(tx, [event(i)]));
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET outcome = 'denied' WHERE seq = ${s[2]}::bigint`);
    await tamper(t.db, sql`DELETE FROM audit_events WHERE seq = ${s[9]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET client_ip = '192.0.2.9' WHERE seq = ${s[17]}::bigint`);
    const result = await verifyAuditChain(t.db, 4);
    expect(result).toMatchObject({ ok: false, checked: 19, breakCount: 3 });
    expect(result.breaks.map((b) => [b.seq, b.code])).toEqual([
      [s[2], 'event_changed'],
      [s[10], 'link_broken'],
      [s[17], 'event_changed'],
    ]);
  });

  it('lists the first hundred breaks and counts the rest', async () => {
    for (let i = 6; i < 130; i++) await t.db.transaction((tx) => appendAuditEvents(tx, [event(i)]));
    await tamper(t.db, sql`UPDATE audit_events SET action = 'person.erase'`);
    const result = await verifyAuditChain(t.db, 50);
    expect(result).toMatchObject({ ok: false, checked: 130, breakCount: 130 });
    expect(result.breaks).toHaveLength(100);
    expect(result.breaks[99]!.seq).toBe((await seqs(t.db))[99]);
  });

  it('hashes what PostgreSQL stores: mixed-case uuids, text it cannot hold, and details of every JSON form', async () => {
    const mixed = '3F6C1E0A-1111-4A4A-8A8A-00000000000A';
    await t.db.transaction((tx) =>
      appendAuditEvents(tx, [
        {
          ...event(50),
          actorId: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
          personId: mixed,
          personIds: [mixed, '{3f6c1e0a-1111-4a4a-8a8a-00000000000b}'],
          entityId: 'Ünïcødé 王曉明 Пётр 😀',
          actorRole: 'case_worker\u0000',
          requestId: 'req-\uD800-lone',
          clientIp: '2001:DB8::1',
          details: {
            zeta: 1,
            alpha: { nested: { b: [3, 2, 1], a: null } },
            numbers: [0, -0, 1.5, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 + 2, -12.25, 5e-324, Number.MAX_VALUE],
            notNumbers: [Number.NaN, Number.POSITIVE_INFINITY],
            when: new Date(Date.UTC(2026, 10, 23, 12, 0, 0, 7)),
            count: 12n,
            missing: undefined,
            holes: [undefined, null, 'x'],
            empty: { list: [], object: {}, text: '' },
            escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 lone \uDC00 bidi \u202E',
            ключ: 'значение',
            '': 'empty key',
            __proto__: 'an ordinary key',
          },
        },
      ]),
    );
    const [stored] = (
      await t.db.execute<{ person_id: string; actor_id: string; person_ids: string[] }>(
        sql`SELECT person_id, actor_id, person_ids FROM audit_events ORDER BY seq DESC LIMIT 1`,
      )
    ).rows;
    expect(stored).toEqual({
      person_id: mixed.toLowerCase(),
      actor_id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      person_ids: [mixed.toLowerCase(), '3f6c1e0a-1111-4a4a-8a8a-00000000000b'],
    });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 7, breakCount: 0 });
  });

  it('keeps one unbroken chain under many concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_sleep(${(i % 5) / 1000})`);
          await appendAuditEvents(tx, [event(100 + i), event(200 + i)]);
        }),
      ),
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 6 + 80 });
  });

  it('leaves no event behind when the transaction rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await appendAuditEvents(tx, [event(300)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 6 });
  });
});
