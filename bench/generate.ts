/**
 * The synthetic data set: agencies (tenants, ADR 0010), each with its own units, templates and
 * staff, fictional people (Latin, Cyrillic and Chinese names) with their cases, requests,
 * assessments and plans. Deterministic for a given seed (apart from database-made staff ids).
 * Written straight to the tables, every row with its `agency_id`: seeding is not audited.
 *
 * Built for a million people on two cores (bench/README.md, "Data at scale"): the indexes no
 * foreign key needs are dropped before the load and built afterwards, two at a time; the loading connections skip
 * the foreign-key triggers (`session_replication_role = replica` – every reference is made
 * within its agency by construction); rows go in with COPY in batches while the next batch is
 * made in JavaScript; assessments and plans are made in SQL, one agency
 * per statement, on two connections.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { transliterate } from 'transliteration';
import { formatCaseNumber } from '../src/areas/case/case-number.rules.ts';
import { nameSearchKeys, normalisePhone } from '../src/areas/person/name-keys.rules.ts';
import { installShippedQuestionnairesFor } from '../src/areas/questionnaire/shipped-questionnaires.install.ts';
import type { Database } from '../src/core/db/pool.ts';
import type { Role } from '../src/core/roles.contract.ts';
import { insertStaff } from '../test/support/server.ts';
import { fictionalName, intBetween, mulberry32, pick, pickScript, type Rng, type Script, uuidFrom } from './names.ts';

export const EMAIL_DOMAIN = 'bench.example.org';
const BATCH_ROWS = 20_000;
/** Batches being written at once: one in PostgreSQL while JavaScript makes the next (two cores). */
const IN_FLIGHT = 2;
const STAGES = [
  ['intake', 0.1],
  ['assessment', 0.15],
  ['planning', 0.15],
  ['implementation', 0.4],
  ['evaluation', 0.1],
  ['closed', 0.1],
] as const;
/** The tables the generator fills in bulk: their secondary indexes are built after the load. */
const BULK_TABLES = [
  'persons',
  'cases',
  'case_team_members',
  'requests',
  'assessments',
  'needs',
  'service_plans',
  'plan_signatures',
  'plan_steps',
] as const;

export interface GenerateOptions {
  people: number;
  seed: number;
  /** Agencies the people are spread over (round robin); agency 1 is the migrations' own. Default 1. */
  agencies?: number;
  /** Requests (first contacts) to generate; default 2 × people. */
  requests?: number;
  /** Steps in each generated service plan; default 30. */
  stepsPerPlan?: number;
  /** Connection URL for the loading connections (their own pool, so their settings stay theirs). */
  url: string;
  log?: (message: string) => void;
}

/** One query typed into the search box, what kind of query it is, and the agency whose people it was made from. */
export interface SearchQuery {
  kind:
    | 'latin-fragment'
    | 'cyrillic-fragment'
    | 'chinese-name'
    | 'misspelling'
    | 'latin-of-cyrillic'
    | 'birth-date'
    | 'phone'
    | 'case-number';
  q: string;
  agencyId: number;
}

export interface StaffAccount {
  id: string;
  email: string;
  unitId: string | null;
  agencyId: number;
}

/** A case worker and a person on one of their cases, as responsible worker or team member. */
export interface Assignment {
  staffId: string;
  agencyId: number;
  personId: string;
  via: 'responsible' | 'team';
}

export interface Dataset {
  seed: number;
  sizes: {
    agencies: number;
    units: number;
    staff: number;
    caseWorkers: number;
    supervisors: number;
    agencyHeads: number;
    people: number;
    peopleByScript: Record<Script, number>;
    cases: number;
    teamMemberships: number;
    intakeWorkers: number;
    peopleWithPhone: number;
    peopleWithBirthDate: number;
    requests: number;
    requestsLinkedToPerson: number;
    requestsByStatus: Record<string, number>;
    requestsByPriority: Record<string, number>;
    assessments: number;
    needs: number;
    activePlans: number;
    planSteps: number;
  };
  /** Every generated account shares this password. */
  password: string;
  caseWorkers: StaffAccount[];
  intakeWorkers: StaffAccount[];
  /** One agency head per agency, in agency order. */
  agencyHeads: StaffAccount[];
  /** Rotating search-box queries built from the generated people of each agency (names, misspellings, dates, phones, case numbers). */
  searchQueries: SearchQuery[];
  /** Seconds per phase of the generation. */
  generationPhases: Record<string, number>;
  /** A deterministic sample (≤ 4096) of readable (case worker, person) pairs. */
  assignments: Assignment[];
  /** A deterministic sample (≤ 4096) of (responsible worker, case) pairs for cases with an active plan. */
  plannedCases: { staffId: string; agencyId: number; caseId: string }[];
  generationSeconds: number;
}

/** At most `max` promises at once; the first failure is thrown by `drain` (and by the next `run`). */
class Limiter {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;
  constructor(private readonly max: number) {}
  async run(work: () => Promise<unknown>): Promise<void> {
    while (this.running.size >= this.max) await Promise.race(this.running);
    if (this.failure) throw this.failure;
    const p: Promise<void> = work().then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure) throw this.failure;
  }
}

