import { mayHoldCases } from '../../core/access-policy.ts';
import type { Role } from '../../core/roles.contract.ts';
import type { BuiltInEntryKind, Participant } from '../journal/journal.contract.ts';
import type { ContactKind, ContactStatus, CreateContactInput } from './contact.contract.ts';

/**
 * A contact is planned until it is recorded once, as held, missed or cancelled; there is no way
 * back (a contact recorded by mistake is followed by a new one, as a signed journal entry is by a
 * correction).
 */
export const contactTransitions: Record<ContactStatus, readonly ContactStatus[]> = {
  planned: ['held', 'missed', 'cancelled'],
  held: [],
  missed: [],
  cancelled: [],
};

export function mayMove(from: ContactStatus, to: ContactStatus): boolean {
  return contactTransitions[from].includes(to);
}

/**
 * What a change to a contact is: its content (when, where, who, what for), a new journal note
 * after the first draft was thrown away, or the no-show follow-up done.
 */
export type ContactChange = 'content' | 'note' | 'followUpDone';

export interface ContactState {
  status: ContactStatus;
  journalEntryId: string | null;
  followUpDoneAt: Date | string | null;
}

/**
 * What may change, by status. Planned: everything it plans. Held: nothing of it – what happened is
 * written in its journal entry (and corrected there); only when that draft was thrown away may a
 * new note begin. Missed: only the follow-up, once, when done. Cancelled: nothing.
 */
export function mayChange(contact: ContactState, change: ContactChange): boolean {
  switch (change) {
    case 'content':
      return contact.status === 'planned';
    case 'note':
      return contact.status === 'held' && contact.journalEntryId === null;
    case 'followUpDone':
      return contact.status === 'missed' && contact.followUpDoneAt === null;
  }
}

/** Held or missed is known only once its day has come (agency dates); cancelling is possible any time before. */
export function dayHasCome(plannedOn: string, today: string): boolean {
  return plannedOn <= today;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * A missed contact needs its no-show follow-up: what will be done, and by when – a day not before
 * the missed contact, which Today shows when it comes.
 */
export function noShowProblems(input: { followUp?: string | null; followUpOn?: string | null }, plannedOn: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.followUp || input.followUp.trim().length < 3)
    problems.push({ field: 'followUp', code: 'required', message: 'Say what will be done now that the person did not come' });
  if (!input.followUpOn) problems.push({ field: 'followUpOn', code: 'required', message: 'Say by when' });
  else if (input.followUpOn < plannedOn)
    problems.push({ field: 'followUpOn', code: 'before_contact', message: 'The follow-up cannot be before the missed contact' });
  return problems;
}

/**
 * The day and time a contact was held: as given, else as planned – but never a day still ahead
 * (a contact planned for later and held today was held today, at a time not known).
 */
export function heldWhen(
  planned: { plannedOn: string; plannedTime: string | null },
  given: { heldOn?: string | undefined; heldTime?: string | null | undefined },
  today: string,
): { heldOn: string; heldTime: string | null } | FieldProblem {
  const heldOn = given.heldOn ?? (planned.plannedOn <= today ? planned.plannedOn : today);
  if (heldOn > today) return { field: 'heldOn', code: 'in_future', message: 'A contact is held on a day that has come' };
  const heldTime = given.heldTime !== undefined ? given.heldTime : heldOn === planned.plannedOn ? planned.plannedTime : null;
  return { heldOn, heldTime };
}

/** The journal's kind for a held contact's note (seed 001's note kinds): a video call or group session is a meeting, accompanying an action. */
export const journalKindOfContact: Record<ContactKind, BuiltInEntryKind> = {
  home_visit: 'home_visit',
  office_meeting: 'meeting',
  phone_call: 'phone_call',
  video_call: 'meeting',
  group_session: 'meeting',
  accompanying: 'action',
  other: 'meeting',
};

/** The kind the note takes among those the agency uses: the contact's own, else a meeting, else the first in use. */
export function noteKindFor(kind: ContactKind, kindsInUse: readonly string[]): string {
  const own = journalKindOfContact[kind];
  if (kindsInUse.includes(own)) return own;
  if (kindsInUse.includes('meeting')) return 'meeting';
  return kindsInUse[0] ?? own;
}

/** Whether a staff member is among those who are to take part. */
export function takesPart(participants: readonly Participant[], staffId: string): boolean {
  return participants.some((p) => p.kind === 'staff' && p.refId === staffId);
}

/** Who takes part: as named; with no staff member among them, the one who plans it as well. */
export function withStaff(participants: readonly Participant[], staffId: string, staffName: string): Participant[] {
  if (participants.some((p) => p.kind === 'staff')) return [...participants];
  return [...participants, { kind: 'staff', refId: staffId, name: staffName }];
}

export interface PlanMeeting {
  id: string;
  date: string;
  purpose: string;
  place: string;
}

/**
 * The meetings of the plan in force that become contacts now: each meeting once (by its id, which
 * stays across plan versions), and none whose day has gone.
 */
export function meetingsToSchedule(meetings: readonly PlanMeeting[], scheduled: ReadonlySet<string>, today: string) {
  const open = meetings.filter((m) => !scheduled.has(m.id));
  return {
    toSchedule: open.filter((m) => m.date >= today),
    alreadyScheduled: meetings.length - open.length,
    inThePast: open.filter((m) => m.date < today).length,
  };
}

/** A plan meeting as a contact: a meeting at the office unless the plan names a place, on its day (the time to be set), with the person and the responsible worker. */
export function contactFromMeeting(meeting: PlanMeeting, responsible: { id: string; name: string }): CreateContactInput {
  return {
    kind: 'office_meeting',
    plannedOn: meeting.date,
    plannedTime: null,
    durationMinutes: 60,
    placeKind: meeting.place ? 'other' : 'office',
    placeText: meeting.place,
    participants: [
      { kind: 'person', refId: null, name: '' },
      { kind: 'staff', refId: responsible.id, name: responsible.name },
    ],
    purpose: meeting.purpose,
  };
}

/** A day on or before today that has passed without the contact or follow-up being done. */
export const isOverdue = (day: string, today: string) => day < today;

/** What the reader may do with a contact they see: write casework on the open case, and what its status allows. */
export function contactMay(
  contact: ContactState & { plannedOn: string },
  options: { mayWrite: boolean; caseOpen: boolean; today: string },
) {
  const may = options.mayWrite && options.caseOpen;
  const planned = may && mayChange(contact, 'content');
  return {
    change: planned,
    hold: planned,
    miss: planned && dayHasCome(contact.plannedOn, options.today),
    cancel: planned,
    completeFollowUp: may && mayChange(contact, 'followUpDone'),
    beginNote: may && mayChange(contact, 'note'),
  };
}

/** Staff who hold cases keep contacts of their own: the "My week" page and the calendar feed are theirs. */
export function keepsContacts(roles: readonly Role[]): boolean {
  return mayHoldCases(roles);
}
