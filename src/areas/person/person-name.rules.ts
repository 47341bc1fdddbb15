/**
 * How a person's name is shown: as they write it, and in Latin letters beside it when that
 * differs. A person registered as "Olena Kovalenko" with "Олена Коваленко" in their own script
 * is shown "Олена Коваленко (Olena Kovalenko)"; someone registered only in Cyrillic or Chinese
 * gets a Latin form transliterated from the registered name.
 */
import { transliterate } from 'transliteration';
import type { NameForms } from './person.contract.ts';

const HAN = /^\p{Script=Han}+$/u;
/** Letters of the Latin script only (and marks, digits, punctuation, spaces). */
const LATIN_TEXT = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}]*$/u;

/** The languages (primary subtags) usually written in each script: the own-script name is marked with the first of the person's languages among them. */
const languagesOfScript: [RegExp, readonly string[]][] = [
  [/\p{Script=Han}/u, ['zh', 'ja']],
  [/\p{Script=Cyrillic}/u, ['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn']],
  [/\p{Script=Arabic}/u, ['ar', 'fa', 'ur', 'ps', 'ku', 'prs']],
  [/\p{Script=Greek}/u, ['el']],
  [/\p{Script=Hebrew}/u, ['he', 'yi']],
  [/\p{Script=Hangul}/u, ['ko']],
  [/\p{Script=Thai}/u, ['th']],
  [/\p{Script=Ethiopic}/u, ['am', 'ti']],
  [/\p{Script=Devanagari}/u, ['hi', 'ne', 'mr']],
  [/\p{Script=Armenian}/u, ['hy']],
  [/\p{Script=Georgian}/u, ['ka']],
  [/\p{Script=Tamil}/u, ['ta']],
  [/\p{Script=Bengali}/u, ['bn']],
];

const isLatin = (text: string) => LATIN_TEXT.test(text);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** One name part in Latin letters: a Chinese given name's syllables run together, as passports write them (曉明 → Xiaoming). */
function latinPart(part: string): string {
  const latin = squash(transliterate(part));
  if (!HAN.test(part)) return latin;
  const joined = latin.replace(/\s+/g, '').toLowerCase();
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

export interface NameParts {
  givenName: string;
  familyName: string;
  nameInOtherScript: string | null;
  languages: readonly string[];
}

/** Chinese and Korean names are written family name first, without a space: 李 + 明 is 李明. */
const FAMILY_FIRST = /^[\p{Script=Han}\p{Script=Hangul}]+$/u;

function registeredName(person: NameParts): string {
  const given = squash(person.givenName);
  const family = squash(person.familyName);
  return FAMILY_FIRST.test(given) && FAMILY_FIRST.test(family) ? `${family}${given}` : squash(`${given} ${family}`);
}

export function nameForms(person: NameParts): NameForms {
  const registered = registeredName(person);
  const other = squash(person.nameInOtherScript ?? '');
  // The own script is the one that is not Latin; where both are Latin, the registered name is the person's.
  let own: string;
  let latin: string;
  if (isLatin(registered)) {
    own = other && !isLatin(other) ? other : registered;
    latin = registered;
  } else if (other && isLatin(other)) {
    own = registered;
    latin = other;
  } else {
    own = other || registered;
    latin = squash([person.givenName, person.familyName].map(latinPart).join(' '));
  }
  const script = isLatin(own) ? undefined : languagesOfScript.find(([pattern]) => pattern.test(own));
  const ownLanguage = script ? (person.languages.find((tag) => script[1].includes(tag.split('-')[0]!.toLowerCase())) ?? null) : null;
  return { own, latin: latin && latin !== own ? latin : null, ownLanguage };
}

/** The name as letters and documents print it: in the person's own script, with the Latin form beside it when that differs. */
export function printedName(person: NameParts): string {
  const { own, latin } = nameForms(person);
  return latin ? `${own} (${latin})` : own;
}
