/**
 * The anonymising step of a success story: finds what would tell a reader who the story is about –
 * the person's names in every form (as registered, in their own script, in Latin letters, inflected
 * as Russian inflects them, Chinese in simplified and traditional characters), their relatives'
 * names, the places of their address, their phone numbers and e-mail, and dates – and proposes a
 * replacement for each: a bracketed word for names, places and contacts, the month and year (or
 * how long before the story was written) for a date. The replacements are proposals: the one who
 * runs it may keep words as they are, and a reviewer reads the copy, may edit it, and approves it.
 */
import OpenCC from 'opencc-js';
import type { Block, InlineNode, RichText } from '../journal/rich-text.rules.ts';
import { nameForms } from '../person/person-name.rules.ts';
import type { dateHandling, identifierKind, Proposal } from './success-story.contract.ts';

type Kind = (typeof identifierKind.options)[number];

export interface NameRecord {
  givenName: string;
  familyName: string;
  otherNames?: readonly string[];
  nameInOtherScript?: string | null;
  languages?: readonly string[];
}

export interface PersonDetails extends NameRecord {
  addressLine?: string | null;
  postcode?: string | null;
  city?: string | null;
  region?: string | null;
  phones?: readonly string[];
  email?: string | null;
}

export interface AnonymisingContext {
  person: PersonDetails;
  relatives: readonly NameRecord[];
  /** The story's language: dates are written in it. */
  language: string;
  /** The day the story was written (YYYY-MM-DD): what relative dates count from. */
  writtenOn: string;
  dates: (typeof dateHandling.options)[number];
  /** The bracketed words that stand in, in the story's language. */
  labels: { person: string; relative: string; place: string; contact: string };
}

interface Matcher {
  kind: Kind;
  pattern: RegExp;
  /** Names and places are written with a capital: "вера" (faith) is no match for the name Вера. */
  capitalised: boolean;
  /** The words to put in place of a match, or null when it is no match after all (a 31st of February). */
  replace: (match: RegExpMatchArray) => string | null;
}

const HAN = /\p{Script=Han}/u;
const CYRILLIC = /^\p{Script=Cyrillic}+$/u;
const NOT_IN_WORD = '[\\p{L}\\p{M}\\p{N}]';
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

let converters: { simplified: (text: string) => string; traditional: (text: string) => string } | undefined;
/** A Chinese name as written, and in simplified and traditional characters: 曉明, 晓明. */
function hanVariants(text: string): string[] {
  converters ??= { simplified: OpenCC.Converter({ from: 't', to: 'cn' }), traditional: OpenCC.Converter({ from: 'cn', to: 't' }) };
  return [...new Set([text, converters.simplified(text), converters.traditional(text)])];
}

/**
 * One word of a name or place as a pattern. Russian (and other Cyrillic) names decline – Ольга,
 * Ольги, Ольгой; Иванова, Ивановой – so a Cyrillic word matches its stem and up to three more
 * letters. Chinese matches in either character set.
 */
function wordPattern(word: string): string {
  if (HAN.test(word)) return `(?:${hanVariants(word).map(literal).join('|')})`;
  if (CYRILLIC.test(word) && word.length >= 3) {
    const stem = word.replace(/[аяоеёьйыиуюэ]$/iu, '');
    return `${literal(stem.length >= 3 ? stem : word)}\\p{Script=Cyrillic}{0,3}`;
  }
  return literal(word);
}

/** Words that follow a Chinese family name to address someone: 王女士, 李先生. */
const chineseAddress = [
  '先生',
  '女士',
  '小姐',
  '太太',
  '阿姨',
  '奶奶',
  '爷爷',
  '爺爺',
  '老师',
  '老師',
  '大爷',
  '大爺',
  '大妈',
  '大媽',
  '同学',
  '同學',
];

/**
 * A phrase (a name, a place) as a matcher: whole words only, except in Chinese, which has no spaces;
 * a Latin phrase may take a Norwegian or Swedish genitive s (Olenas), kept after the replacement.
 */
function phraseMatcher(words: readonly string[], kind: Kind, label: string): Matcher {
  const han = words.some((w) => HAN.test(w));
  const latinEnd = !han && !CYRILLIC.test(words.at(-1) ?? '');
  const body = words.map(wordPattern).join(han ? '\\s*' : '[\\s\\u00a0]+');
  const source = han ? body : `(?<!${NOT_IN_WORD})${body}${latinEnd ? '(s)?' : ''}(?!${NOT_IN_WORD})`;
  return {
    kind,
    pattern: new RegExp(source, 'giu'),
    capitalised: !han,
    replace: (match) => (latinEnd && match[1] ? `${label}s` : label),
  };
}

