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
 * made in JavaScript – service plans with their signatures and tracked steps too (plans.ts, in
 * COPY's binary format); assessments and needs are made in SQL, one agency per statement, on a
 * third connection while the requests are loaded.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { transliterate } from 'transliteration';
import { formatCaseNumber } from '../src/areas/case/case-number.rules.ts';
import { nameSearchKeys, normalisePhone } from '../src/areas/person/name-keys.rules.ts';
import { planContent } from '../src/areas/plan/plan.contract.ts';
import { installShippedQuestionnairesFor } from '../src/areas/questionnaire/shipped-questionnaires.install.ts';
import type { Database } from '../src/core/db/pool.ts';
import type { Role } from '../src/core/roles.contract.ts';
import { insertStaff } from '../test/support/server.ts';
import { BENCH_AGENCY_LANGUAGES, generateJournal, type JournalSet, journalDiskUse } from './journal.ts';
import { fictionalName, intBetween, mulberry32, pick, pickScript, type Rng, type Script, uuidFrom } from './names.ts';
import { fictionalNote, PlanTemplate, planContentOf, uuidOf } from './plans.ts';
import { generateVouchers, type VoucherSet } from './vouchers.ts';

export const EMAIL_DOMAIN = 'bench.example.org';
const BATCH_ROWS = 20_000;
/** Characters of text rows encoded into one chunk of a COPY batch. */
const TEXT_CHUNK_CHARS = 64 * 1024;
/** Service plans a batch: each one's content is ≈ 13 kB of JSON. */
const PLAN_BATCH_ROWS = 1_000;
const DAY_MS = 86_400_000;
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
  'journal_entries',
  'consents',
  'consent_events',
  'disclosures',
  'vouchers',
  'voucher_events',
  'voucher_visits',
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
  /** Journal entries overall (journal.ts): `heavyCases` cases with `perHeavyCase` each, the rest spread thinly. Default none. */
  journal?: { entries: number; heavyCases: number; perHeavyCase: number };
  /** Referral vouchers (vouchers.ts): `count` over `partners` partner organisations, and `issueCases` cases to issue on. Default none. */
  vouchers?: { count: number; partners: number; issueCases: number };
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
    journalEntries: number;
    partnerOrganisations: number;
    vouchers: number;
  };
  /** The journal's cases and what making it cost: seconds per part, and the disk its table and indexes take. */
  journal: JournalSet & {
    generation: { entriesSeconds: number; indexSeconds: Record<string, number>; vacuumAnalyzeSeconds: number; totalSeconds: number };
    disk: Awaited<ReturnType<typeof journalDiskUse>>;
  };
  /** The partner organisations and their vouchers: the measured partner, its staff, and where voucher-issue issues. */
  vouchers: VoucherSet | null;
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

/** One COPY … FROM STDIN on a connection of its own, with a batch's data; resolves to the seconds it took. */
async function copyBatch(pool: pg.Pool, statement: string, data: readonly (string | Buffer)[]): Promise<number> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const t0 = performance.now();
  try {
    await pipeline(Readable.from(data), client.query(copyFrom(statement)));
    return (performance.now() - t0) / 1000;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw failure;
  } finally {
    client.release(failure);
  }
}

/**
 * Rows of one table, written with COPY … FROM STDIN (pg-copy-streams) in batches of BATCH_ROWS:
 * PostgreSQL parses COPY's text format several times faster than it runs INSERT … SELECT FROM
 * unnest(…), and JavaScript only joins strings. Text arrays come as array literals ('{"a","b"}').
 */
