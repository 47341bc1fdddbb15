/**
 * `node --import tsx bench/explain.ts journal`: EXPLAIN (ANALYZE, BUFFERS) of the journal page's
 * SQL (bench/raw-sql.ts, a copy of journalPageOf) for the responsible worker of each of the cases
 * with the most entries, one run to warm the cache first; writes journal-explain.txt.
 *
 * `node --import tsx bench/explain.ts vouchers`: EXPLAIN (ANALYZE, BUFFERS) of the partner inbox's page (bench/raw-sql.ts, a
 * copy of partnerInbox) for the measured partner – status open as the voucher-inbox scenario reads it, and finished and all
 * for comparison – and of the gate's facts for the people on the open page; writes voucher-explain.txt.
 *
 * `node --import tsx bench/explain.ts`: EXPLAIN (ANALYZE, BUFFERS) of the person-search SQL
 * (bench/raw-sql.ts, a copy of WorkService.search) on the data the last `npm run bench` left in
 * `tillit_bench`, one query of each kind, as the agency head and as a case worker. Each runs in a
 * transaction bound to agency 1 (as the app binds it) that is rolled back. Writes search-explain.txt next to the other results
 * (BENCH_RESULTS_DIR, default bench/results) and prints a one-line summary per plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openExistingBenchDatabase, repoRoot } from './database.ts';
import { ENTER_AGENCY_SQL, JOURNAL_SQL, SEARCH_THRESHOLD_SQL, searchParts, searchQuery, VOUCHER_SQL } from './raw-sql.ts';

const log = (message: string) => process.stderr.write(`[explain] ${message}\n`);

const QUERIES = process.env.EXPLAIN_QUERIES?.split('|') ?? [
  'Fjellheim',
  'Ingrid Lind',
  'Туманова',
  '王明',
  'Fjellhiem',
  'Tumanov',
  '1980-05-17',
  '+47 912 34 567',
  'TIL-2025-000123',
  '2025-00012',
];

const resultsDir = () =>
  process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : path.join(repoRoot, 'bench', 'results');

/** The journal page's statements as the raw twin sends them, for the cases with the most entries. */
async function explainJournal(): Promise<void> {
  const database = await openExistingBenchDatabase(log);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const out: string[] = [];
  const summary: string[] = [];
  try {
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM cases) AS cases,
                pg_size_pretty(pg_total_relation_size('journal_entries')) AS size`,
      )
    ).rows[0];
    out.push(`data: ${JSON.stringify(counts)}`);
    const heavy = (
      await client.query<{ case_id: string; agency_id: number; staff_id: string; n: number }>(
        `SELECT j.case_id, c.agency_id, c.responsible_staff_id AS staff_id, count(*)::int AS n FROM journal_entries j JOIN cases c ON c.id = j.case_id
         GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT ${Number(process.env.EXPLAIN_CASES ?? 3)}`,
      )
    ).rows;
    for (const h of heavy) {
      const statements: [string, string, unknown[]][] = [
        ['case', JOURNAL_SQL.caseInReach, [h.case_id, h.staff_id, h.agency_id]],
        ['page', JOURNAL_SQL.page, [h.case_id, h.staff_id, 51]],
      ];
      await client.query('BEGIN');
      await client.query(ENTER_AGENCY_SQL, [String(h.agency_id)]);
      try {
        for (const [label, text, values] of statements) {
          await client.query(text, values); // warm
          const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
          const lines = plan.rows.map((r) => r['QUERY PLAN']);
          const time = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
          const shared = lines.find((l) => l.trim().startsWith('Buffers:'))?.trim() ?? '';
          summary.push(`case ${h.case_id} (${h.n} entries) ${label.padEnd(5)} ${time.padStart(12)}  ${shared}`);
          out.push(`\n==== ${label} / case ${h.case_id} (${h.n} entries, agency ${h.agency_id})\n${lines.join('\n')}`);
        }
        const ids = (await client.query<{ id: string }>(JOURNAL_SQL.page, [h.case_id, h.staff_id, 51])).rows.slice(0, 50).map((r) => r.id);
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${JOURNAL_SQL.attachments}`, [ids]);
        const lines = plan.rows.map((r) => r['QUERY PLAN']);
        summary.push(
          `case ${h.case_id} (${h.n} entries) files ${(lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?').padStart(12)}`,
        );
        out.push(`\n==== files / case ${h.case_id}\n${lines.join('\n')}`);
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    await client.end();
    await database.stop();
  }
  const file = path.join(resultsDir(), 'journal-explain.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${summary.join('\n')}\n${out.join('\n')}\n`);
  process.stdout.write(`${summary.join('\n')}\n\nplans: ${path.relative(process.cwd(), file)}\n`);
}