/** Every form of a name worth looking for: whole names first in each script, then their parts. */
export function nameVariants(record: NameRecord): string[][] {
  const given = squash(record.givenName);
  const family = squash(record.familyName);
  const other = squash(record.nameInOtherScript ?? '');
  const forms = nameForms({ givenName: given, familyName: family, nameInOtherScript: other || null, languages: record.languages ?? [] });
  const latin = forms.latin ?? '';
  // Either order: "Xiaoming Wang" as the registry writes it, "Wang Xiaoming" as a Chinese speaker says it.
  const phrases: string[] = [`${given} ${family}`, `${family} ${given}`, other, forms.own, latin, latin.split(' ').reverse().join(' ')];
  const parts: string[] = [given, family, ...(record.otherNames ?? []), ...phrases.flatMap((p) => p.split(' '))];
  // Chinese: the family name before the given one, without a space; the given name alone; the family name with a form of address.
  const hanNames = [HAN.test(family + given) ? family + given : '', ...[other, forms.own].filter((p) => HAN.test(p) && !p.includes(' '))];
  for (const name of hanNames.filter(Boolean)) {
    const surname = HAN.test(family) && name.startsWith(family) ? family : name.slice(0, 1);
    const personal = name.slice(surname.length);
    phrases.push(name);
    if (personal.length >= 2) parts.push(personal);
    parts.push(...chineseAddress.map((address) => `${surname}${address}`));
  }
  const meaningful = (p: string) => (HAN.test(p) ? [...p].length >= 2 : (p.match(/\p{L}/gu) ?? []).length >= 2);
  const seen = new Set<string>();
  const variants: string[][] = [];
  for (const text of [...phrases, ...parts].map(squash)) {
    if (!text || !meaningful(text) || seen.has(text.toLowerCase())) continue;
    // Single parts of a Chinese name other than those above are left alone (王 alone is too common a character).
    if (HAN.test(text) && !text.includes(' ') && [...text].length === 1) continue;
    seen.add(text.toLowerCase());
    variants.push(text.split(' '));
  }
  return variants;
}

/** The person's address as places: the whole line, the street's name, postcode, town, region. */
function placeMatchers(person: PersonDetails, label: string): Matcher[] {
  const matchers: Matcher[] = [];
  const line = squash(person.addressLine ?? '');
  if (line) {
    const words = line.split(/[\s,]+/).filter(Boolean);
    // The whole line as written, whatever its first word (ул. Ленина, д. 5).
    matchers.push({
      kind: 'place',
      pattern: new RegExp(words.map(wordPattern).join('[\\s,]+'), 'giu'),
      capitalised: false,
      replace: () => label,
    });
    for (const word of words.filter((w) => (w.match(/\p{L}/gu) ?? []).length >= 4)) matchers.push(phraseMatcher([word], 'place', label));
  }
  for (const place of [person.city, person.region].map((p) => squash(p ?? '')).filter(Boolean))
    matchers.push(phraseMatcher(place.split(' '), 'place', label));
  const postcode = squash(person.postcode ?? '');
  if (postcode)
    matchers.push({
      kind: 'place',
      pattern: new RegExp(`(?<!${NOT_IN_WORD})${literal(postcode)}(?!${NOT_IN_WORD})`, 'giu'),
      capitalised: false,
      replace: () => label,
    });
  return matchers;
}

/** Phone numbers however they are spaced (+47 912 34 567, 91234567) and the e-mail address. */
function contactMatchers(person: PersonDetails, label: string): Matcher[] {
  const matchers: Matcher[] = [];
  for (const phone of person.phones ?? []) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 6) continue;
    // The number as the person would say it at home too: without the country code.
    const national = digits.length > 8 ? digits.slice(-8) : digits;
    for (const number of new Set([digits, national]))
      matchers.push({
        kind: 'contact',
        pattern: new RegExp(`(?<!\\d)\\+?${[...number].join('[\\s().-]*')}(?!\\d)`, 'g'),
        capitalised: false,
        replace: () => label,
      });
  }
  if (person.email)
    matchers.push({
      kind: 'contact',
      pattern: new RegExp(`(?<![\\w.-])${literal(person.email)}(?![\\w-])`, 'gi'),
      capitalised: false,
      replace: () => label,
    });
  return matchers;
}

