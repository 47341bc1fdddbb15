import { afterEach, describe, expect, it } from 'vitest';
import { supportedLocales } from '../core/common.contract.ts';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatList,
  formatMonth,
  formatNumber,
  formatWeekday,
  formatYear,
  localInputOf,
  momentOfLocalInput,
  showTimesIn,
  todayIsoDate,
} from './format.ts';

afterEach(() => showTimesIn(undefined));

/** Intl separates with no-break spaces of two widths; the tests read them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

/** 13:05 UTC on 1 June 2027: 15:05 in Oslo, 21:05 in Shanghai. */
const instant = '2027-06-01T13:05:00Z';

describe('times on screen', () => {
  it.each([
    ['en', 'Jun 1, 2027, 21:05', 'Jun 1, 2027, 15:05'],
    ['nb', '1. juni 2027, 21:05', '1. juni 2027, 15:05'],
    ['sv', '1 juni 2027 21:05', '1 juni 2027 15:05'],
    ['ru', '1 июн. 2027, 21:05', '1 июн. 2027, 15:05'],
    ['zh-Hans', '2027年6月1日 21:05', '2027年6月1日 15:05'],
    ['zh-Hant', '2027年6月1日 21:05', '2027年6月1日 15:05'],
  ])("in %s are shown in the agency's time zone, Shanghai or Oslo, wherever the reader's browser is", (locale, shanghai, oslo) => {
    showTimesIn('Asia/Shanghai');
    expect(plain(formatDateTime(instant, locale))).toBe(shanghai);
    showTimesIn('Europe/Oslo');
    expect(plain(formatDateTime(instant, locale))).toBe(oslo);
  });

  it.each(supportedLocales)('in %s use the 24-hour clock, with no AM, PM, 上午 or 下午', (locale) => {
    showTimesIn('Europe/Oslo');
    const text = formatDateTime('2027-06-01T05:07:00Z', locale);
    expect(text).toMatch(/07:07$/);
    expect(formatDateTime(instant, locale)).toMatch(/15:05$/);
    expect(text).not.toMatch(/AM|PM|上午|下午/);
  });

  it('keep a time zone given for one time', () => {
    showTimesIn('Europe/Oslo');
    expect(formatDateTime('2026-12-01T23:30:00Z', 'en', 'UTC')).toBe('Dec 1, 2026, 23:30');
  });

  it('show an unreadable time as it came rather than inventing one', () => {
    expect(formatDateTime('not a time', 'nb')).toBe('not a time');
    expect(formatDateTime(null, 'nb')).toBe('');
  });
});

describe('days of moments', () => {
  it.each([
    ['en', 'Jun 2, 2027', 'Jun 1, 2027'],
    ['nb', '2. juni 2027', '1. juni 2027'],
    ['sv', '2 juni 2027', '1 juni 2027'],
    ['ru', '2 июн. 2027', '1 июн. 2027'],
    ['zh-Hans', '2027年6月2日', '2027年6月1日'],
    ['zh-Hant', '2027年6月2日', '2027年6月1日'],
  ])("in %s are the day it is in the agency's time zone", (locale, shanghai, oslo) => {
    showTimesIn('Asia/Shanghai');
    expect(plain(formatDay('2027-06-01T20:00:00Z', locale))).toBe(shanghai);
    showTimesIn('Europe/Oslo');
    expect(plain(formatDay('2027-06-01T20:00:00Z', locale))).toBe(oslo);
  });
});

describe('calendar dates', () => {
  it.each([
    ['en', 'Dec 1, 2026'],
    ['nb', '1. des. 2026'],
    ['sv', '1 dec. 2026'],
    ['ru', '1 дек. 2026'],
    ['zh-Hans', '2026年12月1日'],
    ['zh-Hant', '2026年12月1日'],
  ])('in %s never shift with the time zone', (locale, expected) => {
    showTimesIn('Pacific/Kiritimati');
    expect(plain(formatDate('2026-12-01', locale))).toBe(expected);
    showTimesIn('Pacific/Pago_Pago');
    expect(plain(formatDate('2026-12-01', locale))).toBe(expected);
  });

  it.each(supportedLocales)('in %s can end a sentence: no date or time ends in a full stop of its own', (locale) => {
    const sentence = (value: string) => `${value}.`;
    for (const value of [
      formatDate('2027-06-01', locale),
      formatDay(instant, locale),
      formatDateTime(instant, locale),
      formatMonth('2027-06-01', locale),
      formatYear('2027-06-01', locale),
    ]) {
      expect(sentence(value)).not.toContain('..');
    }
  });

  it('in Russian are written without the abbreviation г. after the year', () => {
    expect(plain(formatDateTime(instant, 'ru', 'UTC'))).toBe('1 июн. 2027, 13:05');
    expect(formatMonth('2027-06-01', 'ru')).not.toContain('г.');
  });
});

