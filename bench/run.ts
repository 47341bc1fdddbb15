/**
 * `npm run bench`: a fresh `tillit_bench` database with synthetic data, the real app under
 * autocannon, and the same database work as raw SQL for comparison. Writes bench/results/*.json
 * and prints a table. Exits 1 when any request or raw operation failed. See bench/README.md.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildServer, SERVER_NODE_FLAGS } from '../scripts/build-server.ts';
import { createSession, tokenHash } from '../src/areas/auth/auth.store.ts';
import { verifyAuditChain } from '../src/core/audit-store.ts';
import { createDatabase, type Database } from '../src/core/db/pool.ts';
import { prepareDatabase } from '../src/server/database-setup.ts';
import type { AppServerMessage } from './app-server.ts';
import { type CpuUse, cpuPerRequest, cpuSnapshot } from './cpu.ts';
import { BENCH_DATABASE, repoRoot, startBenchDatabase } from './database.ts';
import { type Dataset, generateDataset } from './generate.ts';
import { journalNote } from './journal.ts';
import { type EndpointRun, type EndpointScenario, runEndpoint } from './load.ts';
import { RSS_TARGET_MB, RssSampler, type RssSummary } from './memory.ts';
import {
  caseOverviewOperation,
  type JournalEntryBody,
  journalAppendOperation,
  journalPageOperation,
  loginOperation,
  personReadOperation,
  personSearchOperation,
  type RawOperation,
  type RawRun,
  type RequestBody,
  rawSqlText,
  requestCreateOperation,
  runRaw,
  sessionCheckOperation,
  voucherInboxOperation,
  voucherIssueOperation,
} from './raw-sql.ts';
import { formatTable, ms, ratio } from './stats.ts';
import { WaitSampler, type WaitSummary } from './waits.ts';

const SCENARIOS = [
  'login',
  'session-check',
  'person-read',
  'person-search-head',
  'person-search-worker',
  'request-create',
  'case-page',
  'journal-page',
  'journal-append',
  'voucher-inbox',
  'voucher-issue',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];
/** Names that select several scenarios. */
const ALIASES: Record<string, ScenarioName[]> = { 'person-search': ['person-search-head', 'person-search-worker'] };
/** The issues' p95 targets, per scenario. */
const P95_TARGET_MS: Partial<Record<ScenarioName, number>> = { 'person-search-head': 50, 'person-search-worker': 50, 'case-page': 20 };
/** The issues' targets for the endpoint's p50 against its raw SQL's (issue 13 item 8: within 1.5×). */
const P50_RATIO_TARGET: Partial<Record<ScenarioName, number>> = { 'voucher-inbox': 1.5, 'voucher-issue': 1.5 };

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

function connectionCounts(): number[] {
  const raw = process.env.BENCH_CONNECTIONS ?? '10';
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_CONNECTIONS must be integers ≥ 1, separated by commas (got "${raw}")`);
  return counts;
}

function selectedScenarios(): ScenarioName[] {
  const raw = process.env.BENCH_SCENARIOS;
  if (!raw) return [...SCENARIOS];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((n) => ALIASES[n] ?? [n]);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${[...SCENARIOS, ...Object.keys(ALIASES)].join(', ')})`);
  return SCENARIOS.filter((s) => names.includes(s));
}

const people = intFromEnv('BENCH_PEOPLE', 20_000, 10);
const settings = {
  people,
  /** Twenty agencies from issue size up (each tenant a realistic size), one below (the default run stays comparable). */
  agencies: intFromEnv('BENCH_AGENCIES', people >= 100_000 ? 20 : 1, 1),
  requests: process.env.BENCH_REQUESTS ? intFromEnv('BENCH_REQUESTS', 0, 0) : undefined,
  seconds: intFromEnv('BENCH_SECONDS', 10, 1),
  warmupSeconds: intFromEnv('BENCH_WARMUP_SECONDS', 2, 0),
  /** One or more connection counts ("10,1"): every scenario runs at each, on the same data. */
  connections: connectionCounts(),
  seed: intFromEnv('BENCH_SEED', 20_260_101, 0),
  loginAccounts: intFromEnv('BENCH_LOGIN_ACCOUNTS', 16, 1),
  /** Journal entries overall: a few cases with 5 000 each (journal-page), the rest spread thinly over the other cases. */
  journalEntries: intFromEnv('BENCH_JOURNAL_ENTRIES', 100_000, 0),
  journalHeavyCases: intFromEnv('BENCH_JOURNAL_HEAVY_CASES', 8, 0),
  /** Referral vouchers over the partner organisations (bench/vouchers.ts); 0 makes none. */
  vouchers: intFromEnv('BENCH_VOUCHERS', 100_000, 0),
  partners: intFromEnv('BENCH_PARTNERS', 200, 1),
  /** Milliseconds between samples of the backends' wait events during the measured runs (bench/waits.ts); 0: none. */
  waitSampleMs: intFromEnv('BENCH_WAIT_SAMPLE_MS', 0, 0),
  scenarios: selectedScenarios(),
};

const resultsDir = process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : path.join(repoRoot, 'bench', 'results');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/**
 * BENCH_WAIT_FOR=<file>: the data is made, then the measurements wait until the file exists – so
 * a long generation can run beside other work and the runs be timed for a quiet machine.
 */
async function waitForSignal(file: string | undefined): Promise<void> {
  if (!file) return;
  log(`data ready; measuring once ${file} exists`);
  while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 2_000));
}

// ---- the app in its own process ------------------------------------------------------------------

interface RunningApp {
  url: string;
  /** The app's process, whose resident memory is sampled. */
  pid: number;
  stop: () => Promise<void>;
}

/** The app server bundled as `npm start` runs the server: plain JavaScript, no TypeScript loader. */
const APP_SERVER_BUNDLE = 'dist/bench/app-server.mjs';

