/** Calendar dates as ISO strings (YYYY-MM-DD): they compare correctly as text. */
import { TZDate } from '@date-fns/tz';

/** Whether the text is a date that exists, e.g. not 2023-02-29. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The calendar date at `now` in an IANA time zone, e.g. the agency's: what "today" means to its staff. */
export function calendarDateIn(timeZone: string, now: Date = new Date()): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD. Building a formatter costs far more than using one.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether the name is a time zone this runtime knows (IANA, e.g. "Europe/Oslo"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The latest calendar date anywhere on Earth now (UTC+14): a date after it is in the future for everyone. */
export function latestCalendarDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant the calendar day after `date` begins in the time zone: the end of `date` there (daylight saving included). */
export function endOfCalendarDateIn(timeZone: string, date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day + 1, 0, 0, 0, timeZone).getTime());
}

/** The calendar date `days` after `date` (before it when negative). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `months` on, or that month's last day where it has none (31 January + 1 month: 28 or 29 February). */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay))).toISOString().slice(0, 10);
}
