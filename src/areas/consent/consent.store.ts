/**
 * The consent ledger's part of the door (src/core/door.ts): a person's consents and the disclosures
 * made about them are reached through the person, within the actor's reach; nothing here changes a
 * row once written – the database refuses it.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { partnerOrganisations } from '../organisation/organisation.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import type {
  ConsentKind,
  ConsentRecipient,
  ConsentSigner,
  DataCategory,
  DisclosurePurpose,
  RecipientCategory,
} from './consent.contract.ts';
import type { ConsentFacts } from './consent.rules.ts';
import { consentEvents, consentForms, consents, disclosures } from './consent.schema.ts';

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentValues = typeof consents.$inferInsert;
export type ConsentEventRow = typeof consentEvents.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;
export type DisclosureValues = typeof disclosures.$inferInsert;

export interface ConsentWithEvents {
  consent: ConsentRow;
  recordedByName: string;
  events: (ConsentEventRow & { recordedByName: string })[];
}

/** The events of consents already read (their person in reach), oldest first, with who recorded each. */
async function eventsOf(door: Door, consentIds: readonly string[]) {
  const byConsent = new Map<string, ConsentWithEvents['events']>();
  if (consentIds.length === 0) return byConsent;
  const rows = await door.tx
    .select({ event: consentEvents, recordedByName: staff.displayName })
    .from(consentEvents)
    .innerJoin(staff, eq(staff.id, consentEvents.recordedBy))
    .where(inArray(consentEvents.consentId, [...consentIds]))
    .orderBy(asc(consentEvents.at), asc(consentEvents.id));
  for (const { event, recordedByName } of rows) {
    const list = byConsent.get(event.consentId) ?? [];
    list.push({ ...event, recordedByName });
    byConsent.set(event.consentId, list);
  }
  return byConsent;
}

/** Every consent of a person in reach, newest first, with its events; the read is audited. */
export async function consentsOfPerson(door: Door, personId: string, action: AuditAction): Promise<ConsentWithEvents[]> {
  const rows = await door.many({
    action,
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select({ consent: consents, recordedByName: staff.displayName })
      .from(consents)
      .innerJoin(persons, eq(persons.id, consents.personId))
      .innerJoin(staff, eq(staff.id, consents.recordedBy))
      .where(and(eq(consents.personId, personId), door.personInReach(sql`${persons}`)))
      .orderBy(desc(consents.recordedAt), desc(consents.id)),
    personOf: ({ consent }) => consent.personId,
  });
  const events = await eventsOf(
    door,
    rows.map((r) => r.consent.id),
  );
  return rows.map((r) => ({ ...r, events: events.get(r.consent.id) ?? [] }));
}

/** One consent whose person is in reach, with its events; the uniform 404 otherwise. `lock` before adding an event. */
export async function consentInReach(
  door: Door,
  id: string,
  action: AuditAction,
  options: { lock?: boolean } = {},
): Promise<ConsentWithEvents> {
  const query = door.tx
    .select({ consent: consents, recordedByName: staff.displayName })
    .from(consents)
    .innerJoin(persons, eq(persons.id, consents.personId))
    .innerJoin(staff, eq(staff.id, consents.recordedBy))
    .where(and(eq(consents.id, id), door.personInReach(sql`${persons}`)));
  const found = await door.one({
    what: 'The consent',
    action,
    entityType: 'consent',
    entityId: id,
    rows: options.lock ? query.for('update', { of: consents }) : query,
    personOf: ({ consent }) => consent.personId,
    whose: async () => (await door.tx.select({ personId: consents.personId }).from(consents).where(eq(consents.id, id)))[0]?.personId,
  });
  return { ...found, events: (await eventsOf(door, [id])).get(id) ?? [] };
}

/** A consent as the disclosure gate reads it: terms and events, no status. */
export function factsOf({ consent, events }: { consent: ConsentRow; events: readonly ConsentEventRow[] }): ConsentFacts {
  const withdrawal = events.find((e) => e.kind === 'withdrawn');
  return {
    id: consent.id,
    kind: consent.kind,
    purposes: consent.purposes as DisclosurePurpose[],
    recipients: consent.recipients as ConsentRecipient[],
    categories: consent.categories as DataCategory[],
    validFrom: consent.validFrom,
    validTo: consent.validTo,
    requiredSigners: consent.requiredSigners as ConsentSigner[],
    signedBy: events.filter((e) => e.kind === 'signed' && e.signer).map((e) => e.signer!),
    withdrawnAt: withdrawal?.at ?? null,
  };
}

export async function insertConsent(door: Door, values: Omit<ConsentValues, 'recordedBy'>): Promise<ConsentRow> {
  const [row] = await door.tx
    .insert(consents)
    .values({ ...values, recordedBy: door.actor.id })
    .returning();
  return row!;
}

export async function insertConsentEvents(
  door: Door,
  values: readonly Omit<typeof consentEvents.$inferInsert, 'recordedBy'>[],
): Promise<void> {
  if (values.length === 0) return;
  await door.tx.insert(consentEvents).values(values.map((v) => ({ ...v, recordedBy: door.actor.id })));
}

