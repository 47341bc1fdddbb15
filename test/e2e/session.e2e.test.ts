import { describe, expect, it } from 'vitest';
import { passSecondStep, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('sessions', () => {
  it('a page asked for before sign-in opens after it', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await page.goto('/admin/units');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await passSecondStep(page, admin.email);
    await page.getByRole('heading', { level: 1, name: 'Units' }).waitFor();
    await context.close();
  });

  it('when the session has ended, the next action leads to sign-in with an explanation', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await context.clearCookies();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Units' }).click();
    await page.getByText('Your session ended', { exact: false }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('a user without the role sees no administration and gets "no access" at its address', async () => {
    const worker = await server().createStaff({ roles: ['case_worker'] });
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).waitFor();
    if ((await page.getByRole('link', { name: 'Staff' }).count()) !== 0) throw new Error('Staff link shown to a case worker');
    await page.goto('/admin/staff');
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await context.close();
  });

  it('after repeated wrong passwords, says how long to wait before trying again', async () => {
    const worker = await server().createStaff({ roles: ['case_worker'] });
    const { context, page } = await openPage();
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill(worker.email);
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
      await summary.waitFor();
      if ((await summary.textContent())?.includes('Too many attempts')) break;
      await expect(summary.textContent()).resolves.toContain('The e-mail address or password is incorrect.');
    }
    await expect(summary.textContent()).resolves.toMatch(/Too many attempts\. Try again in \d+ seconds?\./);
    await context.close();
  });
});
