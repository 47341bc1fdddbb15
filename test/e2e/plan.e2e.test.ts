import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { firstUnitId, type CreatedStaff } from '../support/server.ts';
import { expectAccessible, signInFully, useBrowserAndServer } from './helpers.ts';

const { server, openPage } = useBrowserAndServer();

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let caseId = '';
const today = () => new Date().toISOString().slice(0, 10);

async function waitForLoaded(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: /Loading|Looking for a saved draft/ }).count()).toBe(0);
}

/** Opens one of the case's pages from the case page's links. */
async function openCasePart(page: Page, link: string, title: RegExp): Promise<void> {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
  await page.getByRole('navigation', { name: 'Assessment, decisions and plan' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await waitForLoaded(page);
}

beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Wenche Worker' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Sana Supervisor' });
  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  const person = await api.post('/persons', { givenName: 'Hege', familyName: 'Lund', birthDate: '1979-02-03' });
  expect(person.statusCode).toBe(201);
  const opened = await api.post('/cases', { personId: person.json().id, unitId, responsibleStaffId: worker.id });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().id;
});

describe('assessment, decision and service plan', () => {
  it('the worker records an assessment with a need; a supervisor signs the decision the worker drafted', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await openCasePart(page, 'Needs assessments and needs', /^Assessments – case /);

    const start = page.getByRole('region', { name: 'Start the needs assessment' });
    await start.getByLabel('Interview with the person').check();
    const housing = start.getByRole('group', { name: 'Housing' });
    await housing.getByLabel('Findings').fill('Sleeps on a friend\'s sofa; must leave within a month.');
    await housing.getByLabel('Strengths and resources').fill('Steady part-time job.');
    await housing.getByLabel('Self-sufficiency score').selectOption({ label: '2 – not self-sufficient' });
    await start.getByRole('group', { name: 'Finances' }).getByLabel('Self-sufficiency score').selectOption({ label: '3 – barely self-sufficient' });
    await start.getByLabel('Causes of the problems').fill('Divorce last year; the flat was in the former partner\'s name.');
    await start.getByLabel("The person's own view").fill('I want a place of my own near my daughter\'s school.');
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await expectAccessible(page, 'starting an assessment');
    await start.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByText('The assessment has been started.').waitFor();

    const draft = page.getByRole('region', { name: /^Initial assessment, / });
    await draft.getByLabel('Life domain').selectOption({ label: 'Housing' });
    await draft.getByLabel('Description of the need').fill('A home of her own');
    await draft.getByLabel('Severity').selectOption({ label: 'High' });
    await draft.getByRole('button', { name: 'Add the need' }).click();
    await draft.getByRole('rowheader', { name: 'A home of her own' }).waitFor();
    await draft.getByRole('button', { name: 'Complete the assessment' }).click();
    await page.getByText('The assessment has been completed.').waitFor();
    await draft.getByLabel('The person confirms it').check();
    await draft.getByRole('button', { name: "Record the person's response" }).click();
    await draft.getByText(/The person confirmed the assessment on /).waitFor();

    const comparison = page.getByRole('region', { name: 'Comparison of assessments' });
    await expect(comparison.getByRole('row', { name: /Housing/ }).getByText('2 – not self-sufficient').count()).resolves.toBe(1);
    await comparison.getByRole('img', { name: 'Self-sufficiency scores over time' }).waitFor();
    await expectAccessible(page, 'a completed assessment with the comparison');

    // The decision: drafted by the worker, who may not sign it.
    await openCasePart(page, 'Decisions on services', /^Decisions – case /);
    await page.getByRole('button', { name: 'Draft a decision' }).click();
    const item = page.getByRole('group', { name: 'Requested service 1' });
    await item.getByLabel('Service requested').fill('Housing counselling');
    await item.getByLabel('Outcome').selectOption({ label: 'Granted' });
    await item.getByLabel('Basis').fill('Social Services Act § 17');
    await item.getByLabel('Justification').fill('Without help she will be homeless within a month.');
    // Granted needs a start date: the form says so before anything is sent.
    await page.getByRole('button', { name: 'Save the draft decision' }).click();
    await page.getByRole('link', { name: 'Service 1, Valid from: A granted service needs the date it is valid from' }).waitFor();
    await item.getByLabel('Valid from').fill(today());
    await page.getByRole('button', { name: 'Save the draft decision' }).click();
    await page.getByText('The draft decision has been saved.').waitFor();
    // The server filled in the standard appeal text.
    const drafted = page.getByRole('region', { name: /^Draft decision/ });
    await expect(drafted.getByLabel('How to appeal').inputValue()).resolves.not.toBe('');
    await expectAccessible(page, 'a draft decision');
    await drafted.getByRole('button', { name: 'Sign the decision' }).click();
    await page.getByText(/You cannot sign this decision: your role has no authority to decide on services/).waitFor();
    await context.close();

    // The supervisor signs it, opens the letter, and replaces it with a new decision.
    const second = await openPage();
    await signInFully(second.page, supervisor.email, supervisor.password);
    await second.page.goto(`/cases/${caseId}/decisions`);
    await second.page.getByRole('heading', { level: 1, name: /^Decisions – case / }).waitFor();
    await waitForLoaded(second.page);
    await second.page.getByRole('button', { name: 'Sign the decision' }).click();
    await second.page.getByText('The decision has been signed.').waitFor();
    const signed = second.page.getByRole('region', { name: /^Decision of / });
    await signed.getByText(/Signed by Sana Supervisor on /).waitFor();
    const [letter] = await Promise.all([second.context.waitForEvent('page'), signed.getByRole('link', { name: /Open the decision letter/ }).click()]);
    await letter.waitForLoadState();
    await expect(letter.content()).resolves.toContain('Housing counselling');
    await letter.close();

    await signed.getByRole('button', { name: 'Make a new decision replacing this one' }).click();
    await signed.getByLabel('Outcome').selectOption({ label: 'Partly granted' });
    await signed.getByLabel('What is granted').fill('Counselling every other week');
    await signed.getByRole('button', { name: 'Save the draft decision' }).click();
    const replacement = second.page.getByRole('region', { name: /^Draft decision/ });
    await replacement.getByRole('link', { name: /^Will replace, once signed: Decision of / }).waitFor();
    await replacement.getByRole('button', { name: 'Sign the decision' }).click();
    await second.page.getByText('The decision has been signed.').waitFor();
    await second.page.getByRole('link', { name: /^Replaced by: Decision of / }).waitFor();
    await second.page.getByRole('link', { name: /^Replaces: Decision of / }).waitFor();
    await expectAccessible(second.page, 'signed decisions');
    await second.context.close();
  });
});
