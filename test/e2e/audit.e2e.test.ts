import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sealEverything } from '../support/sealing.ts';
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
    await expect(row.textContent()).resolves.toContain('Registered the person');
    await expect(row.textContent()).resolves.toContain('Case worker');
    await expectAccessible(page, 'access log with results');

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innsynslogg' }).waitFor();
    await expect(row.textContent()).resolves.toContain('Saksbehandler');
    await expect(row.textContent()).resolves.toContain('Registrerte personen');

    await context.close();
  });

  it('the chain check lists every broken event, by keyboard, readable at 390 px', async () => {
    const auditor = await server().createStaff({ roles: ['auditor'] });
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInFully(page, auditor.email, auditor.password);
    // The test server runs no sealer: the sign-in's events wait, unsealed, and the page says so.
    await page.goto('/audit/verify');
    await page.getByRole('button', { name: 'Check the audit chain' }).click();
    await page
      .getByRole('status')
      .getByText(/newer events are not sealed into the chain yet/)
      .waitFor();
    await expectAccessible(page, 'chain check with events not sealed yet');
    await sealEverything(server().db);
    const seqs = (
      await server().db.execute<{ seq: string }>(sql`SELECT seq::text AS seq FROM audit_events a ORDER BY a.chain_seq`)
    ).rows.map((r) => r.seq);
    const [changed, removed] = [seqs[0]!, seqs[seqs.length - 2]!];
    await server().db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_events SET action = 'person.erase' WHERE seq = ${changed}::bigint`);
      await tx.execute(sql`DELETE FROM audit_events WHERE seq = ${removed}::bigint`);
    });
    await page.goto('/audit/verify');
    const run = page.getByRole('button', { name: 'Check the audit chain' });
    await run.focus();
    await page.keyboard.press('Enter');
    const result = page.getByRole('status');
    await result.getByText('The audit chain is broken: 2 events do not fit.').waitFor();
    const items = await result.getByRole('listitem').allTextContents();
    expect(items).toEqual([
      `Event ${changed}: its content no longer matches its hash – the event was changed.`,
      `Event ${seqs[seqs.length - 1]}: its link to the event before it does not match – an event before it was removed, inserted or moved.`,
    ]);
    await expectAccessible(page, 'chain check with breaks');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await context.close();
  });
});
