/**
 * `node --import tsx bench/explain.ts`: EXPLAIN (ANALYZE, BUFFERS) of the person-search SQL
 * (bench/raw-sql.ts, a copy of WorkService.search) on the data the last `npm run bench` left in
 * `tillit_bench`, one query of each kind, as the agency head and as a case worker. Each runs in a
 * transaction that is rolled back. Also explains a candidate improvement (candidateQuery below)
 * and checks that it finds the same people. Writes bench/results/search-explain.txt and prints a one-line summary per plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openExistingBenchDatabase, repoRoot } from './database.ts';
import { SEARCH_THRESHOLD_SQL, searchParts, searchQuery } from './raw-sql.ts';

const log = (message: string) => process.stderr.write(`[explain] ${message}\n`);

/**
 * A candidate improvement on the current search SQL (not in the app):
 * - agency head (unscoped): the name lookup as a k-nearest-neighbour scan on a GiST trigram index
 *   (`ORDER BY keys <<-> name_search LIMIT n`, created inside the rolled-back transaction), so only
 *   the best n name matches are read instead of every match above the threshold;
 * - case worker (scoped): start from the people the worker can see (a MATERIALIZED CTE over
 *   cases_responsible_idx and case_team_staff_idx) and match names on those only.
 * The other lookups are the app's. Same first page as the app's query (ties at the cut aside).
 */
function candidateQuery(scoped: boolean, actorId: string, q: string, limit: number): { text: string; values: unknown[] } {
  const parts = searchParts(q);
  const values: unknown[] = scoped ? [actorId] : [];
  const param = (value: unknown, cast: string) => { values.push(value); return `$${values.length}::${cast}`; };
  const term = q.trim();
  const keys = parts.keys !== '' ? param(parts.keys, 'text') : null;
  const trimmed = param(term, 'text');
  const digits = parts.digits.length >= 6 ? param(parts.digits, 'text') : null;
  const date = parts.isDate ? param(term, 'date') : null;
  // Case numbers only when the query has a digit: in the C locale pg_trgm extracts no trigrams from
  // Cyrillic or Han text, so ILIKE '%Туманова%' cannot use cases_case_number_trgm and scans cases.
  const like = term.length >= 3 && /\d/.test(term) ? param(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, 'text') : null;
  const n = param(limit + 1, 'int');
  const caseScope = scoped ? '(c.responsible_staff_id = $1 OR EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.staff_id = $1))' : 'true';
  const nameLookup = !keys ? null : scoped
    ? `SELECT p.id, word_similarity(${keys}, p.name_search) AS score FROM visible v JOIN persons p ON p.id = v.id WHERE word_similarity(${keys}, p.name_search) >= current_setting('pg_trgm.word_similarity_threshold')::real`
    : `SELECT k.id, word_similarity(${keys}, k.name_search) AS score FROM (SELECT id, name_search FROM persons WHERE ${keys} <% name_search ORDER BY ${keys} <<-> name_search LIMIT ${n}) k`;
  const lookups = [
    nameLookup,
    `SELECT p.id, 1::real FROM persons p WHERE p.national_id = ${trimmed}`,
    digits ? `SELECT p.id, 1::real FROM persons p WHERE p.phone_keys @> ARRAY[${digits}]::text[]` : null,
    date ? `SELECT p.id, 0.9::real FROM persons p WHERE p.birth_date = ${date}` : null,
    like ? `SELECT c.person_id, 1::real FROM cases c WHERE c.case_number ILIKE ${like} AND ${caseScope}` : null,
  ].filter((l) => l !== null);
  const visible = scoped
    ? `visible AS MATERIALIZED (SELECT person_id AS id FROM cases WHERE responsible_staff_id = $1
         UNION SELECT c.person_id FROM case_team_members m JOIN cases c ON c.id = m.case_id WHERE m.staff_id = $1
         UNION SELECT id FROM persons WHERE created_by = $1),`
    : '';
  const text = `
    WITH ${visible} hits AS (${lookups.join(' UNION ALL ')}),
         best AS (SELECT id, max(score) AS score FROM hits GROUP BY id)
    SELECT p.id, p.given_name, p.family_name, p.birth_date, best.score,
           (SELECT json_agg(json_build_object('id', c.id, 'caseNumber', c.case_number) ORDER BY c.opened_at DESC) FROM cases c WHERE c.person_id = p.id AND ${caseScope}) AS cases
    FROM best JOIN persons p ON p.id = best.id
    WHERE ${scoped ? 'p.id IN (SELECT id FROM visible)' : 'true'}
    ORDER BY best.score DESC, p.family_name, p.id
    LIMIT ${n} OFFSET 0`;
  return { text, values };
}

