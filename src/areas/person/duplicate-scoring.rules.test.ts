import { describe, expect, it } from 'vitest';
import { type PersonForMatching, scoreDuplicate, strengthOf } from './duplicate-scoring.rules.ts';

const nobody: PersonForMatching = {
  givenName: '',
  familyName: '',
  otherNames: [],
  nameInOtherScript: null,
  birthDate: null,
  birthDatePrecision: 'day',
  nationalId: null,
  phones: [],
};
const person = (fields: Partial<PersonForMatching>): PersonForMatching => ({ ...nobody, ...fields });
const codes = (fields: Partial<PersonForMatching>, other: Partial<PersonForMatching>) =>
  scoreDuplicate(person(fields), person(other)).reasons.map((r) => r.code);

const kari = { givenName: 'Kari', familyName: 'Nordmann' };
const petr = { givenName: 'Petr', familyName: 'Ivanov' };

describe('duplicate scoring by name', () => {
  it('finds the same name possible on its own, and says how similar', () => {
    expect(scoreDuplicate(person(kari), person(kari))).toEqual({
      score: 60,
      strength: 'possible',
      reasons: [{ code: 'name_similar', value: 100 }],
    });
  });

  it('matches a name registered in Cyrillic with the same name typed in Latin letters', () => {
    const registered = person({ givenName: 'Пётр', familyName: 'Иванов' });
    expect(scoreDuplicate(person(petr), registered).reasons).toContainEqual({ code: 'name_similar', value: 100 });
    expect(scoreDuplicate(person({ givenName: 'Pyotr', familyName: 'Ivanov' }), registered).reasons).toContainEqual({
      code: 'name_similar',
      value: 100,
    });
  });

  it('matches Chinese names across Traditional, Simplified and pinyin, in either order', () => {
    const registered = person({ givenName: '曉明', familyName: '王' });
    for (const typed of [
      { givenName: 'Xiaoming', familyName: 'Wang' },
      { givenName: 'Wang', familyName: 'Xiaoming' },
      { givenName: '小明', familyName: '王' },
    ]) {
      expect(scoreDuplicate(person(typed), registered).reasons).toContainEqual({ code: 'name_similar', value: 100 });
    }
  });

  it('uses the name in another script', () => {
    const registered = person({ givenName: 'Xiaoming', familyName: 'Wang' });
    expect(scoreDuplicate(person({ givenName: 'X.', familyName: 'W.', nameInOtherScript: '王曉明' }), registered).reasons).toContainEqual({
      code: 'name_similar',
      value: 100,
    });
  });

  it('uses other names', () => {
    const registered = person({ givenName: 'Anna', familyName: 'Berg', otherNames: ['Marie'] });
    expect(scoreDuplicate(person({ givenName: 'Anna Marie', familyName: 'Berg' }), registered).reasons).toContainEqual({
      code: 'name_similar',
      value: 100,
    });
  });

  it('treats diacritics as letters without them', () => {
    expect(
      scoreDuplicate(person({ givenName: 'Øystein', familyName: 'Ås' }), person({ givenName: 'Oystein', familyName: 'As' })).score,
    ).toBe(60);
  });

  it('calls names sharing only a family name different', () => {
    const result = scoreDuplicate(person({ givenName: 'Ola', familyName: 'Nordmann' }), person(kari));
    expect(result.strength).toBe('weak');
    expect(result.reasons).toEqual([{ code: 'name_different', value: 50 }]);
  });

  it('gives no name signal when either side has no name', () => {
    expect(scoreDuplicate(person({}), person(kari))).toEqual({ score: 0, strength: 'weak', reasons: [] });
  });
});

describe('duplicate scoring by birth date', () => {
  it('makes the same name and birth date a strong match', () => {
    const result = scoreDuplicate(person({ ...kari, birthDate: '1985-03-15' }), person({ ...kari, birthDate: '1985-03-15' }));
    expect(result).toEqual({ score: 90, strength: 'strong', reasons: [{ code: 'name_similar', value: 100 }, { code: 'same_birth_date' }] });
  });

  it('makes a slightly misspelt name with the same birth date strong', () => {
    const result = scoreDuplicate(
      person({ givenName: 'Katarina', familyName: 'Svensson', birthDate: '1990-01-02' }),
      person({ givenName: 'Katarina', familyName: 'Svenson', birthDate: '1990-01-02' }),
    );
    expect(result.strength).toBe('strong');
    expect(result.reasons[0]).toEqual({ code: 'name_similar', value: 84 });
  });

  it('compares only the month when either date is known to the month', () => {
    expect(codes({ ...kari, birthDate: '1985-03-15' }, { ...kari, birthDate: '1985-03-01', birthDatePrecision: 'month' })).toContain(
      'same_birth_month',
    );
    expect(codes({ ...kari, birthDate: '1985-04-15' }, { ...kari, birthDate: '1985-03-01', birthDatePrecision: 'month' })).toContain(
      'different_birth_date',
    );
  });

  it('compares only the year when either date is known to the year', () => {
    expect(codes({ ...kari, birthDate: '1985-03-15', birthDatePrecision: 'year' }, { ...kari, birthDate: '1985-11-30' })).toContain(
      'same_birth_year',
    );
    expect(codes({ ...kari, birthDate: '1986-01-01', birthDatePrecision: 'year' }, { ...kari, birthDate: '1985-11-30' })).toContain(
      'different_birth_date',
    );
  });

  it('allows a year either way when a birth date is approximate', () => {
    const approx = { ...kari, birthDate: '1985-01-01', birthDatePrecision: 'approximate' as const };
    expect(scoreDuplicate(person(approx), person({ ...kari, birthDate: '1986-07-01' })).reasons).toContainEqual({
      code: 'birth_year_close',
      value: 1,
    });
    expect(scoreDuplicate(person(approx), person({ ...kari, birthDate: '1985-07-01' })).reasons).toContainEqual({
      code: 'birth_year_close',
      value: 0,
    });
    expect(scoreDuplicate(person(approx), person({ ...kari, birthDate: '1988-07-01' })).reasons).toContainEqual({
      code: 'different_birth_date',
    });
  });

  it('lowers the score of the same name with a different birth date', () => {
    const result = scoreDuplicate(person({ ...kari, birthDate: '1985-03-15' }), person({ ...kari, birthDate: '1991-08-02' }));
    expect(result.score).toBe(30);
    expect(result.strength).toBe('weak');
    expect(result.reasons).toContainEqual({ code: 'different_birth_date' });
  });

  it('lowers it less when the differing date is only approximate', () => {
    const approximate = scoreDuplicate(
      person({ ...kari, birthDate: '1980-01-01', birthDatePrecision: 'approximate' }),
      person({ ...kari, birthDate: '1985-03-15' }),
    );
    expect(approximate.score).toBe(45);
  });

  it('ignores a missing birth date', () => {
    expect(codes({ ...kari, birthDate: null }, { ...kari, birthDate: '1985-03-15' })).toEqual(['name_similar']);
  });
});

