import { describe, expect, it } from 'vitest';
import { nextSessionState, type SignInProgress, TEMPORARY_PASSWORD_HOURS, temporaryPasswordRefusal } from './sign-in.rules.ts';

const base: SignInProgress = { mfaEnrolled: false, mfaVerified: false, mfaRequiredForRole: false, temporaryPassword: false };

describe('the next step of signing in', () => {
  it('is complete for an account with nothing left to do', () => {
    expect(nextSessionState(base)).toBe('complete');
  });

  it('asks for the code of an enrolled account before anything else', () => {
    expect(nextSessionState({ ...base, mfaEnrolled: true, temporaryPassword: true, mfaRequiredForRole: true })).toBe('mfa_required');
  });

  it('asks for a new password after the code when the password was temporary', () => {
    expect(nextSessionState({ ...base, mfaEnrolled: true, mfaVerified: true, temporaryPassword: true })).toBe('password_change_required');
  });

  it('asks for a new password before enrolment when the account has no second factor yet', () => {
    expect(nextSessionState({ ...base, temporaryPassword: true, mfaRequiredForRole: true })).toBe('password_change_required');
  });

  it('asks for enrolment when the role requires a second factor the account lacks', () => {
    expect(nextSessionState({ ...base, mfaRequiredForRole: true })).toBe('mfa_enrolment_required');
  });

  it('lets an account whose role does not require it sign in without a second factor', () => {
    expect(nextSessionState({ ...base, mfaRequiredForRole: false })).toBe('complete');
  });

  it('is complete once an enrolled account has answered its code', () => {
    expect(nextSessionState({ ...base, mfaEnrolled: true, mfaVerified: true, mfaRequiredForRole: true })).toBe('complete');
  });
});

describe('a temporary password', () => {
  const now = new Date('2026-03-06T15:00:00Z');
  const expiresAt = new Date('2026-03-09T15:00:00Z');

  it('works before it expires when it has not been used', () => {
    expect(temporaryPasswordRefusal({ expiresAt, usedAt: null }, now)).toBeNull();
  });

  it('is refused once it has been used to sign in', () => {
    expect(temporaryPasswordRefusal({ expiresAt, usedAt: new Date('2026-03-06T16:00:00Z') }, now)).toBe('temporary_password_used');
  });

  it('is refused at the moment it expires', () => {
    expect(temporaryPasswordRefusal({ expiresAt, usedAt: null }, expiresAt)).toBe('temporary_password_expired');
  });

  it('lasts long enough for a reset on a Friday afternoon to be used on Monday morning', () => {
    const friday = new Date('2026-03-06T15:00:00Z');
    const monday = new Date('2026-03-09T09:00:00Z');
    const expires = new Date(friday.getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000);
    expect(temporaryPasswordRefusal({ expiresAt: expires, usedAt: null }, monday)).toBeNull();
  });
});
