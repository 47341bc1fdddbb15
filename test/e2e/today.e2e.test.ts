import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/core/calendar-date.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

/** Far from the browser's Europe/Oslo, so a time shown in the wrong zone shows. */
const AGENCY_ZONE = 'Asia/Shanghai';
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let worker: CreatedStaff;
let otherWorker: CreatedStaff;
let supervisor: CreatedStaff;
let planCase: { id: string; caseNumber: string };
let crisisCase: { id: string; caseNumber: string; crisisRaisedAt: string };
let decisionId = '';

/** A calendar day `n` days from the agency's today. */
function day(n: number): string {
  const today = new Date(`${calendarDateIn(AGENCY_ZONE)}T00:00:00Z`);
  return new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
}

const phq9 = (codes: string[]) => Object.fromEntries(codes.map((code, i) => [`phq9_${i + 1}`, code]));

async function ok<T = { id: string; version: number }>(response: Promise<{ statusCode: number; json: () => unknown; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/** A case of an invented person with the worker responsible; its active plan has a step due today, one overdue, one later. */
async function caseWithActivePlan(api: ApiClient, unitId: string) {
  const person = await ok(api.post('/persons', { givenName: 'Tuva', familyName: 'Tidsfrist', birthDate: '1984-05-06' }));
  const theCase = await ok<{ id: string; caseNumber: string }>(
    api.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id }),
  );
  const assessment = await ok(api.post(`/cases/${theCase.id}/assessments`, { assessedOn: day(-6) }));
  const need = await ok(
    api.post(`/assessments/${assessment.id}/needs`, {
      domain: 'housing',
      description: 'A flat of her own',
      severity: 'high',
      identifiedOn: day(-6),
    }),
  );
  const goal = randomUUID();
  const content = {
    periodFrom: day(-5),
    periodTo: day(180),
    reviewDate: day(7),
    goals: [
      {
        id: goal,
        level: 'long_term',
        needId: need.id,
        description: 'Lives in a flat of her own with the tenancy in her name',
        indicator: 'Receipt from the housing office',
        baseline: 'No application',
        target: 'Application sent',
        dueDate: day(30),
      },
    ],
    steps: [
      { id: randomUUID(), goalId: goal, what: 'Call the housing office together', responsibleKind: 'worker', dueDate: day(0) },
      { id: randomUUID(), goalId: goal, what: 'Collect the landlord reference', responsibleKind: 'worker', dueDate: day(-3) },
      { id: randomUUID(), goalId: goal, what: 'Visit the flat viewing', responsibleKind: 'worker', dueDate: day(20) },
    ],
  };
  const draft = await ok(api.post(`/cases/${theCase.id}/plans`, { content }));
  const submitted = await ok(api.post(`/plans/${draft.id}/submit`, { version: draft.version }));
  await ok(
    api.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Vera Vitne', version: submitted.version }),
  );
  return theCase;
}

/** A case whose PHQ-9 answers (item 9) raised the crisis flag, with a decision drafted on it. */
async function caseInCrisis(api: ApiClient, unitId: string) {
  const person = await ok(api.post('/persons', { givenName: 'Krister', familyName: 'Krise', birthDate: '1990-01-02' }));
  const theCase = await ok<{ id: string }>(api.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id }));
  const templates = await ok<{ items: { id: string; key: string }[] }>(api.get('/questionnaire-templates?status=published'));
  const phq = templates.items.find((tpl) => tpl.key === 'phq-9')!;
  const answers = { ...phq9(Array(8).fill('not_at_all').concat('several_days')), phq9_difficulty: 'very_difficult' };
  const response = await ok(api.post(`/cases/${theCase.id}/questionnaire-responses`, { templateId: phq.id, answers }));
  await ok(api.post(`/questionnaire-responses/${response.id}/complete`, { version: response.version }));
  const decision = await ok(
    api.post(`/cases/${theCase.id}/decisions`, {
      items: [
        { service: 'Crisis counselling', outcome: 'refused', basis: 'Agency guidelines 2.1', justification: 'Given by the health service' },
      ],
    }),
  );
  decisionId = decision.id;
  return ok<{ id: string; caseNumber: string; crisisRaisedAt: string }>(api.get(`/cases/${theCase.id}`));
}

beforeAll(async () => {
  const unitId = await firstUnitId(server().db);
  await server().db.execute(sql`UPDATE agency SET time_zone = ${AGENCY_ZONE}`);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Tora Today' });
  otherWorker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Odd Other' });
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siri Supervisor' });
  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  planCase = await caseWithActivePlan(api, unitId);
  crisisCase = await caseInCrisis(api, unitId);
});

async function openToday(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^Plan steps due/ }).waitFor();
}

