import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rolePermissions } from '../../src/core/access-policy.ts';
import type { Role } from '../../src/core/roles.contract.ts';
import { buildCaseFixture, type CaseFixtureIds } from '../support/case-fixture.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { type AppRoute, appRoutes } from './app-routes.ts';
import { expectAccessible, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 900 };
const screenshots = path.resolve(import.meta.dirname, '../../test-results/e2e/screen-sizes');

let ids: CaseFixtureIds;
let caseWorker: CreatedStaff;

/** The address to open for each route of app.tsx, with the fixture's records for its ids. */
const addresses: Record<string, () => string> = {
  '/login': () => '/login',
  '/setup': () => '/setup',
  '/request': () => '/request',
  '/': () => '/',
  '/account': () => '/account',
  '/alerts': () => '/alerts',
  '/mfa-resets': () => '/mfa-resets',
  '/admin/agency': () => '/admin/agency',
  '/admin/agreement-templates': () => '/admin/agreement-templates',
  '/admin/consent-forms': () => '/admin/consent-forms',
  '/admin/units': () => '/admin/units',
  '/admin/staff': () => '/admin/staff',
  '/admin/partners': () => '/admin/partners',
  '/admin/partners/:id/agreements': () => `/admin/partners/${ids.partnerOrganisation}/agreements`,
  '/admin/questionnaires': () => '/admin/questionnaires',
  '/admin/questionnaires/:id': () => `/admin/questionnaires/${ids.template}`,
  '/platform/agencies': () => '/platform/agencies',
  '/audit/access': () => '/audit/access',
  '/audit/verify': () => '/audit/verify',
  '/audit/emergency': () => '/audit/emergency',
  '/today': () => '/today',
  '/intake': () => '/intake',
  '/intake/:id': () => `/intake/${ids.request}`,
  '/intake/new': () => '/intake/new',
  '/search': () => '/search?q=Quillfeather',
  '/people/:id': () => `/people/${ids.person}`,
  '/people/:id/life-story': () => `/people/${ids.person}/life-story`,
  '/link-requests': () => '/link-requests',
  '/caseload': () => '/caseload',
  '/directory': () => '/directory',
  '/partner': () => '/partner',
  '/partner/staff': () => '/partner/staff',
  '/partner/vouchers/:id': () => `/partner/vouchers/${ids.voucher}`,
  '/cases/:id': () => `/cases/${ids.case}`,
  '/cases/:id/assessments': () => `/cases/${ids.case}/assessments`,
  '/cases/:id/decisions': () => `/cases/${ids.case}/decisions`,
  '/cases/:id/plan': () => `/cases/${ids.case}/plan`,
  '/cases/:id/journal': () => `/cases/${ids.case}/journal`,
  '/cases/:id/contacts': () => `/cases/${ids.case}/contacts`,
  '/week': () => '/week',
  '/cases/:id/crisis': () => `/cases/${ids.case}/crisis`,
  '/cases/:id/safety-plan': () => `/cases/${ids.case}/safety-plan`,
  '/cases/:id/summaries': () => `/cases/${ids.case}/summaries`,
  '/cases/:id/partners': () => `/cases/${ids.case}/partners`,
  '/cases/:id/life-story': () => `/cases/${ids.case}/life-story`,
  '/cases/:id/success-stories': () => `/cases/${ids.case}/success-stories`,
  '/cases/:caseId/questionnaires/:responseId': () => `/cases/${ids.case}/questionnaires/${ids.response}`,
  '/unit': () => '/unit',
  '/*': () => '/no-such-page',
};

const routes = appRoutes();

/** The pages a signed-in member with these roles reaches: every guard's permission is one of theirs. */
function pagesFor(roles: Role[]): AppRoute[] {
  const granted = new Set(roles.flatMap((role) => rolePermissions[role]));
  return routes.filter((route) => route.signedIn && route.permissions.every((p) => granted.has(p)));
}

