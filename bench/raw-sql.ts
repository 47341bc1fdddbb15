/**
 * The floor under each endpoint: the same database work issued with node-postgres directly, from
 * the same number of concurrent clients (a pg.Pool of that size), for the same time. No HTTP, no
 * Fastify, no drizzle, no validation. Each transaction is bound to the actor's agency as
 * `enterAgency` (src/core/unit-of-work.ts) binds it – `tillit.agency_id` and the tenant role, so
 * row-level security applies as in the app – and the queries carry the same agency conditions as
 * the app's scopes (src/core/scopes.ts). The SQL below is copied from the app; keep it in step:
 * - session lookup: findActiveSession (src/areas/auth/auth.store.ts)
 * - person read: PersonService.get (src/areas/person/person.service.ts) with personVisibleTo for a case
 *   worker (src/core/scopes.ts), then appendAuditEvents (src/core/audit-store.ts)
 * - login: AuthService.login's account lookup, password check and createSession
 * - person search: WorkService.search (src/areas/work/work.service.ts) with personVisibleTo/caseVisibleTo
 *   for an agency head ('agency': true) or a case worker ('assigned'), then one audit event per hit
 * - request create: RequestService.create (src/areas/intake/intake.service.ts) without a linked person:
 *   the agency's rules, screening in the client, the INSERT, the supervisors' alert when urgent, the audit append
 * - journal page: JournalService.list (src/areas/journal/journal.service.ts): caseInReach, journalPageOf and
 *   attachmentsOf (journal.store.ts), the read event
 * - journal append: JournalService.create then .sign: the case, the agency's settings, the INSERT with
 *   searchVectorOf's tsvector, the create event; then the entry locked (entryInReach … FOR UPDATE), the UPDATE
 *   to signed, the sign event
 * - voucher inbox: VoucherService.inbox (src/areas/voucher/voucher.service.ts): partnerInbox's page (voucher.store.ts), then
 *   what presentToPartner needs per row – the gate's facts (gateFactsOf) for the people on the page, in one statement –
 *   checkDisclosure in the client, the inbox event
 * - voucher issue: VoucherService.issue: the case locked within reach, the agency's settings, the partner
 *   (organisationRecipient), the person within reach, the gate's facts, the disclosure, the year's counter,
 *   the voucher, its issue event, the audit append
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { getTableColumns, type Table } from 'drizzle-orm';
import type pg from 'pg';
import { newToken, tokenHash } from '../src/areas/auth/auth.store.ts';
import { cases } from '../src/areas/case/case.schema.ts';
import { type ConsentFacts, checkDisclosure } from '../src/areas/consent/consent.rules.ts';
import { requests } from '../src/areas/intake/intake.schema.ts';
import { firstResponseDueAt, type Priority, screenRequest } from '../src/areas/intake/screening.rules.ts';
import type { EntryKind } from '../src/areas/journal/journal.contract.ts';
import { isKindInUse, isSignedLate, occurredAtOf } from '../src/areas/journal/journal.rules.ts';
import { journalEntries } from '../src/areas/journal/journal.schema.ts';
import { searchTerms } from '../src/areas/journal/search-terms.rules.ts';
import { nameSearchText, normalisePhone } from '../src/areas/person/name-keys.rules.ts';
import { persons } from '../src/areas/person/person.schema.ts';
import { TRIGRAM_THRESHOLD } from '../src/areas/person/person.store.ts';
import { nameForms } from '../src/areas/person/person-name.rules.ts';
import { staff } from '../src/areas/staff/staff.schema.ts';
import { answerDueOn } from '../src/areas/voucher/voucher.rules.ts';
import { vouchers } from '../src/areas/voucher/voucher.schema.ts';
import { addCalendarDays, calendarDateIn } from '../src/core/calendar-date.ts';
import { TENANT_ROLE } from '../src/core/unit-of-work.ts';
import { BENCH_AGENCY_LANGUAGES, searchVectorSql } from './journal.ts';
import { type LatencyStats, summarise } from './stats.ts';

/** Every column of a table, as drizzle's `select()` fetches them, so the copies follow schema changes. */
const columnsOf = (table: Table, alias?: string, leftOut: readonly string[] = []): string =>
  Object.values(getTableColumns(table))
    .filter((c) => !leftOut.includes(c.name))
    .map((c) => `${alias ? `${alias}.` : ''}"${c.name}"`)
    .join(', ');

