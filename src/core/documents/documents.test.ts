import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentLanguages, formatDocumentDate } from './documents.ts';

const catalog = (language: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'locales', `${language}.json`), 'utf8'));

describe('dates in printed documents', () => {
  it("print a moment as the day it was in the agency's time zone", () => {
    const lateEvening = new Date('2027-06-01T20:30:00Z');
    expect(formatDocumentDate('en', lateEvening, 'Europe/Oslo')).toBe('June 1, 2027');
    expect(formatDocumentDate('zh-Hans', lateEvening, 'Asia/Shanghai')).toBe('2027年6月2日');
  });

  it('print a calendar date as it is, whatever the time zone', () => {
    expect(formatDocumentDate('nb', '2027-06-01', 'Pacific/Kiritimati')).toBe('1. juni 2027');
  });

  it.each(documentLanguages)('in %s never end a sentence with two full stops after a date', (language) => {
    const date = formatDocumentDate(language, '2027-06-01', 'UTC');
    const doubled = Object.entries(catalog(language))
      .map(([key, text]) => [key, text.replace(/\{\{[^}]+\}\}/g, date)] as const)
      .filter(([, text]) => text.includes('..'));
    expect(doubled).toEqual([]);
  });
});

describe('the catalogs of printed documents', () => {
  it.each(documentLanguages.filter((l) => l !== 'en'))('in %s hold every text the English one does, and no other', (language) => {
    expect(Object.keys(catalog(language)).sort()).toEqual(Object.keys(catalog('en')).sort());
  });
});
