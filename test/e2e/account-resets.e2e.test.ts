import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { expectAccessible, expectNoSidewaysScroll, passSecondStep, signIn, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

async function openStaffMember(page: Page, name: string): Promise<void> {
  await page.goto('/admin/staff');
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  await page.getByRole('region', { name: `Edit staff member: ${name}` }).waitFor();
}

describe('password and two-step verification resets', () => {
  it('an administrator resets a password: the temporary password is shown once to copy, and the staff member must replace it after the code', async () => {
    const admin = await server().createStaff({ roles: ['administrator'], displayName: 'Ada Administrator' });
    const worker = await server().createStaff({ roles: ['case_worker'], displayName: 'Wilma Worker' });
    await signedInClient(server().app, worker); // she has signed in before, so she has a second factor

    const { context, page } = await openPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInFully(page, admin.email, admin.password);
    await openStaffMember(page, 'Wilma Worker');
    const panel = page.getByRole('region', { name: 'Reset password' });
    await panel.getByRole('button', { name: 'Reset password' }).click();
    // The question takes focus; the keyboard confirms.
    await panel.getByText('Reset the password of Wilma Worker? They will be signed out everywhere.').waitFor();
    await expectAccessible(page, 'the reset question');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Yes, reset the password');
    await page.keyboard.press('Enter');

    await panel.getByText('The password of Wilma Worker has been reset.').waitFor();
    const temporary = (await page.locator('#temporary-password').textContent()) ?? '';
    expect(temporary).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    await panel.getByText('It is shown only now, works once and expires', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Copy the temporary password' }).click();
    await panel.getByText('The temporary password has been copied.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(temporary);
    await expectAccessible(page, 'the temporary password');
    await expectNoSidewaysScroll(page, 'the temporary password');
    // Shown once: it is gone when the page is opened again.
    await openStaffMember(page, 'Wilma Worker');
    await expect(page.locator('#temporary-password').count()).resolves.toBe(0);
    await context.close();

    const own = await openPage();
    const p = own.page;
    await signIn(p, worker.email, temporary);
    await p.getByRole('heading', { level: 1, name: 'Enter your verification code' }).waitFor();
    await passSecondStep(p, worker.email);
    await p.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expectAccessible(p, 'choosing a new password');
    await expectNoSidewaysScroll(p, 'choosing a new password');
    await p.getByLabel('New password', { exact: true }).fill(temporary);
    await p.getByLabel('New password again').fill(temporary);
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await p.locator('.field__error').filter({ hasText: 'Choose a password of your own, not the temporary one.' }).waitFor();
    await p.getByLabel('New password', { exact: true }).fill('a tern above the fjord');
    await p.getByLabel('New password again').fill('a tern above the fjord');
    await p.getByLabel('New password again').press('Enter');
    await p.getByRole('heading', { level: 1, name: 'Welcome, Wilma Worker' }).waitFor();

    await p.getByRole('link', { name: /^Alerts/ }).click();
    await p.getByText('An administrator reset your password').waitFor();
    await p.getByRole('link', { name: 'Open your account settings' }).click();
    const resets = p.getByRole('region', { name: 'Resets by others' });
    await resets.getByText(/^Your password was reset by Ada Administrator on .+\.$/).waitFor();
    await expectAccessible(p, 'account settings after a reset');
    await own.context.close();
  });

  it('a second-factor reset takes two people: an administrator asks with a reason, the agency head approves, and the staff member sets it up again', async () => {
    const admin = await server().createStaff({ roles: ['administrator'], displayName: 'Aino Administrator' });
    const head = await server().createStaff({ roles: ['agency_head'], displayName: 'Hedda Head' });
    const worker = await server().createStaff({ roles: ['case_worker'], displayName: 'Wenche Worker' });
    const colleague = await server().createStaff({ roles: ['case_worker'], displayName: 'Knut Colleague' });
    await signedInClient(server().app, worker);
    await signedInClient(server().app, colleague);

    const adminBrowser = await openPage();
    const a = adminBrowser.page;
    await signInFully(a, admin.email, admin.password);
    await openStaffMember(a, 'Wenche Worker');
    const ask = a.getByRole('region', { name: 'Reset the two-step verification of Wenche Worker' });
    await ask.getByRole('button', { name: 'Ask for the reset' }).click();
    await expect(ask.getByLabel('Reason').getAttribute('aria-invalid')).resolves.toBe('true');
    await ask.getByLabel('Reason').fill('Phone lost on the ferry to the islands');
    await ask.getByRole('button', { name: 'Ask for the reset' }).click();
    await ask.getByText('The request for Wenche Worker is waiting for a second person to approve it.').waitFor();
    await expectAccessible(a, 'asking for a second-factor reset');

    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Two-step verification resets' }).click();
    const mine = a.getByRole('listitem').filter({ hasText: 'Two-step verification of Wenche Worker' });
    await mine.getByText('You asked for this reset. Another administrator or the agency head must approve it.').waitFor();
    await expect(mine.getByRole('button', { name: /^Approve/ }).count()).resolves.toBe(0);

    const headBrowser = await openPage();
    const h = headBrowser.page;
    await signInFully(h, head.email, head.password);
    await h.getByRole('link', { name: 'Alerts (1 unread)' }).click();
    await h.getByText('A two-step verification reset is waiting for your decision').waitFor();
    await h.getByRole('link', { name: 'Open the reset requests' }).click();
    await h.getByRole('heading', { level: 1, name: 'Two-step verification resets' }).waitFor();
    const request = h.getByRole('listitem').filter({ hasText: 'Two-step verification of Wenche Worker' });
    await request.getByText('Phone lost on the ferry to the islands').waitFor();
    await request.getByText(/^Requested by Aino Administrator on /).waitFor();
    await expectAccessible(h, 'the reset requests');
    await expectNoSidewaysScroll(h, 'the reset requests');
    await request.getByRole('button', { name: 'Approve the reset Wenche Worker' }).focus();
    await h.keyboard.press('Enter');
    await h.getByText('The two-step verification of Wenche Worker has been removed.', { exact: false }).waitFor();
    await h.getByText('No reset is waiting for a decision.').waitFor();

    // The agency head asks for a colleague's reset from the same page; the administrator declines it.
    await h.getByLabel('Name or e-mail address').fill('Knut');
    await h.getByRole('search', { name: 'Find the staff member' }).getByRole('button', { name: 'Search' }).click();
    await h.getByRole('button', { name: 'Ask for a reset for Knut Colleague' }).click();
    const askForKnut = h.getByRole('region', { name: 'Reset the two-step verification of Knut Colleague' });
    await askForKnut.getByLabel('Reason').fill('Authenticator app deleted by mistake');
    await askForKnut.getByRole('button', { name: 'Ask for the reset' }).click();
    await askForKnut.getByText('The request for Knut Colleague is waiting for a second person to approve it.').waitFor();
    await expectAccessible(h, 'asking for a reset from the requests page');
    await headBrowser.context.close();

    await a.reload();
    const knut = a.getByRole('listitem').filter({ hasText: 'Two-step verification of Knut Colleague' });
    await knut.getByRole('button', { name: 'Decline Knut Colleague' }).click();
    await a.getByText('The request for Knut Colleague has been closed; nothing was changed.').waitFor();
    await adminBrowser.context.close();

    const own = await openPage();
    const w = own.page;
    await signIn(w, worker.email, worker.password);
    await w.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    await passSecondStep(w, worker.email);
    await w.getByRole('heading', { level: 1, name: 'Welcome, Wenche Worker' }).waitFor();
    await w.getByRole('link', { name: /^Alerts/ }).click();
    await w.getByText('Your two-step verification was reset').waitFor();
    await w.goto('/account');
    await w
      .getByRole('region', { name: 'Resets by others' })
      .getByText(/^Your two-step verification was reset on .+, approved by Hedda Head\.$/)
      .waitFor();
    await own.context.close();
  });

  it('the reset requests keep their place with a skeleton while they load, never a bare "Loading…", and none waiting says what to do next', async () => {
    // An agency of its own, so no request of another test is waiting.
    const created = await server().db.execute<{ id: number }>(
      sql`INSERT INTO agency (name, case_number_prefix) VALUES ('Skerry Point Services', 'SKP') RETURNING id`,
    );
    const admin = await server().createStaff({ roles: ['administrator'], agencyId: created.rows[0]!.id });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/mfa-reset-requests', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Two-step verification resets' }).click();
    const pending = page.getByRole('region', { name: 'Waiting for a decision' });
    const skeleton = pending.locator('.skeleton[aria-busy="true"]');
    await skeleton.waitFor();
    await expect(skeleton.locator('.skeleton__line').count()).resolves.toBeGreaterThan(0);
    // "Loading…" only for screen readers, inside the skeleton: no bare loading text on the page.
    await expect(skeleton.locator('.visually-hidden').textContent()).resolves.toBe('Loading…');
    const bare = await page.evaluate(
      () =>
        [...document.querySelectorAll('main *')].filter(
          (el) =>
            el.closest('.skeleton') === null && [...el.childNodes].some((n) => n.nodeType === 3 && /Loading/.test(n.textContent ?? '')),
        ).length,
    );
    expect(bare, 'loading text outside a skeleton').toBe(0);
    await expectAccessible(page, 'the reset requests while they load');

    release();
    const empty = pending.locator('.empty-list');
    await empty.getByText('No reset is waiting for a decision.').waitFor();
    await empty.getByText('find them under "Ask for a reset" below', { exact: false }).waitFor();
    await expect(skeleton.count()).resolves.toBe(0);
    await expectAccessible(page, 'no reset requests');
    await expectNoSidewaysScroll(page, 'no reset requests');
    await context.close();
  });

  it('the agency settings warn while some role need not use two-step verification', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/agency');
    await page.getByRole('button', { name: /^Sign-in and security/ }).click();
    const roles = page.getByRole('group', { name: 'Roles that must use two-step verification' });
    await roles.getByLabel('Partner provider').waitFor();
    for (const box of await roles.getByRole('checkbox').all()) await expect(box.isChecked()).resolves.toBe(true);
    const warning = page.getByText('Warning: not every role must use two-step verification');
    await expect(warning.count()).resolves.toBe(0);

    await roles.getByLabel('Partner provider').press('Space');
    await warning.waitFor();
    await page.getByText('Not required for: Partner provider.', { exact: false }).waitFor();
    await expectAccessible(page, 'agency settings with a relaxed role');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The agency settings have been saved.').waitFor();
    await page.reload();
    // The summary at the top says so, and the group of sign-in settings warns once opened.
    await page.getByRole('region', { name: 'Current settings' }).getByText('Not required for: Partner provider').waitFor();
    await page.getByRole('button', { name: /^Sign-in and security/ }).click();
    await warning.waitFor();
    await context.close();
  });
});
