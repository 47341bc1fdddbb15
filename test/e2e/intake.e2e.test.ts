import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let intake: CreatedStaff;
let worker: CreatedStaff;
let firstUnitName = '';
/** The case opened in the first journey, for the agency head's signature. */
let casePath = '';

async function openFromNavigation(page: Page, link: string, title: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/**
 * A request recorded without a person (through the API), opened by the intake worker with the
 * registration form shown; returns the API client too, for checking what was saved.
 */
async function registerOnNewRequest(body: Record<string, unknown>) {
  const api = new ApiClient(server().app);
  await api.signIn(intake.email, intake.password);
  const created = await api.post('/requests', body);
  expect(created.statusCode).toBe(201);
  const { context, page } = await openPage();
  await signInFully(page, intake.email, intake.password);
  await page.goto(`/intake/${created.json().id}`);
  await page.getByRole('heading', { level: 1, name: `Request ${created.json().receiptNumber}` }).waitFor();
  const linking = page.getByRole('region', { name: 'Who is this request about?' });
  await linking.getByRole('button', { name: 'Register a person' }).click();
  return { api, requestId: created.json().id as string, context, page, linking };
}

beforeAll(async () => {
  const { db, app } = server();
  const unitId = await firstUnitId(db);
  await db.execute(
    sql`UPDATE agency SET catchment_regions = '{Harbour}', service_categories = '{housing,family support}',
        address = 'Kaiveien 1, 5003 Harbour', phone = '+47 55 55 00 00', email = 'post@harbour-family.example'`,
  );
  intake = await server().createStaff({ roles: ['intake_worker'], unitId, displayName: 'Ida Intake' });
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Cai Caseworker' });
  await server().createStaff({ roles: ['agency_head'], unitId, displayName: 'Cato Head' });
  const [first] = (await db.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${unitId}`)).rows;
  firstUnitName = first!.name;
  const [other] = (await db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Legal aid service') RETURNING id`))
    .rows;
  await server().createStaff({ roles: ['case_worker'], unitId: other!.id, displayName: 'Carla Elsewhere' });
  // Someone already registered, with the same name and birth date as the caller.
  const api = new ApiClient(app);
  await api.signIn(intake.email, intake.password);
  const existing = await api.post('/persons', {
    givenName: 'Maria',
    familyName: 'Olsen',
    birthDate: '1985-04-12',
    phones: ['+47 900 11 222'],
  });
  expect(existing.statusCode).toBe(201);
  const admin = await server().createStaff({ roles: ['administrator'] });
  const adminApi = new ApiClient(app);
  await adminApi.signIn(admin.email, admin.password);
  const entry = await adminApi.post('/referral-directory', {
    name: 'Northside Family Office',
    regions: ['Northside'],
    services: ['family support'],
  });
  expect(entry.statusCode).toBe(201);
  const partner = await adminApi.post('/partner-organisations', {
    name: 'Northside Tenants Union',
    contactPerson: 'Nils Nord',
    phone: '+47 23 45 67 89',
    services: ['tenancy advice'],
    regions: ['Northside'],
  });
  expect(partner.statusCode).toBe(201);
});

