import { describe, expect, it } from 'vitest';
import { addCalendarMonths, calendarDateIn, endOfCalendarDateIn, isCalendarDate, isTimeZone, latestCalendarDate } from './calendar-date.ts';

describe('calendar dates', () => {
  it('exist or not', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-28')).toBe(false);
  });
});

describe('dates in a time zone', () => {
  const lateEvening = new Date('2026-11-30T22:30:00Z');
  it('gives the local calendar date', () => {
    expect(calendarDateIn('UTC', lateEvening)).toBe('2026-11-30');
    expect(calendarDateIn('Europe/Oslo', lateEvening)).toBe('2026-11-30');
    expect(calendarDateIn('Asia/Shanghai', lateEvening)).toBe('2026-12-01');
    expect(calendarDateIn('America/New_York', new Date('2026-12-01T03:00:00Z'))).toBe('2026-11-30');
  });
  it('knows time zones by their IANA names', () => {
    expect(isTimeZone('Europe/Oslo')).toBe(true);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
  it('takes the latest date anywhere as the edge of the future', () => {
    expect(latestCalendarDate(lateEvening)).toBe('2026-12-01');
    expect(latestCalendarDate(new Date('2026-11-30T09:00:00Z'))).toBe('2026-11-30');
  });
  it('ends a day at the next midnight where the agency is, also on the night the clocks change', () => {
    expect(endOfCalendarDateIn('Europe/Oslo', '2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfCalendarDateIn('Europe/Oslo', '2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfCalendarDateIn('Asia/Shanghai', '2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('months on a calendar', () => {
  it('land on the same day, or on the month-end where the later month is shorter', () => {
    expect(addCalendarMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
});
