/** Locale-aware formatting with Intl; the locale is the interface language (a BCP 47 tag). */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One Intl.DateTimeFormat per locale, style and time zone, made once. */
function dateTimeFormat(locale: string, style: 'dateTime' | 'date' | 'day' | 'month', timeZone?: string): Intl.DateTimeFormat {
  const key = `${style}:${locale}:${timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      style === 'date'
        ? { dateStyle: 'medium', timeZone: 'UTC' }
        : style === 'month'
          ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
          : style === 'day'
            ? { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }
            : { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) },
    );
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** The agency's time zone once the session has named it; until then (the public pages) the browser's. */
let agencyTimeZone: string | undefined;

/** Called by the session: every time shown from now on is in the agency's time zone, wherever the reader is. */
export function showTimesIn(timeZone: string | undefined): void {
  agencyTimeZone = timeZone;
}

/** A moment in the reader's language, in `timeZone` if given, else the agency's (else the browser's). */
export function formatDateTime(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale, 'dateTime', timeZone ?? agencyTimeZone).format(date);
}

/** The day of a moment in the reader's language, in `timeZone` if given, else the agency's (else the browser's). */
export function formatDay(iso: string | null | undefined, locale: string, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale, 'day', timeZone ?? agencyTimeZone).format(date);
}

/** Today's calendar date (YYYY-MM-DD) in the agency's time zone (else the browser's): what "overdue" is judged by. */
export function todayInAgency(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(agencyTimeZone ? { timeZone: agencyTimeZone } : {}),
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Joins items as a list in the reader's language ("a, b and c"). */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A calendar date (YYYY-MM-DD) as the reader writes dates; the day does not shift with the time zone. */
export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return '';
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return dateTimeFormat(locale, 'date').format(date);
}

/** The month of a calendar date (YYYY-MM-DD) in the reader's language, e.g. "March 2026"; it does not shift with the time zone. */
export function formatMonth(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return dateTimeFormat(locale, 'month').format(date);
}
