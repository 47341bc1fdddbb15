import { describe, expect, it } from 'vitest';
import { acceptedMediaType, safeFileName } from './attachment.rules.ts';
import {
  correctionChain,
  entryKindsOf,
  isKindInUse,
  isSignedLate,
  isStaleDraft,
  mayChangeDraft,
  mayCorrect,
  mayReadEntry,
  occurredAtOf,
} from './journal.rules.ts';

const author = { id: 'a', roles: ['case_worker'] as const };
const responsible = { id: 'r', roles: ['case_worker'] as const };
const teamMember = { id: 't', roles: ['case_worker'] as const };
const supervisor = { id: 's', roles: ['supervisor'] as const };
const colleague = { id: 'c', roles: ['case_worker'] as const };
const theCase = { responsibleStaffId: 'r', teamStaffIds: ['t'] };
const entry = (status: 'draft' | 'signed', confidentiality: 'normal' | 'restricted' | 'sensitive') => ({
  status,
  authorId: 'a',
  confidentiality,
});

describe('who reads a journal entry', () => {
  it('shows a draft to its author and to no one else, not even supervision', () => {
    expect(mayReadEntry(author, entry('draft', 'normal'), theCase)).toBe(true);
    for (const other of [responsible, supervisor, teamMember]) expect(mayReadEntry(other, entry('draft', 'normal'), theCase)).toBe(false);
  });

  it('shows a signed normal entry to everyone who reaches the case', () => {
    expect(mayReadEntry(colleague, entry('signed', 'normal'), theCase)).toBe(true);
  });

  it('shows a restricted entry only to the responsible worker, supervision and its author', () => {
    const restricted = entry('signed', 'restricted');
    expect([author, responsible, supervisor, teamMember, colleague].map((a) => mayReadEntry(a, restricted, theCase))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('shows a sensitive entry to those working with the person, the case team included, but not to other colleagues', () => {
    const sensitive = entry('signed', 'sensitive');
    expect([author, responsible, supervisor, teamMember, colleague].map((a) => mayReadEntry(a, sensitive, theCase))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('late entries and left drafts', () => {
  it('counts an entry signed on the last allowed day as on time', () => {
    expect(isSignedLate('2027-03-01', '2027-03-04', 3)).toBe(false);
  });

  it('marks an entry signed a day after the allowed days as late', () => {
    expect(isSignedLate('2027-03-01', '2027-03-05', 3)).toBe(true);
  });

  it('counts days across a month end and a leap day', () => {
    expect(isSignedLate('2028-02-27', '2028-03-01', 2)).toBe(true);
    expect(isSignedLate('2028-02-27', '2028-02-29', 2)).toBe(false);
  });

  it('shows a draft to the supervisor once it has been left longer than the reminder days', () => {
    expect(isStaleDraft('2027-03-01', '2027-03-04', 3)).toBe(false);
    expect(isStaleDraft('2027-03-01', '2027-03-05', 3)).toBe(true);
  });
});

describe('the moment an entry happened', () => {
  it("places a time on the day in the agency's time zone", () => {
    expect(occurredAtOf('2027-06-01', '14:30', 'Europe/Oslo').toISOString()).toBe('2027-06-01T12:30:00.000Z');
  });

  it("places a date-only entry at the start of the agency's day", () => {
    expect(occurredAtOf('2027-01-15', null, 'Asia/Shanghai').toISOString()).toBe('2027-01-14T16:00:00.000Z');
  });
});

describe('changing and correcting', () => {
  it('lets only the author change a draft, and only while the case is open', () => {
    expect(mayChangeDraft(author, entry('draft', 'normal'), true)).toBe(true);
    expect(mayChangeDraft(responsible, entry('draft', 'normal'), true)).toBe(false);
    expect(mayChangeDraft(author, entry('draft', 'normal'), false)).toBe(false);
    expect(mayChangeDraft(author, entry('signed', 'normal'), true)).toBe(false);
  });

  it('corrects a signed entry once; a corrected entry is corrected again through its correction', () => {
    expect(mayCorrect({ status: 'signed' }, null, true, true)).toBe(true);
    expect(mayCorrect({ status: 'signed' }, 'later', true, true)).toBe(false);
    expect(mayCorrect({ status: 'draft' }, null, true, true)).toBe(false);
    expect(mayCorrect({ status: 'signed' }, null, false, true)).toBe(false);
  });

  it('lists a correction chain oldest first and stops at a loop', () => {
    const corrects = new Map<string, string | null>([
      ['c3', 'c2'],
      ['c2', 'c1'],
      ['c1', null],
    ]);
    expect(correctionChain('c3', corrects)).toEqual(['c1', 'c2', 'c3']);
    expect(
      correctionChain(
        'x',
        new Map([
          ['x', 'y'],
          ['y', 'x'],
        ]),
      ),
    ).toEqual(['y', 'x']);
  });
});

describe("the agency's kinds of entry", () => {
  it('starts with the built-in kinds, all in use', () => {
    const kinds = entryKindsOf(null);
    expect(kinds.map((k) => k.code)).toContain('home_visit');
    expect(kinds.every((k) => k.active && k.builtIn)).toBe(true);
  });

  it("accepts the agency's own kind and refuses one switched off", () => {
    const stored = [
      { code: 'meeting', label: null, active: false },
      { code: 'own_group_session', label: 'Group session', active: true },
    ];
    expect(isKindInUse(stored, 'own_group_session')).toBe(true);
    expect(isKindInUse(stored, 'meeting')).toBe(false);
    expect(isKindInUse(stored, 'home_visit')).toBe(false);
    expect(entryKindsOf(stored).find((k) => k.code === 'own_group_session')?.builtIn).toBe(false);
  });
});

describe('files of an entry', () => {
  it('accepts PDF and common images by their sniffed type, and refuses the rest', () => {
    expect(acceptedMediaType('application/pdf')).toBe('application/pdf');
    expect(acceptedMediaType('image/jpeg')).toBe('image/jpeg');
    expect(acceptedMediaType('image/svg+xml')).toBeNull();
    expect(acceptedMediaType('text/html')).toBeNull();
    expect(acceptedMediaType(undefined)).toBeNull();
  });

  it('keeps a file name in any script but drops its path, quotes and control characters', () => {
    expect(safeFileName('C:\\Users\\x\\Справка о доходах.pdf')).toBe('Справка о доходах.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a"b\u0000c.pdf')).toBe('abc.pdf');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('住房证明.png')).toBe('住房证明.png');
  });
});
