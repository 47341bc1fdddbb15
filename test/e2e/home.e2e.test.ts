import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CASELOAD_LIMIT } from '../../src/areas/work/caseload.rules.ts';
import { calendarDateIn } from '../../src/core/calendar-date.ts';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId, type StaffInput } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

/** Far from the browser's Europe/Oslo, so a day counted in the wrong zone shows. */
const AGENCY_ZONE = 'Asia/Shanghai';
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let caseWorker: CreatedStaff;
let loadedWorker: CreatedStaff;
let supervisor: CreatedStaff;
let intakeWorker: CreatedStaff;
let head: CreatedStaff;
let administrator: CreatedStaff;
let partner: CreatedStaff;
let auditor: CreatedStaff;
let platformAdministrator: CreatedStaff;
let planCase: { id: string; caseNumber: string };
let overdueRequest: { id: string; receiptNumber: string };
let urgentRequest: { id: string; receiptNumber: string };

function day(n: number): string {
  const today = new Date(`${calendarDateIn(AGENCY_ZONE)}T00:00:00Z`);
  return new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
}

async function ok<T = { id: string; version: number }>(response: Promise<{ statusCode: number; json: () => unknown; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/** A case the supervisor opens for the case worker; its signed plan has a step due today. */
async function caseWithStepDueToday(api: ApiClient, unitId: string) {
  const person = await ok(api.post('/persons', { givenName: 'Sunniva', familyName: 'Steinsland', birthDate: '1979-09-21' }));
  const theCase = await ok<{ id: string; caseNumber: string }>(
    api.post('/cases', { personId: person.id, unitId, responsibleStaffId: caseWorker.id }),
  );
  const assessment = await ok(api.post(`/cases/${theCase.id}/assessments`, { assessedOn: day(-4) }));
  const need = await ok(
    api.post(`/assessments/${assessment.id}/needs`, {
      domain: 'finances',
      description: 'Debts in order',
      severity: 'high',
      identifiedOn: day(-4),
    }),
  );
  const goal = randomUUID();
  const content = {
    periodFrom: day(-3),
    periodTo: day(150),
    reviewDate: day(60),
    goals: [
      {
        id: goal,
        level: 'long_term',
        needId: need.id,
        description: 'Pays every bill on time with a budget of her own',
        indicator: 'Bills paid by their due date',
        baseline: 'Three bills in arrears',
        target: 'None in arrears',
        dueDate: day(120),
      },
    ],
    steps: [{ id: randomUUID(), goalId: goal, what: 'Draw up the monthly budget together', responsibleKind: 'worker', dueDate: day(0) }],
  };
  const draft = await ok(api.post(`/cases/${theCase.id}/plans`, { content }));
  const submitted = await ok(api.post(`/plans/${draft.id}/submit`, { version: draft.version }));
  await ok(
    api.post(`/plans/${draft.id}/signatures`, {
      signer: 'person',
      method: 'paper',
      witnessName: 'Vibeke Vitne',
      version: submitted.version,
    }),
  );
  return theCase;
}

beforeAll(async () => {
  const { db } = server();
  const unitId = await firstUnitId(db);
  await db.execute(sql`UPDATE agency SET time_zone = ${AGENCY_ZONE} WHERE id = 1`);
  const staff = (input: StaffInput) => server().createStaff(input);
  caseWorker = await staff({ roles: ['case_worker'], unitId, displayName: 'Kaja Kasus' });
  loadedWorker = await staff({ roles: ['case_worker'], unitId, displayName: 'Lars Lastet' });
  supervisor = await staff({ roles: ['supervisor'], unitId, displayName: 'Signe Soleng' });
  intakeWorker = await staff({ roles: ['intake_worker'], unitId, displayName: 'Ingrid Inntak' });
  head = await staff({ roles: ['agency_head'], displayName: 'Helge Holm' });
  partner = await staff({ roles: ['partner_provider'], displayName: 'Petra Partner' });
  auditor = await staff({ roles: ['auditor'], displayName: 'Aksel Revisor' });
  platformAdministrator = await staff({ roles: ['platform_administrator'], displayName: 'Pia Plattform' });
  // A new agency with nothing set up yet, not even a unit.
  const created = await db.execute<{ id: number }>(
    sql`INSERT INTO agency (name, case_number_prefix) VALUES ('Lindeberg Family Centre', 'LIN') RETURNING id`,
  );
  administrator = await staff({ roles: ['administrator'], agencyId: created.rows[0]!.id, displayName: 'Ada Admin' });

  const api = new ApiClient(server().app);
  await api.signIn(supervisor.email, supervisor.password);
  planCase = await caseWithStepDueToday(api, unitId);
  const person = await ok(api.post('/persons', { givenName: 'Mons', familyName: 'Mangfold' }));
  for (let i = 0; i <= DEFAULT_CASELOAD_LIMIT; i++)
    await ok(api.post('/cases', { personId: person.id, unitId, responsibleStaffId: loadedWorker.id }));

  const intake = new ApiClient(server().app);
  await intake.signIn(intakeWorker.email, intakeWorker.password);
  urgentRequest = await ok(
    intake.post('/requests', { channel: 'phone', ownWords: 'He says he will hurt me tonight', triage: { dangerToLife: true } }),
  );
  overdueRequest = await ok(intake.post('/requests', { channel: 'walk_in', ownWords: 'I need help with my rent' }));
  await db.execute(sql`UPDATE requests SET first_response_due_at = now() - interval '2 hours' WHERE id = ${overdueRequest.id}`);
});

/** Signs in and waits until every section of the home page has loaded. */
async function openHome(page: Page, who: CreatedStaff): Promise<void> {
  await signInFully(page, who.email, who.password);
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

/** axe's rules for the page's outline: headings that skip no level, landmarks each named apart. */
async function expectOrderedOutline(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(['heading-order', 'landmark-unique', 'page-has-heading-one']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

async function checkAndShoot(page: Page, role: string): Promise<void> {
  await expectAccessible(page, `the home page of the ${role}`);
  await expectOrderedOutline(page, `the home page of the ${role}`);
  await expectNoSidewaysScroll(page, `the home page of the ${role}`);
  await page.screenshot({ path: path.join(screenshots, `home-${role}.png`), fullPage: true });
}

const headingsOf = (page: Page) => page.getByRole('heading', { level: 2 }).allTextContents();

describe('the home page', () => {
  it('shows the case worker their day: the step due today linked to its case, the new case, and what would show in the empty lists', async () => {
    const { context, page } = await openPage();
    // While the day loads, each list keeps its place with a skeleton that says it is loading.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/work/today', async (route) => {
      await held;
      await route.continue();
    });
    await signInFully(page, caseWorker.email, caseWorker.password);
    const steps = page.getByRole('region', { name: /^Plan steps due/ });
    await steps.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    await expect(steps.getByRole('status').getAttribute('aria-busy')).resolves.toBe('true');
    await page.screenshot({ path: path.join(screenshots, 'home-case-worker-loading.png'), fullPage: true });
    release();
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);

    const dueToday = steps.getByRole('listitem').filter({ hasText: 'Draw up the monthly budget together' });
    await expect(dueToday.getByRole('link', { name: `Case ${planCase.caseNumber}` }).getAttribute('href')).resolves.toBe(
      `/cases/${planCase.id}`,
    );
    await expect(dueToday.getByRole('link', { name: 'Draw up the monthly budget together' }).getAttribute('href')).resolves.toBe(
      `/cases/${planCase.id}/plan`,
    );
    await expect(dueToday.getByText('overdue', { exact: true }).count()).resolves.toBe(0);
    const newCases = page.getByRole('region', { name: /^New cases assigned to me/ });
    await newCases.getByRole('link', { name: `Case ${planCase.caseNumber}` }).waitFor();
    await page
      .getByRole('region', { name: /^Urgent cases/ })
      .getByText(
        'No urgent cases and no crisis flags. Cases marked urgent, and cases where a questionnaire raised a crisis flag, show here.',
      )
      .waitFor();
    // Casework before requests for someone who does not decide on them; nothing of the unit or the agency.
    expect((await headingsOf(page)).map((h) => h.replace(/ \d+$/, ''))).toEqual([
      'Urgent cases',
      'Contacts today',
      'No-show follow-ups',
      'New cases assigned to me',
      'Plan steps due',
      'Plan reviews coming up',
      'Journal entries to sign',
      'Consents about to end',
      'Requests due',
      'Referral follow-ups',
    ]);
    await expect(page.getByRole('link', { name: 'Register a new request' }).getAttribute('href')).resolves.toBe('/intake/new');
    await expect(page.getByText('What is built so far').count()).resolves.toBe(0);
    await checkAndShoot(page, 'case-worker');

    await dueToday.getByRole('link', { name: `Case ${planCase.caseNumber}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Case ${planCase.caseNumber}`) }).waitFor();
    await context.close();
  });

  it('shows the intake worker the requests due first, the overdue one at the top and the urgent one marked, with registering a new one', async () => {
    const { context, page } = await openPage();
    await openHome(page, intakeWorker);
    const requests = page.getByRole('region', { name: /^Requests due/ });
    const items = requests.getByRole('listitem');
    await expect(items.first().textContent()).resolves.toContain(overdueRequest.receiptNumber);
    await items
      .first()
      .getByText(/^Overdue since /)
      .waitFor();
    const urgent = items.filter({ hasText: urgentRequest.receiptNumber });
    await urgent.getByText('Urgent', { exact: true }).waitFor();
    await expect(urgent.getByRole('link', { name: `Request ${urgentRequest.receiptNumber}` }).getAttribute('href')).resolves.toBe(
      `/intake/${urgentRequest.id}`,
    );
    expect((await headingsOf(page)).map((h) => h.replace(/ \d+$/, '')).slice(0, 2)).toEqual(['Urgent cases', 'Requests due']);
    await checkAndShoot(page, 'intake-worker');
    await requests.getByRole('link', { name: 'Register a new request' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/intake/new');
    await context.close();
  });

  it("shows the supervisor the unit's workload with the overloaded worker marked, and the unit's urgent work", async () => {
    const { context, page } = await openPage();
    await openHome(page, supervisor);
    const unit = page.getByRole('region', { name: "My unit's workload" });
    const loaded = unit.getByRole('row').filter({ hasText: 'Lars Lastet' });
    await loaded.getByText('Overloaded', { exact: true }).waitFor();
    await expect(loaded.getByRole('cell').first().textContent()).resolves.toBe(String(DEFAULT_CASELOAD_LIMIT + 1));
    await expect(unit.getByRole('row').filter({ hasText: 'Kaja Kasus' }).getByText('Overloaded', { exact: true }).count()).resolves.toBe(0);
    // The most loaded first.
    await expect(unit.getByRole('rowheader').first().textContent()).resolves.toContain('Lars Lastet');
    await unit.getByText(`1 worker holds more than ${DEFAULT_CASELOAD_LIMIT} open cases, the caseload limit.`).waitFor();
    await page
      .getByRole('region', { name: /^Requests due/ })
      .getByText(urgentRequest.receiptNumber)
      .waitFor();
    expect((await headingsOf(page)).map((h) => h.replace(/ \d+$/, '')).slice(0, 3)).toEqual([
      "My unit's workload",
      'Urgent cases',
      'Requests due',
    ]);
    await checkAndShoot(page, 'supervisor');
    // On a phone the workers' table becomes a card per worker.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, 'home-supervisor-390.png'), fullPage: true });
    await context.close();
  });

  it("shows the agency head the month's key figures in the agency's time zone, and no casework of their own", async () => {
    const { context, page } = await openPage();
    await openHome(page, head);
    const month = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: AGENCY_ZONE }).format(new Date());
    const figures = page.getByRole('region', { name: `Key figures for ${month}` });
    const figure = (name: string) =>
      figures
        .locator('.figures__item')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('dd');
    await expect(figure('Requests received').textContent()).resolves.toBe('2');
    await expect(figure('Cases opened').textContent()).resolves.toBe(String(DEFAULT_CASELOAD_LIMIT + 2));
    await expect(figure('Plans signed').textContent()).resolves.toBe('1');
    await expect(figure('Cases closed').textContent()).resolves.toBe('0');
    await expect(page.getByRole('region', { name: /^Plan steps due/ }).count()).resolves.toBe(0);
    // In no unit, and the agency's figures are there: no empty unit section.
    await expect(page.getByRole('region', { name: "My unit's workload" }).count()).resolves.toBe(0);
    await checkAndShoot(page, 'agency-head');
    await context.close();
  });

  it('shows the administrator the setup checklist, and the units line is done once a unit is added', async () => {
    const { context, page } = await openPage();
    await openHome(page, administrator);
    const checklist = page.getByRole('region', { name: 'Setting up the agency' });
    const line = (name: string) => checklist.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    await line('Units').getByText('To do', { exact: true }).waitFor();
    await line('Partner organisations').getByText('To do', { exact: true }).waitFor();
    await expect(line('Units').getByRole('link', { name: 'Units' }).getAttribute('href')).resolves.toBe('/admin/units');
    await checkAndShoot(page, 'administrator');

    await line('Units').getByRole('link', { name: 'Units' }).click();
    const createUnit = page.getByRole('region', { name: 'Add a unit' });
    await createUnit.getByLabel('Name').fill('Family counselling');
    await createUnit.getByRole('button', { name: 'Add unit' }).click();
    await page.getByText('The unit Family counselling has been added.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
    await line('Units').getByText('Done', { exact: true }).waitFor();
    await line('Units').getByText('1 active unit.').waitFor();
    await context.close();
  });

  it('shows the partner provider the voucher inbox, the auditor the audit tools and the platform administrator the agencies', async () => {
    const { context, page } = await openPage();
    await openHome(page, partner);
    const inbox = page.getByRole('region', { name: 'Vouchers addressed to you' });
    await inbox.getByText('No vouchers here.').waitFor();
    await inbox.getByText(/^Each voucher is a person the agency referred to your organisation/).waitFor();
    expect(await headingsOf(page)).toEqual(['Vouchers addressed to you']);
    await checkAndShoot(page, 'partner-provider');
    await context.close();

    const auditing = await openPage();
    await openHome(auditing.page, auditor);
    const audit = auditing.page.getByRole('region', { name: 'Audit' });
    await expect(audit.getByRole('link', { name: 'Access log' }).getAttribute('href')).resolves.toBe('/audit/access');
    await expect(audit.getByRole('link', { name: 'Chain check' }).getAttribute('href')).resolves.toBe('/audit/verify');
    await checkAndShoot(auditing.page, 'auditor');
    await auditing.context.close();

    const platform = await openPage();
    await openHome(platform.page, platformAdministrator);
    await platform.page
      .getByRole('region', { name: "The installation's agencies" })
      .getByRole('link', { name: 'Open the agencies' })
      .click();
    await expect.poll(() => new URL(platform.page.url()).pathname).toBe('/platform/agencies');
    await platform.page.goto('/');
    await platform.page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    await checkAndShoot(platform.page, 'platform-administrator');
    await platform.context.close();
  });
});
