import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysOfWeek, isIsoWeek, isoWeekOf, shiftWeek, weekdayOf } from './week.rules.ts';

describe('ISO weeks', () => {
  it('begin on Monday', () => {
    expect(weekdayOf('2026-03-02')).toBe(0);
    expect(daysOfWeek('2026-W10')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  it('count from the week with the year’s first Thursday, so late December may be week 1 of the next year', () => {
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(daysOfWeek('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('have 53 in some years only', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-10')).toBe(false);
  });

  it('run into the next and previous year', () => {
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
  });

  it('are the same week for each of their days', () => {
    const { from, to } = daysOfWeek('2026-W07');
    expect(new Set(daysBetween(from, to).map(isoWeekOf))).toEqual(new Set(['2026-W07']));
  });

  it('pass daylight saving without losing or doubling a day', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });
});
