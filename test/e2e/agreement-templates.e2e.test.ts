import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { expectAccessible, inViewport, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

const NORWEGIAN_TITLE = 'Tjenesteavtale og samtykke til å delta i programmet';

describe('agreement templates', () => {
  it('an administrator writes the Norwegian template from the English one, and it is there after a reload', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreement templates', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agreement templates' }).waitFor();
    await page.getByRole('rowheader', { name: 'English' }).waitFor();
    await page.getByRole('rowheader', { name: 'Русский' }).waitFor();
    await expectAccessible(page, 'agreement templates');

    const add = page.getByRole('region', { name: 'A template for another language' });
    await add.getByLabel('Language').selectOption({ label: 'Norsk bokmål' });
    await add.getByRole('button', { name: 'Write the template' }).click();
    const editor = page.getByRole('region', { name: 'New template: Norsk bokmål' });
    // It starts as a copy of the English text.
    await expect(editor.getByLabel('Title').inputValue()).resolves.toBe('Service agreement and consent to take part in the programme');

    // An empty title is refused at the field.
    await editor.getByLabel('Title').fill('');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Title: This field is required' }).waitFor();
    await expect(editor.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true');

    await editor.getByLabel('Title').fill(NORWEGIAN_TITLE);
    const duties = editor.getByRole('group', { name: "The agency's duties", exact: true });
    await duties.getByLabel('Heading').fill('Virksomheten skal');
    await duties
      .getByLabel("The agency's duties, point 1", { exact: true })
      .fill('lage et individuelt program for sosial støtte til personen;');
    await duties.getByRole('button', { name: 'Add a point' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('template-sections-1-items-5');
    await page.keyboard.type('gi personen svar på norsk eller med tolk.');
    await expectAccessible(page, 'a new agreement template');
    await page.screenshot({ path: 'test-results/e2e/agreement-template-nb.png', fullPage: true });
    await editor.getByRole('button', { name: 'Save' }).click();
    const norwegianRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Norsk bokmål' }) });
    await norwegianRow.getByText(NORWEGIAN_TITLE).waitFor();
    // Said beside the template's row, in view, where focus is now that the form has closed.
    const said = norwegianRow.getByRole('status').filter({ hasText: 'The agreement template has been saved (Norsk bokmål).' });
    await said.waitFor();
    await expect(inViewport(page, said), 'said beside the row, in view').resolves.toBe(true);
    await expect(said.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expectAccessible(page, 'agreement templates after saving one');

    await page.reload();
    await page.getByRole('button', { name: 'Edit Norsk bokmål' }).click();
    const again = page.getByRole('region', { name: 'Edit the template: Norsk bokmål' });
    await expect(again.getByLabel('Title').inputValue()).resolves.toBe(NORWEGIAN_TITLE);
    const saved = again.getByRole('group', { name: "The agency's duties", exact: true });
    await expect(saved.getByLabel('Heading').inputValue()).resolves.toBe('Virksomheten skal');
    await expect(saved.getByLabel("The agency's duties, point 6").inputValue()).resolves.toBe('gi personen svar på norsk eller med tolk.');
    await expect(again.getByLabel('Title').getAttribute('lang')).resolves.toBe('nb');
    await context.close();

    const api = new ApiClient(server().app);
    await api.signIn(admin.email, admin.password);
    const nb = (await api.get('/agreement-templates')).json().items.find((tpl: { language: string }) => tpl.language === 'nb');
    expect(nb.title).toBe(NORWEGIAN_TITLE);
    expect(nb.sections.find((s: { key: string }) => s.key === 'agency_duties').items).toHaveLength(6);
  });

  it('a stale edit says someone else saved first, and reloading shows their text', async () => {
    const admin = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/agreement-templates');
    await page.getByRole('button', { name: 'Edit English' }).click();
    const editor = page.getByRole('region', { name: 'Edit the template: English' });
    await editor.getByLabel('Title').waitFor();

    // Meanwhile another administrator saves the English template.
    const api = new ApiClient(server().app);
    await api.signIn(admin.email, admin.password);
    const english = (await api.get('/agreement-templates')).json().items.find((tpl: { language: string }) => tpl.language === 'en');
    const put = await api.put('/agreement-templates/en', {
      title: 'Service agreement (revised)',
      sections: english.sections,
      version: english.version,
    });
    expect(put.statusCode).toBe(200);

    await editor.getByLabel('Title').fill('Service agreement (my edit)');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Someone else saved changes after you opened this.', { exact: false }).waitFor();
    await expectAccessible(page, 'an agreement template with a conflict');
    await editor.getByRole('button', { name: 'Reload' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Edit the template: English' }).getByLabel('Title').inputValue())
      .toBe('Service agreement (revised)');
    await context.close();
  });
});
