import { describe, expect, it } from 'vitest';
import type { RichText } from '../journal/rich-text.rules.ts';
import { type AnonymisingContext, anonymise, identifiersIn, proposalId } from './anonymise.rules.ts';

const labels = { person: '[name]', relative: '[relative]', place: '[place]', contact: '[contact]' };
const doc = (...paragraphs: string[]): RichText => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const words = (text: RichText) =>
  text.content
    .map((b) => (b.type === 'paragraph' ? (b.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('') : ''))
    .join('\n');

function context(overrides: Partial<AnonymisingContext> = {}): AnonymisingContext {
  return {
    person: { givenName: 'Olena', familyName: 'Kovalenko', nameInOtherScript: 'Олена Коваленко', languages: ['uk'] },
    relatives: [],
    language: 'en',
    writtenOn: '2027-06-15',
    dates: 'month_year',
    labels,
    ...overrides,
  };
}
const run = (text: string, ctx = context(), keep: string[] = []) => words(anonymise({ title: '', text: doc(text) }, ctx, keep).text);

describe("the person's names", () => {
  it('are replaced whole, and each part alone, in Latin letters', () => {
    expect(run('Olena Kovalenko came in March. Later Olena said Kovalenko was her maiden name.')).toBe(
      '[name] came in March. Later [name] said [name] was her maiden name.',
    );
  });

  it('are replaced in their own script too', () => {
    expect(run('She signs as Олена Коваленко; Олена smiled.')).toBe('She signs as [name]; [name] smiled.');
  });

  it('keep a Norwegian genitive s after the replacement', () => {
    expect(run('Olenas leilighet')).toBe('[name]s leilighet');
  });

  it('are matched as whole words only, and with a capital', () => {
    const ctx = context({ person: { givenName: 'Vera', familyName: 'Lind', nameInOtherScript: 'Вера Линд' } });
    expect(run('Vera found her вера again at Lindholm; lind is a tree.', ctx)).toBe(
      '[name] found her вера again at Lindholm; lind is a tree.',
    );
  });

  it('are found in Russian as Russian declines them', () => {
    const ctx = context({
      language: 'ru',
      person: { givenName: 'Ольга', familyName: 'Иванова', nameInOtherScript: null, languages: ['ru'] },
    });
    expect(run('Мы встретились с Ольгой Ивановой. У Ольги двое детей; Ольгу знают соседи.', ctx)).toBe(
      'Мы встретились с [name]. У [name] двое детей; [name] знают соседи.',
    );
  });

  it('of a Cyrillic name are found in their Latin form too', () => {
    const ctx = context({ person: { givenName: 'Ольга', familyName: 'Иванова', nameInOtherScript: null, languages: ['ru'] } });
    expect(run('Olga Ivanova wrote the letter herself.', ctx)).toBe('[name] wrote the letter herself.');
  });

  it('in Chinese are found without spaces, in simplified and traditional characters, and the given name alone', () => {
    const ctx = context({
      language: 'zh-Hans',
      person: { givenName: 'Xiaoming', familyName: 'Wang', nameInOtherScript: '王曉明', languages: ['zh-Hant'] },
    });
    expect(run('王晓明来到办公室。王曉明的女儿也来了。晓明很高兴。', ctx)).toBe('[name]来到办公室。[name]的女儿也来了。[name]很高兴。');
  });

  it('in Chinese include the family name with a form of address, but not the family name alone', () => {
    const ctx = context({
      language: 'zh-Hans',
      person: { givenName: '小明', familyName: '王', nameInOtherScript: null, languages: ['zh'] },
    });
    expect(run('王女士说王府井很远。', ctx)).toBe('[name]说王府井很远。');
  });

  it('in Chinese are found in Pinyin too', () => {
    const ctx = context({ person: { givenName: '小明', familyName: '王', nameInOtherScript: null, languages: ['zh'] } });
    expect(run('Wang Xiaoming moved to Bergen.', ctx)).toBe('[name] moved to Bergen.');
  });
});

describe("relatives' names", () => {
  it('are replaced by a word that says it is a relative', () => {
    const ctx = context({ relatives: [{ givenName: 'Taras', familyName: 'Kovalenko', nameInOtherScript: 'Тарас Коваленко' }] });
    expect(run('Her brother Taras Kovalenko helps; Тарас visits on Sundays.', ctx)).toBe(
      'Her brother [relative] helps; [relative] visits on Sundays.',
    );
  });

  it('win over the part they share with the person’s name when the whole relative’s name is written', () => {
    const ctx = context({ relatives: [{ givenName: 'Taras', familyName: 'Kovalenko' }] });
    expect(run('Taras Kovalenko and Olena', ctx)).toBe('[relative] and [name]');
  });
});

describe('places', () => {
  const person = {
    givenName: 'Olena',
    familyName: 'Kovalenko',
    addressLine: 'Storgata 12 B',
    postcode: '5003',
    city: 'Bergen',
    region: 'Vestland',
  };

  it("are the person's address line, street, postcode, town and region", () => {
    expect(run('She lives at Storgata 12 B, 5003 Bergen, in Vestland. Storgata is steep.', context({ person }))).toBe(
      'She lives at [place], [place] [place], in [place]. [place] is steep.',
    );
  });

  it('in Russian are found declined', () => {
    const ctx = context({ person: { givenName: 'Ольга', familyName: 'Иванова', city: 'Мурманск', addressLine: 'ул. Ленина, д. 5' } });
    expect(run('Она жила в Мурманске, на ул. Ленина, д. 5.', ctx)).toBe('Она жила в [place], на [place].');
  });
});

describe('contact details', () => {
  it('are phone numbers however spaced, with or without the country code, and the e-mail address', () => {
    const ctx = context({
      person: { givenName: 'Olena', familyName: 'Kovalenko', phones: ['+47 912 34 567'], email: 'olena@example.org' },
    });
    expect(run('Call 912 34 567 or +4791234567, or write to olena@example.org.', ctx)).toBe(
      'Call [contact] or [contact], or write to [contact].',
    );
  });
});

describe('dates', () => {
  it('become the month and year in the story’s language', () => {
    expect(run('On 14 March 2027 and on 2027-04-02 and 3.5.2027 she came.')).toBe('On March 2027 and on April 2027 and May 2027 she came.');
  });

  it('written in Russian and Norwegian become the month and year in Russian', () => {
    const ctx = context({ language: 'ru' });
    expect(run('14 марта 2027 г. и 2. mai 2027', ctx)).toBe('март 2027 г. и май 2027 г.');
  });

  it('written in Chinese become the year and month', () => {
    const ctx = context({ language: 'zh-Hans' });
    expect(run('她在2027年3月14日来了，生日是5月2日。', ctx)).toBe('她在2027年3月来了，生日是五月。');
  });

  it('without a year keep only the month', () => {
    expect(run('Her birthday is 2 April.')).toBe('Her birthday is April.');
  });

  it('become how long before the story was written, when asked', () => {
    expect(run('On 14 March 2027 and 1 January 2020.', context({ dates: 'relative' }))).toBe('On 3 months ago and 7 years ago.');
  });

  it('that are no dates are left alone: a 31st of February, a score, “2 may”', () => {
    expect(run('On 31.02.2027 the score was 3-1; we have 2 may be more.')).toBe('On 31.02.2027 the score was 3-1; we have 2 may be more.');
  });
});

describe('the proposals', () => {
  it('list each name, place and date found once, with how often', () => {
    const { proposals } = anonymise({ title: 'Olena finds a home', text: doc('Olena came on 14 March 2027. Olena stayed.') }, context());
    expect(proposals).toEqual([
      { id: 'person_name:olena', kind: 'person_name', original: 'Olena', replacement: '[name]', count: 3, applied: true },
      { id: 'date:14 march 2027', kind: 'date', original: '14 March 2027', replacement: 'March 2027', count: 1, applied: true },
    ]);
  });

  it('replace the title too, and keep what they are told to keep', () => {
    const result = anonymise({ title: 'Olena in Bergen', text: doc('Olena came on 14 March 2027.') }, context(), [
      proposalId('date', '14 March 2027'),
    ]);
    expect(result.title).toBe('[name] in Bergen');
    expect(words(result.text)).toBe('[name] came on 14 March 2027.');
    expect(result.proposals.find((p) => p.kind === 'date')).toMatchObject({ applied: false });
  });

  it('keep headings, lists and emphasis of the text as they were', () => {
    const text: RichText = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Olena' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Olena works', marks: [{ type: 'bold' }] }] }],
            },
          ],
        },
      ],
    };
    expect(anonymise({ title: '', text }, context()).text).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '[name]' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: '[name] works', marks: [{ type: 'bold' }] }] }],
            },
          ],
        },
      ],
    });
  });
});

describe('what still identifies the person in a copy', () => {
  it('is what the anonymiser would still replace, less what was kept on purpose', () => {
    const copy = { title: '[name]', text: doc('[name] met Taras on 14 March 2027 in Bergen.') };
    const ctx = context({
      person: { givenName: 'Olena', familyName: 'K', city: 'Bergen' },
      relatives: [{ givenName: 'Taras', familyName: 'K' }],
    });
    expect(identifiersIn(copy, ctx, ['place:bergen']).map((p) => p.id)).toEqual(['relative_name:taras', 'date:14 march 2027']);
  });

  it('is nothing in a copy the anonymiser made', () => {
    const ctx = context({ relatives: [{ givenName: 'Taras', familyName: 'Kovalenko' }] });
    const made = anonymise({ title: 'Olena', text: doc('Olena Kovalenko and Taras, 2027-03-01') }, ctx);
    expect(identifiersIn(made, ctx)).toEqual([]);
  });
});