/** A value in COPY's text format: \N for null, t/f, and backslash escapes for the characters that would end a field or row. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows of one table, written with COPY … FROM STDIN (pg-copy-streams) in batches of BATCH_ROWS:
 * PostgreSQL parses COPY's text format several times faster than it runs INSERT … SELECT FROM
 * unnest(…), and JavaScript only joins strings. Text arrays come as array literals ('{"a","b"}').
 */
class TableLoader {
  private lines: string[] = [];
  readonly text: string;
  count = 0;
  constructor(
    private readonly pool: pg.Pool,
    private readonly limiter: Limiter,
    table: string,
    columns: readonly string[],
  ) {
    this.text = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  }
  /** Adds a row; when a batch is full, waits until it may be sent. */
  async add(...row: unknown[]): Promise<void> {
    this.lines.push(row.map(copyField).join('\t'));
    this.count++;
    if (this.lines.length >= BATCH_ROWS) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const data = `${this.lines.join('\n')}\n`;
    this.lines = [];
    await this.limiter.run(async () => {
      const client = await this.pool.connect();
      let failure: Error | undefined;
      try {
        await pipeline(Readable.from([data]), client.query(copyFrom(this.text)));
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw failure;
      } finally {
        client.release(failure);
      }
    });
  }
}

/**
 * The indexes of the bulk tables that no foreign key depends on – secondary ones, and primary keys
 * and unique ones that nothing references (plan_steps' key, case numbers, receipts): dropped
 * before the load, made again after it (a build from sorted rows is far cheaper than 16 million
 * inserts into a random-order b-tree). Returns the statements that make them again.
 */
async function dropIndexesForLoad(pool: pg.Pool): Promise<{ table: string; definition: string }[]> {
  const { rows } = await pool.query<{ table: string; drop: string; definition: string }>(
    `SELECT t.relname AS table,
            CASE WHEN c.oid IS NULL THEN format('DROP INDEX %s', i.indexrelid::regclass)
                 ELSE format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname) END AS drop,
            CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
                 ELSE format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)) END AS definition
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
     ORDER BY 1, 2`,
    [BULK_TABLES],
  );
  for (const row of rows) await pool.query(row.drop);
  return rows.map((r) => ({ table: r.table, definition: r.definition }));
}

/** Runs the statements on `connections` connections at once, each taking the next one left. */
async function onConnections(pool: pg.Pool, connections: number, statements: readonly (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < statements.length) await statements[next++]!();
    }),
  );
  void pool;
}

function weightedStage(rng: Rng): string {
  let r = rng();
  for (const [stage, weight] of STAGES) {
    if (r < weight) return stage;
    r -= weight;
  }
  return 'implementation';
}

/** `count` distinct items of `items`, none equal to `except`. */
function distinctOthers<T>(rng: Rng, items: readonly T[], count: number, except: T): T[] {
  const chosen: T[] = [];
  const candidates = items.filter((item) => item !== except);
  while (chosen.length < Math.min(count, candidates.length)) {
    const item = pick(rng, candidates);
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** nameSearchText (src/areas/person/name-keys.rules.ts) with the keys of each name part memoised: name parts repeat a lot. */
function memoNameSearchText(): (parts: readonly string[]) => string {
  const cache = new Map<string, string[]>();
  const keysOf = (part: string) => {
    let keys = cache.get(part);
    if (!keys) cache.set(part, (keys = nameSearchKeys(part)));
    return keys;
  };
  return (parts) => [...new Set(parts.flatMap(keysOf))].join(' ');
}

/** A plausible mobile number in the person's country, written the way people write them. */
function fictionalPhone(rng: Rng, script: Script): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
  switch (script) {
    case 'latin':
      return rng() < 0.7 ? `+47 9${digits(2)} ${digits(2)} ${digits(3)}` : `+46 70-${digits(3)} ${digits(2)} ${digits(2)}`;
    case 'cyrillic':
      return `+7 9${digits(2)} ${digits(3)}-${digits(2)}-${digits(2)}`;
    case 'han':
      return `+86 1${pick(rng, ['3', '5', '8'])}${digits(1)} ${digits(4)} ${digits(4)}`;
  }
}

/** A typo: two neighbouring letters swapped, or one dropped, or one doubled. */
function misspell(rng: Rng, word: string): string {
  const chars = [...word];
  if (chars.length < 4) return word;
  const i = intBetween(rng, 1, chars.length - 2);
  const kind = rng();
  if (kind < 0.4) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else if (kind < 0.7) chars.splice(i, 1);
  else chars.splice(i, 0, chars[i]!);
  return chars.join('');
}

// ---- requests: fictional first contacts ----------------------------------------------------------
const CHANNELS = [
  ['phone', 0.4],
  ['walk_in', 0.15],
  ['online_form', 0.15],
  ['letter_email', 0.1],
  ['agency_referral', 0.15],
  ['outreach', 0.05],
] as const;
const PRIORITIES = [
  ['urgent', 0.05],
  ['high', 0.2],
  ['normal', 0.6],
  ['low', 0.15],
] as const;
const STATUSES = [
  ['open', 0.3],
  ['accepted', 0.4],
  ['information_given', 0.1],
  ['referred_out', 0.1],
  ['declined', 0.1],
] as const;
const CAME_VIA = [
  ['self', 0.6],
  ['relative', 0.15],
  ['other_person', 0.05],
  ['agency', 0.15],
  ['outreach', 0.05],
] as const;
const RESPONSE_HOURS: Record<string, number> = { urgent: 24, high: 72, normal: 168, low: 336 };
const LANGUAGES = ['nb', 'sv', 'en', 'ru', 'zh-Hans'];
const OWN_WORDS_START = [
  'I need help with',
  'My neighbour asked me to call about',
  'We are worried about',
  'I was told to contact you about',
  'Calling on behalf of my mother regarding',
  'I would like to talk to someone about',
];
const PROBLEMS = [
  'housing after an eviction notice',
  'debts that keep growing',
  'a son who has stopped going to school',
  'loneliness since moving here',
  'finding work with a foreign diploma',
  'a conflict with the landlord',
  'caring for a parent with dementia',
  'money for food until the next payment',
  'getting a residence permit renewed',
  'drinking in the family',
];
const OWN_WORDS_END = [
  '.',
  ', it has been going on for months.',
  ' and do not know where to start.',
  '. Please call back in the afternoon.',
  '. An interpreter would help.',
];
const REGIONS = ['Oslo', 'Viken', 'Vestland', 'Stockholm', 'Skåne', 'Trøndelag'];

function weighted<T extends string>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let r = rng();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[0]![0];
}