/** The names of partner organisations a consent or a disclosure names (not case content). */
export async function organisationNames(door: Door, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await door.tx
    .select({ id: partnerOrganisations.id, name: partnerOrganisations.name })
    .from(partnerOrganisations)
    .where(inArray(partnerOrganisations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A partner organisation as a recipient: its name and the kinds of recipient it is. */
export async function organisationRecipient(
  door: Door,
  id: string,
): Promise<{ id: string; name: string; kinds: RecipientCategory[] } | null> {
  const [row] = await door.tx
    .select({ id: partnerOrganisations.id, name: partnerOrganisations.name, kinds: partnerOrganisations.recipientKinds })
    .from(partnerOrganisations)
    .where(eq(partnerOrganisations.id, id));
  return row ? { ...row, kinds: row.kinds as RecipientCategory[] } : null;
}

export async function insertDisclosure(door: Door, values: Omit<DisclosureValues, 'disclosedBy'>): Promise<DisclosureRow> {
  const [row] = await door.tx
    .insert(disclosures)
    .values({ ...values, disclosedBy: door.actor.id })
    .returning();
  return row!;
}

export interface DisclosureWithName {
  disclosure: DisclosureRow;
  disclosedByName: string;
}

/** Every disclosure about a person in reach, newest first; the read is audited. */
export function disclosuresOfPerson(door: Door, personId: string, action: AuditAction): Promise<DisclosureWithName[]> {
  return door.many({
    action,
    entityType: 'person',
    entityId: personId,
    rows: door.tx
      .select({ disclosure: disclosures, disclosedByName: staff.displayName })
      .from(disclosures)
      .innerJoin(persons, eq(persons.id, disclosures.personId))
      .innerJoin(staff, eq(staff.id, disclosures.disclosedBy))
      .where(and(eq(disclosures.personId, personId), door.personInReach(sql`${persons}`)))
      .orderBy(desc(disclosures.disclosedAt), desc(disclosures.id)),
    personOf: ({ disclosure }) => disclosure.personId,
  });
}

/** One disclosure whose person is in reach, or the uniform 404. */
export function disclosureInReach(door: Door, id: string, action: AuditAction): Promise<DisclosureWithName> {
  return door.one({
    what: 'The disclosure',
    action,
    entityType: 'disclosure',
    entityId: id,
    rows: door.tx
      .select({ disclosure: disclosures, disclosedByName: staff.displayName })
      .from(disclosures)
      .innerJoin(persons, eq(persons.id, disclosures.personId))
      .innerJoin(staff, eq(staff.id, disclosures.disclosedBy))
      .where(and(eq(disclosures.id, id), door.personInReach(sql`${persons}`))),
    personOf: ({ disclosure }) => disclosure.personId,
    whose: async () =>
      (await door.tx.select({ personId: disclosures.personId }).from(disclosures).where(eq(disclosures.id, id)))[0]?.personId,
  });
}

/**
 * Consents in force that end between `today` and `until` (calendar dates), of people whose open
 * case the actor is responsible for – for their Today, by case number. Whether a consent is in
 * force is worked out here in SQL as consentStateAt does: signed by everyone it needs, begun, not
 * withdrawn.
 */
export function consentsEndingFor(door: Door, today: string, until: string) {
  return door.many({
    action: 'consent.list',
    entityType: 'consent',
    rows: door.tx
      .execute<{ id: string; person_id: string; kind: ConsentRow['kind']; valid_to: string; case_id: string; case_number: string }>(sql`
      SELECT c.id, c.person_id, c.kind, c.valid_to::text, k.id AS case_id, k.case_number
      FROM consents c
      JOIN cases k ON k.person_id = c.person_id AND k.stage <> 'closed' AND k.responsible_staff_id = ${door.actor.id}
      WHERE ${door.caseInReach(sql`k`)}
        AND c.valid_from <= ${today}::date AND c.valid_to BETWEEN ${today}::date AND ${until}::date
        AND NOT EXISTS (SELECT 1 FROM consent_events w WHERE w.consent_id = c.id AND w.kind = 'withdrawn')
        AND NOT EXISTS (SELECT 1 FROM unnest(c.required_signers) AS needed(signer)
                        WHERE NOT EXISTS (SELECT 1 FROM consent_events s WHERE s.consent_id = c.id AND s.kind = 'signed' AND s.signer = needed.signer))
      ORDER BY c.valid_to, k.case_number`)
      .then((result) => result.rows),
    personOf: (row) => row.person_id,
  });
}

export type ConsentFormRow = typeof consentForms.$inferSelect;

/** The agency's own consent texts (RLS keeps them to the agency), optionally of one kind or language. */
export function agencyConsentForms(tx: Transaction, filter: { kind?: ConsentKind | undefined; language?: string | undefined } = {}) {
  return tx
    .select()
    .from(consentForms)
    .where(
      and(
        filter.kind ? eq(consentForms.kind, filter.kind) : undefined,
        filter.language ? eq(consentForms.language, filter.language) : undefined,
      ),
    );
}

/** Saves the agency's text for a kind and language: the first change inserts, later ones move its version on. */
export async function saveConsentForm(
  tx: Transaction,
  kind: ConsentKind,
  language: string,
  text: string,
  current: ConsentFormRow | undefined,
): Promise<ConsentFormRow> {
  const [row] = current
    ? await tx
        .update(consentForms)
        .set({ text, version: sql`${consentForms.version} + 1`, updatedAt: new Date() })
        .where(eq(consentForms.id, current.id))
        .returning()
    : await tx.insert(consentForms).values({ kind, language, text }).returning();
  return row!;
}
