/**
 * The cooperation agreements and the agency's template for them: about organisations, not people,
 * so read and written through the unit of work's transaction (RLS keeps them to the agency).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../core/db/pool.ts';
import { notFound } from '../../core/errors.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import { cooperationAgreements, cooperationTemplates } from './cooperation.schema.ts';

export type CooperationRow = typeof cooperationAgreements.$inferSelect;
export type CooperationValues = typeof cooperationAgreements.$inferInsert;
export type CooperationWithPartner = { agreement: CooperationRow; partnerName: string };

const withPartner = { agreement: cooperationAgreements, partnerName: partnerOrganisations.name };

export async function cooperationById(tx: Transaction, id: string, options: { lock?: boolean } = {}): Promise<CooperationWithPartner> {
  const query = tx
    .select(withPartner)
    .from(cooperationAgreements)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, cooperationAgreements.partnerOrganisationId))
    .where(eq(cooperationAgreements.id, id));
  const [row] = await (options.lock ? query.for('update', { of: cooperationAgreements }) : query);
  if (!row) throw notFound('The cooperation agreement');
  return row;
}

export function cooperationsOfPartner(tx: Transaction, partnerId: string): Promise<CooperationWithPartner[]> {
  return tx
    .select(withPartner)
    .from(cooperationAgreements)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, cooperationAgreements.partnerOrganisationId))
    .where(eq(cooperationAgreements.partnerOrganisationId, partnerId))
    .orderBy(desc(cooperationAgreements.startsOn), desc(cooperationAgreements.createdAt));
}

/** The signed agreements of partners, for working out which has one in force. */
export function signedCooperationsOf(tx: Transaction, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return Promise.resolve([] as CooperationRow[]);
  return tx
    .select()
    .from(cooperationAgreements)
    .where(
      and(
        sql`${cooperationAgreements.partnerOrganisationId} = ANY(${`{${partnerIds.join(',')}}`}::uuid[])`,
        sql`jsonb_array_length(${cooperationAgreements.signatures}) = 2`,
      ),
    );
}

export async function insertCooperation(tx: Transaction, values: CooperationValues): Promise<CooperationRow> {
  const [row] = await tx.insert(cooperationAgreements).values(values).returning();
  return row!;
}

export async function updateCooperation(tx: Transaction, id: string, values: Partial<CooperationValues>): Promise<void> {
  await tx
    .update(cooperationAgreements)
    .set({ ...values, version: sql`${cooperationAgreements.version} + 1`, updatedAt: new Date() })
    .where(eq(cooperationAgreements.id, id));
}

export async function templateOf(tx: Transaction, language: string) {
  const [row] = await tx.select().from(cooperationTemplates).where(eq(cooperationTemplates.language, language));
  return row ?? null;
}

/** Saves the agency's template text for a language: the first save makes it, later ones need the version they changed. */
export async function saveTemplate(tx: Transaction, language: string, sections: object, version: number | undefined) {
  const current = await templateOf(tx, language);
  if (!current) {
    const [row] = await tx.insert(cooperationTemplates).values({ language, sections }).returning();
    return { row: row!, conflict: false };
  }
  if (version !== current.version) return { row: current, conflict: true };
  const [row] = await tx
    .update(cooperationTemplates)
    .set({ sections, version: sql`${cooperationTemplates.version} + 1`, updatedAt: new Date() })
    .where(eq(cooperationTemplates.id, current.id))
    .returning();
  return { row: row!, conflict: false };
}

export async function partnerExists(tx: Transaction, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: partnerOrganisations.id }).from(partnerOrganisations).where(eq(partnerOrganisations.id, id));
  return Boolean(row);
}
