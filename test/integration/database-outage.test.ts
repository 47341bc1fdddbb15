/**
 * Losing database connections fails the requests that were using them (503), never the process,
 * and the pool serves again with new connections.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/server/problem.ts';
import { ApiClient } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const terminate = (pid: number) => t.db.execute(sql`SELECT pg_terminate_backend(${pid})`);

describe('a lost database connection', () => {
  it('fails the transaction holding it, not the process, and the pool serves again', async () => {
    const failure = await t.db
      .transaction(async (tx) => {
        const pid = (await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
        await terminate(pid);
        // The connection's end arrives while the transaction holds the client between two queries:
        // node-postgres emits it as an 'error' event on that client.
        await sleep(300);
        await tx.execute(sql`SELECT 1`);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect((await t.db.execute<{ one: number }>(sql`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
  });

  it('answers a request whose connection was cut with 503 problem+json and Retry-After, then serves again', async () => {
    const worker = await t.createStaff({ roles: ['case_worker'] });
    const client = new ApiClient(t.app);
    await client.signIn(worker.email, worker.password);
    // Hold the request inside its query (waiting for a lock), then cut its connection there.
    const holder = await t.db.$client.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE persons IN ACCESS EXCLUSIVE MODE');
      const pending = client.get('/persons?limit=5');
      const waiting = sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      await expect.poll(async () => (await t.db.execute(waiting)).rows.length).toBeGreaterThan(0);
      await t.db.execute(sql`SELECT pg_terminate_backend(pid) FROM (${waiting}) w`);
      const r = await pending;
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json().code).toBe('service_unavailable');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await client.get('/persons?limit=5')).statusCode).toBe(200);
  });
});
