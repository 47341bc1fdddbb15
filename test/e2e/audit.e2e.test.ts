import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditAction, auditEntityType } from '../../src/areas/audit/audit.contract.ts';
import { ApiClient } from '../support/api-client.ts';
import { sealEverything } from '../support/sealing.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, signInFully, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function ok<T = { id: string; version: number }>(response: Promise<{ statusCode: number; json: () => unknown; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

/** An invented person with a case whose service plan is put to her and signed by her on paper. */
async function personWithSignedPlan(
  api: ApiClient,
  unitId: string,
  responsibleStaffId: string,
): Promise<{ personId: string; caseId: string }> {
  const person = await ok(api.post('/persons', { givenName: 'Ylva', familyName: 'Innsyn', birthDate: '1979-09-14' }));
  const theCase = await ok(api.post('/cases', { personId: person.id, unitId, responsibleStaffId }));
  const assessment = await ok(api.post(`/cases/${theCase.id}/assessments`, { assessedOn: inDays(-3) }));
  const need = await ok(
    api.post(`/assessments/${assessment.id}/needs`, {
      domain: 'work_education',
      description: 'A job',
      severity: 'moderate',
      identifiedOn: inDays(-3),
    }),
  );
  const goal = randomUUID();
  const content = {
    periodFrom: inDays(-2),
    periodTo: inDays(180),
    reviewDate: inDays(60),
    goals: [
      {
        id: goal,
        level: 'long_term',
        needId: need.id,
        description: 'Works three days a week in a job she chose',
        indicator: 'Employment contract',
        baseline: 'No applications',
        target: 'Contract signed',
        dueDate: inDays(120),
      },
    ],
    steps: [{ id: randomUUID(), goalId: goal, what: 'Visit the job centre together', responsibleKind: 'worker', dueDate: inDays(14) }],
  };
  const draft = await ok(api.post(`/cases/${theCase.id}/plans`, { content }));
  const submitted = await ok(api.post(`/plans/${draft.id}/submit`, { version: draft.version }));
  await ok(
    api.post(`/plans/${draft.id}/signatures`, { signer: 'person', method: 'paper', witnessName: 'Vera Vitne', version: submitted.version }),
  );
  return { personId: person.id, caseId: theCase.id };
}

describe('audit', () => {
  it("an auditor sees who registered a person, and the page follows the reader's language", async () => {
    // A case worker registers a person (through the API, with the browser's session and CSRF token).
    const worker = await server().createStaff({ roles: ['case_worker'], displayName: 'Siri Olsen' });
    const workerBrowser = await openPage();
    await signInFully(workerBrowser.page, worker.email, worker.password);
    const session = (await (await workerBrowser.page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const created = await workerBrowser.page.request.post('/api/v1/persons', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { givenName: 'Testa', familyName: 'Fiktiv', birthDate: null },
    });
    expect(created.status()).toBe(201);
    const person = (await created.json()) as { id: string };
    await workerBrowser.context.close();

    const auditor = await server().createStaff({ roles: ['auditor'], displayName: 'Aud Auditor' });
    const { context, page } = await openPage();
    await signInFully(page, auditor.email, auditor.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access log' }).click();
    await page.getByLabel('Person identifier').fill(person.id);
    await page.getByRole('button', { name: 'Show access' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Siri Olsen' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Registered the person');
    await expect(row.textContent()).resolves.toContain('Case worker');
    await expectAccessible(page, 'access log with results');

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innsynslogg' }).waitFor();
    await expect(row.textContent()).resolves.toContain('Saksbehandler');
    await expect(row.textContent()).resolves.toContain('Registrerte personen');

    await context.close();
  });

  it('the access log says in words what was done with the records, a read of the case and a signature on the plan among them', async () => {
    const unitId = await firstUnitId(server().db);
    const supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Sigrun Supervisor' });
    const api = new ApiClient(server().app);
    await api.signIn(supervisor.email, supervisor.password);
    const { personId, caseId } = await personWithSignedPlan(api, unitId, supervisor.id);
    await ok(api.get(`/cases/${caseId}`));

    const auditor = await server().createStaff({ roles: ['auditor'] });
    const { context, page } = await openPage();
    await signInFully(page, auditor.email, auditor.password);
    await page.goto('/audit/access');
    await page.getByLabel('Person identifier').fill(personId);
    await page.getByRole('button', { name: 'Show access' }).click();
    const results = page.getByRole('region', { name: "Access to the person's records" });
    const read = results.getByRole('row').filter({ hasText: 'Read the case' });
    await read.first().waitFor();
    await expect(read.first().textContent()).resolves.toContain('Sigrun Supervisor');
    const signed = results.getByRole('row').filter({ hasText: 'Recorded a signature on the service plan' });
    await expect(signed.getByRole('cell', { name: 'Service plan', exact: true }).count()).resolves.toBe(1);

    // No row of the log shows a code where words belong: the action and the record columns.
    const codes = new Set<string>([...auditAction.options, ...auditEntityType.options]);
    const shown = await results
      .locator('tbody tr')
      .evaluateAll((rows) => rows.flatMap((tr) => [...tr.children].slice(3, 5).map((td) => td.textContent ?? '')));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((text) => codes.has(text))).toEqual([]);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByLabel('Language').selectOption('ru');
    await page
      .getByRole('region', { name: 'Доступ к записям клиента' })
      .getByRole('row')
      .filter({ hasText: 'Регистрация подписи под планом обслуживания' })
      .first()
      .waitFor();
    await context.close();
  });

  it('the chain check lists every broken event, by keyboard, readable at 390 px', async () => {
    const auditor = await server().createStaff({ roles: ['auditor'] });
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInFully(page, auditor.email, auditor.password);
    // The test server runs no sealer: the sign-in's events wait, unsealed, and the page says so.
    await page.goto('/audit/verify');
    await page.getByRole('button', { name: 'Check the audit chain' }).click();
    await page
      .getByRole('status')
      .getByText(/newer events are not sealed into the chain yet/)
      .waitFor();
    await expectAccessible(page, 'chain check with events not sealed yet');
    await sealEverything(server().db);
    const seqs = (
      await server().db.execute<{ seq: string }>(sql`SELECT seq::text AS seq FROM audit_events a ORDER BY a.chain_seq`)
    ).rows.map((r) => r.seq);
    const [changed, removed] = [seqs[0]!, seqs[seqs.length - 2]!];
    await server().db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_events SET action = 'person.erase' WHERE seq = ${changed}::bigint`);
      await tx.execute(sql`DELETE FROM audit_events WHERE seq = ${removed}::bigint`);
    });
    await page.goto('/audit/verify');
    const run = page.getByRole('button', { name: 'Check the audit chain' });
    await run.focus();
    await page.keyboard.press('Enter');
    const result = page.getByRole('status');
    await result.getByText('The audit chain is broken: 2 events do not fit.').waitFor();
    const items = await result.getByRole('listitem').allTextContents();
    expect(items).toEqual([
      `Event ${changed}: its content no longer matches its hash – the event was changed.`,
      `Event ${seqs[seqs.length - 1]}: its link to the event before it does not match – an event before it was removed, inserted or moved.`,
    ]);
    await expectAccessible(page, 'chain check with breaks');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await context.close();
  });
});
