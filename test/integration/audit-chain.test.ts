import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/core/audit-chain.ts';
import { sealAuditEvents } from '../../src/core/audit-sealer.ts';
import {
  appendAuditEvents,
  auditChainHashAt,
  auditChainHeads,
  hashedFields,
  type PendingAuditEvent,
  type StoredRow,
  storedColumns,
  verifyAuditChain,
} from '../../src/core/audit-store.ts';
import type { Database } from '../../src/core/db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sealEverything, unsealedCount } from '../support/sealing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const event = (i: number): PendingAuditEvent => ({
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

/** A sealed row as stored, and what its hash covers. */
async function storedRow(db: Database, seq: string): Promise<StoredRow> {
  return (await db.execute<StoredRow>(sql`SELECT ${storedColumns} FROM audit_events a WHERE a.seq = ${seq}::bigint`)).rows[0]!;
}

/** The database's own words when it refuses a statement. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  const error = await statement.then(
    () => null,
    (e: unknown) => e as { cause?: { message?: string } },
  );
  return error?.cause?.message ?? 'not refused';
}

/** Appends each event in a transaction of its own, in turn. */
async function appendEach(db: Database, events: PendingAuditEvent[]) {
  for (const e of events) await db.transaction((tx) => appendAuditEvents(tx, [e]));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => event(from + k));

/** Event ids in chain order (agency 1). */
async function seqs(db: Database): Promise<string[]> {
  return (await db.execute<{ seq: string }>(sql`SELECT seq::text FROM audit_events a ORDER BY a.agency_id, a.chain_seq`)).rows.map(
    (r) => r.seq,
  );
}

describe('the audit hash chain', () => {
  beforeEach(async () => {
    await tamper(t.db, sql`DELETE FROM audit_events`);
    await appendEach(t.db, range(0, 6));
    await sealEverything(t.db);
  });

  it('verifies an untouched chain, in numeric order past position 9', async () => {
    await appendEach(t.db, range(6, 12));
    await sealEverything(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 12, unsealed: { count: 0 } });
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

  it('lets only sealing change an event: its chain columns, once, from empty, and nothing else with them', async () => {
    await appendEach(t.db, [event(60)]);
    const [fresh] = (await t.db.execute<{ seq: string }>(sql`SELECT seq::text FROM audit_events WHERE chain_seq IS NULL`)).rows;
    const seal = (extra: ReturnType<typeof sql>) =>
      t.db.execute(
        sql`UPDATE audit_events SET chain_seq = 7, prev_hash = 'p', hash = 'h', sealed_at = now() ${extra} WHERE seq = ${fresh!.seq}::bigint`,
      );
    expect(await refusal(seal(sql`, action = 'person.erase'`))).toMatch(/append-only/);
    expect(await refusal(t.db.execute(sql`UPDATE audit_events SET details = '{}' WHERE seq = ${fresh!.seq}::bigint`))).toMatch(
      /append-only/,
    );
    expect(await refusal(t.db.execute(sql`UPDATE audit_events SET chain_seq = 7 WHERE seq = ${fresh!.seq}::bigint`))).toMatch(
      /audit_sealed_whole/,
    );
    await seal(sql``);
    expect(await refusal(seal(sql``))).toMatch(/append-only/);
    const [first] = await seqs(t.db);
    expect(await refusal(t.db.execute(sql`UPDATE audit_events SET hash = 'x' WHERE seq = ${first}::bigint`))).toMatch(/append-only/);
  });

  it('stamps every event with the transaction that inserted it, whatever the insert says', async () => {
    const [row] = (
      await t.db.transaction(async (tx) => {
        await tx.execute(
          sql`INSERT INTO audit_events (occurred_at, action, entity_type, outcome, tx_id) VALUES (now(), 'x', 'y', 'success', '3')`,
        );
        return tx.execute<{ stamped: boolean }>(
          sql`SELECT tx_id = pg_current_xact_id() AS stamped FROM audit_events WHERE chain_seq IS NULL`,
        );
      })
    ).rows;
    expect(row).toEqual({ stamped: true });
  });

  it('detects an edited row and names it', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET actor_role = 'agency_head' WHERE seq = ${s[3]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([[s[3], 'event_changed']]);
  });

  it('chains the people an event names: a person removed from or added to the list is detected', async () => {
    const shown = ['3f6c1e0a-1111-4a4a-8a8a-000000000001', '3f6c1e0a-1111-4a4a-8a8a-000000000002'];
    await appendEach(t.db, [{ ...event(7), action: 'person.search', personIds: shown }, event(8)]);
    await sealEverything(t.db);
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
    const row = await storedRow(t.db, s[2]!);
    const forged = chainHash(row.prev_hash!, { ...hashedFields(row, row.chain_seq!), details: { i: 99 } });
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
    await tamper(t.db, sql`UPDATE audit_events SET chain_seq = -1 WHERE seq = ${s[1]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET chain_seq = 2 WHERE seq = ${s[4]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET chain_seq = 5 WHERE seq = ${s[1]}::bigint`);
    expect(await breaksOf(t.db)).toEqual([
      [s[4], 'event_changed_and_link_broken'],
      [s[2], 'link_broken'],
      [s[1], 'event_changed_and_link_broken'],
      [s[5], 'link_broken'],
    ]);
  });

  it('detects a row inserted behind the application, even one whose hash is made the way Tillit makes it', async () => {
    // Room is made at position 4 by moving the rest up one; the forged row links to position 3.
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET chain_seq = chain_seq + 1000 WHERE chain_seq >= 4`);
    await tamper(t.db, sql`UPDATE audit_events SET chain_seq = chain_seq - 999 WHERE chain_seq >= 1000`);
    const before = await storedRow(t.db, s[2]!);
    const forged = { ...hashedFields(before, '4'), seq: '999999', action: 'person.delete' };
    const hash = chainHash(before.hash!, forged);
    await tamper(
      t.db,
      sql`INSERT INTO audit_events (seq, agency_id, tx_id, chain_seq, occurred_at, actor_role, action, entity_type, entity_id, outcome, request_id, client_ip, details, prev_hash, hash, sealed_at)
          VALUES (999999, 1, pg_current_xact_id(), 4, ${forged.occurredAt}, ${forged.actorRole}, ${forged.action}, ${forged.entityType}, ${forged.entityId},
                  ${forged.outcome}, ${forged.requestId}, ${forged.clientIp}, ${JSON.stringify(forged.details)}::jsonb, ${before.hash}, ${hash}, now())`,
    );
    expect(await breaksOf(t.db)).toEqual([
      [s[3], 'event_changed_and_link_broken'],
      [s[4], 'event_changed'],
      [s[5], 'event_changed'],
    ]);
  });

  it('detects the last rows cut off only against a checkpoint: the chain that is left is whole', async () => {
    const [checkpoint] = await auditChainHeads(t.db);
    expect(checkpoint).toMatchObject({ agencyId: 1, chainSeq: '6', hash: (await verifyAuditChain(t.db)).agencies[0]!.lastHash });
    expect(await auditChainHashAt(t.db, 1, checkpoint!.chainSeq)).toBe(checkpoint!.hash);
    const s = await seqs(t.db);
    await tamper(t.db, sql`DELETE FROM audit_events WHERE seq IN (${s[4]}::bigint, ${s[5]}::bigint)`);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, checked: 4, agencies: [{ agencyId: 1, lastChainSeq: '4' }] });
    expect(await auditChainHashAt(t.db, 1, checkpoint!.chainSeq)).toBeNull();
  });

  it('reports every separate tampering, not only the first', async () => {
    await appendEach(t.db, range(6, 20));
    await sealEverything(t.db);
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
    await t.db.transaction((tx) => appendAuditEvents(tx, range(6, 130)));
    await sealEverything(t.db);
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
    await sealEverything(t.db);
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

  it('seals every committed event once, in an order the verifier accepts, while many writers commit and abort', async () => {
    let writing = true;
    const sealing = (async () => {
      while (writing) await sealAuditEvents(t.db);
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db
          .transaction(async (tx) => {
            await tx.execute(sql`SELECT pg_sleep(${(i % 5) / 1000})`);
            await appendAuditEvents(tx, [event(100 + i), event(200 + i)]);
            if (i % 4 === 3) throw new Error('the change failed');
          })
          .catch(() => undefined),
      ),
    );
    writing = false;
    await sealing;
    await sealEverything(t.db);
    const positions = (await t.db.execute<{ chain_seq: string }>(sql`SELECT a.chain_seq::text FROM audit_events a ORDER BY a.chain_seq`))
      .rows;
    expect(positions.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 6 + 60 }, (_, k) => k + 1));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 6 + 60, unsealed: { count: 0 } });
  });

  it('seals nothing committed after a transaction still running until that one ends, then both in order', async () => {
    let finish!: () => void;
    const open = new Promise<void>((resolve) => (finish = resolve));
    let inserted!: () => void;
    const started = new Promise<void>((resolve) => (inserted = resolve));
    const slow = t.db.transaction(async (tx) => {
      await appendAuditEvents(tx, [{ ...event(70), requestId: 'slow' }]);
      inserted();
      await open;
    });
    const state = () =>
      t.db.execute<{ request_id: string; chain_seq: string | null }>(
        sql`SELECT request_id, chain_seq::text FROM audit_events WHERE request_id IN ('slow', 'fast') ORDER BY chain_seq NULLS LAST, request_id`,
      );
    try {
      await started;
      await appendEach(t.db, [{ ...event(71), requestId: 'fast' }]);
      await sealAuditEvents(t.db);
      expect((await state()).rows).toEqual([{ request_id: 'fast', chain_seq: null }]);
    } finally {
      finish();
      await slow;
    }
    await sealEverything(t.db);
    expect((await state()).rows).toEqual([
      { request_id: 'slow', chain_seq: '7' },
      { request_id: 'fast', chain_seq: '8' },
    ]);
  });

  it('reports the events not sealed yet and their age, and checks them once sealed', async () => {
    await appendEach(t.db, [{ ...event(80), occurredAt: new Date(Date.now() - 5000) }]);
    const before = await verifyAuditChain(t.db);
    expect(before).toMatchObject({ ok: true, checked: 6, unsealed: { count: 1 } });
    expect(before.unsealed.oldestAgeSeconds).toBeGreaterThanOrEqual(4.9);
    expect(before.unsealed.oldest).toEqual([expect.objectContaining({ agencyId: 1, ageSeconds: expect.any(Number) })]);
    await sealEverything(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 7, unsealed: { count: 0, oldestAgeSeconds: null } });
  });

  it('keeps one chain per agency, each from position 1, and names the agency of a break', async () => {
    await t.db.execute(sql`INSERT INTO agency (id, name) OVERRIDING SYSTEM VALUE VALUES (2, 'Second Chain Agency') ON CONFLICT DO NOTHING`);
    await t.db.transaction((tx) =>
      appendAuditEvents(tx, [
        { ...event(90), agencyId: 2 },
        { ...event(91), agencyId: 1 },
        { ...event(92), agencyId: 2 },
      ]),
    );
    await sealEverything(t.db);
    const second = (
      await t.db.execute<{ seq: string; chain_seq: string; prev_hash: string }>(
        sql`SELECT seq::text, chain_seq::text, prev_hash FROM audit_events WHERE agency_id = 2 ORDER BY chain_seq`,
      )
    ).rows;
    expect(second.map((r) => r.chain_seq)).toEqual(['1', '2']);
    expect(second[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: true,
      checked: 9,
      agencies: [
        { agencyId: 1, ok: true, checked: 7, lastChainSeq: '7' },
        { agencyId: 2, ok: true, checked: 2, lastChainSeq: '2' },
      ],
    });
    await tamper(t.db, sql`UPDATE audit_events SET agency_id = 1, chain_seq = 8 WHERE seq = ${second[1]!.seq}::bigint`);
    const moved = await verifyAuditChain(t.db);
    expect(moved).toMatchObject({
      ok: false,
      breakCount: 1,
      agencies: [
        { agencyId: 1, breakCount: 1 },
        { agencyId: 2, ok: true, checked: 1 },
      ],
    });
    expect(moved.breaks).toEqual([
      expect.objectContaining({ seq: second[1]!.seq, agencyId: 1, chainSeq: '8', code: 'event_changed_and_link_broken' }),
    ]);
  });

  it('leaves no event behind when the transaction rolls back, and no gap in the chain', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await appendAuditEvents(tx, [event(300)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await appendEach(t.db, [event(301)]);
    await sealEverything(t.db);
    expect(await unsealedCount(t.db)).toBe(0);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 7, agencies: [{ lastChainSeq: '7' }] });
  });
});
