/**
 * The vouchers' part of the door (src/core/door.ts). The agency's staff reach a voucher through its
 * case; a partner's staff through the organisation it is addressed to – never through the case,
 * whose scope they do not have. Either read names the person in the audit, so the person's access
 * log shows the partner's look at their voucher.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { notFound } from '../../core/errors.ts';
import { cases } from '../case/case.schema.ts';
import type { ConsentFacts } from '../consent/consent.rules.ts';
import { consentEvents, consents } from '../consent/consent.schema.ts';
import { factsOf } from '../consent/consent.store.ts';
import { agency, partnerOrganisations } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { directoryServices } from '../service-directory/service-directory.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type { VoucherStatus } from './voucher.contract.ts';
import { voucherEvents, vouchers, voucherVisits } from './voucher.schema.ts';

export type VoucherRow = typeof vouchers.$inferSelect;
export type VoucherValues = typeof vouchers.$inferInsert;
export type VoucherEventRow = typeof voucherEvents.$inferSelect & { byName: string | null };
export type VisitRow = typeof voucherVisits.$inferSelect & { recordedByName: string };

export interface VoucherWithNames {
  voucher: VoucherRow;
  partnerName: string;
  issuedByName: string;
  caseNumber: string;
}

const issuer = sql<string>`(SELECT s.display_name FROM staff s WHERE s.id = ${vouchers.issuedBy})`;
const columns = {
  voucher: vouchers,
  partnerName: partnerOrganisations.name,
  issuedByName: issuer,
  caseNumber: cases.caseNumber,
};

/** The person a voucher is about, looked up without a scope: only to audit a miss as denied. */
const whoseVoucher = (door: Door, id: string) => async () =>
  (await door.tx.select({ personId: vouchers.personId }).from(vouchers).where(eq(vouchers.id, id)))[0]?.personId;

/** One voucher on a case within the agency staff member's reach; the uniform 404 otherwise. */
export function voucherInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<VoucherWithNames> {
  const query = door.tx
    .select(columns)
    .from(vouchers)
    .innerJoin(cases, eq(cases.id, vouchers.caseId))
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, vouchers.partnerOrganisationId))
    .where(and(eq(vouchers.id, id), door.caseInReach(sql`${cases}`)));
  return door.one({
    what: 'The voucher',
    action,
    entityType: 'voucher',
    entityId: id,
    rows: options.lock ? query.for('update', { of: vouchers }) : query,
    personOf: ({ voucher }) => voucher.personId,
    whose: whoseVoucher(door, id),
  });
}

/** The vouchers of a case within reach, newest first. */
export function vouchersOfCase(door: Door, caseId: string, action: AuditAction): Promise<VoucherWithNames[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: caseId,
    rows: door.tx
      .select(columns)
      .from(vouchers)
      .innerJoin(cases, eq(cases.id, vouchers.caseId))
      .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, vouchers.partnerOrganisationId))
      .where(and(eq(vouchers.caseId, caseId), door.caseInReach(sql`${cases}`)))
      .orderBy(desc(vouchers.issuedAt), desc(vouchers.id)),
    personOf: ({ voucher }) => voucher.personId,
  });
}

/** Condition on `vouchers`: addressed to the partner organisation the actor works for. */
function addressedToActor(door: Door): SQL {
  const organisationId = door.actor.roles.includes('partner_provider') ? door.actor.partnerOrganisationId : null;
  if (!organisationId) return sql`false`;
  return sql`(${vouchers.agencyId} = ${door.actor.agencyId} AND ${vouchers.partnerOrganisationId} = ${organisationId})`;
}

export interface AddressedVoucher {
  voucher: VoucherRow;
  partnerName: string;
  /** The kinds of recipient the partner is, as the gate matches consents against them. */
  partnerKinds: string[];
  agencyName: string;
  timeZone: string;
}

const addressedColumns = {
  voucher: vouchers,
  partnerName: partnerOrganisations.name,
  partnerKinds: partnerOrganisations.recipientKinds,
  agencyName: agency.name,
  timeZone: agency.timeZone,
};

