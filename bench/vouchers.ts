/**
 * Referral vouchers for the synthetic data set (seed 004; src/areas/voucher): partner
 * organisations with their staff, and vouchers issued to them over the generated cases, with the
 * consents the disclosure gate finds (or does not), the disclosures recorded at issue, the
 * partners' answers and visits. Made in SQL (INSERT … SELECT over generate_series), deterministic
 * for the seed; the partners' names and the staff accounts in JavaScript.
 *
 * The shape:
 * - `partners` organisations (default 200) round robin over the agencies, named from stock parts
 *   (a place and what they do: budget advice, work training, food, housing, legal aid, health,
 *   language, family), each with one staff account (`partner-NNN-1@…`); the largest, partner 001
 *   of agency 1, is the one the inbox scenario measures and has four;
 * - `count` vouchers (default 100 000) over the cases in implementation, evaluation or closed,
 *   each to a partner of the case's agency: partner k gets a share ∝ (k + 1)^-0.7, so a few
 *   partners take most (partner 001 ≈ 7 %) and the smallest a few hundred;
 * - issued between the case's opening and now; the status follows the voucher's age as a
 *   partner's work does: issued or accepted in the first days, in progress over the first weeks
 *   and months, then returned (most), not provided, declined, expired or cancelled. Open ones
 *   (issued, accepted, in progress) are the recent ones; nothing is left `issued` past its last day
 *   (the app's clock would expire it during the run);
 * - seven in ten were issued on a consent (kind `disclosure`, purpose `referral`, naming the
 *   partner, signed on screen, twelve months from just before the issue): those carry the person's
 *   identity and the reason (and in three of ten of them what the partner should know), with the
 *   disclosure recorded; one consent in twenty was withdrawn since, and those over a year old have
 *   run out – the gate finds them, and refuses;
 * - an `issue` event per voucher and one for where it is now; one to four visits on those in
 *   progress, provided or returned; the year's voucher counters set past the numbers made.
 *
 * `issueCases`: open cases, each with a partner of its agency, where the voucher-issue scenario
 * issues; three in four with a consent in force naming that partner (made here), so the gate gives
 * the identity and the reason, the fourth without, so it gives nothing and no disclosure is made.
 */
import type pg from 'pg';
import type { Database } from '../src/core/db/pool.ts';
import { insertStaff } from '../test/support/server.ts';
import { fictionalName, mulberry32, pickScript } from './names.ts';

/** Where a partner is, and what it does: kind of recipient (for consents naming a kind), its service, and stock texts. */
const PLACES = ['Fjordlys', 'Nordlys', 'Solsikke', 'Havblikk', 'Bjørkely', 'Lindetre', 'Elvebredd', 'Granly', 'Måkeskjær', 'Lyngheia'];
const KINDS = [
  [
    'Budsjettråd',
    'social_services',
    'Budget advice',
    'Rent arrears of three months',
    'Prefers mornings; reads Norwegian well',
    'A budget made and the debts in a plan',
  ],
  [
    'Arbeidstrening',
    'employment_services',
    'Work training',
    'Wants to get back to work after a long absence',
    'Has a diploma in accounting from abroad',
    'Six weeks of work training completed',
  ],
  [
    'Matsentral',
    'social_services',
    'Food parcels',
    'No money for food until the next payment',
    'A family of four; one child allergic to nuts',
    'Food parcels given every week',
  ],
  [
    'Boligkontor',
    'housing',
    'Housing advice',
    'An eviction notice received',
    'Needs an interpreter (Russian)',
    'A council flat found and the contract signed',
  ],
  [
    'Rettshjelp',
    'legal_aid',
    'Free legal advice',
    'A dispute with the landlord over the deposit',
    'Has the tenancy contract and the letters',
    'The deposit claim filed',
  ],
  [
    'Helsesenter',
    'health_services',
    'Health check',
    'Has not seen a doctor for two years',
    'Would rather see a woman doctor',
    'The check done; referred on to a GP',
  ],
  [
    'Språkkafé',
    'education',
    'Language café',
    'Wants to practise Norwegian',
    'A beginner; speaks Chinese and English',
    'Came to eight sessions',
  ],
  [
    'Familiesenter',
    'family_and_relatives',
    'Family counselling',
    'Conflicts at home since the move',
    'Both parents want to come',
    'Four sessions with the family held',
  ],
] as const;
/** Partner 001's staff: the inbox scenario's sessions. */
const MEASURED_PARTNER_STAFF = 4;
/** Slots of the partner lottery: a voucher's partner is slot[hash % SLOTS]. */
const SLOTS = 65_536;
const EMAIL_DOMAIN = 'bench.example.org';