/** A uniform sample of `size` items from a stream (reservoir sampling), deterministic for the rng. */
class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  constructor(
    private readonly rng: Rng,
    private readonly size: number,
  ) {}
  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const j = Math.floor(this.rng() * this.seen);
      if (j < this.size) this.items[j] = item;
    }
  }
}

/** `total` split over `parts` as evenly as possible: the first `total % parts` get one more. */
const share = (total: number, parts: number, index: number) => Math.floor(total / parts) + (index < total % parts ? 1 : 0);

interface AgencySetup {
  id: number;
  prefix: string;
  unitIds: string[];
  supervisors: StaffAccount[];
  head: StaffAccount;
  caseWorkers: StaffAccount[];
  intakeWorkers: StaffAccount[];
  workersByUnit: StaffAccount[][];
}

/** Agencies 2..count as copies of agency 1's settings, each with its own units, agreement templates and shipped questionnaires. */
async function createAgencies(db: Database, count: number): Promise<{ id: number; prefix: string; unitIds: string[] }[]> {
  const pool = db.$client;
  const copied = (
    await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'agency'
       AND column_name NOT IN ('id', 'name', 'case_number_prefix', 'version', 'created_at', 'updated_at') ORDER BY ordinal_position`,
    )
  ).rows.map((r) => `"${r.column_name}"`);
  const first = await pool.query<{ prefix: string }>('SELECT case_number_prefix AS prefix FROM agency WHERE id = 1');
  const units1 = await pool.query<{ id: string; name: string; description: string }>(
    'SELECT id, name, description FROM units WHERE agency_id = 1 ORDER BY name',
  );
  if (units1.rows.length === 0) throw new Error('No units: the migrations seed five, were they applied?');
  const agencies = [{ id: 1, prefix: first.rows[0]!.prefix, unitIds: units1.rows.map((u) => u.id) }];
  for (let k = 2; k <= count; k++) {
    const prefix = `K${pad(k, 2)}`;
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO agency (name, case_number_prefix, ${copied.join(', ')}) SELECT $1, $2, ${copied.join(', ')} FROM agency WHERE id = 1 RETURNING id`,
      [`Benchmark Agency ${pad(k, 2)}`, prefix],
    );
    const id = rows[0]!.id;
    const unitIds = (
      await pool.query<{ id: string }>(
        `INSERT INTO units (agency_id, name, description) SELECT $1, name, description FROM units WHERE agency_id = 1 ORDER BY name RETURNING id`,
        [id],
      )
    ).rows.map((u) => u.id);
    await pool.query(
      `INSERT INTO agreement_templates (agency_id, language, title, sections) SELECT $1, language, title, sections FROM agreement_templates WHERE agency_id = 1`,
      [id],
    );
    await installShippedQuestionnairesFor(db, id);
    agencies.push({ id, prefix, unitIds });
  }
  return agencies;
}

