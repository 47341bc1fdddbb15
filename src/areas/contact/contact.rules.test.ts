import { describe, expect, it } from 'vitest';
import { contactStatus } from './contact.contract.ts';
import {
  contactFromMeeting,
  contactMay,
  dayHasCome,
  heldWhen,
  keepsContacts,
  mayChange,
  mayMove,
  meetingsToSchedule,
  noShowProblems,
  noteKindFor,
  takesPart,
  withStaff,
} from './contact.rules.ts';

const planned = { status: 'planned' as const, journalEntryId: null, followUpDoneAt: null };

describe('the states of a contact', () => {
  it('a planned contact may be held, missed or cancelled', () => {
    expect(contactStatus.options.filter((to) => mayMove('planned', to))).toEqual(['held', 'missed', 'cancelled']);
  });

  it.each(['held', 'missed', 'cancelled'] as const)('a %s contact moves nowhere, not even back to planned', (from) => {
    expect(contactStatus.options.filter((to) => mayMove(from, to))).toEqual([]);
  });
});

describe('what may change', () => {
  it("a planned contact's time, place and who takes part may change", () => {
    expect(mayChange(planned, 'content')).toBe(true);
  });

  it('nothing of a held contact changes: what happened is written in its journal entry', () => {
    expect(mayChange({ ...planned, status: 'held', journalEntryId: 'e1' }, 'content')).toBe(false);
    expect(mayChange({ ...planned, status: 'held', journalEntryId: 'e1' }, 'note')).toBe(false);
  });

  it('a held contact whose draft note was thrown away may begin a new note', () => {
    expect(mayChange({ ...planned, status: 'held' }, 'note')).toBe(true);
  });

  it("a missed contact's only change is its follow-up done, once", () => {
    const missed = { ...planned, status: 'missed' as const };
    expect(mayChange(missed, 'content')).toBe(false);
    expect(mayChange(missed, 'followUpDone')).toBe(true);
    expect(mayChange({ ...missed, followUpDoneAt: new Date() }, 'followUpDone')).toBe(false);
  });

  it('a cancelled contact changes in no way', () => {
    const cancelled = { ...planned, status: 'cancelled' as const };
    expect((['content', 'note', 'followUpDone'] as const).filter((change) => mayChange(cancelled, change))).toEqual([]);
  });

  it('a planned contact has no follow-up to complete and no note to begin again', () => {
    expect(mayChange(planned, 'followUpDone')).toBe(false);
    expect(mayChange(planned, 'note')).toBe(false);
  });
});

describe('the no-show follow-up', () => {
  it('is required: what will be done and by when', () => {
    expect(noShowProblems({}, '2026-03-02').map((p) => [p.field, p.code])).toEqual([
      ['followUp', 'required'],
      ['followUpOn', 'required'],
    ]);
  });

  it('is more than a word or two of blanks', () => {
    expect(noShowProblems({ followUp: '  ', followUpOn: '2026-03-03' }, '2026-03-02').map((p) => p.field)).toEqual(['followUp']);
  });

  it('is not due before the missed contact', () => {
    expect(noShowProblems({ followUp: 'Call her', followUpOn: '2026-03-01' }, '2026-03-02')).toEqual([
      expect.objectContaining({ field: 'followUpOn', code: 'before_contact' }),
    ]);
  });

  it('may be due on the day of the missed contact itself', () => {
    expect(noShowProblems({ followUp: 'Call her this afternoon', followUpOn: '2026-03-02' }, '2026-03-02')).toEqual([]);
  });
});

describe('when a contact was held', () => {
  const contact = { plannedOn: '2026-03-02', plannedTime: '10:00' };

  it('is the planned day and time unless told otherwise', () => {
    expect(heldWhen(contact, {}, '2026-03-05')).toEqual({ heldOn: '2026-03-02', heldTime: '10:00' });
  });

  it('is today, time unknown, for a contact planned for later', () => {
    expect(heldWhen({ plannedOn: '2026-03-09', plannedTime: '10:00' }, {}, '2026-03-05')).toEqual({ heldOn: '2026-03-05', heldTime: null });
  });

  it('may be another day, whose time is then not the planned one', () => {
    expect(heldWhen(contact, { heldOn: '2026-03-03' }, '2026-03-05')).toEqual({ heldOn: '2026-03-03', heldTime: null });
    expect(heldWhen(contact, { heldOn: '2026-03-03', heldTime: '15:00' }, '2026-03-05')).toEqual({
      heldOn: '2026-03-03',
      heldTime: '15:00',
    });
  });

  it('is never a day still ahead', () => {
    expect(heldWhen(contact, { heldOn: '2026-03-06' }, '2026-03-05')).toMatchObject({ field: 'heldOn', code: 'in_future' });
  });

  it('a no-show is known only once the day has come', () => {
    expect(dayHasCome('2026-03-05', '2026-03-05')).toBe(true);
    expect(dayHasCome('2026-03-06', '2026-03-05')).toBe(false);
  });
});

