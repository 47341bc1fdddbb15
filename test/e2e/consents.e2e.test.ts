import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import type { CreatedStaff } from '../support/server.ts';
import { firstUnitId } from '../support/server.ts';
import { expectAccessible, expectNoSidewaysScroll, pdfText, signInFully, waitForLoaded, withBrowserAndServer } from './helpers.ts';

const { server, openPage } = withBrowserAndServer();
const screenshots = path.resolve(import.meta.dirname, '../../data/screenshots');
const today = () => new Date().toISOString().slice(0, 10);
const HEALTH_NOTE = '她每天注射两次胰岛素';

let worker: CreatedStaff;
let supervisor: CreatedStaff;
let personId: string;
let caseId: string;

/**
 * A girl of fifteen (so her guardian co-signs), her case, a clinic among the partners, a signed note
 * on her health, and her consent (with her guardian's) that the clinic may know who she is.
 */
async function arrange() {
  const unitId = await firstUnitId(server().db);
  supervisor = await server().createStaff({ roles: ['supervisor'], unitId, displayName: 'Siri Supervisor' });
  const administrator = await server().createStaff({ roles: ['administrator'] });
  worker = await server().createStaff({ roles: ['case_worker'], unitId, displayName: 'Kari Saksbehandler' });
  const admin = new ApiClient(server().app);
  await admin.signIn(administrator.email, administrator.password);
  const clinic = await admin.post('/partner-organisations', { name: 'Klinikk Nord', recipientKinds: ['health_services'] });
  expect(clinic.statusCode).toBe(201);
  const sup = new ApiClient(server().app);
  await sup.signIn(supervisor.email, supervisor.password);
  const person = (
    await sup.post('/persons', { givenName: '小红', familyName: '李', birthDate: '2011-05-01', languages: ['zh-Hans'] })
  ).json();
  personId = person.id;
  caseId = (await sup.post('/cases', { personId, unitId, responsibleStaffId: worker.id })).json().id;
  const w = new ApiClient(server().app);
  await w.signIn(worker.email, worker.password);
  const identity = await w.post(`/persons/${personId}/consents`, {
    kind: 'disclosure',
    purposes: ['health_care'],
    recipients: [{ kind: 'category', category: 'health_services' }],
    categories: ['identity'],
    shownText: '我同意本机构将我的身份信息提供给医疗服务机构。',
    language: 'zh-Hans',
    signatures: [
      { signer: 'person', method: 'signed_on_screen' },
      { signer: 'guardian', signerName: '李芳', method: 'signed_on_screen' },
    ],
  });
  expect(identity.statusCode, identity.body).toBe(201);
  const draft = await w.post(`/cases/${caseId}/journal`, {
    kind: 'meeting',
    occurredOn: today(),
    text: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: HEALTH_NOTE }] }] },
    confidentiality: 'sensitive',
    sensitiveCategory: 'health',
  });
  expect(draft.statusCode, draft.body).toBe(201);
  expect((await w.post(`/journal-entries/${draft.json().id}/sign`, { version: draft.json().version })).statusCode).toBe(200);
}

/** Asks for a case summary for the clinic with her identity and her health, and returns what the gate preview says about health. */
async function askForSummary(page: Page): Promise<string> {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('navigation', { name: 'Parts of the case' }).getByRole('link', { name: 'Case summaries' }).click();
  await page.getByRole('heading', { level: 2, name: 'A case summary for a named recipient' }).waitFor();
  await page.getByLabel('Partner organisation', { exact: true }).selectOption({ label: 'Klinikk Nord' });
  await page.getByLabel('Purpose').selectOption({ label: 'health care' });
  await page.getByRole('group', { name: 'Information to include' }).getByLabel('health', { exact: true }).check();
  const health = page
    .getByRole('region', { name: 'What may go' })
    .getByRole('listitem')
    .filter({ hasText: /health –/ });
  await health.waitFor();
  return (await health.textContent()) ?? '';
}

