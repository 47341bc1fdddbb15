import { TZDate } from '@date-fns/tz';
import { type Actor, isSupervision } from '../../core/access-policy.ts';
import { builtInEntryKind, type EntryKind } from './journal.contract.ts';

/** The built-in kinds, in the order an agency starts with. */
export const defaultEntryKinds: EntryKind[] = builtInEntryKind.options.map((code) => ({ code, label: null, active: true }));

/** The agency's kinds (its own list, or the built-in one), each marked built-in or the agency's own. */
export function entryKindsOf(stored: readonly EntryKind[] | null) {
  return (stored ?? defaultEntryKinds).map((kind) => ({ ...kind, builtIn: builtInEntryKind.safeParse(kind.code).success }));
}

/** A kind a new entry may take: one of the agency's kinds in use. */
export function isKindInUse(stored: readonly EntryKind[] | null, code: string): boolean {
  return entryKindsOf(stored).some((kind) => kind.code === code && kind.active);
}

/** The moment an entry happened, for ordering: its time on the day, or the start of the day, in the agency's time zone. */
export function occurredAtOf(occurredOn: string, occurredTime: string | null, timeZone: string): Date {
  const [year, month, day] = occurredOn.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = occurredTime ? (occurredTime.split(':').map(Number) as [number, number]) : [0, 0];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, 0, timeZone).getTime());
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * Late: signed more than `lateAfterDays` calendar days after the day it happened, both days as the
 * agency's staff count them. Fixed when the entry is signed, so a later change of the setting does
 * not rewrite what was reported.
 */
export function isSignedLate(occurredOn: string, signedOn: string, lateAfterDays: number): boolean {
  return daysBetween(occurredOn, signedOn) > lateAfterDays;
}

/** A draft left unsigned longer than the agency's reminder days: the supervisor sees it in the unit view. */
export function isStaleDraft(lastChangedOn: string, today: string, reminderDays: number): boolean {
  return daysBetween(lastChangedOn, today) > reminderDays;
}

/** What decides who reads an entry. */
export interface EntryForReading {
  status: 'draft' | 'signed';
  authorId: string;
  confidentiality: 'normal' | 'restricted' | 'sensitive';
}
export interface CaseForReading {
  responsibleStaffId: string;
  teamStaffIds: readonly string[];
}

/**
 * Who reads an entry of a case they already reach. A draft: its author alone. Signed: `normal` –
 * everyone who reaches the case; `restricted` – the responsible worker and supervision;
 * `sensitive` – those working with the person: the responsible worker, the case team and
 * supervision. The author always reads what they wrote. `entryVisibleTo` in journal.store.ts is
 * the same rule in SQL.
 */
export function mayReadEntry(actor: Pick<Actor, 'id' | 'roles'>, entry: EntryForReading, theCase: CaseForReading): boolean {
  if (entry.authorId === actor.id) return true;
  if (entry.status === 'draft') return false;
  const responsible = theCase.responsibleStaffId === actor.id;
  switch (entry.confidentiality) {
    case 'normal':
      return true;
    case 'restricted':
      return responsible || isSupervision(actor);
    case 'sensitive':
      return responsible || isSupervision(actor) || theCase.teamStaffIds.includes(actor.id);
  }
}

/** A draft is changed, signed or discarded by its author only, while the case is open. */
export function mayChangeDraft(actor: Pick<Actor, 'id'>, entry: EntryForReading, caseOpen: boolean): boolean {
  return caseOpen && entry.status === 'draft' && entry.authorId === actor.id;
}

/**
 * A signed entry is corrected by a new one; an entry already corrected is corrected again through
 * its correction (the chain stays one line, newest last).
 */
export function mayCorrect(entry: { status: 'draft' | 'signed' }, correctedBy: string | null, mayWrite: boolean, caseOpen: boolean) {
  return mayWrite && caseOpen && entry.status === 'signed' && correctedBy === null;
}

/** The ids of a correction chain in order, oldest first, from a map of entry → the entry it corrects. */
export function correctionChain(id: string, corrects: ReadonlyMap<string, string | null>): string[] {
  const chain = [id];
  const seen = new Set(chain);
  let current = corrects.get(id) ?? null;
  while (current && !seen.has(current)) {
    chain.unshift(current);
    seen.add(current);
    current = corrects.get(current) ?? null;
  }
  return chain;
}