class TableLoader {
  /** The batch so far: rows encoded ≈ 64 kB at a time, and the rows since. */
  private chunks: Buffer[] = [];
  private lines: string[] = [];
  private lineChars = 0;
  private rows = 0;
  readonly text: string;
  count = 0;
  /** Seconds the COPY statements took, summed over the connections. */
  seconds = 0;
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
    const line = row.map(copyField).join('\t');
    this.lines.push(line);
    this.count++;
    // Encoded ≈ 64 kB at a time rather than the whole batch at the end: the strings die young, and
    // the garbage collector copies less (a quarter of the scavenging time, measured on plan steps).
    if ((this.lineChars += line.length + 1) >= TEXT_CHUNK_CHARS) this.encode();
    if (++this.rows >= BATCH_ROWS) await this.flush();
  }
  private encode(): void {
    if (this.lines.length === 0) return;
    this.chunks.push(Buffer.from(`${this.lines.join('\n')}\n`));
    this.lines = [];
    this.lineChars = 0;
  }
  async flush(): Promise<void> {
    this.encode();
    if (this.chunks.length === 0) return;
    const data = this.chunks;
    this.chunks = [];
    this.rows = 0;
    await this.limiter.run(async () => {
      this.seconds += await copyBatch(this.pool, this.text, data);
    });
  }
}

/** The column types BinaryTableLoader writes. */
type BinaryType = 'int4' | 'uuid' | 'text' | 'date' | 'timestamptz' | 'jsonb';
/**
 * A value for BinaryTableLoader: int4 a number; uuid, text and jsonb (its JSON) a string; date a
 * day number (days since 1970-01-01); timestamptz milliseconds since 1970; null for NULL.
 */
type BinaryValue = number | string | null;

const COPY_BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]); // signature, flags, no extension
const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);
/** PostgreSQL counts dates and timestamps from 2000-01-01: in days since 1970-01-01. */
const POSTGRES_EPOCH_DAY = 10_957;
/** Bytes of binary COPY data made before they are handed on as one chunk. */
const BINARY_CHUNK_BYTES = 256 * 1024;
/** Distinct short texts a column keeps encoded (statuses, the plan's step texts). */
const TEXT_CACHE_SIZE = 64;
const HEX_DIGITS = new Int8Array(128).fill(-1);
for (const [i, c] of [...'0123456789abcdef'].entries()) HEX_DIGITS[c.charCodeAt(0)] = HEX_DIGITS[c.toUpperCase().charCodeAt(0)] = i;

/**
 * Rows of one table in COPY's binary format, for the service plans and their tracked steps:
 * PostgreSQL neither scans their text for line ends and escapes (≈ 13 kB of JSON a plan) nor
 * parses ids, dates and timestamps from text – for a plan and its 30 steps, ≈ 0.2 ms less of its
 * CPU than the text format. Rows are written into buffers as they are added: no batch becomes a
 * string to join and encode, and nothing is left for the garbage collector but the values.
 */
