import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

let supervisor: CreatedStaff;
let caseNumber = '';
/** A request about the person, recorded through the API. */
let requestPath = '';

async function waitForLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading' }).count()).toBe(0);
}

/** In a panel of the person page: opens its form, searches for someone and chooses them. */
async function openAndChoose(panel: Locator, open: string, searchLabel: string, query: string, name: string): Promise<void> {
  await panel.getByRole('button', { name: open }).click();
  await panel.getByRole('searchbox', { name: searchLabel }).fill(query);
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('button', { name: `Choose ${name}` }).click();
}

beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Sara Supervisor' });
  const worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Wenche Worker' });
  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  const maria = await api.post('/persons', {
    givenName: 'Мария',
    familyName: 'Соколова',
    birthDate: '1987-03-14',
    languages: ['ru'],
    phones: ['+47 912 34 567'],
  });
  expect(maria.statusCode).toBe(201);
  // The same woman registered again later, in Latin letters (the worker then judged her someone else).
  const again = await api.post('/persons', {
    givenName: 'Maria',
    familyName: 'Sokolova',
    birthDate: '1987-03-14',
    confirmedDistinctFrom: [maria.json().id],
  });
  expect(again.statusCode).toBe(201);
  const mother = await api.post('/persons', { givenName: 'Ольга', familyName: 'Соколова', birthDate: '1961-08-02' });
  expect(mother.statusCode).toBe(201);
  const opened = await api.post('/cases', { personId: maria.json().id, unitId, responsibleStaffId: worker.id });
  expect(opened.statusCode).toBe(201);
  caseNumber = opened.json().caseNumber;
  const request = await api.post('/requests', { channel: 'phone', personId: maria.json().id, ownWords: 'Мне нужна помощь с жильём.' });
  expect(request.statusCode).toBe(201);
  requestPath = `/intake/${request.json().id}`;
});

describe('the person page', () => {
  it('a supervisor finds a person by a Cyrillic name fragment, edits the phone, links and unlinks a duplicate record and adds a relative', async () => {
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);

    // Search: a fragment of the family name in Cyrillic; the hit opens the person page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Name, birth date, case number, phone or national ID').fill('Соколов');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('table').getByRole('link', { name: 'Мария Соколова' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мария Соколова' }).waitFor();
    await waitForLoaded(page);

    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('Mar 14, 1987').waitFor();
    await details.getByText('Russian').waitFor();
    await page
      .getByRole('region', { name: 'Cases' })
      .getByRole('link', { name: `Case ${caseNumber}` })
      .waitFor();
    await expectAccessible(page, 'the person page');

    // Edit the phone number; the edit history shows the change.
    await details.getByRole('button', { name: 'Edit the details of Мария Соколова' }).click();
    await page.getByLabel('Phone numbers').fill('+47 400 00 001');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The details of Мария Соколова have been saved.').waitFor();
    await details.getByText('+47 400 00 001').waitFor();
    const history = page.getByRole('region', { name: 'Edit history' });
    await history.getByText('Saved by Sara Supervisor', { exact: false }).waitFor();
    const change = history.getByRole('table', { name: 'Version 2' }).getByRole('row', { name: /Phone numbers/ });
    await expect(change.getByRole('cell').allTextContents()).resolves.toEqual(['+47 912 34 567', '+47 400 00 001']);
    await history.getByText('Registered by Sara Supervisor', { exact: false }).waitFor();

    // Link the second record of the same person, with a reason.
    const links = page.getByRole('region', { name: 'Linked records' });
    await links.getByText('No linked records.').waitFor();
    await openAndChoose(links, 'Link a duplicate record', 'Find the other record of this person', 'Sokolova', 'Maria Sokolova');
    await links.getByRole('button', { name: 'Link the records' }).click();
    await links.getByRole('link', { name: 'Why are these the same person?: This field is required' }).waitFor();
    await links
      .getByLabel('Why are these the same person?')
      .fill('Same birth date and phone; the name was transliterated at the second registration.');
    await expectAccessible(page, 'linking a duplicate record');
    await links.getByRole('button', { name: 'Link the records' }).click();
    await page.getByText('The records have been linked.').waitFor();
    const linked = links.getByRole('listitem').filter({ hasText: 'Maria Sokolova' });
    await linked.getByText('Reason: Same birth date and phone; the name was transliterated at the second registration.').waitFor();
    await linked.getByText(/^Linked by Sara Supervisor on /).waitFor();

    // Unlink it again, with a reason; the link stays on record as removed.
    await linked.getByRole('button', { name: 'Unlink Maria Sokolova' }).click();
    await links.getByLabel('Reason for unlinking').fill('Linked by mistake: the birth certificate shows two different people.');
    await links.getByRole('button', { name: 'Unlink', exact: true }).click();
    await page.getByText('The link to Maria Sokolova has been removed.').waitFor();
    await links.getByRole('heading', { name: 'Removed links' }).waitFor();
    await links.getByText(/^Unlinked by Sara Supervisor on /).waitFor();
    await links.getByText('Linked by mistake: the birth certificate shows two different people.').waitFor();
    await links.getByText('No linked records.').waitFor();

    // Add a relative found among registered people – with the keyboard only.
    const relations = page.getByRole('region', { name: 'Relatives and household' });
    await relations.getByText('None (full legal capacity).').waitFor();
    await relations.getByRole('button', { name: 'Add a relative or household member' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('Ольга');
    await page.keyboard.press('Enter');
    await relations.getByRole('button', { name: 'Choose Ольга Соколова' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('relation-relationship');
    await page.keyboard.type('мать');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(relations.getByLabel('Lives in the same household').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Ольга Соколова has been added.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add a relative or household member');
    await relations
      .getByRole('listitem')
      .filter({ hasText: 'мать, lives in the same household' })
      .getByRole('link', { name: 'Ольга Соколова' })
      .waitFor();
    await expectAccessible(page, 'the person page after the changes');

    // The relative has a page of their own.
    await relations.getByRole('link', { name: 'Ольга Соколова' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ольга Соколова' }).waitFor();
    await context.close();
  });

  it("a request's person opens the person page", async () => {
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.goto(requestPath);
    await page.getByRole('heading', { level: 1, name: /^Request / }).waitFor();
    await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: 'Мария Соколова' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мария Соколова' }).waitFor();
    await context.close();
  });

  it("a save that comes after someone else's offers to reload the latest version", async () => {
    const api = new ApiClient(server().app);
    await api.signIn(supervisor.email, supervisor.password);
    const ivan = (await api.post('/persons', { givenName: 'Иван', familyName: 'Петров', phones: ['+47 411 11 111'] })).json();
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.goto(`/people/${ivan.id}`);
    await page.getByRole('button', { name: 'Edit the details of Иван Петров' }).click();
    await page.getByLabel('Phone numbers').fill('+47 433 33 333');
    expect((await api.patch(`/persons/${ivan.id}`, { phones: ['+47 422 22 222'], version: ivan.version })).statusCode).toBe(200);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Someone else saved changes after you opened this/).waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Phone numbers').inputValue()).toBe('+47 422 22 222');
    await context.close();
  });
});
