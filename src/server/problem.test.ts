import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../core/errors.ts';
import {
  databaseErrorOf,
  databaseProblem,
  describeForLog,
  fieldOfConstraint,
  isDatabaseUnavailable,
  statusOf,
  tablesByName,
} from './problem.ts';

describe('problem mapping', () => {
  it('maps every error code to a status', () => {
    for (const code of errorCodes) expect(statusOf[code], code).toBeGreaterThanOrEqual(400);
  });
  it('logs an error without its message, which may quote input', () => {
    const error = new Error('Failed query: insert into persons values ($1) params: Kari Nordmann', {
      cause: { code: '23505', constraint: 'x_unique' },
    });
    const described = describeForLog(error);
    expect(JSON.stringify(described)).not.toContain('Kari');
    expect(described).toMatchObject({ type: 'Error', code: '23505', constraint: 'x_unique' });
    expect(String(described.frames)).toContain('at ');
  });
});

const request = (body: unknown = {}, params: unknown = {}, query: unknown = {}) => ({ body, params, query }) as FastifyRequest;

describe('database refusals', () => {
  it('names a field for every check constraint in the schema, one the table has', () => {
    const unnamed: string[] = [];
    for (const [table, { fields, checks }] of tablesByName()) {
      for (const constraint of checks.keys()) {
        const field = fieldOfConstraint(table, constraint);
        if (!field || ![...fields.values()].includes(field)) unnamed.push(`${table}.${constraint}: ${field}`);
      }
    }
    expect(unnamed).toEqual([]);
    expect(tablesByName().size).toBeGreaterThan(20);
  });

  it('names the last column of a rule over several columns', () => {
    expect(fieldOfConstraint('person_links', 'person_links_ordered')).toBe('otherPersonId');
    expect(fieldOfConstraint('staff', 'staff_partner_has_organisation')).toBe('partnerOrganisationId');
  });

  it('reads the columns of a key from the detail, never its values', () => {
    const detail = 'Key (agreement_id, signer)=(3f6c1e0a-1111-4a4a-8a8a-00000000000a, person) already exists.';
    expect(fieldOfConstraint('agreement_signatures', 'agreement_signatures_signer_unique', detail)).toBe('signer');
    const problem = databaseProblem(
      { code: '23505', message: 'duplicate key', table: 'staff', detail: 'Key (email)=(kari@example.org) already exists.' },
      request(),
    );
    expect(problem).toMatchObject({ code: 'already_exists', errors: [{ field: 'email', code: 'already_exists' }] });
    expect(JSON.stringify(problem)).not.toContain('kari');
  });

  it('names the field whose value the database quoted', () => {
    const problem = databaseProblem(
      { code: '22P02', message: 'invalid input syntax for type uuid: "not-a-uuid"' },
      request({ goals: [{ id: 'fine' }, { id: 'not-a-uuid' }] }),
    );
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ field: 'goals.1.id', code: 'cannot_store' }] });
    const inParams = databaseProblem(
      { code: '22003', message: 'value "99999999999" is out of range for type integer' },
      request({}, { n: '99999999999' }),
    );
    expect(inParams?.errors?.[0]?.field).toBe('params.n');
  });

  it('answers 503 with a wait for a database that is out of reach, and finds it behind the wrapper', () => {
    const terminated = new Error('Failed query: select 1', {
      cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    });
    expect(databaseProblem(databaseErrorOf(terminated)!, request())).toMatchObject({ code: 'service_unavailable', retryAfter: 5 });
    expect(isDatabaseUnavailable(new Error('x', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: params: Connection terminated', { cause: { code: '23505' } }))).toBe(false);
  });

  it('leaves a fault of our own (a syntax error) to be a 500', () => {
    expect(databaseProblem({ code: '42601', message: 'syntax error' }, request())).toBeNull();
  });
});
