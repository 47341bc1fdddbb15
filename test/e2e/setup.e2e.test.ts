import { describe, expect, it } from 'vitest';
import { AuthService } from '../../src/areas/auth/auth.service.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('first-run setup', () => {
  it('the setup link creates the first administrator, who then signs in', async () => {
    const token = await new AuthService(server().db).issueSetupToken();
    expect(token).toBeTruthy();
    const { context, page } = await openPage();
    await page.goto(`/setup?token=${encodeURIComponent(token!)}`);
    await page.getByRole('heading', { level: 1, name: 'Set up Tillit' }).waitFor();
    await expectAccessible(page, 'setup');

    await page.getByLabel('E-mail address').fill('first.admin@example.org');
    await page.getByLabel('Your name').fill('Åse Ødegård');
    // an easy-to-guess password is refused, and the page says why
    await page.getByLabel('Password', { exact: true }).fill('aaaaaaaaaaaaaaa');
    await page.getByLabel('Password again').fill('aaaaaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page
      .locator('.field__error')
      .filter({ hasText: 'This password is too easy to guess. Repeated characters like "aaa" are easy to guess.' })
      .waitFor();
    await expectAccessible(page, 'setup with a weak password');

    await page.getByLabel('Password', { exact: true }).fill('tide pools at dawn');
    await page.getByLabel('Password again').fill('tide pools at dusk');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.locator('.field__error').filter({ hasText: 'The passwords do not match' }).waitFor();
    await expectAccessible(page, 'setup with an error');

    await page.getByLabel('Password again').fill('tide pools at dawn');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('Tillit is set up. Sign in with the account you just created.').waitFor();
    await signInFully(page, 'first.admin@example.org', 'tide pools at dawn');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Åse Ødegård' }).waitFor();

    // The link works once.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`/setup?token=${encodeURIComponent(token!)}`);
    await page.getByLabel('E-mail address').fill('second.admin@example.org');
    await page.getByLabel('Your name').fill('Second');
    await page.getByLabel('Password', { exact: true }).fill('tide pools at dawn');
    await page.getByLabel('Password again').fill('tide pools at dawn');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /setup link is invalid|already set up/ })
      .waitFor();
    await context.close();
  });
});
