/**
 * Weeks as ISO 8601 counts them (Monday first; week 1 holds the year's first Thursday), written
 * `2026-W07`, over calendar dates (YYYY-MM-DD) of the agency's time zone. Pure date arithmetic on
 * days: no moment in time, so no time zone can shift a day.
 */

/** The most days one request for contacts may span (six weeks). */
export const MAX_RANGE_DAYS = 42;

const dayMs = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The day `days` after (or before) a date. */
export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days * dayMs);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayOf(date: string): number {
  return (new Date(toDay(date)).getUTCDay() + 6) % 7;
}

/** The ISO week a date falls in: `2026-W01` for 2025-12-29, say. */
export function isoWeekOf(date: string): string {
  const thursday = toDay(date) + (3 - weekdayOf(date)) * dayMs;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * dayMs));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weeksIn(year: number): number {
  // A year has 53 weeks when 28 December (always in its last week) is in week 53.
  return Number(isoWeekOf(`${year}-12-28`).slice(6));
}

/** Whether the text names a week that exists, such as `2026-W07` (not `2025-W53`). */
export function isIsoWeek(text: string): boolean {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, week] = [Number(match[1]), Number(match[2])];
  return year >= 1900 && year <= 9999 && week >= 1 && week <= weeksIn(year);
}

/** A week's Monday and Sunday. */
export function daysOfWeek(week: string): { from: string; to: string } {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  const fourth = `${year}-01-04`;
  const from = addDays(fourth, -weekdayOf(fourth) + (number - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** The week `weeks` after (or before) a week. */
export function shiftWeek(week: string, weeks: number): string {
  return isoWeekOf(addDays(daysOfWeek(week).from, weeks * 7));
}

/** The days from one date to another, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
