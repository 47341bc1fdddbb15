import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let reader: CreatedStaff;
let caseId = '';
let caseNumber = '';
let unitName = '';
let responseId = '';

async function ok<T = { id: string; version: number }>(response: Promise<{ statusCode: number; json: () => unknown; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/**
 * An invented person who writes her name in Cyrillic; the intake worker takes her request and
 * opens the case for Tora with Arne and Ines (an intake worker, who may read but not change it) on
 * the team; Tora assesses, and the person signs a plan with a step overdue and its review close.
 */
beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  unitName = (await server().db.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${unitId}`)).rows[0]!.name;
  const intake = await server().createStaff({ roles: ['intake_worker'], unitId, displayName: 'Iris Intake' });
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Tora Workspace' });
  const teammate = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Arne Teammate' });
  reader = await server().createStaff({ roles: ['intake_worker'], unitId, displayName: 'Ines Reader' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siri Supervisor' });

  const i = new ApiClient(server().app);
  await i.signIn(intake.email, intake.password);
  const person = await ok(
    i.post('/persons', {
      givenName: 'Olena',
      familyName: 'Kovalenko',
      nameInOtherScript: 'Олена Коваленко',
      birthDate: '1984-05-06',
      languages: ['uk'],
    }),
  );
  const request = await ok(
    i.post('/requests', {
      channel: 'walk_in',
      personId: person.id,
      mainProblem: 'Rent arrears; the landlord has given notice to leave by the end of the month',
      ownWords: 'I am afraid my son and I will lose the flat before winter',
    }),
  );
  const accepted = await ok<{ caseId: string }>(
    i.post(`/requests/${request.id}/decision`, {
      decision: 'accept',
      unitId,
      responsibleStaffId: worker.id,
      teamStaffIds: [teammate.id, reader.id],
      version: request.version,
    }),
  );
  caseId = accepted.caseId;

  const w = new ApiClient(server().app);
  await w.signIn(worker.email, worker.password);
  const assessment = await ok(w.post(`/cases/${caseId}/assessments`, { assessedOn: inDays(-3) }));
  const need = await ok(
    w.post(`/assessments/${assessment.id}/needs`, {
      domain: 'housing',
      description: 'Keeps the flat',
      severity: 'high',
      identifiedOn: inDays(-3),
    }),
  );
  const goal = randomUUID();
  const draft = await ok(
    w.post(`/cases/${caseId}/plans`, {
      content: {
        periodFrom: inDays(-2),
        periodTo: inDays(180),
        reviewDate: inDays(12),
        goals: [
          {
            id: goal,
            level: 'long_term',
            needId: need.id,
            description: 'Keeps the flat with a repayment plan for the rent arrears agreed with the landlord',
            indicator: 'Signed repayment plan',
            baseline: 'No plan',
            target: 'Plan signed',
            dueDate: inDays(170),
          },
        ],
        steps: [
          { id: randomUUID(), goalId: goal, what: 'Call the housing office together', responsibleKind: 'worker', dueDate: inDays(-1) },
          { id: randomUUID(), goalId: goal, what: 'Ask the bank for a statement', responsibleKind: 'person', dueDate: inDays(4) },
          { id: randomUUID(), goalId: goal, what: 'Meet the landlord together', responsibleKind: 'worker', dueDate: inDays(40) },
        ],
      },
    }),
  );
  const submitted = await ok(w.post(`/plans/${draft.id}/submit`, { version: draft.version }));
  await ok(w.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'drawn', signatureImage: png, version: submitted.version }));
  await ok(w.post(`/cases/${caseId}/agreements`, {}));
  const templates = (await ok<{ items: { id: string; key: string }[] }>(w.get('/questionnaire-templates?status=published'))).items;
  responseId = (
    await ok(w.post(`/cases/${caseId}/questionnaire-responses`, { templateId: templates.find((x) => x.key === 'gad-7')!.id, answers: {} }))
  ).id;
  // A PHQ-9 answer raised the crisis flag this morning (the questionnaire journey is tested on its own).
  await server().db.execute(sql`UPDATE cases SET crisis_raised_at = now() - interval '2 hours' WHERE id = ${caseId}`);
  caseNumber = (await ok<{ caseNumber: string }>(w.get(`/cases/${caseId}`))).caseNumber;
});

/** At a phone's width nothing sticks out sideways; the width is put back afterwards. */
async function expectFitsPhone(page: Page, what: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: what }).toBeLessThanOrEqual(390);
  if (before) await page.setViewportSize(before);
}

const header = (page: Page) => page.getByRole('region', { name: `About case ${caseNumber}` });
const sections = (page: Page) => page.getByRole('navigation', { name: 'Parts of the case' });

async function openCase(page: Page, who: CreatedStaff, part = ''): Promise<void> {
  await signInFully(page, who.email, who.password);
  await page.goto(`/cases/${caseId}${part}`);
  await header(page).waitFor();
}

/** The name of the section link marked as the current page. */
async function currentSection(page: Page): Promise<string | null> {
  return sections(page).locator('[aria-current="page"]').textContent();
}

/** What has the keyboard focus: its tag, its text or name, and whether its focus can be seen. */
async function focus(page: Page): Promise<{ tag: string; text: string; shown: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', text: '', shown: false };
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.tagName,
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      shown: el.matches(':focus-visible') && (outlined || style.boxShadow !== 'none'),
    };
  });
}

/** Until no part of the page is still loading (each shows `aria-busy` while it does). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focus is on `text`; every control passed on the way
 * must show its focus. Fails, naming the stops, if `text` is not reached within 40.
 */
async function tabTo(page: Page, text: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const now = await focus(page);
    stops.push(now.text);
    expect(now.shown, `the focus on "${now.text}" (${now.tag}) can be seen`).toBe(true);
    if (typeof text === 'string' ? now.text === text : text.test(now.text)) return;
  }
  throw new Error(`"${text}" was not reached by ${key}; the stops were: ${stops.join(' | ')}`);
}

/** After a link is followed by keyboard: the new page's heading has the focus. */
async function expectFocusOnHeading(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await settled(page);
  const heading = (await focus(page)).text;
  if (typeof title === 'string') expect(heading).toBe(title);
  else expect(heading).toMatch(title);
}

describe('the case workspace', () => {
  it('heads the case with the person in her own script, its number, priority, crisis flag, who holds it, the agreement and the stage', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openCase(page, worker);
    const top = header(page);
    const own = top.getByText('Олена Коваленко', { exact: true });
    await expect(own.getAttribute('lang')).resolves.toBe('uk');
    await expect(top.getByRole('link', { name: 'Олена Коваленко' }).getAttribute('href')).resolves.toMatch(/^\/people\//);
    await top.getByText('Olena Kovalenko').waitFor();
    const facts = Object.fromEntries(
      await top
        .locator('dl > div')
        .evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent])),
    );
    expect(facts).toEqual({
      'Case number': caseNumber,
      Priority: 'Normal',
      'Responsible worker': 'Tora Workspace',
      'Team members': 'Arne Teammate and Ines Reader',
      Unit: unitName,
      'Service agreement': 'Awaiting signatures',
      Opened: expect.stringMatching(/\d/),
    });
    await top.getByText('Crisis flag').waitFor();

    // The stepper: an ordered list, the current stage marked as the current step, the others saying where they stand.
    const stepper = top.getByRole('list', { name: 'Stages of the case' });
    await expect(stepper.evaluate((el) => el.tagName)).resolves.toBe('OL');
    const steps = await stepper
      .getByRole('listitem')
      .evaluateAll((items) =>
        items.map((li) => [li.querySelector('.stepper__label')?.textContent, li.getAttribute('aria-current'), li.textContent]),
      );
    expect(steps.map(([label, current]) => [label, current])).toEqual([
      ['Intake', null],
      ['Assessment', null],
      ['Planning', null],
      ['Implementation', 'step'],
      ['Evaluation', null],
      ['Closed', null],
    ]);
    expect(steps[0]![2]).toContain('(done)');
    expect(steps[3]![2]).not.toContain('(');
    expect(steps[4]![2]).toContain('(not reached yet)');

    // The sections: ten links, the overview current; the parts still to come say so and are not links.
    const nav = sections(page);
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Overview',
      'Assessment',
      'Decisions',
      'Service plan',
      'Journal',
      'Contacts',
      'Crisis',
      'Safety plan',
      'Case summaries',
      'Partners',
      'Life story',
      'Success stories',
    ]);
    await expect.poll(() => currentSection(page)).toBe('Overview');
    for (const later of ['Evaluation']) {
      await expect(nav.getByRole('listitem').filter({ hasText: later }).textContent()).resolves.toBe(`${later}not available yet`);
    }

    // The overview opens with what she came with, the plan in force, the deadlines and what Tora may do.
    await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
    const came = page.getByRole('region', { name: 'What the person came with' });
    await came.getByText('Rent arrears; the landlord has given notice to leave by the end of the month').waitFor();
    await came.getByText('I am afraid my son and I will lose the flat before winter').waitFor();
    const plan = page.getByRole('region', { name: 'Service plan in force' });
    await plan.getByRole('heading', { name: 'Next steps' }).waitFor();
    await plan.getByText('Call the housing office together').waitFor();
    const deadlines = page.getByRole('region', { name: 'Open deadlines' }).getByRole('listitem');
    await expect(deadlines.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Overdue .* – step: Call the housing office together$/),
      expect.stringMatching(/^Due soon .* – step: Ask the bank for a statement$/),
      expect.stringMatching(/^Due soon .* – review of the service plan$/),
    ]);
    const actions = page.getByRole('region', { name: 'What you can do' }).getByRole('link');
    await expect(actions.allTextContents()).resolves.toEqual([
      'Continue the needs assessment',
      'Prepare a decision on services',
      'Record progress on the plan’s steps',
      'Fill in a questionnaire',
      'Move the case to another stage',
    ]);

    await expectAccessible(page, 'the case overview');
    await page.screenshot({ path: path.join(screenshots, 'case-workspace-1280.png'), fullPage: true });
    await expectFitsPhone(page, 'the case overview at 390 px');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'case-workspace-390.png'), fullPage: true });
    // The header and the overview's first panels, where a phone's screen shows them.
    const headerTop = await header(page).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    await page.screenshot({
      path: path.join(screenshots, 'case-workspace-390-header.png'),
      clip: { x: 0, y: headerTop, width: 390, height: 1400 },
      fullPage: true,
    });
    await expectAccessible(page, 'the case overview at 390 px');
    await context.close();
  });

  it('shows the same header on every page of the case, each section at its own address, fitting a phone', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);
    for (const [part, link, title] of [
      ['/assessments', 'Assessment', /^Assessments – case /],
      ['/decisions', 'Decisions', /^Decisions – case /],
      ['/plan', 'Service plan', /^Service plan – case /],
      ['/journal', 'Journal', /^Journal – case /],
      ['/contacts', 'Contacts', /^Contacts – case /],
      ['/summaries', 'Case summaries', /^Case summaries – case /],
      ['/life-story', 'Life story', /^Life story – case /],
      ['/success-stories', 'Success stories', /^Success stories – case /],
    ] as const) {
      await page.goto(`/cases/${caseId}${part}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await header(page).getByText('Олена Коваленко', { exact: true }).waitFor();
      await header(page).locator('[aria-current="step"]').getByText('Implementation').waitFor();
      await expect.poll(() => currentSection(page)).toBe(link);
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /Loading/ })
            .count(),
        )
        .toBe(0);
      await expectAccessible(page, `the case's ${link} page`);
      await expectFitsPhone(page, `the case's ${link} page at 390 px`);
      if (part === '/plan') await page.screenshot({ path: path.join(screenshots, 'case-workspace-plan-1280.png'), fullPage: false });
    }
    // A questionnaire being filled in belongs to the case too: the same header, no section current.
    await page.goto(`/cases/${caseId}/questionnaires/${responseId}`);
    await page.getByRole('heading', { level: 1, name: /^Questionnaire – case / }).waitFor();
    await header(page).getByText('Олена Коваленко', { exact: true }).waitFor();
    await expect(sections(page).locator('[aria-current="page"]').count()).resolves.toBe(0);
    await page
      .getByRole('status')
      .filter({ hasText: /Loading/ })
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await expectAccessible(page, 'a questionnaire of the case');
    await expectFitsPhone(page, 'a questionnaire of the case at 390 px');
    await context.close();
  });

  it('goes through the sections by keyboard alone: each link a tab stop, Enter opens it, the parts to come are skipped', async () => {
    const { context, page } = await openPage();
    await openCase(page, worker);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    // Tab from the top of the page to the sections' first link.
    let stops = 0;
    while ((await focused()) !== 'Overview' && stops++ < 40) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Overview');
    const inNav: string[] = ['Overview'];
    for (let i = 0; i < 11; i++) {
      await page.keyboard.press('Tab');
      inNav.push(await focused());
    }
    expect(inNav).toEqual([
      'Overview',
      'Assessment',
      'Decisions',
      'Service plan',
      'Journal',
      'Contacts',
      'Crisis',
      'Safety plan',
      'Case summaries',
      'Partners',
      'Life story',
      'Success stories',
    ]);
    // Past the last link the focus leaves the sections: "Evaluation", still to come, is no tab stop.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest('nav[aria-label="Parts of the case"]')))).resolves.toBe(false);

    const back = async (n: number) => {
      for (let i = 0; i < n; i++) await page.keyboard.press('Shift+Tab');
    };
    await back(11);
    expect(await focused()).toBe('Assessment');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Assessments – case / }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${caseId}/assessments`);
    // The new page's heading has the focus; the sections are just before it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect.poll(() => currentSection(page)).toBe('Assessment');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Success stories');
    await back(8);
    expect(await focused()).toBe('Service plan');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Service plan – case / }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await settled(page);
    await expect.poll(() => currentSection(page)).toBe('Service plan');
    await back(10);
    expect(await focused()).toBe('Decisions');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Decisions – case / }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await settled(page);
    await expect.poll(() => currentSection(page)).toBe('Decisions');
    await back(12);
    expect(await focused()).toBe('Overview');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Case ${caseNumber}` }).waitFor();
    await expect.poll(() => currentSection(page)).toBe('Overview');
    await context.close();
  });

  it('is worked by keyboard alone from the caseload: each stop shows its focus, each page starts at its heading, Escape closes the menus', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);
    // Home's sections load after it is shown; tabbing starts once none is still loading.
    await settled(page);

    // Home starts at its heading; the navigation is before it.
    await tabTo(page, 'My caseload', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, 'My caseload');
    await tabTo(page, caseNumber);
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, `Case ${caseNumber}`);
    await expect.poll(() => currentSection(page)).toBe('Overview');

    for (const [link, title, path] of [
      ['Assessment', /^Assessments – case /, '/assessments'],
      ['Decisions', /^Decisions – case /, '/decisions'],
      ['Service plan', /^Service plan – case /, '/plan'],
    ] as const) {
      // The sections come just before the heading: back to them, and on to the next one.
      await tabTo(page, 'Overview', 'Shift+Tab');
      await tabTo(page, link);
      await page.keyboard.press('Enter');
      await expectFocusOnHeading(page, title);
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${caseId}${path}`);
      await expect.poll(() => currentSection(page)).toBe(link);
    }

    // The account menu opens with Enter and closes with Escape, giving the focus back to its button.
    const accountMenu = page.getByRole('button', { name: /^Account menu/ });
    await tabTo(page, /^Account menu/, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(accountMenu.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByRole('link', { name: 'Account settings' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(accountMenu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(focus(page)).resolves.toMatchObject({ text: expect.stringMatching(/^Account menu/), shown: true });

    // On a phone the navigation hides behind "Menu": the same.
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await tabTo(page, 'Menu');
    await page.keyboard.press('Enter');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(focus(page)).resolves.toMatchObject({ text: 'Menu', shown: true });
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false);
    await context.close();
  });

  it('offers each reader the actions the server allows them, and a reader who may change nothing none', async () => {
    const sup = await openPage();
    await openCase(sup.page, supervisor);
    const offered = sup.page.getByRole('region', { name: 'What you can do' }).getByRole('link');
    await expect(offered.allTextContents()).resolves.toEqual([
      'End the crisis flag after the safety follow-up',
      'Continue the needs assessment',
      'Prepare a decision on services',
      'Record progress on the plan’s steps',
      'Fill in a questionnaire',
      'Move the case to another stage',
      'Give the case another responsible worker',
    ]);
    // An action on this page leads to its form.
    await offered.filter({ hasText: 'Give the case another responsible worker' }).click();
    await expect.poll(() => new URL(sup.page.url()).hash).toBe('#case-reassign');
    await sup.page.getByRole('region', { name: 'Reassign the case' }).getByLabel('New responsible worker').waitFor();
    await sup.context.close();

    const { context, page } = await openPage();
    await openCase(page, reader);
    const none = page.getByRole('region', { name: 'What you can do' });
    await none.getByText('You may read this case. Changes are made by those who work on it and by supervision.').waitFor();
    await expect(none.getByRole('link').count()).resolves.toBe(0);
    // Iris took the request, not Ines: the request's own page is not offered to her.
    await expect(page.getByRole('link', { name: /^Open request/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the case overview for a reader');
    await context.close();
  });
});
