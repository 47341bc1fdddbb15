/** Every failure a use case can report. The HTTP mapping lives in src/server/problem.ts, exhaustively. */
export const errorCodes = [
  'validation_failed',
  'not_authenticated',
  'session_expired',
  'mfa_required',
  'password_change_required',
  'forbidden',
  'permission_denied',
  'not_found',
  'version_conflict',
  'already_exists',
  'possible_duplicate',
  'transition_not_allowed',
  'invalid_credentials',
  'temporary_password_expired',
  'too_many_attempts',
  'invalid_mfa_code',
  'mfa_required_for_role',
  'csrf_token_invalid',
  'idempotency_key_reused',
  'setup_token_invalid',
  'setup_already_done',
  'body_too_large',
  'unsupported_media_type',
  'route_not_found',
  'method_not_allowed',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  field: string;
  /** Stable machine-readable reason, for clients to show their own translated message. */
  code: string;
  message: string;
  /** Further stable reasons, for clients to explain the code (a weak password's `warning.*` and `suggestion.*`). */
  hints?: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);
export const versionConflict = (what: string) =>
  new DomainError('version_conflict', `${what} was changed by someone else since you loaded it; reload and try again`);
export const invalidField = (field: string, code: string, message: string) =>
  new DomainError('validation_failed', 'The input is not valid', [{ field, code, message }]);
