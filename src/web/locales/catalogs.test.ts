import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditEvent, chainBreak } from '../../areas/audit/audit.contract.ts';
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
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]));

const catalogs = new Map(
  supportedLocales.map((code) => [code, flatten(JSON.parse(readFileSync(path.join(here, `${code}.json`), 'utf8')) as Catalog)]),
);
const english = catalogs.get('en')!;
const englishBases = new Set([...english.keys()].map(baseKey));

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

  it.each(supportedLocales.filter((c) => c !== 'en'))('%s has no key that English lacks', (code) => {
    const extra = [...catalogs.get(code)!.keys()].filter((key) => !englishBases.has(baseKey(key)));
    expect(extra).toEqual([]);
  });

  it.each(supportedLocales.filter((c) => c !== 'en'))('%s uses only placeholders the English text has', (code) => {
    const wrong: string[] = [];
    for (const [key, text] of catalogs.get(code)!) {
      const englishText = english.get(key) ?? english.get(`${baseKey(key)}_other`) ?? '';
      const allowed = placeholders(englishText);
      allowed.add('count');
      for (const name of placeholders(text)) if (!allowed.has(name)) wrong.push(`${key}: {{${name}}}`);
    }
    expect(wrong).toEqual([]);
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

  it('names every kind of alert in every language', () => {
    for (const [code, catalog] of catalogs) {
      expect(
        alertKind.options.filter((kind) => !catalog.has(`alerts.kind.${kind}`)),
        code,
      ).toEqual([]);
    }
  });

  it('translates navigation, sign-in and common buttons in every language', () => {
    const essential = [...english.keys()].filter((key) => /^(nav|login|common|language)\./.test(key));
    for (const [code, catalog] of catalogs) {
      expect(
        essential.filter((key) => !catalog.has(key)),
        code,
      ).toEqual([]);
    }
  });
});
