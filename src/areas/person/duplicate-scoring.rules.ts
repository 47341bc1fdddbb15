/**
 * How likely a person being registered is someone already registered. The score explains itself
 * in structured reasons ({ code, value }) so the UI can say, in the worker's language,
 * "same birth date, name 87 % similar".
 */
import { bestKeySimilarity, nameSearchKeys, normalisePhone } from './name-keys.rules.ts';
import { checkNationalId } from './national-id.rules.ts';

export type BirthDatePrecision = 'day' | 'month' | 'year' | 'approximate';

export interface PersonForMatching {
  givenName: string;
  familyName: string;
  otherNames: readonly string[];
  nameInOtherScript: string | null;
  /** YYYY-MM-DD; only the parts the precision covers mean anything. */
  birthDate: string | null;
  birthDatePrecision: BirthDatePrecision;
  nationalId: string | null;
  /** When both sides name it and the countries differ, the IDs are not compared. */
  nationalIdCountry?: string | null;
  phones: readonly string[];
}

export type ReasonCode =
  | 'same_national_id'
  | 'different_national_id'
  | 'name_similar' // value: similarity in per cent, 60 or more
  | 'name_different' // value: similarity in per cent, below 60
  | 'same_birth_date'
  | 'same_birth_month'
  | 'same_birth_year'
  | 'birth_year_close' // value: years apart (approximate birth dates)
  | 'different_birth_date'
  | 'same_phone';

export interface Reason {
  code: ReasonCode;
  value?: number;
}

export type MatchStrength = 'strong' | 'possible' | 'weak';

export interface DuplicateScore {
  score: number;
  strength: MatchStrength;
  reasons: Reason[];
}

/**
 * Points per signal and the two thresholds. The name gives up to 60 points, scaled from 30 %
 * similarity (shared surnames alone reach about 50 %) to 100 %; a matching birth date 30, a
 * shared phone 25 (households share phones, so never enough on its own); a differing birth date
 * takes 30 away (15 when one is only approximate). So "strong" (≥ 75) needs a near-identical
 * name plus a birth date or phone, or the same national ID; that is the level at which
 * registering must wait for an explicit "this is a different person". "Possible" (≥ 45) is shown
 * as a hint; "weak" is not shown. The same national ID is near-certain (at least 95); a
 * different one in the same country means a different person (at most 10).
 */
const points = { name: 60, nameFloor: 0.3, birthDay: 30, birthMonth: 15, birthYear: 10, birthYearClose: 6, birthConflict: 30, phone: 25 };
const thresholds = { strong: 75, possible: 45 };

function nameKeysOf(person: PersonForMatching): string[] {
  const given = [person.givenName, ...person.otherNames].filter(Boolean).join(' ');
  // Chinese and Russian names are often written family name first: trigram sets ignore word
  // order, but the pinyin keys of 王 小明 ("wang xiaoming") depend on it.
  const variants = [
    `${person.givenName} ${person.familyName}`,
    `${person.familyName} ${person.givenName}`,
    `${given} ${person.familyName}`,
    person.nameInOtherScript ?? '',
  ];
  return [...new Set(variants.flatMap(nameSearchKeys))];
}

function nameReason(candidate: PersonForMatching, existing: PersonForMatching): { points: number; reason?: Reason } {
  const left = nameKeysOf(candidate);
  const right = nameKeysOf(existing);
  if (left.length === 0 || right.length === 0) return { points: 0 };
  const similarity = bestKeySimilarity(left, right);
  const percent = Math.round(similarity * 100);
  const scaled = Math.max(0, (similarity - points.nameFloor) / (1 - points.nameFloor));
  return { points: points.name * scaled, reason: { code: percent >= 60 ? 'name_similar' : 'name_different', value: percent } };
}

const precisionRank: Record<BirthDatePrecision, number> = { day: 0, month: 1, year: 2, approximate: 3 };

