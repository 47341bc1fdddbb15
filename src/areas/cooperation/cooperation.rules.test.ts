import { describe, expect, it } from 'vitest';
import { type CooperationFacts, cooperationStateAt, isInForce, runsUntil } from './cooperation.rules.ts';

const signed = (over: Partial<CooperationFacts> = {}): CooperationFacts => ({
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  renewal: 'none',
  signedBy: ['agency', 'partner'],
  endedOn: null,
  ...over,
});

describe('a cooperation agreement', () => {
  it('is a draft until a party signs, and awaits the other party after one has', () => {
    expect(cooperationStateAt(signed({ signedBy: [] }), '2026-06-01')).toBe('draft');
    expect(cooperationStateAt(signed({ signedBy: ['partner'] }), '2026-06-01')).toBe('awaiting_signature');
  });

  it('is in force from its first day to its last, both signed', () => {
    expect(cooperationStateAt(signed(), '2025-12-31')).toBe('not_yet_in_force');
    expect(cooperationStateAt(signed(), '2026-01-01')).toBe('in_force');
    expect(cooperationStateAt(signed(), '2027-01-01')).toBe('expired');
  });

  it('is expiring in the last sixty days, and still in force for referring', () => {
    expect(cooperationStateAt(signed(), '2026-11-01')).toBe('expiring');
    expect(isInForce(cooperationStateAt(signed(), '2026-12-31'))).toBe(true);
    expect(cooperationStateAt(signed(), '2026-10-31')).toBe('in_force');
  });

  it('renewing yearly, runs on a year at a time and never expires', () => {
    const yearly = signed({ renewal: 'yearly' });
    expect(runsUntil(yearly, '2027-03-01')).toBe('2027-12-31');
    expect(cooperationStateAt(yearly, '2028-12-30')).toBe('in_force');
  });

  it('runs without an end until a party withdraws', () => {
    expect(cooperationStateAt(signed({ endsOn: null }), '2040-01-01')).toBe('in_force');
  });

  it('ended by a party, runs to the day it ends and is ended after it', () => {
    const ending = signed({ endedOn: '2026-07-31' });
    expect(cooperationStateAt(ending, '2026-07-15')).toBe('expiring');
    expect(cooperationStateAt(ending, '2026-08-01')).toBe('ended');
  });
});
