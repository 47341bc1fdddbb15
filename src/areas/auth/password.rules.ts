import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.contract.ts';

/** The commonest passwords (ranked list of ~49,000 from zxcvbn-ts, which includes the top 10,000). */
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'same_as_email';

/** OWASP ASVS 5 rules: length only, no composition rules, common passwords refused. */
export function checkNewPassword(candidate: string, email?: string): PasswordProblem | null {
  const length = [...candidate].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lowered = candidate.toLowerCase();
  if (commonPasswords.has(lowered)) return 'too_common';
  if (email && lowered === email.toLowerCase()) return 'same_as_email';
  return null;
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  too_common: 'This password is among the most commonly used ones; choose another',
  same_as_email: 'The password must not be your e-mail address',
};
