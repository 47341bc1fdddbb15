import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { confirmPendingSecret, freshCode, rememberPendingSecret, totpCode } from '../support/authenticator.ts';
import { startTestServer } from '../support/server.ts';

export { pdfText } from '../support/pdf.ts';

export { totpCode };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface BrowserAndServer {
  /** The app on a fresh database, listening on a local port. */
  server(): TestServer;
  browser(): Browser;
  /** A fresh browser profile on the app (see `newPage`). */
  openPage(): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * For a test file: starts the app and a browser before its tests and closes both after them
 * (registers `beforeAll` and `afterAll`). The accessors work inside tests and hooks.
 */
export function withBrowserAndServer(): BrowserAndServer {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started yet: use it inside a test or hook.`);
    return value;
  };
  const accessors: BrowserAndServer = {
    server: () => started(server, 'test server'),
    browser: () => started(browser, 'browser'),
    openPage: () => newPage(accessors.browser(), accessors.server().baseUrl),
  };
  return accessors;
}

/** A fresh browser profile (own cookies) whose browser language is English. */
export async function newPage(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', timezoneId: 'Europe/Oslo' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('Page error:', error));
  return { context, page };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const SECOND_STEPS = /^(Enter your verification code|Set up two-step verification)$/;

/**
 * After the password: sets up two-step verification or enters a code where the sign-in page asks,
 * as a person with an authenticator app would (test/support/authenticator.ts), until the page
 * leaves sign-in or asks for a new password (that step is the test's). An unknown secret fails.
 */
export async function passSecondStep(page: Page, email: string): Promise<void> {
  const title = page.getByRole('heading', { level: 1 });
  for (let step = 0; step < 3; step++) {
    // The password step's heading gives way to the next step, or the page leaves /login.
    await expect
      .poll(async () => (new URL(page.url()).pathname !== '/login' ? 'left' : ((await title.textContent()) ?? '')), {
        message: `signing in as ${email}`,
        timeout: 15_000,
      })
      .toMatch(/^left$|^Enter your verification code$|^Set up two-step verification$|^Choose a new password$/);
    if (new URL(page.url()).pathname !== '/login') return;
    const heading = (await title.textContent()) ?? '';
    if (!SECOND_STEPS.test(heading)) return;
    if (heading === 'Set up two-step verification') {
      await page.getByRole('button', { name: 'Show the setup code' }).click();
      const secret = ((await page.locator('#mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
      rememberPendingSecret(email, secret);
      await page.getByLabel('Verification code').fill((await freshCode(email, 'pending'))!);
      await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
      await title.filter({ hasNotText: heading }).waitFor();
      confirmPendingSecret(email);
    } else {
      const code = await freshCode(email);
      if (code === null) throw new Error(`No known second factor for ${email}`);
      await page.getByLabel('Verification code').fill(code);
      await page.getByRole('button', { name: 'Continue' }).click();
      await title.filter({ hasNotText: heading }).waitFor();
    }
  }
}

export async function signInFully(page: Page, email: string, password: string): Promise<void> {
  await signIn(page, email, password);
  await passSecondStep(page, email);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
}

/** Runs axe-core (WCAG 2.2 AA and best practice) on the page as it is; fails on a violation of any impact, naming each. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe on ${what}`).toEqual([]);
}

/** A code from the next time step: the server refuses a code (time step) that was already used. */
export function nextTotpCode(secret: string): string {
  return totpCode(secret, Date.now() + 30_000);
}

/** At a phone's width (390 CSS pixels) the page must not scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // The outermost elements that stick out, named so the failure says where to look.
    return [...document.body.querySelectorAll('*')]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1),
      )
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`,
      );
  });
  expect(wide, `${what} scrolls sideways at 390 px`).toEqual([]);
  if (before) await page.setViewportSize(before);
}

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

/** Whether all of the element is inside the window as it is scrolled now: where the eye is. */
export async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { height, width } = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
}

/** Until no loading status (a page, a list, a draft being looked for) is shown any more. */
export async function waitForLoaded(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: /Loading|Looking for a saved draft/ })
        .count(),
    )
    .toBe(0);
}
