import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { phq9 } from '../../src/areas/questionnaire/shipped-questionnaires.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let admin: CreatedStaff;
let caseId = '';
const gad7Title = 'GAD-7 – Generalized Anxiety Disorder scale';

async function waitForLoaded(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: /Loading/ })
        .count(),
    )
    .toBe(0);
}

/** A PHQ-9 question, by its number, as the form names it ("… (required)" in the interface's language). */
function phqQuestionIn(page: Page, n: number, required: string) {
  return page.getByRole('group', { name: `${phq9.sections[0]!.items[n - 1]!.text} (${required})`, exact: true });
}
const phqQuestion = (page: Page, n: number) => phqQuestionIn(page, n, 'required');

/** The worker reads English again (a test before may have chosen another language, which sticks to the account). */
async function workerReadsEnglish(): Promise<void> {
  const api = new ApiClient(server().app);
  await api.signIn(worker.email, worker.password);
  expect((await api.patch('/me', { locale: 'en' })).statusCode).toBe(200);
}

beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Wera Worker' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siri Supervisor' });
  admin = await server().createStaff({ roles: ['administrator'] });
  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  const person = await api.post('/persons', { givenName: 'Pål', familyName: 'Dahl', birthDate: '1988-06-01' });
  expect(person.statusCode).toBe(201);
  const opened = await api.post('/cases', { personId: person.json().id, unitId, responsibleStaffId: worker.id });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
});