// ---- dates ----------------------------------------------------------------------------------

/** Month names as the agency's languages write them in a date (Russian in the genitive: 14 марта), with their number. */
const monthNames: Record<string, number> = {};
const addMonths = (names: string) => names.split(' ').forEach((name, i) => (monthNames[name] = (i % 12) + 1));
addMonths('january february march april may june july august september october november december');
addMonths('jan feb mar apr may jun jul aug sep oct nov dec');
addMonths('januar februar mars april mai juni juli august september oktober november desember');
addMonths('januari februari mars april maj juni juli augusti september oktober november december');
addMonths('января февраля марта апреля мая июня июля августа сентября октября ноября декабря');
addMonths('январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь');
addMonths('янв фев мар апр мая июн июл авг сен окт ноя дек');
monthNames.sept = 9;
/** English month names that are everyday words too ("2 may", "3 mar"): a month only when written with a capital. */
const everydayWords = new Set(['may', 'mar', 'jan', 'jun', 'dec', 'sept', 'aug']);
const monthAlternatives = Object.keys(monthNames)
  .sort((a, b) => b.length - a.length)
  .map(literal)
  .join('|');

function monthYear(language: string, year: number, month: number): string {
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

function monthOnly(language: string, month: number): string {
  return new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** How long before (or after) the story was written: "3 months ago", "2 года назад". */
function relativeTo(language: string, writtenOn: string, year: number, month: number): string {
  const [writtenYear, writtenMonth] = writtenOn.split('-').map(Number) as [number, number];
  const months = (writtenYear - year) * 12 + (writtenMonth - month);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  return Math.abs(months) >= 24 ? format.format(-Math.round(months / 12), 'year') : format.format(-months, 'month');
}

const validDay = (year: number, month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

function dateMatchers(context: AnonymisingContext): Matcher[] {
  const { language, writtenOn } = context;
  const replacement = (year: number, month: number, day: number | null): string | null => {
    if (!validDay(year, month, day ?? 1)) return null;
    return context.dates === 'relative' ? relativeTo(language, writtenOn, year, month) : monthYear(language, year, month);
  };
  const month = (name: string) => monthNames[name.toLowerCase().replace(/\.$/, '')] ?? 0;
  const number = (text: string | undefined) => Number(text);
  const matcher = (source: string, flags: string, replace: Matcher['replace']): Matcher => ({
    kind: 'date',
    pattern: new RegExp(source, flags),
    capitalised: false,
    replace,
  });
  const yearSuffix = '(?:\\s*(?:г\\.|года?|гг\\.))?';
  return [
    // 2027-03-14
    matcher('(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)', 'g', (m) => replacement(number(m[1]), number(m[2]), number(m[3]))),
    // 14.03.2027, 14/3/2027 – the day first, unless the first number cannot be a month's day and the second can (3/14/2027)
    matcher('(?<![\\d.])(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})(?![\\d])', 'g', (m) => {
      const [a, b] = [number(m[1]), number(m[2])];
      return b > 12 && a <= 12 ? replacement(number(m[3]), a, b) : replacement(number(m[3]), b, a);
    }),
    // 2027年3月14日
    matcher('(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号號]', 'g', (m) =>
      replacement(number(m[1]), number(m[2]), number(m[3])),
    ),
    // 14 March 2027, 14. mars 2027, 14 марта 2027 г.
    matcher(`(?<![\\p{L}\\d])(\\d{1,2})\\.?\\s+(${monthAlternatives})\\.?,?\\s+(\\d{4})${yearSuffix}(?![\\p{L}\\d])`, 'giu', (m) =>
      replacement(number(m[3]), month(m[2]!), number(m[1])),
    ),
    // March 14, 2027
    matcher(`(?<![\\p{L}\\d])(${monthAlternatives})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\p{L}\\d])`, 'giu', (m) =>
      replacement(number(m[3]), month(m[1]!), number(m[2])),
    ),
    // 14 March, 14 марта: a day of the year (a birthday) – only the month stays
    matcher(`(?<![\\p{L}\\d])(\\d{1,2})\\.?\\s+(${monthAlternatives})(?![\\p{L}])`, 'giu', (m) =>
      validDay(2000, month(m[2]!), number(m[1])) && !everydayWords.has(m[2]!) ? monthOnly(language, month(m[2]!)) : null,
    ),
    // 3月14日
    matcher('(?<!\\d|年\\s*)(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号號]', 'g', (m) =>
      validDay(2000, number(m[1]), number(m[2])) ? monthOnly(language, number(m[1])) : null,
    ),
  ];
}

// ---- finding and replacing -------------------------------------------------------------------

function matchersFor(context: AnonymisingContext): Matcher[] {
  const { labels } = context;
  return [
    ...nameVariants(context.person).map((words) => phraseMatcher(words, 'person_name', labels.person)),
    ...context.relatives.flatMap((relative) =>
      nameVariants(relative).map((words) => phraseMatcher(words, 'relative_name', labels.relative)),
    ),
    ...placeMatchers(context.person, labels.place),
    ...contactMatchers(context.person, labels.contact),
    ...dateMatchers(context),
  ];
}

interface Found {
  start: number;
  end: number;
  kind: Kind;
  original: string;
  replacement: string;
}

/** What the matchers find in a text, without overlaps: where two start at one place, the longer wins (a whole name over its first part). */
function scan(text: string, matchers: readonly Matcher[]): Found[] {
  const found: Found[] = [];
  for (const matcher of matchers) {
    for (const match of text.matchAll(matcher.pattern)) {
      const original = match[0];
      if (!original) continue;
      if (matcher.capitalised && /\p{Ll}/u.test(original[0]!)) continue;
      const replacement = matcher.replace(match);
      if (replacement === null) continue;
      found.push({ start: match.index, end: match.index + original.length, kind: matcher.kind, original, replacement });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const chosen: Found[] = [];
  let until = 0;
  for (const f of found) {
    if (f.start < until) continue;
    chosen.push(f);
    until = f.end;
  }
  return chosen;
}

/** A proposal's id: the same words of the same kind are one proposal, however often they occur. */
export const proposalId = (kind: Kind, original: string) => `${kind}:${squash(original).toLowerCase()}`;

class Replacer {
  readonly proposals = new Map<string, Proposal>();

  constructor(
    private readonly matchers: readonly Matcher[],
    private readonly keep: ReadonlySet<string>,
  ) {}

  text(text: string): string {
    let out = '';
    let at = 0;
    for (const f of scan(text, this.matchers)) {
      const id = proposalId(f.kind, f.original);
      const applied = !this.keep.has(id);
      const earlier = this.proposals.get(id);
      if (earlier) earlier.count++;
      else this.proposals.set(id, { id, kind: f.kind, original: squash(f.original), replacement: f.replacement, count: 1, applied });
      out += text.slice(at, f.start) + (applied ? f.replacement : f.original);
      at = f.end;
    }
    return out + text.slice(at);
  }

  private inline(nodes: readonly InlineNode[] | undefined): InlineNode[] | undefined {
    return nodes?.map((n) => (n.type === 'text' ? { ...n, text: this.text(n.text) } : n));
  }

  blocks(blocks: readonly Block[]): Block[] {
    return blocks.map((b): Block => {
      switch (b.type) {
        case 'paragraph':
        case 'heading': {
          const content = this.inline(b.content);
          return content ? { ...b, content } : b;
        }
        case 'bulletList':
        case 'orderedList':
          return { ...b, content: b.content.map((item) => ({ ...item, content: this.blocks(item.content) })) };
      }
    });
  }
}

export interface StoryText {
  title: string;
  text: RichText;
}

/**
 * The anonymised copy of a story: every name, place, contact and date found replaced, except the
 * proposals named in `keep`; and what was found, each with how often.
 */
export function anonymise(
  story: StoryText,
  context: AnonymisingContext,
  keep: readonly string[] = [],
): StoryText & { proposals: Proposal[] } {
  const replacer = new Replacer(matchersFor(context), new Set(keep));
  const title = replacer.text(story.title);
  const text: RichText = { type: 'doc', content: replacer.blocks(story.text.content) };
  return { title, text, proposals: [...replacer.proposals.values()] };
}

/** What still identifies the person in a copy (after a reviewer's edits, say): what the anonymiser would still replace, less what was kept on purpose. */
export function identifiersIn(story: StoryText, context: AnonymisingContext, kept: readonly string[] = []): Proposal[] {
  return anonymise(story, context, kept).proposals.filter((p) => p.applied);
}
