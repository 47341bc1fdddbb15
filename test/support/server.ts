import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/areas/auth/password-hashing.ts';
import { partnerOrganisations, units } from '../../src/areas/organisation/organisation.schema.ts';
import { staff } from '../../src/areas/staff/staff.schema.ts';
import { isPartnerOnly } from '../../src/core/access-policy.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { Database } from '../../src/core/db/pool.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Role } from '../../src/core/roles.contract.ts';
import { buildApp } from '../../src/server/app.ts';
import { startBackgroundWork } from '../../src/server/runtime.ts';
import { registerTestAccount } from './authenticator.ts';
import { createTestDatabase } from './database.ts';

export interface StaffInput {
  email?: string;
  displayName?: string;
  roles: Role[];
  password?: string;
  unitId?: string | null;
  partnerOrganisationId?: string | null;
  /** The agency the staff member belongs to; the installation's first (1) unless said. */
  agencyId?: number;
}
export interface CreatedStaff {
  id: string;
  email: string;
  password: string;
}

let passwordHashCache: Promise<string> | null = null;
const DEFAULT_PASSWORD = 'correct horse battery staple';

/** Inserts a staff member directly (fictional data), for arranging tests. */
export async function insertStaff(db: Database, input: StaffInput): Promise<CreatedStaff> {
  const email = input.email ?? `staff-${randomBytes(4).toString('hex')}@example.org`;
  const password = input.password ?? DEFAULT_PASSWORD;
  const passwordHash =
    password === DEFAULT_PASSWORD ? await (passwordHashCache ??= hashPassword(DEFAULT_PASSWORD)) : await hashPassword(password);
  const agencyId = input.agencyId ?? 1;
  let partnerOrganisationId = input.partnerOrganisationId ?? null;
  if (input.roles.some((role) => role === 'partner_provider' || role === 'partner_administrator') && !partnerOrganisationId) {
    const [org] = await db.insert(partnerOrganisations).values({ agencyId, name: 'Harbour Street Shelter' }).returning();
    partnerOrganisationId = org!.id;
  }
  const [row] = await db
    .insert(staff)
    .values({
      agencyId,
      email,
      displayName: input.displayName ?? email.split('@')[0]!,
      passwordHash,
      roles: input.roles,
      unitId: input.unitId ?? null,
      partnerOrganisationId,
    })
    .returning({ id: staff.id });
  registerTestAccount(email, db);
  return { id: row!.id, email, password };
}

export async function firstUnitId(db: Database, agencyId = 1): Promise<string> {
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.agencyId, agencyId)).orderBy(units.name).limit(1);
  return unit!.id;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  databaseUrl: string;
  logLines: string[];
  createStaff(input: StaffInput): Promise<CreatedStaff>;
  close(): Promise<void>;
}

/**
 * The whole HTTP app on a fresh database, without a listening socket (requests via inject), with the
 * background work of `tillit start` (the job queue; mail too with SMTP_URL in `env`). Without it
 * (`backgroundWork: false`), only requests reach the database – for counting what one request sends.
 */
export async function createTestApp(env: NodeJS.ProcessEnv = {}, options: { backgroundWork?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      if (process.env.TEST_LOG) process.stderr.write(chunk);
      done();
    },
  });
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'info', ...env });
  const logger = createLogger('info', sink);
  const { jobs, mail, wakeups } =
    options.backgroundWork === false
      ? { jobs: null, mail: null, wakeups: {} }
      : await startBackgroundWork(config, database.db, logger, { pollingIntervalSeconds: 0.5 });
  const app = await buildApp({ config, db: database.db, logger, ...wakeups });
  await app.ready();
  return {
    app,
    db: database.db,
    databaseUrl: database.url,
    logLines,
    createStaff: (input) => insertStaff(database.db, input),
    close: async () => {
      await app.close();
      await jobs?.stop();
      mail?.close();
      await database.drop();
    },
  };
}

/** For browser tests: the app listening on a random local port. */
export async function startTestServer() {
  const testApp = await createTestApp();
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...testApp, baseUrl: `http://127.0.0.1:${port}`, databaseUrl: testApp.databaseUrl };
}

/** A second agency of the installation with one unit, arranged directly (fictional). */
export async function insertAgency(db: Database, name: string, caseNumberPrefix: string): Promise<{ agencyId: number; unitId: string }> {
  const created = await db.execute<{ id: number }>(
    sql`INSERT INTO agency (name, case_number_prefix, mfa_required_roles) VALUES (${name}, ${caseNumberPrefix}, '{}') RETURNING id`,
  );
  const agencyId = created.rows[0]!.id;
  const [unit] = await db
    .insert(units)
    .values({ agencyId, name: `${name} – first unit` })
    .returning({ id: units.id });
  return { agencyId, unitId: unit!.id };
}

/** How a route a role may not call answers it: 403, or – to a partner's staff, for whom the rest of the application does not exist – 404. */
export const refusalStatus = (role: Role): 403 | 404 => (isPartnerOnly([role]) ? 404 : 403);