describe("the held contact's journal note", () => {
  const all = ['meeting', 'phone_call', 'home_visit', 'message', 'decision', 'action', 'follow_up', 'supervision', 'information_received'];

  it('takes the kind of entry that matches the contact', () => {
    expect(noteKindFor('home_visit', all)).toBe('home_visit');
    expect(noteKindFor('phone_call', all)).toBe('phone_call');
    expect(noteKindFor('video_call', all)).toBe('meeting');
    expect(noteKindFor('accompanying', all)).toBe('action');
  });

  it('is a meeting when the agency no longer uses the matching kind, else the first kind in use', () => {
    expect(noteKindFor('home_visit', ['meeting', 'phone_call'])).toBe('meeting');
    expect(noteKindFor('home_visit', ['own_visit', 'phone_call'])).toBe('own_visit');
  });
});

describe('who takes part', () => {
  it('is the one who plans it when no staff member is named', () => {
    expect(withStaff([{ kind: 'person', refId: null, name: '' }], 's1', 'Sigrun')).toEqual([
      { kind: 'person', refId: null, name: '' },
      { kind: 'staff', refId: 's1', name: 'Sigrun' },
    ]);
  });

  it('is as named when a staff member is among them', () => {
    const named = [{ kind: 'staff' as const, refId: 's2', name: 'Tor' }];
    expect(withStaff(named, 's1', 'Sigrun')).toEqual(named);
    expect(takesPart(named, 's2')).toBe(true);
    expect(takesPart(named, 's1')).toBe(false);
  });
});

describe("the plan's meetings", () => {
  const meetings = [
    { id: 'm1', date: '2026-03-01', purpose: 'Start', place: '' },
    { id: 'm2', date: '2026-03-10', purpose: 'Review', place: '' },
    { id: 'm3', date: '2026-04-10', purpose: 'Close', place: 'Day centre' },
  ];

  it('become one contact each, none for a meeting scheduled before or whose day has gone', () => {
    const { toSchedule, alreadyScheduled, inThePast } = meetingsToSchedule(meetings, new Set(['m2']), '2026-03-05');
    expect(toSchedule.map((m) => m.id)).toEqual(['m3']);
    expect({ alreadyScheduled, inThePast }).toEqual({ alreadyScheduled: 1, inThePast: 1 });
  });

  it('are scheduled with the person and the responsible worker, at the office unless the plan names a place', () => {
    const responsible = { id: 's1', name: 'Sigrun' };
    expect(contactFromMeeting(meetings[1]!, responsible)).toMatchObject({ placeKind: 'office', placeText: '', plannedTime: null });
    expect(contactFromMeeting(meetings[2]!, responsible)).toMatchObject({
      placeKind: 'other',
      placeText: 'Day centre',
      purpose: 'Close',
      participants: [{ kind: 'person' }, { kind: 'staff', refId: 's1' }],
    });
  });
});

describe('what the reader may do', () => {
  const options = { mayWrite: true, caseOpen: true, today: '2026-03-05' };

  it('a planned contact of a later day may be held or cancelled, not yet missed', () => {
    expect(contactMay({ ...planned, plannedOn: '2026-03-09' }, options)).toMatchObject({ hold: true, cancel: true, miss: false });
  });

  it('nothing on a closed case, or without the right to write casework', () => {
    const may = (o: typeof options) => Object.values(contactMay({ ...planned, plannedOn: '2026-03-01' }, o)).some(Boolean);
    expect(may({ ...options, caseOpen: false })).toBe(false);
    expect(may({ ...options, mayWrite: false })).toBe(false);
  });

  it('staff who hold cases keep contacts of their own; the agency head and administrators do not', () => {
    expect(keepsContacts(['case_worker'])).toBe(true);
    expect(keepsContacts(['agency_head'])).toBe(false);
    expect(keepsContacts(['administrator'])).toBe(false);
  });
});
