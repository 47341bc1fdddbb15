import { describe, expect, it } from 'vitest';
import { errorCodes } from '../core/errors.ts';
import { describeForLog, statusOf } from './problem.ts';

describe('problem mapping', () => {
  it('maps every error code to a status', () => {
    for (const code of errorCodes) expect(statusOf[code], code).toBeGreaterThanOrEqual(400);
  });
  it('logs an error without its message, which may quote input', () => {
    const error = new Error('Failed query: insert into persons values ($1) params: Kari Nordmann', {
      cause: { code: '23505', constraint: 'x_unique' },
    });
    const described = describeForLog(error);
    expect(JSON.stringify(described)).not.toContain('Kari');
    expect(described).toMatchObject({ type: 'Error', code: '23505', constraint: 'x_unique' });
    expect(String(described.frames)).toContain('at ');
  });
});
