/**
 * `node --import tsx bench/round-trips.ts`: the statements one request of each voucher scenario
 * sends to PostgreSQL, counted on the data the last `npm run bench` left in `tillit_bench` – the
 * app (`buildApp`, no background work) in this process, requests by `inject`, every query any
 * pooled client sends while the request runs recorded (as test/integration/round-trips.test.ts
 * counts them), after three requests to warm up. Statements of one request sent while another of
 * its statements is in flight (`Promise.all` on the one transaction client) queue behind it: each is
 * still its own round trip. Writes round-trips.txt into BENCH_RESULTS_DIR (default bench/results).
 *
 * - voucher-inbox: GET /api/v1/partner/vouchers?status=open&limit=50 as partner 001's second staff member;
 * - voucher-issue: POST /api/v1/cases/:id/vouchers as the responsible worker of an open case whose person
 *   has a consent in force naming a partner, to that partner (so the disclosure is made).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createSession, tokenHash } from '../src/areas/auth/auth.store.ts';
import { loadConfig } from '../src/core/config.ts';
import { createDatabase } from '../src/core/db/pool.ts';
import { createLogger } from '../src/core/logger.ts';
import { buildApp } from '../src/server/app.ts';
import { openExistingBenchDatabase, repoRoot } from './database.ts';

const log = (message: string) => process.stderr.write(`[round-trips] ${message}\n`);
const sent: string[] = [];
let counting = false;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text).replace(/\s+/g, ' '));
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** A statement as it is listed: the first words, with what it reads or writes. */
function label(text: string): string {
  const parts = text.trim().split(/;\s*/);
  const describe = (statement: string) => {
    // drizzle quotes the table it reads or writes; subqueries written by hand do not.
    const from = (/\b(?:from|into|update)\s+"(\w+)"/i.exec(statement) ?? /\b(?:from|into|update)\s+(\w+)/i.exec(statement))?.[1] ?? '';
    const verb = statement.trim().split(/\s+/)[0]!.toUpperCase();
    if (/set_config\('tillit\.agency_id'/.test(statement)) return 'the agency binding';
    if (verb === 'BEGIN' || verb === 'COMMIT') return verb;
    if (/FROM sessions s/i.test(statement)) return 'SELECT the session (findActiveSession)';
    return `${verb} ${from}${/count\(\*\)::int FROM voucher_visits/.test(statement) ? ' (with the visit counts)' : ''}`;
  };
  return parts.filter(Boolean).map(describe).join(' + ');
}

async function main(): Promise<void> {
  const database = await openExistingBenchDatabase(log);
  const db = createDatabase(database.url);
  const config = loadConfig({ DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const app = await buildApp({ config, db, logger: createLogger('warn') });
  const out: string[] = [];
  try {
    const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      (await db.$client.query<T>(text, values)).rows[0];
    const partnerStaff = await one<{ id: string }>(`SELECT id FROM staff WHERE email = 'partner-001-2@bench.example.org'`);
    if (!partnerStaff) throw new Error('No partner 001: run the bench with BENCH_VOUCHERS > 0 first');
    const issue = await one<{ case_id: string; staff_id: string; partner_id: string }>(
      `SELECT c.id AS case_id, c.responsible_staff_id AS staff_id, k.recipients -> 0 ->> 'organisationId' AS partner_id
       FROM consents k JOIN cases c ON c.person_id = k.person_id
       WHERE c.stage IN ('implementation', 'evaluation') AND 'referral' = ANY(k.purposes) AND k.valid_from <= current_date AND k.valid_to >= current_date + 30
         AND EXISTS (SELECT 1 FROM consent_events e WHERE e.consent_id = k.id AND e.kind = 'signed')
         AND NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.consent_id = k.id AND e.kind = 'withdrawn')
       ORDER BY c.id LIMIT 1`,
    );
    if (!issue) throw new Error('No open case with a consent in force');
    const partnerToken = await createSession(db, partnerStaff.id, 'complete', '127.0.0.1');
    const workerToken = await createSession(db, issue.staff_id, 'complete', '127.0.0.1');
    const csrf = (await one<{ csrf_token: string }>('SELECT csrf_token FROM sessions WHERE token_hash = $1', [tokenHash(workerToken)]))!
      .csrf_token;
    const requests: [string, () => Promise<{ statusCode: number; body: string; json: () => unknown }>][] = [
      [
        'voucher-inbox: GET /api/v1/partner/vouchers?status=open&limit=50',
        () =>
          app.inject({
            method: 'GET',
            url: '/api/v1/partner/vouchers?status=open&limit=50',
            headers: { cookie: `tillit_session=${partnerToken}` },
          }),
      ],
      [
        'voucher-issue: POST /api/v1/cases/:id/vouchers (a consent in force: the disclosure is made)',
        () =>
          app.inject({
            method: 'POST',
            url: `/api/v1/cases/${issue.case_id}/vouchers`,
            headers: { cookie: `tillit_session=${workerToken}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
            payload: JSON.stringify({
              partnerOrganisationId: issue.partner_id,
              serviceName: 'Budget advice',
              categories: ['identity', 'request_assessment'],
            }),
          }),
      ],
    ];
    for (const [name, request] of requests) {
      for (let i = 0; i < 3; i++) await request();
      sent.length = 0;
      counting = true;
      const t0 = performance.now();
      const response = await request();
      const ms = performance.now() - t0;
      counting = false;
      if (response.statusCode >= 300) throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      const body = response.json() as { items?: { person: unknown }[]; categoriesGiven?: string[] };
      const what = body.items
        ? `${body.items.length} vouchers, ${body.items.filter((v) => v.person !== null).length} with the person shown`
        : `categories given: ${body.categoriesGiven?.join(', ') || 'none'}`;
      const counts = new Map<string, number>();
      for (const text of sent) counts.set(label(text), (counts.get(label(text)) ?? 0) + 1);
      out.push(`${name}\n  ${sent.length} round trips, ${ms.toFixed(1)} ms in process; ${what}`);
      for (const [statement, n] of counts) out.push(`  ${String(n).padStart(4)} × ${statement}`);
      out.push('');
    }
  } finally {
    await app.close();
    await db.$client.end();
    await database.stop();
  }
  const dir = process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : path.join(repoRoot, 'bench', 'results');
  const file = path.join(dir, 'round-trips.txt');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  process.stdout.write(`${out.join('\n')}\nwritten: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