export const SQL = {
  sessionLookup: `
    SELECT s.state, s.csrf_token, s.absolute_expires_at, a.idle_timeout_minutes * 60 AS idle_seconds,
           s.last_seen_at < now() - interval '60 seconds' AS stale,
           st.id AS staff_id, st.agency_id, a.time_zone AS agency_time_zone, st.roles, st.unit_id, st.partner_organisation_id, st.email, st.display_name, st.locale,
           st.totp_secret IS NOT NULL AS mfa_enabled
    FROM sessions s
    JOIN staff st ON st.id = s.staff_id AND st.status = 'active'
    JOIN agency a ON a.id = st.agency_id AND a.active
    WHERE s.token_hash = $1
      AND s.absolute_expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => a.idle_timeout_minutes)`,

  /** personVisibleTo for the 'assigned' scope ($3 = the actor's agency): registered by the actor, or on a case they are responsible for or on the team of. */
  personForCaseWorker: `
    SELECT ${columnsOf(persons, 'p')}
    FROM persons p
    WHERE p.id = $1
      AND (p.agency_id = $3 AND (p.created_by = $2 OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id
           AND (c.agency_id = $3 AND (c.responsible_staff_id = $2 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.staff_id = $2))))))`,
  // caseOverviewOf (src/areas/work/work.store.ts), for the case's responsible worker ($2) of agency $3:
  // the whole case page in one statement assembling JSON.
  caseOverview: `
    SELECT to_jsonb(c) AS "case",
           json_build_object('id', p.id, 'given_name', p.given_name, 'family_name', p.family_name, 'name_in_other_script', p.name_in_other_script,
                             'birth_date', p.birth_date, 'languages', p.languages) AS person,
           a.time_zone, a.plan_review_reminder_days AS reminder_days,
           json_build_object('id', u.id, 'name', u.name) AS unit,
           json_build_object('id', rs.id, 'name', rs.display_name) AS responsible,
           coalesce((SELECT json_agg(json_build_object('id', ts.id, 'name', ts.display_name) ORDER BY ts.display_name, ts.id)
                     FROM case_team_members m JOIN staff ts ON ts.id = m.staff_id WHERE m.case_id = c.id), '[]'::json) AS team,
           coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'stage', e.to_value, 'at', e.at, 'byName', s.display_name, 'reason', e.reason) ORDER BY e.at)
                     FROM case_events e LEFT JOIN staff s ON s.id = e.actor_id
                     WHERE e.case_id = c.id AND e.kind IN ('opened', 'stage')), '[]'::json) AS stages,
           (SELECT json_agg(json_build_object('status', g.status, 'createdAt', g.created_at)) FROM service_agreements g WHERE g.case_id = c.id) AS agreements,
           (SELECT json_build_object('id', r.id, 'receiptNumber', r.receipt_number, 'channel', r.channel, 'receivedAt', r.received_at,
                                     'mainProblem', r.main_problem, 'ownWords', r.own_words, 'firstResponseDueAt', r.first_response_due_at,
                                     'firstRespondedAt', r.first_responded_at, 'inReach', (r.agency_id = $3 AND (r.received_by = $2 OR r.assigned_to = $2)))
              FROM requests r WHERE r.person_id = c.person_id AND r.case_id = c.id ORDER BY r.received_at DESC LIMIT 1) AS request,
           (SELECT json_agg(json_build_object('id', sp.id, 'planVersion', sp.plan_version, 'status', sp.status, 'version', sp.version,
                                              'activatedAt', sp.activated_at, 'periodFrom', plan_content."periodFrom", 'periodTo', plan_content."periodTo",
                                              'reviewDate', plan_content."reviewDate", 'goalCount', coalesce(jsonb_array_length(plan_content.goals), 0)))
              FROM service_plans sp
              CROSS JOIN LATERAL jsonb_to_record(sp.content) AS plan_content("periodFrom" text, "periodTo" text, "reviewDate" text, goals jsonb)
             WHERE sp.case_id = c.id AND sp.status IN ('active', 'draft', 'awaiting_signature')) AS plans,
           (SELECT json_agg(to_jsonb(st) ORDER BY st.due_date NULLS LAST, st.what) FROM plan_steps st
             WHERE st.case_id = c.id AND EXISTS (SELECT 1 FROM service_plans sp WHERE sp.case_id = c.id AND sp.status = 'active')) AS steps,
           latest.assessment, latest.needs
    FROM cases c
    JOIN persons p ON p.id = c.person_id
    JOIN agency a ON a.id = c.agency_id
    JOIN units u ON u.id = c.unit_id
    JOIN staff rs ON rs.id = c.responsible_staff_id
    LEFT JOIN LATERAL (
      SELECT json_build_object('id', x.id, 'case_id', x.case_id, 'kind', x.kind, 'status', x.status, 'assessed_on', x.assessed_on,
                               'completed_at', x.completed_at, 'version', x.version) AS assessment,
             (SELECT json_agg(to_jsonb(n) ORDER BY n.identified_on, n.created_at) FROM needs n
               WHERE n.case_id = x.case_id AND n.assessment_id = x.id) AS needs
      FROM assessments x WHERE x.case_id = c.id ORDER BY x.assessed_on DESC, x.created_at DESC LIMIT 1
    ) latest ON true
    WHERE c.id = $1
      AND (c.agency_id = $3 AND (c.responsible_staff_id = $2 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.staff_id = $2)))
      AND (p.agency_id = $3 AND (p.created_by = $2 OR EXISTS (SELECT 1 FROM cases pc WHERE pc.person_id = p.id
           AND (pc.agency_id = $3 AND (pc.responsible_staff_id = $2 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = pc.id AND m.staff_id = $2))))))`,
  // appendAuditEvents: one INSERT of the events, unsealed; no lock, no chain head (docs/adr/0003).
  auditInsert: `
    INSERT INTO audit_events (agency_id, occurred_at, actor_id, actor_role, action, entity_type, entity_id, person_id, person_ids, outcome, request_id, client_ip, details)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,

  staffByEmail: `
    SELECT ${columnsOf(staff)}
    FROM staff WHERE email = $1`,
  sessionInsert: `
    INSERT INTO sessions (agency_id, token_hash, staff_id, csrf_token, state, absolute_expires_at, client_ip)
    SELECT a.id, $1, st.id, $3, $4, now() + make_interval(hours => a.absolute_timeout_hours), $5
    FROM staff st JOIN agency a ON a.id = st.agency_id WHERE st.id = $2`,
} as const;

/**
 * caseVisibleTo(actor, c) for the scope: within the actor's agency (`agency`, a parameter), the
 * agency head sees every case, a case worker those they are responsible for or on the team of ($1).
 */
const caseScope = (scoped: boolean, alias: string, agency: string) =>
  scoped
    ? `(${alias}.agency_id = ${agency} AND (${alias}.responsible_staff_id = $1 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = ${alias}.id AND m.staff_id = $1)))`
    : `(${alias}.agency_id = ${agency} AND true)`;
/** personVisibleTo(actor, p) for the scope. */
const personScope = (scoped: boolean, agency: string) =>
  scoped
    ? `(p.agency_id = ${agency} AND (p.created_by = $1 OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND ${caseScope(true, 'c', agency)})))`
    : `p.agency_id = ${agency}`;

export interface SearchParts {
  keys: string;
  digits: string;
  isDate: boolean;
}

/** What WorkService.search derives from the typed query before building its SQL. */
export function searchParts(q: string): SearchParts {
  return { keys: nameSearchText([q]), digits: normalisePhone(q), isDate: /^\d{4}-\d{2}-\d{2}$/.test(q.trim()) };
}

/**
 * WorkService.search's SELECT (a UNION ALL of indexed lookups – names nearest-first through the
 * GiST index for unscoped callers, among the visible people for scoped ones – then scoped and ranked), built the same way: the name, phone, date and case-number lookups are there only when
 * the query has such a part. Parameters are numbered in order of first use; the scoped (case
 * worker) form uses $1 for the actor's id.
 */
export function searchQuery(
  scoped: boolean,
  actorId: string,
  agencyId: number,
  q: string,
  parts: SearchParts,
  limit: number,
): { text: string; values: unknown[] } {
  const values: unknown[] = scoped ? [actorId] : [];
  const param = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const agency = param(agencyId, 'int');
  const term = q.trim();
  // As in the app: a date or a long run of digits is not looked up as a name.
  const looksLikeName = parts.keys !== '' && !parts.isDate && parts.digits.length < 6;
  const keys = looksLikeName ? param(parts.keys, 'text') : null;
  const trimmed = param(term, 'text');
  const digits = parts.digits.length >= 6 ? param(parts.digits, 'text') : null;
  const date = parts.isDate ? param(term, 'date') : null;
  const like = /\d/.test(term) && term.length >= 3 ? param(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, 'text') : null;
  // A case worker's visible people, by indexed paths only (src/core/scopes.ts visiblePersonIds).
  const visible = scoped
    ? `visible AS MATERIALIZED (SELECT id FROM persons WHERE created_by = $1 UNION SELECT person_id FROM cases WHERE responsible_staff_id = $1
         UNION SELECT c.person_id FROM case_team_members m JOIN cases c ON c.id = m.case_id WHERE m.staff_id = $1),`
    : '';
  const nameLookup =
    keys === null
      ? null
      : scoped
        ? `SELECT vp.id, word_similarity(${keys}, vp.name_search) AS score FROM (SELECT v.id, (SELECT p.name_search FROM persons p WHERE p.id = v.id) AS name_search FROM visible v OFFSET 0) vp WHERE word_similarity(${keys}, vp.name_search) >= ${TRIGRAM_THRESHOLD}`
        : `(SELECT p.id, word_similarity(${keys}, p.name_search) AS score FROM persons p WHERE p.agency_id = ${agency} AND ${keys} <% p.name_search ORDER BY ${keys} <<-> p.name_search LIMIT ${param(limit + 1, 'int')})`;
  const lookups = [
    nameLookup,
    `SELECT p.id, 1::real AS score FROM persons p WHERE p.agency_id = ${agency} AND p.national_id = ${trimmed}`,
    digits ? `SELECT id, 1::real AS score FROM agency_person_ids_with_phone_keys(ARRAY[${digits}]::text[]) AS id` : null,
    date ? `SELECT p.id, 0.9::real AS score FROM persons p WHERE p.agency_id = ${agency} AND p.birth_date = ${date}` : null,
    like
      ? `SELECT c.person_id AS id, 1::real AS score FROM cases c WHERE c.id IN (SELECT agency_case_ids_with_number_like(${like})) AND ${caseScope(scoped, 'c', agency)}`
      : null,
  ].filter((l) => l !== null);
  const text = `
    WITH ${visible}
         hits AS (${lookups.join(' UNION ALL ')}),
         best AS (SELECT id, max(score) AS score FROM hits GROUP BY id)
    SELECT p.id, p.given_name, p.family_name, p.birth_date, best.score,
           (SELECT json_agg(json_build_object('id', c.id, 'caseNumber', c.case_number) ORDER BY c.opened_at DESC) FROM cases c WHERE c.person_id = p.id AND ${caseScope(scoped, 'c', agency)}) AS cases
    FROM best JOIN persons p ON p.id = best.id
    WHERE ${personScope(scoped, agency)}
    ORDER BY best.score DESC, p.family_name, p.id
    LIMIT ${param(limit + 1, 'int')} OFFSET 0`;
  return { text, values };
}

export const SEARCH_THRESHOLD_SQL = `SET LOCAL pg_trgm.word_similarity_threshold = ${TRIGRAM_THRESHOLD}`;

const REQUEST_COLUMNS = [
  'receipt_number',
  'channel',
  'came_via',
  'referring_agency',
  'received_at',
  'received_by',
  'person_id',
  'anonymous_label',
  'language',
  'own_words',
  'main_problem',
  'problem_origin',
  'previous_help',
  'after_failed_attempt',
  'expected_result',
  'help_seeker_kind',
  'mandating_body',
  'informed_at',
  'service_category',
  'region',
  'danger_to_life',
  'child_at_risk',
  'self_harm',
  'priority',
  'first_response_due_at',
  'screening',
  'assigned_to',
  'unit_id',
] as const;

export const REQUEST_SQL = {
  // agencySettings: the agency the transaction is bound to.
  agencyRules: `SELECT service_categories, catchment_regions, minimum_age, maximum_age, urgent_response_hours FROM agency
    WHERE id = current_setting('tillit.agency_id')::integer`,
  insert: `
    INSERT INTO requests (${REQUEST_COLUMNS.join(', ')})
    VALUES (${REQUEST_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
    RETURNING ${columnsOf(requests)}`,
  // alertSupervisorsOnDuty: the tenant role's row-level security keeps it to the agency's staff, as in the app.
  alertSupervisors: `
    INSERT INTO alerts (recipient_id, kind, request_id)
    SELECT s.id, 'urgent_request', $1 FROM staff s
    WHERE s.status = 'active' AND 'supervisor' = ANY(s.roles)
      AND (s.on_duty OR NOT EXISTS (SELECT 1 FROM staff d WHERE d.status = 'active' AND d.on_duty AND 'supervisor' = ANY(d.roles)))
    RETURNING 1`,
};

/** caseVisibleTo for a case worker ('assigned' scope; $2 = the actor, $3 = the agency), as the app puts it on `cases`. */
const caseInReachOfWorker = `(cases.agency_id = $3 AND (cases.responsible_staff_id = $2 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = cases.id AND m.staff_id = $2)))`;
/** entryVisibleTo (journal.store.ts) for a case worker ($2): their own, or signed and within the confidentiality rule. */
const entryVisibleToWorker = `(je.author_id = $2 OR (je.status = 'signed' AND (je.confidentiality = 'normal' OR cases.responsible_staff_id = $2
         OR (je.confidentiality = 'sensitive' AND EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = cases.id AND m.staff_id = $2)))))`;

/** What the app never reads back of an entry (readColumns, journal.store.ts): only a search uses them, in SQL. */
const JOURNAL_UNREAD = ['search', 'plain_text'];

export const JOURNAL_SQL = {
  // caseInReach (src/areas/case/case.store.ts): the case within the actor's reach ($1 the case).
  caseInReach: `
    SELECT ${columnsOf(cases)} FROM cases WHERE cases.id = $1 AND ${caseInReachOfWorker}`,
  // journalPageOf: a page newest first, the author's name and the signed correction, if any ($1 the case, $2 the actor, $3 limit + 1).
  page: `
    SELECT ${columnsOf(journalEntries, 'je', JOURNAL_UNREAD)}, staff.display_name,
           (SELECT c.id FROM journal_entries c WHERE c.corrects_id = je.id AND c.status = 'signed' LIMIT 1) AS corrected_by
    FROM journal_entries je
    JOIN cases ON cases.id = je.case_id
    JOIN staff ON staff.id = je.author_id
    WHERE je.case_id = $1 AND ${entryVisibleToWorker}
    ORDER BY je.occurred_at DESC, je.id DESC LIMIT $3`,
  // attachmentsOf: the files of the entries on the page, without their bytes.
  attachments: `
    SELECT id, entry_id, file_name, media_type, size FROM journal_attachments WHERE entry_id = ANY($1::uuid[]) ORDER BY created_at`,
  // agencySettings, the columns creating and signing need: kinds, languages (the search index), time zone and late days.
  agency: `
    SELECT journal_entry_kinds, languages, time_zone, journal_late_after_days FROM agency WHERE id = current_setting('tillit.agency_id')::integer`,
  // insertEntry with columnsOf's values; the tsvector is searchVectorOf's for the agency's languages.
  insert: (languages: readonly string[]) => `
    INSERT INTO journal_entries (case_id, kind, occurred_on, occurred_time, occurred_at, information_from, participants, text, plain_text, search,
                                 goal_ids, step_ids, need_ids, completes_steps, confidentiality, sensitive_category, author_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${searchVectorSql('$10::text', '$11::text', languages)},
            '{}', '{}', '{}', '[]', $12, $13, $14)
    RETURNING ${columnsOf(journalEntries, undefined, JOURNAL_UNREAD)}`,
  // entryInReach(…, { lock: true }): the entry with its case, locked, within reach and readable ($1 the entry).
  entryForUpdate: `
    SELECT ${columnsOf(journalEntries, 'je', JOURNAL_UNREAD)}, staff.display_name,
           (SELECT c.id FROM journal_entries c WHERE c.corrects_id = je.id AND c.status = 'signed' LIMIT 1) AS corrected_by,
           ${Object.values(getTableColumns(cases))
             .map((c) => `cases."${c.name}" AS "case_${c.name}"`)
             .join(', ')}
    FROM journal_entries je
    JOIN cases ON cases.id = je.case_id
    JOIN staff ON staff.id = je.author_id
    WHERE je.id = $1 AND ${caseInReachOfWorker} AND ${entryVisibleToWorker}
    FOR UPDATE OF je`,
  // updateEntry: signed, when, late or not, the version moved on.
  sign: `
    UPDATE journal_entries SET status = 'signed', signed_at = $1, signed_late = $2, version = version + 1, updated_at = $3
    WHERE id = $4 RETURNING ${columnsOf(journalEntries, undefined, JOURNAL_UNREAD)}`,
} as const;

/** What the disclosure gate is asked about the people of consents (gateFactsOf, voucher.store.ts), as a hand-written twin reads it: one statement for everyone asked about. */
const GATE_FACTS = `
    SELECT p.id AS person_id, p.processing_restricted_at, c.id, c.kind, c.purposes, c.recipients, c.categories, c.valid_from::text, c.valid_to::text,
           c.required_signers, ev.signed_by, ev.withdrawn_at
    FROM persons p
    LEFT JOIN consents c ON c.person_id = p.id
    LEFT JOIN LATERAL (SELECT coalesce(array_agg(e.signer) FILTER (WHERE e.kind = 'signed' AND e.signer IS NOT NULL), '{}') AS signed_by,
                              min(e.at) FILTER (WHERE e.kind = 'withdrawn') AS withdrawn_at
                       FROM consent_events e WHERE e.consent_id = c.id) ev ON true
    WHERE p.id = ANY($1::uuid[])`;

export const VOUCHER_SQL = {
  /**
   * partnerInbox (voucher.store.ts) with status=open: the organisation's vouchers newest first, the visit counts; plus the
   * partner's recipient kinds and the agency's time zone from the rows it joins anyway ($1 agency, $2 partner, $3 limit + 1).
   */
  inboxPage: `
    SELECT ${columnsOf(vouchers, 'vouchers')}, partner_organisations.name AS partner_name, agency.name AS agency_name,
           (SELECT count(*)::int FROM voucher_visits w WHERE w.voucher_id = vouchers.id) AS visit_count,
           partner_organisations.recipient_kinds, agency.time_zone
    FROM vouchers
    JOIN partner_organisations ON partner_organisations.id = vouchers.partner_organisation_id
    JOIN agency ON agency.id = vouchers.agency_id
    WHERE (vouchers.agency_id = $1 AND vouchers.partner_organisation_id = $2) AND vouchers.status IN ('issued', 'accepted', 'in_progress')
    ORDER BY vouchers.issued_at DESC, vouchers.id DESC LIMIT $3`,
  gateFacts: GATE_FACTS,
  // caseInReach(…, { lock: true }) for the responsible worker ($2) of agency $3.
  caseForUpdate: `
    SELECT ${columnsOf(cases)} FROM cases WHERE cases.id = $1 AND ${caseInReachOfWorker} FOR UPDATE`,
  // agencySettings, the columns issuing needs.
  agency: `
    SELECT time_zone, voucher_valid_days, voucher_answer_days, case_number_prefix FROM agency WHERE id = current_setting('tillit.agency_id')::integer`,
  // organisationRecipient (consent.store.ts).
  partner: `
    SELECT id, name, recipient_kinds FROM partner_organisations WHERE id = $1`,
  // insertDisclosure.
  disclosure: `
    INSERT INTO disclosures (person_id, case_id, kind, recipient, recipient_name, purpose, categories_asked, categories_given, grants, refused, content,
                             language, disclosed_by)
    VALUES ($1, $2, 'voucher', $3, $4, 'referral', $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
  // nextVoucherCounter: the agency's counter of the year (the row is the agency's: the column default binds it).
  counter: `
    INSERT INTO voucher_number_counters (year, last_number) VALUES ($1, 1)
    ON CONFLICT (agency_id, year) DO UPDATE SET last_number = voucher_number_counters.last_number + 1 RETURNING last_number`,
  // insertVoucher (no plan item, no directory service, no period: what the scenario's body leaves out).
  voucher: `
    INSERT INTO vouchers (number, case_id, person_id, partner_organisation_id, service_name, valid_until, answer_due_on, reason, for_partner, language,
                          categories_asked, disclosed, withheld, disclosure_id, issued_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
  // insertVoucherEvent.
  event: `
    INSERT INTO voucher_events (voucher_id, action, to_status, side, staff_id) VALUES ($1, 'issue', 'issued', 'agency', $2)`,
} as const;

const dedent = (text: string) => text.replace(/^\n/, '').replace(/^ {4}/gm, '');

/** enterAgency (src/core/unit-of-work.ts), the first statement of every transaction. */
export const ENTER_AGENCY_SQL = `SELECT set_config('tillit.agency_id', $1, true), set_config('role', '${TENANT_ROLE}', true)`;

/** The statements each scenario's raw operation sends, in order, as recorded in the results. */
const auditAppendText = [`${SQL.auditInsert} -- one VALUES row per event, unsealed: the app's sealer chains them`];

export const rawSqlText: Record<
  | 'login'
  | 'session-check'
  | 'person-read'
  | 'person-search'
  | 'request-create'
  | 'case-page'
  | 'journal-page'
  | 'journal-append'
  | 'voucher-inbox'
  | 'voucher-issue',
  string[]
> = {
  'voucher-inbox': [
    'BEGIN',
    ENTER_AGENCY_SQL,
    `${VOUCHER_SQL.inboxPage} -- $3 = 51: a page of 50 and one to know there is more`,
    `${VOUCHER_SQL.gateFacts} -- the people of the page's vouchers that carry something of them`,
    '-- checkDisclosure (src/areas/consent/consent.rules.ts) per voucher in the client: what of what it carries the partner may see now',
    `${SQL.auditInsert} -- one voucher.inbox event naming the people on the page`,
    'COMMIT',
  ].map(dedent),
  'voucher-issue': [
    'BEGIN',
    ENTER_AGENCY_SQL,
    `${VOUCHER_SQL.caseForUpdate} -- and the case is open`,
    VOUCHER_SQL.agency,
    VOUCHER_SQL.partner,
    SQL.personForCaseWorker,
    `${VOUCHER_SQL.gateFacts} -- for the one person`,
    '-- checkDisclosure and nameForms in the client: what of the person goes',
    `${VOUCHER_SQL.disclosure} -- when the gate gave anything`,
    VOUCHER_SQL.counter,
    VOUCHER_SQL.voucher,
    VOUCHER_SQL.event,
    ...auditAppendText,
    'COMMIT',
  ].map(dedent),
  'journal-page': [
    'BEGIN',
    ENTER_AGENCY_SQL,
    JOURNAL_SQL.caseInReach,
    `${JOURNAL_SQL.page} -- $3 = 51: a page of 50 and one to know there is more`,
    JOURNAL_SQL.attachments,
    ...auditAppendText,
    'COMMIT',
  ].map(dedent),
  'journal-append': [
    '-- create the draft:',
    'BEGIN',
    ENTER_AGENCY_SQL,
    `${JOURNAL_SQL.caseInReach} -- and the case is open`,
    JOURNAL_SQL.agency,
    '-- occurredAtOf, plainText and searchTerms (src/areas/journal/*.rules.ts) in the client',
    JOURNAL_SQL.insert(BENCH_AGENCY_LANGUAGES),
    ...auditAppendText,
    'COMMIT',
    '-- then sign it:',
    'BEGIN',
    ENTER_AGENCY_SQL,
    `${JOURNAL_SQL.entryForUpdate} -- a draft of the actor's, the case open, at the version created`,
    JOURNAL_SQL.agency,
    JOURNAL_SQL.sign,
    ...auditAppendText,
    'COMMIT',
  ].map(dedent),
  'person-search': [
    'BEGIN',
    ENTER_AGENCY_SQL,
    SEARCH_THRESHOLD_SQL,
    `-- agency head, a query with all parts:${searchQuery(false, '', 1, '1990-01-01', { keys: 'k', digits: '123456', isDate: true }, 20).text}`,
    `-- case worker ($1 = staff id):${searchQuery(true, '', 1, '1990-01-01', { keys: 'k', digits: '123456', isDate: true }, 20).text}`,
    '-- (the name, phone, date and case-number lookups are left out when the query has no such part, as in the app)',
    '-- then, when there are hits, the audit append with one person.search event naming the people shown (person_ids):',
    ...auditAppendText,
    'COMMIT',
  ].map(dedent),
  'request-create': [
    'BEGIN',
    ENTER_AGENCY_SQL,
    REQUEST_SQL.agencyRules,
    '-- screenRequest and firstResponseDueAt (src/areas/intake/screening.rules.ts) in the client',
    REQUEST_SQL.insert,
    `${REQUEST_SQL.alertSupervisors} -- urgent requests only`,
    ...auditAppendText,
    'COMMIT',
  ].map(dedent),
  login: [SQL.staffByEmail, '-- argon2id verify (@node-rs/argon2) in the client', SQL.sessionInsert].map(dedent),
  'session-check': [SQL.sessionLookup].map(dedent),
  'case-page': ['BEGIN', ENTER_AGENCY_SQL, SQL.caseOverview, ...auditAppendText, 'COMMIT'].map(dedent),
  'person-read': ['BEGIN', ENTER_AGENCY_SQL, SQL.personForCaseWorker, ...auditAppendText, 'COMMIT'].map(dedent),
};

/** The case page as CaseOverviewService reads it: one statement for the scoped case and all its parts, then the audit append. */
export function caseOverviewOperation(
  pool: pg.Pool,
  reads: readonly { staffId: string; agencyId: number; caseId: string }[],
): RawOperation {
  const nextRead = rotate(reads);
  return () => {
    const { staffId, agencyId, caseId } = nextRead();
    return inTransaction(pool, agencyId, async (client) => {
      const read = await client.query<{ case: { person_id: string } }>(SQL.caseOverview, [caseId, staffId, agencyId]);
      if (read.rowCount !== 1) throw new Error(`case ${caseId} not visible to ${staffId}`);
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'case.read',
          entityType: 'case',
          entityId: caseId,
          personId: read.rows[0]!.case.person_id,
          details: { overview: true },
        },
      ]);
    });
  };
}

