/**
 * The steps of signing in, in order: the second factor of an account that has one, then a new
 * password in place of a temporary one, then setting up a second factor where the role requires
 * it. A session reaches `complete` only when none is left; until then it may only take its step.
 */
export const sessionStates = ['complete', 'mfa_required', 'password_change_required', 'mfa_enrolment_required'] as const;
export type SessionState = (typeof sessionStates)[number];

export interface SignInProgress {
  /** The account has a confirmed second factor. */
  mfaEnrolled: boolean;
  /** This session has answered it. */
  mfaVerified: boolean;
  /** One of the account's roles must use two-step verification (the agency's setting). */
  mfaRequiredForRole: boolean;
  /** The account signed in with a temporary password from an administrator: a reset, or a new account. */
  temporaryPassword: boolean;
}

export function nextSessionState(progress: SignInProgress): SessionState {
  // The second factor comes first: whoever holds only the temporary password gets no further.
  if (progress.mfaEnrolled && !progress.mfaVerified) return 'mfa_required';
  if (progress.temporaryPassword) return 'password_change_required';
  if (!progress.mfaEnrolled && progress.mfaRequiredForRole) return 'mfa_enrolment_required';
  return 'complete';
}

/**
 * How long a temporary password from an administrator's reset works. A reset on a Friday afternoon
 * still works on Monday morning (about 66 hours later); beyond that, a password nobody used is a
 * risk with no purpose, and a new reset is quick.
 */
export const TEMPORARY_PASSWORD_HOURS = 72;

/** Why a temporary password is refused although it matches: it works once, and only until it expires. */
export function temporaryPasswordRefusal(
  temporary: { expiresAt: Date; usedAt: Date | null },
  now: Date,
): 'temporary_password_used' | 'temporary_password_expired' | null {
  if (temporary.usedAt !== null) return 'temporary_password_used';
  if (temporary.expiresAt.getTime() <= now.getTime()) return 'temporary_password_expired';
  return null;
}
