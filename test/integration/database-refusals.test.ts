/**
 * What PostgreSQL itself refuses – check, unique, foreign key, not-null, data exceptions – is a
 * 4xx problem naming the field, never a 500, and leaves nothing half-written behind.
 */
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseErrorOf, databaseProblem } from '../../src/server/problem.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let worker: CreatedStaff;
let client: ApiClient;
beforeAll(async () => {
  t = await createTestApp();
  worker = await t.createStaff({ roles: ['case_worker'] });
  client = new ApiClient(t.app);
  await client.signIn(worker.email, worker.password);
});
afterAll(async () => {
  await t.close();
});

const count = async (query: ReturnType<typeof sql>) => (await t.db.execute<{ n: number }>(query)).rows[0]!.n;

/** The problem a real PostgreSQL refusal of `statement` becomes, for a request carrying `body`. */
async function problemOf(statement: ReturnType<typeof sql>, body: unknown = {}) {
  const error = await t.db.execute(statement).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the statement should have been refused').not.toBeNull();
  const database = databaseErrorOf(error);
  expect(database).not.toBeNull();
  return databaseProblem(database!, { body, params: {}, query: {} } as FastifyRequest);
}

async function twoPeople(): Promise<[string, string]> {
  const a = (await client.post('/persons', { givenName: 'Arvid', familyName: 'Lowcase' })).json().id as string;
  const b = (await client.post('/persons', { givenName: 'Berit', familyName: 'Lowcase' })).json().id as string;
  return a < b ? [a, b] : [b, a];
}

describe('what PostgreSQL refuses', () => {
  it('linking a record to itself, by its id in upper case in the path and lower case in the body, is a 400 on otherPersonId', async () => {
    const [a] = await twoPeople();
    const r = await client.post(`/persons/${a.toUpperCase()}/links`, { otherPersonId: a, reason: 'The very same record' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ field: 'otherPersonId' })]);
    expect(await count(sql`SELECT count(*)::int AS n FROM person_links WHERE person_id = ${a}`)).toBe(0);
  });

  it('text with a NUL character is a 400 naming the field, and nothing is written', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM audit_events`);
    const r = await client.post('/persons', { givenName: 'Nul\u0000la', familyName: 'Zerobyte' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors).toEqual([{ field: 'givenName', code: 'cannot_store', message: 'This value cannot be stored' }]);
    expect(await count(sql`SELECT count(*)::int AS n FROM persons WHERE family_name = 'Zerobyte'`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_events`)).toBe(before);
  });

  it('a check constraint over two columns names the one being related: person_links_ordered → otherPersonId', async () => {
    const [a, b] = await twoPeople();
    const problem = await problemOf(
      sql`INSERT INTO person_links (agency_id, person_id, other_person_id, reason, linked_by) VALUES (1, ${b}, ${a}, 'wrong order', ${worker.id})`,
    );
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ field: 'otherPersonId', code: 'not_allowed' }] });
  });

  it('a unique violation is a 409 naming the field, without quoting its value', async () => {
    const problem = await problemOf(
      sql`INSERT INTO staff (agency_id, email, display_name, password_hash, roles) VALUES (1, ${worker.email}, 'Twin', 'x', ARRAY['case_worker'])`,
    );
    expect(problem).toMatchObject({ code: 'already_exists', errors: [{ field: 'email', code: 'already_exists' }] });
    expect(JSON.stringify(problem)).not.toContain(worker.email);
  });

  it('a reference to a record that does not exist is a 400 naming the field', async () => {
    const [a] = await twoPeople();
    const problem = await problemOf(
      sql`INSERT INTO person_links (agency_id, person_id, other_person_id, reason, linked_by) VALUES (1, ${a}, 'ffffffff-ffff-4fff-bfff-ffffffffffff', 'gone', ${worker.id})`,
    );
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ field: 'otherPersonId', code: 'not_found' }] });
  });

  it('a missing required value is a 400 naming the field', async () => {
    const problem = await problemOf(
      sql`INSERT INTO persons (agency_id, given_name, family_name, created_by) VALUES (1, NULL, 'Nobody', ${worker.id})`,
    );
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ field: 'givenName', code: 'missing' }] });
  });

  it('a value of the wrong form is a 400 naming the field that carried it', async () => {
    const problem = await problemOf(sql`SELECT ${'not-a-uuid'}::uuid`, { unitId: 'not-a-uuid' });
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ field: 'unitId', code: 'cannot_store' }] });
    const range = await problemOf(sql`SELECT ${'99999999999'}::int`, { count: 99999999999 });
    expect(range?.errors?.[0]?.field).toBe('count');
  });

  it('a change to a settled record, refused by its trigger, is a 409', async () => {
    const problem = await problemOf(sql`UPDATE audit_events SET action = 'person.read' WHERE seq = (SELECT max(seq) FROM audit_events)`);
    expect(problem).toMatchObject({ code: 'transition_not_allowed' });
  });
});