async function startApp(databaseUrl: string): Promise<RunningApp> {
  await buildServer({ entry: 'bench/app-server.ts', outfile: APP_SERVER_BUNDLE });
  const child: ChildProcess = fork(path.join(repoRoot, APP_SERVER_BUNDLE), [], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [
      ...SERVER_NODE_FLAGS,
      ...(process.env.BENCH_APP_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_APP_CPU_PROFILE}`] : []),
    ],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('The app did not start within 60 s'));
    }, 60_000);
    child.on('message', (message: AppServerMessage) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        resolve({ url: message.url, pid: child.pid!, stop });
      }
      if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`The app failed to start:\n${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited (code ${code}) before listening`));
    });
  });
}

// ---- scenarios -----------------------------------------------------------------------------------

interface Scenario {
  name: ScenarioName;
  endpoint: { request: string; measures: string; load: EndpointScenario };
  raw: { measures: string; operation: RawOperation; sql: string[] };
}

interface Search {
  staffId: string;
  agencyId: number;
  role: 'agency_head' | 'case_worker';
  token: string;
  q: string;
}

interface Fixtures {
  loginEmails: string[];
  password: string;
  sessionTokens: string[];
  reads: { staffId: string; agencyId: number; personId: string; token: string }[];
  /** (agency head, query made from their agency's people) pairs. */
  headSearches: Search[];
  /** (case worker, query made from their agency's people) pairs, over 32 case workers spread over the agencies. */
  workerSearches: Search[];
  searchWorkers: number;
  intake: { staffId: string; agencyId: number; unitId: string | null; token: string; csrf: string }[];
  requestBodies: RequestBody[];
  caseReads: { staffId: string; agencyId: number; caseId: string; token: string }[];
  /** The responsible workers of the cases with 5 000 entries, and their sessions. */
  journalPages: { staffId: string; agencyId: number; caseId: string; token: string }[];
  /** Responsible workers of open cases, with their sessions and CSRF tokens, and the entries they write. */
  journalWriters: { staffId: string; agencyId: number; caseId: string; token: string; csrf: string }[];
  journalBodies: JournalEntryBody[];
  /** The measured partner's staff, with their sessions: who reads the inbox. */
  inboxReaders: { staffId: string; agencyId: number; partnerId: string; token: string }[];
  /** Responsible workers of open cases, with their sessions and CSRF tokens, and the partner of the case's agency they issue to. */
  voucherIssuers: { staffId: string; agencyId: number; caseId: string; partnerId: string; token: string; csrf: string }[];
}

/** What voucher-issue sends, besides the partner: a service and the two categories the gate is asked about. */
const VOUCHER_BODY = {
  serviceName: 'Budget advice',
  categories: ['identity', 'request_assessment'] as const,
  reason: '',
  forPartner: '',
};

/** Entries a case worker writes: yesterday's meeting, call or visit, in one of the four languages. */
function journalBodies(): JournalEntryBody[] {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const kinds = ['meeting', 'phone_call', 'home_visit', 'message'];
  return Array.from({ length: 64 }, (_, i): JournalEntryBody => {
    const note = journalNote(i % 4, (i * 5) % 12, (i * 7) % 12, (i * 11) % 12);
    return {
      kind: kinds[i % kinds.length]!,
      occurredOn: yesterday,
      occurredTime: i % 3 === 0 ? null : `${String(8 + (i % 9)).padStart(2, '0')}:${i % 2 === 0 ? '15' : '40'}`,
      text: { type: 'doc', content: note.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
    };
  });
}

/** Valid POST /api/v1/requests bodies, one in eight urgent (by triage or set by hand), none linked to a person. */
function requestBodies(): RequestBody[] {
  const channels = ['phone', 'walk_in', 'online_form', 'letter_email', 'agency_referral', 'outreach'];
  const problems = [
    'housing after an eviction notice',
    'debts that keep growing',
    'loneliness since moving here',
    'a conflict with the landlord',
    'money for food until the next payment',
    'caring for a parent with dementia',
  ];
  const languages = ['nb', 'sv', 'en', 'ru', 'zh-Hans'];
  return Array.from({ length: 64 }, (_, i): RequestBody => {
    const urgent = i % 8 === 0;
    return {
      channel: channels[i % channels.length]!,
      cameVia: i % 5 === 0 ? 'relative' : 'self',
      language: languages[i % languages.length]!,
      ownWords: `I need help with ${problems[i % problems.length]!} (bench request ${i}).`,
      mainProblem: problems[i % problems.length]!,
      region: i % 3 === 0 ? null : 'Oslo',
      serviceCategory: null,
      informedOfScopeAndConfidentiality: i % 2 === 0,
      triage: { dangerToLife: urgent && i % 16 === 0, childAtRisk: false, selfHarm: false },
      ...(urgent && i % 16 !== 0 ? { priority: 'urgent' as const } : i % 7 === 0 ? { priority: 'low' as const } : {}),
    };
  });
}

async function prepareFixtures(db: Database, dataset: Dataset): Promise<Fixtures> {
  // One live session per case worker, made the way the app makes them.
  const tokenOf = new Map<string, string>();
  for (const worker of dataset.caseWorkers) tokenOf.set(worker.id, await createSession(db, worker.id, 'complete', '127.0.0.1'));
  const headTokens = new Map<number, { staffId: string; token: string }>();
  for (const head of dataset.agencyHeads)
    headTokens.set(head.agencyId, { staffId: head.id, token: await createSession(db, head.id, 'complete', '127.0.0.1') });
  const intake: Fixtures['intake'] = [];
  for (const worker of dataset.intakeWorkers) {
    const token = await createSession(db, worker.id, 'complete', '127.0.0.1');
    const csrf = (
      await db.$client.query<{ csrf_token: string }>('SELECT csrf_token FROM sessions WHERE token_hash = $1', [tokenHash(token)])
    ).rows[0]!.csrf_token;
    intake.push({ staffId: worker.id, agencyId: worker.agencyId, unitId: worker.unitId, token, csrf });
  }
  const queries = dataset.searchQueries;
  const headSearches = queries.map((s): Search => ({ ...headTokens.get(s.agencyId)!, agencyId: s.agencyId, role: 'agency_head', q: s.q }));
  // 32 case workers spread evenly over the list (so over the agencies), each with its own agency's queries.
  const step = dataset.caseWorkers.length / Math.min(32, dataset.caseWorkers.length);
  const searchWorkers = Array.from(
    { length: Math.min(32, dataset.caseWorkers.length) },
    (_, i) => dataset.caseWorkers[Math.floor(i * step)]!,
  );
  const queriesOf = new Map<number, string[]>();
  for (const s of queries) queriesOf.set(s.agencyId, [...(queriesOf.get(s.agencyId) ?? []), s.q]);
  const workerSearches = queries.map((_, i): Search => {
    const worker = searchWorkers[i % searchWorkers.length]!;
    const own = queriesOf.get(worker.agencyId) ?? [];
    return {
      staffId: worker.id,
      agencyId: worker.agencyId,
      role: 'case_worker',
      token: tokenOf.get(worker.id)!,
      q: own[Math.floor(i / searchWorkers.length) % own.length]!,
    };
  });
  return {
    headSearches,
    workerSearches,
    searchWorkers: searchWorkers.length,
    intake,
    requestBodies: requestBodies(),
    // Several accounts, so concurrent logins do not queue on one staff row (login updates last_login_at).
    loginEmails: dataset.caseWorkers.slice(0, settings.loginAccounts).map((w) => w.email),
    password: dataset.password,
    sessionTokens: [...tokenOf.values()],
    reads: dataset.assignments.map((a) => ({
      staffId: a.staffId,
      agencyId: a.agencyId,
      personId: a.personId,
      token: tokenOf.get(a.staffId)!,
    })),
    caseReads: dataset.plannedCases.map((c) => ({ ...c, token: tokenOf.get(c.staffId)! })),
    journalPages: dataset.journal.heavyCases.map((c) => ({ ...c, token: tokenOf.get(c.staffId)! })),
    journalWriters: await Promise.all(
      dataset.journal.appendCases.map(async (c) => {
        const token = tokenOf.get(c.staffId)!;
        const csrf = (
          await db.$client.query<{ csrf_token: string }>('SELECT csrf_token FROM sessions WHERE token_hash = $1', [tokenHash(token)])
        ).rows[0]!.csrf_token;
        return { ...c, token, csrf };
      }),
    ),
    journalBodies: journalBodies(),
    inboxReaders: await Promise.all(
      (dataset.vouchers?.measured.staff ?? []).map(async (s) => ({
        staffId: s.id,
        agencyId: s.agencyId,
        partnerId: dataset.vouchers!.measured.partnerId,
        token: await createSession(db, s.id, 'complete', '127.0.0.1'),
      })),
    ),
    voucherIssuers: await Promise.all(
      (dataset.vouchers?.issueCases ?? []).map(async (c) => {
        const token = tokenOf.get(c.staffId)!;
        const csrf = (
          await db.$client.query<{ csrf_token: string }>('SELECT csrf_token FROM sessions WHERE token_hash = $1', [tokenHash(token)])
        ).rows[0]!.csrf_token;
        return { staffId: c.staffId, agencyId: c.agencyId, caseId: c.caseId, partnerId: c.partnerId, token, csrf };
      }),
    ),
  };
}

function rotating<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function buildScenarios(fixtures: Fixtures, rawPool: pg.Pool): Scenario[] {
  const cookie = (token: string) => `tillit_session=${token}`;
  const nextEmail = rotating(fixtures.loginEmails);
  const nextToken = rotating(fixtures.sessionTokens);
  const nextRead = rotating(fixtures.reads);
  const nextCaseRead = rotating(fixtures.caseReads);
  const searchPath = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;
  const nextHeadSearch = rotating(fixtures.headSearches);
  const nextWorkerSearch = rotating(fixtures.workerSearches);
  const nextIntake = rotating(fixtures.intake);
  const nextBody = rotating(fixtures.requestBodies);
  const nextJournalPage = rotating(fixtures.journalPages);
  const unavailable: RawOperation = () => Promise.reject(new Error('no fixtures for this scenario'));
  const nextJournalWriter = rotating(fixtures.journalWriters);
  const nextJournalBody = rotating(fixtures.journalBodies);
  const nextInboxReader = rotating(fixtures.inboxReaders);
  const nextIssuer = rotating(fixtures.voucherIssuers);
  const queryKinds =
    'name fragments in Latin, Cyrillic and Chinese, misspellings, Latin spellings of Cyrillic names, birth dates, phone numbers (international and national), case numbers (whole and partial)';
  return [
    {
      name: 'login',
      endpoint: {
        request: 'POST /api/v1/auth/login',
        measures: `Valid sign-in rotating over ${fixtures.loginEmails.length} accounts: throttle check, account lookup, argon2id verify (19 MiB, t=2), then a transaction clearing failures, updating last_login_at, creating the session and appending the audit event.`,
        load: {
          method: 'POST',
          next: () => ({
            path: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: nextEmail(), password: fixtures.password }),
          }),
        },
      },
      raw: {
        measures: 'Account SELECT by e-mail, argon2id verify, session INSERT (autocommit).',
        operation: loginOperation(rawPool, fixtures.loginEmails, fixtures.password),
        sql: rawSqlText.login,
      },
    },
    {
      name: 'session-check',
      endpoint: {
        request: 'GET /api/v1/auth/session',
        measures: `Session cookie lookup (findActiveSession: one SELECT joining sessions, staff and agency) and the JSON answer, rotating over ${fixtures.sessionTokens.length} sessions.`,
        load: { method: 'GET', next: () => ({ path: '/api/v1/auth/session', headers: { cookie: cookie(nextToken()) } }) },
      },
      raw: {
        measures: 'The findActiveSession SELECT.',
        operation: sessionCheckOperation(rawPool, fixtures.sessionTokens),
        sql: rawSqlText['session-check'],
      },
    },
    {
      name: 'case-page',
      endpoint: {
        request: 'GET /api/v1/cases/:id/overview',
        measures: `The responsible case worker opens a case with an active plan (${fixtures.caseReads.length} cases in rotation): session lookup, then one transaction: the scoped case, the person, the active plan and any plan in preparation, the plan's signatures, its tracked steps, the latest assessment and its needs, the team, and the audit append.`,
        load: {
          method: 'GET',
          next: () => {
            const read = nextCaseRead();
            return { path: `/api/v1/cases/${read.caseId}/overview`, headers: { cookie: cookie(read.token) } };
          },
        },
      },
      raw: {
        measures: 'The same SELECTs in one transaction, then the audit append. No session lookup (see session-check).',
        operation: caseOverviewOperation(rawPool, fixtures.caseReads),
        sql: rawSqlText['case-page'],
      },
    },
    {
      name: 'person-read',
      endpoint: {
        request: 'GET /api/v1/persons/:id',
        measures: `A case worker reads a person on one of their cases (${fixtures.reads.length} worker/person pairs, responsible or team member): session lookup, then one transaction with the scoped SELECT and the audit append (advisory lock, chain head, INSERT).`,
        load: {
          method: 'GET',
          next: () => {
            const read = nextRead();
            return { path: `/api/v1/persons/${read.personId}`, headers: { cookie: cookie(read.token) } };
          },
        },
      },
      raw: {
        measures:
          'One transaction: the scoped SELECT of the person, then the audit append. No session lookup (the endpoint also does one: see session-check).',
        operation: personReadOperation(rawPool, fixtures.reads),
        sql: rawSqlText['person-read'],
      },
    },
    {
      name: 'person-search-head',
      endpoint: {
        request: 'GET /api/v1/search?q= (agency head)',
        measures: `The agency heads (each sees every person of their agency) search, rotating over ${fixtures.headSearches.length} queries made from their own agency's people: ${queryKinds}. Session lookup, then one transaction: SET LOCAL pg_trgm.word_similarity_threshold, the search SELECT (a page of 20), one audit event naming the people shown.`,
        load: {
          method: 'GET',
          next: () => {
            const search = nextHeadSearch();
            return { path: searchPath(search.q), headers: { cookie: cookie(search.token) } };
          },
        },
      },
      raw: {
        measures:
          'One transaction: SET LOCAL threshold, the unscoped search SELECT, the audit append with an event per hit. No session lookup.',
        operation: personSearchOperation(rawPool, fixtures.headSearches),
        sql: rawSqlText['person-search'],
      },
    },
    {
      name: 'person-search-worker',
      endpoint: {
        request: 'GET /api/v1/search?q= (case worker)',
        measures: `${fixtures.searchWorkers} case workers (see only people on their cases or registered by them) search, rotating over ${fixtures.workerSearches.length} queries made from their own agency's people. Same work as person-search-head with the 'assigned' scope conditions.`,
        load: {
          method: 'GET',
          next: () => {
            const search = nextWorkerSearch();
            return { path: searchPath(search.q), headers: { cookie: cookie(search.token) } };
          },
        },
      },
      raw: {
        measures: 'As person-search-head with the case-worker scope (created_by or a case they are responsible for / on the team of).',
        operation: personSearchOperation(rawPool, fixtures.workerSearches),
        sql: rawSqlText['person-search'],
      },
    },
    {
      name: 'request-create',
      endpoint: {
        request: 'POST /api/v1/requests (intake worker)',
        measures: `${fixtures.intake.length} intake workers record first contacts (${fixtures.requestBodies.length} valid bodies, one in eight urgent, no linked person): session lookup and CSRF check, validation, then one transaction: agency rules, screening, INSERT … RETURNING, the supervisors' alert when urgent, the audit append.`,
        load: {
          method: 'POST',
          next: () => {
            const worker = nextIntake();
            return {
              path: '/api/v1/requests',
              headers: { 'content-type': 'application/json', cookie: cookie(worker.token), 'x-csrf-token': worker.csrf },
              body: JSON.stringify(nextBody()),
            };
          },
        },
      },
      raw: {
        measures:
          'One transaction: agency rules SELECT, screening in the client, the requests INSERT, the alert INSERT when urgent, the audit append. No session lookup.',
        operation: requestCreateOperation(rawPool, fixtures.intake, fixtures.requestBodies),
        sql: rawSqlText['request-create'],
      },
    },
    {
      name: 'journal-page',
      endpoint: {
        request: 'GET /api/v1/cases/:id/journal?limit=50',
        measures: `The responsible case worker opens the journal of a case with ${fixtures.journalPages.length ? '5 000' : 'no'} signed entries (${fixtures.journalPages.length} such cases in rotation, one per agency in turn): session lookup, then one transaction: the case in reach, the agency's settings, the newest 50 entries the worker may read (keyset page: ORDER BY occurred_at DESC, id DESC LIMIT 51, with the authors' names and any signed correction), their files' metadata, the read event.`,
        load: {
          method: 'GET',
          next: () => {
            const read = nextJournalPage();
            return { path: `/api/v1/cases/${read.caseId}/journal?limit=50`, headers: { cookie: cookie(read.token) } };
          },
        },
      },
      raw: {
        measures:
          'One transaction: the case in reach, the same page SELECT (visibility condition, LIMIT 51, author names, correctedBy subquery), the files query, the audit append. No session lookup, no agency settings read (the app reads them for a search, which this page has not).',
        operation: fixtures.journalPages.length > 0 ? journalPageOperation(rawPool, fixtures.journalPages) : unavailable,
        sql: rawSqlText['journal-page'],
      },
    },
    {
      name: 'journal-append',
      endpoint: {
        request: 'POST /api/v1/cases/:id/journal, then POST /api/v1/journal-entries/:id/sign',
        measures: `One operation of two requests on one connection, its latency their sum: a case's responsible worker (${fixtures.journalWriters.length} open cases in rotation, ${fixtures.journalBodies.length} bodies in four languages) creates a draft – session and CSRF, validation, one transaction: the open case in reach, the agency's settings, the INSERT with the search tsvector (searchVectorOf), the author's name, the create event – then signs it at the version returned: session and CSRF, one transaction: the entry locked within reach, the agency's settings, the UPDATE to signed, the files, the sign event.`,
        load: {
          steps: [
            {
              method: 'POST',
              next: (context) => {
                const writer = nextJournalWriter();
                context.writer = writer;
                return {
                  path: `/api/v1/cases/${writer.caseId}/journal`,
                  headers: { 'content-type': 'application/json', cookie: cookie(writer.token), 'x-csrf-token': writer.csrf },
                  body: JSON.stringify(nextJournalBody()),
                };
              },
              onResponse: (body, context) => {
                const entry = JSON.parse(body) as { id: string; version: number };
                context.entry = entry;
              },
            },
            {
              method: 'POST',
              next: (context) => {
                const writer = context.writer as Fixtures['journalWriters'][number] | undefined;
                const entry = context.entry as { id: string; version: number } | undefined;
                if (!writer || !entry) return null;
                return {
                  path: `/api/v1/journal-entries/${entry.id}/sign`,
                  headers: { 'content-type': 'application/json', cookie: cookie(writer.token), 'x-csrf-token': writer.csrf },
                  body: JSON.stringify({ version: entry.version }),
                };
              },
            },
          ],
        },
      },
      raw: {
        measures:
          'Two transactions, as the two requests: the open case in reach, the agency settings it needs, the INSERT … RETURNING with the tsvector (terms made in the client), the create event; then the entry SELECT … FOR UPDATE within reach, the agency settings, the UPDATE to signed, the sign event. No session lookups; neither the author-name read after the INSERT nor the files read after the UPDATE (the responses need them, the work does not).',
        operation: journalAppendOperation(rawPool, fixtures.journalWriters, fixtures.journalBodies),
        sql: rawSqlText['journal-append'],
      },
    },
    {
      name: 'voucher-inbox',
      endpoint: {
        request: 'GET /api/v1/partner/vouchers?status=open&limit=50',
        measures: `A partner's staff member (${fixtures.inboxReaders.length} of the measured partner's in rotation) opens the inbox: session lookup, then one transaction: the newest 50 open vouchers addressed to the organisation (keyset page LIMIT 51, partner and agency names, visit counts), then per voucher what the partner may see now – the agency's settings, the partner as a recipient, the gate's facts of the person (restriction, consents, their events) and the visits – and the inbox event naming the people on the page.`,
        load: {
          method: 'GET',
          next: () => ({ path: '/api/v1/partner/vouchers?status=open&limit=50', headers: { cookie: cookie(nextInboxReader().token) } }),
        },
      },
      raw: {
        measures:
          "One transaction: the same page SELECT (with the partner's recipient kinds and the agency's time zone from the rows it joins), one SELECT of the gate's facts (restriction, consents and their signatures and withdrawals) for the people whose vouchers carry something of them, checkDisclosure per voucher in the client, the audit append. No session lookup.",
        operation: fixtures.inboxReaders.length > 0 ? voucherInboxOperation(rawPool, fixtures.inboxReaders) : unavailable,
        sql: rawSqlText['voucher-inbox'],
      },
    },
    {
      name: 'voucher-issue',
      endpoint: {
        request: 'POST /api/v1/cases/:id/vouchers',
        measures: `A case's responsible worker (${fixtures.voucherIssuers.length} open cases in rotation, three in four with a consent in force naming the partner) issues a voucher to a partner of the agency with categories identity and request_assessment: session and CSRF, validation, one transaction: the case locked within reach, the agency's settings, the partner, the person within reach, the gate's facts (restriction, consents, events), the disclosure when the gate gave anything, the year's counter, the voucher, its event, then the voucher read back for the answer (with its events, visits, the agency's settings and the partners' agreements) and the audit append.`,
        load: {
          method: 'POST',
          next: () => {
            const issuer = nextIssuer();
            return {
              path: `/api/v1/cases/${issuer.caseId}/vouchers`,
              headers: { 'content-type': 'application/json', cookie: cookie(issuer.token), 'x-csrf-token': issuer.csrf },
              body: JSON.stringify({
                partnerOrganisationId: issuer.partnerId,
                serviceName: VOUCHER_BODY.serviceName,
                categories: VOUCHER_BODY.categories,
              }),
            };
          },
        },
      },
      raw: {
        measures:
          "One transaction: the case SELECT … FOR UPDATE within reach, the agency's settings, the partner, the person within reach, one SELECT of the gate's facts, checkDisclosure in the client, the disclosure INSERT when the gate gave anything, the counter upsert, the voucher INSERT, the issue event, the audit append. No session lookup; not the voucher read back for the answer (the response needs it, the work does not).",
        operation: fixtures.voucherIssuers.length > 0 ? voucherIssueOperation(rawPool, fixtures.voucherIssuers, VOUCHER_BODY) : unavailable,
        sql: rawSqlText['voucher-issue'],
      },
    },
  ];
}

