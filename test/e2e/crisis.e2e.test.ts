import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import type { CreatedStaff } from '../support/server.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let worker: CreatedStaff;
let head: CreatedStaff;
let theCase: { id: string; caseNumber: string };

async function arrange() {
  const unitId = await firstUnitId(server().db);
  const supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siv Supervisor' });
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Вера Работникова' });
  head = await server().createStaff({ roles: ['agency_head'], displayName: 'Halvard Head' });
  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  const person = (await api.post('/persons', { givenName: 'Ольга', familyName: 'Кризисова', languages: ['ru'] })).json();
  theCase = (await api.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
}

/** Adds a line to a list of the safety plan and types it. */
async function addLine(page: Page, section: string, text: string) {
  const group = page.getByRole('group', { name: new RegExp(`^\\d\\. ${section}`) });
  await group.getByRole('button', { name: 'Add a line' }).click();
  await group.getByRole('textbox').last().fill(text);
}

describe('crisis intervention', () => {
  it('a crisis opened by hand reaches the agency head, and the safety plan is printed in Russian', async () => {
    await arrange();
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${theCase.id}`);
    await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Crisis' }).click();
    await page.getByRole('heading', { level: 2, name: 'Open a crisis' }).waitFor();
    await waitForLoaded(page);

    // Nothing written: the error summary names the field and links to it; the keyboard sends the form.
    await page.getByRole('button', { name: 'Open the crisis' }).focus();
    await page.keyboard.press('Enter');
    const summaryLink = page.getByRole('alert').getByRole('link', { name: /^What happened/ });
    await summaryLink.waitFor();
    await expectAccessible(page, 'the crisis form with its error summary');
    await summaryLink.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toContain('whatHappened');
    await page.keyboard.type('Rang the duty phone: said she had pills ready and could not go on');
    await page.getByLabel('What was done at once').fill('Stayed on the line; her neighbour went over');
    await page.getByLabel('Who was informed').fill('Her neighbour Tove');
    await page.getByRole('button', { name: 'Open the crisis' }).click();
    await page.getByText('The crisis is open. The agency head has been told.').waitFor();
    await page.getByRole('link', { name: /^Crisis open since/ }).waitFor();
    await expect(page.getByText('in Tillit: 1; by e-mail: 0').count()).resolves.toBe(1);

    // The support sought, with when.
    await page.getByLabel('Support', { exact: true }).selectOption({ label: 'Emergency services' });
    await page.getByLabel('Whom').fill('Ambulance 113');
    await page.getByRole('button', { name: 'Record the support' }).click();
    await page.getByText('The support sought is recorded.').waitFor();
    await page.getByRole('cell', { name: 'Emergency services' }).waitFor();
    await expectAccessible(page, 'an open crisis with its support sought');
    await expectNoSidewaysScroll(page, 'an open crisis');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'crisis-open.png'), fullPage: true });
    await context.close();

    // The agency head sees the alert at once and reaches the crisis from it.
    const asHead = await openPage();
    await signInFully(asHead.page, head.email, head.password);
    await asHead.page.goto('/alerts');
    const alert = asHead.page.getByRole('listitem').filter({ hasText: 'A crisis was opened on a case' });
    await alert.getByText(`Case ${theCase.caseNumber} – Ольга Кризисова`).waitFor();
    await expectAccessible(asHead.page, 'the agency head’s alerts');
    await alert.getByRole('link', { name: 'Go to the crisis' }).click();
    await asHead.page.getByRole('heading', { level: 2, name: /^Open crisis/ }).waitFor();
    await asHead.page.getByText('Rang the duty phone: said she had pills ready and could not go on').waitFor();
    await asHead.page.getByRole('heading', { level: 3, name: 'Close the crisis' }).waitFor();

    // The safety plan, written with her in Russian.
    await asHead.page.getByRole('link', { name: 'The safety plan' }).click();
    const page2 = asHead.page;
    await page2.getByRole('button', { name: 'Start the safety plan' }).click();
    await page2.getByText('A draft of the safety plan is started.').waitFor();
    await expect(page2.getByLabel('Language of the plan').inputValue()).resolves.toBe('ru');
    await addLine(page2, 'Signs that things are getting hard for me', 'Я перестаю отвечать на звонки');
    await addLine(page2, 'What I can do on my own to feel calmer', 'Гулять у реки');
    const distractions = page2.getByRole('group', { name: /^3\. / });
    await distractions.getByRole('button', { name: 'Add a line' }).click();
    await distractions.getByLabel('Who or where (1)').fill('Кафе при библиотеке');
    const helpers = page2.getByRole('group', { name: /^4\. / });
    await helpers.getByRole('button', { name: 'Add a line' }).click();
    await helpers.getByLabel('Who or where (1)').fill('Соседка Туве');
    await helpers.getByLabel('Phone number (1)').fill('+47 912 34 567');
    const professionals = page2.getByRole('group', { name: /^5\. / });
    await professionals.getByRole('button', { name: 'Add a line' }).click();
    await professionals.getByLabel('Who or where (1)').fill('Телефон доверия');
    await professionals.getByLabel('Phone number (1)').fill('116 123');
    await addLine(page2, 'Making my surroundings safe', 'Соседка хранит таблетки у себя');
    await page2.getByLabel(/^7\. /).fill('Моя дочь');
    await expectAccessible(page2, 'the safety plan being written');
    await expectNoSidewaysScroll(page2, 'the safety plan being written');
    await page2.setViewportSize({ width: 390, height: 844 });
    await page2.screenshot({ path: path.join(screenshots, 'safety-plan-editor-390.png'), fullPage: true });
    await page2.setViewportSize({ width: 1280, height: 900 });
    await page2.getByRole('button', { name: 'Save the plan' }).click();
    await page2.getByText('The safety plan is saved.').waitFor();
    await page2.getByText('Every part that is needed is filled in: the person can sign.').waitFor();
    await page2.getByLabel('How it was signed').selectOption({ label: 'On the printed page' });
    await page2.getByRole('button', { name: 'Record the signature' }).click();
    await page2.getByText('The signature is recorded. This version is now in force.').waitFor();
    await page2.getByRole('heading', { level: 2, name: /^Safety plan in force, version 1/ }).waitFor();

    // Its printable page, in Russian throughout.
    const [printed] = await Promise.all([
      page2.context().waitForEvent('page'),
      page2.getByRole('link', { name: /^Print the safety plan/ }).click(),
    ]);
    await printed.waitForLoadState();
    await printed.getByRole('heading', { level: 1, name: 'Мой план безопасности' }).waitFor();
    const headings = await printed.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.map((h) => h.replace(/^\d+\s+/, ''))).toEqual([
      'Признаки того, что мне становится тяжело',
      'Что я могу сделать самостоятельно, чтобы успокоиться',
      'Люди и места, которые помогают мне отвлечься',
      'Люди, к которым я могу обратиться за помощью',
      'Специалисты и службы, куда я могу обратиться',
      'Как сделать моё окружение безопасным',
      'Самое важное для меня – то, ради чего стоит жить',
    ]);
    await expect(printed.locator('html').getAttribute('lang')).resolves.toBe('ru');
    const text = (await printed.locator('body').textContent()) ?? '';
    expect(text).toContain('Телефон доверия');
    expect(text).toContain('116 123');
    expect(text).toContain('(на бумаге)');
    for (const english of ['Signs that', 'Safety plan', 'My safety plan', 'Phone', 'Signed', 'Worker', 'Date'])
      expect(text).not.toContain(english);
    await printed.screenshot({ path: path.join(screenshots, 'safety-plan-ru.png'), fullPage: true });
    await asHead.context.close();
  });
});