export type RawOperation = () => Promise<void>;

export interface RawRun {
  stats: LatencyStats;
  errors: number;
  firstError: string | null;
}

/** `connections` loops, each running `operation` back to back until the time is up. */
export async function runRaw(operation: RawOperation, options: { connections: number; seconds: number }): Promise<RawRun> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await operation();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  return { stats: summarise(latencies, (performance.now() - started) / 1000), errors, firstError };
}

const rotate = <T>(items: readonly T[]) => {
  if (items.length === 0) throw new Error('Nothing to rotate over');
  let i = 0;
  return (): T => items[i++ % items.length]!;
};

export function sessionCheckOperation(pool: pg.Pool, tokens: readonly string[]): RawOperation {
  const nextToken = rotate(tokens);
  return async () => {
    const result = await pool.query(SQL.sessionLookup, [tokenHash(nextToken())]);
    if (result.rowCount !== 1) throw new Error('session not found');
  };
}

export function personReadOperation(
  pool: pg.Pool,
  reads: readonly { staffId: string; agencyId: number; personId: string }[],
): RawOperation {
  const nextRead = rotate(reads);
  return () => {
    const { staffId, agencyId, personId } = nextRead();
    return inTransaction(pool, agencyId, async (client) => {
      const person = await client.query(SQL.personForCaseWorker, [personId, staffId, agencyId]);
      if (person.rowCount !== 1) throw new Error(`person ${personId} not visible to ${staffId}`);
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'person.read',
          entityType: 'person',
          entityId: personId,
          personId,
          details: null,
        },
      ]);
    });
  };
}