/** The page has its heading and has finished loading. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await waitForLoaded(page);
}

/**
 * How wide the page is against the window, the innermost elements that make it so, and the boxes
 * (a table's) that scroll sideways inside the page.
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; wide: string[]; scrolling: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const innerWidth = window.innerWidth;
          const scrollWidth = document.documentElement.scrollWidth;
          const name = (el: Element) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
          // An element past the window's edge, or one whose own text runs past its box (that box scrolling or not).
          const tooWide = (el: Element) =>
            el.getBoundingClientRect().right > innerWidth + 0.5 ||
            (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible');
          const wide =
            scrollWidth <= innerWidth
              ? []
              : [...document.body.querySelectorAll('*')]
                  .filter((el) => tooWide(el) && ![...el.querySelectorAll('*')].some(tooWide))
                  .slice(0, 5)
                  .map(name);
          const scrolling = [...document.querySelectorAll('.table-wrap')]
            .filter((el) => el.scrollWidth > el.clientWidth + 0.5)
            .map((el) => `${name(el)} "${el.getAttribute('aria-label')}" ${el.scrollWidth} px in ${el.clientWidth}`);
          resolve({ scrollWidth, innerWidth, wide, scrolling });
        }),
      ),
  );
}

/**
 * Buttons, navigation and header links and form controls smaller than 44 × 44 CSS pixels (for a
 * checkbox or radio button: its label, which takes the tap too). Hidden ones and text only for
 * screen readers are left out.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'button, select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), nav a, header a',
      ),
    ];
    const labels = [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')].map(
      (input) => (input.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(input.id)}"]`) : null) ?? input,
    );
    const small: string[] = [];
    for (const el of [...controls, ...labels]) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      if (box.width >= 43.5 && box.height >= 43.5) continue;
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

interface Finding {
  page: string;
  problem: string;
}

/** Opens each address at a phone's size, checks it there and at a tablet's; returns what is wrong, by page. */
async function walk(page: Page, addressesToVisit: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const address of addressesToVisit) {
    await page.setViewportSize(PHONE);
    await page.goto(address);
    await settled(page);
    const title = await page.getByRole('heading', { level: 1 }).first().textContent();
    const where = `${address} ("${title}")`;
    for (const size of [PHONE, TABLET]) {
      await page.setViewportSize(size);
      const measured = await overflow(page);
      if (measured.scrollWidth > measured.innerWidth)
        findings.push({
          page: where,
          problem: `${measured.scrollWidth} px wide at ${size.width}×${size.height}; sticking out: ${measured.wide.join(', ')}`,
        });
      if (measured.scrolling.length > 0)
        findings.push({
          page: where,
          problem: `scrolls sideways inside at ${size.width}×${size.height}: ${measured.scrolling.join('; ')}`,
        });
    }
    await page.setViewportSize(PHONE);
    const small = await smallTargets(page);
    if (small.length > 0) findings.push({ page: where, problem: `touch targets under 44 px at 390: ${small.join('; ')}` });
  }
  return findings;
}

beforeAll(async () => {
  for (const route of routes)
    expect(addresses[route.pattern], `app.tsx has the route ${route.pattern}: give it an address to visit here`).toBeDefined();
  const fixture = await buildCaseFixture(server());
  ids = fixture.ids;
  caseWorker = fixture.worker;
  // Long words where a narrow screen meets them: an e-mail address in the person's details and edit
  // history, a staff member's name and address in the staff list.
  const { version } = (await fixture.client.get(`/persons/${ids.person}`)).json();
  const edited = await fixture.client.patch(`/persons/${ids.person}`, {
    email: 'ottoline.quillfeather.correspondence@llanfairpwllgwyngyll-community-services.example.org',
    addressLine: 'Kirkegårdsveien 112, leilighet H0304, inngang fra bakgården',
    version,
  });
  expect(edited.statusCode, edited.body).toBe(200);
  await server().createStaff({
    roles: ['case_worker'],
    displayName: 'Bartholomew Featherstonehaugh-Cholmondeley',
    email: 'bartholomew.featherstonehaugh-cholmondeley@municipality-of-example.org',
    unitId: ids.unit,
  });
  mkdirSync(screenshots, { recursive: true });
});