describe('days of a week', () => {
  it.each([
    ['en', 'Monday, March 2'],
    ['nb', 'mandag 2. mars'],
    ['ru', 'понедельник, 2 марта'],
    ['zh-Hans', '3月2日星期一'],
  ])('in %s name the weekday and the day, whatever the time zone', (locale, expected) => {
    showTimesIn('Pacific/Kiritimati');
    expect(plain(formatWeekday('2026-03-02', locale))).toBe(expected);
    showTimesIn('Pacific/Pago_Pago');
    expect(plain(formatWeekday('2026-03-02', locale))).toBe(expected);
  });
});

describe('dates known only to the month or the year', () => {
  it.each([
    ['en', 'March 1987', '1987'],
    ['nb', 'mars 1987', '1987'],
    ['sv', 'mars 1987', '1987'],
    ['ru', 'март 1987', '1987'],
    ['zh-Hans', '1987年3月', '1987年'],
    ['zh-Hant', '1987年3月', '1987年'],
  ])('in %s name the month and the year as the language writes them', (locale, month, year) => {
    expect(plain(formatMonth('1987-03-01', locale))).toBe(month);
    expect(plain(formatYear('1987-03-01', locale))).toBe(year);
  });
});

describe("today's date", () => {
  it("is the agency's day, which in Shanghai is already tomorrow when it is late evening in Oslo", () => {
    const lateInOslo = new Date('2027-06-01T20:30:00Z');
    showTimesIn('Europe/Oslo');
    expect(todayIsoDate(lateInOslo)).toBe('2027-06-01');
    showTimesIn('Asia/Shanghai');
    expect(todayIsoDate(lateInOslo)).toBe('2027-06-02');
  });
});

describe('numbers', () => {
  it.each([
    ['en', '1,234,567.5'],
    ['nb', '1 234 567,5'],
    ['sv', '1 234 567,5'],
    ['ru', '1 234 567,5'],
    ['zh-Hans', '1,234,567.5'],
    ['zh-Hant', '1,234,567.5'],
  ])('in %s group digits and mark decimals as the language does', (locale, expected) => {
    expect(plain(formatNumber(1234567.5, locale))).toBe(expected);
  });
});

describe('lists', () => {
  it.each([
    ['en', 'Oslo, Malmö, and Tula'],
    ['nb', 'Oslo, Malmö og Tula'],
    ['sv', 'Oslo, Malmö och Tula'],
    ['ru', 'Oslo, Malmö и Tula'],
    ['zh-Hans', 'Oslo、Malmö和Tula'],
    ['zh-Hant', 'Oslo、Malmö和Tula'],
  ])('in %s join with the language’s own word for "and"', (locale, expected) => {
    expect(formatList(['Oslo', 'Malmö', 'Tula'], locale)).toBe(expected);
  });

  it("name a calendar date's month in the reader's language, without shifting it to the month before", () => {
    showTimesIn('America/New_York');
    expect(formatMonth('2026-12-01', 'en')).toBe('December 2026');
    expect(formatMonth('2026-12-01', 'nb')).toBe('desember 2026');
  });
});

describe('times typed into a form', () => {
  it("are read as the agency's wall-clock time, wherever the browser is", () => {
    expect(momentOfLocalInput('2027-01-15T09:30', 'Europe/Oslo')).toBe('2027-01-15T08:30:00.000Z');
    expect(momentOfLocalInput('2027-07-15T09:30', 'Europe/Oslo')).toBe('2027-07-15T07:30:00.000Z');
    expect(momentOfLocalInput('2027-07-15T09:30', 'Asia/Shanghai')).toBe('2027-07-15T01:30:00.000Z');
  });

  it('show a moment as the same wall-clock time they were typed as', () => {
    expect(localInputOf('2027-01-15T08:30:00.000Z', 'Europe/Oslo')).toBe('2027-01-15T09:30');
    expect(localInputOf(momentOfLocalInput('2027-03-28T12:05', 'Europe/Oslo'), 'Europe/Oslo')).toBe('2027-03-28T12:05');
  });

  it('give nothing for a value that is not a time', () => {
    expect(momentOfLocalInput('', 'Europe/Oslo')).toBe('');
    expect(momentOfLocalInput('yesterday', 'Europe/Oslo')).toBe('');
  });
});
