import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import type { CreatedStaff } from '../support/server.ts';
import { expectAccessible, passSecondStep, signIn, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

type Catalog = { [key: string]: string | Catalog };
const catalog = (code: string): Map<string, string> => {
  const file = path.resolve(import.meta.dirname, `../../src/web/locales/${code}.json`);
  const flat = new Map<string, string>();
  const walk = (node: Catalog, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat.set(`${prefix}${key}`, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(JSON.parse(readFileSync(file, 'utf8')) as Catalog, '');
  return flat;
};
const english = catalog('en');

/**
 * The English phrases that must not show on a page in `code`: each part of three words or more of an
 * English message between its placeholders, where the language's catalog says something else.
 */
const phrasesByLanguage = new Map<string, string[]>();
function englishPhrases(code: string): string[] {
  const known = phrasesByLanguage.get(code);
  if (known) return known;
  const own = catalog(code);
  const phrases = new Set<string>();
  for (const [key, value] of english) {
    if (own.get(key) === value) continue;
    for (const part of value.split(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+>|\n/)) {
      const phrase = part.trim().replace(/^[\s,.:;–-]+|[\s,.:;–(-]+$/g, '');
      if ((phrase.match(/[\p{L}\p{N}’']+/gu) ?? []).length >= 3) phrases.add(phrase);
    }
  }
  phrasesByLanguage.set(code, [...phrases]);
  return [...phrases];
}

/** The message keys that could show as such if a catalog had no text for them ("case.overview.title"). */
const keys = [...english.keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')).filter((key) => key.includes('.'));

/** What a reader may meet on the page: all its text, shown or for screen readers, and the names and hints of its elements. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const attributes = [...document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
    );
    return [document.title, document.body.textContent ?? '', ...attributes].join('\n');
  });

let context: BrowserContext | undefined;
let page: Page;
let ids: CaseFixtureIds;

/** The main pages of the work, by name. */
const pages = [
  'home',
  'today',
  'intake queue',
  'a request',
  'new request',
  'case overview',
  'assessment',
  'decisions',
  'service plan',
  'caseload',
  'search',
  'admin staff',
  'agency settings',
  'person',
  'case summaries',
  'consent texts',
  'alerts',
  'service directory',
] as const;

type PageName = (typeof pages)[number];

/** A page's address, once the case fixture is built. */
function addressOf(name: PageName): string {
  switch (name) {
    case 'home':
      return '/';
    case 'today':
      return '/today';
    case 'intake queue':
      return '/intake';
    case 'a request':
      return `/intake/${ids.request}`;
    case 'new request':
      return '/intake/new';
    case 'case overview':
      return `/cases/${ids.case}`;
    case 'assessment':
      return `/cases/${ids.case}/assessments`;
    case 'decisions':
      return `/cases/${ids.case}/decisions`;
    case 'service plan':
      return `/cases/${ids.case}/plan`;
    case 'caseload':
      return '/caseload';
    case 'search':
      return '/search';
    case 'admin staff':
      return '/admin/staff';
    case 'agency settings':
      return '/admin/agency';
    case 'person':
      return `/people/${ids.person}`;
    case 'case summaries':
      return `/cases/${ids.case}/summaries`;
    case 'consent texts':
      return '/admin/consent-forms';
    case 'alerts':
      return '/alerts';
    case 'service directory':
      return '/directory';
  }
}

let worker: CreatedStaff;

/** A worker of the case fixture who also administers the agency and supervises (so the person page shows the copies of what is held). */
beforeAll(async () => {
  const fixture = await buildCaseFixture(server(), { givenName: 'Ольга', familyName: 'Березина' });
  ids = fixture.ids;
  worker = fixture.worker;
  await server().db.execute(sql`UPDATE staff SET roles = roles || ARRAY['administrator', 'supervisor'] WHERE id = ${worker.id}`);
});

/**
 * Signs the worker in once, in `code`: the language saved for her, which the app takes up when a
 * page is loaded again.
 */
async function inLanguage(code: string): Promise<void> {
  await server().db.execute(sql`UPDATE staff SET locale = ${code} WHERE id = ${worker.id}`);
  if (context) return;
  ({ context, page } = await openPage());
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, worker.email, worker.password);
  await passSecondStep(page, worker.email);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

afterAll(async () => {
  await context?.close();
});

/** Opens a page afresh and waits until it has its heading and nothing is loading. */
async function show(address: string, loading: string): Promise<void> {
  await page.goto(address);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(async () => (await pageText(page)).includes(loading), { message: `${address} still loading` }).toBe(false);
}

/** What a message key looks like standing alone in a page's text, made once for all pages. */
const keyPatterns = keys.map((key) => ({ key, pattern: new RegExp(`(^|[^\\w.])${key.replace(/\./g, '\\.')}($|[^\\w.])`) }));

describe('the main pages in Russian and Chinese', () => {
  const walks = ['ru', 'zh-Hans', 'zh-Hant'].flatMap((code) => pages.map((name): [string, PageName] => [code, name]));

  it.each(walks)('in %s, the %s page shows no English text and no message key, and passes axe', async (code, name) => {
    await inLanguage(code);
    const address = addressOf(name);
    await show(address, catalog(code).get('common.loading')!);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(code);
    const text = await pageText(page);
    const found = [
      ...englishPhrases(code)
        .filter((phrase) => text.includes(phrase))
        .map((phrase) => `English "${phrase}"`),
      ...keyPatterns.filter(({ pattern }) => pattern.test(text)).map(({ key }) => `key ${key}`),
    ];
    expect(found).toEqual([]);
    await expectAccessible(page, `${name} in ${code}`);
    if (name === 'case overview' && code !== 'zh-Hant') {
      await page.screenshot({ path: path.join(screenshots, `case-overview-${code}.png`), fullPage: true });
    }
  });

  it('find the English of a page shown in English, so that they can fail', async () => {
    await inLanguage('en');
    await show(`/cases/${ids.case}`, english.get('common.loading')!);
    const text = await pageText(page);
    expect(englishPhrases('ru').filter((phrase) => text.includes(phrase)).length).toBeGreaterThan(5);
  });

  it.each([
    ['zh-Hans', 'PingFang SC'],
    ['zh-Hant', 'PingFang TC'],
  ])('in %s set headings bold in a Chinese typeface', async (code, face) => {
    await inLanguage(code);
    await show(`/cases/${ids.case}`, catalog(code).get('common.loading')!);
    const headings = await page
      .locator('main :is(h1, h2, h3)')
      .evaluateAll((all) => all.map((h) => ({ font: getComputedStyle(h).fontFamily, weight: getComputedStyle(h).fontWeight })));
    expect(headings.length).toBeGreaterThan(2);
    for (const heading of headings) {
      expect(heading.font.startsWith(`"${face}"`)).toBe(true);
      expect(heading.weight).toBe('700');
    }
  });
});
