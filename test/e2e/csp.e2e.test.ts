import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

/** Collects Content-Security-Policy violations: the console's reports and the DOM's events. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|unsafe-eval/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

describe('the Content-Security-Policy', () => {
  it('is never violated on the sign-in page, the public form and signed-in pages', async () => {
    const worker = await server().createStaff({ roles: ['case_worker', 'auditor'] });
    const { context, page } = await openPage();
    const violations = await watchCsp(page);
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // a form validated with the shared zod contracts, on the client
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await page.goto('/request');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await signInFully(page, worker.email, worker.password);
    for (const path of ['/account', '/search', '/intake/new', '/audit/verify']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
    }
    await page.getByRole('button', { name: 'Check the audit chain' }).click();
    await page.getByText(/The audit chain is intact/).waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });
});
