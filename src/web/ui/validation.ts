import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../../areas/auth/auth.contract.ts';
import type { ApiError } from '../api.ts';

export type FieldErrors = Record<string, string>;
export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A message in the reader's language for one zod issue. */
function issueMessage(issue: z.core.$ZodIssue, value: unknown, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return isEmpty(value) ? t('validation.required') : t('validation.tooShort', { count: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.chooseAtLeast', { count: Number(issue.minimum) });
      return t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { count: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { count: Number(issue.maximum) });
      return t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (isEmpty(value)) return t('validation.required');
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'uuid') return t('validation.uuid');
      return t('validation.format');
    case 'invalid_type':
      if (isEmpty(value)) return t('validation.required');
      if (issue.expected === 'number' || issue.expected === 'int') return t('validation.wholeNumber');
      return t('validation.invalid');
    case 'invalid_value':
      return isEmpty(value) ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/**
 * Checks form values against a shared contract schema. `overrides` gives a catalog key per field for
 * messages the generic ones cannot express (a code format, say); "required" always wins for empty fields.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
  overrides: Record<string, string> = {},
): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (errors[field]) continue;
    const value = valueAt(values, issue.path);
    const override = overrides[field];
    errors[field] = override && !isEmpty(value) ? t(override) : issueMessage(issue, value, t);
  }
  return { ok: false, errors };
}

/** Catalog keys for the server's per-field codes; anything else is shown as the server wrote it. */
const serverFieldCodes: Record<string, string> = {
  too_common: 'validation.passwordTooCommon',
  same_as_email: 'validation.passwordSameAsEmail',
  same_as_temporary: 'validation.passwordSameAsTemporary',
  already_in_use: 'validation.emailInUse',
  wrong_code: 'validation.mfaCodeWrong',
  wrong_password: 'validation.currentPasswordWrong',
  // what the database refused, named by the server from the constraint or column
  already_exists: 'validation.duplicate',
  not_found: 'validation.recordNotFound',
  missing: 'validation.required',
  not_allowed: 'validation.notAllowed',
  cannot_store: 'validation.cannotStore',
  // a success story's consent ledger and uses, a life story's confirmation
  already_in_force: 'validation.consentAlreadyInForce',
  not_in_force: 'validation.consentNotInForce',
  before_last: 'validation.consentBeforeLast',
  consent_not_in_force: 'validation.useWithoutConsent',
  copy_not_approved: 'validation.useWithoutApprovedCopy',
  before_version: 'validation.confirmedBeforeVersion',
};
const passwordFieldCodes: Record<string, string> = {
  too_short: 'validation.passwordTooShort',
  too_long: 'validation.passwordTooLong',
};

/** Why a new password is too easy to guess: the server's zxcvbn warning and suggestions, in the reader's language. */
function weakPasswordMessage(hints: string[], t: TFunction): string {
  const reasons = hints.map((hint) => t(`validation.passwordHints.${hint}`, { defaultValue: '' })).filter(Boolean);
  return [t('validation.passwordTooWeak'), ...reasons].join(' ');
}

export function fieldErrorsOf(error: ApiError, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, code, message, hints } of error.fieldErrors) {
    if (code === 'too_weak') {
      errors[field] ??= weakPasswordMessage(hints ?? [], t);
      continue;
    }
    const key = serverFieldCodes[code] ?? (/password/i.test(field) ? passwordFieldCodes[code] : undefined);
    errors[field] ??= key ? t(key) : message;
  }
  return errors;
}

/** One sentence for the error summary. */
export function describeError(error: ApiError, t: TFunction): string {
  if (error.code === 'too_many_attempts' && error.retryAfterSeconds !== null) {
    return t('error.too_many_attempts_wait', { count: error.retryAfterSeconds });
  }
  return t(`error.${error.code}`, { defaultValue: t('error.unexpected') });
}

/** Client-side check of a new password's length (the server also refuses common and easily guessed passwords, saying why). */
export function newPasswordProblem(candidate: string, t: TFunction): string | null {
  const length = [...candidate].length;
  if (length === 0) return t('validation.required');
  if (length < PASSWORD_MIN_LENGTH) return t('validation.passwordTooShort');
  return null;
}
