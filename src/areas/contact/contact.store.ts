/**
 * The contact schedule's part of the door (src/core/door.ts): contacts reached through their case,
 * a worker's own among them by who takes part, and the calendar feeds' secrets by their hash.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access-policy.ts';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { notFound } from '../../core/errors.ts';
import type { Role } from '../../core/roles.contract.ts';
import { cases } from '../case/case.schema.ts';
import type { CaseRow } from '../case/case.store.ts';
import { persons } from '../person/person.schema.ts';
import type { ContactStatus } from './contact.contract.ts';
import { calendarFeeds, contacts } from './contact.schema.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactValues = typeof contacts.$inferInsert;

const recorder = sql<string | null>`(SELECT s.display_name FROM staff s WHERE s.id = ${contacts.recordedBy})`;

/** A staff member among those who are to take part (the GIN index on participants answers it). */
const takesPart = (staffId: string) => sql`${contacts.participants} @> ${JSON.stringify([{ kind: 'staff', refId: staffId }])}::jsonb`;

export interface ContactWithCase {
  contact: ContactRow;
  caseNumber: string;
  recordedByName: string | null;
}

/** One contact on a case within reach, with its case; the uniform 404 otherwise. */
export async function contactInReach(
  door: Door,
  id: string,
  action: AuditAction,
  options: { lock?: boolean } = {},
): Promise<ContactWithCase & { theCase: CaseRow }> {
  const query = door.tx
    .select({ contact: contacts, theCase: cases, caseNumber: cases.caseNumber, recordedByName: recorder })
    .from(contacts)
    .innerJoin(cases, eq(cases.id, contacts.caseId))
    .where(and(eq(contacts.id, id), door.caseInReach(sql`${cases}`)));
  return door.one({
    what: 'The contact',
    action,
    entityType: 'contact',
    entityId: id,
    rows: options.lock ? query.for('update', { of: contacts }) : query,
    personOf: ({ theCase }) => theCase.personId,
    whose: async () =>
      (
        await door.tx
          .select({ personId: cases.personId })
          .from(contacts)
          .innerJoin(cases, eq(cases.id, contacts.caseId))
          .where(eq(contacts.id, id))
      )[0]?.personId,
  });
}

