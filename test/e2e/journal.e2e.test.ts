import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, pdfText, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let worker: CreatedStaff;
let teammate: CreatedStaff;
let caseId = '';

/** An invented person whose case the supervisor gives Jorunn, with Peder on the team. */
beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Jorunn Journal' });
  teammate = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Peder Team' });
  const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
  const w = new ApiClient(server().app);
  await w.signIn(supervisor.email, supervisor.password);
  const person = (await w.post('/persons', { givenName: 'Ragna', familyName: 'Lindqvist', languages: ['sv'] })).json();
  const opened = await w.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id, teamStaffIds: [teammate.id] });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
});

describe('the social journal', () => {
  it('keeps what is typed as a draft only its author sees, signs it, and corrects it with the original struck through', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}/journal`);
    await page.getByRole('heading', { level: 1, name: /^Journal – case / }).waitFor();
    await page.getByText('The journal has no entries yet.').waitFor();

    await page.getByRole('button', { name: 'Write an entry' }).click();
    const editor = page.getByRole('form', { name: 'New entry' });
    await editor.waitFor();
    await editor.getByLabel('Kind of entry').selectOption({ label: 'Home visit' });
    await editor.getByLabel('Time').fill('14:30');
    const text = editor.getByRole('textbox', { name: 'What happened' });
    await text.click();
    await page.keyboard.type('Visited Ragna at home. ');
    await page.getByRole('button', { name: 'Bold' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('The rent is paid');
    await page.getByText(/^Draft saved /).waitFor();
    await editor.getByLabel('Attach files').setInputFiles({ name: 'Справка о доходах.pdf', mimeType: 'application/pdf', buffer: pdf });
    await editor.getByRole('button', { name: 'Remove Справка о доходах.pdf' }).waitFor();
    await expectAccessible(page, 'the journal with the entry form open');
    await page.screenshot({ path: path.join(screenshots, 'journal-editor.png'), fullPage: true });

    // Nothing typed is lost: the page read again shows the draft, marked as the worker's alone.
    await page.reload();
    const draft = page.getByRole('article').filter({ hasText: 'Visited Ragna at home.' });
    await draft.getByText('Draft – only you see it').waitFor();
    await expect(draft.locator('strong').textContent()).resolves.toBe('The rent is paid');
    await draft.getByRole('button', { name: 'Continue writing' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your draft' }).waitFor();
    await page.getByRole('button', { name: 'Sign the entry' }).click();
    await page.getByText('The entry is signed.').waitFor();
    const signed = page.getByRole('article').filter({ hasText: 'Visited Ragna at home.' });
    await signed.getByText(/^Signed by Jorunn Journal/).waitFor();
    await expect(signed.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/14:30 · Home visit$/);
    await expect(signed.getByRole('link', { name: 'Справка о доходах.pdf' }).getAttribute('href')).resolves.toMatch(
      /^\/api\/v1\/journal-attachments\//,
    );

    // A correction: the reason first, then the copy to change; the original stays, struck through.
    await signed.getByRole('button', { name: 'Correct' }).click();
    await signed.getByLabel('Why is it corrected?').fill('The visit was at the day centre, not at home');
    await signed.getByRole('button', { name: 'Start the correction' }).click();
    await page.getByRole('heading', { level: 2, name: 'Correct an entry' }).waitFor();
    const correctionText = page.getByRole('textbox', { name: 'What happened' });
    await correctionText.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Met Ragna at the day centre. The rent is paid.');
    await page.getByText(/^Draft saved /).waitFor();
    await page.getByRole('button', { name: 'Sign the entry' }).click();
    await page.getByText('The entry is signed.').waitFor();
    const original = page.getByRole('article').filter({ hasText: 'Visited Ragna at home.' });
    await original.getByText('Corrected', { exact: true }).waitFor();
    await expect(original.locator('del').count()).resolves.toBe(1);
    await original.getByRole('link', { name: 'See the correction' }).waitFor();
    const correction = page.getByRole('article').filter({ hasText: 'Met Ragna at the day centre.' });
    await correction.getByText(/The visit was at the day centre, not at home/).waitFor();
    await expectAccessible(page, 'the journal with a corrected entry');
    await page.screenshot({ path: path.join(screenshots, 'journal-corrected.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the journal');

    // The teammate reads the signed entries, not someone's drafts, and finds words through the search.
    await context.close();
    const other = await openPage();
    await signInFully(other.page, teammate.email, teammate.password);
    await other.page.goto(`/cases/${caseId}/journal`);
    await other.page.getByRole('article').filter({ hasText: 'Met Ragna at the day centre.' }).waitFor();
    await other.page.getByRole('searchbox', { name: 'Words' }).fill('centre');
    await other.page.getByRole('button', { name: 'Search' }).click();
    await waitForLoaded(other.page);
    await expect.poll(() => other.page.getByRole('article').count()).toBe(1);
    await other.context.close();
  });

  it('prints the signed entries for the person, the corrected one struck through', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}/journal`);
    const [printed] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Print the journal' }).click()]);
    await printed.waitForLoadState();
    // Ragna reads Swedish: the page is in her language.
    await printed.getByRole('heading', { level: 1, name: 'Social journal' }).waitFor();
    await expect(printed.locator('html').getAttribute('lang')).resolves.toBe('sv');
    await expect(printed.locator('del').count()).resolves.toBe(1);
    await printed.screenshot({ path: path.join(screenshots, 'journal-print-sv.png'), fullPage: true });
    // As the PDF the person is handed: both entries, the original's words kept beside the correction.
    const pdf = await pdfText(await printed.pdf({ format: 'A4' }));
    expect(pdf).toContain('Social journal');
    expect(pdf).toContain('Visited Ragna at home.');
    expect(pdf).toContain('Met Ragna at the day centre.');
    await context.close();
  });
});
