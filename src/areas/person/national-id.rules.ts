/**
 * National identity numbers of the countries the agency can be configured to check. Numbers of
 * other countries are stored as typed: a person's ID from anywhere is still worth recording.
 */
import validator from 'validator';

export const checkedCountries = ['NO', 'SE', 'RU', 'CN'] as const;
export type CheckedCountry = (typeof checkedCountries)[number];

export type NationalIdProblem = 'bad_format' | 'bad_checksum' | 'unsupported_country';

export interface NationalIdCheck {
  valid: boolean;
  /** The one spelling stored and compared, e.g. Swedish numbers always with the century. */
  normalised?: string;
  /** YYYY-MM-DD, when the number encodes it. */
  birthDate?: string;
  code?: NationalIdProblem;
}

const badFormat: NationalIdCheck = { valid: false, code: 'bad_format' };
const badChecksum: NationalIdCheck = { valid: false, code: 'bad_checksum' };

/** YYYY-MM-DD if the day exists in the calendar, else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const num = (text: string, from: number, to: number) => Number(text.slice(from, to));

/**
 * Norwegian fødselsnummer or D-number (day + 40): DDMMYY, a three-digit individual number that
 * also tells the century, and two mod-11 control digits (checked by validator).
 */
function norwegian(value: string): NationalIdCheck {
  if (!/^\d{11}$/.test(value)) return badFormat;
  const rawDay = num(value, 0, 2);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const yy = num(value, 4, 6);
  const individual = num(value, 6, 9);
  const century = individual < 500 ? 1900 : individual < 750 && yy >= 54 ? 1800 : yy < 40 ? 2000 : individual >= 900 ? 1900 : null;
  const birthDate = century === null ? null : calendarDate(century + yy, num(value, 2, 4), day);
  if (!birthDate) return badFormat;
  if (!validator.isIdentityCard(value, 'NO')) return badChecksum;
  return { valid: true, normalised: value, birthDate };
}

/**
 * Swedish personnummer or samordningsnummer (day + 60), with or without the century. Without it,
 * "+" means the person has turned 100, "-" (or nothing) that they have not. Luhn over 10 digits.
 */
function swedish(value: string, today: Date): NationalIdCheck {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(value);
  if (!match) return badFormat;
  const [, givenCentury, yy = '', mm = '', dd = '', separator, serial = ''] = match;
  const rawDay = Number(dd);
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  let year: number;
  if (givenCentury) {
    year = Number(givenCentury + yy);
  } else {
    const thisYear = today.getUTCFullYear();
    year = thisYear - ((((thisYear - Number(yy)) % 100) + 100) % 100);
    const birthdayThisYear = calendarDate(year, Number(mm), day);
    if (birthdayThisYear && birthdayThisYear > today.toISOString().slice(0, 10)) year -= 100;
    if (separator === '+') year -= 100;
  }
  const birthDate = calendarDate(year, Number(mm), day);
  if (!birthDate) return badFormat;
  if (!validator.isLuhnNumber(yy + mm + dd + serial)) return badChecksum;
  return { valid: true, normalised: `${year}${mm}${dd}-${serial}`, birthDate };
}

/** The SNILS control number: weights 9..1 over the first nine digits, modulo 101, 100 → 00. */
function snilsControl(firstNine: string): number {
  const sum = [...firstNine].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
  const control = sum % 101;
  return control === 100 ? 0 : control;
}

/** Russian SNILS, written XXX-XXX-XXX YY. Numbers up to 001-001-998 predate the control number. */
function russian(value: string): NationalIdCheck {
  const digits = value.replace(/-/g, '');
  if (!/^\d{11}$/.test(digits) || !/^(\d{3}-?){3}\d{2}$/.test(value)) return badFormat;
  const firstNine = digits.slice(0, 9);
  if (Number(firstNine) > 1_001_998 && snilsControl(firstNine) !== num(digits, 9, 11)) return badChecksum;
  return { valid: true, normalised: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}` };
}

/**
 * Chinese resident identity number: region, YYYYMMDD, sequence, and an ISO 7064 MOD 11-2 check
 * character (0–9 or X), checked by validator – which also refuses unknown province codes.
 */
function chinese(value: string, today: Date): NationalIdCheck {
  const upper = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return badFormat;
  const birthDate = calendarDate(num(upper, 6, 10), num(upper, 10, 12), num(upper, 12, 14));
  if (!birthDate || birthDate > today.toISOString().slice(0, 10)) return badFormat;
  if (!validator.isIdentityCard(upper, 'zh-CN')) return badChecksum;
  return { valid: true, normalised: upper, birthDate };
}

/**
 * Checks a national ID of a checked country; for any other country accepts 1–40 printable
 * characters as typed (valid, with code 'unsupported_country'). Spaces are ignored in checked
 * countries' numbers, full-width digits folded. `today` decides Swedish centuries.
 */
export function checkNationalId(country: CheckedCountry | string, value: string, today: Date = new Date()): NationalIdCheck {
  const folded = value.normalize('NFKC').trim();
  const compact = folded.replace(/\s+/g, '');
  switch (country.toUpperCase()) {
    case 'NO':
      return norwegian(compact);
    case 'SE':
      return swedish(compact, today);
    case 'RU':
      return russian(compact);
    case 'CN':
      return chinese(compact, today);
    default: {
      const length = [...folded].length;
      if (length < 1 || length > 40 || /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(folded)) return badFormat;
      return { valid: true, normalised: folded, code: 'unsupported_country' };
    }
  }
}
