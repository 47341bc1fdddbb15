import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { afterStop } from './jobs.ts';

const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as Record<string, (schema: string) => string>;

describe('a job queue after it was stopped', () => {
  it('answers a late completion of a job with nothing changed, in the shape pg-boss reads', () => {
    expect(afterStop(plans.completeJobs!('pgboss'))).toEqual({ rows: [{ count: '0' }] });
  });

  it('answers any other statement with no rows', () => {
    expect(afterStop('SELECT id FROM pgboss.job WHERE name = $1')).toEqual({ rows: [] });
  });
});
