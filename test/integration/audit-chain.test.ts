import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

async function seqs(db: Database): Promise<string[]> {
  return (await db.execute<{ seq: string }>(sql`SELECT seq::text FROM audit_events ORDER BY seq`)).rows.map((r) => r.seq);
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
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: s[3] });
  });

  it('chains the people an event names: a person removed from or added to the list is detected', async () => {
    const shown = ['3f6c1e0a-1111-4a4a-8a8a-000000000001', '3f6c1e0a-1111-4a4a-8a8a-000000000002'];
    await t.db.transaction((tx) => appendAuditEvents(tx, [{ ...event(7), action: 'person.search', personIds: shown }]));
    await t.db.transaction((tx) => appendAuditEvents(tx, [event(8)]));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 8 });
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET person_ids = ARRAY[${shown[0]}]::uuid[] WHERE seq = ${s[6]}::bigint`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: s[6] });
    await tamper(t.db, sql`UPDATE audit_events SET person_ids = ARRAY[${shown[0]}]::uuid[] WHERE seq = ${s[7]}::bigint`);
    await tamper(
      t.db,
      sql`UPDATE audit_events SET person_ids = ${sql.raw(`ARRAY['${shown[0]}','${shown[1]}']`)}::uuid[] WHERE seq = ${s[6]}::bigint`,
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: s[7] });
  });

  it('detects an edited row even when its hash was recomputed, at the next row', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET details = '{"i": 99}', hash = 'f'||substr(hash, 2) WHERE seq = ${s[2]}::bigint`);
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.firstBrokenSeq).toBe(s[2]);
  });

  it('detects a deleted row', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`DELETE FROM audit_events WHERE seq = ${s[2]}::bigint`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: s[3] });
  });

  it('detects reordered rows', async () => {
    const s = await seqs(t.db);
    await tamper(t.db, sql`UPDATE audit_events SET seq = -1 WHERE seq = ${s[1]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET seq = ${s[1]}::bigint WHERE seq = ${s[4]}::bigint`);
    await tamper(t.db, sql`UPDATE audit_events SET seq = ${s[4]}::bigint WHERE seq = -1`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: s[1] });
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
