import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  heading,
  inViewport,
  passSecondStep,
  signIn,
  signInFully,
  withBrowserAndServer,
} from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function pressTabUntil(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 12 && (await focusedId(page)) !== id; i++) await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe(id);
}

async function installationAgencyName(): Promise<string> {
  const result = await server().db.execute<{ name: string }>(sql`SELECT name FROM agency WHERE id = 1`);
  return result.rows[0]!.name;
}

describe('the agencies page', () => {
  it('a platform administrator creates an agency by keyboard, its administrator signs in with the temporary password, and the agency is switched off', async () => {
    const platform = await server().createStaff({ roles: ['platform_administrator', 'administrator'], displayName: 'Petra Platform' });
    const { context, page } = await openPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInFully(page, platform.email, platform.password);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agencies', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
    const list = page.getByRole('region', { name: 'Agencies of this installation' });
    const own = await installationAgencyName();
    await list.getByRole('rowheader', { name: own }).waitFor();
    // The installation's own agency cannot be switched off, so it offers no switch.
    await list.getByText("The installation's own agency: always on").waitFor();
    await expect(list.getByRole('button', { name: /^Switch off/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the agencies list');

    // Keyboard only, from the agency's name to the administrator's e-mail address.
    const create = page.getByRole('region', { name: 'New agency' });
    await create.getByLabel('Agency name').focus();
    await page.keyboard.type('Mooncliff Family Services');
    await page.keyboard.press('Tab');
    await page.keyboard.type('moon');
    await expect(create.getByLabel('Case number prefix').inputValue()).resolves.toBe('MOON');
    await pressTabUntil(page, 'agency-new-languages-nb');
    await page.keyboard.press('Space');
    await pressTabUntil(page, 'agency-new-administrator-displayName');
    await page.keyboard.type('Una Uplands');
    await page.keyboard.press('Tab');
    // An address another account has: the server's refusal is shown at the field.
    await page.keyboard.type(platform.email);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await expect(create.getByLabel("Administrator's e-mail address").getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#agency-new-administrator-email-error').count()).resolves.toBe(1);
    await expectAccessible(page, 'the new-agency form with an error');
    await page.getByRole('alert').getByRole('link').first().press('Enter');
    expect(await focusedId(page)).toBe('agency-new-administrator-email');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('una.uplands@example.org');
    await page.keyboard.press('Enter');

    // The temporary password, once, with its expiry, a copy button and how to pass it on.
    await create.getByText('The agency Mooncliff Family Services has been created.', { exact: false }).waitFor();
    const temporary = (await page.locator('#agency-temporary-password').textContent()) ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await create.getByText('It is shown only now, works once and expires', { exact: false }).waitFor();
    await create.getByRole('button', { name: 'Copy the temporary password' }).click();
    await create.getByText('The temporary password has been copied.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(temporary);
    const row = list.getByRole('row', { name: /Mooncliff Family Services/ });
    await row.getByText('MOON', { exact: true }).waitFor();
    await row.getByText('English and Norsk bokmål').waitFor();
    await expectAccessible(page, 'the temporary password of the new agency');
    await expectNoSidewaysScroll(page, 'the agencies page');
    await page.screenshot({ path: 'test-results/e2e/agencies-created.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/e2e/agencies-390.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The new agency's administrator signs in with it and must choose their own password.
    const theirs = await openPage();
    await signIn(theirs.page, 'una.uplands@example.org', temporary);
    await theirs.page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await theirs.page.getByLabel('New password', { exact: true }).fill('a heron over the mooncliff');
    await theirs.page.getByLabel('New password again').fill('a heron over the mooncliff');
    await theirs.page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => heading(theirs.page)).not.toBe('Choose a new password');
    await passSecondStep(theirs.page, 'una.uplands@example.org');
    await theirs.page.getByRole('heading', { level: 1, name: 'Welcome, Una Uplands' }).waitFor();

    // Switched off after a confirmation that says what happens; the keyboard confirms.
    await page.reload();
    await row.getByRole('button', { name: 'Switch off Mooncliff Family Services' }).click();
    const confirmation = page.getByRole('region', { name: 'Switch off Mooncliff Family Services?' });
    await confirmation
      .getByText(
        'Mooncliff Family Services has 1 active staff member. They are signed out at once and cannot sign in until the agency is switched on again.',
      )
      .waitFor();
    await expectAccessible(page, 'the switch-off confirmation');
    await expectNoSidewaysScroll(page, 'the switch-off confirmation');
    await page.screenshot({ path: 'test-results/e2e/agencies-switch-off.png', fullPage: true });
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Yes, switch it off');
    await page.keyboard.press('Enter');
    // Said beside the agency's row, in view, where focus is now that the confirmation has closed.
    const said = row
      .getByRole('status')
      .filter({ hasText: 'Mooncliff Family Services has been switched off. Its staff have been signed out.' });
    await said.waitFor();
    await expect(inViewport(page, said), 'said beside the row, in view').resolves.toBe(true);
    await expect(said.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await row.getByText('Switched off', { exact: true }).waitFor();
    await expectAccessible(page, 'the agencies after switching one off');

    // Its administrator's session has ended, and they cannot sign in again.
    await theirs.page.reload();
    await expect.poll(() => new URL(theirs.page.url()).pathname).toBe('/login');
    expect((await new ApiClient(server().app).signIn('una.uplands@example.org', 'a heron over the mooncliff')).statusCode).toBe(401);
    await theirs.context.close();
    await context.close();
  });

  it('shows a conflict when someone else switched the agency meanwhile, and reloads the list', async () => {
    const platform = await server().createStaff({ roles: ['platform_administrator'], displayName: 'Pavel Platform' });
    const { context, page } = await openPage();
    await signInFully(page, platform.email, platform.password);
    const api = await signedInClient(server().app, platform);
    const created = await api.post('/platform/agencies', {
      name: 'Starling Bay Outreach',
      caseNumberPrefix: 'STAR',
      administrator: { email: 'sven.starling@example.org', displayName: 'Sven Starling' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { agency } = created.json();

    await page.goto('/platform/agencies');
    await page.getByRole('button', { name: 'Switch off Starling Bay Outreach' }).click();
    // Meanwhile another platform administrator switches it off.
    expect((await api.patch(`/platform/agencies/${agency.id}`, { active: false, version: agency.version })).statusCode).toBe(200);
    await page.getByRole('button', { name: 'Yes, switch it off' }).click();
    await page.getByText('Someone else saved changes after you opened this.', { exact: false }).waitFor();
    await expectAccessible(page, 'the conflict');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('button', { name: 'Switch on Starling Bay Outreach' }).waitFor();
    await context.close();
  });

  it('is not offered to an agency administrator', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agencies' }).count()).resolves.toBe(0);
    await page.goto('/platform/agencies');
    await expect(page.getByRole('heading', { level: 1, name: 'Agencies' }).count()).resolves.toBe(0);
    await context.close();
  });
});