interface RawAuditEvent {
  actorId: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: string | null;
  personIds?: string[];
  details: Record<string, unknown> | null;
}

/** appendAuditEvents (src/core/audit-store.ts) on a client inside a transaction: one multi-row INSERT, unsealed, no lock (the sealer chains them). */
async function appendAudit(client: pg.PoolClient, agencyId: number, events: readonly RawAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const requestId = randomUUID();
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const event of events) {
    const base = values.length;
    rows.push(`(${Array.from({ length: 13 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
    values.push(
      agencyId,
      new Date().toISOString(),
      event.actorId,
      event.actorRole,
      event.action,
      event.entityType,
      event.entityId,
      event.personId,
      event.personIds ?? null,
      'success',
      requestId,
      '127.0.0.1',
      event.details === null ? null : JSON.stringify(event.details),
    );
  }
  const insert = `${SQL.auditInsert.slice(0, SQL.auditInsert.indexOf('VALUES'))}VALUES ${rows.join(', ')}`;
  await client.query(insert, values);
}

async function inTransaction<T>(pool: pg.Pool, agencyId: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(ENTER_AGENCY_SQL, [String(agencyId)]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Who searches (in which agency) and what they type. */
export interface RawSearch {
  staffId: string;
  agencyId: number;
  role: 'agency_head' | 'case_worker';
  q: string;
}

/** One search as the endpoint does it (a page of 20, the first): threshold, scoped SELECT, one audit event naming the people shown. */
export function personSearchOperation(pool: pg.Pool, searches: readonly RawSearch[], limit = 20): RawOperation {
  const nextSearch = rotate(searches);
  return async () => {
    const actor = nextSearch();
    const q = actor.q;
    const scoped = actor.role !== 'agency_head';
    const parts = searchParts(q);
    await inTransaction(pool, actor.agencyId, async (client) => {
      await client.query(SEARCH_THRESHOLD_SQL);
      const query = searchQuery(scoped, actor.staffId, actor.agencyId, q, parts, limit);
      const rows = await client.query<{ id: string }>(query.text, query.values);
      const hits = rows.rows.slice(0, limit);
      if (hits.length > 0) {
        await appendAudit(client, actor.agencyId, [
          {
            actorId: actor.staffId,
            actorRole: actor.role,
            action: 'person.search',
            entityType: 'person',
            entityId: null,
            personId: null,
            personIds: hits.map((r) => r.id),
            details: { shown: hits.length, offset: 0 },
          },
        ]);
      }
    });
  };
}

/** The fields of a POST /api/v1/requests body that the raw INSERT needs (no linked person). */
export interface RequestBody {
  channel: string;
  cameVia: string;
  language: string;
  ownWords: string;
  mainProblem: string;
  region: string | null;
  serviceCategory: string | null;
  informedOfScopeAndConfidentiality: boolean;
  triage: { dangerToLife: boolean; childAtRisk: boolean; selfHarm: boolean };
  priority?: Priority;
}

export function requestCreateOperation(
  pool: pg.Pool,
  intake: readonly { staffId: string; agencyId: number; unitId: string | null }[],
  bodies: readonly RequestBody[],
): RawOperation {
  const nextIntake = rotate(intake);
  const nextBody = rotate(bodies);
  return async () => {
    const actor = nextIntake();
    const body = nextBody();
    await inTransaction(pool, actor.agencyId, async (client) => {
      const rules = (
        await client.query<{
          service_categories: string[];
          catchment_regions: string[];
          minimum_age: number | null;
          maximum_age: number | null;
          urgent_response_hours: number;
        }>(REQUEST_SQL.agencyRules)
      ).rows[0]!;
      const receivedAt = new Date();
      const screening = screenRequest(
        {
          serviceCategories: rules.service_categories,
          catchmentRegions: rules.catchment_regions,
          minimumAge: rules.minimum_age ?? undefined,
          maximumAge: rules.maximum_age ?? undefined,
        },
        { serviceCategory: body.serviceCategory ?? undefined, region: body.region ?? undefined, birthDate: undefined, triage: body.triage },
      );
      const urgentByTriage = body.triage.dangerToLife || body.triage.childAtRisk || body.triage.selfHarm;
      const priority: Priority = urgentByTriage ? 'urgent' : (body.priority ?? screening.suggestedPriority);
      const due = firstResponseDueAt(receivedAt, priority, { urgent: rules.urgent_response_hours, high: 72, normal: 168, low: 336 });
      const receipt = `R-${receivedAt.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
      const inserted = await client.query<{ id: string; person_id: string | null }>(REQUEST_SQL.insert, [
        receipt,
        body.channel,
        body.cameVia,
        null,
        receivedAt,
        actor.staffId,
        null,
        null,
        body.language,
        body.ownWords,
        body.mainProblem,
        '',
        '',
        false,
        '',
        'voluntary',
        null,
        body.informedOfScopeAndConfidentiality ? new Date() : null,
        body.serviceCategory,
        body.region,
        body.triage.dangerToLife,
        body.triage.childAtRisk,
        body.triage.selfHarm,
        priority,
        due,
        JSON.stringify(screening),
        actor.staffId,
        actor.unitId,
      ]);
      const row = inserted.rows[0]!;
      if (priority === 'urgent') await client.query(REQUEST_SQL.alertSupervisors, [row.id]);
      await appendAudit(client, actor.agencyId, [
        {
          actorId: actor.staffId,
          actorRole: 'intake_worker',
          action: 'request.create',
          entityType: 'request',
          entityId: row.id,
          personId: row.person_id,
          details: { priority },
        },
      ]);
    });
  };
}