describe('duplicate scoring by phone', () => {
  it('adds a shared phone, written differently', () => {
    const result = scoreDuplicate(
      person({ ...kari, phones: ['+47 912 34 567'] }),
      person({ ...kari, phones: ['22 33 44 55', '91234567'] }),
    );
    expect(result).toEqual({ score: 85, strength: 'strong', reasons: [{ code: 'name_similar', value: 100 }, { code: 'same_phone' }] });
  });

  it('never makes a match of a shared phone alone', () => {
    const result = scoreDuplicate(
      person({ givenName: 'Ola', familyName: 'Hansen', phones: ['91234567'] }),
      person({ ...kari, phones: ['91234567'] }),
    );
    expect(result.strength).toBe('weak');
  });

  it('ignores numbers too short to be a phone', () => {
    expect(codes({ ...kari, phones: ['112'] }, { ...kari, phones: ['112'] })).not.toContain('same_phone');
  });
});

describe('duplicate scoring by national ID', () => {
  it('treats the same national ID as near-certain whatever the names', () => {
    const result = scoreDuplicate(
      person({ ...kari, nationalId: '121212-1212' }),
      person({ givenName: 'Kari', familyName: 'Hansen', nationalId: '121212 1212' }),
    );
    expect(result.score).toBeGreaterThanOrEqual(95);
    expect(result.strength).toBe('strong');
    expect(result.reasons[0]).toEqual({ code: 'same_national_id' });
  });

  it('compares Swedish numbers written with and without the century', () => {
    const result = scoreDuplicate(
      person({ ...kari, nationalId: '811228-9874', nationalIdCountry: 'SE' }),
      person({ ...kari, nationalId: '198112289874', nationalIdCountry: 'se' }),
    );
    expect(result.reasons[0]).toEqual({ code: 'same_national_id' });
  });

  it('makes a different national ID of the same country a non-match, even with the same name and birth date', () => {
    const result = scoreDuplicate(
      person({ ...kari, birthDate: '1985-03-15', nationalId: '11223344595', nationalIdCountry: 'RU' }),
      person({ ...kari, birthDate: '1985-03-15', nationalId: '12345678964', nationalIdCountry: 'RU' }),
    );
    expect(result.score).toBeLessThanOrEqual(10);
    expect(result.strength).toBe('weak');
    expect(result.reasons[0]).toEqual({ code: 'different_national_id' });
  });

  it('does not compare IDs issued by different countries', () => {
    const result = scoreDuplicate(
      person({ ...kari, birthDate: '1985-03-15', nationalId: '121212-1212', nationalIdCountry: 'SE' }),
      person({ ...kari, birthDate: '1985-03-15', nationalId: '15038512345', nationalIdCountry: 'NO' }),
    );
    expect(result.strength).toBe('strong');
    expect(result.reasons.map((r) => r.code)).not.toContain('different_national_id');
  });
});

describe('match strength', () => {
  it('is strong from 75, possible from 45, weak below', () => {
    expect([0, 44, 45, 74, 75, 100].map(strengthOf)).toEqual(['weak', 'weak', 'possible', 'possible', 'strong', 'strong']);
  });

  it('keeps the score between 0 and 100', () => {
    const everything = { ...kari, birthDate: '1985-03-15', phones: ['91234567'], nationalId: 'X1' };
    expect(scoreDuplicate(person(everything), person(everything)).score).toBe(100);
    const nothingAlike = scoreDuplicate(
      person({ givenName: 'Ola', familyName: 'Hansen', birthDate: '1950-01-01' }),
      person({ ...kari, birthDate: '1999-12-31' }),
    );
    expect(nothingAlike.score).toBe(0);
  });
});
