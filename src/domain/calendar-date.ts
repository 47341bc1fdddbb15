/** Calendar dates as ISO strings (YYYY-MM-DD): they compare correctly as text. */

/** Whether the text is a date that exists, e.g. not 2023-02-29. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
