import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import type { CreatedStaff } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');

let admin: CreatedStaff;
let worker: CreatedStaff;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  admin = await server().createStaff({ roles: ['administrator'], displayName: 'Agnes Admin' });
  worker = await server().createStaff({ roles: ['case_worker'], displayName: 'Wenche Worker' });
  const client = await signedInClient(server().app, admin);
  const agency = (await client.get('/agency')).json() as Record<string, unknown>;
  const { name, caseNumberPrefix, languages, mfaRequiredRoles, idleTimeoutMinutes, absoluteTimeoutHours, version } = agency;
  await client.put('/agency', {
    ...{ name, caseNumberPrefix, languages, mfaRequiredRoles, idleTimeoutMinutes, absoluteTimeoutHours, version },
    serviceCategories: ['Housing', 'Debt advice'],
    catchmentRegions: ['Sorrel district'],
  });
  await client.post('/partner-organisations', {
    name: 'Nordlys Frivilligsentral',
    contactPerson: null,
    phone: null,
    email: null,
    address: null,
    services: [],
    regions: [],
  });
});

describe('the service directory', () => {
  it('an administrator adds a service with its hours and verifies it; a worker finds it by kind and opening hours, and not on a Sunday', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, admin.email, admin.password);
    await page.goto('/directory');
    await page.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    await page.getByText('No service matches.').waitFor();

    const add = page.getByRole('region', { name: 'Add a service' });
    await add.getByLabel('Name of the service').fill('Bostedsrådgivning');
    await add.getByRole('group', { name: 'Kinds of service' }).getByLabel('Housing').check();
    await add.getByRole('group', { name: 'Areas' }).getByLabel('Sorrel district').check();
    await add.getByRole('button', { name: 'Add opening hours' }).click();
    const hours = add.getByRole('group', { name: 'Days, hours 1' });
    await hours.getByLabel('Tue').check();
    await hours.getByLabel('Thu').check();
    await add.getByLabel('Closes').fill('19:00');
    await add.getByLabel('Street and number').fill('Storgata 5');
    await add.getByLabel('Postcode').fill('9008');
    await add.getByLabel('Town or city').fill('Tromsø');
    await add.getByLabel('Country').fill('NO');
    await add.getByRole('button', { name: 'Add the service' }).click();
    await add.getByText('Bostedsrådgivning has been added.').waitFor();

    const card = page.getByRole('region', { name: 'Bostedsrådgivning' });
    await card.getByText('Never verified').waitFor();
    await expect(card.getByText('Tue and Thu 09:00–19:00').count()).resolves.toBe(1);
    await card.getByRole('button', { name: 'Verified with the partner today Bostedsrådgivning' }).click();
    await page.getByText('Bostedsrådgivning is recorded as verified today.').waitFor();
    await expect(
      page
        .getByRole('region', { name: 'Bostedsrådgivning' })
        .getByText(/^Verified (?!with)/)
        .count(),
    ).resolves.toBe(1);
    await expectAccessible(page, 'the service directory, as an administrator');
    const tabular = await page.request.get('/api/v1/directory/export?format=tabular');
    expect(tabular.status()).toBe(200);
    expect(tabular.headers()['content-type']).toBe('application/zip');
    await context.close();

    const asWorker = await openPage();
    await asWorker.page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(asWorker.page, worker.email, worker.password);
    await asWorker.page.getByRole('link', { name: 'Service directory' }).click();
    const search = asWorker.page.getByRole('region', { name: 'Find a service' });
    await search.getByLabel('Kind of service').selectOption('Housing');
    await search.getByLabel('Open on').selectOption({ label: 'Thu' });
    await search.getByLabel('Open at').fill('18:30');
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await asWorker.page.getByRole('heading', { level: 3, name: 'Bostedsrådgivning' }).waitFor();
    await expect(asWorker.page.getByRole('region', { name: 'Add a service' }).count()).resolves.toBe(0);
    await asWorker.page.screenshot({ path: path.join(screenshots, 'service-directory-1280.png'), fullPage: true });

    await search.getByLabel('Open on').selectOption({ label: 'Sun' });
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await asWorker.page.getByText('No service matches.').waitFor();
    await expectAccessible(asWorker.page, 'the service directory, as a worker');

    await asWorker.page.setViewportSize({ width: 390, height: 844 });
    await search.getByRole('button', { name: 'Clear the search' }).click();
    await asWorker.page.getByRole('heading', { level: 3, name: 'Bostedsrådgivning' }).waitFor();
    await expectNoSidewaysScroll(asWorker.page, 'the service directory at 390 px');
    await asWorker.page.screenshot({ path: path.join(screenshots, 'service-directory-390.png'), fullPage: true });
    await asWorker.context.close();
  });
});