describe('questionnaires', () => {
  it('a worker fills in PHQ-9 on a case: a missing answer is shown at its question, the total and band follow, and item 9 alerts the supervisor', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    const panel = page.getByRole('region', { name: 'Questionnaires' });
    await panel.getByText('No questionnaire has been filled in on this case yet.').waitFor();
    await panel.getByLabel('Questionnaire to fill in').selectOption({ label: 'PHQ-9 – Patient Health Questionnaire' });
    await panel.getByRole('button', { name: 'Fill in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Questionnaire – case / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'PHQ-9 – Patient Health Questionnaire (version 1)' }).waitFor();

    // The difficulty question is shown only once a problem is checked.
    const difficulty = page.getByRole('group', { name: /^If you checked off any problems/ });
    await expect(difficulty.count()).resolves.toBe(0);
    await phqQuestion(page, 1).getByLabel('Several days').check();
    await difficulty.waitFor();
    await phqQuestion(page, 1).getByLabel('Not at all').check();
    await expect.poll(() => difficulty.count()).toBe(0);
    await expectAccessible(page, 'filling in PHQ-9');

    // Everything but item 4; item 9 "several days". What is typed is saved and survives a reload.
    const answers: Record<number, string> = {
      1: 'Several days',
      2: 'More than half the days',
      3: 'Several days',
      5: 'Not at all',
      6: 'Several days',
      7: 'Not at all',
      8: 'Not at all',
      9: 'Several days',
    };
    for (const [n, label] of Object.entries(answers)) await phqQuestion(page, Number(n)).getByLabel(label, { exact: true }).check();
    await difficulty.getByLabel('Somewhat difficult').check();
    await page
      .getByRole('status')
      .filter({ hasText: /^Answers saved/ })
      .waitFor();
    await page.reload();
    await phqQuestion(page, 9).waitFor();
    await expect(phqQuestion(page, 2).getByLabel('More than half the days').isChecked()).resolves.toBe(true);
    await expect(difficulty.getByLabel('Somewhat difficult').isChecked()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Complete' }).click();
    const itemFour = phq9.sections[0]!.items[3]!.text;
    await page.getByRole('link', { name: `${itemFour}: Answer this question` }).waitFor();
    await phqQuestion(page, 4).getByText('Answer this question').waitFor();
    await expectAccessible(page, 'a questionnaire with a missing answer');

    // With item 4 "nearly every day": 1 + 2 + 1 + 3 + 0 + 1 + 0 + 0 + 1 = 9, mild.
    await phqQuestion(page, 4).getByLabel('Nearly every day').check();
    await expect.poll(() => phqQuestion(page, 4).getByText('Answer this question').count()).toBe(0);
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByText('The questionnaire has been completed.').waitFor();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByText('9 – Mild').waitFor();
    await results.getByRole('alert').getByText('Crisis: safety follow-up needed today').waitFor();
    await results.getByText("The supervisors of the case's unit have been notified.").waitFor();
    await expectAccessible(page, 'a completed questionnaire with the crisis alert');

    await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    await page.getByRole('heading', { name: 'Open crisis' }).waitFor();
    await panel.getByRole('row', { name: /PHQ-9/ }).getByText('PHQ-9 total: 9 – Mild').waitFor();
    await context.close();

    // The unit's supervisor has the alert, and the case carries the banner.
    const second = await openPage();
    await signInFully(second.page, supervisor.email, supervisor.password);
    await second.page.goto('/alerts');
    await second.page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    const alert = second.page.getByRole('listitem').filter({ hasText: 'Crisis: safety follow-up needed today' });
    // The alert names the case and the person, who is within the supervisor's reach.
    await alert.getByText(/^Case \S+ – Pål Dahl$/).waitFor();
    await alert.getByRole('link', { name: /^Open case / }).click();
    await second.page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    // The answers opened a crisis on the case: it heads the case until it is closed.
    const banner = second.page.getByRole('region', { name: 'Open crisis' });
    await banner.getByText(/a questionnaire answer calls for same-day safety follow-up/).waitFor();
    await expectAccessible(second.page, 'a case with an open crisis');

    // Once the follow-up is done, supervision closes the crisis, and the flag ends with it.
    await banner.getByRole('link', { name: 'Go to the crisis' }).click();
    await second.page.getByLabel('Outcome').fill('Called the same day; a safety plan was made with Pål.');
    await second.page.getByLabel('Follow-up on').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await second.page.getByRole('button', { name: 'Close the crisis' }).click();
    await second.page.getByText('The crisis is closed and the crisis flag has ended.').waitFor();
    await second.page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Overview' }).click();
    await second.page.getByRole('heading', { level: 2, name: 'Service plan in force' }).waitFor();
    await expect(second.page.getByRole('region', { name: 'Open crisis' }).count()).resolves.toBe(0);
    await expect(second.page.getByRole('region', { name: 'Crisis flag' }).count()).resolves.toBe(0);
    await second.context.close();
  }, 120_000);

  it('an administrator makes version 2 of GAD-7 with a reworded question and a conditional one, publishes it, downloads it as FHIR and imports it back', async () => {
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
    await waitForLoaded(page);
    await expectAccessible(page, 'the list of questionnaires');

    await page.getByRole('link', { name: `${gad7Title} (version 1)` }).click();
    await page.getByRole('heading', { level: 1, name: `${gad7Title} (version 1)` }).waitFor();
    await page.getByText('Feeling nervous, anxious, or on edge', { exact: true }).waitFor();
    await expectAccessible(page, 'a published questionnaire');
    await page.getByRole('button', { name: 'Make a new version' }).click();
    await page.getByRole('heading', { level: 1, name: `${gad7Title} (version 2)` }).waitFor();
    await page.getByText('Draft version 2 has been made from the published version.').waitFor();

    // Reword question 4, and add a question shown only when question 2 scores more than 1.
    const question4 = page.getByRole('group', { name: 'Question 4', exact: true });
    await question4.getByLabel('Question text').fill('Trouble relaxing, even at home');
    await page.getByRole('button', { name: 'Add a question', exact: true }).click();
    const added = page.getByRole('group', { name: 'Question 9', exact: true });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe('tpl-sections-0-items-8-id');
    await added.getByLabel('Type').selectOption({ label: 'Long text' });
    await added.getByLabel('Question text').fill('What do you worry about most?');
    await added.getByRole('button', { name: 'Add a condition' }).click();
    const condition = added.getByRole('group', { name: 'Condition 1', exact: true });
    await condition.getByLabel('Earlier question').selectOption('gad7_2');
    await condition.getByLabel('Comparison').selectOption({ label: 'scores more than' });
    await condition.getByLabel('Score of the chosen option').fill('1');

    // The server's check of the bands lands at the band it concerns.
    const band4 = page.getByRole('group', { name: 'Band 4', exact: true });
    await band4.getByLabel('From').fill('16');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('link', { name: 'Score 1 › Band 4: Some totals fall in no band' }).waitFor();
    await band4.getByText('Some totals fall in no band').waitFor();
    await expectAccessible(page, 'the draft editor with a problem');
    await band4.getByLabel('From').fill('15');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('The draft has been saved.').waitFor();

    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByText('Version 2 has been published.').waitFor();
    await page.getByText('Trouble relaxing, even at home', { exact: true }).waitFor();
    await page.getByText(/^Shown when «Not being able to stop or control worrying» \(gad7_2\) scores more than 1\.$/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as FHIR (JSON)' }).click(),
    ]);
    const file = await download.path();
    const fhir = JSON.parse(await readFile(file, 'utf8')) as { resourceType: string; version: string };
    expect(fhir.resourceType).toBe('Questionnaire');
    expect(JSON.stringify(fhir)).toContain('Trouble relaxing, even at home');

    await page.getByRole('link', { name: 'Back to all questionnaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
    await waitForLoaded(page);
    await page
      .getByRole('row', { name: new RegExp(`${gad7Title} \\(version 1\\)`) })
      .getByText('Retired')
      .waitFor();
    await page.getByLabel('FHIR Questionnaire file (JSON)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    await page.getByRole('heading', { level: 1, name: `${gad7Title} (version 3)` }).waitFor();
    await page.getByText('The questionnaire has been imported as draft version 3.').waitFor();
    const imported = page.getByRole('group', { name: 'Question 9', exact: true });
    await expect(imported.getByLabel('Question text').inputValue()).resolves.toBe('What do you worry about most?');
    await expect(
      imported.getByRole('group', { name: 'Condition 1', exact: true }).getByLabel('Earlier question').inputValue(),
    ).resolves.toBe('gad7_2');
    await context.close();
  }, 120_000);
  it('an administrator writes a new questionnaire from scratch – a save after one in another tab shows the conflict notice – with a question shown only after a no, and publishes it', async () => {
    const { context, page } = await openPage();
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/questionnaires');
    await waitForLoaded(page);
    const create = page.getByRole('region', { name: 'New questionnaire' });
    await create.getByLabel('Key').fill('Housing check');
    await create.getByRole('button', { name: 'Create the draft' }).click();
    await create.getByRole('link', { name: 'Key: Use lower-case letters, digits and "-", starting with a letter' }).waitFor();
    await create.getByLabel('Key').fill('housing-check');
    await create.getByLabel('Title').fill('Housing check');
    await create.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Housing check (version 1)' }).waitFor();

    // Someone saves the draft in another tab first: saving here shows the conflict notice.
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByLabel('Title', { exact: true }).fill('Housing check tonight');
    await other.getByRole('button', { name: 'Save the draft' }).click();
    await other.getByText('The draft has been saved.').waitFor();
    await other.close();
    await page.getByLabel('Title', { exact: true }).fill('Housing');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText(/^Someone else saved changes after you opened this\./).waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Housing check tonight');

    const first = page.getByRole('group', { name: 'Question 1', exact: true });
    await first.getByLabel('Type').selectOption({ label: 'Yes or no' });
    await first.getByLabel('Question text').fill('Does the person have a place to sleep tonight?');
    await first.getByLabel('An answer is required').check();
    await page.getByRole('button', { name: 'Add a question', exact: true }).click();
    const second = page.getByRole('group', { name: 'Question 2', exact: true });
    await second.getByRole('button', { name: 'Add a condition' }).click();
    await second.getByLabel('Answer', { exact: true }).selectOption({ label: 'No' });
    // Checked before sending: the new question has no text yet.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('link', { name: 'Section 1 › Question 2 › Question text: This field is required' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe('tpl-sections-0-items-1-text');
    await second.getByLabel('Question text').fill('Where will the person sleep?');
    await expectAccessible(page, 'a new questionnaire in the editor');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText('Version 1 has been published.').waitFor();
    await page.getByText('Shown when «Does the person have a place to sleep tonight?» (question_1) is No.').waitFor();
    await context.close();
  });

  it('a worker reading Norwegian fills in the self-sufficiency scale in Norwegian, and PHQ-9 in English where it has no translation', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
    await page.goto(`/cases/${caseId}`);
    const panel = page.getByRole('region', { name: 'Spørreskjemaer' });
    await panel.getByLabel('Spørreskjema som skal fylles ut').selectOption({ label: 'Selvhjulpenhet på livsområder' });
    await panel.getByRole('button', { name: 'Fyll ut' }).click();
    await page.getByRole('heading', { level: 2, name: 'Selvhjulpenhet på livsområder (versjon 1)' }).waitFor();
    await page
      .getByRole('group', { name: /^Bolig/ })
      .getByLabel('3 – Trygg')
      .check();
    await page
      .getByRole('status')
      .filter({ hasText: /^Svar lagret/ })
      .waitFor();
    await expectAccessible(page, 'the self-sufficiency scale in Norwegian');

    await page.goto(`/cases/${caseId}`);
    await panel.getByLabel('Spørreskjema som skal fylles ut').selectOption({ label: 'PHQ-9 – Patient Health Questionnaire' });
    await panel.getByRole('button', { name: 'Fyll ut' }).click();
    await phqQuestionIn(page, 1, 'påkrevd').getByLabel('Not at all').waitFor();
    await context.close();
  });

  it('an administrator imports an SDC example and sees its warnings listed, publishes it, and a worker fills in its date-and-time, time and document questions', async () => {
    const sdcExample = fileURLToPath(
      new URL('../../src/areas/questionnaire/fixtures/sdc/questionnaire-sdc-test-all-data-types.json', import.meta.url),
    );
    const admin390 = await openPage();
    const { page } = admin390;
    await page.setViewportSize({ width: 390, height: 844 });
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/questionnaires');
    await waitForLoaded(page);
    await page.getByLabel('FHIR Questionnaire file (JSON)').setInputFiles(sdcExample);
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    const warnings = page.getByRole('status').filter({ hasText: 'Imported with 5 warnings' });
    await warnings.getByText('Draft version 1 has been made.', { exact: false }).waitFor();
    await warnings
      .getByRole('listitem')
      .filter({ hasText: 'id-attachment: The question asks for a file; Tillit keeps no files' })
      .waitFor();
    await expect(warnings.getByRole('listitem').filter({ hasText: 'The answer options are not in the file' }).count()).resolves.toBe(4);
    await expectAccessible(page, 'the import warnings');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    await warnings.getByRole('link', { name: 'Open the draft: Bit of everything' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bit of everything (version 1)' }).waitFor();
    await expectAccessible(page, 'an imported draft with new item types in the editor');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText('Version 1 has been published.').waitFor();
    await admin390.context.close();

    await workerReadsEnglish();
    const { context, page: form } = await openPage();
    await form.setViewportSize({ width: 390, height: 844 });
    await signInFully(form, worker.email, worker.password);
    await form.goto(`/cases/${caseId}`);
    const panel = form.getByRole('region', { name: 'Questionnaires' });
    await panel.getByLabel('Questionnaire to fill in').selectOption({ label: 'Bit of everything' });
    await panel.getByRole('button', { name: 'Fill in' }).click();
    await form.getByRole('heading', { level: 2, name: 'Bit of everything (version 1)' }).waitFor();
    await form.getByText('This is a display field and should expand to both left and right').waitFor();
    await form.getByLabel('date and time control').fill('2024-05-06T09:30');
    await form.getByLabel('time only control').fill('14:15');
    await form.getByLabel('attachment to be included').fill('Paper file, cabinet 3');
    await form.getByText('Tillit keeps no files: say where the document is kept', { exact: false }).first().waitFor();
    await form
      .getByRole('status')
      .filter({ hasText: /^Answers saved/ })
      .waitFor();
    await expectAccessible(form, 'filling in the imported questionnaire');
    await expect(form.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    await form.reload();
    await expect.poll(() => form.getByLabel('date and time control').inputValue()).toBe('2024-05-06T09:30');
    await expect(form.getByLabel('time only control').inputValue()).resolves.toBe('14:15');
    await expect(form.getByLabel('attachment to be included').inputValue()).resolves.toBe('Paper file, cabinet 3');
    await form.getByRole('button', { name: 'Complete' }).click();
    await form.getByText('The questionnaire has been completed.').waitFor();
    await context.close();
  }, 120_000);

  it('a worker answers an open choice with an option or in their own words, and an amount in one of its units', async () => {
    const api = new ApiClient(server().app);
    await api.signIn(admin.email, admin.password);
    const draft = await api.post('/questionnaire-templates', {
      definition: {
        key: 'pet-check',
        version: 1,
        title: 'Pet check',
        sections: [
          {
            id: 'pets',
            title: 'Pets',
            items: [
              {
                id: 'pet',
                type: 'open_choice',
                text: 'Which pet lives at home?',
                options: [
                  { code: 'cat', text: 'Cat' },
                  { code: 'dog', text: 'Dog' },
                ],
              },
              { id: 'food', type: 'quantity', text: 'Pet food a week', units: [{ code: 'kg' }, { code: '[lb_av]', display: 'pounds' }] },
            ],
          },
        ],
      },
    });
    expect(draft.statusCode).toBe(201);
    expect((await api.post(`/questionnaire-templates/${draft.json().id}/publish`, { version: draft.json().version })).statusCode).toBe(200);
    await workerReadsEnglish();

    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${caseId}`);
    const panel = page.getByRole('region', { name: 'Questionnaires' });
    await panel.getByLabel('Questionnaire to fill in').selectOption({ label: 'Pet check' });
    await panel.getByRole('button', { name: 'Fill in' }).click();
    const pet = page.getByRole('group', { name: 'Which pet lives at home?' });
    await pet.getByLabel('Dog').check();
    // An answer in one's own words replaces the option chosen.
    const own = page.getByLabel('Other answer: Which pet lives at home?');
    await own.fill('Tortoise');
    await expect(pet.getByLabel('Dog').isChecked()).resolves.toBe(false);
    await page.getByLabel('Pet food a week', { exact: true }).fill('2.5');
    await page.getByLabel('Unit: Pet food a week').selectOption({ label: 'pounds' });
    await page
      .getByRole('status')
      .filter({ hasText: /^Answers saved/ })
      .waitFor();
    await expectAccessible(page, 'an open choice and an amount with units');

    await page.reload();
    await expect.poll(() => page.getByLabel('Other answer: Which pet lives at home?').inputValue()).toBe('Tortoise');
    await expect(page.getByLabel('Unit: Pet food a week').inputValue()).resolves.toBe('[lb_av]');
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByText('The questionnaire has been completed.').waitFor();
    await page.getByText('Tortoise', { exact: true }).waitFor();
    await page.getByText('2.5 pounds', { exact: true }).waitFor();
    await context.close();
  }, 120_000);
});
