import { eq, sql } from 'drizzle-orm';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { Transaction } from '../../core/db/pool.ts';
import { agency } from './organisation.schema.ts';

export type AgencySettings = typeof agency.$inferSelect;

/** The settings of the agency the transaction is bound to (`enterAgency`, src/core/unit-of-work.ts). */
export async function agencySettings(tx: Transaction): Promise<AgencySettings> {
  const [row] = await tx.select().from(agency).where(eq(agency.id, sql`current_setting('tillit.agency_id')::integer`));
  if (!row) throw new Error('The transaction is bound to no agency');
  return row;
}

/** Today in the agency's time zone: what "today" and "overdue" mean to its staff. */
export async function agencyToday(tx: Transaction): Promise<string> {
  return calendarDateIn((await agencySettings(tx)).timeZone);
}
