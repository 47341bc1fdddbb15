import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.contract.ts';

interface Estimator {
  /** The commonest passwords (ranked list of ~49,000 from zxcvbn-ts, which includes the top 10,000). */
  commonPasswords: Set<string>;
  /**
   * zxcvbn's guess-based strength estimate (0–4), with the common passwords, keyboard layouts,
   * repeats, sequences and dates it knows. No translations are given, so its warning and
   * suggestions come back as stable keys ("simpleRepeat", "anotherWord") for every language to translate.
   */
  zxcvbn: ZxcvbnFactory;
  english: { warnings: Record<string, string>; suggestions: Record<string, string> };
}

/**
 * zxcvbn's dictionaries, once built, hold about 50 MB of the server's memory, and passwords are
 * chosen a few times a day: they are built at the first check (≈ 0.3 s) and let go after ten
 * minutes without one.
 */
const ESTIMATOR_IDLE_MS = 10 * 60_000;
let estimator: Promise<Estimator> | null = null;
let releaseTimer: NodeJS.Timeout | undefined;

async function buildEstimator(): Promise<Estimator> {
  const [{ ZxcvbnFactory }, { adjacencyGraphs, dictionary }, { translations }] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return {
    commonPasswords: new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
    zxcvbn: new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }),
    english: translations,
  };
}

function passwordEstimator(): Promise<Estimator> {
  estimator ??= buildEstimator().catch((error: unknown) => {
    estimator = null;
    throw error;
  });
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => {
    estimator = null;
  }, ESTIMATOR_IDLE_MS).unref();
  return estimator;
}

/** zxcvbn's "safely unguessable": about 10^8 guesses or more, beyond an online attack. */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'same_as_email' | 'too_weak';

export interface PasswordVerdict {
  problem: PasswordProblem;
  /** For too_weak: why, as `warning.<key>` and `suggestion.<key>` of zxcvbn's feedback. */
  hints: string[];
}

/** The e-mail address and its parts ("kari", "nordmann", "example"), which a password must not lean on. */
function personalWords(email: string | undefined): string[] {
  if (!email) return [];
  const lowered = email.toLowerCase();
  return [lowered, ...lowered.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3)];
}

/**
 * OWASP ASVS 5 rules – length only, no composition rules, common passwords refused – and a
 * strength estimate, so that "aaaaaaaaaaaaaaa" or "iloveyou1234" are refused too, saying why.
 */
export async function assessNewPassword(candidate: string, email?: string): Promise<PasswordVerdict | null> {
  const length = [...candidate].length;
  if (length < PASSWORD_MIN_LENGTH) return { problem: 'too_short', hints: [] };
  if (length > PASSWORD_MAX_LENGTH) return { problem: 'too_long', hints: [] };
  const { commonPasswords, zxcvbn } = await passwordEstimator();
  const lowered = candidate.toLowerCase();
  if (commonPasswords.has(lowered)) return { problem: 'too_common', hints: [] };
  if (email && lowered === email.toLowerCase()) return { problem: 'same_as_email', hints: [] };
  const { score, feedback } = zxcvbn.check(candidate, personalWords(email));
  if (score >= MIN_PASSWORD_SCORE) return null;
  return {
    problem: 'too_weak',
    hints: [...(feedback.warning ? [`warning.${feedback.warning}`] : []), ...feedback.suggestions.map((s) => `suggestion.${s}`)],
  };
}

export async function checkNewPassword(candidate: string, email?: string): Promise<PasswordProblem | null> {
  return (await assessNewPassword(candidate, email))?.problem ?? null;
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  too_common: 'This password is among the most commonly used ones; choose another',
  same_as_email: 'The password must not be your e-mail address',
  too_weak: 'This password is too easy to guess',
};

/** The verdict in English for the API's message: the problem, then zxcvbn's own English warning and suggestions. */
export async function passwordMessage(verdict: PasswordVerdict): Promise<string> {
  const { english } = await passwordEstimator();
  const explained = verdict.hints.flatMap((hint) => {
    const [kind, key] = hint.split('.') as ['warning' | 'suggestion', string];
    const texts = kind === 'warning' ? english.warnings : english.suggestions;
    return texts[key] ? [texts[key]] : [];
  });
  const problem = passwordProblemMessages[verdict.problem];
  return explained.length > 0 ? `${problem}. ${explained.join(' ')}` : problem;
}
