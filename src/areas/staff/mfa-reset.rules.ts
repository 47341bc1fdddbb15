/**
 * Removing a staff member's second factor takes two people: one asks, with a reason, another
 * approves. Only then is the factor removed, and the staff member sets it up again at sign-in.
 */

/**
 * How long a request waits for its approval: a working day. After that a new request is needed,
 * so a forgotten request cannot be approved by surprise weeks later.
 */
export const MFA_RESET_REQUEST_HOURS = 24;

export type MfaResetStatus = 'pending' | 'approved' | 'declined' | 'expired';

export interface MfaResetRequestFacts {
  staffId: string;
  requestedBy: string;
  outcome: 'approved' | 'declined' | null;
  expiresAt: Date;
}

export function mfaResetStatus(request: Pick<MfaResetRequestFacts, 'outcome' | 'expiresAt'>, now: Date): MfaResetStatus {
  if (request.outcome !== null) return request.outcome;
  return request.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

export type MfaResetRefusal = 'not_pending' | 'expired' | 'own_request' | 'own_account';

/**
 * Why the decider may not approve or decline the request, or null when they may. The requester
 * may withdraw (decline) their own request but never approve it; nobody decides about their own account.
 */
export function mfaResetDecisionRefusal(
  request: MfaResetRequestFacts,
  deciderId: string,
  decision: 'approve' | 'decline',
  now: Date,
): MfaResetRefusal | null {
  const status = mfaResetStatus(request, now);
  if (status === 'expired') return 'expired';
  if (status !== 'pending') return 'not_pending';
  if (deciderId === request.staffId) return 'own_account';
  if (decision === 'approve' && deciderId === request.requestedBy) return 'own_request';
  return null;
}
