import { describe, expect, it } from 'vitest';
import { runReminders } from '../../src/areas/reminder/reminder.service.ts';
import { ApiClient } from '../support/api-client.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

describe('reminders', () => {
  it('a contact today reaches the worker as an alert that leads to the case’s contacts, and e-mail is theirs to turn on', async () => {
    const unitId = await firstUnitId(server().db);
    const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
    const worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Mona Minner' });
    const sup = new ApiClient(server().app);
    await sup.signIn(supervisor.email, supervisor.password);
    const person = (await sup.post('/persons', { givenName: 'Mia', familyName: 'Minnesen' })).json();
    const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
    const w = new ApiClient(server().app);
    await w.signIn(worker.email, worker.password);
    const today = new Date().toISOString().slice(0, 10);
    const planned = await w.post(`/cases/${theCase.id}/contacts`, {
      kind: 'home_visit',
      plannedOn: today,
      plannedTime: '23:45',
      placeKind: 'home',
    });
    expect(planned.statusCode, planned.body).toBe(201);
    await runReminders(server().db, null);

    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto('/alerts');
    const reminder = page.getByRole('listitem').filter({ hasText: 'A contact you take part in is today' });
    await reminder.getByText(`Case ${theCase.caseNumber} – Mia Minnesen`).waitFor();
    await expectAccessible(page, 'the alerts with a reminder');
    await reminder.getByRole('link', { name: 'Go to the contacts' }).click();
    await page.getByRole('heading', { level: 1, name: /^Contacts – case / }).waitFor();

    await page.goto('/account');
    await waitForLoaded(page);
    const mail = page.getByLabel('E-mail me when I have new reminders');
    await expect(mail.isChecked()).resolves.toBe(false);
    await mail.check();
    await page.getByRole('region', { name: 'Profile' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your profile has been saved.').waitFor();
    await page.reload();
    await expect(page.getByLabel('E-mail me when I have new reminders').isChecked()).resolves.toBe(true);
    await context.close();
  });
});
