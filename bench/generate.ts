/**
 * The synthetic data set: staff in the seeded units, fictional people (Latin, Cyrillic and Chinese
 * names) and their cases with responsible workers and team members. Deterministic for a given
 * seed (apart from database-made staff ids); inserted in batches with `unnest`, so 20 000 people
 * take a few seconds. Written straight to the tables: seeding is not audited.
 */
import { asc } from 'drizzle-orm';
import type pg from 'pg';
import { transliterate } from 'transliteration';
import { formatCaseNumber } from '../src/areas/case/case-number.rules.ts';
import { units } from '../src/areas/organisation/organisation.schema.ts';
import { nameSearchKeys, normalisePhone } from '../src/areas/person/name-keys.rules.ts';
import type { Database } from '../src/core/db/pool.ts';
import type { Role } from '../src/core/roles.contract.ts';
import { insertStaff } from '../test/support/server.ts';
import { fictionalName, intBetween, mulberry32, pick, pickScript, type Rng, type Script, uuidFrom } from './names.ts';

export const EMAIL_DOMAIN = 'bench.example.org';
const BATCH_ROWS = 5000;
const CASE_NUMBER_PREFIX = 'TIL'; // the agency's default prefix (migration 0001)
const STAGES = [
  ['intake', 0.1],
  ['assessment', 0.15],
  ['planning', 0.15],
  ['implementation', 0.4],
  ['evaluation', 0.1],
  ['closed', 0.1],
] as const;

export interface GenerateOptions {
  people: number;
  seed: number;
  /** Requests (first contacts) to generate; default 2 × people. */
  requests?: number;
  /** Steps in each generated service plan; default 30. */
  stepsPerPlan?: number;
}

/** One query typed into the search box, and what kind of query it is. */
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
}

export interface StaffAccount {
  id: string;
  email: string;
  unitId: string | null;
}

/** A case worker and a person on one of their cases, as responsible worker or team member. */
export interface Assignment {
  staffId: string;
  personId: string;
  via: 'responsible' | 'team';
}

