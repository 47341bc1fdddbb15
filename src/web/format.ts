/**
 * Locale-aware formatting with Intl; the locale is the interface language (a BCP 47 tag). Every date,
 * time and number the web shows goes through here.
 *
 * - Times are in the agency's time zone (from the session), wherever the reader's browser is.
 * - The clock is 24-hour in every language, English too: case records are read across shifts and
 *   agencies, and "15:05" cannot be misread. The date keeps each language's own order and month names.
 * - Russian dates are written without the closing "г." (год): a sentence ending in a date would
 *   otherwise end in "г.." – "1 июн. 2027", as Russian forms commonly write it.
 */

type Style = 'dateTime' | 'day' | 'date' | 'weekday' | 'month' | 'year' | 'isoDay';

const options: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  weekday: { weekday: 'long', month: 'long', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  year: { year: 'numeric' },
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
};

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per locale, style and time zone, made once. */
function dateTimeFormat(locale: string, style: Style, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style}:${locale}:${timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options[style], ...(timeZone ? { timeZone } : {}) });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** The year's abbreviation that follows the year in Russian: " г." before a comma or at the end. */
const YEAR_WORD = /^\s*г\.(?=,|\s|$)/;

function format(date: Date, locale: string, style: Style, timeZone: string | undefined): string {
  const parts = dateTimeFormat(locale, style, timeZone).formatToParts(date);
  return parts
    .map((part, i) => (part.type === 'literal' && parts[i - 1]?.type === 'year' ? part.value.replace(YEAR_WORD, '') : part.value))
    .join('');
}

/** The agency's time zone once the session has named it; until then (the public pages) the browser's. */
let agencyTimeZone: string | undefined;

/** Called by the session: every time shown from now on is in the agency's time zone, wherever the reader is. */
export function showTimesIn(timeZone: string | undefined): void {
  agencyTimeZone = timeZone;
}

function moment(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date (YYYY-MM-DD) as midnight UTC, so that formatting it in UTC gives the same day. */
function calendarDay(isoDate: string): Date | null {
  return moment(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** A moment in the reader's language, in `timeZone` if given, else the agency's (else the browser's). */
export function formatDateTime(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '';
  const date = moment(iso);
  return date ? format(date, locale, 'dateTime', timeZone ?? agencyTimeZone) : iso;
}

/** The day of a moment in the reader's language, in `timeZone` if given, else the agency's (else the browser's). */
export function formatDay(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '';
  const date = moment(iso);
  return date ? format(date, locale, 'day', timeZone ?? agencyTimeZone) : iso;
}

/** A calendar date (YYYY-MM-DD) as the reader writes dates; the day does not shift with the time zone. */
export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return '';
  const date = calendarDay(isoDate);
  return date ? format(date, locale, 'date', 'UTC') : isoDate;
}

/** A calendar date as a day of the week and of the month ("Monday 2 March"), for the days of a week shown one under another. */
export function formatWeekday(isoDate: string, locale: string): string {
  const date = calendarDay(isoDate);
  return date ? format(date, locale, 'weekday', 'UTC') : isoDate;
}

/** The month and year of a calendar date ("March 1987"), for a date known only to the month. */
export function formatMonth(isoDate: string, locale: string): string {
  const date = calendarDay(isoDate);
  return date ? format(date, locale, 'month', 'UTC') : isoDate;
}

/** The year of a calendar date as the reader writes years ("1987", "1987年"). */
export function formatYear(isoDate: string, locale: string): string {
  const date = calendarDay(isoDate);
  return date ? format(date, locale, 'year', 'UTC') : isoDate;
}

/** Today's calendar date (YYYY-MM-DD) in the agency's time zone (else the browser's): the day a form dates its record. */
export function todayIsoDate(now: Date = new Date(), timeZone?: string): string {
  const parts = dateTimeFormat('en', 'isoDay', timeZone ?? agencyTimeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the reader writes it: the language's digit grouping and decimal sign ("1 234,5" in Russian). */
export function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** Joins items as a list in the reader's language ("a, b and c"). */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** What a `datetime-local` field shows for a moment: its wall-clock time in the agency's zone (else the browser's), `YYYY-MM-DDTHH:mm`. */
export function localInputOf(iso: string, timeZone?: string): string {
  const date = moment(iso);
  if (!date) return '';
  const parts = new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...((timeZone ?? agencyTimeZone) ? { timeZone: timeZone ?? agencyTimeZone } : {}),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * The moment a `datetime-local` field's value names, read as wall-clock time in the agency's zone
 * (else the browser's), as an ISO string; '' when the value is not a time. Around a change of the
 * clocks an hour that does not exist is taken as the hour after.
 */
export function momentOfLocalInput(value: string, timeZone?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return '';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, found by reading the guess back in the zone (twice, for a change of the clocks).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = localInputOf(new Date(guess).toISOString(), timeZone);
    const [sy, smo, sd, sh, smi] = shown.split(/[-T:]/).map(Number) as [number, number, number, number, number];
    guess += asUtc - Date.UTC(sy, smo - 1, sd, sh, smi);
  }
  return new Date(guess).toISOString();
}
