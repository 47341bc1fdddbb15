import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, check, integer, text, timestamp } from 'drizzle-orm/pg-core';

/** Columns most tables share. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
/**
 * The agency a row belongs to: the tenant key every table of agency data carries (ADR 0010).
 * Left out of an insert, it is the agency of the transaction (`tillit.agency_id`, which the unit
 * of work sets for the signed-in actor); with no agency set the insert fails. The foreign key to
 * `agency` and the row-level security policy on it are declared in migration 0014.
 */
export const agencyId = () => integer('agency_id').notNull().default(sql`(current_setting('tillit.agency_id'))::integer`);

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
