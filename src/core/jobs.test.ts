import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { afterStop, retryingRaces } from './jobs.ts';

const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as Record<string, (schema: string) => string>;

describe('a job queue after it was stopped', () => {
  it('answers a late completion of a job with nothing changed, in the shape pg-boss reads', () => {
    expect(afterStop(plans.completeJobs!('pgboss'))).toEqual({ rows: [{ count: '0' }] });
  });

  it('answers any other statement with no rows', () => {
    expect(afterStop('SELECT id FROM pgboss.job WHERE name = $1')).toEqual({ rows: [] });
  });
});

describe('starting the job queue beside another instance', () => {
  it('tries again a step PostgreSQL aborted as a deadlock or a concurrent create, and gives up after the last attempt', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let calls = 0;
    await expect(
      retryingRaces(async () => {
        calls++;
        if (calls === 1) throw deadlock;
        if (calls === 2)
          throw Object.assign(new Error('duplicate key value violates unique constraint "pg_namespace_nspname_index"'), { code: '23505' });
        return 'started';
      }),
    ).resolves.toBe('started');
    expect(calls).toBe(3);
    await expect(retryingRaces(() => Promise.reject(deadlock), 2)).rejects.toBe(deadlock);
  });

  it('does not try again any other failure', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('permission denied'), { code: '42501' });
    await expect(
      retryingRaces(async () => {
        calls++;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });
});
