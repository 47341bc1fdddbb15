/**
 * Many agencies in one installation: platform administrators create them, each agency's staff
 * see and change only their own, numbers and templates are per agency, and row-level security
 * holds where a statement forgets the agency.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { buildCaseFixture } from '../support/case-fixture.ts';
import { createTestApp, firstUnitId, insertAgency, type TestApp } from '../support/server.ts';

let t: TestApp;
let platform: ApiClient;
beforeAll(async () => {
  t = await createTestApp();
  platform = await signedInClient(t.app, await t.createStaff({ roles: ['platform_administrator'] }));
});
afterAll(async () => {
  await t.close();
});

const newAgency = (prefix: string, email: string) =>
  platform.post('/platform/agencies', {
    name: `Fjordvik Social Services ${prefix}`,
    caseNumberPrefix: prefix,
    timeZone: 'Europe/Oslo',
    languages: ['nb', 'en'],
    administrator: { email, displayName: 'Ingrid Fjordvik' },
  });

describe('platform administrators', () => {
  it('create an agency whose first administrator signs in with the temporary password and chooses their own', async () => {
    const created = await newAgency('FJV', 'ingrid.fjordvik@example.org');
    expect(created.statusCode).toBe(201);
    const { agency, administrator } = created.json();
    expect(agency).toMatchObject({ caseNumberPrefix: 'FJV', timeZone: 'Europe/Oslo', active: true, activeStaff: 1 });
    const client = new ApiClient(t.app);
    expect((await client.signIn(administrator.email, administrator.temporaryPassword)).json()).toEqual({
      status: 'password_change_required',
    });
    await client.post('/auth/password', { newPassword: 'a lighthouse above the fjord' });
    await client.signIn(administrator.email, 'a lighthouse above the fjord');
    expect((await client.get('/agency')).json()).toMatchObject({ name: 'Fjordvik Social Services FJV', timeZone: 'Europe/Oslo' });
    expect((await client.get('/agreement-templates')).json().items.length).toBeGreaterThan(0);
  });

  it('see every agency of the installation with its active staff', async () => {
    await newAgency('LIST', 'list.admin@example.org');
    const listed = await platform.get('/platform/agencies');
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as { id: number; caseNumberPrefix: string }[];
    expect(
      items.map((a) => a.id),
      JSON.stringify(items),
    ).toContain(1);
    expect(items.find((a) => a.caseNumberPrefix === 'LIST')).toMatchObject({ activeStaff: 1 });
  });

  it('refuse a first administrator whose e-mail address another account has, naming the field', async () => {
    await newAgency('DUPA', 'same.admin@example.org');
    const again = await newAgency('DUPB', 'same.admin@example.org');
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('administrator.email');
    expect(
      (await platform.get('/platform/agencies')).json().items.some((a: { caseNumberPrefix: string }) => a.caseNumberPrefix === 'DUPB'),
    ).toBe(false);
  });

  it('switch an agency off: its staff are signed out and cannot sign in until it is on again', async () => {
    const { agencyId, unitId } = await insertAgency(t.db, 'Switched Off Agency', 'OFF');
    const worker = await t.createStaff({ roles: ['case_worker'], agencyId, unitId });
    const client = await signedInClient(t.app, worker);
    const [{ version }] = (await platform.get('/platform/agencies')).json().items.filter((a: { id: number }) => a.id === agencyId);
    expect((await platform.patch(`/platform/agencies/${agencyId}`, { active: false, version })).statusCode).toBe(200);
    expect((await client.get('/work/caseload')).statusCode).toBe(401);
    expect((await new ApiClient(t.app).signIn(worker.email, worker.password)).statusCode).toBe(401);
    await platform.patch(`/platform/agencies/${agencyId}`, { active: true, version: version + 1 });
    expect((await new ApiClient(t.app).signIn(worker.email, worker.password)).statusCode).toBe(200);
  });

  it('cannot switch off the installation’s own agency', async () => {
    const [own] = (await platform.get('/platform/agencies')).json().items.filter((a: { id: number }) => a.id === 1);
    expect((await platform.patch('/platform/agencies/1', { active: false, version: own.version })).statusCode).toBe(403);
  });

  it('are the only ones who may give the platform administrator role', async () => {
    const admin = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
    const refused = await admin.post('/staff', {
      email: 'would.be.platform@example.org',
      displayName: 'Would Be',
      roles: ['platform_administrator'],
      initialPassword: 'a long enough passphrase here',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'roles', code: 'not_grantable' });
  });
});

describe('each agency', () => {
  it('numbers its cases from its own counter, with its own prefix', async () => {
    const second = await insertAgency(t.db, 'Numbering Agency', 'NUM');
    const opened: string[] = [];
    for (const [agencyId, unitId] of [
      [1, await firstUnitId(t.db)],
      [second.agencyId, second.unitId],
    ] as const) {
      const supervisor = await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], agencyId, unitId }));
      const me = (await supervisor.get('/auth/session')).json().user.id;
      const person = (await supervisor.post('/persons', { givenName: 'Aurelio', familyName: 'Numberwright' })).json();
      const theCase = (await supervisor.post('/cases', { personId: person.id, unitId, responsibleStaffId: me })).json();
      opened.push(theCase.caseNumber);
    }
    expect(opened[1]).toMatch(new RegExp(`^NUM-${new Date().getUTCFullYear()}-0*1$`));
    expect(opened[0]).not.toMatch(/^NUM/);
  });

  it('cannot link to a record of another agency: a unit id of the first agency is not found', async () => {
    const second = await insertAgency(t.db, 'Linking Agency', 'LNK');
    const supervisor = await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], ...second }));
    const me = (await supervisor.get('/auth/session')).json().user.id;
    const person = (await supervisor.post('/persons', { givenName: 'Perpetua', familyName: 'Crossley' })).json();
    const refused = await supervisor.post('/cases', { personId: person.id, unitId: await firstUnitId(t.db), responsibleStaffId: me });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('unitId');
  });

  it('sees nobody of another agency in search, lists or the registry', async () => {
    const first = await signedInClient(t.app, await t.createStaff({ roles: ['agency_head'] }));
    await (await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], unitId: await firstUnitId(t.db) }))).post('/persons', {
      givenName: 'Wilhelmina',
      familyName: 'Saltmarsh',
    });
    expect((await first.get('/search?q=Saltmarsh')).json().items).toHaveLength(1);
    const second = await insertAgency(t.db, 'Searching Agency', 'SRC');
    const head = await signedInClient(t.app, await t.createStaff({ roles: ['agency_head'], ...second }));
    expect((await head.get('/search?q=Saltmarsh')).json().items).toEqual([]);
    expect((await head.get('/persons?limit=100')).json().items).toEqual([]);
  });
});

describe('a second agency', () => {
  it("gets 404 for changes to the first agency's records, with bodies that would be valid", async () => {
    const { ids } = await buildCaseFixture(t, { givenName: 'Leopoldine', familyName: 'Brackenridge' });
    const second = await insertAgency(t.db, 'Probing Agency', 'PRB');
    const supervisor = await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], ...second }));
    const head = await signedInClient(t.app, await t.createStaff({ roles: ['agency_head'], ...second }));
    const attempts = [
      await supervisor.patch(`/persons/${ids.person}`, { familyName: 'Renamed', version: 1 }),
      await supervisor.post(`/cases/${ids.case}/stage`, { stage: 'assessment', reason: 'probe', version: 1 }),
      await head.post(`/cases/${ids.case}/reassign`, { responsibleStaffId: randomUUID(), reason: 'probe', version: 1 }),
      await supervisor.post(`/requests/${ids.request}/decision`, {
        decision: 'information_only',
        informationGiven: 'Told where to go',
        version: 1,
      }),
      await supervisor.post(`/persons/${ids.person}/reveal`, { reason: 'probe' }),
      await supervisor.post(`/cases/${ids.case}/assessments`, { assessedOn: '2026-12-01' }),
    ];
    expect(
      attempts.map((r) => r.statusCode),
      attempts.map((r) => r.body).join('\n'),
    ).toEqual(attempts.map(() => 404));
    const untouched = await t.db.execute<{ family_name: string }>(sql`SELECT family_name FROM persons WHERE id = ${ids.person}`);
    expect(untouched.rows[0]!.family_name).toBe('Brackenridge');
  });
});

describe("a second agency's auditor", () => {
  it("sees none of the first agency's audit events, and checks only their own agency's chain", async () => {
    const { ids } = await buildCaseFixture(t, { givenName: 'Cornelius', familyName: 'Thistlewood' });
    const second = await insertAgency(t.db, 'Auditing Agency', 'AUD');
    const auditor = await signedInClient(t.app, await t.createStaff({ roles: ['auditor'], agencyId: second.agencyId }));
    expect((await auditor.get(`/audit/events?personId=${ids.person}`)).json().items).toEqual([]);
    const everything = (await auditor.get('/audit/events?limit=100')).json().items as { entityId: string | null }[];
    expect(everything.some((e) => Object.values(ids).includes(e.entityId ?? ''))).toBe(false);
    const verified = (await auditor.post('/audit/verify', {})).json();
    expect(verified.agencies.map((a: { agencyId: number }) => a.agencyId).filter((id: number) => id !== second.agencyId)).toEqual([]);
  });
});

describe('row-level security', () => {
  /** Runs raw SQL as a request transaction of the agency does, and rolls it back. */
  async function asTenant<T>(agencyId: number, work: (run: (text: string) => Promise<T>) => Promise<T>): Promise<T> {
    const client = await t.db.$client.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('tillit.agency_id', $1, true), set_config('role', 'tillit_tenant', true)", [String(agencyId)]);
      return await work(async (text) => (await client.query(text)).rows as T);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('guards every table that carries an agency id with a policy on it, and a foreign key to the agency', async () => {
    const unguarded = await t.db.execute<{ table: string }>(sql`
      SELECT c.relname AS table FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
        AND (NOT c.relrowsecurity
          OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
          OR NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = 'agency'::regclass))
      ORDER BY 1`);
    expect(unguarded.rows.map((r) => r.table)).toEqual([]);
  });

  it('returns nothing of another agency to a query that forgets the agency filter', async () => {
    const second = await insertAgency(t.db, 'Walled Agency', 'WAL');
    const firstAgencyPeople = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons WHERE agency_id = 1`);
    expect(firstAgencyPeople.rows[0]!.n).toBeGreaterThan(0);
    const seen = await asTenant(second.agencyId, (run) => run('SELECT count(*)::int AS n FROM persons WHERE agency_id = 1'));
    expect(seen).toEqual([{ n: 0 }]);
  });

  it('finds nothing of another agency through the phone, name and case-number lookups, and nothing when no agency is bound', async () => {
    const { ids } = await buildCaseFixture(t, { givenName: 'Theodora', familyName: 'Quillfeather' });
    await t.db.execute(sql`UPDATE persons SET phone_keys = '{4790011223}' WHERE id = ${ids.person}`);
    const [{ case_number: caseNumber }] = (
      await t.db.execute<{ case_number: string }>(sql`SELECT case_number FROM cases WHERE id = ${ids.case}`)
    ).rows as [{ case_number: string }];
    const lookups = `SELECT (SELECT count(*)::int FROM agency_person_ids_with_phone_keys('{4790011223}')) AS phone,
                            (SELECT count(*)::int FROM agency_person_ids_with_similar_name('quillfeather')) AS name,
                            (SELECT count(*)::int FROM agency_case_ids_with_number_like('${caseNumber}')) AS "caseNumber"`;
    const [own] = await asTenant<{ phone: number; name: number; caseNumber: number }[]>(1, (run) => run(lookups));
    expect(own).toMatchObject({ phone: 1, caseNumber: 1 });
    expect(own!.name).toBeGreaterThan(0);
    const second = await insertAgency(t.db, 'Looking Agency', 'LOK');
    expect(await asTenant(second.agencyId, (run) => run(lookups))).toEqual([{ phone: 0, name: 0, caseNumber: 0 }]);
    expect((await t.db.execute(sql.raw(lookups))).rows).toEqual([{ phone: 0, name: 0, caseNumber: 0 }]);
  });

  it('refuses to write a row into another agency', async () => {
    const second = await insertAgency(t.db, 'Writing Agency', 'WRT');
    await expect(
      asTenant(second.agencyId, (run) => run("INSERT INTO units (agency_id, name) VALUES (1, 'Smuggled unit')")),
    ).rejects.toThrow(/row-level security/);
  });

  it('fills the agency of a new row from the transaction, and refuses a row when no agency is bound', async () => {
    const second = await insertAgency(t.db, 'Defaulting Agency', 'DEF');
    const inserted = await asTenant(second.agencyId, (run) => run("INSERT INTO units (name) VALUES ('Quiet unit') RETURNING agency_id"));
    expect(inserted).toEqual([{ agency_id: second.agencyId }]);
    await expect(t.db.execute(sql`INSERT INTO units (name) VALUES ('Nobody’s unit')`)).rejects.toThrow();
  });
});
