import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from './case-number.rules.ts';

describe('case numbers', () => {
  it('read prefix, year and a zero-padded sequence', () => {
    expect(formatCaseNumber('TIL', 2026, 42)).toBe('TIL-2026-000042');
    expect(formatCaseNumber('OSLO1', 2027, 1)).toBe('OSLO1-2027-000001');
  });
  it('grow past six digits rather than wrap', () => {
    expect(formatCaseNumber('TIL', 2026, 1_234_567)).toBe('TIL-2026-1234567');
  });
});
