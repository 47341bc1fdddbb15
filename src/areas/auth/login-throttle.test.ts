import { describe, expect, it } from 'vitest';
import { accountRule, addressRule, backoffSeconds, loginKeys, loginVerdict, noFailures, pairRule } from './login-throttle.ts';

const count = (failures: number, waitSeconds = 0) => ({ failures, waitSeconds });

describe('login back-off', () => {
  it('allows the free attempts, then doubles the wait up to the cap', () => {
    expect([0, 1, 4].map((n) => backoffSeconds(n, pairRule))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => backoffSeconds(n, pairRule))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(50, pairRule)).toBe(pairRule.maxDelaySeconds);
  });

  it('lets an address try many more distinct accounts than one account may fail', () => {
    expect(backoffSeconds(19, addressRule)).toBe(0);
    expect(backoffSeconds(20, addressRule)).toBeGreaterThan(0);
    expect(backoffSeconds(5, accountRule)).toBeGreaterThan(0);
  });
});

describe('whether a sign-in attempt is checked', () => {
  it('refuses an address in back-off for this account, even before the password is looked at', () => {
    expect(loginVerdict({ pair: count(5, 30), account: count(5, 30), address: noFailures })).toEqual({
      allowed: false,
      waitSeconds: 30,
      rule: 'pair',
    });
  });

  it('lets an address with no recent failures for an account under attack try', () => {
    expect(loginVerdict({ pair: noFailures, account: count(40, 900), address: noFailures })).toEqual({ allowed: true });
  });

  it('makes an address that failed for an account under attack wait out the account’s back-off', () => {
    expect(loginVerdict({ pair: count(1), account: count(6, 60), address: count(1) })).toEqual({
      allowed: false,
      waitSeconds: 60,
      rule: 'account',
    });
  });

  it('refuses an address that sprays many accounts, whichever account it tries next', () => {
    expect(loginVerdict({ pair: noFailures, account: noFailures, address: count(20, 30) })).toMatchObject({
      allowed: false,
      rule: 'address',
    });
  });

  it('allows an attempt nobody is counting against', () => {
    expect(loginVerdict({ pair: noFailures, account: noFailures, address: noFailures })).toEqual({ allowed: true });
  });
});

describe('throttle keys', () => {
  it('name the account by its hash only, and the address', () => {
    expect(loginKeys('ab12', '10.0.0.1')).toEqual({ pair: 'pair:ab12:10.0.0.1', account: 'account:ab12', address: 'address:10.0.0.1' });
    expect(loginKeys('ab12', null).address).toBe('address:unknown');
  });
});
