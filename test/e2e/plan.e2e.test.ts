import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let caseId = '';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const today = () => inDays(0);

/** Opens one of the case's pages from the case's sections. */
async function openCasePart(page: Page, link: string, title: RegExp): Promise<void> {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
  await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await waitForLoaded(page);
}

/** Signs on the signature pad with the mouse, as the person would with a finger. */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Signature' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
  await page.mouse.up();
}

/** Fills in a goal's SMART fields, linked to the case's need. */
async function fillGoal(
  goal: Locator,
  values: { description: string; indicator: string; baseline: string; target: string; due: string },
): Promise<void> {
  await goal.getByLabel('Need').selectOption({ label: 'Housing: A home of her own' });
  await goal.getByLabel('Description').fill(values.description);
  await goal.getByLabel('Indicator').fill(values.indicator);
  await goal.getByLabel('Baseline (now)').fill(values.baseline);
  await goal.getByLabel('Target').fill(values.target);
  await goal.getByLabel('Due date').fill(values.due);
}

/** The person signs the plan put to them on screen; the plan becomes active. */
async function personSignsPlan(page: Page): Promise<void> {
  await page.getByText('Still to sign: The person').waitFor();
  await page.getByLabel('Who signs').selectOption({ label: 'The person' });
  await page.getByLabel('How').selectOption({ label: 'Drawn on screen' });
  await drawSignature(page);
  await page.getByRole('button', { name: 'Record signature' }).click();
  await page.getByText('The signature has been recorded.').waitFor();
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
  it('the worker records an assessment with a need and drafts a decision, which is offered for signing to a supervisor only', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await openCasePart(page, 'Assessment', /^Assessments – case /);

    const start = page.getByRole('region', { name: 'Start the needs assessment' });
    await start.getByLabel('Interview with the person').check();
    const housing = start.getByRole('group', { name: 'Housing' });
    await housing.getByLabel('Findings').fill("Sleeps on a friend's sofa; must leave within a month.");
    await housing.getByLabel('Strengths and resources').fill('Steady part-time job.');
    await housing.getByLabel('Self-sufficiency score').selectOption({ label: '2 – not self-sufficient' });
    await start
      .getByRole('group', { name: 'Finances' })
      .getByLabel('Self-sufficiency score')
      .selectOption({ label: '3 – barely self-sufficient' });
    await start.getByLabel('Causes of the problems').fill("Divorce last year; the flat was in the former partner's name.");
    await start.getByLabel("The person's own view").fill("I want a place of my own near my daughter's school.");
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

    // A re-assessment: the comparison gets a column, and the chart a point per assessment.
    await page.getByRole('button', { name: 'Start a re-assessment' }).click();
    const again = page.getByRole('region', { name: 'Start a re-assessment' });
    await again
      .getByRole('group', { name: 'Housing' })
      .getByLabel('Self-sufficiency score')
      .selectOption({ label: '3 – barely self-sufficient' });
    await again.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByText('The assessment has been started.').waitFor();
    const comparison = page.getByRole('region', { name: 'Comparison of assessments' });
    const housingRow = comparison.getByRole('row', { name: /Housing/ });
    await expect(housingRow.getByText('2 – not self-sufficient').count()).resolves.toBe(1);
    await expect(housingRow.getByText('3 – barely self-sufficient').count()).resolves.toBe(1);
    await expect(comparison.getByRole('columnheader', { name: /^Re-assessment, / }).count()).resolves.toBe(1);
    await comparison.getByRole('img', { name: 'Self-sufficiency scores over time' }).waitFor();
    await expectAccessible(page, 'assessments compared, with the chart');

    // The decision: drafted by the worker, who may not sign it.
    await openCasePart(page, 'Decisions', /^Decisions – case /);
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
    // The worker's role has no decision authority: the server would refuse, so no signing is offered.
    await drafted.getByText('Someone with decision authority at this agency signs the decision; your role does not have it.').waitFor();
    await expect(drafted.getByRole('button', { name: 'Sign the decision' }).count()).resolves.toBe(0);
    // What the worker may do instead: put it to those who may sign.
    await drafted.getByRole('button', { name: 'Send for signature' }).click();
    await page
      .getByText('The decision awaits signature. Those with decision authority who work with this case have been alerted.')
      .waitFor();
    await drafted.getByText('Awaiting signature', { exact: true }).waitFor();
    await expect(drafted.getByRole('button', { name: 'Send for signature' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'a decision awaiting signature');
    await page.getByText('Sent for signature: someone with decision authority signs it.', { exact: false }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'decision-awaiting-signature.png') });
    await context.close();

    // The supervisor is alerted, signs it, opens the letter, and replaces it with a new decision.
    const second = await openPage();
    await signInFully(second.page, supervisor.email, supervisor.password);
    await second.page.goto('/alerts');
    await second.page.getByText('A decision on services awaits your signature').waitFor();
    await second.page.goto(`/cases/${caseId}/decisions`);
    await second.page.getByRole('heading', { level: 1, name: /^Decisions – case / }).waitFor();
    await waitForLoaded(second.page);
    await second.page.getByRole('button', { name: 'Sign the decision' }).click();
    await second.page.getByText('The decision has been signed.').waitFor();
    const signed = second.page.getByRole('region', { name: /^Decision of / });
    await signed.getByText(/Signed by Sana Supervisor on /).waitFor();
    const [letter] = await Promise.all([
      second.context.waitForEvent('page'),
      signed.getByRole('link', { name: /Open the decision letter/ }).click(),
    ]);
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

  it('the worker builds a plan whose goals pass the SMART check, the person signs it, and a changed step makes version 2', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await openCasePart(page, 'Service plan', /^Service plan – case /);
    await page.getByRole('button', { name: 'Start the plan' }).click();
    await page.getByText('The draft plan has been started.').waitFor();

    // Goals as a tree, the chosen one's fields beside it.
    const tree = page.getByRole('tree', { name: 'Goals and steps' });
    const pane = page.getByRole('region', { name: /^(Goal|Step) / });
    const choose = (node: RegExp) => tree.getByRole('treeitem', { name: node }).locator('.tree__row').first().click();
    await page.getByRole('button', { name: 'Add a long-term goal' }).click();
    await expect(pane.getByLabel('Level').inputValue()).resolves.toBe('long_term');
    await fillGoal(pane, {
      description: 'Lives in a flat of her own with the tenancy in her name',
      indicator: 'Signed tenancy agreement',
      baseline: 'No tenancy',
      target: 'Tenancy signed',
      due: inDays(170),
    });

    // A goal under it, made a short-term goal that still serves the long-term one.
    await pane.getByRole('button', { name: 'Add a goal under this goal' }).click();
    await expect(pane.getByLabel('Level').inputValue()).resolves.toBe('intermediate');
    await pane.getByLabel('Level').selectOption({ label: 'Short-term goal' });
    await expect(pane.getByLabel('Serves the goal').locator('option:checked').textContent()).resolves.toBe(
      'Goal 1: Lives in a flat of her own with the tenancy in her name',
    );
    // No indicator yet.
    await fillGoal(pane, {
      description: 'Sends an application for municipal housing',
      indicator: '',
      baseline: 'No application',
      target: 'Application sent',
      due: inDays(30),
    });

    await pane.getByRole('button', { name: 'Add a step to this goal' }).click();
    await expect(pane.getByLabel('Goal', { exact: true }).locator('option:checked').textContent()).resolves.toBe(
      'Goal 1.1: Sends an application for municipal housing',
    );
    await pane.getByLabel('What will be done').fill('Fill in the housing application together');
    await pane.getByLabel('Who is responsible').selectOption({ label: 'The case worker' });
    await pane.getByLabel('Due date').fill(inDays(14));
    await choose(/^Short-term 1.1 /);
    await pane.getByRole('button', { name: 'Add a step to this goal' }).click();
    await pane.getByLabel('What will be done').fill('Collect a reference from the former landlord');
    await pane.getByLabel('Goal', { exact: true }).selectOption({ label: 'No particular goal' });
    await pane.getByLabel('Who is responsible').selectOption({ label: 'The person' });
    await pane.getByLabel('Due date').fill(inDays(-2));
    await pane.getByLabel('Instructions for the person').fill('Ask Mr Berg for a short letter saying you paid the rent on time.');
    await tree.getByRole('treeitem', { name: 'Step 1 Collect a reference from the former landlord' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();

    // The SMART check, as the goals are typed and again on saving: the short-term goal has no indicator.
    const shortTerm = tree.getByRole('treeitem', { name: /^Short-term 1.1 / });
    await shortTerm.getByText('Missing: Measurable').waitFor();
    await tree
      .getByRole('treeitem', { name: /^Long-term 1 / })
      .getByText('SMART: met')
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Save the draft', exact: true }).click();
    await page.getByText('The draft plan has been saved. The SMART check found 1 problem; see the goals.').waitFor();
    await choose(/^Short-term 1.1 /);
    await pane.getByText('Measurable: Say how progress will be measured').waitFor();
    await expectAccessible(page, 'the plan editor with a SMART problem');
    await pane.getByLabel('Indicator').fill('Receipt from the housing office');
    await pane.getByText('No problems found.').waitFor();
    await page.getByRole('button', { name: 'Save the draft', exact: true }).click();
    await page.getByText('The draft plan has been saved.', { exact: true }).waitFor();
    await shortTerm.getByText('SMART: met').waitFor();

    await page.getByRole('button', { name: 'Save and put to the person for signing' }).click();
    await page.getByText('The plan has been put to the person for signing.').waitFor();
    await expectAccessible(page, 'a plan awaiting signature');
    await personSignsPlan(page);
    await page.getByRole('heading', { level: 2, name: 'The active plan (version 1)' }).waitFor();
    await page.getByRole('list', { name: 'Stages of the case' }).locator('[aria-current="step"]').getByText('Implementation').waitFor();

    // Progress: the first step is done.
    const progress = page.getByRole('region', { name: 'Steps and progress' });
    const step = progress.getByRole('region', { name: /^Fill in the housing application together/ });
    await step.getByLabel('Status').selectOption({ label: 'Done' });
    await step.getByRole('button', { name: 'Save progress' }).click();
    await step.getByRole('link', { name: 'Result: Record the result of the step' }).waitFor();
    await step.getByLabel('Result').fill('Application sent on paper; receipt in the file.');
    await step.getByRole('button', { name: 'Save progress' }).click();
    await page.getByText('The progress has been saved.').waitFor();
    await progress.getByText('1 of 2 steps done.').waitFor();
    await progress.getByRole('heading', { name: 'Collect a reference from the former landlord Overdue' }).waitFor();
    await expectAccessible(page, 'the active plan with its steps');

    // The case page shows the plan in force with its open step flagged, and the latest assessment.
    await page.goto(`/cases/${caseId}`);
    const inForce = page.getByRole('region', { name: 'Service plan in force' });
    await inForce.getByText(/^Version 1, /).waitFor();
    await inForce.getByText('Collect a reference from the former landlord').waitFor();
    await inForce.getByText('overdue').waitFor();
    await expect(inForce.getByText('Fill in the housing application together').count()).resolves.toBe(0);
    await page
      .getByRole('region', { name: 'Latest assessment' })
      .getByText(/^Assessed /)
      .waitFor();
    await expectAccessible(page, 'the case page with the plan in force');
    await page.goBack();

    // A change: a new version with a reason, one step edited, signed again.
    await page.getByLabel('Reason for the change').fill('The landlord will not write a reference; a credit report will do.');
    await page.getByRole('button', { name: 'Change the plan' }).click();
    await page.getByText('A new version of the plan has been started as a draft.').waitFor();
    await page.getByRole('heading', { level: 2, name: /^Version 2/ }).waitFor();
    await page
      .getByRole('tree', { name: 'Goals and steps' })
      .getByRole('treeitem', { name: 'Step 1 Collect a reference from the former landlord' })
      .locator('.tree__row')
      .click();
    await page
      .getByRole('region', { name: /^Step 1 / })
      .getByLabel('What will be done')
      .fill('Get a credit report from the bank');
    await page.getByRole('button', { name: 'Save and put to the person for signing' }).click();
    await page.getByText('The plan has been put to the person for signing.').waitFor();
    await personSignsPlan(page);
    await page.getByRole('heading', { level: 2, name: 'The active plan (version 2)' }).waitFor();

    const versions = page.getByRole('region', { name: 'Versions' });
    await expect(
      versions
        .getByRole('row', { name: /Version 1/ })
        .getByText('Superseded')
        .count(),
    ).resolves.toBe(1);
    await versions.getByRole('button', { name: 'Changes in version 2' }).click();
    const changes = page.getByRole('region', { name: 'Changes in version 2 from version 1' });
    await changes.getByText('The landlord will not write a reference; a credit report will do.').waitFor();
    const changedStep = changes.getByRole('listitem').filter({ hasText: 'Steps – changed' });
    await changedStep
      .getByRole('row', { name: /Collect a reference from the former landlord.*Get a credit report from the bank/ })
      .waitFor();
    await expectAccessible(page, 'the versions with the changes of version 2');

    const [printable] = await Promise.all([
      context.waitForEvent('page'),
      versions.getByRole('link', { name: /Printable plan, version 2/ }).click(),
    ]);
    await printable.waitForLoadState();
    await expect(printable.content()).resolves.toContain('Get a credit report from the bank');
    await printable.close();

    // A change begun by mistake is discarded; version 2 stays in force.
    await page.getByLabel('Reason for the change').fill('Started by mistake');
    await page.getByRole('button', { name: 'Change the plan' }).click();
    await page.getByRole('heading', { level: 2, name: /^Version 3/ }).waitFor();
    await page.getByRole('button', { name: 'Discard this version' }).click();
    await page.getByText('The version has been discarded.').waitFor();
    await expect(page.getByRole('heading', { level: 2, name: /^Version 3/ }).count()).resolves.toBe(0);
    await page.getByRole('heading', { level: 2, name: 'The active plan (version 2)' }).waitFor();
    await context.close();
  });
});