export async function generateDataset(db: Database, options: GenerateOptions): Promise<Dataset> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const log = options.log ?? (() => undefined);
  const phase = (name: string) => {
    const t = performance.now();
    phases[name] = Number(((t - phaseStart) / 1000).toFixed(2));
    phaseStart = t;
    log(`  ${name}: ${phases[name]} s`);
  };
  const rng = mulberry32(options.seed);
  const sampleRng = mulberry32(options.seed ^ 0x5eed);
  const agencyCount = options.agencies ?? 1;
  const requestCount = options.requests ?? options.people * 2;
  // Loading connections: no foreign-key triggers (replica role; references are right by
  // construction), no waiting for WAL flushes, memory for the index builds.
  const { Pool } = (await import('pg')).default;
  const load = new Pool({
    connectionString: options.url,
    max: IN_FLIGHT + 1,
    application_name: 'tillit-bench-load',
    options:
      '-c session_replication_role=replica -c synchronous_commit=off -c maintenance_work_mem=1GB -c max_parallel_maintenance_workers=0 -c timezone=UTC',
  });
  load.on('error', () => undefined);
  try {
    // Fewer checkpoints while gigabytes go in; reset when the load is done.
    await load.query(`ALTER SYSTEM SET max_wal_size = '32GB'`);
    await load.query('SELECT pg_reload_conf()');

    // ---- agencies and their staff -------------------------------------------------------------------
    const created = await createAgencies(db, agencyCount);
    phase('agencies');
    let password = '';
    const addStaff = async (agencyId: number, email: string, roles: Role[], unitId: string | null): Promise<StaffAccount> => {
      const name = fictionalName(rng, pickScript(rng));
      const staffRow = await insertStaff(db, { agencyId, email, displayName: `${name.givenName} ${name.familyName}`, roles, unitId });
      password = staffRow.password;
      return { id: staffRow.id, email: staffRow.email, unitId, agencyId };
    };
    const agencies: AgencySetup[] = [];
    for (const [ai, a] of created.entries()) {
      const people = share(options.people, agencyCount, ai);
      const mail = (local: string) => `${a.id === 1 ? '' : `a${pad(a.id, 2)}-`}${local}@${EMAIL_DOMAIN}`;
      const supervisors: StaffAccount[] = [];
      for (const [i, unitId] of a.unitIds.entries())
        supervisors.push(await addStaff(a.id, mail(`supervisor-${i + 1}`), ['supervisor'], unitId));
      const head = await addStaff(a.id, mail('agency-head'), ['agency_head'], null);
      const caseWorkers: StaffAccount[] = [];
      const caseWorkerCount = Math.min(400, Math.max(10, Math.round(people / 250)));
      for (let i = 0; i < caseWorkerCount; i++)
        caseWorkers.push(await addStaff(a.id, mail(`case-worker-${pad(i + 1, 3)}`), ['case_worker'], a.unitIds[i % a.unitIds.length]!));
      const intakeWorkers: StaffAccount[] = [];
      for (const [i, unitId] of a.unitIds.entries())
        intakeWorkers.push(await addStaff(a.id, mail(`intake-${i + 1}`), ['intake_worker'], unitId));
      const workersByUnit = a.unitIds.map((unitId) => caseWorkers.filter((w) => w.unitId === unitId));
      agencies.push({ ...a, supervisors, head, caseWorkers, intakeWorkers, workersByUnit });
    }
    phase('staff');

    const droppedIndexes = await dropIndexesForLoad(load);
    phase('dropIndexes');

    // ---- people, cases, team members ---------------------------------------------------------------
    const limiter = new Limiter(IN_FLIGHT);
    const persons = new TableLoader(load, limiter, 'persons', [
      'agency_id',
      'id',
      'given_name',
      'family_name',
      'birth_date',
      'created_by',
      'phones',
      'phone_keys',
      'name_search',
    ]);
    const cases = new TableLoader(load, limiter, 'cases', [
      'agency_id',
      'id',
      'case_number',
      'person_id',
      'unit_id',
      'responsible_staff_id',
      'stage',
      'opened_at',
    ]);
    const team = new TableLoader(load, limiter, 'case_team_members', ['agency_id', 'case_id', 'staff_id']);
    const peopleByScript: Record<Script, number> = { latin: 0, cyrillic: 0, han: 0 };
    const assignments = new Reservoir<Assignment>(sampleRng, 4096);
    const counters = new Map<string, { agencyId: number; year: number; last: number }>();
    const now = Date.now();
    const threeYears = 3 * 365 * 24 * 3600 * 1000;
    const nameSearchText = memoNameSearchText();
    // People the search queries are made from: a deterministic sample, with their first case number.
    type Sample = { script: Script; given: string; family: string; birth: string | null; phone: string | null; caseNumber: string };
    const samplesByAgency: Sample[][] = agencies.map(() => []);
    const personIdsByAgency: string[][] = agencies.map(() => []);
    let peopleWithPhone = 0;
    let peopleWithBirthDate = 0;
    // Text arrays go to PostgreSQL as array literals inside a text[] parameter: '{"a","b"}'.
    const arrayLiteral = (items: readonly string[]) => `{${items.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

    const addCase = async (a: AgencySetup, personId: string, unitIndex: number, maxTeam: number): Promise<string> => {
      const workers = a.workersByUnit[unitIndex]!;
      const responsible = pick(rng, workers);
      const openedAt = new Date(now - Math.floor(rng() * threeYears));
      const year = openedAt.getUTCFullYear();
      const key = `${a.id}:${year}`;
      const counter = counters.get(key) ?? { agencyId: a.id, year, last: 0 };
      counter.last++;
      counters.set(key, counter);
      const caseId = uuidFrom(rng);
      const caseNumber = formatCaseNumber(a.prefix, year, counter.last);
      await cases.add(
        a.id,
        caseId,
        caseNumber,
        personId,
        a.unitIds[unitIndex]!,
        responsible.id,
        weightedStage(rng),
        openedAt.toISOString(),
      );
      assignments.offer({ staffId: responsible.id, agencyId: a.id, personId, via: 'responsible' });
      const teamSize = intBetween(rng, 0, maxTeam);
      for (const member of distinctOthers(rng, workers, teamSize, responsible)) {
        await team.add(a.id, caseId, member.id);
        assignments.offer({ staffId: member.id, agencyId: a.id, personId, via: 'team' });
      }
      return caseNumber;
    };

    const sampleEvery = Math.max(1, Math.floor(options.people / 2000));
    let personIndex = 0;
    for (const [ai, a] of agencies.entries()) {
      const people = share(options.people, agencyCount, ai);
      for (let j = 0; j < people; j++, personIndex++) {
        const script = pickScript(rng);
        const name = fictionalName(rng, script);
        peopleByScript[script]++;
        const personId = uuidFrom(rng);
        personIdsByAgency[ai]!.push(personId);
        const unitIndex = Math.floor(rng() * a.unitIds.length);
        // Most people have a known birth date; some do not (walk-ins who gave none).
        const birth =
          rng() < 0.85 ? `${intBetween(rng, 1935, 2012)}-${pad(intBetween(rng, 1, 12), 2)}-${pad(intBetween(rng, 1, 28), 2)}` : null;
        if (birth) peopleWithBirthDate++;
        // Four in five have a phone number, one in ten of those a second one.
        const phones = rng() < 0.8 ? [fictionalPhone(rng, script), ...(rng() < 0.1 ? [fictionalPhone(rng, script)] : [])] : [];
        if (phones.length > 0) peopleWithPhone++;
        // name_search and phone_keys as PersonService derives them (src/areas/person/person.service.ts);
        // registered by the unit's supervisor, so a case worker sees the person through a case only.
        await persons.add(
          a.id,
          personId,
          name.givenName,
          name.familyName,
          birth,
          a.supervisors[unitIndex]!.id,
          arrayLiteral(phones),
          arrayLiteral([...new Set(phones.map(normalisePhone).filter(Boolean))]),
          nameSearchText([name.givenName, name.familyName]),
        );
        const caseNumber = await addCase(a, personId, unitIndex, 2);
        if (personIndex % sampleEvery === 0)
          samplesByAgency[ai]!.push({
            script,
            given: name.givenName,
            family: name.familyName,
            birth,
            phone: phones[0] ?? null,
            caseNumber,
          });
        // One in ten also has a case in another unit.
        if (rng() < 0.1 && a.unitIds.length > 1)
          await addCase(a, personId, (unitIndex + intBetween(rng, 1, a.unitIds.length - 1)) % a.unitIds.length, 1);
      }
    }
    await Promise.all([persons.flush(), cases.flush(), team.flush()]);
    await limiter.drain();
    // Case numbers the app hands out later must not collide with the generated ones.
    for (const c of counters.values()) {
      await load.query(
        `INSERT INTO case_number_counters (agency_id, year, last_number) VALUES ($1, $2, $3)
         ON CONFLICT (agency_id, year) DO UPDATE SET last_number = GREATEST(case_number_counters.last_number, EXCLUDED.last_number)`,
        [c.agencyId, c.year, c.last],
      );
    }
    phase('peopleAndCases');

    // ---- requests ------------------------------------------------------------------------------------
    const requests = new TableLoader(load, limiter, 'requests', [
      'agency_id',
      'receipt_number',
      'channel',
      'came_via',
      'received_at',
      'received_by',
      'person_id',
      'anonymous_label',
      'contact_name',
      'contact_phone',
      'language',
      'own_words',
      'main_problem',
      'region',
      'danger_to_life',
      'child_at_risk',
      'self_harm',
      'priority',
      'first_response_due_at',
      'status',
      'unit_id',
      'assigned_to',
    ]);
    const requestsByStatus: Record<string, number> = {};
    const requestsByPriority: Record<string, number> = {};
    let linked = 0;
    let requestIndex = 0;
    for (const [ai, a] of agencies.entries()) {
      const count = share(requestCount, agencyCount, ai);
      const own = personIdsByAgency[ai]!;
      for (let j = 0; j < count; j++, requestIndex++) {
        const i = requestIndex;
        const receivedAt = new Date(now - Math.floor(rng() * threeYears));
        const intakeIndex = Math.floor(rng() * a.intakeWorkers.length);
        const intake = a.intakeWorkers[intakeIndex]!;
        const priority = weighted(rng, PRIORITIES);
        const status = weighted(rng, STATUSES);
        requestsByStatus[status] = (requestsByStatus[status] ?? 0) + 1;
        requestsByPriority[priority] = (requestsByPriority[priority] ?? 0) + 1;
        const personId = rng() < 0.6 && own.length > 0 ? own[Math.floor(rng() * own.length)]! : null;
        if (personId) linked++;
        const problem = pick(rng, PROBLEMS);
        const channel = weighted(rng, CHANNELS);
        const cameVia = weighted(rng, CAME_VIA);
        const anonymous = !personId && rng() < 0.5;
        const contact = !personId && !anonymous ? fictionalName(rng, pickScript(rng)) : null;
        const contactPhone = contact ? fictionalPhone(rng, contact.script) : null;
        const language = pick(rng, LANGUAGES);
        const ownWords = `${pick(rng, OWN_WORDS_START)} ${problem}${pick(rng, OWN_WORDS_END)}`;
        const region = rng() < 0.7 ? pick(rng, REGIONS) : null;
        const urgentBy = priority === 'urgent' ? Math.floor(rng() * 4) : -1; // 0–2: a triage answer made it urgent, 3: set by hand
        // Open requests partly wait in the unassigned pool; decided ones belong to a unit.
        const pooled = status === 'open' && rng() < 0.4;
        await requests.add(
          a.id,
          // Not hex, so never equal to a receipt number the app makes (R-date-8 hex digits).
          `R-${receivedAt.toISOString().slice(0, 10).replaceAll('-', '')}-X${pad(i, 7)}`,
          channel,
          cameVia,
          receivedAt.toISOString(),
          intake.id,
          personId,
          anonymous ? `caller ${i}` : null,
          contact ? `${contact.givenName} ${contact.familyName}` : null,
          contactPhone,
          language,
          ownWords,
          problem,
          region,
          urgentBy === 0,
          urgentBy === 1,
          urgentBy === 2,
          priority,
          new Date(receivedAt.getTime() + RESPONSE_HOURS[priority]! * 3600_000).toISOString(),
          status,
          pooled ? null : a.unitIds[intakeIndex]!,
          pooled ? null : intake.id,
        );
      }
    }
    await requests.flush();
    await limiter.drain();
    phase('requests');

    // Statistics for the tables just filled, so the per-agency statements below are planned on them.
    await load.query('ANALYZE persons, cases, case_team_members, requests');
    const planned = await generateAssessmentsAndPlans(
      load,
      agencies.map((a) => a.id),
      options.stepsPerPlan ?? 30,
    );
    phase('assessmentsAndPlans');
    // Connection-seconds per statement (two connections at once), to show where the phase's time goes.
    for (const [label, seconds] of Object.entries(planned.spent)) phases[`assessmentsAndPlans.${label}`] = seconds;

    // The dropped indexes, largest table first, two builds at a time (one per core).
    const sizes = new Map(
      (
        await load.query<{ relname: string; bytes: string }>(
          'SELECT relname, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relname = ANY($1)',
          [BULK_TABLES],
        )
      ).rows.map((r) => [r.relname, Number(r.bytes)]),
    );
    const ordered = [...droppedIndexes].sort((x, y) => (sizes.get(y.table) ?? 0) - (sizes.get(x.table) ?? 0));
    await onConnections(
      load,
      IN_FLIGHT,
      ordered.map((index) => () => load.query(index.definition)),
    );
    phase('createIndexes');
    const tables = (
      await load.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables ORDER BY n_live_tup DESC`,
      )
    ).rows;
    await onConnections(
      load,
      IN_FLIGHT,
      tables.map((t) => () => load.query(`VACUUM (ANALYZE) ${t.name}`)),
    );
    phase('vacuumAnalyze');
    const planSample = await load.query<{ staff_id: string; agency_id: number; case_id: string }>(`
      SELECT c.responsible_staff_id AS staff_id, c.agency_id, c.id AS case_id FROM service_plans sp JOIN cases c ON c.id = sp.case_id
      WHERE sp.status = 'active' ORDER BY md5(c.id::text) LIMIT 4096`);
    await load.query('ALTER SYSTEM RESET max_wal_size');
    await load.query('SELECT pg_reload_conf()');
    await load.query('CHECKPOINT');
    phase('checkpoint');

    // ---- search queries: from each agency's own people -------------------------------------------
    const searchQueries: SearchQuery[] = [];
    for (let i = 0; i < 64; i++) {
      const ai = i % agencies.length;
      const agencyId = agencies[ai]!.id;
      const samples = samplesByAgency[ai]!;
      const of = (script: Script) => {
        const some = samples.filter((s) => s.script === script);
        return some.length > 0 ? some : samples;
      };
      const latin = pick(rng, of('latin'));
      const cyrillic = pick(rng, of('cyrillic'));
      const han = pick(rng, of('han'));
      const any = pick(rng, samples);
      const withBirth = samples.filter((s) => s.birth);
      const withPhone = samples.filter((s) => s.phone);
      searchQueries.push(
        ...(
          [
            { kind: 'latin-fragment', q: i % 2 === 0 ? latin.family : `${latin.given} ${latin.family.slice(0, 4)}` },
            { kind: 'cyrillic-fragment', q: i % 2 === 0 ? cyrillic.family : `${cyrillic.given} ${cyrillic.family}` },
            {
              kind: 'chinese-name',
              q: `${han.family}${han.given}`.length >= 2 ? `${han.family}${han.given}` : `${han.family} ${han.given}`,
            },
            { kind: 'misspelling', q: misspell(rng, i % 2 === 0 ? latin.family : transliterate(cyrillic.family)) },
            { kind: 'latin-of-cyrillic', q: transliterate(i % 2 === 0 ? cyrillic.family : `${cyrillic.given} ${cyrillic.family}`) },
            { kind: 'birth-date', q: pick(rng, withBirth).birth! },
            {
              kind: 'phone',
              q:
                i % 2 === 0
                  ? pick(rng, withPhone).phone!
                  : pick(rng, withPhone)
                      .phone!.replace(/^\+\d+ /, '0')
                      .replace(/[ -]/g, ''),
            },
            { kind: 'case-number', q: i % 3 === 0 ? any.caseNumber.slice(-9) : any.caseNumber },
          ] as const
        ).map((s) => ({ ...s, agencyId })),
      );
    }
    phase('searchQueries');

    const all = <T>(of: (a: AgencySetup) => T[]) => agencies.flatMap(of);
    return {
      seed: options.seed,
      sizes: {
        agencies: agencies.length,
        units: agencies.reduce((n, a) => n + a.unitIds.length, 0),
        staff: agencies.reduce((n, a) => n + a.supervisors.length + 1 + a.caseWorkers.length + a.intakeWorkers.length, 0),
        caseWorkers: all((a) => a.caseWorkers).length,
        supervisors: all((a) => a.supervisors).length,
        agencyHeads: agencies.length,
        intakeWorkers: all((a) => a.intakeWorkers).length,
        people: options.people,
        peopleByScript,
        peopleWithPhone,
        peopleWithBirthDate,
        cases: cases.count,
        teamMemberships: team.count,
        requests: requests.count,
        requestsLinkedToPerson: linked,
        requestsByStatus,
        requestsByPriority,
        assessments: planned.assessments,
        needs: planned.needs,
        activePlans: planned.plans,
        planSteps: planned.steps,
      },
      password,
      caseWorkers: all((a) => a.caseWorkers),
      intakeWorkers: all((a) => a.intakeWorkers),
      agencyHeads: agencies.map((a) => a.head),
      searchQueries,
      generationPhases: phases,
      assignments: assignments.items,
      plannedCases: planSample.rows.map((r) => ({ staffId: r.staff_id, agencyId: r.agency_id, caseId: r.case_id })),
      generationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await load.end();
  }
}