interface ScenarioResult {
  scenario: ScenarioName;
  connections: number;
  endpoint: EndpointRun & { request: string; measures: string };
  raw: RawRun & { measures: string; sql: string[] };
  ratio: { p50: number | null; p95: number | null; p99: number | null };
  /** The issue's latency target, for the search scenarios. */
  target?: { p95Ms: number; met: boolean };
  /** The issue's target for the endpoint's p50 against the raw SQL's, for the voucher scenarios. */
  ratioTarget?: { p50: number; met: boolean };
  /** sealed_at − occurred_at of the events each measured run appended (occurred_at is set in the transaction, before its commit). */
  sealingLag: { endpoint: SealingLag; raw: SealingLag };
  /** The app process's resident memory (VmRSS) during the endpoint's measured run, sampled every 100 ms. */
  appMemory: RssSummary;
  /** CPU time per request of the app and of the database (bench/cpu.ts), and of the database per raw operation. */
  cpu: { endpoint: CpuUse; raw: CpuUse };
  /** With BENCH_WAIT_SAMPLE_MS: what the database's backends waited on during each measured run (bench/waits.ts). */
  waits?: { endpoint: WaitSummary; raw: WaitSummary };
  ok: boolean;
}

interface SealingLag {
  events: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Waits (up to 20 s) until the app's sealer has chained everything, then measures the lag of the events that occurred in the window. */
async function sealingLag(db: Database, from: Date, to: Date): Promise<SealingLag> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [left] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL`)).rows;
    if (left!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [row] = (
    await db.execute<{ events: number; p50: number | null; p99: number | null; max: number | null }>(sql`
      SELECT count(*)::int AS events,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
             max(lag) AS max
      FROM (SELECT extract(epoch FROM sealed_at - occurred_at)::float8 * 1000 AS lag FROM audit_events
            WHERE occurred_at >= ${from.toISOString()}::timestamptz AND occurred_at < ${to.toISOString()}::timestamptz AND chain_seq IS NOT NULL) l`)
  ).rows;
  const round = (v: number | null) => (v === null ? null : Number(v.toFixed(1)));
  return { events: row!.events, p50Ms: round(row!.p50), p99Ms: round(row!.p99), maxMs: round(row!.max) };
}

// ---- main ----------------------------------------------------------------------------------------

const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    await step().catch((error: unknown) => log(`clean-up step failed: ${String(error)}`));
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  log(
    `people=${settings.people} agencies=${settings.agencies} seconds=${settings.seconds} warmup=${settings.warmupSeconds} connections=${settings.connections.join(',')} scenarios=${settings.scenarios.join(',')}`,
  );

  const database = await startBenchDatabase(log);
  cleanups.push(database.stop);
  log(
    `database ${BENCH_DATABASE} recreated on the ${database.server === 'embedded' ? 'embedded server (data/bench)' : 'DATABASE_URL server'}`,
  );

  const db = createDatabase(database.url);
  cleanups.push(() => db.$client.end());
  await prepareDatabase(db);
  const postgresVersion = (await db.$client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  // What bounds audited requests: every one commits (and flushes WAL) while holding the chain lock.
  const postgresSettings = Object.fromEntries(
    (
      await db.$client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings
     WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections', 'work_mem') ORDER BY name`,
      )
    ).rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
  );

  log(`generating ${settings.people} people …`);
  const dataset = await generateDataset(db, {
    people: settings.people,
    agencies: settings.agencies,
    seed: settings.seed,
    requests: settings.requests,
    journal: { entries: settings.journalEntries, heavyCases: settings.journalHeavyCases, perHeavyCase: 5_000 },
    vouchers: { count: settings.vouchers, partners: settings.partners, issueCases: 1024 },
    url: database.url,
    log,
  });
  log(
    `generated in ${dataset.generationSeconds.toFixed(1)} s ${JSON.stringify(dataset.generationPhases)}: ${JSON.stringify(dataset.sizes)}`,
  );
  const fixtures = await prepareFixtures(db, dataset);
  if (settings.scenarios.includes('journal-page') && fixtures.journalPages.length === 0)
    throw new Error('journal-page needs cases with 5 000 entries: BENCH_JOURNAL_ENTRIES ≥ 10000 and BENCH_JOURNAL_HEAVY_CASES ≥ 1');
  if (settings.scenarios.some((s) => s.startsWith('voucher-')) && fixtures.inboxReaders.length === 0)
    throw new Error('voucher-inbox and voucher-issue need vouchers: BENCH_VOUCHERS ≥ 1');
  await waitForSignal(process.env.BENCH_WAIT_FOR);

  const rawPool = new pg.Pool({
    connectionString: database.url,
    max: Math.max(...settings.connections),
    application_name: 'tillit-bench-raw',
  });
  rawPool.on('error', () => undefined);
  cleanups.push(() => rawPool.end());

  const app = await startApp(database.url);
  cleanups.push(app.stop);
  log(`app listening at ${app.url}`);
  const rss = new RssSampler(app.pid).start();
  cleanups.push(async () => rss.stop());

  const cpus = os.cpus();
  const environment = {
    date: startedAt.toISOString(),
    gitCommit: gitCommit(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      totalMemoryBytes: os.totalmem(),
      totalMemoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
    },
    postgres: { version: postgresVersion, server: database.server, settings: postgresSettings },
    dataset: {
      seed: dataset.seed,
      ...dataset.sizes,
      generationSeconds: Number(dataset.generationSeconds.toFixed(2)),
      generationPhases: dataset.generationPhases,
      journal: {
        entries: dataset.journal.entries,
        casesWithEntries: dataset.journal.casesWithEntries,
        heavyCases: dataset.journal.heavyCases.length,
        entriesPerHeavyCase: dataset.journal.entriesPerHeavyCase,
        generation: dataset.journal.generation,
        disk: dataset.journal.disk,
      },
      vouchers: dataset.vouchers && {
        count: dataset.vouchers.vouchers,
        partnerOrganisations: dataset.vouchers.partners,
        byStatus: dataset.vouchers.byStatus,
        consents: dataset.vouchers.consents,
        disclosures: dataset.vouchers.disclosures,
        visits: dataset.vouchers.visits,
        events: dataset.vouchers.events,
        measuredPartner: {
          name: dataset.vouchers.measured.name,
          agencyId: dataset.vouchers.measured.agencyId,
          vouchers: dataset.vouchers.measured.vouchers,
          open: dataset.vouchers.measured.open,
          staff: dataset.vouchers.measured.staff.length,
        },
        issueCases: dataset.vouchers.issueCases.length,
        generationSeconds: dataset.vouchers.seconds,
        generationParts: dataset.vouchers.spent,
      },
    },
    durationSeconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
    concurrency: settings.connections[0]!,
  };

  const scenarios = buildScenarios(fixtures, rawPool).filter((s) => settings.scenarios.includes(s.name));
  const results: ScenarioResult[] = [];
  for (const [round, connections] of settings.connections.entries()) {
    // The first count's results go into the results folder, the others' into connections-N/ beside them.
    const roundDir = round === 0 ? resultsDir : path.join(resultsDir, `connections-${connections}`);
    const load = { url: app.url, connections };
    for (const scenario of scenarios) {
      log(`${scenario.name} (${connections} connections): endpoint ${scenario.endpoint.request} …`);
      if (settings.warmupSeconds > 0) await runEndpoint(scenario.endpoint.load, { ...load, seconds: settings.warmupSeconds });
      const endpointFrom = new Date();
      const memoryFrom = rss.now();
      const endpointCpuFrom = cpuSnapshot(app.pid, database.postmasterPid());
      const endpointWaits = settings.waitSampleMs > 0 ? new WaitSampler(db.$client, settings.waitSampleMs).start() : null;
      const endpoint = await runEndpoint(scenario.endpoint.load, { ...load, seconds: settings.seconds });
      const endpointWaitSummary = endpointWaits?.stop() ?? null;
      // Per operation: for journal-append, one create and one sign.
      const endpointCpu = cpuPerRequest(endpointCpuFrom, cpuSnapshot(app.pid, database.postmasterPid()), endpoint.operations);
      const appMemory = rss.between(memoryFrom, rss.now());
      const endpointTo = new Date();
      log(`${scenario.name}: raw SQL …`);
      if (settings.warmupSeconds > 0) await runRaw(scenario.raw.operation, { connections, seconds: settings.warmupSeconds });
      const rawFrom = new Date();
      const rawCpuFrom = cpuSnapshot(app.pid, database.postmasterPid());
      const rawWaits = settings.waitSampleMs > 0 ? new WaitSampler(db.$client, settings.waitSampleMs).start() : null;
      const raw = await runRaw(scenario.raw.operation, { connections, seconds: settings.seconds });
      const rawWaitSummary = rawWaits?.stop() ?? null;
      const rawCpu = cpuPerRequest(rawCpuFrom, cpuSnapshot(app.pid, database.postmasterPid()), raw.stats.count + raw.errors);
      const rawTo = new Date();
      const lag = { endpoint: await sealingLag(db, endpointFrom, endpointTo), raw: await sealingLag(db, rawFrom, rawTo) };
      log(
        `${scenario.name}: sealing lag p50/p99 ${lag.endpoint.p50Ms ?? '–'}/${lag.endpoint.p99Ms ?? '–'} ms (endpoint, ${lag.endpoint.events} events), ${lag.raw.p50Ms ?? '–'}/${lag.raw.p99Ms ?? '–'} ms (raw, ${lag.raw.events} events)`,
      );

      const failures = endpoint.non2xx + endpoint.errors + endpoint.timeouts + raw.errors;
      if (endpoint.stats.count === 0 || raw.stats.count === 0 || failures > 0) {
        log(
          `!!! ${scenario.name} FAILED: non-2xx=${endpoint.non2xx} errors=${endpoint.errors} timeouts=${endpoint.timeouts} raw errors=${raw.errors}`,
        );
        if (endpoint.firstFailure) log(`!!! first non-2xx: ${endpoint.firstFailure.status} ${endpoint.firstFailure.body}`);
        if (raw.firstError) log(`!!! first raw error: ${raw.firstError}`);
      }
      const result: ScenarioResult = {
        scenario: scenario.name,
        connections,
        endpoint: { request: scenario.endpoint.request, measures: scenario.endpoint.measures, ...endpoint },
        raw: { measures: scenario.raw.measures, sql: scenario.raw.sql, ...raw },
        ratio: {
          p50: ratio(endpoint.stats.p50Ms, raw.stats.p50Ms),
          p95: ratio(endpoint.stats.p95Ms, raw.stats.p95Ms),
          p99: ratio(endpoint.stats.p99Ms, raw.stats.p99Ms),
        },
        ...(P95_TARGET_MS[scenario.name] !== undefined
          ? { target: { p95Ms: P95_TARGET_MS[scenario.name]!, met: endpoint.stats.p95Ms <= P95_TARGET_MS[scenario.name]! } }
          : {}),
        ...(P50_RATIO_TARGET[scenario.name] !== undefined
          ? {
              ratioTarget: {
                p50: P50_RATIO_TARGET[scenario.name]!,
                met: endpoint.stats.p50Ms <= P50_RATIO_TARGET[scenario.name]! * raw.stats.p50Ms,
              },
            }
          : {}),
        sealingLag: lag,
        appMemory,
        cpu: { endpoint: endpointCpu, raw: rawCpu },
        ...(endpointWaitSummary && rawWaitSummary ? { waits: { endpoint: endpointWaitSummary, raw: rawWaitSummary } } : {}),
        ok: failures === 0 && endpoint.stats.count > 0 && raw.stats.count > 0,
      };
      results.push(result);
      writeJson(path.join(roundDir, `${scenario.name}.json`), { ...environment, concurrency: connections, ...result });
    }
  }

  // Every audited request above appended to the chain, from the app and the raw loop alike.
  const chain = await verifyAuditChain(db);
  rss.stop();
  // From the app's start to the end of the last run: warm-ups, raw runs and sealing waits included.
  const overall = rss.overall();
  const runMemory = {
    ...overall,
    targetMB: RSS_TARGET_MB,
    met: overall.peakRssMB === null ? null : overall.peakRssMB <= RSS_TARGET_MB,
  };
  if (!chain.ok)
    log(`!!! audit chain broken at ${chain.breakCount} events, first at seq ${chain.breaks[0]?.seq}: ${chain.breaks[0]?.reason}`);

  const table = formatTable([
    [
      'scenario',
      'conns',
      'app p50',
      'p90',
      'p95',
      'p99',
      'req/s',
      'non-2xx',
      'raw p50',
      'p90',
      'p95',
      'p99',
      'ops/s',
      '×p50',
      '×p95',
      '×p99',
      'RSS MB',
      'median',
      'app CPU',
      'db CPU',
      'raw db CPU',
    ],
    ...results.map((r) => [
      r.scenario,
      String(r.connections),
      ms(r.endpoint.stats.p50Ms),
      ms(r.endpoint.stats.p90Ms),
      ms(r.endpoint.stats.p95Ms),
      ms(r.endpoint.stats.p99Ms),
      r.endpoint.stats.perSecond.toFixed(0),
      String(r.endpoint.non2xx + r.endpoint.errors + r.endpoint.timeouts),
      ms(r.raw.stats.p50Ms),
      ms(r.raw.stats.p90Ms),
      ms(r.raw.stats.p95Ms),
      ms(r.raw.stats.p99Ms),
      r.raw.stats.perSecond.toFixed(0),
      r.ratio.p50?.toFixed(1) ?? '–',
      r.ratio.p95?.toFixed(1) ?? '–',
      r.ratio.p99?.toFixed(1) ?? '–',
      r.appMemory.peakRssMB?.toFixed(0) ?? '–',
      r.appMemory.medianRssMB?.toFixed(0) ?? '–',
      r.cpu.endpoint.appMsPerRequest?.toFixed(2) ?? '–',
      r.cpu.endpoint.databaseMsPerRequest?.toFixed(2) ?? '–',
      r.cpu.raw.databaseMsPerRequest?.toFixed(2) ?? '–',
    ]),
  ]);
  const ok = results.every((r) => r.ok) && chain.ok;
  writeJson(path.join(resultsDir, 'summary.json'), {
    ...environment,
    ok,
    auditChain: chain,
    appMemory: runMemory,
    scenarios: results.map((r) => ({
      scenario: r.scenario,
      connections: r.connections,
      request: r.endpoint.request,
      endpoint: r.endpoint.stats,
      non2xx: r.endpoint.non2xx,
      errors: r.endpoint.errors,
      timeouts: r.endpoint.timeouts,
      raw: r.raw.stats,
      rawErrors: r.raw.errors,
      ratio: r.ratio,
      ...(r.target ? { target: r.target } : {}),
      ...(r.ratioTarget ? { ratioTarget: r.ratioTarget } : {}),
      sealingLag: r.sealingLag,
      appMemory: r.appMemory,
      cpu: r.cpu,
      ...(r.waits ? { waits: r.waits } : {}),
      ok: r.ok,
    })),
    table,
  });

  process.stdout.write(
    `\nTillit benchmark ${environment.date} (${environment.gitCommit ?? 'no git'}), ${cpus.length} × ${environment.machine.cpuModel}, PostgreSQL ${postgresVersion}\n`,
  );
  for (const r of results)
    if (r.target && !r.target.met)
      process.stdout.write(
        `${r.scenario} (${r.connections} connections): p95 ${ms(r.endpoint.stats.p95Ms)} ms is above the ${r.target.p95Ms} ms target\n`,
      );
  for (const r of results)
    if (r.ratioTarget && !r.ratioTarget.met)
      process.stdout.write(
        `${r.scenario} (${r.connections} connections): p50 ${ms(r.endpoint.stats.p50Ms)} ms is ${r.ratio.p50?.toFixed(1) ?? '–'}× the raw SQL's ${ms(r.raw.stats.p50Ms)} ms, above the ${r.ratioTarget.p50}× target\n`,
      );
  process.stdout.write(
    `${dataset.sizes.people} people in ${dataset.sizes.agencies} agencies, ${dataset.sizes.cases} cases, ${dataset.sizes.requests} requests, ${dataset.sizes.journalEntries} journal entries (${dataset.journal.heavyCases.length} cases with ${dataset.journal.entriesPerHeavyCase}; table and indexes ${dataset.journal.disk.totalMB} MB, made in ${dataset.journal.generation.totalSeconds} s), ${dataset.sizes.staff} staff (generated in ${dataset.generationSeconds.toFixed(1)} s); ${settings.connections.join(' and ')} connections, ${settings.seconds} s per run; latencies in ms; app CPU, db CPU: CPU ms per request of the app and of the database processes, raw db CPU: per raw operation\n\n`,
  );
  process.stdout.write(`${table}\n\n`);
  process.stdout.write(
    runMemory.peakRssMB === null
      ? 'app resident memory: not sampled (needs /proc)\n'
      : `app resident memory (VmRSS, MB): peak ${runMemory.peakRssMB.toFixed(0)} over the whole run, ${runMemory.samples} samples; target ≤ ${RSS_TARGET_MB} ${runMemory.met ? 'met' : 'MISSED'}\n`,
  );
  process.stdout.write(
    `audit chain: ${chain.ok ? `intact, ${chain.checked} events sealed` : `BROKEN at ${chain.breakCount} events, first at ${chain.breaks[0]?.seq}`}, ${chain.unsealed.count} not sealed yet\n`,
  );
  process.stdout.write(
    `results: ${path.relative(process.cwd(), resultsDir)}/{${[...new Set(results.map((r) => r.scenario))].join(',')},summary}.json (other connection counts in connections-N/)\n`,
  );
  if (!ok) process.stdout.write('\nBENCHMARK FAILED: see the errors above.\n');
  return ok ? 0 : 1;
}

// Whatever ends the run early, the app and the database server are stopped first.
let aborting = false;
function abort(reason: string, code: number): void {
  if (aborting) return;
  aborting = true;
  log(reason);
  void cleanUp().finally(() => process.exit(code));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
process.on('uncaughtException', (error) => abort(`failed: ${error.stack ?? error.message}`, 1));
process.on('unhandledRejection', (error) => abort(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1));
// Output piped into something that quits early (| head) must not kill the run before clean-up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exit(1);
  });
