import { z } from 'zod';

/*
 * A referral voucher (seed 004): the agency refers a person to a partner for a service; the
 * partner accepts or declines it, registers the visits, and returns it saying whether the service
 * was provided. "Accepted", "finished" and "the service actually delivered" are separate facts.
 * The states follow FHIR Task (voucher.rules.ts maps them).
 */

export const voucherStatus = z.enum([
  'issued',
  'accepted',
  'declined',
  'in_progress',
  'service_provided',
  'not_provided',
  'returned',
  'cancelled',
  'expired',
]);
export type VoucherStatus = z.infer<typeof voucherStatus>;

/** Why a partner does not take the person on. */
export const declineReason = z.enum(['no_capacity', 'not_eligible', 'outside_area', 'service_not_offered', 'other']);
/** Why a service taken on was not provided. */
export const notProvidedReason = z.enum(['did_not_come', 'refused', 'no_capacity', 'not_eligible', 'could_not_be_reached', 'other']);
/** Why the agency withdrew a voucher. */
export const cancelReason = z.enum(['person_withdrew', 'need_changed', 'issued_in_error', 'other_partner_chosen', 'other']);

/** What can be done to a voucher, and by which side. */
export const voucherAction = z.enum(['accept', 'decline', 'start', 'provided', 'not_provided', 'return', 'cancel', 'expire']);
export type VoucherAction = z.infer<typeof voucherAction>;