class BinaryTableLoader {
  private chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(BINARY_CHUNK_BYTES);
  private offset = 0;
  private rows = 0;
  private readonly types: readonly BinaryType[];
  /** Per text column, its repeated values already encoded. */
  private readonly texts: Map<string, Buffer>[];
  readonly text: string;
  count = 0;
  /** Seconds the COPY statements took, summed over the connections. */
  seconds = 0;
  constructor(
    private readonly pool: pg.Pool,
    private readonly limiter: Limiter,
    table: string,
    columns: readonly (readonly [name: string, type: BinaryType])[],
    private readonly batchRows: number,
  ) {
    this.types = columns.map(([, type]) => type);
    this.texts = columns.map(() => new Map());
    this.text = `COPY ${table} (${columns.map(([name]) => name).join(', ')}) FROM STDIN (FORMAT binary)`;
  }
  /** Adds a row, one value per column; when a batch is full, waits until it may be sent. */
  async add(...row: BinaryValue[]): Promise<void> {
    if (row.length !== this.types.length) throw new Error(`${this.text}: ${row.length} values for ${this.types.length} columns`);
    // Room for the row at most (a UTF-8 character of a JavaScript string takes at most 3 bytes).
    let room = 2;
    for (const value of row) room += 5 + (typeof value === 'string' ? 3 * value.length : 8);
    if (this.offset + room > this.buffer.length) this.seal(room);
    const b = this.buffer;
    let at = b.writeInt16BE(row.length, this.offset);
    for (let i = 0; i < row.length; i++) {
      const value = row[i]!;
      if (value === null) {
        at = b.writeInt32BE(-1, at);
        continue;
      }
      switch (this.types[i]!) {
        case 'int4':
          at = b.writeInt32BE(value as number, b.writeInt32BE(4, at));
          break;
        case 'date':
          at = b.writeInt32BE((value as number) - POSTGRES_EPOCH_DAY, b.writeInt32BE(4, at));
          break;
        case 'timestamptz': {
          // Microseconds since 2000-01-01, a signed 64-bit integer, written as its two halves.
          const micros = ((value as number) - POSTGRES_EPOCH_DAY * DAY_MS) * 1000;
          const high = Math.floor(micros / 2 ** 32);
          at = b.writeUInt32BE(micros - high * 2 ** 32, b.writeInt32BE(high, b.writeInt32BE(8, at)));
          break;
        }
        case 'uuid':
          at = writeUuid(b, b.writeInt32BE(16, at), value as string);
          break;
        case 'text': {
          const cache = this.texts[i]!;
          let encoded = cache.get(value as string);
          if (!encoded && cache.size < TEXT_CACHE_SIZE) cache.set(value as string, (encoded = Buffer.from(value as string)));
          if (encoded) {
            b.set(encoded, b.writeInt32BE(encoded.length, at));
            at += 4 + encoded.length;
          } else {
            const bytes = b.write(value as string, at + 4, 'utf8');
            b.writeInt32BE(bytes, at);
            at += 4 + bytes;
          }
          break;
        }
        case 'jsonb': {
          b[at + 4] = 1; // jsonb's binary format: a version byte, then the JSON text
          const bytes = b.write(value as string, at + 5, 'utf8');
          b.writeInt32BE(1 + bytes, at);
          at += 5 + bytes;
          break;
        }
      }
    }
    this.offset = at;
    this.count++;
    if (++this.rows >= this.batchRows) await this.flush();
  }
  /** Hands on the bytes made so far as a chunk, and starts a buffer with room for at least `room` bytes. */
  private seal(room: number): void {
    if (this.offset > 0) this.chunks.push(this.buffer.subarray(0, this.offset));
    this.buffer = Buffer.allocUnsafe(Math.max(BINARY_CHUNK_BYTES, room));
    this.offset = 0;
  }
  async flush(): Promise<void> {
    if (this.rows === 0) return;
    this.seal(0);
    const data = [COPY_BINARY_HEADER, ...this.chunks, COPY_BINARY_TRAILER];
    this.chunks = [];
    this.rows = 0;
    await this.limiter.run(async () => {
      this.seconds += await copyBatch(this.pool, this.text, data);
    });
  }
}

