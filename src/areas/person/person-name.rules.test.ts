import { describe, expect, it } from 'vitest';
import { nameForms, printedName } from './person-name.rules.ts';

const person = (p: Partial<Parameters<typeof nameForms>[0]>) =>
  nameForms({ givenName: 'Olena', familyName: 'Kovalenko', nameInOtherScript: null, languages: [], ...p });

describe('a person’s name as shown', () => {
  it('is the registered name alone when it is written in Latin letters and nothing else is known', () => {
    expect(person({})).toEqual({ own: 'Olena Kovalenko', latin: null, ownLanguage: null });
  });

  it('is the name in their own script first, with the registered Latin form beside it', () => {
    expect(person({ nameInOtherScript: 'Олена Коваленко', languages: ['nb', 'uk'] })).toEqual({
      own: 'Олена Коваленко',
      latin: 'Olena Kovalenko',
      ownLanguage: 'uk',
    });
  });

  it('marks the own-script name with a language only when one of the person’s languages is written in that script', () => {
    expect(person({ givenName: 'Xiaoming', familyName: 'Wang', nameInOtherScript: '王曉明', languages: ['en'] }).ownLanguage).toBeNull();
    expect(person({ givenName: 'Xiaoming', familyName: 'Wang', nameInOtherScript: '王曉明', languages: ['zh-Hant'] }).ownLanguage).toBe(
      'zh-Hant',
    );
  });

  it('transliterates a name registered only in another script, running a Chinese given name’s syllables together', () => {
    expect(person({ givenName: 'Ольга', familyName: 'Петрова', languages: ['ru'] })).toEqual({
      own: 'Ольга Петрова',
      latin: 'Olga Petrova',
      ownLanguage: 'ru',
    });
    expect(person({ givenName: '曉明', familyName: '王' }).latin).toBe('Xiaoming Wang');
  });

  it('writes a name registered in Chinese family name first, without a space, as Chinese is written', () => {
    expect(person({ givenName: '曉明', familyName: '王', languages: ['zh-Hant'] })).toEqual({
      own: '王曉明',
      latin: 'Xiaoming Wang',
      ownLanguage: 'zh-Hant',
    });
  });

  it('takes a Latin name in the other-script field as the Latin form when the registered name is not Latin', () => {
    expect(person({ givenName: 'Ольга', familyName: 'Петрова', nameInOtherScript: 'Olga Petrova' })).toEqual({
      own: 'Ольга Петрова',
      latin: 'Olga Petrova',
      ownLanguage: null,
    });
  });

  it('keeps the registered name first when the other-script field holds another Latin spelling', () => {
    expect(person({ nameInOtherScript: 'Olena Kowalenko' })).toEqual({ own: 'Olena Kovalenko', latin: null, ownLanguage: null });
  });

  it('keeps Latin letters with diacritics and apostrophes as Latin', () => {
    expect(person({ givenName: 'Siobhán', familyName: "O'Brien-Ødegård" })).toEqual({
      own: "Siobhán O'Brien-Ødegård",
      latin: null,
      ownLanguage: null,
    });
  });
});

describe('the name documents print', () => {
  it('is the own script with the Latin form beside it', () => {
    expect(printedName({ givenName: 'Olena', familyName: 'Kovalenko', nameInOtherScript: 'Олена Коваленко', languages: ['uk'] })).toBe(
      'Олена Коваленко (Olena Kovalenko)',
    );
  });

  it('is the registered name alone when it is all in Latin letters', () => {
    expect(printedName({ givenName: 'Kari', familyName: 'Nordmann', nameInOtherScript: null, languages: ['nb'] })).toBe('Kari Nordmann');
  });
});
