import { Column, getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import * as agreementSchema from '../areas/agreement/agreement.schema.ts';
import * as assessmentSchema from '../areas/assessment/assessment.schema.ts';
import * as authSchema from '../areas/auth/auth.schema.ts';
import * as caseSchema from '../areas/case/case.schema.ts';
import * as decisionSchema from '../areas/decision/decision.schema.ts';
import * as intakeSchema from '../areas/intake/intake.schema.ts';
import * as organisationSchema from '../areas/organisation/organisation.schema.ts';
import * as personSchema from '../areas/person/person.schema.ts';
import * as planSchema from '../areas/plan/plan.schema.ts';
import * as questionnaireSchema from '../areas/questionnaire/questionnaire.schema.ts';
import * as staffSchema from '../areas/staff/staff.schema.ts';
import * as workSchema from '../areas/work/work.schema.ts';
import * as coreSchema from '../core/core.schema.ts';
import { DomainError, type ErrorCode, type FieldError } from '../core/errors.ts';

/** The one place where error codes become HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_authenticated: 401,
  session_expired: 401,
  mfa_required: 403,
  password_change_required: 403,
  forbidden: 403,
  permission_denied: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  version_conflict: 409,
  already_exists: 409,
  possible_duplicate: 409,
  transition_not_allowed: 409,
  mfa_required_for_role: 409,
  invalid_credentials: 401,
  temporary_password_expired: 401,
  invalid_mfa_code: 400,
  too_many_attempts: 429,
  csrf_token_invalid: 403,
  idempotency_key_reused: 422,
  setup_token_invalid: 400,
  setup_already_done: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  service_unavailable: 503,
  internal_error: 500,
};

export const titles: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  retryAfter?: number,
) {
  const status = statusOf[code];
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://tillit.example/problems/${code.replaceAll('_', '-')}`,
      title: titles[status] ?? 'Error',
      status,
      code,
      detail,
      instance: request.id,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

function fieldPath(instancePath: string, prefix: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const extra = (params?.keys as string[] | undefined)?.join(', ') ?? '';
  const field = [path, extra].filter(Boolean).join('.');
  return field || prefix;
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return sendProblem(reply, request, error.code, error.message, error.fieldErrors, error.retryAfterSeconds);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Body fields are named by their path ("roles.0"); others carry their place ("query.limit", "params.id").
    const place =
      { body: '', querystring: 'query', params: 'params', headers: 'header' }[(error as FastifyError).validationContext ?? 'body'] ?? '';
    const name = (path: string) => [place, path].filter(Boolean).join('.') || 'body';
    const errors = error.validation.flatMap((v) => {
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      if (keys)
        return keys.map((k) => ({ field: name([base, k].filter(Boolean).join('.')), code: 'unknown_field', message: 'Unknown field' }));
      return [{ field: name(base), code: v.keyword, message: v.message ?? 'Invalid value' }];
    });
    return sendProblem(reply, request, 'validation_failed', 'The input is not valid', errors);
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(reply, request, 'body_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(reply, request, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, request, 'validation_failed', 'The JSON body is empty', [
        { field: 'body', code: 'required', message: 'Required' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendProblem(reply, request, 'validation_failed', 'The body is not valid JSON', [
        { field: 'body', code: 'malformed_json', message: 'Malformed JSON' },
      ]);
  }
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((v) => ({
      field: fieldPath(v.instancePath, fastifyError.validationContext ?? 'body', v.params),
      code: v.keyword,
      message: v.message ?? 'Invalid value',
    }));
    return sendProblem(reply, request, 'validation_failed', 'The input is not valid', errors);
  }
  const database = databaseErrorOf(error);
  if (database) {
    const mapped = databaseProblem(database, request);
    if (mapped) {
      if (mapped.code === 'service_unavailable') request.log.warn({ err: describeForLog(error) }, 'database unavailable');
      return sendProblem(reply, request, mapped.code, mapped.detail, mapped.errors, mapped.retryAfter);
    }
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendProblem(reply, request, 'validation_failed', fastifyError.message);
  }
  request.log.error({ err: describeForLog(error) }, 'unhandled error');
  return sendProblem(reply, request, 'internal_error', 'Something went wrong on our side; the error has been logged');
}

/**
 * Messages may quote user input (database errors quote the query's parameters), so only the
 * error's type, codes and call-stack frames are logged.
 */
export function describeForLog(error: Error): Record<string, unknown> {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return { type: error.name, code: (error as FastifyError).code ?? cause?.code, constraint: cause?.constraint, frames };
}

// ---- what PostgreSQL refuses ----------------------------------------------------------------
// The edge (zod) should refuse bad input first; the database is the backstop. Whatever it still
// refuses is the input's fault, or a passing outage, and becomes a 4xx naming the field, or a 503.

/** The fields of a PostgreSQL error (node-postgres' DatabaseError) that name what was refused. */
export interface DatabaseError {
  code: string;
  message: string;
  table?: string;
  column?: string;
  constraint?: string;
  detail?: string;
}

/** Errors that mean the database is out of reach for a moment, not that the request was wrong. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '08P01']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Client was closed and is not queryable|the database system is (starting up|shutting down)/i;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
/** Conflicts between concurrent transactions: the same request succeeds when sent again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014']);

/** The PostgreSQL or connection error behind a failure (drizzle wraps it as `cause`), if there is one. */
export function databaseErrorOf(error: unknown): DatabaseError | null {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const candidate = current as Partial<DatabaseError> & { severity?: unknown; errno?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && (/^[0-9A-Z]{5}$/.test(candidate.code) || UNAVAILABLE_ERRNOS.has(candidate.code))) {
      return candidate as DatabaseError;
    }
    // Only the innermost error's message: an outer one (drizzle's) quotes the query's parameters.
    if (!candidate.cause && typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.test(candidate.message)) {
      return { code: '08006', message: candidate.message };
    }
    current = candidate.cause;
  }
  return null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const database = databaseErrorOf(error);
  return database !== null && (UNAVAILABLE_SQLSTATES.has(database.code) || UNAVAILABLE_ERRNOS.has(database.code));
}

