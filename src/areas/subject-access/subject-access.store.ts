/**
 * The subject-access copy's part of the door (src/core/door.ts): everything the agency holds on one
 * person, table by table, read in one transaction as the staff member who asked for it – once the
 * person is within their reach, the copy holds all the agency has on them, not only what that
 * staff member's own work shows (GDPR art. 15). One read event names the person.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access-policy.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import type { Role } from '../../core/roles.contract.ts';
import type { SubjectAccessExport, SubjectAccessStatus } from './subject-access.contract.ts';

/** A table's rows about the person, as the database stores them (columns by their SQL names). */
export interface HeldSection {
  table: string;
  rows: Record<string, unknown>[];
}

export interface HeldOnPerson {
  personId: string;
  sections: HeldSection[];
  /** The journal's files, by attachment id: their bytes go into the ZIP beside the JSON. */
  files: { id: string; entryId: string; fileName: string; content: Buffer }[];
  /** Names of the staff, units and partner organisations the rows refer to by id. */
  names: Record<string, string>;
}

/** Ids of the person's own records that other tables hang from. */
const CASES = (p: SQL) => sql`(SELECT id FROM cases WHERE person_id = ${p})`;
const REQUESTS = (p: SQL) => sql`(SELECT id FROM requests WHERE person_id = ${p} OR case_id IN ${CASES(p)})`;

/**
 * Every table that holds something about a person, and how its rows about them are found.
 * `where` is given the person's id. A test holds this list against the database's tables:
 * each is here or in `NOT_ABOUT_THE_PERSON`, so a new table cannot be left out unnoticed.
 */
