import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import type { CreatedStaff } from '../support/server.ts';
import { signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

/** What the sign-in page may load of scripts (decoded, not compressed); today it loads about 500 kB, of it 11 kB of catalog. */
const SIGN_IN_SCRIPT_BUDGET = 600_000;

let ids: CaseFixtureIds;
let worker: CreatedStaff;

/** The scripts the page has loaded so far: file name (without its hash) and decoded size. */
async function scripts(page: Page): Promise<{ name: string; bytes: number }[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({
        name: new URL(entry.name).pathname.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, ''),
        bytes: (entry as PerformanceResourceTiming).decodedBodySize,
      })),
  );
}

beforeAll(async () => {
  const fixture = await buildCaseFixture(server());
  ids = fixture.ids;
  worker = fixture.worker;
});

describe('what a page loads', () => {
  it('the sign-in page loads the app and the English catalog only: no other page, no other language', async () => {
    const { context, page } = await openPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const loaded = await scripts(page);
    const names = loaded.map((s) => s.name);
    expect(names).toContain('en');
    for (const other of ['nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant']) expect(names, `the ${other} catalog`).not.toContain(other);
    expect(names.filter((name) => name.endsWith('-page'))).toEqual([]);
    const total = loaded.reduce((sum, s) => sum + s.bytes, 0);
    expect(total, loaded.map((s) => `${s.name} ${s.bytes}`).join(', ')).toBeLessThan(SIGN_IN_SCRIPT_BUDGET);
    await context.close();
  });

  it('choosing another language loads its catalog then', async () => {
    const { context, page } = await openPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Language').selectOption({ label: 'Русский' });
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    expect((await scripts(page)).map((s) => s.name)).toContain('ru');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
    await context.close();
  });

  it('a deep link loads its page, also on a hard reload, and a page whose code cannot be fetched says so and offers a reload', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${ids.case}/plan`);
    await page.getByRole('heading', { level: 1, name: /^Service plan – case / }).waitFor();
    expect((await scripts(page)).map((s) => s.name)).toContain('plan-page');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Service plan – case / }).waitFor();

    // Offline (or after an update replaced the file), the decisions page cannot come: the frame stays, with a notice.
    await page.goto(`/cases/${ids.case}`);
    await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    await page.route('**/assets/decisions-page-*.js', (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'Decisions', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' });
    await notice.waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true);
    await page.unroute('**/assets/decisions-page-*.js');
    await notice.getByRole('button', { name: 'Reload the page' }).click();
    await page.getByRole('heading', { level: 1, name: /^Decisions – case / }).waitFor();
    await context.close();
  });

  it('serves the built files for good, the app for any page address, and a 404 for a script no longer there', async () => {
    const { baseUrl } = server();
    const html = await fetch(`${baseUrl}/cases/${ids.case}/plan`);
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(entry).toBeDefined();
    const script = await fetch(`${baseUrl}${entry}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gone = await fetch(`${baseUrl}/assets/plan-page-00000000.js`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).not.toMatch(/html/);
  });
});
