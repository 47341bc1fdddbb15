import { randomUUID } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Transaction } from '../../core/db/pool.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import type { HsdsService } from './hsds.rules.ts';
import type { DirectoryQuery } from './service-directory.contract.ts';
import { directoryServices } from './service-directory.schema.ts';

export type ServiceRow = typeof directoryServices.$inferSelect;
export type PartnerRow = typeof partnerOrganisations.$inferSelect;

const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filters of a directory search in SQL; opening hours are read from the HSDS schedules themselves. */
function searchFilter(query: Omit<DirectoryQuery, 'limit' | 'cursor'>, verifiedBefore: string): SQL | undefined {
  const s = directoryServices;
  const pattern = query.q ? likePattern(query.q) : null;
  const day = query.openOn ? `%${query.openOn}%` : null;
  const time = query.openAt ?? null;
  return and(
    query.status ? eq(s.status, query.status) : eq(s.status, 'active'),
    pattern
      ? sql`(${s.name} ILIKE ${pattern} OR ${s.document}->>'description' ILIKE ${pattern} OR ${s.document}->>'alternate_name' ILIKE ${pattern}
             OR ${partnerOrganisations.name} ILIKE ${pattern})`
      : undefined,
    query.category ? sql`EXISTS (SELECT 1 FROM unnest(${s.categories}) AS c WHERE lower(c) = lower(${query.category}))` : undefined,
    query.area ? sql`EXISTS (SELECT 1 FROM unnest(${s.areas}) AS a WHERE lower(a) = lower(${query.area}))` : undefined,
    query.language
      ? sql`EXISTS (SELECT 1 FROM unnest(${s.languages}) AS l WHERE lower(l) = lower(${query.language}) OR lower(l) LIKE lower(${query.language}) || '-%')`
      : undefined,
    day || time
      ? sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${s.document}->'schedules') = 'array' THEN ${s.document}->'schedules' ELSE '[]' END) AS h
               WHERE h->>'freq' = 'WEEKLY'
                 AND (${day}::text IS NULL OR upper(h->>'byday') LIKE ${day})
                 AND (${time}::text IS NULL OR (left(h->>'opens_at', 5) <= ${time} AND ${time} < left(h->>'closes_at', 5))))`
      : undefined,
    query.organisationId ? eq(s.organisationId, query.organisationId) : undefined,
    query.verificationDue === true ? sql`(${s.verifiedOn} IS NULL OR ${s.verifiedOn} < ${verifiedBefore}::date)` : undefined,
    query.verificationDue === false ? sql`${s.verifiedOn} >= ${verifiedBefore}::date` : undefined,
  );
}

/** A page of the directory by service name, with each service's organisation. */
export async function searchServices(
  tx: Transaction,
  query: DirectoryQuery,
  verifiedBefore: string,
  after: [string, string] | null,
): Promise<{ service: ServiceRow; organisationName: string }[]> {
  const s = directoryServices;
  return tx
    .select({ service: s, organisationName: partnerOrganisations.name })
    .from(s)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, s.organisationId))
    .where(and(searchFilter(query, verifiedBefore), after ? sql`(${s.name}, ${s.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined))
    .orderBy(s.name, s.id)
    .limit(query.limit + 1);
}

export async function serviceById(tx: Transaction, id: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({ service: directoryServices, organisationName: partnerOrganisations.name })
    .from(directoryServices)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, directoryServices.organisationId))
    .where(eq(directoryServices.id, id));
  const [row] = options.lock ? await query.for('update', { of: directoryServices }) : await query;
  return row;
}

export async function partnerById(tx: Transaction, id: string): Promise<PartnerRow | undefined> {
  const [row] = await tx.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, id));
  return row;
}

/** Every service of the agency, by name, with its organisation: what an export holds. */
export async function everyService(tx: Transaction) {
  return tx
    .select({ service: directoryServices, organisation: partnerOrganisations })
    .from(directoryServices)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, directoryServices.organisationId))
    .orderBy(directoryServices.name, directoryServices.id);
}

/** The columns a service is searched by, taken from its HSDS document. */
export interface ServiceColumns {
  organisationId: string;
  name: string;
  status: ServiceRow['status'];
  categories: string[];
  areas: string[];
  languages: string[];
  verifiedOn: string | null;
  document: HsdsService;
}

/** Inserts with the given id unless it is taken (by a record of this agency or, unseen, of another): then with a new one. */
export async function insertService(tx: Transaction, id: string, columns: ServiceColumns): Promise<ServiceRow> {
  const [row] = await tx
    .insert(directoryServices)
    .values({ id, ...columns })
    .onConflictDoNothing({ target: directoryServices.id })
    .returning();
  if (row) return row;
  const freshId = randomUUID();
  const [fresh] = await tx
    .insert(directoryServices)
    .values({ id: freshId, ...columns, document: { ...columns.document, id: freshId } })
    .returning();
  return fresh!;
}

export async function updateService(tx: Transaction, id: string, columns: ServiceColumns): Promise<ServiceRow> {
  const [row] = await tx
    .update(directoryServices)
    .set({ ...columns, version: sql`${directoryServices.version} + 1`, updatedAt: new Date() })
    .where(eq(directoryServices.id, id))
    .returning();
  return row!;
}
