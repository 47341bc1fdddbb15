/**
 * Search keys for names typed in any script, so that 王曉明, 王小明 and "Wang Xiaoming", or
 * Пётр Иванов and "Petr Ivanov", land close together under PostgreSQL's trigram similarity
 * (the persons.name_search column is indexed with gin_trgm_ops).
 */
import OpenCC from 'opencc-js';
import { transliterate } from 'transliteration';

const HAN = /\p{Script=Han}/u;
const HAN_TOKEN = /^\p{Script=Han}+$/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Passports (ICAO Doc 9303) and Norwegian/Swedish registries spell Russian names differently
 * from the library's default (Пётр → Pyotr, Цой → Coy): ё is written е, х is kh, ц is ts.
 * Both spellings become keys, so either one typed by a worker finds the person.
 */
const passportSpellings: Record<string, string> = { ё: 'e', й: 'i', х: 'kh', ц: 'ts', ъ: 'ie', ю: 'iu', я: 'ia' };

/**
 * Characters whose reading as a family name differs from their everyday reading, which is the
 * one the library gives (曾 ceng, but the surname is Zeng). Used only at the start of a name.
 */
const surnameReadings: Record<string, string> = {
  曾: 'zeng',
  单: 'shan',
  解: 'xie',
  仇: 'qiu',
  朴: 'piao',
  区: 'ou',
  查: 'zha',
  盖: 'ge',
  乐: 'yue',
  覃: 'qin',
  缪: 'miao',
};

let traditionalToSimplified: ((text: string) => string) | undefined;
export function toSimplified(text: string): string {
  const convert = (traditionalToSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/** Lower-case Latin letters and digits separated by single spaces; apostrophes vanish (O'Brien → obrien). */
function latinKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The pinyin syllables of a token written in Han characters only, one per character, or null. */
function pinyinSyllables(token: string): string[] | null {
  if (!HAN_TOKEN.test(token)) return null;
  const syllables = latinKey(transliterate(token)).split(' ').filter(Boolean);
  return syllables.length === [...token].length ? syllables : null;
}

type Token = { text: string; syllables: string[] | null };

/** Toneless pinyin three ways: syllable by syllable, each name joined, and family name apart. */
function pinyinForms(tokens: readonly Token[]): string[] {
  const spaced = tokens.map((t) => (t.syllables ? t.syllables.join(' ') : latinKey(transliterate(t.text))));
  const joined = tokens.map((t) => (t.syllables ? t.syllables.join('') : latinKey(transliterate(t.text))));
  // Passports write a one-character family name apart and the given name joined: Wang Xiaoming.
  const apart = tokens.map((t, i) =>
    t.syllables && t.syllables.length >= 3 ? `${t.syllables[0]} ${t.syllables.slice(1).join('')}` : joined[i],
  );
  return [spaced.join(' '), joined.join(' '), apart.join(' ')];
}

/** Keys of Chinese text (already Simplified): the Han text itself and its pinyin forms. */
function chineseKeys(simplified: string): string[] {
  const tokens: Token[] = simplified.split(' ').map((text) => ({ text, syllables: pinyinSyllables(text) }));
  const keys = [simplified.replace(/[^\p{L}\p{N} ]+/gu, '').trim(), ...pinyinForms(tokens)];
  const [first, ...others] = tokens;
  const reading = first?.syllables ? surnameReadings[[...first.text][0]!] : undefined;
  if (first?.syllables && reading)
    keys.push(...pinyinForms([{ text: first.text, syllables: [reading, ...first.syllables.slice(1)] }, ...others]));
  return keys;
}

/**
 * The normalised forms under which a name, or a fragment typed into a search box, is indexed and
 * matched: NFKC, lower case, diacritics stripped (ø → o, æ → ae, ß → ss), Cyrillic transliterated
 * (two spellings), Traditional Chinese made Simplified, and Chinese as toneless pinyin, both
 * syllable by syllable and joined. Distinct keys, most literal first; [] for blank input.
 */
export function nameSearchKeys(text: string): string[] {
  const base = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!base) return [];
  const keys: string[] = [];
  if (HAN.test(base)) {
    keys.push(...chineseKeys(toSimplified(base)));
  } else {
    keys.push(latinKey(transliterate(base)));
  }
  if (CYRILLIC.test(base)) keys.push(latinKey(transliterate(base, { replace: passportSpellings })));
  return [...new Set(keys.filter(Boolean))];
}

/** What goes into persons.name_search: the keys of every name part, each once, in one string. */
export function nameSearchText(parts: readonly string[]): string {
  return [...new Set(parts.flatMap(nameSearchKeys))].join(' ');
}

/** The set of trigrams pg_trgm extracts: per word of letters and digits, padded "  word ". */
export function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 2 < chars.length; i++) result.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return result;
}

/** pg_trgm's similarity(a, b): shared trigrams over all distinct trigrams, 0 when either has none. */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const trigram of left) if (right.has(trigram)) shared++;
  return shared / (left.size + right.size - shared);
}

/** The best similarity between any key of one name and any key of the other. */
export function bestKeySimilarity(leftKeys: readonly string[], rightKeys: readonly string[]): number {
  let best = 0;
  for (const left of leftKeys) for (const right of rightKeys) best = Math.max(best, trigramSimilarity(left, right));
  return best;
}

/** Country codes whose numbers are matched with or without the code: Norway, Sweden, Russia, China. */
const knownCountries = [
  { code: '47', nationalLengths: [8] },
  { code: '46', nationalLengths: [7, 8, 9] },
  { code: '7', nationalLengths: [10] },
  { code: '86', nationalLengths: [10, 11] },
];

/**
 * A phone number as digits only, without the country code of the countries above and without a
 * leading trunk 0 (or Russia's trunk 8), so "+47 912 34 567", "0047 91234567" and "91234567" agree,
 * as do "+46 70-123 45 67" and "070-123 45 67". Numbers written without + or 00 lose a country code
 * only when what remains has that country's length, so a Norwegian 47xxxxxx number stays whole.
 * Other countries keep their code. Returns '' when there are no digits.
 */
export function normalisePhone(value: string): string {
  const trimmed = value.normalize('NFKC').trim();
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  const country = knownCountries.find(({ code, nationalLengths }) => {
    if (!digits.startsWith(code)) return false;
    const rest = digits.slice(code.length).replace(/^0/, '');
    return international || nationalLengths.includes(rest.length);
  });
  if (country) return digits.slice(country.code.length).replace(/^0/, '');
  if (international) return digits;
  if (digits.length === 11 && digits.startsWith('8')) return digits.slice(1);
  return digits.replace(/^0/, '');
}
