import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { PersonVersion } from './people-api.ts';
import { displayBirthDate, displayValue, historyEntries, type ValueContext } from './person-values.ts';

const t = ((key: string, options?: Record<string, unknown>) =>
  options?.year ? `${key}:${String(options.year)}` : key) as unknown as TFunction;
const ctx: ValueContext = { t, locale: 'en-GB', names: new Map([['5d1c6a8e-0000-4000-8000-000000000001', 'Olga Petrova']]) };

const version = (n: number, snapshot: Record<string, unknown>, by: string | null = 'Sara Supervisor'): PersonVersion => ({
  version: n,
  changedAt: `2025-03-0${n}T10:00:00.000Z`,
  changedBy: null,
  changedByName: by,
  changedFields: [],
  snapshot,
});

describe('edit history', () => {
  it('names each field that changed from the version before, with both values, in page order', () => {
    const first = {
      id: 'p',
      givenName: 'Мария',
      familyName: 'Соколова',
      phones: ['+47 912 34 567'],
      email: null,
      interpreterNeeded: false,
    };
    const second = { ...first, phones: ['+47 400 00 001'], email: 'maria@example.org', interpreterNeeded: true };
    const [latest, registered] = historyEntries([version(2, second), version(1, first, null)]);
    expect(latest!.changes).toEqual([
      { field: 'interpreterNeeded', before: false, after: true },
      { field: 'phones', before: ['+47 912 34 567'], after: ['+47 400 00 001'] },
      { field: 'email', before: null, after: 'maria@example.org' },
    ]);
    expect(latest!.changedByName).toBe('Sara Supervisor');
    expect(registered!.changes).toBeNull();
  });

  it('treats a missing field and an empty one as the same, and shows fields it does not know by name', () => {
    const [entry] = historyEntries([version(2, { id: 'p', email: null, shoeSize: 42 }), version(1, { id: 'p', shoeSize: 41 })]);
    expect(entry!.changes).toEqual([{ field: 'shoeSize', before: 41, after: 42 }]);
  });
});

describe('values as the reader expects them', () => {
  it('formats dates, codes, languages, countries and lists in the interface language', () => {
    expect(displayValue('birthDate', '1987-03-14', ctx)).toBe('14 Mar 1987');
    expect(displayValue('sex', 'female', ctx)).toBe('person.sexOption.female');
    expect(displayValue('languages', ['ru', 'nb'], ctx)).toBe('Russian and Norwegian Bokmål');
    expect(displayValue('nationalIdCountry', 'NO', ctx)).toBe('Norway');
    expect(displayValue('phones', [], ctx)).toBe('common.notStated');
    expect(displayValue('interpreterNeeded', false, ctx)).toBe('common.no');
    expect(displayValue('guardianPersonId', '5d1c6a8e-0000-4000-8000-000000000001', ctx)).toBe('Olga Petrova');
    expect(displayValue('givenName', '小明', ctx)).toBe('小明');
  });

  it('shows a birth date only as exact as it was recorded', () => {
    expect(displayBirthDate('1987-03-01', 'month', ctx)).toBe('March 1987');
    expect(displayBirthDate('1987-01-01', 'year', ctx)).toBe('1987');
    expect(displayBirthDate('1987-01-01', 'approximate', ctx)).toBe('people.aboutYear:1987');
    expect(displayBirthDate(null, 'day', ctx)).toBe('common.notStated');
  });
});
