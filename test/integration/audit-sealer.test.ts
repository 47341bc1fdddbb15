/**
 * The background sealer as each app instance runs it: two instances on one database (two pools,
 * two sealers), one holding the lease at a time.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditSealer, sealAuditEvents } from '../../src/core/audit-sealer.ts';
import { appendAuditEvents, type PendingAuditEvent, verifyAuditChain } from '../../src/core/audit-store.ts';
import { createDatabase, type Database } from '../../src/core/db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { unsealedCount } from '../support/sealing.ts';

let t: TestDatabase;
let other: Database;
const sealers: AuditSealer[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  other = createDatabase(t.url);
});
afterEach(async () => {
  await Promise.all(sealers.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await other.$client.end();
  await t.drop();
});

const event = (i: number, requestId = `req-${i}`): PendingAuditEvent => ({
  occurredAt: new Date(),
  actorId: null,
  actorRole: 'case_worker',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${i}`,
  personId: null,
  outcome: 'success',
  requestId,
  clientIp: '127.0.0.1',
  details: { i },
});

/** A sealer with short intervals, as a test can wait for. */
function sealer(db: Database, name: string) {
  const s = new AuditSealer(db, { holder: name, pollMs: 20, standbyMs: 100, leaseMs: 1000 });
  sealers.push(s);
  return s;
}

async function leaseHolder(): Promise<string | null> {
  const [row] = (await t.db.execute<{ holder: string | null }>(sql`SELECT holder FROM audit_sealer_lease WHERE expires_at > now()`)).rows;
  return row?.holder ?? null;
}

async function until<T>(what: string, check: () => Promise<T | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const allSealed = async () => (await unsealedCount(t.db)) === 0;

describe('the audit sealer', () => {
  it('seals every committed event exactly once, in an order the verifier accepts, with writers and sealers on two instances', async () => {
    sealer(t.db, 'instance-a').start();
    sealer(other, 'instance-b').start();
    // Sealing transactions from both instances at once as well, beside the lease holder's.
    let writing = true;
    const racing = [t.db, other].map(async (db) => {
      while (writing) await sealAuditEvents(db, 7);
    });
    const committed: string[] = [];
    await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        const db = i % 2 === 0 ? t.db : other;
        const requestId = `concurrent-${i}`;
        try {
          await db.transaction(async (tx) => {
            await tx.execute(sql`SELECT pg_sleep(${(i % 7) / 1000})`);
            await appendAuditEvents(tx, [event(i, requestId), event(1000 + i, requestId)]);
            if (i % 5 === 4) throw new Error('the change failed');
          });
          committed.push(requestId);
        } catch {
          // aborted: its events must not appear, and their gap in seq must not break the chain
        }
      }),
    );
    writing = false;
    await Promise.all(racing);
    await until('every event sealed', allSealed);
    const rows = (
      await t.db.execute<{ request_id: string; chain_seq: string }>(
        sql`SELECT a.request_id, a.chain_seq::text AS chain_seq FROM audit_events a WHERE a.request_id LIKE 'concurrent-%' ORDER BY a.chain_seq`,
      )
    ).rows;
    expect(committed).toHaveLength(96);
    expect(rows).toHaveLength(2 * 96);
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(committed));
    expect(rows.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: rows.length }, (_, k) => k + 1));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 2 * 96, breakCount: 0, unsealed: { count: 0 } });
  });

  it('lets one instance hold the lease and seal, the other waiting', async () => {
    const a = sealer(t.db, 'instance-a');
    a.start();
    await until('a to hold the lease', async () => a.holding);
    const b = sealer(other, 'instance-b');
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([a.holding, b.holding]).toEqual([true, false]);
    expect(await leaseHolder()).toBe('instance-a');
    await other.transaction((tx) => appendAuditEvents(tx, [event(1)]));
    await until('the event sealed', allSealed);
  });

  it('hands sealing over at once when the holder stops cleanly', async () => {
    const a = sealer(t.db, 'instance-a');
    a.start();
    await until('a to hold the lease', async () => a.holding);
    const b = sealer(other, 'instance-b');
    b.start();
    await a.stop();
    const takenOver = Date.now();
    await until('b to take the lease', async () => b.holding);
    expect(Date.now() - takenOver).toBeLessThan(1000);
    await other.transaction((tx) => appendAuditEvents(tx, [event(2)]));
    await until('the event sealed by b', allSealed, 2000);
    expect(await leaseHolder()).toBe('instance-b');
  });

  it('hands sealing over within seconds when the holder stops without a word, and seals what waited meanwhile', async () => {
    const a = sealer(t.db, 'instance-a');
    a.start();
    await until('a to hold the lease', async () => a.holding);
    const b = sealer(other, 'instance-b');
    b.start();
    await a.stop({ release: false }); // as a crash: the lease stays until it runs out
    const stoppedAt = Date.now();
    await t.db.transaction((tx) => appendAuditEvents(tx, [event(3), event(4)]));
    expect(await unsealedCount(t.db)).toBe(2);
    await until('the events sealed by b', allSealed, 5000);
    expect(Date.now() - stoppedAt).toBeLessThan(3000);
    expect(await leaseHolder()).toBe('instance-b');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, unsealed: { count: 0 } });
  });

  it('loses no event while no sealer runs: they wait, committed and readable, and are sealed when one starts', async () => {
    await t.db.transaction((tx) => appendAuditEvents(tx, [event(5, 'while-none-runs')]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = await t.db.execute(sql`SELECT 1 FROM audit_events WHERE request_id = 'while-none-runs' AND chain_seq IS NULL`);
    expect(waiting.rows).toHaveLength(1);
    expect((await verifyAuditChain(t.db)).unsealed.count).toBe(1);
    sealer(other, 'instance-b').start();
    await until('the event sealed', allSealed, 5000);
  });
});
