import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectNoSidewaysScroll, inViewport, signIn, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

async function openFromNavigation(page: Page, link: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Opens groups of the agency settings, which start closed. */
async function openSettingGroups(page: Page, ...groups: string[]): Promise<void> {
  for (const group of groups) await page.getByRole('button', { name: new RegExp(`^${group}`), expanded: false }).click();
}

/** The "saved" message in the row headed `name`: it must be there, in view, and hold focus (the edit form has closed). */
async function expectSavedBesideRow(page: Page, name: string, text: string): Promise<void> {
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const said = row.getByRole('status').filter({ hasText: text });
  await said.waitFor();
  await expect(inViewport(page, said), `"${text}" beside the row, in view`).resolves.toBe(true);
  await expect(
    said.evaluate((element) => element === document.activeElement),
    'focus on the message',
  ).resolves.toBe(true);
}

async function waitForList(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading' }).count()).toBe(0);
}

describe('administration', () => {
  it('an administrator signs in, opens every administration page, and adds a unit and a staff member', async () => {
    const admin = await server().createStaff({ roles: ['administrator'], displayName: 'Ada Administrator' });
    const { context, page } = await openPage();

    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'the sign-in page');

    await signInFully(page, admin.email, admin.password);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Welcome, Ada Administrator');
    await page.getByText('Your role: Administrator.').waitFor();
    await expectAccessible(page, 'home');

    // The auditor's pages are not offered to an administrator.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access log' }).count()).resolves.toBe(0);

    await openFromNavigation(page, 'Agency', 'Agency settings');
    await page.getByRole('heading', { level: 2, name: 'Current settings' }).waitFor();
    await expectAccessible(page, 'agency settings');
    await openSettingGroups(page, 'The agency', 'Services and catchment area', 'Intake rules', 'Casework');
    await page.getByLabel('Agency name').fill('Harbour Town Family Services');
    await page.getByLabel('Address', { exact: true }).fill('Bryggen 2\n5003 Harbour Town');
    await page.getByLabel('Phone', { exact: true }).fill('+47 55 00 00 00');
    await page.getByLabel('E-mail', { exact: true }).fill('post@harbour-town.example');
    await page.getByRole('button', { name: 'Add a service category' }).click();
    await page.getByLabel('Service category 1').fill('Housing support');
    await page.getByLabel('Highest age served').fill('17');
    await page.getByLabel('Lowest age served').fill('18');
    await page.getByLabel('First response to an urgent request within (hours)').fill('12');
    await page.getByRole('group', { name: 'Roles that may sign decisions on services' }).getByLabel('Case worker').check();
    await page.getByLabel('Time zone').selectOption('Europe/Oslo');
    await page.getByRole('button', { name: 'Save' }).click();
    // The age limits contradict each other: the message sits at the highest age.
    await expect(page.getByLabel('Highest age served').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Highest age served').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The agency settings have been saved.').waitFor();
    await page.reload();
    await openSettingGroups(page, 'Intake rules', 'Casework', 'The agency');
    await expect(page.getByLabel('First response to an urgent request within (hours)').inputValue()).resolves.toBe('12');
    await expect(page.getByLabel('Lowest age served').inputValue()).resolves.toBe('18');
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Oslo');
    await expect(page.getByLabel('Phone', { exact: true }).inputValue()).resolves.toBe('+47 55 00 00 00');
    await expect(page.getByLabel('Address', { exact: true }).inputValue()).resolves.toBe('Bryggen 2\n5003 Harbour Town');
    await expect(
      page.getByRole('group', { name: 'Roles that may sign decisions on services' }).getByLabel('Case worker').isChecked(),
    ).resolves.toBe(true);

    await openFromNavigation(page, 'Units', 'Units');
    await waitForList(page);
    await expectAccessible(page, 'units');
    const createUnit = page.getByRole('region', { name: 'Add a unit' });
    await createUnit.getByLabel('Name').fill('Outreach team');
    await createUnit.getByLabel('Description').fill('Street outreach in the harbour district');
    await createUnit.getByRole('button', { name: 'Add unit' }).click();
    await page.getByText('The unit Outreach team has been added.').waitFor();
    await expect(
      inViewport(page, page.getByText('The unit Outreach team has been added.')),
      'said beside the form that added it',
    ).resolves.toBe(true);
    await page.getByRole('rowheader', { name: 'Outreach team' }).waitFor();

    await page.getByRole('button', { name: 'Edit Outreach team' }).click();
    const editUnit = page.getByRole('region', { name: 'Edit unit: Outreach team' });
    await editUnit.getByLabel('Name').fill('Outreach and first contact');
    await editUnit.getByRole('button', { name: 'Save' }).click();
    await expectSavedBesideRow(page, 'Outreach and first contact', 'The unit Outreach and first contact has been saved.');
    // The message said at the add form has given way: the page says one thing at a time.
    await expect(page.getByText('The unit Outreach team has been added.').count()).resolves.toBe(0);
    await expectAccessible(page, 'units after saving an edit');

    await openFromNavigation(page, 'Staff', 'Staff');
    await waitForList(page);
    await expectAccessible(page, 'staff');
    const createStaff = page.getByRole('region', { name: 'Add a staff member' });
    await createStaff.getByRole('button', { name: 'Add staff member' }).click();
    // Nothing filled in: each field says what is missing, and the summary lists them.
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await expect(createStaff.getByLabel('E-mail address').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'staff with form errors');

    await createStaff.getByLabel('E-mail address').fill('bo.caseworker@example.org');
    await createStaff.getByLabel('Name', { exact: true }).fill('Bo Caseworker');
    await createStaff.getByLabel('Case worker').check();
    await createStaff.getByLabel('Unit', { exact: true }).selectOption({ label: 'Outreach and first contact' });
    await createStaff.getByLabel('Initial password').fill('a lighthouse keeps watch');
    await createStaff.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByText('Bo Caseworker has been added.').waitFor();
    await expect(inViewport(page, page.getByText('Bo Caseworker has been added.')), 'said beside the form that added it').resolves.toBe(
      true,
    );
    await page.getByRole('rowheader', { name: 'Bo Caseworker' }).waitFor();

    // An edit on a phone: the message is beside the row's card, in view.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Edit Bo Caseworker' }).click();
    const editStaff = page.getByRole('region', { name: 'Edit staff member: Bo Caseworker' });
    await editStaff.getByLabel('Name', { exact: true }).fill('Bo Caseworker-Lie');
    await editStaff.getByRole('button', { name: 'Save' }).click();
    await expectSavedBesideRow(page, 'Bo Caseworker-Lie', 'Bo Caseworker-Lie has been saved.');
    await page.screenshot({ path: path.join(screenshots, 'admin-staff-saved-390.png') });
    await expectAccessible(page, 'staff after saving an edit');
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByLabel('Name or e-mail address').fill('bo.case');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);

    await openFromNavigation(page, 'Partner organisations', 'Partner organisations');
    await waitForList(page);
    await expectAccessible(page, 'partner organisations');
    const createPartner = page.getByRole('region', { name: 'Add a partner organisation' });
    await createPartner.getByLabel('Name', { exact: true }).fill('Harbour Street Shelter');
    await createPartner.getByLabel('Contact person').fill('Rune Strandli');
    await createPartner.getByLabel('Phone').fill('+47 55 00 12 34');
    await createPartner.getByLabel('E-mail').fill('night-shelter.intake-coordination@harbour-street-shelter.example.org');
    await createPartner.getByLabel('Address').fill('Havnegata 12\n5003 Harbour Town');
    await createPartner.getByRole('button', { name: 'Add a service' }).click();
    await createPartner.getByLabel('Service 1').fill('emergency shelter');
    await createPartner.getByRole('button', { name: 'Add a service' }).click();
    await createPartner.getByLabel('Service 2').fill('meals');
    await createPartner.getByRole('button', { name: 'Add a region' }).click();
    await createPartner.getByLabel('Region 1').fill('Harbour district');
    await createPartner.getByRole('group', { name: 'What kind of organisation it is' }).getByLabel('housing services').check();
    await createPartner.getByRole('button', { name: 'Add partner organisation' }).click();
    await page.getByText('Harbour Street Shelter has been added.').waitFor();
    await expect(
      inViewport(page, page.getByText('Harbour Street Shelter has been added.')),
      'said beside the form that added it',
    ).resolves.toBe(true);
    const partnerRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Harbour Street Shelter' }) });
    await partnerRow.getByText('emergency shelter, meals').waitFor();
    await partnerRow.getByText('Rune Strandli').waitFor();

    await page.getByRole('button', { name: 'Edit Harbour Street Shelter' }).click();
    const editPartner = page.getByRole('region', { name: 'Edit Harbour Street Shelter' });
    await expect(editPartner.getByLabel('Service 2').inputValue()).resolves.toBe('meals');
    // A consent naming housing services as its recipients covers the shelter: it is that kind.
    await expect(editPartner.getByLabel('housing services').isChecked()).resolves.toBe(true);
    await editPartner.getByLabel('Phone').fill('+47 55 99 88 77');
    await editPartner.getByRole('button', { name: 'Add a region' }).click();
    await editPartner.getByLabel('Region 2').fill('Old town');
    await expectAccessible(page, 'editing a partner organisation');
    await editPartner.getByRole('button', { name: 'Save' }).click();
    await expectSavedBesideRow(page, 'Harbour Street Shelter', 'Harbour Street Shelter has been saved.');
    await partnerRow.getByText('+47 55 99 88 77').waitFor();
    await partnerRow.getByText('Harbour district, Old town').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'admin-partners-1280.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'partner organisations');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'admin-partners-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('link', { name: 'Account settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account settings' }).waitFor();
    await expectAccessible(page, 'account settings');

    await context.close();

    // The new staff member signs in with the initial password and is made to choose one of their own.
    const newcomer = await openPage();
    await signIn(newcomer.page, 'bo.caseworker@example.org', 'a lighthouse keeps watch');
    await newcomer.page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await newcomer.context.close();
  });

  it('wraps a long staff e-mail address only at its parts, on a phone and on a desktop', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const email = 'margaretha.johansson-lindqvist@harbour-town-family-services.example.org';
    await server().createStaff({ roles: ['case_worker'], email, displayName: 'Margaretha Johansson-Lindqvist' });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/admin/staff');
      await waitForList(page);
      const cell = page.getByRole('cell', { name: email });
      await cell.waitFor();
      // Where each line of the address starts: only at "@", at ".", after "-" – never inside a word.
      const lineStarts = await cell.evaluate((element) => {
        const text = element.textContent ?? '';
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const chars: { char: string; top: number }[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < (node.textContent ?? '').length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            chars.push({ char: node.textContent![i]!, top: range.getBoundingClientRect().top });
          }
        }
        const starts: string[] = [];
        chars.forEach((c, i) => {
          if (i > 0 && c.top > chars[i - 1]!.top + 2) starts.push(`${chars[i - 1]!.char}|${c.char}`);
        });
        return { text, starts };
      });
      expect(lineStarts.text.trim()).toContain(email);
      for (const start of lineStarts.starts) expect(start, `a line break at ${width} px`).toMatch(/^.\|[@.]$|^-\|.$/);
      await page.screenshot({ path: path.join(screenshots, `admin-staff-email-${width}.png`), fullPage: true });
    }
    await expectNoSidewaysScroll(page, 'staff with a long e-mail address');
    await context.close();
  });

  it('says so when someone else saved the agency settings first, and reloads them', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const first = await openPage();
    const second = await openPage();
    for (const { page } of [first, second]) {
      await signInFully(page, admin.email, admin.password);
      await page.goto('/admin/agency');
      await openSettingGroups(page, 'The agency');
    }
    await first.page.getByLabel('Agency name').fill('Saved first');
    await first.page.getByRole('button', { name: 'Save' }).click();
    await first.page.getByText('The agency settings have been saved.').waitFor();

    await second.page.getByLabel('Agency name').fill('Saved second');
    await second.page.getByRole('button', { name: 'Save' }).click();
    await second.page.getByText('Someone else saved changes after you opened this.', { exact: false }).waitFor();
    await second.page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => second.page.getByLabel('Agency name').inputValue()).toBe('Saved first');

    await first.context.close();
    await second.context.close();
  });
});