const QUERIES = process.env.EXPLAIN_QUERIES?.split('|') ?? ['Fjellheim', 'Ingrid Lind', 'Туманова', '王明', 'Fjellhiem', 'Tumanov', '1980-05-17', '+47 912 34 567', 'TIL-2025-000123', '2025-00012'];

async function main(): Promise<void> {
  const database = await openExistingBenchDatabase(log);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const out: string[] = [];
  const summary: string[] = [];
  try {
    const worker = (await client.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'case-worker-001@bench.example.org'`)).rows[0]!.id;
    const head = (await client.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'agency-head@bench.example.org'`)).rows[0]!.id;
    const counts = (await client.query(`SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM requests) AS requests`)).rows[0];
    out.push(`data: ${JSON.stringify(counts)}`);
    for (const variant of ['app', 'candidate'] as const) {
      for (const [who, scoped, id] of [['agency head', false, head], ['case worker', true, worker]] as const) {
        for (const q of QUERIES) {
          const query = variant === 'app' ? searchQuery(scoped, id, q, searchParts(q), 20) : candidateQuery(scoped, id, q, 20);
          await client.query('BEGIN');
          try {
            if (variant === 'candidate' && !scoped) await client.query('CREATE INDEX persons_name_search_gist ON persons USING gist (name_search gist_trgm_ops)');
            await client.query(SEARCH_THRESHOLD_SQL);
            const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
            const lines = plan.rows.map((r) => r['QUERY PLAN']);
            const rows = await client.query<{ id: string; score: number }>(query.text, query.values);
            if (variant === 'candidate') {
              // The candidate must find what the app finds.
              const app = await client.query<{ id: string; score: number }>(searchQuery(scoped, id, q, searchParts(q), 20).text, searchQuery(scoped, id, q, searchParts(q), 20).values);
              const same = new Set(app.rows.map((r) => r.id));
              const overlap = rows.rows.filter((r) => same.has(r.id)).length;
              const scores = (r: { score: number }[]) => r.map((x) => Number(x.score).toFixed(4)).join(',');
              if (overlap !== app.rowCount || rows.rowCount !== app.rowCount) {
                summary.push(`  (candidate: ${overlap} of ${app.rowCount} app rows, ${rows.rowCount} rows; scores ${scores(rows.rows) === scores(app.rows) ? 'identical – only ties at the same score are broken differently' : 'DIFFER'})`);
              }
            }
            const time = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
            const shared = lines.find((l) => l.trim().startsWith('Buffers:'))?.trim() ?? '';
            summary.push(`${variant.padEnd(9)} ${who.padEnd(11)} ${JSON.stringify(q).padEnd(20)} hits=${String(rows.rowCount).padStart(3)} ${time.padStart(12)}  ${shared}`);
            out.push(`\n==== ${variant} / ${who} / q=${JSON.stringify(q)} (hits ${rows.rowCount})\n${lines.join('\n')}`);
          } finally {
            await client.query('ROLLBACK');
          }
        }
      }
    }
  } finally {
    await client.end();
    await database.stop();
  }
  const file = path.join(repoRoot, 'bench', 'results', 'search-explain.txt');
  fs.writeFileSync(file, `${summary.join('\n')}\n${out.join('\n')}\n`);
  process.stdout.write(`${summary.join('\n')}\n\nplans: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
