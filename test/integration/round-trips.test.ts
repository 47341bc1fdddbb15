/**
 * How many times a request waits for the database: every query sent by any client of the pool,
 * counted while one request runs. The pages people open most take three: the session lookup,
 * then two in the transaction (BEGIN with the agency binding and the read; the audit event with the
 * COMMIT).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTransaction } from '../../src/core/db/pool.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let w: ApiClient;
let f: CaseFixtureIds;
const sent: string[] = [];
const original = pg.Client.prototype.query;
let counting = false;

beforeAll(async () => {
  // The job queue polls through the same pool: left out, every query counted is the request's.
  t = await createTestApp({}, { backgroundWork: false });
  ({ client: w, ids: f } = await buildCaseFixture(t, { givenName: 'Rosamund', familyName: 'Tallyworth' }));
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counting) sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text).slice(0, 60));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(async () => {
  pg.Client.prototype.query = original;
  await t.close();
});

async function roundTrips(url: string): Promise<string[]> {
  await w.get(url); // the session's last-seen touch, at most once a minute, is not what is measured
  sent.length = 0;
  counting = true;
  const response = await w.get(url);
  counting = false;
  expect(response.statusCode, response.body).toBe(200);
  return [...sent];
}

describe('round trips to the database', () => {
  it('reads a person in three: the session, then BEGIN with the agency and the read, then the audit event with the COMMIT', async () => {
    expect(await roundTrips(`/persons/${f.person}`)).toHaveLength(3);
  });

  it('reads a caseload page in three', async () => {
    expect(await roundTrips('/work/caseload')).toHaveLength(3);
  });

  it('reads the case page in three: its content is one statement', async () => {
    const trips = await roundTrips(`/cases/${f.case}/overview`);
    expect(trips, trips.join('\n')).toHaveLength(3);
  });
});

describe('the first query of a transaction, sent with its BEGIN', () => {
  it('keeps every value exact: quotes, backslashes, arrays, JSON, negative numbers, null, other scripts', async () => {
    const values = ["O'Brien \\ back\\slash", ['x"y', "z'", 'Чжан 张'], JSON.stringify({ note: "it's" }), -7, null];
    const rows = await runTransaction(t.db, null, async (tx) => {
      const result = await tx.execute(
        sql`SELECT ${values[0]}::text AS a, ${sql.param(values[1])}::text[] AS b, ${values[2]}::jsonb AS c, ${values[3]}::int AS d, ${values[4]}::text AS e`,
      );
      return { result: result.rows };
    });
    expect(rows).toEqual([{ a: values[0], b: values[1], c: { note: "it's" }, d: -7, e: null }]);
  });
});
