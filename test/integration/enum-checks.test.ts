/**
 * Allowed values are written once, in the contracts: the drizzle schema builds its CHECKs from the
 * zod enums (`oneOf`, `someOf`), and this compares each with the constraint the migrations left in
 * the database – a migration that drifts from the contract fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enumChecks } from '../../src/core/db/columns.ts';
import { createTestDatabase } from '../support/database.ts';

const root = path.resolve(import.meta.dirname, '../..');
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  const schemas = [
    'src/core/core.schema.ts',
    ...fs.readdirSync(path.join(root, 'src/areas')).map((area) => `src/areas/${area}/${area}.schema.ts`),
  ];
  for (const file of schemas.filter((f) => fs.existsSync(path.join(root, f)))) {
    // drizzle builds a table's constraints when asked for its configuration
    for (const value of Object.values(await import(path.join(root, file)))) if (is(value, PgTable)) getTableConfig(value);
  }
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

it('builds the CHECKs of the schema from the contracts', () => {
  expect([...enumChecks.keys()]).toEqual(expect.arrayContaining(['cases_stage_valid', 'plan_steps_status_valid', 'staff_roles_valid']));
});

it('finds in the database exactly the values each contract allows', async () => {
  const found = await database.db.execute<{ name: string; definition: string }>(
    sql`SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE contype = 'c'`,
  );
  const byName = new Map(found.rows.map((r) => [r.name, r.definition]));
  const drift = [...enumChecks].flatMap(([name, values]) => {
    const definition = byName.get(name);
    if (!definition) return [`${name}: not in the database`];
    const allowed = [...definition.matchAll(/'([^']*)'/g)].map((m) => m[1]!).sort();
    return JSON.stringify(allowed) === JSON.stringify([...values].sort())
      ? []
      : [`${name}: database allows ${allowed}, contract ${[...values].sort()}`];
  });
  expect(drift).toEqual([]);
});
