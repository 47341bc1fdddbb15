/**
 * Screening of a request against the agency's rules: is it within the services and catchment
 * area the agency covers, how soon must someone respond, and what outcome to suggest. Only a
 * suggestion: the intake worker decides, and every finding says why it was made.
 */
import { nameSearchKeys } from '../person/name-keys.rules.ts';

/** The agency's rules, as configured. An empty list means no restriction of that kind. */
export interface ScreeningRules {
  serviceCategories: readonly string[];
  catchmentRegions: readonly string[];
  minimumAge?: number;
  maximumAge?: number;
}

export interface Triage {
  dangerToLife: boolean;
  childAtRisk: boolean;
  selfHarm: boolean;
}

export interface RequestForScreening {
  serviceCategory?: string | null;
  region?: string | null;
  /** YYYY-MM-DD; preferred over ageYears when both are given. */
  birthDate?: string | null;
  ageYears?: number | null;
  triage: Triage;
  helpSeekerKind?: 'information_only' | 'voluntary' | 'mandated' | 'potential';
  afterFailedAttempt?: boolean;
}

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type SuggestedOutcome = 'accept' | 'refer_out' | 'information_only';
export type ReferralReason = 'out_of_scope' | 'out_of_region';

export type FindingCode =
  | 'danger_to_life'
  | 'child_at_risk'
  | 'self_harm'
  | 'category_not_served'
  | 'category_unknown'
  | 'region_outside_catchment'
  | 'region_unknown'
  | 'too_young'
  | 'too_old'
  | 'age_unknown'
  | 'minor'
  | 'after_failed_attempt'
  | 'information_only'
  | 'urgent_before_referral';

/** value: the category, region or age concerned, as text. */
export interface Finding {
  code: FindingCode;
  value?: string;
  message: string;
}

export interface ScreeningResult {
  inScope: boolean;
  findings: Finding[];
  suggestedPriority: Priority;
  suggestedOutcome: SuggestedOutcome;
  referralReason?: ReferralReason;
}
export type Screening = ScreeningResult;

/** Findings that put a request outside what the agency does; the others only inform. */
const outOfScope: ReadonlySet<FindingCode> = new Set(['category_not_served', 'too_young', 'too_old']);
const outOfRegion: ReadonlySet<FindingCode> = new Set(['region_outside_catchment']);

const messages: Record<FindingCode, (value?: string) => string> = {
  danger_to_life: () => 'Danger to life: act at once',
  child_at_risk: () => 'A child is at risk: act at once',
  self_harm: () => 'Risk of self-harm: act at once',
  category_not_served: (v) => `The agency does not provide ${v}`,
  category_unknown: () => 'No service category given yet',
  region_outside_catchment: (v) => `${v} is outside the agency's catchment area`,
  region_unknown: () => 'Where the person lives is not known yet',
  too_young: (v) => `At ${v} the person is younger than the agency serves`,
  too_old: (v) => `At ${v} the person is older than the agency serves`,
  age_unknown: () => 'The age is not known yet, and the agency serves some ages only',
  minor: (v) => `The person is a minor (${v})`,
  after_failed_attempt: () => 'The person comes after a failed attempt elsewhere',
  information_only: () => 'The person wants information only',
  urgent_before_referral: () => "Outside the agency's scope, but the danger comes first: act now and refer afterwards",
};

const finding = (code: FindingCode, value?: string): Finding =>
  value === undefined ? { code, message: messages[code]() } : { code, value, message: messages[code](value) };

/** Labels compare like names: case, diacritics and Traditional/Simplified Chinese do not matter. */
function listed(label: string, list: readonly string[]): boolean {
  const keys = new Set(nameSearchKeys(label));
  return list.some((entry) => nameSearchKeys(entry).some((key) => keys.has(key)));
}

/** Whole years of age on `today` (UTC), or null for a date that cannot be read. */
export function ageOn(birthDate: string, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hadBirthday = today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

const adulthood = 18;

function ageFindings(rules: ScreeningRules, age: number | null): Finding[] {
  const limited = rules.minimumAge !== undefined || rules.maximumAge !== undefined;
  if (age === null) return limited ? [finding('age_unknown')] : [];
  const found: Finding[] = [];
  if (rules.minimumAge !== undefined && age < rules.minimumAge) found.push(finding('too_young', String(age)));
  if (rules.maximumAge !== undefined && age > rules.maximumAge) found.push(finding('too_old', String(age)));
  if (age < adulthood) found.push(finding('minor', String(age)));
  return found;
}

/** Screens a request; `today` decides the age from a birth date. */
export function screenRequest(rules: ScreeningRules, request: RequestForScreening, today: Date = new Date()): ScreeningResult {
  const findings: Finding[] = [];
  const { triage } = request;
  if (triage.dangerToLife) findings.push(finding('danger_to_life'));
  if (triage.childAtRisk) findings.push(finding('child_at_risk'));
  if (triage.selfHarm) findings.push(finding('self_harm'));

  const category = request.serviceCategory?.trim();
  if (!category) findings.push(finding('category_unknown'));
  else if (rules.serviceCategories.length > 0 && !listed(category, rules.serviceCategories))
    findings.push(finding('category_not_served', category));

  const region = request.region?.trim();
  if (!region) findings.push(finding('region_unknown'));
  else if (rules.catchmentRegions.length > 0 && !listed(region, rules.catchmentRegions))
    findings.push(finding('region_outside_catchment', region));

  const age = request.birthDate ? ageOn(request.birthDate, today) : (request.ageYears ?? null);
  findings.push(...ageFindings(rules, age));
  if (request.afterFailedAttempt) findings.push(finding('after_failed_attempt'));
  if (request.helpSeekerKind === 'information_only') findings.push(finding('information_only'));

  const has = (codes: ReadonlySet<FindingCode>) => findings.some((f) => codes.has(f.code));
  const inScope = !has(outOfScope) && !has(outOfRegion);
  const urgent = triage.dangerToLife || triage.childAtRisk || triage.selfHarm;
  const suggestedPriority: Priority = urgent
    ? 'urgent'
    : (age !== null && age < adulthood) || request.afterFailedAttempt
      ? 'high'
      : request.helpSeekerKind === 'information_only'
        ? 'low'
        : 'normal';

  // Safety first: a request with danger flagged is taken on at once even when another agency
  // should have it; the referral follows once the person is safe.
  if (urgent) {
    if (!inScope) findings.push(finding('urgent_before_referral'));
    return { inScope, findings, suggestedPriority, suggestedOutcome: 'accept' };
  }
  // Someone who only wants information is given it, whatever else they would need elsewhere.
  if (request.helpSeekerKind === 'information_only') return { inScope, findings, suggestedPriority, suggestedOutcome: 'information_only' };
  if (!inScope) {
    return {
      inScope,
      findings,
      suggestedPriority,
      suggestedOutcome: 'refer_out',
      referralReason: has(outOfScope) ? 'out_of_scope' : 'out_of_region',
    };
  }
  return { inScope, findings, suggestedPriority, suggestedOutcome: 'accept' };
}

export const defaultFirstResponseHours: Record<Priority, number> = { urgent: 24, high: 72, normal: 168, low: 336 };

/** When someone must first respond to a request: calendar hours after it was received. */
export function firstResponseDueAt(
  receivedAt: Date,
  priority: Priority,
  hoursByPriority: Record<Priority, number> = defaultFirstResponseHours,
): Date {
  return new Date(receivedAt.getTime() + hoursByPriority[priority] * 3_600_000);
}
