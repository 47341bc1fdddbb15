import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import type { CreatedStaff } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

let southIntake: CreatedStaff;
let northSupervisor: CreatedStaff;

beforeAll(async () => {
  const units = (await server().db.execute<{ id: string }>(sql`SELECT id FROM units ORDER BY name LIMIT 2`)).rows;
  const [north, south] = [units[0]!.id, units[1]!.id];
  const northWorker = await server().createStaff({ roles: ['case_worker', 'intake_worker'], unitId: north, displayName: 'Nora North' });
  northSupervisor = await server().createStaff({ roles: ['supervisor'], unitId: north, displayName: 'Nils Northcliff' });
  southIntake = await server().createStaff({ roles: ['intake_worker'], unitId: south, displayName: 'Siri South' });
  const api = new ApiClient(server().app);
  await api.signIn(northWorker.email, northWorker.password);
  const known = await api.post('/persons', {
    givenName: 'Philippa',
    familyName: 'Grindlewood',
    birthDate: '1979-08-14',
    phones: ['+47 400 11 223'],
  });
  expect(known.statusCode).toBe(201);
  expect((await api.post('/cases', { personId: known.json().id, unitId: north, responsibleStaffId: northWorker.id })).statusCode).toBe(201);
});

describe('a possible duplicate out of reach', () => {
  it('is shown masked to a worker of another unit, in full only with a reason, and the registration asks the unit that knows her to link', async () => {
    const api = new ApiClient(server().app);
    await api.signIn(southIntake.email, southIntake.password);
    const request = (await api.post('/requests', { channel: 'phone', ownWords: 'I need a place to stay' })).json();
    const { context, page } = await openPage();
    await signInFully(page, southIntake.email, southIntake.password);
    await page.goto(`/intake/${request.id}`);
    const linking = page.getByRole('region', { name: 'Who is this request about?' });
    await linking.getByRole('button', { name: 'Register a person' }).click();
    await page.getByLabel('Given name').fill('Philippa');
    await page.getByLabel('Family name').fill('Grindlewood');
    await page.getByLabel('Birth date', { exact: true }).fill('1979-08-14');

    const duplicates = page.getByRole('region', { name: 'Possibly already registered' });
    await duplicates.getByText('P. G., born 1979').waitFor();
    await duplicates.getByText('You cannot open this record.').waitFor();
    await expect(duplicates.getByText('Philippa').count()).resolves.toBe(0);
    await expectAccessible(page, 'a masked duplicate');
    await expectNoSidewaysScroll(page, 'a masked duplicate');
    await page.screenshot({ path: 'test-results/masked-duplicate.png', fullPage: true });

    // To see more, the worker says why; a reason too short is refused, naming the field.
    await duplicates.getByRole('button', { name: 'Show the record of P. G., born 1979' }).click();
    const reason = duplicates.getByLabel(/Why you need to see it/);
    await reason.fill('check');
    await duplicates.getByRole('button', { name: 'Show', exact: true }).click();
    await duplicates.getByText('Say why you need to see this record, in at least 10 characters.').waitFor();
    await reason.fill('Same phone number as the caller on the line');
    await reason.press('Enter');
    await duplicates.getByText(/Shown: Philippa Grindlewood, born/).waitFor();

    // The same person: the unit that knows her is asked to link the records when she is registered here.
    await duplicates.getByRole('button', { name: 'Same person as P. G., born 1979: ask them to link the records' }).click();
    await duplicates.getByText('When you register, the units that know this person are asked to link the records.').waitFor();
    await page.getByRole('button', { name: 'Register person' }).click();
    await page.getByText('The request is now linked to Philippa Grindlewood.').waitFor();
    await context.close();

    // The supervisor who knows her links the two records, by keyboard.
    const north = await openPage();
    await signInFully(north.page, northSupervisor.email, northSupervisor.password);
    await north.page.goto('/link-requests');
    await north.page.getByRole('heading', { level: 1, name: 'Requests to link records' }).waitFor();
    await north.page.getByText('Siri South asks').waitFor();
    await expectAccessible(north.page, 'the link requests');
    await expectNoSidewaysScroll(north.page, 'the link requests');
    await north.page.screenshot({ path: 'test-results/link-requests-1280.png', fullPage: true });
    await north.page.setViewportSize({ width: 390, height: 844 });
    await north.page.screenshot({ path: 'test-results/link-requests-390.png', fullPage: true });
    await north.page.setViewportSize({ width: 1280, height: 800 });
    await north.page.getByLabel('Note (optional)').fill('Same phone and birth date');
    await north.page.getByRole('button', { name: 'Same person: link' }).focus();
    await north.page.keyboard.press('Enter');
    await north.page.getByText('The records are linked.').waitFor();
    await north.page.getByText('No open requests.').waitFor();
    await north.context.close();
  });
});
