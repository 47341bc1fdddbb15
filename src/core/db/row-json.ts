import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A row that came back as `to_jsonb(alias)` (inside a statement that assembles JSON), in the shape
 * drizzle gives a selected row: the property names of the schema, each value through its column's
 * own driver mapping (timestamps become Dates, as they do when selected).
 */
export function rowFromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** `rowFromJson` for each element of a `json_agg(to_jsonb(alias))`. */
export const rowsFromJson = <T extends PgTable>(table: T, json: Record<string, unknown>[] | null): T['$inferSelect'][] =>
  (json ?? []).map((element) => rowFromJson(table, element));
