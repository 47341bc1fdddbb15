import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, pdfText, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const today = () => new Date().toISOString().slice(0, 10);

/** Adds a line to a list of the safety plan and types it. */
async function addLine(page: Page, section: string, text: string) {
  const group = page.getByRole('group', { name: new RegExp(`^\\d\\. ${section}`) });
  await group.getByRole('button', { name: 'Add a line' }).click();
  await group.getByRole('textbox').last().fill(text);
}

describe('from a home visit to a safety plan', () => {
  it('a planned home visit is held, its note signed and corrected, a crisis opened from it reaches the head, and the safety plan prints in Russian', async () => {
    const unitId = await firstUnitId(server().db);
    const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
    const worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Tora Tilsyn' });
    const head = await server().createStaff({ roles: ['agency_head'], displayName: 'Hedda Head' });
    const sup = new ApiClient(server().app);
    await sup.signIn(supervisor.email, supervisor.password);
    const person = (await sup.post('/persons', { givenName: 'Нина', familyName: 'Визитова', languages: ['ru'] })).json();
    const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
    const w = new ApiClient(server().app);
    await w.signIn(worker.email, worker.password);
    const planned = await w.post(`/cases/${theCase.id}/contacts`, {
      kind: 'home_visit',
      plannedOn: today(),
      plannedTime: '09:15',
      placeKind: 'home',
      purpose: 'See how Nina is managing after the move',
    });
    expect(planned.statusCode, planned.body).toBe(201);

    // The visit is held: its note begins as a draft filled in from the contact, and is signed.
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${theCase.id}/contacts`);
    await page
      .getByRole('article')
      .filter({ hasText: 'See how Nina is managing after the move' })
      .getByRole('button', { name: 'Held – write the note' })
      .click();
    const editor = page.getByRole('form', { name: 'Your draft' });
    await editor.getByText('This note began when a planned contact was held.').waitFor();
    await editor.getByRole('textbox', { name: 'What happened' }).click();
    await page.keyboard.type('Visited Nina at home. She says she cannot go on and has saved up her pills.');
    await page.getByText(/^Draft saved /).waitFor();
    await page.getByRole('button', { name: 'Sign the entry' }).click();
    await page.getByText('The entry is signed.').waitFor();

    // Corrected: the original stays, struck through, and points at its correction.
    const original = page.getByRole('article').filter({ hasText: 'Visited Nina at home.' });
    await original.getByRole('button', { name: 'Correct' }).click();
    await original.getByLabel('Why is it corrected?').fill('She had saved up pills for a week, not a month');
    await original.getByRole('button', { name: 'Start the correction' }).click();
    await page.getByRole('heading', { level: 2, name: 'Correct an entry' }).waitFor();
    await page.getByRole('textbox', { name: 'What happened' }).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Visited Nina at home after the move. She says she cannot go on; she has kept a week of pills.');
    await page.getByText(/^Draft saved /).waitFor();
    await page.getByRole('button', { name: 'Sign the entry' }).click();
    await page.getByText('The entry is signed.').waitFor();
    const struck = page.getByRole('article').filter({ hasText: 'has saved up her pills' });
    await struck.getByText('Corrected', { exact: true }).waitFor();
    await expect(struck.locator('del').count()).resolves.toBeGreaterThan(0);
    const correction = page.getByRole('article').filter({ hasText: 'she has kept a week of pills' });

    // A crisis opened from the correction begins with its words; the agency head is told at once.
    await correction.getByRole('link', { name: 'Open a crisis' }).click();
    await page.getByRole('heading', { level: 2, name: 'Open a crisis' }).waitFor();
    await expect.poll(() => page.getByLabel('What happened').inputValue()).toContain('she has kept a week of pills');
    await page.getByLabel('What was done at once').fill('Stayed with her; the pills were handed to the pharmacy');
    await page.getByLabel('Who was informed').fill('Her GP');
    await expectAccessible(page, 'a crisis opened from a journal note');
    await page.getByRole('button', { name: 'Open the crisis' }).click();
    await page.getByText('The crisis is open. The agency head has been told.').waitFor();
    await context.close();

    const asHead = await openPage();
    await signInFully(asHead.page, head.email, head.password);
    await asHead.page.goto('/alerts');
    const alert = asHead.page.getByRole('listitem').filter({ hasText: 'A crisis was opened on a case' });
    await alert.getByText(`Case ${theCase.caseNumber} – Нина Визитова`).waitFor();
    await alert.getByRole('link', { name: 'Go to the crisis' }).click();
    await asHead.page.getByText('she has kept a week of pills').waitFor();

    // The safety plan, written with her in Russian, signed, and printed.
    const p = asHead.page;
    await p.getByRole('link', { name: 'The safety plan' }).click();
    await p.getByRole('button', { name: 'Start the safety plan' }).click();
    await p.getByText('A draft of the safety plan is started.').waitFor();
    await addLine(p, 'Signs that things are getting hard for me', 'Я перестаю выходить из дома');
    await addLine(p, 'What I can do on my own to feel calmer', 'Звонить сестре');
    const distractions = p.getByRole('group', { name: /^3\. / });
    await distractions.getByRole('button', { name: 'Add a line' }).click();
    await distractions.getByLabel('Who or where (1)').fill('Библиотека');
    const helpers = p.getByRole('group', { name: /^4\. / });
    await helpers.getByRole('button', { name: 'Add a line' }).click();
    await helpers.getByLabel('Who or where (1)').fill('Сестра Ольга');
    await helpers.getByLabel('Phone number (1)').fill('+47 913 45 678');
    const professionals = p.getByRole('group', { name: /^5\. / });
    await professionals.getByRole('button', { name: 'Add a line' }).click();
    await professionals.getByLabel('Who or where (1)').fill('Телефон доверия');
    await professionals.getByLabel('Phone number (1)').fill('116 123');
    await addLine(p, 'Making my surroundings safe', 'Таблетки хранятся в аптеке');
    await p.getByLabel(/^7\. /).fill('Мой сын');
    await p.getByRole('button', { name: 'Save the plan' }).click();
    await p.getByText('The safety plan is saved.').waitFor();
    await p.getByText('Every part that is needed is filled in: the person can sign.').waitFor();
    await p.getByLabel('How it was signed').selectOption({ label: 'On the printed page' });
    await p.getByRole('button', { name: 'Record the signature' }).click();
    await p.getByText('The signature is recorded. This version is now in force.').waitFor();
    const [printed] = await Promise.all([
      p.context().waitForEvent('page'),
      p.getByRole('link', { name: /^Print the safety plan/ }).click(),
    ]);
    await printed.waitForLoadState();
    await printed.getByRole('heading', { level: 1, name: 'Мой план безопасности' }).waitFor();
    const pdf = await pdfText(await printed.pdf({ format: 'A4', printBackground: true }));
    for (const russian of ['Мой план безопасности', 'Признаки того, что мне становится тяжело', 'Телефон доверия', '116 123', 'Мой сын'])
      expect(pdf).toContain(russian);
    for (const english of ['Safety plan', 'Signs that', 'Phone']) expect(pdf).not.toContain(english);
    await asHead.context.close();
  });
});
