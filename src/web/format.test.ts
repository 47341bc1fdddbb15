import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatMonth, showTimesIn, todayInAgency } from './format.ts';

afterEach(() => showTimesIn(undefined));

describe('times on screen', () => {
  it("are shown in the agency's time zone once the session names it, wherever the reader's browser is", () => {
    showTimesIn('Asia/Shanghai');
    expect(formatDateTime('2026-12-01T23:30:00Z', 'en')).toBe('Dec 2, 2026, 7:30 AM');
    showTimesIn('Europe/Oslo');
    expect(formatDateTime('2026-12-01T23:30:00Z', 'nb')).toBe('2. des. 2026, 00:30');
  });

  it('keep a time zone given for one time', () => {
    showTimesIn('Europe/Oslo');
    expect(formatDateTime('2026-12-01T23:30:00Z', 'en', 'UTC')).toBe('Dec 1, 2026, 11:30 PM');
  });

  it("give the day of a moment as it is in the agency's time zone", () => {
    showTimesIn('Asia/Shanghai');
    expect(formatDay('2026-12-01T23:30:00Z', 'en')).toBe('Dec 2, 2026');
    showTimesIn('America/New_York');
    expect(formatDay('2026-12-01T23:30:00Z', 'en')).toBe('Dec 1, 2026');
  });

  it("take today as the date it is in the agency's time zone", () => {
    showTimesIn('Asia/Shanghai');
    expect(todayInAgency(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
    showTimesIn('America/New_York');
    expect(todayInAgency(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('never shift a calendar date', () => {
    showTimesIn('Pacific/Kiritimati');
    expect(formatDate('2026-12-01', 'en')).toBe('Dec 1, 2026');
  });

  it("name a calendar date's month in the reader's language, without shifting it to the month before", () => {
    showTimesIn('America/New_York');
    expect(formatMonth('2026-12-01', 'en')).toBe('December 2026');
    expect(formatMonth('2026-12-01', 'nb')).toBe('desember 2026');
  });
});