describe('intake', () => {
  it('an intake worker takes a phone request, finds the caller already registered, accepts, and the case reaches the worker', async () => {
    const { context, page } = await openPage();
    await signInFully(page, intake.email, intake.password);

    await openFromNavigation(page, 'Intake queue', 'Intake queue');
    await waitForLoaded(page);
    await expectAccessible(page, 'the intake queue');

    await openFromNavigation(page, 'New request', 'New request');
    await waitForLoaded(page);
    await page.getByLabel('Channel').selectOption({ label: 'Phone' });
    await page.getByLabel("In the person's own words").fill('My landlord says I must leave the flat by Friday.');
    await page.getByLabel('Main problem').fill('Eviction');
    await page.getByLabel('Service category').fill('housing');
    await page.getByLabel('Region where the person lives').fill('Harbour');
    await page.getByLabel('The person has been told what we do, our rules and about confidentiality').check();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await expectAccessible(page, 'the new request form');

    // The draft survives a reload.
    await page.reload();
    await expect
      .poll(() => page.getByLabel("In the person's own words").inputValue())
      .toBe('My landlord says I must leave the flat by Friday.');
    await expect(page.getByLabel('Main problem').inputValue()).resolves.toBe('Eviction');

    // Triage: any yes makes the request urgent.
    await page.getByLabel('Danger to life').check();
    await page.getByText('A yes to any triage question makes this request urgent').waitFor();
    await page.getByLabel('Danger to life').uncheck();

    // Registering the caller: the same name and birth date are already registered.
    await page.getByRole('button', { name: 'Register a person' }).click();
    await page.getByLabel('Given name').fill('Maria');
    await page.getByLabel('Family name').fill('Olsen');
    await page.getByLabel('Birth date', { exact: true }).fill('1985-04-12');
    const duplicates = page.getByRole('region', { name: 'Possibly already registered' });
    await duplicates.getByText('same birth date').waitFor();
    await duplicates.getByText(/name 100 % similar/).waitFor();
    // Right after the name and birth date fields, not below the rest of the form, and said politely to screen readers.
    const top = async (locator: ReturnType<Page['getByLabel']>) => (await locator.boundingBox())!.y;
    expect(await top(duplicates)).toBeGreaterThan(await top(page.getByLabel('How exact is the birth date?')));
    expect(await top(duplicates)).toBeLessThan(await top(page.getByLabel('Sex', { exact: true })));
    await expect(duplicates.locator('[aria-live="polite"]').textContent()).resolves.toBe('1 person already registered may be the same.');
    await duplicates.screenshot({ path: path.join(screenshots, 'intake-duplicate-warning.png') });
    await expectAccessible(page, 'registration with a duplicate warning');

    // Registering anyway is refused until the worker decides.
    await page.getByRole('button', { name: 'Register person' }).click();
    await page.getByText('Not registered: someone very similar is already registered.').waitFor();

    await duplicates.getByRole('button', { name: 'Use this person: Maria Olsen' }).click();
    await page.getByText('This request is about Maria Olsen.').waitFor();
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request R-/ }).waitFor();
    await page.getByText(/Request R-.* has been recorded\./).waitFor();
    await expectAccessible(page, 'the request page');

    // The draft is gone after the request was recorded.
    await openFromNavigation(page, 'New request', 'New request');
    await waitForLoaded(page);
    await expect(page.getByLabel("In the person's own words").inputValue()).resolves.toBe('');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /^Request R-/ }).waitFor();

    // Accept: unit and responsible worker.
    await page.getByLabel('Accept (open a case)').check();
    await expect(page.getByLabel('Responsible worker').locator('option').count()).resolves.toBe(1);
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: firstUnitName });
    // Only staff of the unit who take cases: not the agency head, nor a worker of another unit.
    await expect
      .poll(() => page.getByLabel('Responsible worker').locator('option').allTextContents())
      .toEqual(['Choose…', 'Cai Caseworker', 'Ida Intake']);
    await page.getByLabel('Find a worker').fill('Cai');
    await expect.poll(() => page.getByLabel('Responsible worker').locator('option').count()).toBe(2);
    await page.getByLabel('Responsible worker').selectOption({ label: 'Cai Caseworker' });
    await page.getByRole('button', { name: 'Accept and open a case' }).click();
    await page.getByText('The request has been accepted and a case opened.').waitFor();
    // The case is Cai's: the intake worker is told who holds it, and is offered no link they could not follow.
    await page.getByText(/^Case TIL-\d{4}-\d{6} is held by Cai Caseworker, /).waitFor();
    await expect(page.getByRole('link', { name: 'Open the case' }).count()).resolves.toBe(0);
    await page
      .getByRole('region', { name: 'Details', exact: true })
      .screenshot({ path: path.join(screenshots, 'intake-accepted-case-holder.png') });
    await context.close();

    // The responsible worker sees the case in their caseload and opens it.
    const second = await openPage();
    await signInFully(second.page, worker.email, worker.password);
    await openFromNavigation(second.page, 'My caseload', 'My caseload');
    await waitForLoaded(second.page);
    const row = second.page.getByRole('row').filter({ hasText: 'Maria Olsen' });
    await expect(row.count()).resolves.toBe(1);
    await expectAccessible(second.page, 'the caseload');
    await row.getByRole('link').click();
    await second.page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    await second.page.getByText('Maria Olsen').waitFor();
    await expectAccessible(second.page, 'the case page');

    // Move the case on to assessment.
    await second.page.getByLabel('Move to').selectOption({ label: 'Assessment' });
    await second.page.getByRole('button', { name: 'Change stage' }).click();
    await second.page.getByText('The case is now in the stage: Assessment.').waitFor();

    // A service agreement, signed by the person on screen.
    await second.page.getByRole('button', { name: 'Create a service agreement' }).click();
    await second.page.getByRole('region', { name: 'Service agreements' }).getByText('Awaiting signatures', { exact: false }).waitFor();
    await second.page.getByLabel('Who signs').selectOption({ label: 'The person' });
    await second.page.getByLabel('How').selectOption({ label: 'Drawn on screen' });
    const pad = second.page.getByRole('img', { name: 'Signature' });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await second.page.mouse.move(box.x + 20, box.y + 40);
    await second.page.mouse.down();
    await second.page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await second.page.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
    await second.page.mouse.up();
    await expectAccessible(second.page, 'signing an agreement');
    await second.page.getByRole('button', { name: 'Record signature' }).click();
    await second.page.getByText(/The person: Drawn on screen/).waitFor();
    await second.page.getByText('Still to sign: The agency head').waitFor();
    casePath = new URL(second.page.url()).pathname;
    await second.context.close();
  });

  it('a walk-in from outside the region is referred elsewhere, and the letter opens', async () => {
    const { context, page } = await openPage();
    await signInFully(page, intake.email, intake.password);
    await openFromNavigation(page, 'New request', 'New request');
    await waitForLoaded(page);
    await page.getByLabel('Channel').selectOption({ label: 'Walk-in' });
    await page.getByLabel('Label for an anonymous contact').fill('visitor at the front desk');
    await page.getByLabel("In the person's own words").fill('I need help for my family.');
    await page.getByLabel('Service category').fill('family support');
    await page.getByLabel('Region where the person lives').fill('Northside');
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.getByRole('heading', { level: 1, name: /^Request R-/ }).waitFor();
    await page.getByText("Northside is outside the agency's catchment area").waitFor();

    await expect(page.getByLabel('Refer elsewhere').isChecked()).resolves.toBe(true);
    await page.getByLabel('Find an organisation').fill('Northside');
    await expect
      .poll(() => page.getByLabel('Organisation from the directory').locator('option', { hasText: 'Northside Family Office' }).count())
      .toBe(1);
    // The agency's partner organisations are in the list too, with what they offer and whom to call.
    await page.getByLabel('Organisation from the directory').selectOption({ label: 'Northside Tenants Union (Northside)' });
    await page.getByText('Partner organisation of the agency').waitFor();
    await page.getByText('tenancy advice').waitFor();
    await page.getByText('Nils Nord').waitFor();
    await expectAccessible(page, 'a partner organisation chosen to refer to');
    await page.getByLabel('Organisation from the directory').selectOption({ label: 'Northside Family Office (Northside)' });
    await expect(page.getByLabel('Reason for referral').inputValue()).resolves.toBe('out_of_region');
    await page.getByRole('button', { name: 'Refer elsewhere' }).click();
    await page.getByText('The request has been referred elsewhere.').waitFor();
    await expectAccessible(page, 'a referred request');

    const [letter] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: /Open the referral letter/ }).click(),
    ]);
    await letter.waitForLoadState();
    await expect(letter.content()).resolves.toContain('Northside Family Office');
    // The receiver can reach the agency: its address, phone and e-mail from the agency settings.
    await letter.getByText('Phone: +47 55 55 00 00').waitFor();
    await letter.screenshot({ path: path.join(screenshots, 'referral-letter.png'), fullPage: true });

    await page.getByLabel('Note (optional)').fill('Confirmed by phone with the office.');
    await page.getByRole('button', { name: 'Arrived', exact: true }).click();
    await page.getByText('Recorded: the person arrived.').waitFor();
    await page.getByText(/Confirmed by phone with the office\./).waitFor();

    // The intake interview record.
    await page.getByLabel('Purpose of the interview').fill('Find out what help the family needs.');
    await page.getByLabel('1. Is the person willing to work on the problem?').selectOption({ label: 'Actively' });
    await page.getByRole('button', { name: 'Save interview record' }).click();
    await page.getByText('The interview record has been saved.').waitFor();
    await page.getByLabel('Course of the interview').fill('Calm; the visitor brought letters from the school.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The interview record has been saved.').waitFor();
    await context.close();
  });

  it('a supervisor is alerted to an urgent request and sees the day, the unit and search', async () => {
    const supervisor = await server().createStaff({
      roles: ['supervisor'],
      unitId: await firstUnitId(server().db),
      displayName: 'Sana Supervisor',
    });
    const api = new ApiClient(server().app);
    await api.signIn(intake.email, intake.password);
    const urgent = await api.post('/requests', {
      channel: 'phone',
      ownWords: 'My neighbour is threatening me',
      triage: { dangerToLife: true },
    });
    expect(urgent.statusCode).toBe(201);

    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.getByRole('link', { name: 'Alerts (1 unread)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await page.getByText('Urgent request').waitFor();
    await expectAccessible(page, 'alerts');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('The alert has been dismissed.').waitFor();
    await page.getByRole('link', { name: 'Alerts (0 unread)' }).waitFor();

    await openFromNavigation(page, 'Today', 'Today');
    await waitForLoaded(page);
    await page.getByRole('link', { name: urgent.json().receiptNumber }).waitFor();
    await expectAccessible(page, 'today');

    await openFromNavigation(page, 'Intake queue', 'Intake queue');
    await waitForLoaded(page);
    await expect(page.getByRole('row').nth(1).getByText('Urgent').count()).resolves.toBe(1);

    await openFromNavigation(page, 'My unit', 'My unit');
    await waitForLoaded(page);
    await expectAccessible(page, 'the unit overview');

    await openFromNavigation(page, 'Search', 'Search');
    await page.getByLabel('Name, birth date, case number, phone or national ID').fill('Olsen');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.getByRole('rowheader', { name: 'Maria Olsen' }).waitFor();
    await expectAccessible(page, 'search results');
    await context.close();
  });

  it('on a request without a person, the worker registers a namesake as a different person and links them', async () => {
    const { context, page, linking } = await registerOnNewRequest({
      channel: 'letter_email',
      ownWords: 'Please call me back about my benefits.',
      anonymousLabel: 'letter 12',
    });
    await linking.getByLabel('Given name').fill('Maria');
    await linking.getByLabel('Family name').fill('Olsen');
    await linking.getByLabel('Birth date', { exact: true }).fill('1985-04-12');
    await linking.getByLabel('Phone numbers').fill('+47 411 22 333');
    await linking.getByRole('button', { name: 'Maria Olsen is a different person' }).click();
    await linking.getByText('Marked as a different person.').waitFor();
    await linking.getByRole('button', { name: 'Register person' }).click();
    await page.getByText('The request is now linked to Maria Olsen.').waitFor();
    await expect(page.getByRole('region', { name: 'Who is this request about?' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'a request with a newly registered person');
    await context.close();
  });

  it('a person registered with gender identity, ID country and other services keeps them, and an edit saves them again', async () => {
    await server().db.execute(sql`UPDATE agency SET national_id_countries = '{NO,SE}'`);
    const { api, requestId, context, page, linking } = await registerOnNewRequest({
      channel: 'phone',
      ownWords: 'I need help with my rent.',
      anonymousLabel: 'caller about rent',
    });
    await linking.getByLabel('Given name').fill('Sara');
    await linking.getByLabel('Family name').fill('Lindqvist');
    await linking.getByLabel('Birth date', { exact: true }).fill('1981-12-28');
    await linking.getByLabel('Gender identity').fill('non-binary');
    await linking.getByLabel('National identity number').fill('811228-9875');
    // The countries the agency checks come first.
    const country = linking.getByLabel('Country that issued the ID');
    await expect
      .poll(() => country.locator('optgroup[label="Checked by the agency"] option').allTextContents())
      .toEqual(['Norway', 'Sweden']);
    await country.selectOption({ label: 'Sweden' });
    await linking.getByLabel('Known to other services').fill('Housing office in Harbour (rent arrears).');

    // The server checks the Swedish number and says so at the field.
    await linking.getByRole('button', { name: 'Register person' }).click();
    await linking.locator('#person-nationalId-error').getByText('Not a valid national ID for SE').waitFor();
    await linking.getByLabel('National identity number').fill('811228-9874');
    await linking.getByRole('button', { name: 'Register person' }).click();
    await page.getByText('The request is now linked to Sara Lindqvist.').waitFor();

    const request = (await api.get(`/requests/${requestId}`)).json();
    const registered = (await api.get(`/persons/${request.personId}`)).json();
    expect(registered).toMatchObject({
      genderIdentity: 'non-binary',
      nationalId: '19811228-9874',
      nationalIdCountry: 'SE',
      knownToOtherServices: 'Housing office in Harbour (rent arrears).',
    });

    // Editing shows the saved values and sends them all back.
    const details = page.getByRole('region', { name: "The person's details" });
    await details.getByRole('button', { name: 'Edit the details of Sara Lindqvist' }).click();
    await expect(details.getByLabel('Gender identity').inputValue()).resolves.toBe('non-binary');
    await expect(details.getByLabel('Country that issued the ID').inputValue()).resolves.toBe('SE');
    await details.getByLabel('Gender identity').fill('woman');
    await details.getByLabel('Known to other services').fill('Housing office in Harbour (rent arrears); school nurse.');
    await expectAccessible(page, 'editing a person');
    await details.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The details of Sara Lindqvist have been saved.').waitFor();

    await page.reload();
    await page
      .getByRole('region', { name: "The person's details" })
      .getByRole('button', { name: 'Edit the details of Sara Lindqvist' })
      .click();
    await expect(details.getByLabel('Known to other services').inputValue()).resolves.toBe(
      'Housing office in Harbour (rent arrears); school nurse.',
    );
    await expect(details.getByLabel('Gender identity').inputValue()).resolves.toBe('woman');
    await expect(details.getByLabel('Country that issued the ID').inputValue()).resolves.toBe('SE');
    const edited = (await api.get(`/persons/${request.personId}`)).json();
    expect(edited).toMatchObject({
      version: 2,
      genderIdentity: 'woman',
      nationalIdCountry: 'SE',
      nationalId: '19811228-9874',
      knownToOtherServices: 'Housing office in Harbour (rent arrears); school nurse.',
    });
    await context.close();
  });

  it('the agency head signs the agreement electronically', async () => {
    expect(casePath).toMatch(/^\/cases\//);
    const head = await server().createStaff({ roles: ['agency_head'], displayName: 'Hanne Head' });
    const { context, page } = await openPage();
    await signInFully(page, head.email, head.password);
    await page.goto(casePath);
    await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    await page.getByText('You sign electronically as agency head.').waitFor();
    await page.getByRole('button', { name: 'Record signature' }).click();
    await page.getByText(/Signed – English/).waitFor();
    await page.getByText(/The agency head: Electronic/).waitFor();
    await expectAccessible(page, 'a signed agreement');
    await context.close();
  });
});