export function loginOperation(pool: pg.Pool, emails: readonly string[], password: string): RawOperation {
  const nextEmail = rotate(emails);
  return async () => {
    const account = await pool.query<{ id: string; password_hash: string }>(SQL.staffByEmail, [nextEmail()]);
    const row = account.rows[0];
    if (!row || !(await verify(row.password_hash, password))) throw new Error('login failed');
    const token = newToken();
    await pool.query(SQL.sessionInsert, [tokenHash(token), row.id, newToken(), 'complete', '127.0.0.1']);
  };
}

/** The journal's first page as JournalService.list reads it: the case in reach, the page, its files, the read event. */
export function journalPageOperation(
  pool: pg.Pool,
  reads: readonly { staffId: string; agencyId: number; caseId: string }[],
  limit = 50,
): RawOperation {
  const nextRead = rotate(reads);
  return () => {
    const { staffId, agencyId, caseId } = nextRead();
    return inTransaction(pool, agencyId, async (client) => {
      const found = await client.query<{ person_id: string }>(JOURNAL_SQL.caseInReach, [caseId, staffId, agencyId]);
      if (found.rowCount !== 1) throw new Error(`case ${caseId} not visible to ${staffId}`);
      const page = await client.query<{ id: string }>(JOURNAL_SQL.page, [caseId, staffId, limit + 1]);
      if (page.rows.length <= limit) throw new Error(`case ${caseId}: ${page.rows.length} entries, expected more than a page`);
      await client.query(JOURNAL_SQL.attachments, [page.rows.slice(0, limit).map((r) => r.id)]);
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'journal.read',
          entityType: 'case',
          entityId: caseId,
          personId: found.rows[0]!.person_id,
          details: null,
        },
      ]);
    });
  };
}