export interface TableFields {
  /** Column name → the field name the API uses (the schema's property name). */
  fields: Map<string, string>;
  /** Check constraint → the columns its condition names, in order. */
  checks: Map<string, string[]>;
}

let schemaFields: Map<string, TableFields> | null = null;

function columnsIn(chunk: unknown, into: string[]): string[] {
  if (is(chunk, Column)) into.push(chunk.name);
  else if (is(chunk, SQL)) for (const inner of chunk.queryChunks) columnsIn(inner, into);
  return into;
}

/** Every table of the schema with its API field names and the columns of its check constraints. */
export function tablesByName(): Map<string, TableFields> {
  if (schemaFields) return schemaFields;
  const modules = [
    agreementSchema,
    assessmentSchema,
    authSchema,
    caseSchema,
    decisionSchema,
    intakeSchema,
    organisationSchema,
    personSchema,
    planSchema,
    questionnaireSchema,
    staffSchema,
    workSchema,
    coreSchema,
  ];
  schemaFields = new Map();
  for (const table of modules.flatMap((m) => Object.values(m)).filter((v): v is PgTable => is(v, PgTable))) {
    const config = getTableConfig(table);
    const fields = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, key]));
    const checks = new Map(config.checks.map((c) => [c.name, [...new Set(columnsIn(c.value, []))]]));
    schemaFields.set(config.name, { fields, checks });
  }
  return schemaFields;
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The API's name for a column: the schema's property name, or the column name in camelCase. */
function fieldOfColumn(table: string | undefined, column: string): string {
  return (table && tablesByName().get(table)?.fields.get(column)) || camelCase(column);
}

/**
 * The field a constraint is about: the last column it names, which for a rule over several
 * columns is the one being related to the others (person_links_ordered: other_person_id).
 */
