import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let caseWorker: CreatedStaff;
let supervisor: CreatedStaff;
let administrator: CreatedStaff;

beforeAll(async () => {
  const { db } = server();
  const unitId = await firstUnitId(db);
  caseWorker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Kari Ny' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siv Tilsyn' });
  // An agency with nothing set up, so its checklist has lines to do.
  const created = await db.execute<{ id: number }>(
    sql`INSERT INTO agency (name, case_number_prefix) VALUES ('Fjordby Family Centre', 'FJO') RETURNING id`,
  );
  administrator = await server().createStaff({ roles: ['administrator'], agencyId: created.rows[0]!.id, displayName: 'Aud Admin' });
});

async function checkAndShoot(page: Page, what: string, file: string) {
  await expectAccessible(page, what);
  await expectNoSidewaysScroll(page, what);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `design-${file}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `design-${file}.png`), fullPage: true });
}

describe('design system', () => {
  it('shows statuses as colour, icon and words: the setup checklist', async () => {
    const { context, page } = await openPage();
    await signInFully(page, administrator.email, administrator.password);
    const checklist = page.getByRole('region', { name: 'Setting up the agency' });
    const toDo = checklist.locator('.status-tag[data-status="todo"]').first();
    await toDo.waitFor();
    await expect(toDo.textContent()).resolves.toBe('To do');
    // The icon is decoration beside the word: hidden from screen readers, not focusable.
    await expect(toDo.locator('svg').getAttribute('aria-hidden')).resolves.toBe('true');
    const colours = await toDo.evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor, border: style.borderTopColor };
    });
    expect(colours).toEqual({ color: 'rgb(61, 67, 75)', background: 'rgb(238, 240, 243)', border: 'rgb(122, 129, 139)' });
    await checkAndShoot(page, 'the setup checklist', 'status-tags');
    await context.close();
  });

  it('holds a list’s place with a skeleton while it loads, then says what to do when it is empty', async () => {
    const { context, page } = await openPage();
    await signInFully(page, caseWorker.email, caseWorker.password);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/work/caseload*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My caseload' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    const skeleton = page.locator('.skeleton[aria-busy="true"]');
    await skeleton.waitFor();
    // One busy status for screen readers; the grey lines are hidden from them.
    await expect(skeleton.getAttribute('role')).resolves.toBe('status');
    await expect(skeleton.textContent()).resolves.toBe('Loading…');
    await expect(skeleton.locator('.skeleton__line[aria-hidden="true"]').count()).resolves.toBe(4);
    await checkAndShoot(page, 'the caseload while it loads', 'skeleton');

    release();
    const empty = page.locator('.empty-list');
    await empty.getByText('You have no open cases.').waitFor();
    await empty.getByText(/a supervisor assigns them/).waitFor();
    await expect(skeleton.count()).resolves.toBe(0);
    await checkAndShoot(page, 'the empty caseload', 'empty');
    await context.close();
  });

  it('shows the statuses of decisions, plans and priorities as status tags: words, with colour and icon', async () => {
    const ok = async (answer: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const response = await answer;
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as { id: string; version: number };
    };
    const unitId = await firstUnitId(server().db);
    const sup = new ApiClient(server().app);
    await sup.signIn(supervisor.email, supervisor.password);
    const worker = new ApiClient(server().app);
    await worker.signIn(caseWorker.email, caseWorker.password);
    const person = await ok(sup.post('/persons', { givenName: 'Tuva', familyName: 'Merkelapp' }));
    const theCase = await ok(sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: caseWorker.id, priority: 'high' }));
    const item = {
      service: 'Home help',
      outcome: 'granted',
      basis: 'Social Services Act § 4-2',
      justification: 'Needs help at home',
      validFrom: '2026-12-01',
    };
    const first = await ok(worker.post(`/cases/${theCase.id}/decisions`, { items: [item] }));
    await ok(sup.post(`/decisions/${first.id}/sign`, { version: first.version }));
    await ok(worker.post(`/cases/${theCase.id}/decisions`, { items: [{ ...item, service: 'Day centre' }] }));
    await ok(worker.post(`/cases/${theCase.id}/plans`, {}));

    const { context, page } = await openPage();
    await signInFully(page, caseWorker.email, caseWorker.password);
    /** The tags of a kind in `scope`, each a status tag with its words and a hidden icon. */
    const expectTag = async (scope: ReturnType<Page['locator']>, status: string, text: string) => {
      const tag = scope.locator(`.status-tag[data-status="${status}"]`).first();
      await tag.waitFor();
      await expect(tag.textContent()).resolves.toBe(text);
      await expect(tag.locator('svg').getAttribute('aria-hidden')).resolves.toBe('true');
    };

    await page.goto(`/cases/${theCase.id}/decisions`);
    await page.getByRole('heading', { level: 1, name: /^Decisions/ }).waitFor();
    await expectTag(page.locator('h2'), 'signed', 'Signed');
    await expectTag(page.locator('h2'), 'draft', 'Draft');
    await expect(page.locator('h2 .badge').count(), 'no ad hoc badge left').resolves.toBe(0);
    await expectTag(page.locator('.case-header'), 'high', 'High');
    await checkAndShoot(page, 'the decisions with their status tags', 'decision-status');

    await page.goto(`/cases/${theCase.id}/plan`);
    await page.getByRole('heading', { level: 1, name: /^Service plan/ }).waitFor();
    await expectTag(page.locator('#plan-open'), 'draft', 'Draft');
    await checkAndShoot(page, 'the plan with its status tag', 'plan-status');
    await context.close();
  });
});
