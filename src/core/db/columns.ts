import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Columns most tables share. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
/** Optimistic-concurrency counter of an editable record. */
export const version = integer('version').notNull().default(1);
