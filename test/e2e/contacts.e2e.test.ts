import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let worker: CreatedStaff;
let caseId = '';
let caseNumber = '';
/** Today in the agency's time zone (the test agency's is UTC). */
const today = () => new Date().toISOString().slice(0, 10);

/** An invented person whose case the supervisor gives Halvard. */
beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Halvard Hjemmebesøk' });
  const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
  const s = new ApiClient(server().app);
  await s.signIn(supervisor.email, supervisor.password);
  const person = (await s.post('/persons', { givenName: 'Maren', familyName: 'Solberg', languages: ['nb'] })).json();
  const opened = await s.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
  caseNumber = opened.json().caseNumber;
});

describe('the contact schedule', () => {
  it('plans a home visit, shows it in Today and the week, holds it into a prefilled journal draft that the worker signs', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);

    // Planned from the case's Contacts section.
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1, name: /^Contacts – case / }).waitFor();
    await page.getByText('No contacts are planned.').waitFor();
    await page.getByRole('button', { name: 'Plan a contact' }).click();
    const form = page.getByRole('form', { name: 'Plan a contact' });
    await form.waitFor();
    await expect(form.getByLabel('Kind of contact').inputValue()).resolves.toBe('home_visit');
    await form.getByLabel('Time', { exact: true }).fill('10:30');
    await form.getByLabel('Duration in minutes').fill('45');
    await form.getByLabel('Address or room').fill('Fjellgata 3');
    await form.getByLabel('Purpose').fill('Go through the budget together');
    await expectAccessible(page, 'the contact form');
    await expectNoSidewaysScroll(page, 'the contact form');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'contacts-form-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByRole('button', { name: 'Plan the contact' }).click();
    await page.getByText('The contact is planned.').waitFor();
    const planned = page.getByRole('article').filter({ hasText: 'Go through the budget together' });
    await planned.getByRole('heading', { level: 3, name: /10:30 · Home visit$/ }).waitFor();
    await planned.getByText('Planned', { exact: true }).waitFor();
    await planned.getByText('45 minutes').waitFor();
    await planned.getByText('Home – Fjellgata 3').waitFor();
    await expectAccessible(page, 'the contacts of a case');
    await page.screenshot({ path: path.join(screenshots, 'contacts-planned.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the contacts of a case');

    // Today lists it, and the week shows it on its day.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    const todays = page.getByRole('region', { name: /^Contacts today/ });
    await todays.getByRole('link', { name: '10:30 Home visit' }).waitFor();
    await todays.getByText(`Case ${caseNumber}`).waitFor();
    await expectAccessible(page, 'Today with a contact');
    await page.screenshot({ path: path.join(screenshots, 'contacts-today.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My week' }).click();
    await page.getByRole('heading', { level: 1, name: 'My week' }).waitFor();
    await waitForLoaded(page);
    const day = page.getByRole('region').filter({ has: page.getByText('Today', { exact: true }) });
    await day.getByRole('link', { name: 'Home visit – Maren Solberg' }).waitFor();
    await day.getByText('10:30').waitFor();
    await expectAccessible(page, 'my week');
    await page.screenshot({ path: path.join(screenshots, 'contacts-week.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'my week');
    await page.getByRole('link', { name: 'Next week' }).click();
    await page.getByText('No contacts this week.').waitFor();
    await page.getByRole('link', { name: 'Previous week' }).click();
    await page.getByRole('link', { name: 'Home visit – Maren Solberg' }).click();

    // Held: the journal opens the draft, filled in from the contact.
    await page.getByRole('heading', { level: 1, name: /^Contacts – case / }).waitFor();
    await page
      .getByRole('article')
      .filter({ hasText: 'Go through the budget together' })
      .getByRole('button', { name: 'Held – write the note' })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Journal – case / }).waitFor();
    expect(new URL(page.url()).searchParams.get('entry')).toMatch(/^[0-9a-f-]{36}$/);
    const editor = page.getByRole('form', { name: 'Your draft' });
    await editor.waitFor();
    await editor.getByText('This note began when a planned contact was held.').waitFor();
    await expect(editor.getByLabel('Kind of entry').inputValue()).resolves.toBe('home_visit');
    await expect(editor.getByLabel('Date it happened').inputValue()).resolves.toBe(today());
    await expect(editor.getByLabel('Time', { exact: true }).inputValue()).resolves.toBe('10:30');
    await expect(editor.getByLabel('The person').isChecked()).resolves.toBe(true);
    await expect(editor.getByLabel('Halvard Hjemmebesøk').isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'the journal editor with the note of a held contact');
    await page.screenshot({ path: path.join(screenshots, 'contacts-held-note.png'), fullPage: true });
    const text = editor.getByRole('textbox', { name: 'What happened' });
    await text.click();
    await page.keyboard.type('Went through the budget with Maren at home. The electricity bill is paid.');
    await page.getByText(/^Draft saved /).waitFor();
    await page.getByRole('button', { name: 'Sign the entry' }).click();
    await page.getByText('The entry is signed.').waitFor();
    const signed = page.getByRole('article').filter({ hasText: 'Went through the budget with Maren at home.' });
    await signed.getByText(/^Signed by Halvard Hjemmebesøk/).waitFor();
    await expect(signed.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/10:30 · Home visit$/);
    expect(new URL(page.url()).searchParams.get('entry')).toBeNull();

    // The contact is recorded held, pointing at its note.
    await page.goto(`/cases/${caseId}/contacts`);
    const held = page.getByRole('region', { name: 'Held, missed and cancelled' }).getByRole('article');
    await held.getByText('Held', { exact: true }).waitFor();
    await held.getByRole('link', { name: 'Open the journal note' }).waitFor();
    await expect(held.getByRole('button').count()).resolves.toBe(0);
    await context.close();
  });

  it('records a no-show with its follow-up, which shows in Today', async () => {
    const w = new ApiClient(server().app);
    await w.signIn(worker.email, worker.password);
    const created = await w.post(`/cases/${caseId}/contacts`, {
      kind: 'office_meeting',
      plannedOn: today(),
      plannedTime: '14:00',
      placeKind: 'office',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}/contacts`);
    const meeting = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /14:00 · Meeting at the office$/ }) });
    await meeting.getByRole('button', { name: 'Did not come' }).click();
    const noShow = meeting.getByRole('form', { name: 'The person did not come' });
    await noShow.getByRole('button', { name: 'Record that they did not come' }).click();
    // The follow-up is required: the summary names it and leads to the field.
    await page
      .getByRole('alert')
      .getByRole('link', { name: /Follow-up/ })
      .waitFor();
    await noShow.getByLabel('Follow-up').fill('Phone Maren and agree a new time');
    await noShow.getByLabel('By when').fill(today());
    await expectAccessible(page, 'the no-show form');
    await expectNoSidewaysScroll(page, 'the no-show form');
    await noShow.getByRole('button', { name: 'Record that they did not come' }).click();
    await page.getByText(/^Recorded: the person did not come/).waitFor();
    const missed = page.getByRole('region', { name: 'Held, missed and cancelled' }).getByRole('article').filter({ hasText: 'Phone Maren' });
    await missed.getByText('Did not come', { exact: true }).waitFor();
    await page.goto('/today');
    const followUps = page.getByRole('region', { name: /^No-show follow-ups/ });
    await followUps.getByRole('link', { name: 'Phone Maren and agree a new time' }).click();
    await page.getByRole('heading', { level: 1, name: /^Contacts – case / }).waitFor();
    await page.getByRole('button', { name: 'Follow-up done' }).click();
    await page.getByText('The follow-up is recorded as done.').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'contacts-missed.png'), fullPage: true });
    await context.close();
  });

  it('gives the worker a calendar address on the account page that carries no names', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto('/account');
    const feed = page.getByRole('region', { name: 'Calendar feed' });
    await feed.getByText('Off', { exact: true }).waitFor();
    await feed.getByRole('button', { name: 'Make a calendar address' }).click();
    await feed.getByText('The calendar address is made.').waitFor();
    const url = ((await feed.locator('.calendar-feed__url').textContent()) ?? '').trim();
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expectAccessible(page, 'the account page with the calendar feed');
    await page.screenshot({ path: path.join(screenshots, 'contacts-calendar-feed.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the account page');
    const calendar = await fetch(new URL(new URL(url).pathname, server().baseUrl));
    expect(calendar.status).toBe(200);
    const body = await calendar.text();
    expect(body).toContain(`SUMMARY:Case ${caseNumber}`);
    for (const secret of ['Maren', 'Solberg', 'Fjellgata', 'budget', 'Halvard']) expect(body).not.toContain(secret);
    await feed.getByRole('button', { name: 'Switch the feed off' }).click();
    await feed.getByText('The calendar feed is off; its address no longer works.').waitFor();
    expect((await fetch(new URL(new URL(url).pathname, server().baseUrl))).status).toBe(404);
    await context.close();
  });
});