export const HELD_TABLES: readonly { table: string; where: (person: SQL) => SQL; order?: string; omit?: string[] }[] = [
  { table: 'persons', where: (p) => sql`id = ${p}`, omit: ['name_search', 'phone_keys'] },
  { table: 'person_versions', where: (p) => sql`person_id = ${p}`, order: 'version' },
  { table: 'person_relations', where: (p) => sql`person_id = ${p} OR related_person_id = ${p}`, order: 'created_at' },
  { table: 'person_links', where: (p) => sql`person_id = ${p} OR other_person_id = ${p}`, order: 'linked_at' },
  { table: 'person_link_requests', where: (p) => sql`person_id = ${p} OR other_person_id = ${p}`, order: 'requested_at' },
  { table: 'distinct_person_confirmations', where: (p) => sql`person_id = ${p} OR existing_person_id = ${p}`, order: 'confirmed_at' },
  { table: 'requests', where: (p) => sql`id IN ${REQUESTS(p)}`, order: 'received_at' },
  { table: 'intake_interviews', where: (p) => sql`request_id IN ${REQUESTS(p)}`, order: 'held_at' },
  { table: 'intake_decisions', where: (p) => sql`request_id IN ${REQUESTS(p)}`, order: 'decided_at' },
  { table: 'referrals_out', where: (p) => sql`request_id IN ${REQUESTS(p)}`, order: 'created_at' },
  { table: 'cases', where: (p) => sql`person_id = ${p}`, order: 'opened_at' },
  { table: 'case_events', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'at' },
  { table: 'case_team_members', where: (p) => sql`case_id IN ${CASES(p)}` },
  { table: 'case_partner_organisations', where: (p) => sql`case_id IN ${CASES(p)}` },
  { table: 'emergency_accesses', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'granted_at' },
  { table: 'service_agreements', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  {
    table: 'agreement_signatures',
    where: (p) => sql`agreement_id IN (SELECT id FROM service_agreements WHERE case_id IN ${CASES(p)})`,
    order: 'signed_at',
    omit: ['signature_image'],
  },
  { table: 'assessments', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  { table: 'needs', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'identified_on' },
  { table: 'questionnaire_responses', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  { table: 'decisions', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  { table: 'service_plans', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'plan_version' },
  {
    table: 'plan_signatures',
    where: (p) => sql`plan_id IN (SELECT id FROM service_plans WHERE case_id IN ${CASES(p)})`,
    order: 'signed_at',
    omit: ['signature_image'],
  },
  { table: 'plan_steps', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'due_date' },
  { table: 'contacts', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'planned_on' },
  // A draft is its author's until signed: the record holds what was signed.
  {
    table: 'journal_entries',
    where: (p) => sql`case_id IN ${CASES(p)} AND status = 'signed'`,
    order: 'occurred_on',
    omit: ['plain_text', 'search'],
  },
  {
    table: 'journal_attachments',
    where: (p) => sql`entry_id IN (SELECT id FROM journal_entries WHERE case_id IN ${CASES(p)} AND status = 'signed')`,
    order: 'created_at',
    omit: ['content'],
  },
  { table: 'crises', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'opened_at' },
  {
    table: 'crisis_support_contacts',
    where: (p) => sql`crisis_id IN (SELECT id FROM crises WHERE case_id IN ${CASES(p)})`,
    order: 'contacted_at',
  },
  { table: 'safety_plans', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  { table: 'life_stories', where: (p) => sql`person_id = ${p}` },
  { table: 'life_story_versions', where: (p) => sql`person_id = ${p}`, order: 'number' },
  { table: 'life_story_confirmations', where: (p) => sql`person_id = ${p}`, order: 'recorded_at' },
  { table: 'success_stories', where: (p) => sql`case_id IN ${CASES(p)}`, order: 'created_at' },
  {
    table: 'story_consents',
    where: (p) => sql`story_id IN (SELECT id FROM success_stories WHERE case_id IN ${CASES(p)})`,
    order: 'recorded_at',
  },
  {
    table: 'story_uses',
    where: (p) => sql`story_id IN (SELECT id FROM success_stories WHERE case_id IN ${CASES(p)})`,
    order: 'recorded_at',
  },
  { table: 'consents', where: (p) => sql`person_id = ${p}`, order: 'recorded_at' },
  { table: 'consent_events', where: (p) => sql`consent_id IN (SELECT id FROM consents WHERE person_id = ${p})`, order: 'at' },
  { table: 'disclosures', where: (p) => sql`person_id = ${p}`, order: 'disclosed_at' },
  { table: 'vouchers', where: (p) => sql`person_id = ${p}`, order: 'issued_at' },
  { table: 'voucher_events', where: (p) => sql`voucher_id IN (SELECT id FROM vouchers WHERE person_id = ${p})`, order: 'at' },
  { table: 'voucher_visits', where: (p) => sql`voucher_id IN (SELECT id FROM vouchers WHERE person_id = ${p})`, order: 'visited_on' },
  { table: 'subject_access_exports', where: (p) => sql`person_id = ${p}`, order: 'requested_at', omit: ['claimed_until', 'attempts'] },
];

/** Tables with nothing about a person in them, or nothing the person's copy should carry – and why. */
export const NOT_ABOUT_THE_PERSON: Readonly<Record<string, string>> = {
  agency: "the agency's settings",
  units: "the agency's units",
  partner_organisations: "the agency's partners",
  directory_services: "what the agency's partners offer (the service directory)",
  cooperation_agreements: 'agreements between the agency and its partner organisations',
  cooperation_templates: "the agency's text for cooperation agreements",
  referral_directory: "the agency's directory of services",
  staff: 'accounts of staff',
  sessions: 'sign-ins of staff',
  login_throttle: 'failed sign-ins, by address',
  setup_tokens: 'links to set up an account',
  mfa_reset_requests: 'resets of a staff member’s second step',
  calendar_feeds: 'the calendar addresses of staff',
  agreement_templates: 'templates, not filled in',
  questionnaire_templates: 'templates, not filled in',
  consent_forms: 'the texts of consent forms; the text a person was shown is kept with their consent',
  case_number_counters: 'the next case number',
  voucher_number_counters: 'the next voucher number',
  idempotency_keys: 'replies kept for a retried request, a day at most',
  audit_sealer_lease: 'which instance seals the audit trail',
  audit_events: 'read into the access log section instead, as the person’s access log shows it',
  mail_outbox: 'mail to staff: a line and a link, never anything about a person',
  alerts: 'notices to staff, which point at a record without holding it',
  drafts: 'forms a staff member has not yet sent, which are theirs until sent',
  subject_access_files: 'the copies themselves',
};

/**
 * Everything held on the person, in the order of `HELD_TABLES`; `progress` is told after each
 * table. Reads through the door: one event names the person; attachment bytes are read apart.
 */
export async function heldOnPerson(door: Door, personId: string, progress: (table: string) => Promise<void>): Promise<HeldOnPerson> {
  const sections: HeldSection[] = [];
  for (const held of HELD_TABLES) {
    // to_json keeps the table's column order, which is the order a reader is used to.
    const result = await door.tx.execute<{ row: Record<string, unknown> }>(sql`
      SELECT to_json(t) AS row FROM ${sql.identifier(held.table)} t
      WHERE ${held.where(sql`${personId}::uuid`)}
      ${held.order ? sql`ORDER BY ${sql.identifier(held.order)}` : sql``}`);
    const omit = ['agency_id', ...(held.omit ?? [])];
    for (const { row } of result.rows) for (const column of omit) delete row[column];
    sections.push({ table: held.table, rows: result.rows.map((r) => r.row) });
    await progress(held.table);
  }
  sections.push({ table: 'access_log', rows: await accessLogOf(door.tx, personId) });
  await progress('access_log');
  const files = (
    await door.tx.execute<{ id: string; entry_id: string; file_name: string; content: Buffer }>(sql`
      SELECT a.id, a.entry_id, a.file_name, a.content FROM journal_attachments a JOIN journal_entries e ON e.id = a.entry_id
      WHERE e.case_id IN (SELECT id FROM cases WHERE person_id = ${personId}) AND e.status = 'signed' ORDER BY a.created_at`)
  ).rows.map((r) => ({ id: r.id, entryId: r.entry_id, fileName: r.file_name, content: r.content }));
  const names = await namesOf(door.tx, sections);
  door.show({ action: 'person.subject_access_export', entityType: 'person', entityId: personId, personOf: () => personId }, [personId]);
  return { personId, sections, files, names };
}

/** Every access to the person's record in the audit trail, as their access log gives it (who, role, when, what, outcome). */
async function accessLogOf(tx: Transaction, personId: string): Promise<Record<string, unknown>[]> {
  const result = await tx.execute<{ row: Record<string, unknown> }>(sql`
    SELECT jsonb_build_object('occurred_at', e.occurred_at, 'actor_id', e.actor_id, 'actor_role', e.actor_role,
             'action', e.action, 'entity_type', e.entity_type, 'outcome', e.outcome) AS row
    FROM audit_events e
    WHERE (e.person_id = ${personId} OR e.person_ids @> ARRAY[${personId}]::uuid[]) AND e.actor_id IS NOT NULL
    ORDER BY e.occurred_at, e.seq`);
  return result.rows.map((r) => r.row);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function idsIn(value: unknown, found: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) found.add(value);
  } else if (Array.isArray(value)) for (const v of value) idsIn(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, found);
}

/** The names of the staff, units and partner organisations the rows name by id. */
async function namesOf(tx: Transaction, sections: HeldSection[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const section of sections) idsIn(section.rows, ids);
  if (ids.size === 0) return {};
  const list = `{${[...ids].join(',')}}`;
  const result = await tx.execute<{ id: string; name: string }>(sql`
    SELECT id::text, display_name AS name FROM staff WHERE id = ANY(${list}::uuid[])
    UNION ALL SELECT id::text, name FROM units WHERE id = ANY(${list}::uuid[])
    UNION ALL SELECT id::text, name FROM partner_organisations WHERE id = ANY(${list}::uuid[])`);
  return Object.fromEntries(result.rows.map((r) => [r.id, r.name]));
}

// The copies' own records: written by the request and by the job, read by the person's page.

export type ExportRow = {
  id: string;
  agency_id: number;
  person_id: string;
  status: SubjectAccessStatus;
  language: string;
  note: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  progress_done: number;
  progress_total: number;
  progress_step: string | null;
  finished_at: string | null;
  file_bytes: number | null;
  expires_at: string | null;
  available: boolean;
  failure: string | null;
};

const EXPORT_COLUMNS = sql`x.id, x.agency_id, x.person_id, x.status, x.language, x.note, x.requested_by, s.display_name AS requested_by_name,
  x.requested_at, x.progress_done, x.progress_total, x.progress_step, x.finished_at, x.file_bytes, x.expires_at,
  (x.status = 'ready' AND x.expires_at > now() AND EXISTS (SELECT 1 FROM subject_access_files f WHERE f.export_id = x.id)) AS available,
  x.failure`;

export function exportView(row: ExportRow): SubjectAccessExport {
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    personId: row.person_id,
    status: row.status,
    language: row.language,
    note: row.note,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    requestedAt: new Date(row.requested_at).toISOString(),
    progress: { done: row.progress_done, total: row.progress_total, step: row.progress_step },
    finishedAt: iso(row.finished_at),
    fileBytes: row.file_bytes,
    available: row.available,
    expiresAt: iso(row.expires_at),
    failure: row.failure,
  };
}

export async function insertExport(
  tx: Transaction,
  values: { personId: string; language: string; note: string; requestedBy: string },
): Promise<ExportRow> {
  const inserted = await tx.execute<{ id: string }>(sql`
    INSERT INTO subject_access_exports (person_id, language, note, requested_by)
    VALUES (${values.personId}, ${values.language}, ${values.note}, ${values.requestedBy}) RETURNING id`);
  return (await exportById(tx, inserted.rows[0]!.id))!;
}

export async function exportById(tx: Transaction, id: string): Promise<ExportRow | null> {
  const result = await tx.execute<ExportRow>(sql`
    SELECT ${EXPORT_COLUMNS} FROM subject_access_exports x JOIN staff s ON s.id = x.requested_by WHERE x.id = ${id}`);
  return result.rows[0] ?? null;
}

export async function exportsOf(tx: Transaction, personId: string): Promise<ExportRow[]> {
  const result = await tx.execute<ExportRow>(sql`
    SELECT ${EXPORT_COLUMNS} FROM subject_access_exports x JOIN staff s ON s.id = x.requested_by
    WHERE x.person_id = ${personId} ORDER BY x.requested_at DESC LIMIT 20`);
  return result.rows;
}

/** Whether a copy for the person waits or is being made. */
export async function exportInProgressOf(tx: Transaction, personId: string): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT 1 FROM subject_access_exports WHERE person_id = ${personId} AND status IN ('queued', 'running') LIMIT 1`);
  return result.rows.length > 0;
}

export async function exportFile(tx: Transaction, id: string): Promise<Buffer | null> {
  const result = await tx.execute<{ content: Buffer }>(sql`SELECT content FROM subject_access_files WHERE export_id = ${id}`);
  return result.rows[0]?.content ?? null;
}

// The job's side: across agencies, unbound, as the mail delivery is.

/** How long a run holds the copy it claimed; a run that died lets it go when this passes. */
const CLAIM_SECONDS = 600;
/** Runs before a copy is given up on. */
export const MAX_RUNS = 3;

export interface ClaimedExport {
  id: string;
  agencyId: number;
  personId: string;
  requestedBy: string;
  language: string;
  attempts: number;
}

/** The oldest copy waiting (or left by a run that died), claimed for this run; null when none waits. */
export async function claimNextExport(db: Database): Promise<ClaimedExport | null> {
  const result = await db.execute<{
    id: string;
    agency_id: number;
    person_id: string;
    requested_by: string;
    language: string;
    attempts: number;
  }>(sql`
    UPDATE subject_access_exports x SET status = 'running', attempts = x.attempts + 1,
      claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS}), progress_done = 0, progress_step = NULL
    WHERE x.id = (
      SELECT id FROM subject_access_exports
      WHERE status = 'queued' OR (status = 'running' AND claimed_until < now())
      ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING x.id, x.agency_id, x.person_id, x.requested_by, x.language, x.attempts`);
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        agencyId: row.agency_id,
        personId: row.person_id,
        requestedBy: row.requested_by,
        language: row.language,
        attempts: row.attempts,
      }
    : null;
}

/** The staff member who asked, as they are now: gone or disabled, they act no more. */
export async function requesterActor(db: Database, staffId: string): Promise<Actor | null> {
  const result = await db.execute<{
    id: string;
    agency_id: number;
    roles: Role[];
    unit_id: string | null;
    partner_organisation_id: string | null;
  }>(sql`
    SELECT id, agency_id, roles, unit_id, partner_organisation_id FROM staff WHERE id = ${staffId} AND status = 'active'`);
  const row = result.rows[0];
  return row
    ? { id: row.id, agencyId: row.agency_id, roles: row.roles, unitId: row.unit_id, partnerOrganisationId: row.partner_organisation_id }
    : null;
}

export async function recordProgress(db: Database, id: string, done: number, total: number, step: string | null): Promise<void> {
  await db.execute(sql`
    UPDATE subject_access_exports SET progress_done = ${done}, progress_total = ${total}, progress_step = ${step},
      claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id = ${id} AND status = 'running'`);
}

export async function storeFinishedExport(tx: Transaction, id: string, zip: Buffer, sha256: string, keepDays: number): Promise<void> {
  await tx.execute(sql`INSERT INTO subject_access_files (export_id, content) VALUES (${id}, ${zip})`);
  await tx.execute(sql`
    UPDATE subject_access_exports SET status = 'ready', finished_at = now(), claimed_until = NULL, file_bytes = ${zip.length},
      file_sha256 = ${sha256}, expires_at = now() + make_interval(days => ${keepDays}), progress_step = NULL, progress_done = progress_total
    WHERE id = ${id}`);
}

export async function recordFailedExport(db: Database, id: string, failure: string): Promise<void> {
  await db.execute(sql`
    UPDATE subject_access_exports SET status = 'failed', finished_at = now(), claimed_until = NULL, failure = ${failure.slice(0, 500)}
    WHERE id = ${id}`);
}

/** A failed run leaves the copy to a run a minute or more later, until the last run. */
export async function releaseExport(db: Database, id: string): Promise<void> {
  await db.execute(
    sql`UPDATE subject_access_exports SET claimed_until = now() + interval '1 minute' WHERE id = ${id} AND status = 'running'`,
  );
}

/** Deletes the files of copies past their days; the record that a copy was made stays. */
export async function deleteExpiredFiles(db: Database): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM subject_access_files f USING subject_access_exports x
    WHERE x.id = f.export_id AND x.expires_at < now()`);
  return result.rowCount ?? 0;
}
