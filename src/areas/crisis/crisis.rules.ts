/**
 * Crisis intervention as rules (seed 002 §4.4): what a moment recorded in a crisis may be, when a
 * crisis may close, and when a safety plan is complete enough for the person to sign. Pure.
 */
import type { SafetyPlanContent, SafetyPlanSection } from './crisis.contract.ts';

/** How far ahead of the server's clock a recorded moment may be (a client clock running fast). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A moment in a crisis (when it happened, when someone was contacted) has happened already. */
export function isInTheFuture(moment: string | Date, now: Date): boolean {
  return new Date(moment).getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/** The follow-up of a closed crisis is today or later, in the agency's calendar. */
export function followUpProblem(followUpOn: string, today: string): 'in_the_past' | null {
  return followUpOn < today ? 'in_the_past' : null;
}

/** The sections a person must have filled in with the worker before signing; the reason for living is theirs to name or not. */
export const requiredSafetyPlanSections: readonly SafetyPlanSection[] = [
  'warningSigns',
  'copingSteps',
  'distractions',
  'helpers',
  'professionals',
  'safeSurroundings',
];

export interface SafetyPlanProblem {
  section: SafetyPlanSection;
  /** `empty`: nothing written in it; `phone_missing`: a professional or service without a number to call. */
  code: 'empty' | 'phone_missing';
}

/**
 * What keeps a safety plan from being signed: every section but the reason for living has at
 * least one line, and every professional or service has a phone number – in a crisis the plan is
 * read to know whom to call.
 */
export function safetyPlanProblems(content: SafetyPlanContent): SafetyPlanProblem[] {
  const problems: SafetyPlanProblem[] = [];
  for (const section of requiredSafetyPlanSections) {
    const lines = content[section] as readonly unknown[];
    if (lines.length === 0) problems.push({ section, code: 'empty' });
  }
  if (content.professionals.some((p) => p.phone.trim() === '')) problems.push({ section: 'professionals', code: 'phone_missing' });
  return problems;
}

/** A safety plan with no problems may be marked signed. */
export const safetyPlanComplete = (content: SafetyPlanContent): boolean => safetyPlanProblems(content).length === 0;
