import { describe, expect, it } from 'vitest';
import { type MfaResetRequestFacts, mfaResetDecisionRefusal, mfaResetStatus } from './mfa-reset.rules.ts';

const now = new Date('2026-03-02T10:00:00Z');
const request: MfaResetRequestFacts = {
  staffId: 'worker',
  requestedBy: 'first-admin',
  outcome: null,
  expiresAt: new Date('2026-03-03T09:00:00Z'),
};

describe('a second-factor reset request', () => {
  it('is pending until it is decided or expires', () => {
    expect(mfaResetStatus(request, now)).toBe('pending');
  });

  it('has expired once its time is up without a decision', () => {
    expect(mfaResetStatus(request, request.expiresAt)).toBe('expired');
  });

  it('keeps its decision after its time is up', () => {
    expect(mfaResetStatus({ ...request, outcome: 'approved' }, new Date('2026-04-01T00:00:00Z'))).toBe('approved');
  });

  it('may be approved by a second person', () => {
    expect(mfaResetDecisionRefusal(request, 'agency-head', 'approve', now)).toBeNull();
  });

  it('may not be approved by the person who requested it', () => {
    expect(mfaResetDecisionRefusal(request, 'first-admin', 'approve', now)).toBe('own_request');
  });

  it('may be withdrawn by the person who requested it', () => {
    expect(mfaResetDecisionRefusal(request, 'first-admin', 'decline', now)).toBeNull();
  });

  it('may not be decided by the staff member whose factor it is about', () => {
    expect(mfaResetDecisionRefusal(request, 'worker', 'decline', now)).toBe('own_account');
  });

  it('may not be approved once it has expired', () => {
    expect(mfaResetDecisionRefusal(request, 'agency-head', 'approve', request.expiresAt)).toBe('expired');
  });

  it('may not be decided twice', () => {
    expect(mfaResetDecisionRefusal({ ...request, outcome: 'declined' }, 'agency-head', 'approve', now)).toBe('not_pending');
  });
});
