import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
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
  const pgCode = (error as { cause?: { code?: string } }).cause?.code;
  if (pgCode?.startsWith('22')) {
    // PostgreSQL refused a value as data (out of range, bad date): the input's fault, not ours.
    return sendProblem(reply, request, 'validation_failed', 'A value is out of the range the system accepts');
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
