/** Service agreements' part of the door (src/core/door.ts): reached through their case, within the actor's scope. */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Door } from '../../core/door.ts';
import { type CaseRow, inReachThroughCase } from '../case/case.store.ts';
import { agreementSignatures, serviceAgreements } from './agreement.schema.ts';

export type AgreementRow = typeof serviceAgreements.$inferSelect;
export type AgreementValues = typeof serviceAgreements.$inferInsert;
export type AgreementSignatureRow = typeof agreementSignatures.$inferSelect;

/** An agreement and its case, both within reach; locked when it is to change. */
export function agreementInReach(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}) {
  return inReachThroughCase(door, serviceAgreements, { id, what: 'The agreement', action, entityType: 'agreement', ...options });
}

/** The case's agreements, newest first (for a case already found within reach). */
export function agreementsOfCase(door: Door, theCase: CaseRow, action: AuditAction): Promise<AgreementRow[]> {
  return door.many({
    action,
    entityType: 'case',
    entityId: theCase.id,
    rows: door.tx
      .select()
      .from(serviceAgreements)
      .where(eq(serviceAgreements.caseId, theCase.id))
      .orderBy(desc(serviceAgreements.createdAt)),
    personOf: () => theCase.personId,
  });
}

export function agreementSignaturesOf(door: Door, agreementId: string): Promise<AgreementSignatureRow[]> {
  return door.tx
    .select()
    .from(agreementSignatures)
    .where(eq(agreementSignatures.agreementId, agreementId))
    .orderBy(asc(agreementSignatures.signedAt));
}

/** Signatures of several agreements at once, by agreement id. */
export async function signaturesOfAgreements(door: Door, ids: readonly string[]): Promise<Map<string, AgreementSignatureRow[]>> {
  const rows =
    ids.length === 0
      ? []
      : await door.tx
          .select()
          .from(agreementSignatures)
          .where(inArray(agreementSignatures.agreementId, [...ids]))
          .orderBy(asc(agreementSignatures.signedAt));
  const byAgreement = new Map<string, AgreementSignatureRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) byAgreement.get(row.agreementId)?.push(row);
  return byAgreement;
}

export async function insertAgreement(door: Door, values: Omit<AgreementValues, 'createdBy'>): Promise<AgreementRow> {
  const [row] = await door.tx
    .insert(serviceAgreements)
    .values({ ...values, createdBy: door.actor.id })
    .returning();
  return row!;
}

export async function updateAgreement(door: Door, id: string, values: Partial<AgreementValues>): Promise<AgreementRow> {
  const [row] = await door.tx
    .update(serviceAgreements)
    .set({ ...values, version: sql`${serviceAgreements.version} + 1`, updatedAt: new Date() })
    .where(eq(serviceAgreements.id, id))
    .returning();
  return row!;
}

/** Records a signature; null when this signer had already signed. */
export async function insertAgreementSignature(
  door: Door,
  values: Omit<typeof agreementSignatures.$inferInsert, 'recordedBy'>,
): Promise<AgreementSignatureRow | null> {
  const [row] = await door.tx
    .insert(agreementSignatures)
    .values({ ...values, recordedBy: door.actor.id })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}
