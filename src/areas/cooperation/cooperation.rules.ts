import { addCalendarDays, addCalendarMonths } from '../../core/calendar-date.ts';
import type { CooperationState, Renewal } from './cooperation.contract.ts';

/** How many days before its end an agreement is "expiring", and the administrators are reminded. */
export const EXPIRY_NOTICE_DAYS = 60;

export interface CooperationFacts {
  startsOn: string;
  endsOn: string | null;
  renewal: Renewal;
  signedBy: readonly ('agency' | 'partner')[];
  endedOn: string | null;
}

/**
 * The last day the agreement runs as of `today`: its end, or – renewing yearly – the end moved on
 * a year at a time until it is not past; null for an agreement without an end.
 */
export function runsUntil(facts: Pick<CooperationFacts, 'endsOn' | 'renewal' | 'endedOn'>, today: string): string | null {
  if (facts.endedOn) return facts.endedOn;
  if (!facts.endsOn) return null;
  let end = facts.endsOn;
  if (facts.renewal === 'yearly') while (end < today) end = addCalendarMonths(end, 12);
  return end;
}

/** Where an agreement stands today: from its signatures, dates, renewal and whether it was ended. */
export function cooperationStateAt(facts: CooperationFacts, today: string): CooperationState {
  const signed = (['agency', 'partner'] as const).filter((p) => facts.signedBy.includes(p)).length;
  if (signed === 0) return 'draft';
  if (signed === 1) return 'awaiting_signature';
  if (facts.endedOn && facts.endedOn < today) return 'ended';
  if (today < facts.startsOn) return 'not_yet_in_force';
  const last = runsUntil(facts, today);
  if (last !== null && today > last) return 'expired';
  if (facts.endedOn) return 'expiring';
  if (last !== null && facts.renewal !== 'yearly' && addCalendarDays(today, EXPIRY_NOTICE_DAYS) >= last) return 'expiring';
  return 'in_force';
}

/** In force for referring to the partner: signed by both, begun, and not past its end. */
export const isInForce = (state: CooperationState) => state === 'in_force' || state === 'expiring';
