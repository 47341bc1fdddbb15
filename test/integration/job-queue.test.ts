import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/core/jobs.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('the job queue', () => {
  it('starts on instances starting together on a database it has not been set up in yet', async () => {
    for (let round = 0; round < 3; round++) {
      await database.db.execute(sql`DROP SCHEMA IF EXISTS pgboss CASCADE`);
      const instances = [0, 1, 2].map(() => new JobQueue(database.db, { logger: createLogger('silent') }));
      const started = await Promise.allSettled(
        instances.map(async (jobs) => {
          await jobs.start();
          await jobs.drain('first-work', async () => undefined);
          await jobs.drain('second-work', async () => undefined);
        }),
      );
      await Promise.all(instances.map((jobs) => jobs.stop()));
      expect(started.map((s) => (s.status === 'rejected' ? String((s.reason as Error).message) : 'started'))).toEqual([
        'started',
        'started',
        'started',
      ]);
    }
  });
});
