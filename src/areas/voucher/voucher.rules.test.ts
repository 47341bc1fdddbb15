import { describe, expect, it } from 'vitest';
import { voucherStatus } from './voucher.contract.ts';
import {
  answerDueOn,
  availableVoucherActions,
  fhirTaskStatus,
  finalStates,
  voucherTransition,
  voucherTransitions,
} from './voucher.rules.ts';

describe('the voucher lifecycle', () => {
  it.each([
    ['issued', 'accept', 'partner', 'accepted'],
    ['issued', 'decline', 'partner', 'declined'],
    ['accepted', 'start', 'partner', 'in_progress'],
    ['accepted', 'provided', 'partner', 'service_provided'],
    ['in_progress', 'provided', 'partner', 'service_provided'],
    ['in_progress', 'not_provided', 'partner', 'not_provided'],
    ['service_provided', 'return', 'partner', 'returned'],
    ['not_provided', 'return', 'partner', 'returned'],
    ['issued', 'cancel', 'agency', 'cancelled'],
    ['in_progress', 'cancel', 'agency', 'cancelled'],
    ['issued', 'expire', 'clock', 'expired'],
  ] as const)('takes a voucher that is %s, on %s by the %s, to %s', (from, action, by, to) => {
    expect(voucherTransition(from, action, { by, reason: 'no_capacity', outcome: 'Four sessions of budget advice' })).toEqual({
      ok: true,
      to,
    });
  });

  it('lets only the partner accept, and only the agency cancel', () => {
    expect(voucherTransition('issued', 'accept', { by: 'agency' })).toMatchObject({ ok: false, code: 'wrong_side' });
    expect(voucherTransition('issued', 'cancel', { by: 'partner', reason: 'other' })).toMatchObject({ ok: false, code: 'wrong_side' });
  });

  it('keeps accepting, finishing and delivering apart: a voucher is not returned before the partner says whether the service was provided', () => {
    expect(voucherTransition('accepted', 'return', { by: 'partner' })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(voucherTransition('in_progress', 'return', { by: 'partner' })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
  });

  it('asks a decline, a service not provided and a cancellation for their reason', () => {
    expect(voucherTransition('issued', 'decline', { by: 'partner' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(voucherTransition('accepted', 'not_provided', { by: 'partner' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(voucherTransition('issued', 'cancel', { by: 'agency' })).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('asks a service provided for what was provided', () => {
    expect(voucherTransition('in_progress', 'provided', { by: 'partner', outcome: '  ' })).toMatchObject({
      ok: false,
      code: 'outcome_required',
    });
  });

  it('lets nothing follow a final state', () => {
    for (const state of finalStates) expect(voucherTransitions.filter((t) => t.from === state)).toEqual([]);
  });

  it('lets a voucher taken on run on past its date: only an unanswered one expires', () => {
    expect(voucherTransition('accepted', 'expire', { by: 'clock' })).toMatchObject({ ok: false, code: 'transition_not_allowed' });
  });

  it('offers the partner what it may do next, and the agency what it may', () => {
    expect(availableVoucherActions('issued', 'partner')).toEqual(['accept', 'decline']);
    expect(availableVoucherActions('issued', 'agency')).toEqual(['cancel']);
    expect(availableVoucherActions('returned', 'partner')).toEqual([]);
  });

  it('gives every state a FHIR Task status', () => {
    for (const state of voucherStatus.options) expect(fhirTaskStatus[state]).toBeTruthy();
  });
});

describe('the day a partner should have answered', () => {
  it('is two working days after a Monday: the Wednesday', () => {
    expect(answerDueOn('2026-11-30', 2)).toBe('2026-12-02');
  });
  it('skips the weekend: two working days after a Thursday is the Monday', () => {
    expect(answerDueOn('2026-12-03', 2)).toBe('2026-12-07');
  });
  it('skips the weekend when issued on a Saturday', () => {
    expect(answerDueOn('2026-12-05', 1)).toBe('2026-12-07');
  });
});