/** One page of a case's contacts, the latest planned first. */
export function contactsOfCase(
  door: Door,
  theCase: CaseRow,
  filter: { limit: number; status?: ContactStatus },
  after: [string, string] | null,
) {
  return door.page(
    {
      action: 'contact.list',
      entityType: 'case',
      entityId: theCase.id,
      rows: door.tx
        .select({ contact: contacts, caseNumber: cases.caseNumber, recordedByName: recorder })
        .from(contacts)
        .innerJoin(cases, eq(cases.id, contacts.caseId))
        .where(
          and(
            eq(contacts.caseId, theCase.id),
            door.caseInReach(sql`${cases}`),
            filter.status ? eq(contacts.status, filter.status) : undefined,
            after ? sql`(${contacts.startsAt}, ${contacts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(contacts.startsAt), desc(contacts.id))
        .limit(filter.limit + 1),
      personOf: () => theCase.personId,
    },
    filter.limit,
  );
}

export async function insertContact(door: Door, values: Omit<ContactValues, 'createdBy'>): Promise<ContactRow> {
  const [row] = await door.tx
    .insert(contacts)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

/** A contact of a plan meeting, unless that meeting has one already (then null): scheduling twice makes nothing new. */
export async function insertMeetingContact(door: Door, values: Omit<ContactValues, 'createdBy'>): Promise<ContactRow | null> {
  const [row] = await door.tx
    .insert(contacts)
    .values({ ...values, createdBy: door.actor.id })
    .onConflictDoNothing({ target: [contacts.caseId, contacts.planMeetingId], where: sql`plan_meeting_id IS NOT NULL` })
    .returning();
  return row ?? null;
}

export async function updateContact(door: Door, id: string, values: Partial<ContactValues>): Promise<ContactRow> {
  const [row] = await door.tx
    .update(contacts)
    .set({ ...values, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
    .where(eq(contacts.id, id))
    .returning();
  if (!row) throw notFound('The contact');
  return row;
}

/** The plan meetings of a case that have their contact already. */
export async function scheduledMeetingIds(door: Door, caseId: string): Promise<Set<string>> {
  const rows = await door.tx
    .select({ id: contacts.planMeetingId })
    .from(contacts)
    .where(and(eq(contacts.caseId, caseId), sql`${contacts.planMeetingId} IS NOT NULL`));
  return new Set(rows.map((r) => r.id!));
}

/** The actor's contacts (they take part) on the days from–to, on cases within reach, in time order: the week view. */
export function contactsOfWeek(door: Door, from: string, to: string) {
  return door.many({
    action: 'contact.week',
    entityType: 'staff',
    entityId: door.actor.id,
    rows: door.tx
      .select({
        contact: contacts,
        caseNumber: cases.caseNumber,
        personId: cases.personId,
        givenName: persons.givenName,
        familyName: persons.familyName,
      })
      .from(contacts)
      .innerJoin(cases, eq(cases.id, contacts.caseId))
      .innerJoin(persons, eq(persons.id, cases.personId))
      .where(
        and(takesPart(door.actor.id), sql`${contacts.plannedOn} BETWEEN ${from}::date AND ${to}::date`, door.caseInReach(sql`${cases}`)),
      )
      .orderBy(asc(contacts.startsAt), asc(contacts.id))
      .limit(500),
    personOf: (r) => r.personId,
  });
}

/** The actor's planned contacts of today and earlier ones never recorded, on open cases within reach: Today's list. */
export function contactsDueOf(door: Door, today: string) {
  return door.many({
    action: 'contact.list',
    entityType: 'contact',
    rows: door.tx
      .select({ contact: contacts, caseNumber: cases.caseNumber, personId: cases.personId })
      .from(contacts)
      .innerJoin(cases, eq(cases.id, contacts.caseId))
      .where(
        and(
          eq(contacts.status, 'planned'),
          takesPart(door.actor.id),
          sql`${contacts.plannedOn} <= ${today}::date`,
          sql`${cases.stage} <> 'closed'`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(asc(contacts.startsAt))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/**
 * No-show follow-ups due by today and not done, on open cases within reach, for the one who
 * recorded the no-show and the case's responsible worker: Today's list.
 */
export function followUpsDueOf(door: Door, today: string) {
  const me = door.actor.id;
  return door.many({
    action: 'contact.list',
    entityType: 'contact',
    rows: door.tx
      .select({ contact: contacts, caseNumber: cases.caseNumber, personId: cases.personId })
      .from(contacts)
      .innerJoin(cases, eq(cases.id, contacts.caseId))
      .where(
        and(
          eq(contacts.status, 'missed'),
          sql`${contacts.followUpDoneAt} IS NULL`,
          sql`${contacts.followUpOn} <= ${today}::date`,
          sql`(${contacts.followUpBy} = ${me} OR ${cases.responsibleStaffId} = ${me})`,
          sql`${cases.stage} <> 'closed'`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(asc(contacts.followUpOn))
      .limit(100),
    personOf: (r) => r.personId,
  });
}

/** The actor's contacts from a moment on, not cancelled, on cases within reach: what the calendar feed carries. */
export function contactsForFeed(door: Door, since: Date) {
  return door.many({
    action: 'calendar_feed.fetch',
    entityType: 'calendar_feed',
    entityId: door.actor.id,
    rows: door.tx
      .select({ contact: contacts, caseNumber: cases.caseNumber, personId: cases.personId })
      .from(contacts)
      .innerJoin(cases, eq(cases.id, contacts.caseId))
      .where(
        and(
          takesPart(door.actor.id),
          sql`${contacts.status} <> 'cancelled'`,
          sql`${contacts.startsAt} >= ${since}`,
          door.caseInReach(sql`${cases}`),
        ),
      )
      .orderBy(asc(contacts.startsAt))
      .limit(1000),
    personOf: (r) => r.personId,
  });
}

// ---- Calendar feeds: account data of the staff member, by the hash of the secret ------------------

export async function feedOf(tx: Transaction, staffId: string) {
  const [row] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.staffId, staffId));
  return row ?? null;
}

/** Makes the staff member's feed, or gives it a new secret: the old address stops working at once. */
export async function saveFeed(tx: Transaction, staffId: string, tokenHash: string): Promise<Date> {
  const createdAt = new Date();
  await tx
    .insert(calendarFeeds)
    .values({ staffId, tokenHash, createdAt })
    .onConflictDoUpdate({ target: calendarFeeds.staffId, set: { tokenHash, createdAt, lastUsedAt: null } });
  return createdAt;
}

export async function deleteFeed(tx: Transaction, staffId: string): Promise<boolean> {
  const deleted = await tx.delete(calendarFeeds).where(eq(calendarFeeds.staffId, staffId)).returning({ staffId: calendarFeeds.staffId });
  return deleted.length > 0;
}

export interface FeedOwner {
  actor: Actor;
  locale: string;
}

/**
 * The active staff member of an active agency whose feed has this secret's hash; null for any
 * other (unknown, replaced, revoked, the account or agency switched off). Read before any agency
 * is bound, as a session is.
 */
export async function feedOwner(db: Database, tokenHash: string): Promise<FeedOwner | null> {
  const result = await db.execute<{
    staff_id: string;
    agency_id: number;
    roles: Role[];
    unit_id: string | null;
    partner_organisation_id: string | null;
    locale: string;
    stale: boolean;
  }>(sql`
    SELECT st.id AS staff_id, st.agency_id, st.roles, st.unit_id, st.partner_organisation_id, st.locale,
           (f.last_used_at IS NULL OR f.last_used_at < now() - interval '1 hour') AS stale
    FROM calendar_feeds f
    JOIN staff st ON st.id = f.staff_id AND st.status = 'active'
    JOIN agency a ON a.id = st.agency_id AND a.active
    WHERE f.token_hash = ${tokenHash}`);
  const row = result.rows[0];
  if (!row) return null;
  // When the feed was last read, to the hour: enough for its owner to see it is in use, without a write per poll.
  if (row.stale) await db.update(calendarFeeds).set({ lastUsedAt: new Date() }).where(eq(calendarFeeds.tokenHash, tokenHash));
  return {
    actor: {
      id: row.staff_id,
      agencyId: row.agency_id,
      roles: row.roles,
      unitId: row.unit_id,
      partnerOrganisationId: row.partner_organisation_id,
    },
    locale: row.locale,
  };
}
