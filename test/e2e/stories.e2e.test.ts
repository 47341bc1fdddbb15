import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let personId = '';
let caseId = '';

/** Ольга Иванова, who reads Russian, with her brother Пётр; her case is Svetlana's, in the supervisor Sigrid's unit. */
beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Svetlana Saksbehandler' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Sigrid Leder' });
  const s = new ApiClient(server().app);
  await s.signIn(supervisor.email, supervisor.password);
  const person = (await s.post('/persons', { givenName: 'Ольга', familyName: 'Иванова', languages: ['ru'], city: 'Мурманск' })).json();
  personId = person.id;
  const brother = (await s.post('/persons', { givenName: 'Пётр', familyName: 'Иванов' })).json();
  await s.post(`/persons/${personId}/relations`, { relatedPersonId: brother.id, relationship: 'brother' });
  const opened = await s.post('/cases', { personId, unitId, responsibleStaffId: worker.id });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
});

describe('the life story', () => {
  it('is written with the person in Russian, kept as a version, confirmed, and printed in Russian', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/people/${personId}`);
    await page.getByRole('link', { name: 'Open the life story' }).click();
    await page.getByRole('heading', { level: 1, name: 'Life story – Ольга Иванова' }).waitFor();
    // Written in her first language, with each question also in Russian to read with her.
    await expect(page.getByLabel('Written in').inputValue()).resolves.toBe('ru');
    await page.locator('p[lang="ru"]', { hasText: 'Где вы родились и где выросли?' }).waitFor();

    await page.getByRole('textbox', { name: 'Where I come from and how I grew up' }).click();
    await page.keyboard.type('Я выросла в Мурманске, у моря.');
    await page.getByRole('textbox', { name: 'What I value' }).click();
    await page.keyboard.type('Семья и честность.');
    await page.getByText(/^Draft saved /).waitFor();
    await expectAccessible(page, 'the life story being written');
    await page.screenshot({ path: path.join(screenshots, 'life-story-writing.png'), fullPage: true });

    // Kept by keyboard: from the note to the button, Enter.
    await page.getByLabel('What this version adds (optional)').fill('Первая беседа');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Keep as version 1');
    await page.keyboard.press('Enter');
    await page.getByText('Version 1 is kept.').waitFor();
    const version = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Version 1' }) });
    await version.getByText('Not yet confirmed by the person').waitFor();

    await version.getByRole('button', { name: "Record the person's confirmation" }).focus();
    await page.keyboard.press('Enter');
    await version.getByLabel('How').selectOption({ label: 'we read it through together' });
    await version.getByRole('button', { name: 'Record the confirmation' }).click();
    await page.getByText("The person's confirmation is recorded.").waitFor();
    await version.getByText('Confirmed', { exact: true }).waitFor();
    await version.getByText(/^Confirmed by the person on .*: we read it through together$/).waitFor();
    await version.getByRole('button', { name: 'Read version 1' }).click();
    await version.getByText('Я выросла в Мурманске, у моря.').waitFor();
    await expectAccessible(page, 'the life story with a confirmed version');
    await page.screenshot({ path: path.join(screenshots, 'life-story-versions.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the life story');

    const [printed] = await Promise.all([context.waitForEvent('page'), version.getByRole('link', { name: /^Print version 1/ }).click()]);
    await printed.waitForLoadState();
    await expect(printed.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await printed.getByRole('heading', { level: 1, name: 'История жизни' }).waitFor();
    await expect(printed.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual([
      'Откуда я родом и как прошло моё детство',
      'Что для меня ценно',
    ]);
    const words = (await printed.locator('body').textContent()) ?? '';
    expect(words).toContain('Ольга Иванова (Olga Ivanova)');
    expect(words).toMatch(/Подтверждено .*: прочитали вместе/);
    // Nothing on the page falls back to English.
    expect(words).not.toMatch(/Life story|Where I come from|What I value|Told by|Version|Confirmed|Kept/);
    await printed.screenshot({ path: path.join(screenshots, 'life-story-print-ru.png'), fullPage: true });
    await context.close();
  });

  it('is a part of the case for those who work on it', async () => {
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Life story' }).click();
    await page.getByRole('heading', { level: 1, name: /^Life story – case / }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Version 1' }).waitFor();
    await expectAccessible(page, 'the life story as a part of the case');
    await context.close();
  });
});

describe('a success story', () => {
  it('is written, consented to, anonymised, approved by the supervisor and then used', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Success stories' }).click();
    await page.getByRole('heading', { level: 1, name: /^Success stories – case / }).waitFor();
    await page.getByText('No success story has been written for this case.').waitFor();

    await page.getByRole('button', { name: 'Write a success story' }).click();
    const form = page.getByRole('form', { name: 'Write a success story' });
    await form.getByLabel('Title').fill('Ольга нашла работу');
    await form.getByLabel('Written in').selectOption('ru');
    await form.getByRole('textbox', { name: 'The story' }).click();
    await page.keyboard.type('Ольга Иванова пришла к нам 14 марта 2027 г. из Мурманска. Её брат Пётр помог с переездом.');
    await form.getByRole('button', { name: 'Save the story' }).click();
    await page.getByText('The success story is saved.').waitFor();
    const story = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Ольга нашла работу' }) });

    // Her consent to publishing, recorded; publishing still waits for an approved anonymised copy.
    await story.getByRole('button', { name: 'Record consent or its withdrawal' }).click();
    await story.getByLabel('Use', { exact: true }).selectOption({ label: 'Published' });
    await story.getByRole('button', { name: 'Record the consent' }).click();
    await story.getByText('Recorded.').waitFor();
    const consents = story.getByRole('region', { name: "The person's consent" });
    await consents
      .getByRole('listitem')
      .filter({ hasText: /^Published/ })
      .getByText('Consent given')
      .waitFor();
    const uses = story.getByRole('region', { name: 'Uses' });
    await uses
      .getByRole('listitem')
      .filter({ hasText: /^Published/ })
      .getByText('Missing: the anonymised copy is not approved')
      .waitFor();

    await story.getByRole('button', { name: 'Make the anonymised copy' }).click();
    await story.getByText('The anonymised copy is made.').waitFor();
    const copy = story.getByRole('region', { name: 'Anonymised copy' });
    await copy.getByText('[имя] пришла к нам март 2027 г. из [место]. Её брат [родственник] помог с переездом.').waitFor();
    await copy.getByText('Waiting for review').waitFor();
    await expect(copy.getByRole('button', { name: 'Approve the copy' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'a success story with its anonymised copy');
    await page.screenshot({ path: path.join(screenshots, 'success-story-copy.png'), fullPage: true });
    await context.close();

    // The supervisor, who did not write it, reads the copy and approves it.
    const review = await openPage();
    await review.page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(review.page, supervisor.email, supervisor.password);
    await review.page.goto(`/cases/${caseId}/success-stories`);
    const reviewed = review.page.getByRole('region', { name: 'Anonymised copy' });
    await reviewed.getByRole('button', { name: 'Approve the copy' }).click();
    await review.page.getByText('The anonymised copy is approved.').waitFor();
    await reviewed.getByText(/^Approved by Sigrid Leder/).waitFor();

    const usesNow = review.page.getByRole('region', { name: 'Uses' });
    await usesNow
      .getByRole('listitem')
      .filter({ hasText: /^Published/ })
      .getByText('Allowed')
      .waitFor();
    await usesNow.getByLabel('Where or how it is used').fill('Annual report 2027');
    await usesNow.getByRole('button', { name: 'Record the use' }).click();
    await review.page.getByText('The use is recorded.').waitFor();
    await usesNow.getByText(/^Published: Annual report 2027/).waitFor();
    await expectAccessible(review.page, 'a success story approved and used');
    await review.page.screenshot({ path: path.join(screenshots, 'success-story-approved.png'), fullPage: true });
    await expectNoSidewaysScroll(review.page, 'the success stories');
    await review.context.close();
  });
});