export interface Dataset {
  seed: number;
  sizes: {
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
  agencyHead: StaffAccount;
  /** Rotating search-box queries built from the generated people (names, misspellings, dates, phones, case numbers). */
  searchQueries: SearchQuery[];
  /** Seconds per phase of the generation (people/cases in JS, inserts, requests, VACUUM ANALYZE). */
  generationPhases: Record<string, number>;
  /** A deterministic sample (≤ 4096) of readable (case worker, person) pairs. */
  assignments: Assignment[];
  /** A deterministic sample (≤ 4096) of (responsible worker, case) pairs for cases with an active plan. */
  plannedCases: { staffId: string; caseId: string }[];
  generationSeconds: number;
}

interface Column {
  name: string;
  type: string;
  values: unknown[];
}

/**
 * INSERT … SELECT FROM unnest(arrays): one parameter per column, BATCH_ROWS rows per statement.
 * Columns named in `arrayColumns` are text[] columns whose values come as array literals ('{"a","b"}')
 * and are cast per row (unnest would flatten a two-dimensional array).
 */
async function insertRows(pool: pg.Pool, table: string, columns: Column[], arrayColumns: readonly string[] = []): Promise<void> {
  const total = columns[0]?.values.length ?? 0;
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const selected = columns.map((c) => (arrayColumns.includes(c.name) ? `${c.name}::text[]` : c.name)).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${arrays}) AS u(${names})`;
  for (let start = 0; start < total; start += BATCH_ROWS) {
    await pool.query(
      text,
      columns.map((c) => c.values.slice(start, start + BATCH_ROWS)),
    );
  }
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

function sample<T>(rng: Rng, items: T[], size: number): T[] {
  const copy = [...items];
  const n = Math.min(size, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
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

export async function generateDataset(db: Database, options: GenerateOptions): Promise<Dataset> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const t = performance.now();
    phases[name] = Number(((t - phaseStart) / 1000).toFixed(2));
    phaseStart = t;
  };
  const rng = mulberry32(options.seed);
  const pool = db.$client;
  const requestCount = options.requests ?? options.people * 2;

  // ---- staff: per unit a supervisor, an intake worker and case workers; one agency head ---------
  const unitRows = await db.select({ id: units.id }).from(units).orderBy(asc(units.name));
  if (unitRows.length === 0) throw new Error('No units: the migrations seed five, were they applied?');
  const unitIds = unitRows.map((u) => u.id);
  const caseWorkerCount = Math.min(400, Math.max(10, Math.round(options.people / 250)));

  let password = '';
  const addStaff = async (email: string, roles: Role[], unitId: string | null): Promise<StaffAccount> => {
    const name = fictionalName(rng, pickScript(rng));
    const created = await insertStaff(db, { email, displayName: `${name.givenName} ${name.familyName}`, roles, unitId });
    password = created.password;
    return { id: created.id, email: created.email, unitId };
  };

  const supervisors: StaffAccount[] = [];
  for (const [i, unitId] of unitIds.entries())
    supervisors.push(await addStaff(`supervisor-${i + 1}@${EMAIL_DOMAIN}`, ['supervisor'], unitId));
  const agencyHead = await addStaff(`agency-head@${EMAIL_DOMAIN}`, ['agency_head'], null);
  const caseWorkers: StaffAccount[] = [];
  for (let i = 0; i < caseWorkerCount; i++) {
    caseWorkers.push(await addStaff(`case-worker-${pad(i + 1, 3)}@${EMAIL_DOMAIN}`, ['case_worker'], unitIds[i % unitIds.length]!));
  }
  const intakeWorkers: StaffAccount[] = [];
  for (const [i, unitId] of unitIds.entries())
    intakeWorkers.push(await addStaff(`intake-${i + 1}@${EMAIL_DOMAIN}`, ['intake_worker'], unitId));
  const workersByUnit = unitIds.map((unitId) => caseWorkers.filter((w) => w.unitId === unitId));
  const supervisorByUnit = unitIds.map((_, i) => supervisors[i]!);
  phase('staff');

  // ---- people, cases, team members ---------------------------------------------------------------
  const personCols = {
    id: [] as string[],
    given: [] as string[],
    family: [] as string[],
    birth: [] as (string | null)[],
    createdBy: [] as string[],
    phones: [] as string[],
    phoneKeys: [] as string[],
    nameSearch: [] as string[],
  };
  const caseCols = {
    id: [] as string[],
    number: [] as string[],
    person: [] as string[],
    unit: [] as string[],
    responsible: [] as string[],
    stage: [] as string[],
    opened: [] as string[],
  };
  const teamCols = { caseId: [] as string[], staffId: [] as string[] };
  const peopleByScript: Record<Script, number> = { latin: 0, cyrillic: 0, han: 0 };
  const assignments: Assignment[] = [];
  const counters = new Map<number, number>();
  const now = Date.now();
  const threeYears = 3 * 365 * 24 * 3600 * 1000;
  const nameSearchText = memoNameSearchText();
  // People the search queries are made from: a deterministic sample, with their first case number.
  const samples: { script: Script; given: string; family: string; birth: string | null; phone: string | null; caseNumber: string }[] = [];
  let peopleWithPhone = 0;
  let peopleWithBirthDate = 0;
  // Text arrays go to PostgreSQL as array literals inside a text[] parameter: '{"a","b"}'.
  const arrayLiteral = (items: readonly string[]) => `{${items.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

  const addCase = (personId: string, unitIndex: number, maxTeam: number): string => {
    const workers = workersByUnit[unitIndex]!;
    const responsible = pick(rng, workers);
    const openedAt = new Date(now - Math.floor(rng() * threeYears));
    const year = openedAt.getUTCFullYear();
    const sequence = (counters.get(year) ?? 0) + 1;
    counters.set(year, sequence);
    const caseId = uuidFrom(rng);
    const caseNumber = formatCaseNumber(CASE_NUMBER_PREFIX, year, sequence);
    caseCols.id.push(caseId);
    caseCols.number.push(caseNumber);
    caseCols.person.push(personId);
    caseCols.unit.push(unitIds[unitIndex]!);
    caseCols.responsible.push(responsible.id);
    caseCols.stage.push(weightedStage(rng));
    caseCols.opened.push(openedAt.toISOString());
    assignments.push({ staffId: responsible.id, personId, via: 'responsible' });
    const teamSize = intBetween(rng, 0, maxTeam);
    for (const member of distinctOthers(rng, workers, teamSize, responsible)) {
      teamCols.caseId.push(caseId);
      teamCols.staffId.push(member.id);
      assignments.push({ staffId: member.id, personId, via: 'team' });
    }
    return caseNumber;
  };

  const sampleEvery = Math.max(1, Math.floor(options.people / 2000));
  for (let i = 0; i < options.people; i++) {
    const script = pickScript(rng);
    const name = fictionalName(rng, script);
    peopleByScript[script]++;
    const personId = uuidFrom(rng);
    const unitIndex = Math.floor(rng() * unitIds.length);
    personCols.id.push(personId);
    personCols.given.push(name.givenName);
    personCols.family.push(name.familyName);
    // Most people have a known birth date; some do not (walk-ins who gave none).
    const birth =
      rng() < 0.85 ? `${intBetween(rng, 1935, 2012)}-${pad(intBetween(rng, 1, 12), 2)}-${pad(intBetween(rng, 1, 28), 2)}` : null;
    if (birth) peopleWithBirthDate++;
    personCols.birth.push(birth);
    // Four in five have a phone number, one in ten of those a second one.
    const phones = rng() < 0.8 ? [fictionalPhone(rng, script), ...(rng() < 0.1 ? [fictionalPhone(rng, script)] : [])] : [];
    if (phones.length > 0) peopleWithPhone++;
    personCols.phones.push(arrayLiteral(phones));
    // As PersonService derives them (src/areas/person/person.service.ts).
    personCols.phoneKeys.push(arrayLiteral([...new Set(phones.map(normalisePhone).filter(Boolean))]));
    personCols.nameSearch.push(nameSearchText([name.givenName, name.familyName]));
    // Registered by the unit's supervisor, so a case worker sees the person through a case only.
    personCols.createdBy.push(supervisorByUnit[unitIndex]!.id);
    const caseNumber = addCase(personId, unitIndex, 2);
    if (i % sampleEvery === 0)
      samples.push({ script, given: name.givenName, family: name.familyName, birth, phone: phones[0] ?? null, caseNumber });
    // One in ten also has a case in another unit.
    if (rng() < 0.1 && unitIds.length > 1) addCase(personId, (unitIndex + intBetween(rng, 1, unitIds.length - 1)) % unitIds.length, 1);
  }
  phase('peopleInJs');

  await insertRows(
    pool,
    'persons',
    [
      { name: 'id', type: 'uuid', values: personCols.id },
      { name: 'given_name', type: 'text', values: personCols.given },
      { name: 'family_name', type: 'text', values: personCols.family },
      { name: 'birth_date', type: 'date', values: personCols.birth },
      { name: 'created_by', type: 'uuid', values: personCols.createdBy },
      { name: 'phones', type: 'text', values: personCols.phones },
      { name: 'phone_keys', type: 'text', values: personCols.phoneKeys },
      { name: 'name_search', type: 'text', values: personCols.nameSearch },
    ],
    ['phones', 'phone_keys'],
  );
  phase('insertPersons');
  await insertRows(pool, 'cases', [
    { name: 'id', type: 'uuid', values: caseCols.id },
    { name: 'case_number', type: 'text', values: caseCols.number },
    { name: 'person_id', type: 'uuid', values: caseCols.person },
    { name: 'unit_id', type: 'uuid', values: caseCols.unit },
    { name: 'responsible_staff_id', type: 'uuid', values: caseCols.responsible },
    { name: 'stage', type: 'text', values: caseCols.stage },
    { name: 'opened_at', type: 'timestamptz', values: caseCols.opened },
  ]);
  await insertRows(pool, 'case_team_members', [
    { name: 'case_id', type: 'uuid', values: teamCols.caseId },
    { name: 'staff_id', type: 'uuid', values: teamCols.staffId },
  ]);
  // Case numbers the app hands out later must not collide with the generated ones.
  for (const [year, last] of counters) {
    await pool.query(
      `INSERT INTO case_number_counters (year, last_number) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_number = GREATEST(case_number_counters.last_number, EXCLUDED.last_number)`,
      [year, last],
    );
  }
  phase('insertCases');

  // ---- requests ------------------------------------------------------------------------------------
  const reqCols = {
    receipt: [] as string[],
    channel: [] as string[],
    cameVia: [] as string[],
    receivedAt: [] as string[],
    receivedBy: [] as string[],
    person: [] as (string | null)[],
    anonymous: [] as (string | null)[],
    contactName: [] as (string | null)[],
    contactPhone: [] as (string | null)[],
    language: [] as string[],
    ownWords: [] as string[],
    mainProblem: [] as string[],
    region: [] as (string | null)[],
    danger: [] as boolean[],
    child: [] as boolean[],
    selfHarm: [] as boolean[],
    priority: [] as string[],
    due: [] as string[],
    status: [] as string[],
    unit: [] as (string | null)[],
    assigned: [] as (string | null)[],
  };
  const requestsByStatus: Record<string, number> = {};
  const requestsByPriority: Record<string, number> = {};
  let linked = 0;
  for (let i = 0; i < requestCount; i++) {
    const receivedAt = new Date(now - Math.floor(rng() * threeYears));
    const intakeIndex = Math.floor(rng() * intakeWorkers.length);
    const intake = intakeWorkers[intakeIndex]!;
    const priority = weighted(rng, PRIORITIES);
    const status = weighted(rng, STATUSES);
    requestsByStatus[status] = (requestsByStatus[status] ?? 0) + 1;
    requestsByPriority[priority] = (requestsByPriority[priority] ?? 0) + 1;
    const personIndex = rng() < 0.6 ? Math.floor(rng() * options.people) : -1;
    if (personIndex >= 0) linked++;
    const problem = pick(rng, PROBLEMS);
    // Not hex, so never equal to a receipt number the app makes (R-date-8 hex digits).
    reqCols.receipt.push(`R-${receivedAt.toISOString().slice(0, 10).replaceAll('-', '')}-X${pad(i, 7)}`);
    reqCols.channel.push(weighted(rng, CHANNELS));
    reqCols.cameVia.push(weighted(rng, CAME_VIA));
    reqCols.receivedAt.push(receivedAt.toISOString());
    reqCols.receivedBy.push(intake.id);
    reqCols.person.push(personIndex >= 0 ? personCols.id[personIndex]! : null);
    const anonymous = personIndex < 0 && rng() < 0.5;
    reqCols.anonymous.push(anonymous ? `caller ${i}` : null);
    const contact = personIndex < 0 && !anonymous ? fictionalName(rng, pickScript(rng)) : null;
    reqCols.contactName.push(contact ? `${contact.givenName} ${contact.familyName}` : null);
    reqCols.contactPhone.push(contact ? fictionalPhone(rng, contact.script) : null);
    reqCols.language.push(pick(rng, LANGUAGES));
    reqCols.ownWords.push(`${pick(rng, OWN_WORDS_START)} ${problem}${pick(rng, OWN_WORDS_END)}`);
    reqCols.mainProblem.push(problem);
    reqCols.region.push(rng() < 0.7 ? pick(rng, REGIONS) : null);
    const urgentBy = priority === 'urgent' ? Math.floor(rng() * 4) : -1; // 0–2: a triage answer made it urgent, 3: set by hand
    reqCols.danger.push(urgentBy === 0);
    reqCols.child.push(urgentBy === 1);
    reqCols.selfHarm.push(urgentBy === 2);
    reqCols.priority.push(priority);
    reqCols.due.push(new Date(receivedAt.getTime() + RESPONSE_HOURS[priority]! * 3600_000).toISOString());
    reqCols.status.push(status);
    // Open requests partly wait in the unassigned pool; decided ones belong to a unit.
    const pooled = status === 'open' && rng() < 0.4;
    reqCols.unit.push(pooled ? null : unitIds[intakeIndex]!);
    reqCols.assigned.push(pooled ? null : intake.id);
  }
  phase('requestsInJs');
  await insertRows(pool, 'requests', [
    { name: 'receipt_number', type: 'text', values: reqCols.receipt },
    { name: 'channel', type: 'text', values: reqCols.channel },
    { name: 'came_via', type: 'text', values: reqCols.cameVia },
    { name: 'received_at', type: 'timestamptz', values: reqCols.receivedAt },
    { name: 'received_by', type: 'uuid', values: reqCols.receivedBy },
    { name: 'person_id', type: 'uuid', values: reqCols.person },
    { name: 'anonymous_label', type: 'text', values: reqCols.anonymous },
    { name: 'contact_name', type: 'text', values: reqCols.contactName },
    { name: 'contact_phone', type: 'text', values: reqCols.contactPhone },
    { name: 'language', type: 'text', values: reqCols.language },
    { name: 'own_words', type: 'text', values: reqCols.ownWords },
    { name: 'main_problem', type: 'text', values: reqCols.mainProblem },
    { name: 'region', type: 'text', values: reqCols.region },
    { name: 'danger_to_life', type: 'boolean', values: reqCols.danger },
    { name: 'child_at_risk', type: 'boolean', values: reqCols.child },
    { name: 'self_harm', type: 'boolean', values: reqCols.selfHarm },
    { name: 'priority', type: 'text', values: reqCols.priority },
    { name: 'first_response_due_at', type: 'timestamptz', values: reqCols.due },
    { name: 'status', type: 'text', values: reqCols.status },
    { name: 'unit_id', type: 'uuid', values: reqCols.unit },
    { name: 'assigned_to', type: 'uuid', values: reqCols.assigned },
  ]);
  phase('insertRequests');
  const planned = await generateAssessmentsAndPlans(pool, options.stepsPerPlan ?? 30);
  phase('assessmentsAndPlans');
  await pool.query('VACUUM ANALYZE');
  phase('vacuumAnalyze');

  // ---- search queries ------------------------------------------------------------------------------
  const searchQueries: SearchQuery[] = [];
  const of = (script: Script) => samples.filter((s) => s.script === script);
  const qs = { latin: of('latin'), cyrillic: of('cyrillic'), han: of('han') };
  for (let i = 0; i < 64; i++) {
    const latin = pick(rng, qs.latin);
    const cyrillic = pick(rng, qs.cyrillic);
    const han = pick(rng, qs.han);
    const any = pick(rng, samples);
    const withBirth = samples.filter((s) => s.birth);
    const withPhone = samples.filter((s) => s.phone);
    searchQueries.push(
      { kind: 'latin-fragment', q: i % 2 === 0 ? latin.family : `${latin.given} ${latin.family.slice(0, 4)}` },
      { kind: 'cyrillic-fragment', q: i % 2 === 0 ? cyrillic.family : `${cyrillic.given} ${cyrillic.family}` },
      { kind: 'chinese-name', q: `${han.family}${han.given}`.length >= 2 ? `${han.family}${han.given}` : `${han.family} ${han.given}` },
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
    );
  }
  phase('searchQueries');

  return {
    seed: options.seed,
    sizes: {
      units: unitIds.length,
      staff: supervisors.length + 1 + caseWorkers.length + intakeWorkers.length,
      caseWorkers: caseWorkers.length,
      supervisors: supervisors.length,
      agencyHeads: 1,
      intakeWorkers: intakeWorkers.length,
      people: options.people,
      peopleByScript,
      peopleWithPhone,
      peopleWithBirthDate,
      cases: caseCols.id.length,
      teamMemberships: teamCols.caseId.length,
      requests: requestCount,
      requestsLinkedToPerson: linked,
      requestsByStatus,
      requestsByPriority,
      assessments: planned.assessments,
      needs: planned.needs,
      activePlans: planned.plans,
      planSteps: planned.steps,
    },
    password,
    caseWorkers,
    intakeWorkers,
    agencyHead,
    searchQueries,
    generationPhases: phases,
    assignments: sample(rng, assignments, 4096),
    plannedCases: planned.sample,
    generationSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * Assessments and service plans, generated in SQL from the cases already inserted: every case
 * past intake has a completed assessment with three needs; every case in implementation or
 * evaluation has an active, signed plan with four goals, `stepsPerPlan` steps (tracked in
 * plan_steps, the earlier ones done), two services, four meetings and a risk. Ids inside a plan
 * are derived from the case id, so they are stable and deterministic.
 */
async function generateAssessmentsAndPlans(pool: pg.Pool, stepsPerPlan: number) {
  /** A deterministic, well-formed (version 4 shaped) uuid from a text expression. */
  const sqlUuid = (expression: string) => `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const text = (label: string) =>
    `'${label} – fictional text written for the benchmark, long enough to look like a real note about the person and their situation.'`;
  const assessments = await pool.query(`
    INSERT INTO assessments (id, case_id, kind, status, assessed_on, sources, domains, analysis_causes, analysis_nature, analysis_degree, person_view,
                             person_response, person_responded_at, created_by, completed_at)
    SELECT ${sqlUuid(`c.id::text || 'assessment'`)}, c.id, 'initial', 'completed', (c.opened_at + interval '10 days')::date, '{interview,scales}',
           jsonb_build_object(
             'housing', jsonb_build_object('findings', ${text('Housing')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text)) % 5),
             'finances', jsonb_build_object('findings', ${text('Finances')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text || 'f')) % 5),
             'health', jsonb_build_object('findings', ${text('Health')}, 'strengths', ${text('Strengths')}, 'score', 1 + abs(hashtext(c.id::text || 'h')) % 5)),
           ${text('Causes')}, ${text('Nature')}, ${text('Degree')}, ${text('Own view')}, 'confirmed', c.opened_at + interval '12 days',
           c.responsible_staff_id, c.opened_at + interval '12 days'
    FROM cases c WHERE c.stage IN ('assessment', 'planning', 'implementation', 'evaluation', 'closed')`);
  const needs = await pool.query(`
    INSERT INTO needs (id, case_id, assessment_id, domain, description, severity, identified_on, created_by)
    SELECT ${sqlUuid(`a.case_id::text || 'need' || n`)}, a.case_id, a.id, (ARRAY['housing','finances','health'])[n],
           (ARRAY['A stable home','A budget that covers the month','Regular contact with a doctor'])[n], (ARRAY['high','moderate','low'])[n], a.assessed_on, a.created_by
    FROM assessments a, generate_series(1, 3) n`);
  const plans = await pool.query(`
    INSERT INTO service_plans (id, case_id, plan_version, status, content, created_by, activated_at, created_at, updated_at)
    SELECT ${sqlUuid(`c.id::text || 'plan'`)}, c.id, 1, 'active',
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
    FROM cases c WHERE c.stage IN ('implementation', 'evaluation')`);
  await pool.query(`
    INSERT INTO plan_signatures (plan_id, signer, method, witness_name, recorded_by, signed_at)
    SELECT sp.id, 'person', 'paper', 'A. Witness', sp.created_by, sp.activated_at FROM service_plans sp`);
  const steps = await pool.query(`
    INSERT INTO plan_steps (case_id, step_id, plan_id, what, responsible_kind, due_date, status, result, completed_at, completed_by)
    SELECT sp.case_id, (st->>'id')::uuid, sp.id, st->>'what', st->>'responsibleKind', (st->>'dueDate')::date,
           CASE WHEN (st->>'dueDate')::date < current_date - 30 THEN 'done' ELSE 'planned' END,
           CASE WHEN (st->>'dueDate')::date < current_date - 30 THEN 'Done as agreed' ELSE '' END,
           CASE WHEN (st->>'dueDate')::date < current_date - 30 THEN (st->>'dueDate')::timestamptz END,
           CASE WHEN (st->>'dueDate')::date < current_date - 30 THEN sp.created_by END
    FROM service_plans sp, jsonb_array_elements(sp.content->'steps') st`);
  const sample = await pool.query<{ staff_id: string; case_id: string }>(`
    SELECT c.responsible_staff_id AS staff_id, c.id AS case_id FROM service_plans sp JOIN cases c ON c.id = sp.case_id
    WHERE sp.status = 'active' ORDER BY md5(c.id::text) LIMIT 4096`);
  return {
    assessments: assessments.rowCount ?? 0,
    needs: needs.rowCount ?? 0,
    plans: plans.rowCount ?? 0,
    steps: steps.rowCount ?? 0,
    sample: sample.rows.map((r) => ({ staffId: r.staff_id, caseId: r.case_id })),
  };
}