/** The 16 bytes of a uuid in its text form (8-4-4-4-12 hex digits), written at `at`; returns where the next field begins. */
function writeUuid(buffer: Buffer, at: number, uuid: string): number {
  if (uuid.length !== 36) throw new Error(`Not a uuid: ${uuid}`);
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    const high = HEX_DIGITS[uuid.charCodeAt(i)] ?? -1;
    const low = HEX_DIGITS[uuid.charCodeAt(i + 1)] ?? -1;
    if (high < 0 || low < 0) throw new Error(`Not a uuid: ${uuid}`);
    buffer[at++] = (high << 4) | low;
  }
  return at;
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
    // The agencies work in four languages, and their journals are written (and searched) in them.
    await db.$client.query('UPDATE agency SET languages = $1 WHERE id = 1', [BENCH_AGENCY_LANGUAGES]);
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
    // The cases that get an active plan (in implementation or evaluation), for loadPlans.
    const casesWithPlan: PlannedCase[] = [];

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
      const stage = weightedStage(rng);
      await cases.add(a.id, caseId, caseNumber, personId, a.unitIds[unitIndex]!, responsible.id, stage, openedAt.toISOString());
      if (stage === 'implementation' || stage === 'evaluation')
        casesWithPlan.push({ agencyId: a.id, caseId, openedAt: openedAt.getTime(), responsibleStaffId: responsible.id });
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

    // Statistics for the tables just filled, so the per-agency statements below are planned on them.
    await load.query('ANALYZE persons, cases, case_team_members');
    // Assessments and needs are made in SQL from the cases alone, on a third connection while
    // JavaScript makes the requests (which leaves PostgreSQL most of a core); awaited after them.
    const assessing = generateAssessments(
      load,
      agencies.map((a) => a.id),
    );
    assessing.catch(() => undefined); // a failure is thrown where it is awaited, not as an unhandled rejection first

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

    const assessed = await assessing;
    const planned = await loadPlans(load, limiter, casesWithPlan, options.stepsPerPlan ?? 30);
    phase('assessmentsAndPlans');
    // Connection-seconds per statement or table, to show where the time goes (the assessments' began with the requests).
    for (const [label, seconds] of Object.entries({ ...assessed.spent, ...planned.spent }))
      phases[`assessmentsAndPlans.${label}`] = seconds;

    const journalStarted = performance.now();
    const journal = await generateJournal(load, {
      total: options.journal?.entries ?? 0,
      heavyCases: options.journal?.heavyCases ?? 0,
      perHeavyCase: options.journal?.perHeavyCase ?? 5_000,
      seed: options.seed,
      log,
    });
    const journalEntriesSeconds = (performance.now() - journalStarted) / 1000;
    phase('journal');

    const vouchers =
      options.vouchers && options.vouchers.count > 0
        ? await generateVouchers(db, load, {
            ...options.vouchers,
            seed: options.seed,
            agencies: agencies.map((a) => ({ id: a.id, prefix: a.prefix })),
            log,
          })
        : null;
    phase('vouchers');

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
    // The journal's index builds are timed one by one: what its generation costs includes them.
    const journalIndexSeconds: Record<string, number> = {};
    await onConnections(
      load,
      IN_FLIGHT,
      ordered.map((index) => async () => {
        const t = performance.now();
        await load.query(index.definition);
        if (index.table === 'journal_entries')
          journalIndexSeconds[/INDEX (\S+)|CONSTRAINT (\S+)/.exec(index.definition)?.slice(1).find(Boolean) ?? index.definition] = Number(
            ((performance.now() - t) / 1000).toFixed(2),
          );
      }),
    );
    phase('createIndexes');
    const tables = (
      await load.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables ORDER BY n_live_tup DESC`,
      )
    ).rows;
    let journalVacuumSeconds = 0;
    await onConnections(
      load,
      IN_FLIGHT,
      tables.map((t) => async () => {
        const started = performance.now();
        await load.query(`VACUUM (ANALYZE) ${t.name}`);
        if (t.name === 'public.journal_entries') journalVacuumSeconds = (performance.now() - started) / 1000;
      }),
    );
    phase('vacuumAnalyze');
    const journalDisk = await journalDiskUse(load);
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
        assessments: assessed.assessments,
        needs: assessed.needs,
        activePlans: planned.plans,
        planSteps: planned.steps,
        journalEntries: journal.entries,
        partnerOrganisations: vouchers?.partners ?? 0,
        vouchers: vouchers?.vouchers ?? 0,
      },
      journal: {
        ...journal,
        generation: {
          entriesSeconds: Number(journalEntriesSeconds.toFixed(2)),
          indexSeconds: journalIndexSeconds,
          vacuumAnalyzeSeconds: Number(journalVacuumSeconds.toFixed(2)),
          totalSeconds: Number(
            (journalEntriesSeconds + Object.values(journalIndexSeconds).reduce((a, b) => a + b, 0) + journalVacuumSeconds).toFixed(2),
          ),
        },
        disk: journalDisk,
      },
      vouchers,
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
 * Assessments, generated in SQL from the cases already inserted: every case past intake has a
 * completed assessment with three needs. Ids are derived from the case id (the md5 of `uuidOf`,
 * plans.ts), so the plans' goals and services can name the needs.
 */
async function generateAssessments(pool: pg.Pool, agencyIds: readonly number[]) {
  /** uuidOf (plans.ts) in SQL. */
  const sqlUuid = (expression: string) => `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const text = (label: string) => `'${fictionalNote(label)}'`;
  const totals = { assessments: 0, needs: 0 };
  /** Seconds spent in each statement, summed over the connections: where this phase's time goes. */
  const spent: Record<string, number> = { assessments: 0, needs: 0 };
  const timed = async (label: string, text: string, values: unknown[]) => {
    const t0 = performance.now();
    const result = await pool.query(text, values);
    spent[label] = (spent[label] ?? 0) + (performance.now() - t0) / 1000;
    return result;
  };
  // One agency after another, on one connection; within an agency the needs build on the assessments.
  await onConnections(
    pool,
    1,
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
      totals.assessments += assessments.rowCount ?? 0;
      totals.needs += needs.rowCount ?? 0;
    }),
  );
  return { ...totals, spent: Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Number(v.toFixed(2))])) };
}

