import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let worker: CreatedStaff;
let partner: CreatedStaff;
let caseId = '';
let admin: CreatedStaff;

/** A case of an invented person with a signed plan: a budget-advice service and the step the partner carries out. */
beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const unitId = await firstUnitId(server().db);
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Wenche Worker' });
  const supervisor = await server().createStaff({ roles: ['supervisor'], unitId });
  admin = await server().createStaff({ roles: ['administrator'], displayName: 'Agnes Admin' });
  const org = (
    await (
      await signedInClient(server().app, admin)
    ).post('/partner-organisations', { name: 'Fjordlys Budsjettråd', recipientKinds: ['social_services'] })
  ).json();
  partner = await server().createStaff({ roles: ['partner_provider'], partnerOrganisationId: org.id, displayName: 'Petra Partner' });
  const sup = await signedInClient(server().app, supervisor);
  const person = (
    await sup.post('/persons', { givenName: 'Ragnhild', familyName: 'Kupongsen', birthDate: '1979-05-17', languages: ['nb'] })
  ).json();
  caseId = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json().id;
  const w = await signedInClient(server().app, worker);
  const assessment = (await w.post(`/cases/${caseId}/assessments`, { assessedOn: inDays(0) })).json();
  const need = (
    await w.post(`/assessments/${assessment.id}/needs`, {
      domain: 'housing',
      description: 'Rent arrears',
      severity: 'high',
      identifiedOn: inDays(0),
    })
  ).json();
  const draft = (
    await w.post(`/cases/${caseId}/plans`, {
      content: {
        periodFrom: inDays(0),
        periodTo: inDays(180),
        reviewDate: inDays(90),
        goals: [
          {
            id: randomUUID(),
            level: 'long_term',
            needId: need.id,
            description: 'Pays the rent on time every month',
            indicator: 'Months with the rent paid on time',
            baseline: '0 of the last 3',
            target: '6 in a row',
            dueDate: inDays(170),
          },
        ],
        steps: [{ id: randomUUID(), what: 'Budget advice at Fjordlys', responsibleKind: 'partner', dueDate: inDays(30) }],
        services: [{ id: randomUUID(), type: 'Budget advice', provider: 'Fjordlys Budsjettråd', frequency: 'weekly' }],
      },
    })
  ).json();
  const submitted = (await w.post(`/plans/${draft.id}/submit`, { version: draft.version })).json();
  const signed = await w.post(`/plans/${draft.id}/signatures`, {
    signer: 'person',
    method: 'paper',
    witnessName: 'Sigrid Supervisor',
    version: submitted.version,
  });
  expect(signed.json().status).toBe('active');
});

