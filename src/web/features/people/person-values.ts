import type { TFunction } from 'i18next';
import { formatDate, formatList, formatMonth, formatYear } from '../../format.ts';
import type { PersonVersion } from './people-api.ts';

/** The fields of a person's record, in the order the person page shows them. */
export const personFields = [
  'givenName',
  'familyName',
  'otherNames',
  'nameInOtherScript',
  'birthDate',
  'birthDatePrecision',
  'sex',
  'genderIdentity',
  'nationalId',
  'nationalIdCountry',
  'languages',
  'interpreterNeeded',
  'phones',
  'email',
  'preferredContact',
  'addressLine',
  'postcode',
  'city',
  'region',
  'legalCapacity',
  'guardianPersonId',
  'guardianRelationship',
  'knownToOtherServices',
] as const;

/** Fields whose values are free text typed about the person: names and notes in any script or direction. */
export const freeTextFields: ReadonlySet<string> = new Set([
  'givenName',
  'familyName',
  'otherNames',
  'nameInOtherScript',
  'genderIdentity',
  'addressLine',
  'city',
  'region',
  'guardianRelationship',
  'knownToOtherServices',
]);

/** Catalog prefixes of the fields whose values are codes. */
const codeCatalogs: Record<string, string> = {
  birthDatePrecision: 'person.precision',
  sex: 'person.sexOption',
  preferredContact: 'person.contact',
  legalCapacity: 'person.capacity',
};

export function fieldLabel(field: string, t: TFunction): string {
  return field === 'guardianPersonId' ? t('people.guardian') : t(`person.${field}`, { defaultValue: field });
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function displayName(locale: string, type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface ValueContext {
  t: TFunction;
  locale: string;
  /** Names of people a field refers to (the guardian), by id. */
  names: ReadonlyMap<string, string>;
}

/** One field's value as the reader expects it: dates, codes, languages and countries in the interface language. */
export function displayValue(field: string, value: unknown, { t, locale, names }: ValueContext): string {
  if (isEmptyValue(value)) return t('common.notStated');
  if (field === 'interpreterNeeded') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    const items = value.map(String);
    return formatList(field === 'languages' ? items.map((code) => displayName(locale, 'language', code)) : items, locale);
  }
  const text = String(value);
  if (codeCatalogs[field]) return t(`${codeCatalogs[field]}.${text}`, { defaultValue: text });
  if (field === 'birthDate') return formatDate(text, locale);
  if (field === 'nationalIdCountry') return displayName(locale, 'region', text);
  if (field === 'guardianPersonId') return names.get(text) ?? t('intake.personLinked');
  return text;
}

/** A birth date as exact as it was recorded: "14 Mar 1987", "March 1987", "1987" or "about 1987". */
export function displayBirthDate(date: string | null, precision: string, ctx: ValueContext): string {
  if (!date) return ctx.t('common.notStated');
  const year = formatYear(date, ctx.locale);
  if (precision === 'month') return formatMonth(date, ctx.locale);
  if (precision === 'year') return year;
  if (precision === 'approximate') return ctx.t('people.aboutYear', { year });
  return formatDate(date, ctx.locale);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  version: number;
  changedAt: string;
  changedByName: string | null;
  /** Fields that differ from the version before, in page order; null when that version is not in the history. */
  changes: FieldChange[] | null;
}

const bookkeeping = new Set(['id']);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Each saved version (newest first, as the server lists them) with what changed from the one before it. */
export function historyEntries(versions: readonly PersonVersion[]): HistoryEntry[] {
  return versions.map((v, index) => {
    const previous = versions[index + 1];
    const base = { version: v.version, changedAt: v.changedAt, changedByName: v.changedByName };
    if (!previous) return { ...base, changes: null };
    const known = new Set<string>(personFields);
    const fields = [...personFields, ...Object.keys(v.snapshot).filter((k) => !known.has(k) && !bookkeeping.has(k))];
    const changes = fields
      .filter((field) => !same(v.snapshot[field], previous.snapshot[field]))
      .map((field) => ({ field, before: previous.snapshot[field] ?? null, after: v.snapshot[field] ?? null }));
    return { ...base, changes };
  });
}