export function fieldOfConstraint(table: string | undefined, constraint: string | undefined, detail?: string): string | null {
  // "Key (agreement_id, signer)=(…)" – only the column names are read, never the values.
  const keyColumns = detail
    ?.match(/^Key \(([^)]*)\)=/)?.[1]
    ?.split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  const columns = keyColumns ?? (table && constraint ? tablesByName().get(table)?.checks.get(constraint) : undefined);
  const last = columns?.[columns.length - 1];
  return last && /^[a-z_][a-z0-9_]*$/.test(last) ? fieldOfColumn(table, last) : null;
}

/** Where in the request a value stands: its body path, or params./query. and the name. */
function fieldHolding(request: FastifyRequest, matches: (value: unknown) => boolean): string | null {
  const search = (value: unknown, path: string[]): string[] | null => {
    if (matches(value)) return path;
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const found = search(inner, [...path, key]);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [place, input] of [
    ['', request.body],
    ['params', request.params],
    ['query', request.query],
  ] as const) {
    const path = search(input, []);
    if (path && path.length > 0) return [place, ...path].filter(Boolean).join('.');
  }
  return null;
}

/** The field whose value PostgreSQL quoted in its message ("invalid input syntax for type uuid: \"…\""). */
function fieldOfQuotedValue(request: FastifyRequest, error: DatabaseError): string | null {
  if (['22021', '22P05'].includes(error.code)) {
    // NUL, which text and jsonb cannot hold
    return fieldHolding(request, (v) => typeof v === 'string' && v.includes('\u0000'));
  }
  const quoted = [...error.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  if (quoted.length === 0) return null;
  return fieldHolding(
    request,
    (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') && quoted.includes(String(v)),
  );
}

interface MappedProblem {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
  retryAfter?: number;
}

const fieldError = (field: string | null, code: string, message: string): FieldError[] => [{ field: field ?? 'body', code, message }];

/** PostgreSQL's refusal as a problem: which status, and which field. Null for a fault of our own (a 500). */
export function databaseProblem(error: DatabaseError, request: FastifyRequest): MappedProblem | null {
  if (UNAVAILABLE_SQLSTATES.has(error.code) || UNAVAILABLE_ERRNOS.has(error.code)) {
    return { code: 'service_unavailable', detail: 'The database is unavailable for a moment; try again shortly', retryAfter: 5 };
  }
  if (RETRYABLE_SQLSTATES.has(error.code)) {
    return { code: 'service_unavailable', detail: 'The system was busy with a conflicting change; try again', retryAfter: 1 };
  }
  switch (error.code) {
    case '23505': // unique_violation
      return {
        code: 'already_exists',
        detail: 'A record with this value already exists',
        errors: fieldError(fieldOfConstraint(error.table, error.constraint, error.detail), 'already_exists', 'Already exists'),
      };
    case '23503': // foreign_key_violation
      if (error.detail?.includes('is still referenced')) {
        return { code: 'transition_not_allowed', detail: 'Other records still refer to this one' };
      }
      return {
        code: 'validation_failed',
        detail: 'The input refers to a record that does not exist',
        errors: fieldError(fieldOfConstraint(error.table, error.constraint, error.detail), 'not_found', 'No such record'),
      };
    case '23502': // not_null_violation
      return {
        code: 'validation_failed',
        detail: 'A required value is missing',
        errors: fieldError(error.column ? fieldOfColumn(error.table, error.column) : null, 'missing', 'Required'),
      };
    case '23514': // check_violation
    case '23P01': // exclusion_violation
      return {
        code: 'validation_failed',
        detail: 'The input is not valid',
        errors: fieldError(fieldOfConstraint(error.table, error.constraint), 'not_allowed', 'This value is not allowed here'),
      };
    case '42501': // insufficient_privilege: the triggers guarding settled records and the audit trail
      return { code: 'transition_not_allowed', detail: 'This record is settled and cannot be changed' };
  }
  if (error.code.startsWith('22')) {
    // data_exception: invalid text (22P02), too long (22001), out of range (22003, 22008), NUL (22021)…
    return {
      code: 'validation_failed',
      detail: 'A value is out of the range the system accepts',
      errors: fieldError(
        (error.column && fieldOfColumn(error.table, error.column)) || fieldOfQuotedValue(request, error),
        'cannot_store',
        'This value cannot be stored',
      ),
    };
  }
  return null;
}
