import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { auditAction, auditEntityType, auditEvent, chainBreak } from '../../areas/audit/audit.contract.ts';
import { conditionOperators, isOrdered, itemTypes } from '../../areas/questionnaire/questionnaire.rules.ts';
import { fhirImportWarningCodes } from '../../areas/questionnaire/questionnaire-fhir.rules.ts';
import { staffStatus } from '../../areas/staff/staff.contract.ts';
import { alertKind } from '../../areas/work/work.contract.ts';
import { supportedLocales } from '../../core/common.contract.ts';
import { errorCodes } from '../../core/errors.ts';
import { allRoles } from '../../core/roles.contract.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');
const pluralForm = (key: string) => PLURAL_SUFFIX.exec(key)?.[1];
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!))].sort();
/** The plural forms i18next asks for in a language (Intl's categories), plus `zero`, which it tries for a count of 0 anywhere. */
const pluralForms = (code: string) => new Set<string>([...new Intl.PluralRules(code).resolvedOptions().pluralCategories, 'zero']);

const sources = new Map(
  supportedLocales.map((code) => [code, JSON.parse(readFileSync(path.join(here, `${code}.json`), 'utf8')) as Catalog]),
);
const catalogs = new Map(supportedLocales.map((code) => [code, flatten(sources.get(code)!)]));
const english = catalogs.get('en')!;
const englishBases = new Set([...english.keys()].map(baseKey));
const englishPlurals = new Set([...english.keys()].filter((key) => pluralForm(key)).map(baseKey));
const translations = supportedLocales.filter((c) => c !== 'en');

/**
 * Words each language writes as English does. A translation identical to the English text passes
 * only when it is made of these, of placeholders and of the product's name.
 */
const sharedWithEnglish: Record<(typeof translations)[number], string[]> = {
  nb: ['administrator', 'form', 'full', 'id', 'kb', 'mb', 'minimum', 'normal', 'person', 'plan', 'relevant', 'status', 'type'],
  sv: [
    'administration',
    'form',
    'full',
    'id',
    'installation',
    'kb',
    'maximum',
    'mb',
    'minimum',
    'normal',
    'observation',
    'person',
    'plan',
    'relevant',
    'risk',
    'session',
    'status',
    'text',
    'version',
  ],
  ru: [],
  // Units of measure keep their international symbols.
  'zh-Hans': ['mb'],
  'zh-Hant': ['mb'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('translation catalogs', () => {
  it('has a catalog for every supported language', () => {
    expect(
      readdirSync(here)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(supportedLocales.map((c) => `${c}.json`).sort());
  });

  it.each(translations)('%s has every key English has, in each plural form the language uses', (code) => {
    const catalog = catalogs.get(code)!;
    const forms = [...pluralForms(code)].filter((form) => form !== 'zero');
    const missing = [...englishBases].flatMap((base) =>
      englishPlurals.has(base)
        ? forms.map((form) => `${base}_${form}`).filter((key) => !catalog.has(key))
        : catalog.has(base)
          ? []
          : [base],
    );
    expect(missing).toEqual([]);
  });

  it.each(translations)('%s has no key that English lacks', (code) => {
    const extra = [...catalogs.get(code)!.keys()].filter((key) => !englishBases.has(baseKey(key)));
    expect(extra).toEqual([]);
  });

  it.each(supportedLocales)('%s has no plural form its language does not use', (code) => {
    const forms = pluralForms(code);
    const foreign = [...catalogs.get(code)!.keys()].filter((key) => {
      const form = pluralForm(key);
      return form !== undefined && !forms.has(form);
    });
    expect(foreign).toEqual([]);
  });

  it.each(translations)('%s keeps the placeholders of the English text, no more and no fewer', (code) => {
    const differing: string[] = [];
    for (const [key, text] of catalogs.get(code)!) {
      const englishText = english.get(key) ?? english.get(`${baseKey(key)}_other`);
      if (englishText === undefined) continue;
      const expected = placeholders(englishText).join(', ');
      const actual = placeholders(text).join(', ');
      if (actual !== expected) differing.push(`${key}: [${actual}] instead of [${expected}]`);
    }
    expect(differing).toEqual([]);
  });

  it.each(translations)('%s leaves no English text untranslated but words the language writes as English does', (code) => {
    const shared = new Set(sharedWithEnglish[code]);
    const untranslated = [...catalogs.get(code)!].filter(([key, text]) => {
      if (key.startsWith('languageName.') || text !== english.get(key)) return false;
      const words = text
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\bTillit\b/g, ' ')
        .toLowerCase()
        .match(/\p{L}+/gu);
      return (words ?? []).some((word) => !shared.has(word));
    });
    expect(untranslated.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('names every language in that language in every catalog, as the language menus mark each name with its language', () => {
    for (const [code, catalog] of catalogs) {
      const names = supportedLocales.map((language) => catalog.get(`languageName.${language}`));
      expect(names, code).toEqual(supportedLocales.map((language) => english.get(`languageName.${language}`)));
    }
  });

  it('translates every key the interface asks for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(webRoot)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([^'$]+)'/g)) {
        const key = match[1]!;
        if (!english.has(key) && !englishBases.has(key)) missing.push(`${path.relative(webRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every role, staff status, audit outcome, chain break and error code', () => {
    const needed = [
      ...allRoles.map((r) => `role.${r}`),
      ...staffStatus.options.map((s) => `staffStatus.${s}`),
      ...auditEvent.shape.outcome.options.map((o) => `auditOutcome.${o}`),
      ...chainBreak.shape.code.options.map((c) => `audit.verify.code.${c}`),
      ...errorCodes.map((c) => `error.${c}`),
      ...supportedLocales.map((c) => `languageName.${c}`),
    ];
    expect(needed.filter((key) => !english.has(key))).toEqual([]);
  });

  it.each(supportedLocales)('%s names every questionnaire item type, comparison and import warning', (code) => {
    const needed = [
      ...itemTypes.map((type) => `questionnaires.type.${type}`),
      ...conditionOperators.filter((op) => op !== 'exists').map((op) => `questionnaires.operator.${op}`),
      ...conditionOperators.filter(isOrdered).map((op) => `questionnaires.operator.${op}Score`),
      ...fhirImportWarningCodes.map((warning) => `questionnaires.importWarning.${warning}`),
    ];
    expect(needed.filter((key) => !catalogs.get(code)!.has(key))).toEqual([]);
  });

  it.each(supportedLocales)(
    '%s names every audit action and record type the server writes, as the access log looks them up',
    async (code) => {
      // Some codes are both a name and the start of longer ones (person.link_request, person.link_request.accept):
      // the longer keep their dots in the catalog, so the names are looked up as the access log does, through i18next.
      const i18n = i18next.createInstance();
      await i18n.init({ lng: code, fallbackLng: false, resources: { [code]: { translation: sources.get(code)! } }, returnNull: false });
      const keys = [...auditAction.options.map((a) => `auditAction.${a}`), ...auditEntityType.options.map((e) => `entityType.${e}`)];
      const catalog = catalogs.get(code)!;
      expect(keys.filter((key) => !catalog.has(key) || i18n.t(key) !== catalog.get(key))).toEqual([]);
    },
  );

  it('names every kind of alert in every language', () => {
    for (const [code, catalog] of catalogs) {
      expect(
        alertKind.options.filter((kind) => !catalog.has(`alerts.kind.${kind}`)),
        code,
      ).toEqual([]);
    }
  });
});
