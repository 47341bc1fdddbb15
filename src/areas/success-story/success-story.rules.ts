import { type Actor, isSupervision } from '../../core/access-policy.ts';
import { type StoryUse, storyUse } from './success-story.contract.ts';

/** One event of a story's consent ledger, in the order recorded (`seq`). */
export interface ConsentEventFacts {
  use: StoryUse;
  kind: 'given' | 'withdrawn';
  /** The day the person gave or withdrew it. */
  on: string;
  seq: number;
}

/**
 * Whether the person's consent to a use is in force now: the last event recorded for that use
 * gave it. Never stored – worked out from the events each time, so a withdrawal takes effect the
 * moment it is recorded.
 */
export function consentInForce(events: readonly ConsentEventFacts[], use: StoryUse): boolean {
  const last = events.filter((e) => e.use === use).reduce<ConsentEventFacts | null>((a, e) => (a && a.seq > e.seq ? a : e), null);
  return last?.kind === 'given';
}

/** Why a consent event cannot be recorded now, or null: consent is given when not in force and withdrawn when it is, never dated before the last event. */
export function consentEventProblem(
  events: readonly ConsentEventFacts[],
  next: Pick<ConsentEventFacts, 'use' | 'kind' | 'on'>,
): { field: 'kind' | 'on'; code: string; message: string } | null {
  const inForce = consentInForce(events, next.use);
  if (next.kind === 'given' && inForce)
    return { field: 'kind', code: 'already_in_force', message: 'Consent to this use is already in force' };
  if (next.kind === 'withdrawn' && !inForce)
    return { field: 'kind', code: 'not_in_force', message: 'There is no consent to this use to withdraw' };
  const latest = events
    .filter((e) => e.use === next.use)
    .map((e) => e.on)
    .sort()
    .at(-1);
  if (latest && next.on < latest) return { field: 'on', code: 'before_last', message: 'Not before the last consent recorded for this use' };
  return null;
}

/** The anonymised copy's state, as the story row keeps it: revisions of the story and of the copy, and the copy revision approved. */
export interface CopyFacts {
  /** The story's own revision: one up each time its title or text changes. */
  storyRevision: number;
  hasCopy: boolean;
  /** The story revision the copy was made from. */
  copySourceRevision: number | null;
  /** One up each time the copy is made again or edited. */
  copyRevision: number;
  /** The copy revision the reviewer approved. */
  approvedCopyRevision: number | null;
}

/** The story changed after the copy was made from it: the copy says what the story no longer says, and must be made again. */
export function isCopyOutdated(facts: CopyFacts): boolean {
  return facts.hasCopy && facts.copySourceRevision !== facts.storyRevision;
}

/** The copy as it is now was approved, and the story has not changed since it was made. */
export function isCopyApproved(facts: CopyFacts): boolean {
  return facts.hasCopy && !isCopyOutdated(facts) && facts.approvedCopyRevision === facts.copyRevision;
}

/** The uses that show the story beyond those who work on the case, and so only as the approved anonymised copy. */
export const usesNeedingApprovedCopy: readonly StoryUse[] = ['anonymised_reports', 'published'];

/**
 * Whether the story may be used now for a use: the person's consent to that use is in force and,
 * for reports and publishing, the anonymised copy is approved as it stands. What is missing is said.
 */
export function mayUse(use: StoryUse, events: readonly ConsentEventFacts[], copy: CopyFacts) {
  const missing: ('consent' | 'approved_copy')[] = [];
  if (!consentInForce(events, use)) missing.push('consent');
  if (usesNeedingApprovedCopy.includes(use) && !isCopyApproved(copy)) missing.push('approved_copy');
  return { use, allowed: missing.length === 0, missing };
}

/** Every use, and whether it is allowed now. */
export function usesOf(events: readonly ConsentEventFacts[], copy: CopyFacts) {
  return storyUse.options.map((use) => mayUse(use, events, copy));
}

/**
 * Who reviews an anonymised copy: supervision (a supervisor or the agency head), never someone who
 * wrote or changed the story – a second pair of eyes that did not know the words beforehand.
 */
export function mayReview(actor: Pick<Actor, 'id' | 'roles'>, writerIds: readonly string[]): boolean {
  return isSupervision(actor) && !writerIds.includes(actor.id);
}