/** Gives the summary asked for and opens its printed page. */
async function giveAndPrint(page: Page): Promise<Page> {
  await page.getByRole('button', { name: 'Give the summary' }).click();
  await page.getByRole('heading', { level: 2, name: 'The summary is given' }).waitFor();
  const [printed] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Print the summary' }).click()]);
  await printed.waitForLoadState();
  return printed;
}

describe('consents and disclosure', () => {
  it('health information goes to the clinic under a consent the guardian co-signed, and no longer once it is withdrawn; the access log prints in Chinese', async () => {
    await arrange();
    const { context, page } = await openPage();
    await signInFully(page, worker.email, worker.password);
    await page.goto(`/people/${personId}`);
    const consents = page.getByRole('region', { name: 'Consents' });
    await consents
      .getByRole('article', { name: /^Sharing information/ })
      .getByText('In force', { exact: true })
      .waitFor();

    // Recording the consent: the agency's form comes in the language she reads.
    await consents.getByRole('button', { name: 'Record a consent' }).click();
    await page.getByLabel('What the consent is to').selectOption({ label: 'Sharing health information' });
    await expect.poll(() => page.getByLabel('The text the person was shown').inputValue()).toMatch(/^披露医疗信息的知情同意书/);
    await page.getByRole('group', { name: 'For what' }).getByLabel('health care').check();
    await page.getByRole('group', { name: 'Which information' }).getByLabel('health', { exact: true }).check();
    await page.getByRole('group', { name: 'Partner organisations' }).getByLabel('Klinikk Nord').check();
    // She is fifteen, under the agency's age limit: the guardian's signature is asked for without being told.
    await expect.poll(() => page.getByLabel('The guardian signs as well').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Record the consent' }).click();
    // The guardian's name is missing: the summary names the field.
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^The guardian's name/ })
      .click();
    await page.keyboard.type('李芳');
    await page.getByLabel('How the guardian signed').selectOption({ label: 'signed on paper before a witness' });
    await page.getByLabel("The witness's name (guardian)").fill('Kari Vitne');
    await expectAccessible(page, 'the consent form');
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await page.getByText('Recorded: Sharing health information.').waitFor();
    const consent = consents.getByRole('article', { name: /^Sharing health information/ });
    await consent.waitFor();
    await consent.getByText('In force', { exact: true }).waitFor();
    await consent.getByText('Lets Klinikk Nord receive health, for health care.').waitFor();
    await consent.getByText(/^Signed by the guardian, 李芳 – signed on paper before a witness/).waitFor();
    await expectAccessible(page, 'the person page with a consent in force');
    await expectNoSidewaysScroll(page, 'the person page with a consent in force');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'person-consents.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the person page with consents on a phone');
    await page.screenshot({ path: path.join(screenshots, 'person-consents-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The first summary holds her health: the consent allows it.
    expect(await askForSummary(page)).toContain("the person's consent allows it");
    await expectAccessible(page, 'the case summary with the gate preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the case summary page on a phone');
    await page.screenshot({ path: path.join(screenshots, 'case-summary-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(screenshots, 'case-summary-1280.png'), fullPage: true });
    const first = await giveAndPrint(page);
    await expect(first.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    expect(await first.getByRole('heading', { level: 2 }).allTextContents()).toContain('健康');
    expect(await first.locator('body').textContent()).toContain(HEALTH_NOTE);
    await first.close();

    // She withdraws it.
    await page.goto(`/people/${personId}`);
    await consent.getByRole('button', { name: 'Withdraw: Sharing health information' }).click();
    await page.getByLabel('What the person said').fill('她不想再让诊所知道');
    await page.getByRole('button', { name: 'Withdraw the consent' }).click();
    await page.getByText('Withdrawn: Sharing health information.').waitFor();
    await consent.getByText('Withdrawn', { exact: true }).waitFor();

    // The next summary leaves her health out, and says why.
    expect(await askForSummary(page)).toMatch(/Left out.*health – the consent “Sharing health information” was withdrawn/);
    const second = await giveAndPrint(page);
    const headings = await second.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).not.toContain('健康');
    expect(headings).toContain('已请求但未提供');
    expect(await second.locator('body').textContent()).not.toContain(HEALTH_NOTE);
    await second.close();

    // Both are listed on her page; her access log prints in her language.
    await page.goto(`/people/${personId}`);
    const disclosures = page.getByRole('region', { name: 'Disclosures' });
    await expect.poll(() => disclosures.getByRole('row').filter({ hasText: 'Klinikk Nord' }).count()).toBe(2);
    await waitForLoaded(page);
    const [log] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Print the access log for the person (in their language)' }).click(),
    ]);
    await log.waitForLoadState();
    await log.getByRole('heading', { level: 1, name: '谁查看过我的记录' }).waitFor();
    const pdf = await pdfText(await log.pdf({ format: 'A4' }));
    expect(pdf).toContain('谁查看过我的记录');
    expect(pdf).toContain('Kari Saksbehandler');
    await context.close();
  });

  it("an administrator writes the agency's own consent text, and it is what a worker is offered from then on", async () => {
    const administrator = await server().createStaff({ roles: ['administrator'] });
    const { context, page } = await openPage();
    await signInFully(page, administrator.email, administrator.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consent texts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consent texts' }).waitFor();
    await page.getByLabel('What the consent is to').selectOption({ label: 'Contact with relatives' });
    await page.getByLabel('Language of the text').selectOption({ label: 'Norsk bokmål' });
    const heading = page.getByRole('heading', { level: 2, name: /^Contact with relatives – Norsk bokmål/ });
    await heading.getByText("Tillit's text").waitFor();
    const text = 'Jeg samtykker i at tjenesten ringer søsteren min, Åse, om hvordan det går med meg.';
    await page.getByLabel(/^Text of “Contact with relatives”/).fill(text);
    await expectAccessible(page, 'the consent texts page');
    await page.getByRole('button', { name: 'Save the text' }).click();
    await page.getByText('Saved: version 1.').waitFor();
    await heading.getByText("The agency's text, version 1").waitFor();
    await page.screenshot({ path: path.join(screenshots, 'consent-texts-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the consent texts page on a phone');
    await page.screenshot({ path: path.join(screenshots, 'consent-texts-390.png'), fullPage: true });
    await context.close();

    const asWorker = await openPage();
    await signInFully(asWorker.page, worker.email, worker.password);
    await asWorker.page.goto(`/people/${personId}`);
    await asWorker.page.getByRole('button', { name: 'Record a consent' }).click();
    await asWorker.page.getByLabel('What the consent is to').selectOption({ label: 'Contact with relatives' });
    await asWorker.page.getByLabel('Language the person read it in').selectOption({ label: 'Norsk bokmål' });
    await expect.poll(() => asWorker.page.getByLabel('The text the person was shown').inputValue()).toBe(text);
    await asWorker.context.close();
  });

  it('a supervisor makes the copy of everything held on her in Chinese, sees it being made, and downloads a ZIP whose PDF names her and holds her notes', async () => {
    const { context, page } = await openPage();
    await signInFully(page, supervisor.email, supervisor.password);
    await page.goto(`/people/${personId}`);
    const panel = page.getByRole('region', { name: 'Copy of everything held' });
    await expect.poll(() => panel.getByLabel('Language of the PDF').inputValue()).toBe('zh-Hans');
    await panel.getByLabel('How the person asked').fill('Her guardian asked at the office, 3 December');
    await panel.getByRole('button', { name: 'Make a copy' }).click();
    const copies = panel.getByRole('list', { name: 'Copies asked for' });
    await copies.getByText('Asked for by Siri Supervisor').first().waitFor();
    await copies.getByText('Ready').first().waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'the person page with a copy ready');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      copies
        .getByRole('link', { name: /^Download the copy \(ZIP, \d+ kB\)$/ })
        .first()
        .click(),
    ]);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    const text = await pdfText(Buffer.from(zip['copy.pdf']!));
    expect(text).toContain('我们所持有的您的信息副本');
    expect(text).toContain('李小红');
    expect(text).toContain(HEALTH_NOTE);
    expect(text).toContain('Her guardian asked at the office, 3 December');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(screenshots, 'person-subject-access-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the person page with its copies on a phone');
    await panel.screenshot({ path: path.join(screenshots, 'person-subject-access-390.png') });
    await context.close();
  });
});