/** The inbox page as the raw twin sends it (the app's partnerInbox, with the status condition of each filter), for partner 001. */
async function explainVouchers(): Promise<void> {
  const database = await openExistingBenchDatabase(log);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const out: string[] = [];
  const summary: string[] = [];
  try {
    const partner = (
      await client.query<{ id: string; agency_id: number; name: string; vouchers: number; open: number }>(
        `SELECT po.id, po.agency_id, po.name, (SELECT count(*)::int FROM vouchers v WHERE v.partner_organisation_id = po.id) AS vouchers,
                (SELECT count(*)::int FROM vouchers v WHERE v.partner_organisation_id = po.id AND v.status IN ('issued', 'accepted', 'in_progress')) AS open
         FROM staff s JOIN partner_organisations po ON po.id = s.partner_organisation_id WHERE s.email = 'partner-001-1@bench.example.org'`,
      )
    ).rows[0];
    if (!partner) throw new Error('No partner 001: run the bench with BENCH_VOUCHERS > 0 first');
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM vouchers) AS vouchers, (SELECT count(*) FROM partner_organisations) AS partners,
                (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM voucher_visits) AS visits`,
      )
    ).rows[0];
    out.push(`data: ${JSON.stringify(counts)}; partner ${partner.name}: ${partner.vouchers} vouchers, ${partner.open} open`);
    const open = `vouchers.status IN ('issued', 'accepted', 'in_progress')`;
    const filters: [string, string][] = [
      ['open', open],
      ['finished', `vouchers.status NOT IN ('issued','accepted','in_progress')`],
      ['all', 'true'],
    ];
    if (!VOUCHER_SQL.inboxPage.includes(open)) throw new Error('The inbox page no longer filters by status as this expects');
    await client.query('BEGIN');
    await client.query(ENTER_AGENCY_SQL, [String(partner.agency_id)]);
    try {
      for (const [label, condition] of filters) {
        const text = VOUCHER_SQL.inboxPage.replace(open, condition);
        const values = [partner.agency_id, partner.id, 51];
        await client.query(text, values); // warm
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
        const lines = plan.rows.map((r) => r['QUERY PLAN']);
        const time = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
        const index = lines.find((l) => l.includes('Index Scan') && l.includes('vouchers'))?.trim() ?? 'no index scan of vouchers';
        const removed = lines.find((l) => l.includes('Rows Removed by Filter'))?.trim() ?? 'Rows Removed by Filter: 0';
        summary.push(`inbox ${label.padEnd(8)} ${time.padStart(10)}  ${index.slice(0, 60)} … ${removed}`);
        out.push(`\n==== inbox, status=${label} / partner ${partner.id} (agency ${partner.agency_id})\n${lines.join('\n')}`);
      }
      // The people the raw twin asks the gate about: those whose vouchers carry something of them.
      const page = (
        await client.query<{ person_id: string; disclosed: object }>(VOUCHER_SQL.inboxPage, [partner.agency_id, partner.id, 51])
      ).rows.slice(0, 50);
      const people = [...new Set(page.filter((r) => Object.keys(r.disclosed).length > 0).map((r) => r.person_id))];
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${VOUCHER_SQL.gateFacts}`, [people]);
      const lines = plan.rows.map((r) => r['QUERY PLAN']);
      summary.push(
        `gate facts (${people.length} people) ${(lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?').padStart(10)}`,
      );
      out.push(`\n==== gate facts of the open page's ${people.length} people\n${lines.join('\n')}`);
    } finally {
      await client.query('ROLLBACK');
    }
  } finally {
    await client.end();
    await database.stop();
  }
  const file = path.join(resultsDir(), 'voucher-explain.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${summary.join('\n')}\n${out.join('\n')}\n`);
  process.stdout.write(`${summary.join('\n')}\n\nplans: ${path.relative(process.cwd(), file)}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'journal') return explainJournal();
  if (process.argv[2] === 'vouchers') return explainVouchers();
  const database = await openExistingBenchDatabase(log);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const out: string[] = [];
  const summary: string[] = [];
  try {
    const worker = (await client.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'case-worker-001@bench.example.org'`)).rows[0]!
      .id;
    const head = (await client.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'agency-head@bench.example.org'`)).rows[0]!.id;
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM requests) AS requests`,
      )
    ).rows[0];
    out.push(`data: ${JSON.stringify(counts)}`);
    for (const [who, scoped, id] of [
      ['agency head', false, head],
      ['case worker', true, worker],
    ] as const) {
      for (const q of QUERIES) {
        const query = searchQuery(scoped, id, 1, q, searchParts(q), 20);
        await client.query('BEGIN');
        await client.query(ENTER_AGENCY_SQL, ['1']);
        try {
          await client.query(SEARCH_THRESHOLD_SQL);
          const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
          const lines = plan.rows.map((r) => r['QUERY PLAN']);
          const rows = await client.query<{ id: string }>(query.text, query.values);
          const time = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
          const shared = lines.find((l) => l.trim().startsWith('Buffers:'))?.trim() ?? '';
          summary.push(
            `${who.padEnd(11)} ${JSON.stringify(q).padEnd(20)} hits=${String(rows.rowCount).padStart(3)} ${time.padStart(12)}  ${shared}`,
          );
          out.push(`\n==== ${who} / q=${JSON.stringify(q)} (hits ${rows.rowCount})\n${lines.join('\n')}`);
        } finally {
          await client.query('ROLLBACK');
        }
      }
    }
  } finally {
    await client.end();
    await database.stop();
  }
  const file = path.join(resultsDir(), 'search-explain.txt');
  fs.writeFileSync(file, `${summary.join('\n')}\n${out.join('\n')}\n`);
  process.stdout.write(`${summary.join('\n')}\n\nplans: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
