import { describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { expectAccessible, nextTotpCode, signIn, signInFully, totpCode, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('two-step verification', () => {
  it('where the agency does not require it, a user turns it on in account settings, signs out, and signs in again with a code', async () => {
    const admin = await signedInClient(server().app, await server().createStaff({ roles: ['administrator'] }));
    const { version, mfaRequiredRoles, ...agency } = (await admin.get('/agency')).json();
    const relaxed = mfaRequiredRoles.filter((role: string) => role !== 'case_worker');
    expect((await admin.put('/agency', { ...agency, mfaRequiredRoles: relaxed, version })).statusCode).toBe(200);
    const user = await server().createStaff({ roles: ['case_worker'], displayName: 'Cai Caseworker' });
    const { context, page } = await openPage();
    await signInFully(page, user.email, user.password);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('link', { name: 'Account settings' }).click();
    const mfa = page.getByRole('region', { name: 'Two-step verification' });
    await mfa.getByText('Two-step verification is off.', { exact: false }).waitFor();
    await mfa.getByLabel('Current password').fill(user.password);
    await mfa.getByRole('button', { name: 'Set up two-step verification' }).click();

    await mfa.getByRole('img', { name: 'QR code for adding Tillit to your authenticator app' }).waitFor();
    const secret = ((await page.locator('#mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await expectAccessible(page, 'account settings during MFA enrolment');

    // A wrong code is refused, with the message next to the field.
    await mfa.getByLabel('Verification code').fill('000000' === totpCode(secret) ? '111111' : '000000');
    await mfa.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await mfa.locator('.field__error').filter({ hasText: 'The code is wrong' }).waitFor();
    await expect(mfa.getByLabel('Verification code').getAttribute('aria-invalid')).resolves.toBe('true');

    await mfa.getByLabel('Verification code').fill(totpCode(secret));
    await mfa.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await mfa.getByText('Two-step verification is now on.').waitFor();
    await mfa.getByText('Two-step verification is on.', { exact: false }).waitFor();

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();

    await signIn(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: 'Enter your verification code' }).waitFor();
    await expectAccessible(page, 'the verification code step');
    await page.getByLabel('Verification code').fill(nextTotpCode(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Cai Caseworker' }).waitFor();

    await context.close();
  });

  it('staff whose role requires it set it up while signing in', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const auditor = await server().createStaff({ roles: ['auditor'], displayName: 'Aud Auditor' });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/agency');
    await page.getByRole('button', { name: /^Sign-in and security/ }).click();
    await page.getByLabel('Auditor').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The agency settings have been saved.').waitFor();
    await context.close();

    const auditorBrowser = await openPage();
    const p = auditorBrowser.page;
    await signIn(p, auditor.email, auditor.password);
    await p.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    await p.getByRole('button', { name: 'Show the setup code' }).click();
    const secret = ((await p.locator('#mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    await expectAccessible(p, 'MFA enrolment at sign-in');
    await p.getByLabel('Verification code').fill(totpCode(secret));
    await p.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await p.getByRole('heading', { level: 1, name: 'Welcome, Aud Auditor' }).waitFor();

    // The auditor's pages, and no administration.
    const nav = p.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Agency' }).count()).resolves.toBe(0);
    await nav.getByRole('link', { name: 'Chain check' }).click();
    await p.getByRole('button', { name: 'Check the audit chain' }).click();
    await p.getByText('The audit chain is intact.', { exact: false }).waitFor();
    await expectAccessible(p, 'chain check');

    await nav.getByRole('link', { name: 'Access log' }).click();
    await p.getByLabel('Person identifier').fill('not-a-uuid');
    await p.getByRole('button', { name: 'Show access' }).click();
    await p.locator('.field__error').filter({ hasText: 'Enter an identifier' }).waitFor();
    await p.getByLabel('Person identifier').fill('3f2b8c1e-9d4a-4c2e-8f6b-1a2b3c4d5e6f');
    await p.getByRole('button', { name: 'Show access' }).click();
    await p.getByText("Nobody has accessed this person's records.").waitFor();
    await expectAccessible(p, 'access log');

    // Switching it off is refused while the role requires it.
    await p.goto('/account');
    const mfa = p.getByRole('region', { name: 'Two-step verification' });
    await mfa.getByLabel('Current password').fill(auditor.password);
    await mfa.getByRole('button', { name: 'Turn off two-step verification' }).click();
    await mfa.getByText('Your role requires two-step verification, so it cannot be turned off.').waitFor();

    await auditorBrowser.context.close();
  });
});
