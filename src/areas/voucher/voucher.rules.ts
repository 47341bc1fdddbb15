/**
 * The lifecycle of a referral voucher as data: which action leads from which state to which, who
 * takes it (the agency that issued it, the partner it is addressed to, or the clock), and what it
 * must carry. Checked by `voucherTransition`, pure. FHIR Task states are given for each state, for
 * the ServiceRequest + Task export.
 */
import { addBusinessDays, format, parseISO } from 'date-fns';
import type { VoucherAction, VoucherStatus } from './voucher.contract.ts';

/** Who acts on a voucher: the issuing agency's staff, the partner's staff, or the expiry run. */
export type VoucherSide = 'agency' | 'partner' | 'clock';

/** What an action must come with. */
export type VoucherNeeds = 'nothing' | 'decline_reason' | 'not_provided_reason' | 'cancel_reason' | 'outcome';

export interface VoucherTransition {
  from: VoucherStatus;
  action: VoucherAction;
  to: VoucherStatus;
  by: VoucherSide;
  needs: VoucherNeeds;
}

const openStates: VoucherStatus[] = ['issued', 'accepted', 'in_progress'];

export const voucherTransitions: readonly VoucherTransition[] = [
  { from: 'issued', action: 'accept', to: 'accepted', by: 'partner', needs: 'nothing' },
  { from: 'issued', action: 'decline', to: 'declined', by: 'partner', needs: 'decline_reason' },
  { from: 'accepted', action: 'start', to: 'in_progress', by: 'partner', needs: 'nothing' },
  ...(['accepted', 'in_progress'] as const).flatMap((from): VoucherTransition[] => [
    { from, action: 'provided', to: 'service_provided', by: 'partner', needs: 'outcome' },
    { from, action: 'not_provided', to: 'not_provided', by: 'partner', needs: 'not_provided_reason' },
  ]),
  { from: 'service_provided', action: 'return', to: 'returned', by: 'partner', needs: 'nothing' },
  { from: 'not_provided', action: 'return', to: 'returned', by: 'partner', needs: 'nothing' },
  // The agency may withdraw a voucher until the partner has finished with it.
  ...openStates.map((from): VoucherTransition => ({ from, action: 'cancel', to: 'cancelled', by: 'agency', needs: 'cancel_reason' })),
  // An unanswered voucher lapses on its last day; one taken on runs until the partner finishes it.
  { from: 'issued', action: 'expire', to: 'expired', by: 'clock', needs: 'nothing' },
];

/** States from which nothing follows: the agency reissues or chooses another partner. */
export const finalStates: readonly VoucherStatus[] = ['declined', 'returned', 'cancelled', 'expired'];

export type VoucherProblem = 'transition_not_allowed' | 'wrong_side' | 'reason_required' | 'outcome_required';

export type VoucherOutcome = { ok: true; to: VoucherStatus } | { ok: false; code: VoucherProblem; message: string };

export interface VoucherActionInput {
  by: VoucherSide;
  reason?: string | null;
  outcome?: string | null;
}

/** Whether `action` may be taken on a voucher in `current` by this side with what it carries, and if not, why. */
export function voucherTransition(current: VoucherStatus, action: VoucherAction, input: VoucherActionInput): VoucherOutcome {
  const rule = voucherTransitions.find((t) => t.from === current && t.action === action);
  if (!rule) return { ok: false, code: 'transition_not_allowed', message: `A voucher that is ${current} cannot be ${action}` };
  if (rule.by !== input.by) return { ok: false, code: 'wrong_side', message: `Only the ${rule.by} may ${action} a voucher` };
  if (rule.needs.endsWith('_reason') && !input.reason) return { ok: false, code: 'reason_required', message: 'Say why' };
  if (rule.needs === 'outcome' && !(input.outcome ?? '').trim())
    return { ok: false, code: 'outcome_required', message: 'Say what was provided and how it went' };
  return { ok: true, to: rule.to };
}

/** The actions this side may take on a voucher in `current`. */
export function availableVoucherActions(current: VoucherStatus, by: VoucherSide): VoucherAction[] {
  return voucherTransitions.filter((t) => t.from === current && t.by === by).map((t) => t.action);
}

/** FHIR R4 Task.status for each state; the voucher's own state goes in Task.businessStatus. */
export const fhirTaskStatus: Record<
  VoucherStatus,
  'requested' | 'accepted' | 'rejected' | 'in-progress' | 'completed' | 'failed' | 'cancelled'
> = {
  issued: 'requested',
  accepted: 'accepted',
  declined: 'rejected',
  in_progress: 'in-progress',
  service_provided: 'completed',
  not_provided: 'failed',
  returned: 'completed',
  cancelled: 'cancelled',
  expired: 'cancelled',
};

/**
 * The day by which the partner should have answered: `workingDays` working days (Monday to
 * Friday) after the day it was issued.
 */
export function answerDueOn(issuedOn: string, workingDays: number): string {
  return format(addBusinessDays(parseISO(issuedOn), workingDays), 'yyyy-MM-dd');
}
