import { eq } from 'drizzle-orm';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { agency } from './organisation.schema.ts';

export type AgencySettings = typeof agency.$inferSelect;

/** The settings of the agency this installation serves – read in one place, so serving several agencies changes one place. */
export async function agencySettings(tx: Transaction | Database): Promise<AgencySettings> {
  const [row] = await tx.select().from(agency).where(eq(agency.id, 1));
  return row!;
}

/** Today in the agency's time zone: what "today" and "overdue" mean to its staff. */
export async function agencyToday(tx: Transaction | Database): Promise<string> {
  return calendarDateIn((await agencySettings(tx)).timeZone);
}