describe('the Today page', () => {
  it('shows the responsible worker the crisis case, the due and overdue steps and the coming plan review, each linked', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await openToday(page);

    const urgent = page.getByRole('region', { name: /^Urgent cases/ });
    const crisisItem = urgent.getByRole('listitem').filter({ hasText: crisisCase.caseNumber });
    await expect(crisisItem.getByRole('link', { name: `Case ${crisisCase.caseNumber}` }).getAttribute('href')).resolves.toBe(
      `/cases/${crisisCase.id}`,
    );
    await crisisItem.getByText('Open crisis').waitFor();
    await expect(crisisItem.getByRole('link', { name: `The crisis of ${crisisCase.caseNumber}` }).getAttribute('href')).resolves.toBe(
      `/cases/${crisisCase.id}/crisis`,
    );
    // The moment the flag was raised and the crisis opened, in the agency's time zone (not the browser's Europe/Oslo), on the 24-hour clock.
    const raised = new Intl.DateTimeFormat('en', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: AGENCY_ZONE,
    }).format(new Date(crisisCase.crisisRaisedAt));
    const normalise = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    await expect(crisisItem.textContent().then((text) => normalise(text ?? ''))).resolves.toContain(`since ${normalise(raised)}`);
    await page.getByText(`Dates and times as the agency counts them (${AGENCY_ZONE}).`).waitFor();

    const steps = page.getByRole('region', { name: /^Plan steps due/ });
    const dueToday = steps.getByRole('listitem').filter({ hasText: 'Call the housing office together' });
    const overdue = steps.getByRole('listitem').filter({ hasText: 'Collect the landlord reference' });
    await expect(dueToday.textContent()).resolves.toContain(`Case ${planCase.caseNumber}`);
    await expect(dueToday.getByText('overdue', { exact: true }).count()).resolves.toBe(0);
    await overdue.getByText('overdue', { exact: true }).waitFor();
    await expect(steps.getByText('Visit the flat viewing').count()).resolves.toBe(0);

    const reviews = page.getByRole('region', { name: /^Plan reviews coming up/ });
    await reviews.getByRole('link', { name: `Service plan of case ${planCase.caseNumber}` }).waitFor();
    await expect(reviews.getByText('overdue', { exact: true }).count()).resolves.toBe(0);

    await expectAccessible(page, 'the Today page');
    await page.screenshot({ path: path.join(screenshots, 'today-1280.png'), fullPage: true });
    await expectNoSidewaysScroll(page, 'the Today page');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'today-390.png'), fullPage: true });

    // By keyboard: the step's link opens the plan, where the step is done.
    await dueToday.getByRole('link', { name: 'Call the housing office together' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Service plan – case ${planCase.caseNumber}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${planCase.id}/plan`);
    await context.close();
  });

  it('shows another worker of the unit none of it: neither the steps nor the reviews nor a case out of their reach', async () => {
    const { context, page } = await openPage();
    await signInFully(page, otherWorker.email, otherWorker.password);
    await openToday(page);
    // Each empty list says what would show there.
    for (const [section, empty] of [
      [/^Urgent cases/, /^No urgent cases and no crisis flags\./],
      [/^Plan steps due/, 'No steps due today. Plans you are responsible for show their steps here.'],
      [/^Plan reviews coming up/, /^No plan reviews coming up\./],
    ] as const) {
      await page.getByRole('region', { name: section }).getByText(empty).waitFor();
    }
    await expect(page.getByText(crisisCase.caseNumber).count()).resolves.toBe(0);
    await expect(page.getByText(planCase.caseNumber).count()).resolves.toBe(0);
    await context.close();
  });
});

describe('what a case offers', () => {
  it('offers the responsible worker no reassigning, ending the crisis or signing the decision – the server would refuse', async () => {
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/cases/${crisisCase.id}/crisis`);
    await page.getByRole('heading', { level: 2, name: /^Open crisis/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Record support sought' }).waitFor();
    await expect(page.getByRole('button', { name: 'Close the crisis' }).count()).resolves.toBe(0);
    await page.goto(`/cases/${crisisCase.id}`);
    await page.getByRole('heading', { level: 2, name: 'Open crisis' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Change stage' }).waitFor();
    await expect(page.getByRole('button', { name: 'Reassign the case' }).count()).resolves.toBe(0);
    // The stages offered are the server's: the responsible worker moves the case on, but does not close it.
    await expect(page.getByLabel('Move to').locator('option').allTextContents()).resolves.toEqual(['Choose…', 'Planning']);

    await page.goto(`/cases/${crisisCase.id}/decisions`);
    await page.getByRole('region', { name: /^Draft decision/ }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await expect(page.getByRole('button', { name: 'Sign the decision' }).count()).resolves.toBe(0);
    await page.getByText('Someone with decision authority at this agency signs the decision; your role does not have it.').waitFor();
    await expectAccessible(page, 'a draft decision the reader may not sign');
    await context.close();
  });

  it('offers a supervisor reassigning, ending the crisis and signing the decision, and reassigning works', async () => {
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.goto(`/cases/${crisisCase.id}/crisis`);
    await page.getByRole('button', { name: 'Close the crisis' }).waitFor();
    await page.goto(`/cases/${crisisCase.id}`);
    await page.getByRole('heading', { level: 2, name: 'Open crisis' }).waitFor();
    await expect(page.getByLabel('Move to').locator('option').allTextContents()).resolves.toEqual(['Choose…', 'Planning', 'Closed']);

    const reassign = page.getByRole('region', { name: 'Reassign the case' });
    await reassign.getByLabel('New responsible worker').locator('option', { hasText: 'Odd Other' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'a case page with supervision actions');
    await expectNoSidewaysScroll(page, 'a case page with supervision actions');
    // Without a worker or reason, the form says what is missing before anything is sent.
    await reassign.getByRole('button', { name: 'Reassign the case' }).click();
    await page.getByRole('link', { name: /^New responsible worker/ }).waitFor();
    await reassign.getByLabel('New responsible worker').selectOption({ label: 'Odd Other' });
    await reassign.getByLabel('Reason').fill('Tora is on leave for a month');
    await reassign.getByRole('button', { name: 'Reassign the case' }).click();
    await page.getByText('Odd Other is now the responsible worker for the case.').waitFor();

    await page.goto(`/cases/${crisisCase.id}/decisions`);
    await page
      .getByRole('region', { name: /^Draft decision/ })
      .getByRole('button', { name: 'Sign the decision' })
      .waitFor();
    await expect(page.locator(`#decision-${decisionId}`).count()).resolves.toBe(1);
    await context.close();
  });
});