function birthDateReason(candidate: PersonForMatching, existing: PersonForMatching): { points: number; reason?: Reason } {
  const a = /^(\d{4})-(\d{2})-(\d{2})/.exec(candidate.birthDate ?? '');
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(existing.birthDate ?? '');
  if (!a || !b) return { points: 0 };
  const coarser =
    precisionRank[candidate.birthDatePrecision] >= precisionRank[existing.birthDatePrecision]
      ? candidate.birthDatePrecision
      : existing.birthDatePrecision;
  const differs = { points: -points.birthConflict, reason: { code: 'different_birth_date' } as Reason };
  switch (coarser) {
    case 'day':
      return a[0] === b[0] ? { points: points.birthDay, reason: { code: 'same_birth_date' } } : differs;
    case 'month':
      return a[1] === b[1] && a[2] === b[2] ? { points: points.birthMonth, reason: { code: 'same_birth_month' } } : differs;
    case 'year':
      return a[1] === b[1] ? { points: points.birthYear, reason: { code: 'same_birth_year' } } : differs;
    case 'approximate': {
      const apart = Math.abs(Number(a[1]) - Number(b[1]));
      if (apart <= 1) return { points: points.birthYearClose, reason: { code: 'birth_year_close', value: apart } };
      return { points: -points.birthConflict / 2, reason: differs.reason };
    }
  }
}

/** The ID as compared: the checked country's normalised form when it is valid, else letters and digits only. */
function comparableId(person: PersonForMatching): string | null {
  if (!person.nationalId) return null;
  if (person.nationalIdCountry) {
    const check = checkNationalId(person.nationalIdCountry, person.nationalId);
    if (check.valid && check.normalised && check.code !== 'unsupported_country') return check.normalised;
  }
  return (
    person.nationalId
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^\p{L}\p{N}]/gu, '') || null
  );
}

function nationalIdComparison(candidate: PersonForMatching, existing: PersonForMatching): 'same' | 'different' | null {
  const a = comparableId(candidate);
  const b = comparableId(existing);
  if (!a || !b) return null;
  const countries = [candidate.nationalIdCountry, existing.nationalIdCountry].map((c) => c?.toUpperCase());
  if (countries[0] && countries[1] && countries[0] !== countries[1]) return null;
  return a === b ? 'same' : 'different';
}

/** Numbers shorter than this are extensions or typing accidents, not a person's phone. */
const minimumPhoneDigits = 5;

function sharesPhone(candidate: PersonForMatching, existing: PersonForMatching): boolean {
  const mine = new Set(candidate.phones.map(normalisePhone).filter((p) => p.length >= minimumPhoneDigits));
  return existing.phones.some((phone) => mine.has(normalisePhone(phone)));
}

/** Scores how likely `candidate` (being registered) and `existing` are the same person. */
export function scoreDuplicate(candidate: PersonForMatching, existing: PersonForMatching): DuplicateScore {
  const reasons: Reason[] = [];
  let score = 0;
  const idComparison = nationalIdComparison(candidate, existing);
  if (idComparison) reasons.push({ code: idComparison === 'same' ? 'same_national_id' : 'different_national_id' });
  for (const signal of [nameReason(candidate, existing), birthDateReason(candidate, existing)]) {
    score += signal.points;
    if (signal.reason) reasons.push(signal.reason);
  }
  if (sharesPhone(candidate, existing)) {
    score += points.phone;
    reasons.push({ code: 'same_phone' });
  }
  score = Math.round(Math.min(100, Math.max(0, score)));
  if (idComparison === 'same') score = Math.max(score, 95);
  if (idComparison === 'different') score = Math.min(score, 10);
  return { score, strength: strengthOf(score), reasons };
}

export function strengthOf(score: number): MatchStrength {
  if (score >= thresholds.strong) return 'strong';
  if (score >= thresholds.possible) return 'possible';
  return 'weak';
}