/** A POST /api/v1/cases/:id/journal body, as the journal-append scenario sends it. */
export interface JournalEntryBody {
  kind: string;
  occurredOn: string;
  occurredTime: string | null;
  text: { type: 'doc'; content: { type: 'paragraph'; content: { type: 'text'; text: string }[] }[] };
}

interface JournalAgency {
  journal_entry_kinds: EntryKind[] | null;
  languages: string[];
  time_zone: string;
  journal_late_after_days: number;
}

/** A signed entry appended as JournalService.create and .sign do it: two transactions, each with its audit event. */
export function journalAppendOperation(
  pool: pg.Pool,
  writers: readonly { staffId: string; agencyId: number; caseId: string }[],
  bodies: readonly JournalEntryBody[],
): RawOperation {
  const nextWriter = rotate(writers);
  const nextBody = rotate(bodies);
  const inserts = new Map<string, string>();
  return async () => {
    const { staffId, agencyId, caseId } = nextWriter();
    const body = nextBody();
    const draft = await inTransaction(pool, agencyId, async (client) => {
      const found = await client.query<{ person_id: string; stage: string }>(JOURNAL_SQL.caseInReach, [caseId, staffId, agencyId]);
      const theCase = found.rows[0];
      if (!theCase || theCase.stage === 'closed') throw new Error(`case ${caseId} not open to ${staffId}`);
      const agency = (await client.query<JournalAgency>(JOURNAL_SQL.agency)).rows[0]!;
      if (!isKindInUse(agency.journal_entry_kinds, body.kind)) throw new Error(`kind ${body.kind} not in use`);
      const plain = body.text.content.map((p) => p.content.map((t) => t.text).join('')).join('\n');
      const words = plain; // no information_from, no participants' names
      const key = agency.languages.join(',');
      if (!inserts.has(key)) inserts.set(key, JOURNAL_SQL.insert(agency.languages));
      const row = (
        await client.query<{ id: string; version: number }>(inserts.get(key)!, [
          caseId,
          body.kind,
          body.occurredOn,
          body.occurredTime,
          occurredAtOf(body.occurredOn, body.occurredTime, agency.time_zone),
          '',
          '[]',
          JSON.stringify(body.text),
          plain,
          words,
          searchTerms(words).join(' '),
          'normal',
          null,
          staffId,
        ])
      ).rows[0]!;
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'journal.create',
          entityType: 'journal_entry',
          entityId: row.id,
          personId: theCase.person_id,
          details: null,
        },
      ]);
      return row;
    });
    await inTransaction(pool, agencyId, async (client) => {
      const found = await client.query<{ status: string; author_id: string; version: number; case_stage: string; case_person_id: string }>(
        JOURNAL_SQL.entryForUpdate,
        [draft.id, staffId, agencyId],
      );
      const entry = found.rows[0];
      const signable =
        entry?.status === 'draft' && entry.author_id === staffId && entry.case_stage !== 'closed' && entry.version === draft.version;
      if (!entry || !signable) throw new Error(`draft ${draft.id} not signable by ${staffId}`);
      const agency = (await client.query<JournalAgency>(JOURNAL_SQL.agency)).rows[0]!;
      const signedAt = new Date();
      const late = isSignedLate(body.occurredOn, calendarDateIn(agency.time_zone, signedAt), agency.journal_late_after_days);
      await client.query(JOURNAL_SQL.sign, [signedAt, late, new Date(), draft.id]);
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'journal.sign',
          entityType: 'journal_entry',
          entityId: draft.id,
          personId: entry.case_person_id,
          details: { correctsId: null, late, stepsCompleted: [] },
        },
      ]);
    });
  };
}