export interface VoucherOptions {
  count: number;
  partners: number;
  issueCases: number;
  seed: number;
  agencies: readonly { id: number; prefix: string }[];
  log: (message: string) => void;
}

export interface VoucherSet {
  vouchers: number;
  partners: number;
  byStatus: Record<string, number>;
  consents: number;
  disclosures: number;
  visits: number;
  events: number;
  /** The partner the inbox scenario reads as: its size, how many of its vouchers are open, and its staff. */
  measured: {
    partnerId: string;
    name: string;
    agencyId: number;
    vouchers: number;
    open: number;
    staff: { id: string; email: string; agencyId: number }[];
  };
  /** Where voucher-issue issues: the case's responsible worker, the case, a partner of its agency, and whether a consent names it. */
  issueCases: { staffId: string; agencyId: number; caseId: string; partnerId: string; consent: boolean }[];
  seconds: number;
  /** Seconds per part (partner organisations and staff, the plan, consents, disclosures, vouchers, events, visits, the issue cases). */
  spent: Record<string, number>;
}

/** uuidOf (plans.ts) in SQL: a version-4-shaped uuid from the md5 of a text. */
const sqlUuid = (expression: string) => `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
/** A uniform number in [0, 1) from ten bits of a row's hash `h`, starting at bit `shift`. */
const u = (h: string, shift: number) => `(((${h} >> ${shift}) & 1023) / 1024.0)`;

export async function generateVouchers(db: Database, pool: pg.Pool, options: VoucherOptions): Promise<VoucherSet> {
  const t0 = performance.now();
  /** Seconds per part, to show where the time goes. */
  const spent: Record<string, number> = {};
  let last = t0;
  const mark = (label: string) => {
    const t = performance.now();
    spent[label] = Number(((t - last) / 1000).toFixed(2));
    last = t;
  };
  const rng = mulberry32(options.seed ^ 0x70c4e7);
  const seed = String(options.seed);
  const partnerCount = Math.max(1, options.partners);

  // ---- partner organisations and their staff ---------------------------------------------------
  const partners = Array.from({ length: partnerCount }, (_, k) => {
    const kind = KINDS[Math.floor(k / PLACES.length) % KINDS.length]!;
    const round = Math.floor(k / (PLACES.length * KINDS.length));
    return {
      k,
      agencyId: options.agencies[k % options.agencies.length]!.id,
      name: `${PLACES[k % PLACES.length]} ${kind[0]}${round > 0 ? ` ${round + 1}` : ''}`,
      kind: kind[1],
      weight: (k + 1) ** -0.7,
    };
  });
  await pool.query('DROP TABLE IF EXISTS bench_voucher_partners, bench_voucher_cases, bench_voucher_agencies, bench_vouchers');
  await pool.query(
    `CREATE UNLOGGED TABLE bench_voucher_partners AS
     SELECT k, agency_id, ${sqlUuid(`'partner:' || k || ':' || $1`)} AS id, name, kind, NULL::uuid AS staff_id
     FROM unnest($2::int[], $3::int[], $4::text[], $5::text[]) AS t(k, agency_id, name, kind)`,
    [seed, partners.map((p) => p.k), partners.map((p) => p.agencyId), partners.map((p) => p.name), partners.map((p) => p.kind)],
  );
  await pool.query(
    `INSERT INTO partner_organisations (agency_id, id, name, description, contact_person, phone, email, address, services, regions, recipient_kinds)
     SELECT agency_id, id, name, 'A fictional partner of the benchmark', NULL, '+47 22 00 ' || lpad((1000 + k)::text, 4, '0'),
            'post-' || (k + 1) || '@partners.${EMAIL_DOMAIN}', 'Storgata ' || (k + 1) || ', 0155 Oslo', '{}', '{Oslo}', ARRAY[kind]
     FROM bench_voucher_partners`,
  );
  const partnerIds = new Map(
    (await pool.query<{ k: number; id: string }>('SELECT k, id FROM bench_voucher_partners')).rows.map((r) => [r.k, r.id]),
  );
  const staffOf = new Map<number, { id: string; email: string; agencyId: number }[]>();
  for (const p of partners) {
    const accounts = [];
    for (let i = 1; i <= (p.k === 0 ? MEASURED_PARTNER_STAFF : 1); i++) {
      const name = fictionalName(rng, pickScript(rng));
      const email = `partner-${String(p.k + 1).padStart(3, '0')}-${i}@${EMAIL_DOMAIN}`;
      const created = await insertStaff(db, {
        agencyId: p.agencyId,
        email,
        displayName: `${name.givenName} ${name.familyName}`,
        roles: ['partner_provider'],
        partnerOrganisationId: partnerIds.get(p.k)!,
      });
      accounts.push({ id: created.id, email, agencyId: p.agencyId });
    }
    staffOf.set(p.k, accounts);
  }
  await pool.query(
    `UPDATE bench_voucher_partners p SET staff_id = t.staff_id FROM unnest($1::int[], $2::uuid[]) AS t(k, staff_id) WHERE t.k = p.k`,
    [partners.map((p) => p.k), partners.map((p) => staffOf.get(p.k)![0]!.id)],
  );
  mark('partnersAndStaff');

  // ---- vouchers -----------------------------------------------------------------------------------
  // The partner lottery: partner k holds a share of the slots ∝ its weight.
  const total = partners.reduce((n, p) => n + p.weight, 0);
  const slots = new Array<number>(SLOTS);
  let s = 0;
  let upto = 0;
  for (const p of partners) {
    upto += (p.weight / total) * SLOTS;
    for (; s < Math.round(upto) && s < SLOTS; s++) slots[s] = p.k;
  }
  for (; s < SLOTS; s++) slots[s] = partners.length - 1;
  // The cases vouchers are issued on, numbered within their agency.
  await pool.query(
    `CREATE UNLOGGED TABLE bench_voucher_cases AS
     SELECT c.agency_id, (row_number() OVER (PARTITION BY c.agency_id ORDER BY c.id) - 1)::int AS n, c.id, c.person_id,
            c.responsible_staff_id, c.stage, c.opened_at
     FROM cases c WHERE c.stage IN ('implementation', 'evaluation', 'closed')`,
  );
  await pool.query('ALTER TABLE bench_voucher_cases ADD PRIMARY KEY (agency_id, n)');
  await pool.query('ANALYZE bench_voucher_cases');
  await pool.query(
    `CREATE UNLOGGED TABLE bench_voucher_agencies AS SELECT agency_id, count(*)::int AS cases FROM bench_voucher_cases GROUP BY 1`,
  );
  // Per voucher g: h and h2 its random bits, sliced; the partner, the case, when, and where it is now.
  await pool.query(
    `CREATE UNLOGGED TABLE bench_vouchers AS
     WITH picked AS (
       SELECT g, hashint8extended(g, $2::bigint) AS h, hashint8extended(g, $2::bigint + 1) AS h2,
              ($3::int[])[1 + (hashint8extended(g, $2::bigint + 2) & ${SLOTS - 1})::int] AS k
       FROM generate_series(1, $1::int) g
     ), placed AS (
       SELECT x.*, p.id AS partner_id, p.kind, p.name AS partner_name, p.staff_id AS partner_staff, p.agency_id, c.id AS case_id,
              c.person_id, c.responsible_staff_id AS issued_by, c.stage,
              c.opened_at + (now() - c.opened_at) * (0.05 + CASE WHEN c.stage = 'closed' THEN 0.75 ELSE 0.95 END * ((x.h & 1048575) / 1048576.0)) AS issued_at
       FROM picked x
       JOIN bench_voucher_partners p ON p.k = x.k
       JOIN bench_voucher_agencies n ON n.agency_id = p.agency_id
       JOIN bench_voucher_cases c ON c.agency_id = p.agency_id AND c.n = (x.h2 & 2147483647) % n.cases
     ), aged AS (
       SELECT y.*, extract(epoch FROM now() - y.issued_at) / 86400 AS days, ${u('y.h', 20)} AS r
       FROM placed y
     )
     SELECT a.*,
            CASE WHEN a.stage = 'closed' AND a.status0 IN ('issued', 'accepted', 'in_progress') THEN 'returned' ELSE a.status0 END AS status,
            ${u('a.h', 30)} < 0.7 AS consent, ${u('a.h', 40)} < 0.3 AS plan_too, ${u('a.h', 50)} < 0.05 AS withdrawn,
            ${u('a.h2', 32)} AS r2, (1 + ((a.h2 >> 42) & 3))::int AS visit_count,
            ${sqlUuid(`'voucher:' || a.g || ':' || $2::bigint`)} AS id, ${sqlUuid(`'consent:' || a.g || ':' || $2::bigint`)} AS consent_id,
            ${sqlUuid(`'disclosure:' || a.g || ':' || $2::bigint`)} AS disclosure_id
     FROM (
       SELECT w.*,
              CASE WHEN w.days < 3 THEN CASE WHEN w.r < 0.70 THEN 'issued' WHEN w.r < 0.95 THEN 'accepted' ELSE 'declined' END
                   WHEN w.days < 28 THEN CASE WHEN w.r < 0.10 THEN 'issued' WHEN w.r < 0.30 THEN 'accepted' WHEN w.r < 0.70 THEN 'in_progress'
                                              WHEN w.r < 0.80 THEN 'declined' WHEN w.r < 0.85 THEN 'cancelled' WHEN w.r < 0.95 THEN 'service_provided'
                                              ELSE 'returned' END
                   WHEN w.days < 180 THEN CASE WHEN w.r < 0.20 THEN 'in_progress' WHEN w.r < 0.30 THEN 'service_provided' WHEN w.r < 0.75 THEN 'returned'
                                               WHEN w.r < 0.83 THEN 'not_provided' WHEN w.r < 0.90 THEN 'declined' WHEN w.r < 0.95 THEN 'expired'
                                               ELSE 'cancelled' END
                   ELSE CASE WHEN w.r < 0.70 THEN 'returned' WHEN w.r < 0.80 THEN 'not_provided' WHEN w.r < 0.88 THEN 'declined'
                             WHEN w.r < 0.95 THEN 'expired' ELSE 'cancelled' END END AS status0
       FROM aged w
     ) a`,
    [options.count, seed, slots],
  );
  await pool.query('ANALYZE bench_vouchers');
  mark('plan');

  // The texts of a partner's kind, by its recipient kind (KINDS), as SQL arrays indexed by the kind's place.
  const kindIndex = `array_position($1::text[], v.kind)`;
  const kindTexts = [
    KINDS.map((k) => k[1]),
    KINDS.map((k) => k[2]),
    KINDS.map((k) => k[3]),
    KINDS.map((k) => k[4]),
    KINDS.map((k) => k[5]),
  ];
  // Consents the vouchers were issued on: naming the partner, for a referral, signed on screen; twelve months from just before the issue.
  await pool.query(
    `INSERT INTO consents (agency_id, id, person_id, kind, purposes, recipients, categories, valid_from, valid_to, required_signers, shown_text, language,
                           recorded_by, recorded_at)
     SELECT v.agency_id, v.consent_id, v.person_id, 'disclosure', '{referral}', jsonb_build_array(jsonb_build_object('kind', 'organisation', 'organisationId', v.partner_id)),
            CASE WHEN v.plan_too THEN '{identity,request_assessment,plan}'::text[] ELSE '{identity,request_assessment}'::text[] END,
            (v.issued_at - interval '1 day')::date, ((v.issued_at - interval '1 day')::date + interval '12 months' - interval '1 day')::date, '{person}',
            'Jeg samtykker i at ' || v.partner_name || ' får vite navnet mitt og hvorfor jeg henvises.', 'nb', v.issued_by, v.issued_at - interval '1 day'
     FROM bench_vouchers v WHERE v.consent`,
  );
  await pool.query(
    `INSERT INTO consent_events (agency_id, id, consent_id, kind, signer, method, recorded_by, at)
     SELECT v.agency_id, ${sqlUuid(`v.consent_id::text || ':signed'`)}, v.consent_id, 'signed', 'person', 'signed_on_screen', v.issued_by, v.issued_at - interval '1 day'
     FROM bench_vouchers v WHERE v.consent
     UNION ALL
     SELECT v.agency_id, ${sqlUuid(`v.consent_id::text || ':withdrawn'`)}, v.consent_id, 'withdrawn', NULL, NULL, v.issued_by,
            v.issued_at + (now() - v.issued_at) * v.r2
     FROM bench_vouchers v WHERE v.consent AND v.withdrawn`,
  );
  mark('consents');
  // What went to the partner at issue (DisclosedContent, voucher.service.ts), and the disclosure recording it.
  const disclosed = (reason: string, forPartner: string) => `CASE WHEN v.consent THEN jsonb_build_object(
         'identity', jsonb_build_object('name', p.given_name || ' ' || p.family_name, 'latinName', NULL, 'birthDate', p.birth_date,
                                        'phone', p.phones[1], 'languages', to_jsonb(p.languages)),
         'request_assessment', jsonb_build_object('reason', (${reason}::text[])[${kindIndex}]))
       || CASE WHEN v.plan_too THEN jsonb_build_object('plan', jsonb_build_object('forPartner', (${forPartner}::text[])[${kindIndex}])) ELSE '{}'::jsonb END
       ELSE '{}'::jsonb END`;
  const given = `CASE WHEN NOT v.consent THEN '{}'::text[] WHEN v.plan_too THEN '{identity,request_assessment,plan}'::text[] ELSE '{identity,request_assessment}'::text[] END`;
  const refused = `CASE WHEN NOT v.consent THEN '[{"category":"identity","why":{"reason":"no_consent"}},{"category":"request_assessment","why":{"reason":"no_consent"}},{"category":"plan","why":{"reason":"no_consent"}}]'::jsonb
                        WHEN v.plan_too THEN '[]'::jsonb ELSE '[{"category":"plan","why":{"reason":"no_consent"}}]'::jsonb END`;
  await pool.query(
    `INSERT INTO disclosures (agency_id, id, person_id, case_id, kind, recipient, recipient_name, purpose, categories_asked, categories_given, grants, refused,
                              content, language, disclosed_by, disclosed_at)
     SELECT v.agency_id, v.disclosure_id, v.person_id, v.case_id, 'voucher', jsonb_build_object('organisationId', v.partner_id, 'kinds', jsonb_build_array(v.kind)),
            v.partner_name, 'referral', '{identity,request_assessment,plan}', ${given},
            (SELECT jsonb_agg(jsonb_build_object('category', c, 'basis', 'consent', 'consentId', v.consent_id)) FROM unnest(${given}) c),
            ${refused}, ${disclosed('$2', '$3')}, 'nb', v.issued_by, v.issued_at
     FROM bench_vouchers v JOIN persons p ON p.id = v.person_id WHERE v.consent`,
    [kindTexts[0], kindTexts[2], kindTexts[3]],
  );
  mark('disclosures');
  // The vouchers, numbered per agency and year in order of issue (the app's PREFIX-Vyyyy-nnnnn).
  await pool.query(
    `INSERT INTO vouchers (agency_id, id, number, case_id, person_id, partner_organisation_id, service_name, location_name, sessions, valid_until, answer_due_on,
                           reason, for_partner, language, categories_asked, disclosed, withheld, disclosure_id, status, status_reason, status_note, outcome,
                           issued_by, issued_at, version, created_at, updated_at)
     SELECT v.agency_id, v.id,
            a.case_number_prefix || '-V' || extract(year FROM v.issued_at)::int || '-'
              || lpad((row_number() OVER (PARTITION BY v.agency_id, extract(year FROM v.issued_at) ORDER BY v.issued_at, v.g))::text, 5, '0'),
            v.case_id, v.person_id, v.partner_id, ($2::text[])[${kindIndex}], v.partner_name, 1 + (v.h2 >> 50 & 7)::int,
            (v.issued_at AT TIME ZONE a.time_zone)::date + a.voucher_valid_days, (v.issued_at AT TIME ZONE a.time_zone)::date + a.voucher_answer_days,
            ($3::text[])[${kindIndex}], ($4::text[])[${kindIndex}], (ARRAY['nb', 'nb', 'sv', 'en', 'ru', 'zh-Hans'])[1 + (v.h2 >> 54 & 1023)::int % 6],
            '{identity,request_assessment,plan}', ${disclosed('$3', '$4')},
            CASE WHEN NOT v.consent THEN '[{"category":"identity","reason":"no_consent"},{"category":"request_assessment","reason":"no_consent"},{"category":"plan","reason":"no_consent"}]'::jsonb
                 WHEN v.plan_too THEN '[]'::jsonb ELSE '[{"category":"plan","reason":"no_consent"}]'::jsonb END,
            CASE WHEN v.consent THEN v.disclosure_id END,
            v.status,
            CASE v.status WHEN 'declined' THEN (ARRAY['no_capacity', 'not_eligible', 'outside_area', 'service_not_offered'])[1 + (v.h2 >> 20 & 3)::int]
                          WHEN 'not_provided' THEN (ARRAY['did_not_come', 'could_not_be_reached', 'refused', 'no_capacity'])[1 + (v.h2 >> 20 & 3)::int]
                          WHEN 'cancelled' THEN (ARRAY['person_withdrew', 'need_changed', 'other_partner_chosen', 'issued_in_error'])[1 + (v.h2 >> 20 & 3)::int] END,
            '', CASE WHEN v.status IN ('service_provided', 'returned') THEN ($5::text[])[${kindIndex}] ELSE '' END,
            v.issued_by, v.issued_at, CASE WHEN v.status = 'issued' THEN 1 ELSE 2 END, v.issued_at,
            CASE WHEN v.status = 'issued' THEN v.issued_at ELSE v.issued_at + (now() - v.issued_at) * 0.2 END
     FROM bench_vouchers v JOIN agency a ON a.id = v.agency_id JOIN persons p ON p.id = v.person_id`,
    kindTexts,
  );
  mark('vouchers');
  // Their history: the issue, then one event for where each is now.
  await pool.query(
    `INSERT INTO voucher_events (agency_id, id, voucher_id, action, to_status, side, reason, staff_id, at)
     SELECT v.agency_id, ${sqlUuid(`v.id::text || ':issue'`)}, v.id, 'issue', 'issued', 'agency', NULL, v.issued_by, v.issued_at FROM bench_vouchers v
     UNION ALL
     SELECT v.agency_id, ${sqlUuid(`v.id::text || ':now'`)}, v.id, e.action, v.status, e.side, w.status_reason,
            CASE e.side WHEN 'partner' THEN v.partner_staff WHEN 'agency' THEN v.issued_by END, w.updated_at
     FROM bench_vouchers v JOIN vouchers w ON w.id = v.id
     JOIN (VALUES ('accepted', 'accept', 'partner'), ('declined', 'decline', 'partner'), ('in_progress', 'start', 'partner'),
                  ('service_provided', 'provided', 'partner'), ('not_provided', 'not_provided', 'partner'), ('returned', 'return', 'partner'),
                  ('cancelled', 'cancel', 'agency'), ('expired', 'expire', 'clock')) AS e(status, action, side) ON e.status = v.status`,
  );
  mark('events');
  // Visits on those taken on and worked on: one to four, a week apart, none in the future.
  await pool.query(
    `INSERT INTO voucher_visits (agency_id, id, voucher_id, visited_on, service, duration_minutes, note, recorded_by, recorded_at)
     SELECT v.agency_id, ${sqlUuid(`v.id::text || ':visit:' || i`)}, v.id, d.visited_on, ($2::text[])[${kindIndex}], 30 + 15 * (i % 4), '',
            v.partner_staff, least(now(), d.visited_on + interval '15 hours')
     FROM bench_vouchers v, generate_series(1, v.visit_count) i,
          LATERAL (SELECT least(current_date, v.issued_at::date + 2 + 7 * (i - 1)) AS visited_on) d
     WHERE v.status IN ('in_progress', 'service_provided', 'returned')`,
    [kindTexts[0], kindTexts[1]],
  );
  mark('visits');
  await pool.query(
    `INSERT INTO voucher_number_counters (agency_id, year, last_number)
     SELECT agency_id, substr(split_part(number, '-V', 2), 1, 4)::int, max(substr(split_part(number, '-V', 2), 6)::int) FROM vouchers GROUP BY 1, 2
     ON CONFLICT (agency_id, year) DO UPDATE SET last_number = GREATEST(voucher_number_counters.last_number, EXCLUDED.last_number)`,
  );

  // ---- where voucher-issue issues ----------------------------------------------------------------
  const issueCases = (
    await pool.query<{ agency_id: number; case_id: string; staff_id: string; partner_id: string; consent: boolean }>(
      `WITH chosen AS (
         SELECT c.agency_id, c.id AS case_id, c.person_id, c.responsible_staff_id AS staff_id, row_number() OVER (ORDER BY md5(c.id::text || 'issue' || $2)) AS r
         FROM cases c WHERE c.stage IN ('implementation', 'evaluation') ORDER BY md5(c.id::text || 'issue' || $2) LIMIT $1
       )
       SELECT x.agency_id, x.case_id, x.person_id, x.staff_id, p.id AS partner_id, x.r % 4 <> 0 AS consent
       FROM chosen x
       JOIN LATERAL (SELECT count(*)::int AS n FROM bench_voucher_partners WHERE agency_id = x.agency_id AND (k > 0 OR $3)) np ON np.n > 0
       JOIN LATERAL (SELECT id FROM bench_voucher_partners WHERE agency_id = x.agency_id AND (k > 0 OR $3) ORDER BY k OFFSET (x.r % np.n) LIMIT 1) p ON true
       ORDER BY x.r`,
      // Not to the measured partner (unless it is its agency's only one): its inbox reads the same page in every run.
      [options.issueCases, seed, partners.filter((p) => p.agencyId === partners[0]!.agencyId).length === 1],
    )
  ).rows;
  await pool.query(
    `WITH made AS (
       INSERT INTO consents (agency_id, id, person_id, kind, purposes, recipients, categories, valid_from, valid_to, required_signers, shown_text, language,
                             recorded_by, recorded_at)
       SELECT c.agency_id, ${sqlUuid(`'issue-consent:' || t.case_id || ':' || $4`)}, c.person_id, 'disclosure', '{referral}',
              jsonb_build_array(jsonb_build_object('kind', 'organisation', 'organisationId', t.partner_id)), '{identity,request_assessment}',
              current_date - 10, current_date + 355, '{person}', 'Jeg samtykker i at partneren får vite navnet mitt og hvorfor jeg henvises.', 'nb',
              c.responsible_staff_id, now() - interval '10 days'
       FROM unnest($1::uuid[], $2::uuid[], $3::boolean[]) AS t(case_id, partner_id, consent) JOIN cases c ON c.id = t.case_id
       WHERE t.consent
       RETURNING agency_id, id, recorded_by, recorded_at
     )
     INSERT INTO consent_events (agency_id, id, consent_id, kind, signer, method, recorded_by, at)
     SELECT agency_id, ${sqlUuid(`id::text || ':signed'`)}, id, 'signed', 'person', 'signed_on_screen', recorded_by, recorded_at FROM made`,
    [issueCases.map((c) => c.case_id), issueCases.map((c) => c.partner_id), issueCases.map((c) => c.consent), seed],
  );
  mark('issueCases');

  // ---- what was made ------------------------------------------------------------------------------
  const byStatus = Object.fromEntries(
    (
      await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM vouchers GROUP BY 1 ORDER BY 2 DESC')
    ).rows.map((r) => [r.status, r.n]),
  );
  const counts = (
    await pool.query<{ consents: number; disclosures: number; visits: number; events: number; measured: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM consents) AS consents, (SELECT count(*)::int FROM disclosures) AS disclosures,
              (SELECT count(*)::int FROM voucher_visits) AS visits, (SELECT count(*)::int FROM voucher_events) AS events,
              (SELECT count(*)::int FROM bench_vouchers WHERE k = 0) AS measured,
              (SELECT count(*)::int FROM bench_vouchers WHERE k = 0 AND status IN ('issued', 'accepted', 'in_progress')) AS open`,
    )
  ).rows[0]!;
  await pool.query('DROP TABLE bench_voucher_partners, bench_voucher_cases, bench_voucher_agencies, bench_vouchers');
  const measured = partners[0]!;
  return {
    vouchers: Object.values(byStatus).reduce((a, b) => a + b, 0),
    partners: partners.length,
    byStatus,
    consents: counts.consents,
    disclosures: counts.disclosures,
    visits: counts.visits,
    events: counts.events,
    measured: {
      partnerId: partnerIds.get(0)!,
      name: measured.name,
      agencyId: measured.agencyId,
      vouchers: counts.measured,
      open: counts.open,
      staff: staffOf.get(0)!,
    },
    issueCases: issueCases.map((c) => ({
      staffId: c.staff_id,
      agencyId: c.agency_id,
      caseId: c.case_id,
      partnerId: c.partner_id,
      consent: c.consent,
    })),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
    spent,
  };
}
