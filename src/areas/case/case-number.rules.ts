/** Case numbers read PREFIX-YEAR-SEQUENCE, e.g. TIL-2026-000042; the sequence restarts each year. */
export function formatCaseNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}
