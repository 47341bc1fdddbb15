/**
 * The synthetic data set: staff in the seeded units, fictional people (Latin, Cyrillic and Chinese
 * names) and their cases with responsible workers and team members. Deterministic for a given
 * seed (apart from database-made staff ids); inserted in batches with `unnest`, so 20 000 people
 * take a few seconds. Written straight to the tables: seeding is not audited.
 */
import { asc } from 'drizzle-orm';
import type pg from 'pg';
import type { Role } from '../src/contracts/roles.ts';
import type { Database } from '../src/db/pool.ts';
import { units } from '../src/db/schema.ts';
import { formatCaseNumber } from '../src/domain/case-number.ts';
import { insertStaff } from '../test/support/server.ts';
import { fictionalName, intBetween, mulberry32, pick, pickScript, uuidFrom, type Rng, type Script } from './names.ts';

export const EMAIL_DOMAIN = 'bench.example.org';
const BATCH_ROWS = 5000;
const CASE_NUMBER_PREFIX = 'TIL'; // the agency's default prefix (migration 0001)
const STAGES = [
  ['intake', 0.1], ['assessment', 0.15], ['planning', 0.15], ['implementation', 0.4], ['evaluation', 0.1], ['closed', 0.1],
] as const;

export interface GenerateOptions {
  people: number;
  seed: number;
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
  };
  /** Every generated account shares this password. */
  password: string;
  caseWorkers: StaffAccount[];
  /** A deterministic sample (≤ 4096) of readable (case worker, person) pairs. */
  assignments: Assignment[];
  generationSeconds: number;
}

interface Column {
  name: string;
  type: string;
  values: unknown[];
}

/** INSERT … SELECT FROM unnest(arrays): one parameter per column, BATCH_ROWS rows per statement. */
async function insertRows(pool: pg.Pool, table: string, columns: Column[]): Promise<void> {
  const total = columns[0]?.values.length ?? 0;
  const names = columns.map((c) => c.name).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < total; start += BATCH_ROWS) {
    await pool.query(text, columns.map((c) => c.values.slice(start, start + BATCH_ROWS)));
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

export async function generateDataset(db: Database, options: GenerateOptions): Promise<Dataset> {
  const started = performance.now();
  const rng = mulberry32(options.seed);
  const pool = db.$client;

  // ---- staff: per unit a supervisor and case workers; one agency head --------------------------
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
  for (const [i, unitId] of unitIds.entries()) supervisors.push(await addStaff(`supervisor-${i + 1}@${EMAIL_DOMAIN}`, ['supervisor'], unitId));
  await addStaff(`agency-head@${EMAIL_DOMAIN}`, ['agency_head'], null);
  const caseWorkers: StaffAccount[] = [];
  for (let i = 0; i < caseWorkerCount; i++) {
    caseWorkers.push(await addStaff(`case-worker-${pad(i + 1, 3)}@${EMAIL_DOMAIN}`, ['case_worker'], unitIds[i % unitIds.length]!));
  }
  const workersByUnit = unitIds.map((unitId) => caseWorkers.filter((w) => w.unitId === unitId));
  const supervisorByUnit = unitIds.map((_, i) => supervisors[i]!);

  // ---- people, cases, team members ---------------------------------------------------------------
  const personCols = { id: [] as string[], given: [] as string[], family: [] as string[], birth: [] as string[], createdBy: [] as string[] };
  const caseCols = { id: [] as string[], number: [] as string[], person: [] as string[], unit: [] as string[], responsible: [] as string[], stage: [] as string[], opened: [] as string[] };
  const teamCols = { caseId: [] as string[], staffId: [] as string[] };
  const peopleByScript: Record<Script, number> = { latin: 0, cyrillic: 0, han: 0 };
  const assignments: Assignment[] = [];
  const counters = new Map<number, number>();
  const now = Date.now();
  const threeYears = 3 * 365 * 24 * 3600 * 1000;

  const addCase = (personId: string, unitIndex: number, maxTeam: number) => {
    const workers = workersByUnit[unitIndex]!;
    const responsible = pick(rng, workers);
    const openedAt = new Date(now - Math.floor(rng() * threeYears));
    const year = openedAt.getUTCFullYear();
    const sequence = (counters.get(year) ?? 0) + 1;
    counters.set(year, sequence);
    const caseId = uuidFrom(rng);
    caseCols.id.push(caseId);
    caseCols.number.push(formatCaseNumber(CASE_NUMBER_PREFIX, year, sequence));
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
  };

  for (let i = 0; i < options.people; i++) {
    const script = pickScript(rng);
    const name = fictionalName(rng, script);
    peopleByScript[script]++;
    const personId = uuidFrom(rng);
    const unitIndex = Math.floor(rng() * unitIds.length);
    personCols.id.push(personId);
    personCols.given.push(name.givenName);
    personCols.family.push(name.familyName);
    personCols.birth.push(`${intBetween(rng, 1935, 2012)}-${pad(intBetween(rng, 1, 12), 2)}-${pad(intBetween(rng, 1, 28), 2)}`);
    // Registered by the unit's supervisor, so a case worker sees the person through a case only.
    personCols.createdBy.push(supervisorByUnit[unitIndex]!.id);
    addCase(personId, unitIndex, 2);
    // One in ten also has a case in another unit.
    if (rng() < 0.1 && unitIds.length > 1) addCase(personId, (unitIndex + intBetween(rng, 1, unitIds.length - 1)) % unitIds.length, 1);
  }

  await insertRows(pool, 'persons', [
    { name: 'id', type: 'uuid', values: personCols.id },
    { name: 'given_name', type: 'text', values: personCols.given },
    { name: 'family_name', type: 'text', values: personCols.family },
    { name: 'birth_date', type: 'date', values: personCols.birth },
    { name: 'created_by', type: 'uuid', values: personCols.createdBy },
  ]);
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
  await pool.query('VACUUM ANALYZE');

  return {
    seed: options.seed,
    sizes: {
      units: unitIds.length,
      staff: supervisors.length + 1 + caseWorkers.length,
      caseWorkers: caseWorkers.length,
      supervisors: supervisors.length,
      agencyHeads: 1,
      people: options.people,
      peopleByScript,
      cases: caseCols.id.length,
      teamMemberships: teamCols.caseId.length,
    },
    password,
    caseWorkers,
    assignments: sample(rng, assignments, 4096),
    generationSeconds: (performance.now() - started) / 1000,
  };
}