interface GateFactRow {
  person_id: string;
  processing_restricted_at: Date | null;
  id: string | null;
  kind: ConsentFacts['kind'];
  purposes: ConsentFacts['purposes'];
  recipients: ConsentFacts['recipients'];
  categories: ConsentFacts['categories'];
  valid_from: string;
  valid_to: string | null;
  required_signers: ConsentFacts['requiredSigners'];
  signed_by: ConsentFacts['signedBy'];
  withdrawn_at: Date | null;
}

/** The gate's facts per person (gateFactsOf's shape), from GATE_FACTS's rows. */
async function gateFactsOf(client: pg.PoolClient, personIds: readonly string[]) {
  const facts = new Map<string, { consents: ConsentFacts[]; processingRestricted: boolean }>();
  if (personIds.length === 0) return facts;
  const rows = (await client.query<GateFactRow>(VOUCHER_SQL.gateFacts, [personIds])).rows;
  for (const r of rows) {
    const of = facts.get(r.person_id) ?? { consents: [], processingRestricted: r.processing_restricted_at !== null };
    facts.set(r.person_id, of);
    if (r.id === null) continue;
    of.consents.push({
      id: r.id,
      kind: r.kind,
      purposes: r.purposes,
      recipients: r.recipients,
      categories: r.categories,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      requiredSigners: r.required_signers,
      signedBy: r.signed_by,
      withdrawnAt: r.withdrawn_at,
    });
  }
  return facts;
}

