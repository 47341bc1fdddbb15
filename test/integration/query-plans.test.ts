import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The plan's node types, depth first. */
function nodeTypes(plan: { 'Node Type': string; Plans?: unknown[] }): string[] {
  return [plan['Node Type'], ...((plan.Plans ?? []) as (typeof plan)[]).flatMap(nodeTypes)];
}

/**
 * The plan of a query when sorting is made as dear as PostgreSQL allows: a Sort left in it means
 * no index gives the rows in the order asked for, and the newest page of a long journal would
 * read and sort all of it.
 */
async function planWithoutSorting(query: ReturnType<typeof sql>) {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_sort = off`);
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    const result = await tx.execute(sql`EXPLAIN (FORMAT JSON) ${query}`);
    const [explained] = result.rows[0]!['QUERY PLAN'] as [{ Plan: { 'Node Type': string } }];
    return nodeTypes(explained.Plan);
  });
}

describe('the newest page of a case', () => {
  it("reads a case's newest journal entries from its index, without sorting the case's whole journal", async () => {
    const nodes = await planWithoutSorting(
      sql`SELECT id FROM journal_entries WHERE case_id = ${randomUUID()} ORDER BY occurred_at DESC, id DESC LIMIT 51`,
    );
    expect(nodes).not.toContain('Sort');
    expect(nodes.filter((node) => node.startsWith('Index'))).not.toHaveLength(0);
  });

  it("reads a case's latest contacts from its index, without sorting all of them", async () => {
    const nodes = await planWithoutSorting(
      sql`SELECT id FROM contacts WHERE case_id = ${randomUUID()} ORDER BY starts_at DESC, id DESC LIMIT 51`,
    );
    expect(nodes).not.toContain('Sort');
    expect(nodes.filter((node) => node.startsWith('Index'))).not.toHaveLength(0);
  });
});