/**
 * Assessments and service plans, generated in SQL from the cases already inserted: every case
 * past intake has a completed assessment with three needs; every case in implementation or
 * evaluation has an active, signed plan with four goals, `stepsPerPlan` steps (tracked in
 * plan_steps, the earlier ones done), two services, four meetings and a risk. Ids inside a plan
 * are derived from the case id, so they are stable and deterministic.
 */
async function generateAssessmentsAndPlans(pool: pg.Pool, agencyIds: readonly number[], stepsPerPlan: number) {
  /** A deterministic, well-formed (version 4 shaped) uuid from a text expression. */
  const sqlUuid = (expression: string) => `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const text = (label: string) =>
    `'${label} – fictional text written for the benchmark, long enough to look like a real note about the person and their situation.'`;
  const totals = { assessments: 0, needs: 0, plans: 0, steps: 0 };
  /** Seconds spent in each statement, summed over the connections: where this phase's time goes. */
  const spent: Record<string, number> = { assessments: 0, needs: 0, plans: 0, signatures: 0, steps: 0 };
  const timed = async (label: string, text: string, values: unknown[]) => {
    const t0 = performance.now();
    const result = await pool.query(text, values);
    spent[label] = (spent[label] ?? 0) + (performance.now() - t0) / 1000;
    return result;
  };
  // One agency per job, two jobs at a time (one per core); within a job the statements build on each
  // other. The tracked steps are made with the same expressions as the plan's steps, not parsed back
  // out of its content (16 million jsonb elements at a million people), and from the plan alone
  // (created_at is the case's opened_at + 20 days, exact in UTC): a join with cases, planned on the
  // statistics of tables still filling up, once took minutes per agency.
  await onConnections(
    pool,
    IN_FLIGHT,
    agencyIds.map((agencyId) => async () => {
      const assessments = await timed(
        'assessments',
        `
      INSERT INTO assessments (agency_id, id, case_id, kind, status, assessed_on, sources, domains, analysis_causes, analysis_nature, analysis_degree, person_view,
                               person_response, person_responded_at, created_by, completed_at)
      SELECT c.agency_id, ${sqlUuid(`c.id::text || 'assessment'`)}, c.id, 'initial', 'completed', (c.opened_at + interval '10 days')::date, '{interview,scales}',
             jsonb_build_object(
               'housing', jsonb_build_object('findings', ${text('Housing')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text)) % 5),
               'finances', jsonb_build_object('findings', ${text('Finances')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text || 'f')) % 5),
               'health', jsonb_build_object('findings', ${text('Health')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text || 'h')) % 5)),
             ${text('Causes')}, ${text('Nature')}, ${text('Degree')}, ${text('Own view')}, 'confirmed', c.opened_at + interval '12 days',
             c.responsible_staff_id, c.opened_at + interval '12 days'
      FROM cases c WHERE c.agency_id = $1 AND c.stage IN ('assessment', 'planning', 'implementation', 'evaluation', 'closed')`,
        [agencyId],
      );
      const needs = await timed(
        'needs',
        `
      INSERT INTO needs (agency_id, id, case_id, assessment_id, domain, description, severity, identified_on, created_by)
      SELECT a.agency_id, ${sqlUuid(`a.case_id::text || 'need' || n`)}, a.case_id, a.id, (ARRAY['housing','finances','health'])[n],
             (ARRAY['A stable home','A budget that covers the month','Regular contact with a doctor'])[n], (ARRAY['high','moderate','low'])[n], a.assessed_on, a.created_by
      FROM assessments a, generate_series(1, 3) n WHERE a.agency_id = $1`,
        [agencyId],
      );
      const plans = await timed(
        'plans',
        `
      INSERT INTO service_plans (agency_id, id, case_id, plan_version, status, content, created_by, activated_at, created_at, updated_at)
      SELECT c.agency_id, ${sqlUuid(`c.id::text || 'plan'`)}, c.id, 1, 'active',
             jsonb_build_object(
               'periodFrom', (c.opened_at + interval '20 days')::date, 'periodTo', (c.opened_at + interval '385 days')::date, 'reviewDate', (c.opened_at + interval '200 days')::date,
               'personWishes', ${text('Wishes')}, 'themes', '[]'::jsonb,
               'goals', (SELECT jsonb_agg(jsonb_build_object('id', ${sqlUuid(`c.id::text || 'goal' || g`)}, 'level', CASE WHEN g = 1 THEN 'long_term' ELSE 'short_term' END,
                          'parentGoalId', CASE WHEN g = 1 THEN NULL ELSE ${sqlUuid(`c.id::text || 'goal1'`)} END, 'themeId', NULL,
                          'needId', ${sqlUuid(`c.id::text || 'need' || (1 + g % 3)`)}, 'description', 'Goal ' || g || ': lives in a home of her own with a tenancy in her name',
                          'indicator', 'Signed tenancy agreement', 'baseline', 'None', 'target', 'Signed', 'dueDate', (c.opened_at + interval '300 days')::date) ORDER BY g)
                        FROM generate_series(1, 4) g),
               'steps', (SELECT jsonb_agg(jsonb_build_object('id', ${sqlUuid(`c.id::text || 'step' || s`)}, 'goalId', ${sqlUuid(`c.id::text || 'goal' || (1 + s % 4)`)},
                          'what', 'Step ' || s || ': fill in the application together and send it', 'responsibleKind', (ARRAY['person','worker','partner','relative'])[1 + s % 4],
                          'responsibleName', '', 'responsibleStaffId', NULL, 'dueDate', (c.opened_at + (20 + s * 10) * interval '1 day')::date,
                          'instructions', 'Bring your ID and the last letter from the landlord') ORDER BY s)
                        FROM generate_series(1, ${stepsPerPlan}) s),
               'services', jsonb_build_array(
                  jsonb_build_object('id', ${sqlUuid(`c.id::text || 'service1'`)}, 'type', 'Housing counselling', 'provider', 'Legal aid service', 'form', 'individual', 'frequency', 'weekly', 'duration', '3 months', 'place', 'Office', 'needId', ${sqlUuid(`c.id::text || 'need1'`)}),
                  jsonb_build_object('id', ${sqlUuid(`c.id::text || 'service2'`)}, 'type', 'Budget advice', 'provider', 'Social assistance service', 'form', 'group', 'frequency', 'monthly', 'duration', '6 months', 'place', 'Office', 'needId', ${sqlUuid(`c.id::text || 'need2'`)})),
               'meetings', (SELECT jsonb_agg(jsonb_build_object('id', ${sqlUuid(`c.id::text || 'meeting' || m`)}, 'date', (c.opened_at + m * interval '60 days')::date, 'purpose', 'Follow-up', 'place', 'Office') ORDER BY m) FROM generate_series(1, 4) m),
               'risks', jsonb_build_array(jsonb_build_object('id', ${sqlUuid(`c.id::text || 'risk'`)}, 'risk', 'Has to leave the current place early', 'contingency', 'Emergency shelter through the duty supervisor')),
               'rightsAndDuties', ${text('Rights')}, 'evaluationMethod', ${text('Evaluation')}),
             c.responsible_staff_id, c.opened_at + interval '25 days', c.opened_at + interval '20 days', c.opened_at + interval '25 days'
      FROM cases c WHERE c.agency_id = $1 AND c.stage IN ('implementation', 'evaluation')`,
        [agencyId],
      );
      await timed(
        'signatures',
        `
      INSERT INTO plan_signatures (agency_id, plan_id, signer, method, witness_name, recorded_by, signed_at)
      SELECT sp.agency_id, sp.id, 'person', 'paper', 'A. Witness', sp.created_by, sp.activated_at FROM service_plans sp WHERE sp.agency_id = $1`,
        [agencyId],
      );
      const steps = await timed(
        'steps',
        `
      INSERT INTO plan_steps (agency_id, case_id, step_id, plan_id, what, responsible_kind, due_date, status, result, completed_at, completed_by)
      SELECT sp.agency_id, sp.case_id, ${sqlUuid(`sp.case_id::text || 'step' || s`)}, sp.id, 'Step ' || s || ': fill in the application together and send it',
             (ARRAY['person','worker','partner','relative'])[1 + s % 4], d.due,
             CASE WHEN d.due < current_date - 30 THEN 'done' ELSE 'planned' END,
             CASE WHEN d.due < current_date - 30 THEN 'Done as agreed' ELSE '' END,
             CASE WHEN d.due < current_date - 30 THEN d.due::timestamptz END,
             CASE WHEN d.due < current_date - 30 THEN sp.created_by END
      FROM service_plans sp, generate_series(1, ${stepsPerPlan}) s,
           LATERAL (SELECT ((sp.created_at - interval '20 days') + (20 + s * 10) * interval '1 day')::date AS due) d
      WHERE sp.agency_id = $1`,
        [agencyId],
      );
      totals.assessments += assessments.rowCount ?? 0;
      totals.needs += needs.rowCount ?? 0;
      totals.plans += plans.rowCount ?? 0;
      totals.steps += steps.rowCount ?? 0;
    }),
  );
  return { ...totals, spent: Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Number(v.toFixed(2))])) };
}