describe('every page on a phone (390 × 844) and a tablet (768 × 1024)', () => {
  it('the pages before sign-in scroll only up and down', async () => {
    const { context, page } = await openPage();
    const visit = routes.filter((route) => !route.signedIn).map((route) => addresses[route.pattern]!());
    expect(await walk(page, visit)).toEqual([]);
    await context.close();
  });

  // The fixture's worker (case and intake worker) is responsible for its case; the others reach it
  // through their unit or agency, or not at all.
  const members: { roles: Role[]; label: string }[] = [
    { roles: ['case_worker', 'intake_worker'], label: 'a case and intake worker' },
    { roles: ['supervisor'], label: 'a supervisor' },
    { roles: ['agency_head'], label: 'an agency head' },
    { roles: ['administrator'], label: 'an administrator' },
    { roles: ['auditor'], label: 'an auditor' },
    { roles: ['partner_provider'], label: 'a partner provider' },
    { roles: ['partner_administrator'], label: "a partner organisation's administrator" },
    { roles: ['platform_administrator'], label: 'a platform administrator' },
  ];
  for (const member of members) {
    it(`every page ${member.label} reaches scrolls only up and down, with touch targets of 44 px`, { timeout: 240_000 }, async () => {
      const who =
        member.label === 'a case and intake worker'
          ? caseWorker
          : await server().createStaff({
              roles: member.roles,
              unitId: await firstUnitId(server().db),
              // A partner's staff member of the organisation the fixture's voucher is addressed to.
              ...(member.roles.some((r) => r.startsWith('partner_')) ? { partnerOrganisationId: ids.partnerOrganisation } : {}),
            });
      const { context, page } = await openPage();
      await signInFully(page, who.email, who.password);
      const visit = pagesFor(member.roles).map((route) => addresses[route.pattern]!());
      expect(await walk(page, visit)).toEqual([]);
      await context.close();
    });
  }
});

describe('the navigation on a phone', () => {
  it('hides behind a menu button that opens and closes by keyboard, marks the current page, and stays in view on a desktop', async () => {
    const { context, page } = await openPage();
    await signInFully(page, caseWorker.email, caseWorker.password);
    await page.setViewportSize(PHONE);
    await page.goto('/caseload');
    await settled(page);
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    // While hidden, the navigation is out of the accessibility tree too: found by the id the button names.
    const nav = page.locator(`nav#${await menu.getAttribute('aria-controls')}`);
    await expect(nav.getAttribute('aria-label')).resolves.toBe('Main');
    await expect(nav.isVisible()).resolves.toBe(false);

    // Tab to the button, open it with Enter: the next Tab goes into the navigation.
    await page.locator('body').focus();
    for (let i = 0; i < 12 && !(await menu.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(menu.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(nav.isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('link', { name: 'My caseload' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.screenshot({ path: path.join(screenshots, 'menu-open-390.png'), fullPage: true });
    await expectAccessible(page, 'the navigation opened by the menu button');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label'))).resolves.toBe('Main');

    // Escape closes it and puts focus back on the button.
    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(nav.isVisible()).resolves.toBe(false);
    await expect(menu.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    // Space opens it again; following a link closes it and the new page is the current one.
    await page.keyboard.press('Space');
    await nav.getByRole('link', { name: 'Search' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(nav.isVisible()).resolves.toBe(false);
    await menu.click();
    await expect(nav.getByRole('link', { name: 'Search' }).getAttribute('aria-current')).resolves.toBe('page');

    // On a desktop the navigation is always there and the button is not.
    await page.setViewportSize(DESKTOP);
    await expect(menu.isVisible()).resolves.toBe(false);
    await expect(nav.isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('pages at 390 px, for the eye', () => {
  it('takes screenshots of home, the caseload, the case and its plan', async () => {
    const { context, page } = await openPage();
    await signInFully(page, caseWorker.email, caseWorker.password);
    await page.setViewportSize(PHONE);
    for (const [name, address] of [
      ['home', '/'],
      ['caseload', '/caseload'],
      ['case', `/cases/${ids.case}`],
      ['plan', `/cases/${ids.case}/plan`],
    ] as const) {
      await page.goto(address);
      await settled(page);
      await page.screenshot({ path: path.join(screenshots, `${name}-390.png`), fullPage: true });
    }
    await context.close();
  });
});
