import { nameSearchKeys, toSimplified } from '../person/name-keys.rules.ts';

const hanRun = /\p{Script=Han}+/gu;

/**
 * Chinese is written without spaces, so the database's word splitter sees a whole sentence as one
 * word. Overlapping pairs of characters (the usual CJK bigram index), taken from the Simplified
 * form, let a search for 住房 or 住房 find 他需要住房補助: the query is cut the same way and all its
 * pairs must match.
 */
export function hanBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of toSimplified(text).match(hanRun) ?? []) {
    const chars = [...run];
    if (chars.length === 1) grams.push(run);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  }
  return grams;
}

/**
 * Extra words the search index gets besides the text itself, and a search besides its own words:
 * the Latin keys of every word in another script or with diacritics (so "Ivanova" finds Иванова
 * and "Bjorn" finds Bjørn, as the person registry does, ADR 0005) and the Han bigrams. Each term
 * is a lower-case word for the 'simple' text search configuration.
 */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || /^[a-zA-Z0-9]+$/.test(word) || /\p{Script=Han}/u.test(word)) continue;
    for (const key of nameSearchKeys(word)) for (const part of key.split(' ')) if (part.length > 1) terms.add(part);
  }
  for (const gram of hanBigrams(text)) terms.add(gram);
  return [...terms];
}
