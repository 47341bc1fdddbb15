import { describe, expect, it } from 'vitest';
import { accountRule, backoffSeconds } from './login-throttle.ts';

describe('login back-off', () => {
  it('allows the free attempts, then doubles the wait up to the cap', () => {
    expect([0, 1, 4].map((n) => backoffSeconds(n, accountRule))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => backoffSeconds(n, accountRule))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(50, accountRule)).toBe(accountRule.maxDelaySeconds);
  });
});
