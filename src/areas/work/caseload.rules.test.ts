import { describe, expect, it } from 'vitest';
import { byCaseload, DEFAULT_CASELOAD_LIMIT, isOverloaded } from './caseload.rules.ts';

describe('a caseload', () => {
  it('is overloaded only above the limit, not at it', () => {
    expect(isOverloaded(DEFAULT_CASELOAD_LIMIT)).toBe(false);
    expect(isOverloaded(DEFAULT_CASELOAD_LIMIT + 1)).toBe(true);
    expect(isOverloaded(4, 3)).toBe(true);
  });

  it('lists the most loaded worker first, names breaking ties, and marks those over the limit', () => {
    const workers = [
      { name: 'Vera', openCases: 2 },
      { name: 'Anders', openCases: 4 },
      { name: 'Ida', openCases: 4 },
      { name: 'Bo', openCases: 0 },
    ];
    expect(byCaseload(workers, 3).map((w) => `${w.name}:${w.openCases}:${w.overloaded}`)).toEqual([
      'Anders:4:true',
      'Ida:4:true',
      'Vera:2:false',
      'Bo:0:false',
    ]);
  });
});