/** The partner's inbox as VoucherService.inbox reads it: the page, the gate's facts for its people, the gate per voucher, the inbox event. */
export function voucherInboxOperation(
  pool: pg.Pool,
  readers: readonly { staffId: string; agencyId: number; partnerId: string }[],
  limit = 50,
): RawOperation {
  const nextReader = rotate(readers);
  return () => {
    const { staffId, agencyId, partnerId } = nextReader();
    return inTransaction(pool, agencyId, async (client) => {
      const page = (
        await client.query<{ person_id: string; disclosed: Record<string, unknown>; recipient_kinds: string[]; time_zone: string }>(
          VOUCHER_SQL.inboxPage,
          [agencyId, partnerId, limit + 1],
        )
      ).rows.slice(0, limit);
      if (page.length < limit) throw new Error(`partner ${partnerId}: ${page.length} open vouchers, expected a full page`);
      const carrying = page.filter((v) => Object.keys(v.disclosed).length > 0);
      const facts = await gateFactsOf(client, [...new Set(carrying.map((v) => v.person_id))]);
      const now = new Date();
      const today = calendarDateIn(page[0]!.time_zone, now);
      let shown = 0;
      for (const v of carrying) {
        const of = facts.get(v.person_id);
        if (!of) continue;
        const answer = checkDisclosure({
          consents: of.consents,
          processingRestricted: of.processingRestricted,
          recipient: { organisationId: partnerId, categories: v.recipient_kinds as never },
          categories: Object.keys(v.disclosed) as never,
          purpose: 'referral',
          today,
          now,
        });
        if (answer.grants.some((g) => g.category === 'identity')) shown++;
      }
      if (shown === 0) throw new Error(`partner ${partnerId}: the gate let no one through on the first page`);
      const personIds = [...new Set(page.map((v) => v.person_id))];
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'partner_provider',
          action: 'voucher.inbox',
          entityType: 'voucher',
          entityId: null,
          personId: personIds.length === 1 ? personIds[0]! : null,
          ...(personIds.length === 1 ? {} : { personIds }),
          details: null,
        },
      ]);
    });
  };
}

interface IssuePerson {
  id: string;
  given_name: string;
  family_name: string;
  name_in_other_script: string | null;
  birth_date: string | null;
  phones: string[];
  languages: string[];
}

/** A voucher issued as VoucherService.issue issues it (no plan item, no directory service): one transaction, the gate asked inside it. */
export function voucherIssueOperation(
  pool: pg.Pool,
  issuers: readonly { staffId: string; agencyId: number; caseId: string; partnerId: string }[],
  body: { serviceName: string; categories: readonly ('identity' | 'request_assessment' | 'plan')[]; reason: string; forPartner: string },
): RawOperation {
  const nextIssuer = rotate(issuers);
  const order = ['identity', 'request_assessment', 'plan'];
  const asked = [...new Set(body.categories)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return async () => {
    const { staffId, agencyId, caseId, partnerId } = nextIssuer();
    await inTransaction(pool, agencyId, async (client) => {
      const theCase = (
        await client.query<{ id: string; person_id: string; stage: string }>(VOUCHER_SQL.caseForUpdate, [caseId, staffId, agencyId])
      ).rows[0];
      if (!theCase || theCase.stage === 'closed') throw new Error(`case ${caseId} not open to ${staffId}`);
      const settings = (
        await client.query<{ time_zone: string; voucher_valid_days: number; voucher_answer_days: number; case_number_prefix: string }>(
          VOUCHER_SQL.agency,
        )
      ).rows[0]!;
      const today = calendarDateIn(settings.time_zone);
      const partner = (await client.query<{ id: string; name: string; recipient_kinds: string[] }>(VOUCHER_SQL.partner, [partnerId]))
        .rows[0];
      if (!partner) throw new Error(`no partner ${partnerId}`);
      const person = (await client.query<IssuePerson>(SQL.personForCaseWorker, [theCase.person_id, staffId, agencyId])).rows[0];
      if (!person) throw new Error(`person ${theCase.person_id} not visible to ${staffId}`);
      const facts = (await gateFactsOf(client, [person.id])).get(person.id)!;
      const now = new Date();
      const answer = checkDisclosure({
        consents: facts.consents,
        processingRestricted: facts.processingRestricted,
        recipient: { organisationId: partner.id, categories: partner.recipient_kinds as never },
        categories: asked,
        purpose: 'referral',
        today: calendarDateIn(settings.time_zone, now),
        now,
      });
      const given = new Set(answer.grants.map((g) => g.category));
      const names = nameForms({
        givenName: person.given_name,
        familyName: person.family_name,
        nameInOtherScript: person.name_in_other_script,
        languages: person.languages,
      });
      const disclosed: Record<string, unknown> = {};
      if (given.has('identity'))
        disclosed.identity = {
          name: names.own,
          latinName: names.latin && names.latin !== names.own ? names.latin : null,
          birthDate: person.birth_date,
          phone: person.phones[0] ?? null,
          languages: person.languages,
        };
      if (given.has('request_assessment')) disclosed.request_assessment = { reason: body.reason };
      if (given.has('plan')) disclosed.plan = { forPartner: body.forPartner };
      const language = person.languages.find((l) => ['en', 'nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant'].includes(l)) ?? 'en';
      const disclosureId =
        answer.grants.length > 0
          ? (
              await client.query<{ id: string }>(VOUCHER_SQL.disclosure, [
                person.id,
                theCase.id,
                JSON.stringify({ organisationId: partner.id, kinds: partner.recipient_kinds }),
                partner.name,
                asked,
                [...given],
                JSON.stringify(answer.grants),
                JSON.stringify(answer.refused),
                JSON.stringify(disclosed),
                language,
                staffId,
              ])
            ).rows[0]!.id
          : null;
      const year = new Date().getUTCFullYear();
      const n = (await client.query<{ last_number: number }>(VOUCHER_SQL.counter, [year])).rows[0]!.last_number;
      const number = `${settings.case_number_prefix}-V${year}-${String(n).padStart(5, '0')}`;
      const voucherId = (
        await client.query<{ id: string }>(VOUCHER_SQL.voucher, [
          number,
          theCase.id,
          person.id,
          partner.id,
          body.serviceName,
          addCalendarDays(today, settings.voucher_valid_days),
          answerDueOn(today, settings.voucher_answer_days),
          body.reason,
          body.forPartner,
          language,
          asked,
          JSON.stringify(disclosed),
          JSON.stringify(answer.refused.map((r) => ({ category: r.category, reason: r.why.reason }))),
          disclosureId,
          staffId,
        ])
      ).rows[0]!.id;
      await client.query(VOUCHER_SQL.event, [voucherId, staffId]);
      await appendAudit(client, agencyId, [
        {
          actorId: staffId,
          actorRole: 'case_worker',
          action: 'voucher.issue',
          entityType: 'voucher',
          entityId: voucherId,
          personId: person.id,
          details: { number, partnerOrganisationId: partner.id, categoriesGiven: [...given] },
        },
      ]);
    });
  };
}