describe('a referral voucher, from the plan to the partner and back', () => {
  it('the worker issues it from the plan; the partner accepts it, registers two visits and returns it provided; the case shows the visits and the step done, and the person’s word is recorded', async () => {
    const asWorker = await openPage();
    const w = asWorker.page;
    await w.setViewportSize({ width: 1280, height: 900 });
    await signInFully(w, worker.email, worker.password);
    await w.goto(`/cases/${caseId}/plan`);
    await w.getByRole('heading', { level: 1, name: /^Service plan/ }).waitFor();
    await waitForLoaded(w);
    const panel = w.getByRole('region', { name: 'Referral vouchers' });
    await panel.getByText('No vouchers issued yet.').waitFor();
    await panel.getByRole('button', { name: 'Issue a voucher' }).click();
    await panel.getByLabel('Service of the plan').selectOption({ label: 'Budget advice' });
    await panel.getByLabel('Step it carries out').selectOption({ label: 'Budget advice at Fjordlys' });
    await panel.getByLabel('Partner', { exact: true }).selectOption({ label: 'Fjordlys Budsjettråd' });
    // No cooperation agreement with this partner yet: the worker is told before issuing.
    await panel.getByText(/has no cooperation agreement in force with this partner/).waitFor();
    await panel.getByLabel('Sessions', { exact: true }).fill('4');
    await panel.getByLabel('Reason for the referral', { exact: true }).fill('Rent arrears of three months');
    await panel.getByRole('button', { name: 'Issue the voucher' }).click();
    await panel.getByText(/^Voucher .+ issued\.$/).waitFor();
    const card = panel.getByRole('region', { name: /Budget advice$/ });
    await card.getByText('Issued – waiting for the partner').waitFor();
    await card.getByText('Nothing about the person – the voucher only').waitFor();
    const number = ((await card.getByRole('heading').textContent()) ?? '').split(' · ')[0]!;
    await expectAccessible(w, 'the plan page with a voucher issued');
    await w.screenshot({ path: path.join(screenshots, 'voucher-issued-1280.png'), fullPage: true });

    const asPartner = await openPage();
    const p = asPartner.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await signInFully(p, partner.email, partner.password);
    const inbox = p.getByRole('region', { name: 'Vouchers addressed to you' });
    await inbox.getByRole('link', { name: `${number} · Budget advice` }).waitFor();
    await inbox.getByText(/Person not disclosed/).waitFor();
    await expectNoSidewaysScroll(p, 'the partner’s inbox at 390 px');
    await expectAccessible(p, 'the partner’s inbox');
    await p.screenshot({ path: path.join(screenshots, 'partner-inbox-390.png'), fullPage: true });
    // The number the person brings finds the voucher.
    await inbox.getByLabel('Voucher number').fill(number.toLowerCase());
    await inbox.getByRole('button', { name: 'Find' }).click();
    await inbox.getByRole('link', { name: `${number} · Budget advice` }).click();
    await p.getByRole('heading', { level: 1, name: `Voucher ${number}` }).waitFor();
    await p.getByRole('button', { name: 'Accept' }).click();
    await p.getByText('You accepted the voucher.').waitFor();
    for (const [day, what] of [
      [inDays(-1), 'First budget session'],
      [inDays(0), 'Second budget session'],
    ] as const) {
      const visit = p.getByRole('form', { name: 'Register a visit' });
      await visit.getByLabel('Date of the visit').fill(day);
      await visit.getByLabel('What was given').fill(what);
      await visit.getByLabel('Duration in minutes').fill('45');
      await visit.getByRole('button', { name: 'Register the visit' }).click();
      await p.getByText('The visit is registered and sent to the agency.').waitFor();
      await p.getByText(new RegExp(what)).waitFor();
    }
    const provided = p.getByRole('form', { name: 'The service was provided' });
    await provided.getByLabel('What was provided, and how it went').fill('A budget she keeps; an arrears plan agreed with the landlord');
    await provided.getByRole('button', { name: 'Mark the service provided' }).click();
    await p.getByText('Marked as provided. Return the voucher when you are done.').waitFor();
    await expectAccessible(p, 'the partner’s voucher page');
    await expectNoSidewaysScroll(p, 'the partner’s voucher page at 390 px');
    await p.screenshot({ path: path.join(screenshots, 'partner-voucher-390.png'), fullPage: true });
    await p.getByRole('button', { name: 'Return the voucher to the agency' }).click();
    await p.getByText('The voucher is back with the agency.').waitFor();
    await asPartner.context.close();

    await w.reload();
    await waitForLoaded(w);
    const returned = w.getByRole('region', { name: 'Referral vouchers' }).getByRole('region', { name: /Budget advice$/ });
    await returned.getByText('Returned').waitFor();
    await returned.getByText(/First budget session/).waitFor();
    await returned.getByText(/Second budget session/).waitFor();
    await returned.getByText('A budget she keeps; an arrears plan agreed with the landlord').waitFor();
    const steps = w.getByRole('region', { name: 'Steps and progress' });
    await steps.getByText(/Fjordlys Budsjettråd: A budget she keeps/).waitFor();
    await returned.getByLabel("The person's own word").selectOption({ label: 'It helped' });
    await returned.getByLabel('In their words').fill('The letters are less frightening now');
    await returned.getByRole('button', { name: "Record the person's word" }).click();
    await w.getByText("The person's word is recorded.").waitFor();
    await returned.getByText('It helped – The letters are less frightening now').waitFor();
    await expectAccessible(w, 'the plan page with the voucher returned');
    await w.screenshot({ path: path.join(screenshots, 'voucher-returned-1280.png'), fullPage: true });
    await asWorker.context.close();
  });
});

describe('a cooperation agreement with the partner', () => {
  it('the administrator draws it up from the template, records both signatures and prints it; it is then in force', async () => {
    const { context, page } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInFully(page, admin.email, admin.password);
    await page.goto('/admin/partners');
    await page.getByRole('link', { name: 'Cooperation agreements Fjordlys Budsjettråd' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cooperation agreements – Fjordlys Budsjettråd' }).waitFor();
    await page.getByText('No agreement with this partner yet.').waitFor();
    const create = page.getByRole('region', { name: 'Draw up an agreement' });
    await create.getByLabel('Language of the agreement').selectOption('nb');
    await create.getByLabel('Last day').fill(inDays(365));
    await create.getByRole('button', { name: 'Draw up the agreement' }).click();
    await page.getByText(/The agreement is drawn up from the agency's text/).waitFor();
    const card = page.getByRole('region', { name: /^Agreement from / });
    await card.getByText('Draft').waitFor();
    await expect(card.getByLabel('Shared property').inputValue()).resolves.toMatch(/felles eiendom/);
    const sign = card.getByRole('form', { name: 'Record a signature' });
    await sign.getByLabel('Who signed').fill('Agnes Admin');
    await sign.getByRole('button', { name: 'Record the signature' }).click();
    await page.getByText('The signature is recorded.').waitFor();
    await card.getByText('Waiting for a signature').waitFor();
    await sign.getByLabel('Who signed').fill('Frida Fjordlys');
    await sign.getByRole('button', { name: 'Record the signature' }).click();
    await card.getByText('In force').waitFor();
    await expectAccessible(page, 'the cooperation agreements of a partner');
    await expectNoSidewaysScroll(page, 'the cooperation agreements page');
    await page.screenshot({ path: path.join(screenshots, 'cooperation-1280.png'), fullPage: true });
    const printed = await page.request.get((await card.getByRole('link', { name: 'Print the agreement' }).getAttribute('href'))!);
    expect(printed.status()).toBe(200);
    expect(await printed.text()).toContain('Samarbeidsavtale');
    await context.close();
  });
});