/** One voucher addressed to the partner the actor works for; the uniform 404 for any other. */
export function voucherAddressed(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<AddressedVoucher> {
  const query = door.tx
    .select(addressedColumns)
    .from(vouchers)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, vouchers.partnerOrganisationId))
    .innerJoin(agency, eq(agency.id, vouchers.agencyId))
    .where(and(eq(vouchers.id, id), addressedToActor(door)));
  return door.one({
    what: 'The voucher',
    action,
    entityType: 'voucher',
    entityId: id,
    rows: options.lock ? query.for('update', { of: vouchers }) : query,
    personOf: ({ voucher }) => voucher.personId,
    whose: whoseVoucher(door, id),
  });
}

const openStatuses: VoucherStatus[] = ['issued', 'accepted', 'in_progress'];

/** One page of the partner's inbox: its organisation's vouchers, newest first, with how many visits each has. */
export function partnerInbox(
  door: Door,
  filter: { limit: number; status: 'open' | 'finished' | 'all'; number?: string | undefined },
  after: [string, string] | null,
) {
  const status =
    filter.status === 'open'
      ? inArray(vouchers.status, openStatuses)
      : filter.status === 'finished'
        ? sql`${vouchers.status} NOT IN ('issued','accepted','in_progress')`
        : undefined;
  return door.page(
    {
      action: 'voucher.inbox',
      entityType: 'voucher',
      rows: door.tx
        .select({
          ...addressedColumns,
          visitCount: sql<number>`(SELECT count(*)::int FROM voucher_visits w WHERE w.voucher_id = ${vouchers.id})`,
        })
        .from(vouchers)
        .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, vouchers.partnerOrganisationId))
        .innerJoin(agency, eq(agency.id, vouchers.agencyId))
        .where(
          and(
            addressedToActor(door),
            status,
            filter.number ? sql`upper(${vouchers.number}) = upper(${filter.number})` : undefined,
            after ? sql`(${vouchers.issuedAt}, ${vouchers.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(vouchers.issuedAt), desc(vouchers.id))
        .limit(filter.limit + 1),
      personOf: ({ voucher }) => voucher.personId,
    },
    filter.limit,
  );
}

/**
 * What the disclosure gate needs about a person whose voucher the caller already reached: their
 * consents' terms and events, and whether they restricted processing. Facts for the gate only –
 * nothing of it is shown, so it is no read of the person's content.
 */
export async function gateFactsOf(door: Door, personId: string): Promise<GateFacts> {
  return (await gateFactsOfMany(door, [personId])).get(personId) ?? { consents: [], processingRestricted: false };
}

export interface GateFacts {
  consents: ConsentFacts[];
  processingRestricted: boolean;
}

/** `gateFactsOf` for several people at once – a page of the inbox – in three statements. */
export async function gateFactsOfMany(door: Door, personIds: readonly string[]): Promise<Map<string, GateFacts>> {
  const ids = [...new Set(personIds)];
  const facts = new Map<string, GateFacts>();
  if (ids.length === 0) return facts;
  const people = await door.tx
    .select({ id: persons.id, restrictedAt: persons.processingRestrictedAt })
    .from(persons)
    .where(inArray(persons.id, ids));
  const rows = await door.tx.select().from(consents).where(inArray(consents.personId, ids));
  const events =
    rows.length === 0
      ? []
      : await door.tx
          .select()
          .from(consentEvents)
          .where(
            inArray(
              consentEvents.consentId,
              rows.map((r) => r.id),
            ),
          );
  const eventsOf = groupedBy(events, (e) => e.consentId);
  for (const person of people) facts.set(person.id, { consents: [], processingRestricted: person.restrictedAt != null });
  for (const consent of rows) facts.get(consent.personId)?.consents.push(factsOf({ consent, events: eventsOf.get(consent.id) ?? [] }));
  return facts;
}

export async function nextVoucherCounter(door: Door, year: number): Promise<number> {
  const counter = await door.tx.execute<{ last_number: number }>(sql`
    INSERT INTO voucher_number_counters (year, last_number) VALUES (${year}, 1)
    ON CONFLICT (agency_id, year) DO UPDATE SET last_number = voucher_number_counters.last_number + 1 RETURNING last_number`);
  return counter.rows[0]!.last_number;
}

export async function insertVoucher(door: Door, values: Omit<VoucherValues, 'issuedBy'>): Promise<VoucherRow> {
  const [row] = await door.tx
    .insert(vouchers)
    .values({ ...values, issuedBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateVoucher(door: Door, id: string, values: Partial<VoucherValues>): Promise<VoucherRow> {
  const [row] = await door.tx
    .update(vouchers)
    .set({ ...values, version: sql`${vouchers.version} + 1`, updatedAt: new Date() })
    .where(eq(vouchers.id, id))
    .returning();
  if (!row) throw notFound('The voucher');
  return row;
}

export async function insertVoucherEvent(
  door: Door,
  values: Omit<typeof voucherEvents.$inferInsert, 'staffId' | 'voucherId'> & { voucherId: string },
): Promise<typeof voucherEvents.$inferSelect> {
  const [row] = await door.tx
    .insert(voucherEvents)
    .values({ ...values, staffId: door.actor.id })
    .returning();
  return row!;
}

/** A staff member's name as the records show it (not case content). */
export async function staffNameOf(door: Door, id: string): Promise<string> {
  const [row] = await door.tx.select({ name: staff.displayName }).from(staff).where(eq(staff.id, id));
  return row?.name ?? '';
}

export async function insertVisit(
  door: Door,
  values: Omit<typeof voucherVisits.$inferInsert, 'recordedBy'>,
): Promise<typeof voucherVisits.$inferSelect> {
  const [row] = await door.tx
    .insert(voucherVisits)
    .values({ ...values, recordedBy: door.actor.id })
    .returning();
  return row!;
}

/** The events of vouchers already read, oldest first. */
export async function eventsOfVouchers(door: Door, ids: readonly string[]): Promise<Map<string, VoucherEventRow[]>> {
  if (ids.length === 0) return new Map();
  const rows = await door.tx
    .select({ event: voucherEvents, byName: staff.displayName })
    .from(voucherEvents)
    .leftJoin(staff, eq(staff.id, voucherEvents.staffId))
    .where(inArray(voucherEvents.voucherId, [...ids]))
    .orderBy(asc(voucherEvents.at), asc(voucherEvents.id));
  return groupedBy(
    rows.map(({ event, byName }) => ({ ...event, byName })),
    (e) => e.voucherId,
  );
}

/** The visits of vouchers already read, in the order they took place. */
export async function visitsOfVouchers(door: Door, ids: readonly string[]): Promise<Map<string, VisitRow[]>> {
  if (ids.length === 0) return new Map();
  const rows = await door.tx
    .select({ visit: voucherVisits, recordedByName: staff.displayName })
    .from(voucherVisits)
    .innerJoin(staff, eq(staff.id, voucherVisits.recordedBy))
    .where(inArray(voucherVisits.voucherId, [...ids]))
    .orderBy(asc(voucherVisits.visitedOn), asc(voucherVisits.recordedAt));
  return groupedBy(
    rows.map(({ visit, recordedByName }) => ({ ...visit, recordedByName })),
    (v) => v.voucherId,
  );
}

/** A directory service by id, with the organisation offering it (not case content). */
export async function directoryServiceOf(door: Door, id: string): Promise<{ organisationId: string; name: string } | null> {
  const [row] = await door.tx
    .select({ organisationId: directoryServices.organisationId, name: directoryServices.name })
    .from(directoryServices)
    .where(eq(directoryServices.id, id));
  return row ?? null;
}

/** Whom to tell on the agency's side when the partner answers: the case's responsible worker. */
export async function responsibleWorkerOf(door: Door, caseId: string): Promise<string | null> {
  const [row] = await door.tx.select({ id: cases.responsibleStaffId }).from(cases).where(eq(cases.id, caseId));
  return row?.id ?? null;
}

/** Rows in groups by a key, each group in the rows' order. */
function groupedBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}