/** A case that gets an active plan: in implementation or evaluation. */
interface PlannedCase {
  agencyId: number;
  caseId: string;
  /** opened_at, in ms. */
  openedAt: number;
  responsibleStaffId: string;
}

/**
 * Service plans, made in JavaScript and loaded with COPY (bench/README.md, "Data at scale"):
 * every case in implementation or evaluation has an active plan signed by the person on paper,
 * with four goals, `stepsPerPlan` steps, two services, four meetings and a risk (plans.ts), and
 * its steps tracked in plan_steps – the content's own steps, those due more than 30 days ago done.
 * Building the content as nested jsonb in SQL cost ≈ 1 ms a plan; made here, PostgreSQL parses
 * it once and compresses it while JavaScript makes the next batch.
 */
async function loadPlans(pool: pg.Pool, limiter: Limiter, casesWithPlan: readonly PlannedCase[], stepsPerPlan: number) {
  // Due more than 30 days before the database's today (UTC: the loading connections' time zone).
  const { cutoff } = (await pool.query<{ cutoff: string }>('SELECT (current_date - 30)::text AS cutoff')).rows[0]!;
  const plans = new BinaryTableLoader(
    pool,
    limiter,
    'service_plans',
    [
      ['agency_id', 'int4'],
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['plan_version', 'int4'],
      ['status', 'text'],
      ['content', 'jsonb'],
      ['created_by', 'uuid'],
      ['activated_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    PLAN_BATCH_ROWS,
  );
  const signatures = new TableLoader(pool, limiter, 'plan_signatures', [
    'agency_id',
    'plan_id',
    'signer',
    'method',
    'witness_name',
    'recorded_by',
    'signed_at',
  ]);
  const steps = new BinaryTableLoader(
    pool,
    limiter,
    'plan_steps',
    [
      ['agency_id', 'int4'],
      ['case_id', 'uuid'],
      ['step_id', 'uuid'],
      ['plan_id', 'uuid'],
      ['what', 'text'],
      ['responsible_kind', 'text'],
      ['due_date', 'date'],
      ['status', 'text'],
      ['result', 'text'],
      ['completed_at', 'timestamptz'],
      ['completed_by', 'uuid'],
    ],
    BATCH_ROWS,
  );
  const template = new PlanTemplate(stepsPerPlan);
  for (const [i, c] of casesWithPlan.entries()) {
    const plan = template.forCase(c.caseId, c.openedAt);
    if (i === 0) {
      // The template makes the content planContentOf makes, in a shape the app's schema accepts.
      const content = JSON.parse(plan.json) as unknown;
      assert.deepEqual(content, planContentOf(c.caseId, c.openedAt, stepsPerPlan));
      planContent.parse(content);
    }
    const planId = uuidOf(`${c.caseId}plan`);
    const activatedAt = c.openedAt + 25 * DAY_MS;
    const by = c.responsibleStaffId;
    await plans.add(c.agencyId, planId, c.caseId, 1, 'active', plan.json, by, activatedAt, c.openedAt + 20 * DAY_MS, activatedAt);
    await signatures.add(c.agencyId, planId, 'person', 'paper', 'A. Witness', by, new Date(activatedAt).toISOString());
    for (const step of plan.steps) {
      const done = step.dueDate < cutoff;
      await steps.add(
        c.agencyId,
        c.caseId,
        step.id,
        planId,
        step.what,
        step.responsibleKind,
        step.dueDay,
        done ? 'done' : 'planned',
        done ? 'Done as agreed' : '',
        done ? step.dueDay * DAY_MS : null,
        done ? by : null,
      );
    }
  }
  await Promise.all([plans.flush(), signatures.flush(), steps.flush()]);
  await limiter.drain();
  const seconds = (loader: { seconds: number }) => Number(loader.seconds.toFixed(2));
  return {
    plans: plans.count,
    steps: steps.count,
    spent: { plans: seconds(plans), signatures: seconds(signatures), steps: seconds(steps) },
  };
}
