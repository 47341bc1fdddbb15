import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, check, integer, text, timestamp } from 'drizzle-orm/pg-core';

/** Columns most tables share. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
/** Optimistic-concurrency counter of an editable record. */
export const version = integer('version').notNull().default(1);

/** The values a zod enum allows, as `z.enum([...]).options` gives them. */
type Values = readonly string[];

/** Every CHECK built from a contract's enum, by constraint name: what the database must allow (checked against it by a test). */
export const enumChecks = new Map<string, Values>();

const inList = (values: Values) => sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(','));

/**
 * A CHECK that the column holds one of the enum's values – the values written once, in the
 * contract (`z.enum`), and used by the column type, the constraint and the API alike.
 */
export function oneOf(name: string, column: AnyPgColumn | SQL, values: Values, options: { nullable?: boolean } = {}) {
  enumChecks.set(name, values);
  return check(name, options.nullable ? sql`${column} IS NULL OR ${column} IN (${inList(values)})` : sql`${column} IN (${inList(values)})`);
}

/** A CHECK that an array column holds only the enum's values (and at least one). */
export function someOf(name: string, column: AnyPgColumn, values: Values) {
  enumChecks.set(name, values);
  return check(name, sql`${column} <@ ARRAY[${inList(values)}]::text[] AND cardinality(${column}) > 0`);
}

/** A text column typed by the enum's values, so a row read back has the contract's type. */
export function enumText<const T extends string>(name: string, values: readonly T[]) {
  return text(name, { enum: values as [T, ...T[]] });
}
