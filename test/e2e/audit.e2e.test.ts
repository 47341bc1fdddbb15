import { describe, expect, it } from 'vitest';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('audit', () => {
  it("an auditor sees who registered a person, and the page follows the reader's language", async () => {
    // A case worker registers a person (through the API, with the browser's session and CSRF token).
    const worker = await server().createStaff({ roles: ['case_worker'], displayName: 'Siri Olsen' });
    const workerBrowser = await openPage();
    await signInFully(workerBrowser.page, worker.email, worker.password);
    const session = (await (await workerBrowser.page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const created = await workerBrowser.page.request.post('/api/v1/persons', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { givenName: 'Testa', familyName: 'Fiktiv', birthDate: null },
    });
    expect(created.status()).toBe(201);
    const person = (await created.json()) as { id: string };
    await workerBrowser.context.close();

    const auditor = await server().createStaff({ roles: ['auditor'], displayName: 'Aud Auditor' });
    const { context, page } = await openPage();
    await signInFully(page, auditor.email, auditor.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access log' }).click();
    await page.getByLabel('Person identifier').fill(person.id);
    await page.getByRole('button', { name: 'Show access' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Siri Olsen' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Registered person');
    await expect(row.textContent()).resolves.toContain('Case worker');
    await expectAccessible(page, 'access log with results');

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innsynslogg' }).waitFor();
    await expect(row.textContent()).resolves.toContain('Saksbehandler');

    await context.close();
  });
});
