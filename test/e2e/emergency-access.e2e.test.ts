import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const REASON = 'She rang the night line from a stairwell; I need her safety plan now';

describe('break-the-glass', () => {
  it('a worker of another unit opens a case in an emergency with a reason, and the auditor finds the opening listed', async () => {
    const unitId = await firstUnitId(server().db);
    const otherUnitId = (
      await server().db.execute<{ id: string }>(sql`SELECT id FROM units WHERE id <> ${unitId} AND agency_id = 1 LIMIT 1`)
    ).rows[0]!.id;
    const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
    const worker = await server().createStaff({ roles: ['case_worker'], unitId });
    const outsider = await server().createStaff({ roles: ['case_worker'], unitId: otherUnitId, displayName: 'Nora Nattvakt' });
    const auditor = await server().createStaff({ roles: ['auditor'] });
    const api = new ApiClient(server().app);
    await api.signIn(supervisor.email, supervisor.password);
    const person = (await api.post('/persons', { givenName: 'Ingrid', familyName: 'Nødstrøm' })).json();
    const theCase = (await api.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();

    const { context, page } = await openPage();
    await signInFully(page, outsider.email, outsider.password);
    await page.goto(`/cases/${theCase.id}`);
    await page.getByText('This case was not found, or it is not among the cases you may open').waitFor();
    const form = page.getByRole('region', { name: 'Open the case in an emergency' });
    await form.getByRole('button', { name: 'Open the case for an hour' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^What is the emergency\?/ })
      .click();
    await page.keyboard.type(REASON);
    await expectAccessible(page, 'the emergency opening form');
    await form.getByRole('button', { name: 'Open the case for an hour' }).click();
    await page.getByRole('heading', { level: 1, name: `Case ${theCase.caseNumber}` }).waitFor();
    await context.close();

    const asAuditor = await openPage();
    await signInFully(asAuditor.page, auditor.email, auditor.password);
    await asAuditor.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency openings' }).click();
    await asAuditor.page.getByRole('heading', { level: 1, name: 'Cases opened in an emergency' }).waitFor();
    await waitForLoaded(asAuditor.page);
    const row = asAuditor.page.getByRole('row').filter({ hasText: theCase.caseNumber });
    await row.getByText('Nora Nattvakt').waitFor();
    await row.getByText(REASON).waitFor();
    await expectAccessible(asAuditor.page, 'the list of emergency openings');
    await asAuditor.page.screenshot({ path: path.join(screenshots, 'emergency-openings-1280.png'), fullPage: true });
    await asAuditor.page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(asAuditor.page, 'the list of emergency openings on a phone');
    await asAuditor.page.screenshot({ path: path.join(screenshots, 'emergency-openings-390.png'), fullPage: true });
    expect(await row.count()).toBe(1);
    await asAuditor.context.close();
  });
});
