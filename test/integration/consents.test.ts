import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let administrator: CreatedStaff;
let partner: CreatedStaff;
let clinicId: string;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const today = () => new Date().toISOString().slice(0, 10);
const shownText = 'Я согласна, чтобы сведения о моём здоровье передавались в поликлинику для лечения.';

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Klara Consent' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Sigrid Supervisor' });
  administrator = await t.createStaff({ roles: ['administrator'] });
  partner = await t.createStaff({ roles: ['partner_provider'] });
  const admin = await signedIn(administrator);
  const clinic = await admin.post('/partner-organisations', { name: 'Poliklinikk Nord', recipientKinds: ['health_services'] });
  expect(clinic.statusCode).toBe(201);
  clinicId = clinic.json().id;
});
afterAll(async () => {
  await t.close();
});

/** A case of an invented person, with one signed journal entry on her health and one ordinary one. */
async function openCase(person: Record<string, unknown> = {}) {
  const sup = await signedIn(supervisor);
  const created = (await sup.post('/persons', { givenName: 'Вера', familyName: 'Согласова', languages: ['ru'], ...person })).json();
  const theCase = (await sup.post('/cases', { personId: created.id, unitId, responsibleStaffId: worker.id })).json();
  const w = await signedIn(worker);
  for (const body of [
    { text: 'Talked about the rent', confidentiality: 'normal' },
    { text: 'She takes insulin twice a day', confidentiality: 'sensitive', sensitiveCategory: 'health' },
  ]) {
    const draft = await w.post(`/cases/${theCase.id}/journal`, {
      kind: 'meeting',
      occurredOn: today(),
      text: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: body.text }] }] },
      confidentiality: body.confidentiality,
      ...(body.sensitiveCategory ? { sensitiveCategory: body.sensitiveCategory } : {}),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await w.post(`/journal-entries/${draft.json().id}/sign`, { version: draft.json().version })).statusCode).toBe(200);
  }
  return { personId: created.id as string, caseId: theCase.id as string };
}

const healthConsent = (over: Record<string, unknown> = {}) => ({
  kind: 'health_disclosure',
  purposes: ['health_care'],
  recipients: [{ kind: 'organisation', organisationId: clinicId }],
  categories: ['health'],
  shownText,
  language: 'ru',
  signatures: [{ signer: 'person', method: 'signed_on_screen' }],
  ...over,
});
const summaryFor = (categories: string[]) => ({
  recipient: { kind: 'organisation', organisationId: clinicId },
  purpose: 'health_care',
  categories,
});

async function recordConsent(client: ApiClient, personId: string, body = healthConsent()) {
  const recorded = await client.post(`/persons/${personId}/consents`, body);
  expect(recorded.statusCode, recorded.body).toBe(201);
  return recorded.json();
}

describe('consents', () => {
  it('come with the text to show the person, in the language they read: the informed consent to disclose medical information in Russian', async () => {
    const w = await signedIn(worker);
    const form = await w.get('/consent-forms?kind=health_disclosure&language=ru');
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().items).toHaveLength(1);
    expect(form.json().items[0]).toMatchObject({ kind: 'health_disclosure', language: 'ru', version: null });
    expect(form.json().items[0].text).toMatch(/^Информированное согласие на разглашение медицинской информации/);
  });

  it('come in every kind and language, and an administrator’s text replaces the shipped one from then on', async () => {
    const admin = await signedIn(administrator);
    expect((await admin.get('/consent-forms')).json().items).toHaveLength(5 * 6);
    const text = 'Jeg samtykker i at klinikken får vite det den trenger om helsen min for å behandle meg.';
    const saved = await admin.put('/consent-forms/health_disclosure/nb', { text });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ text, version: 1 });
    const shown = (await (await signedIn(worker)).get('/consent-forms?kind=health_disclosure&language=nb')).json().items[0];
    expect(shown).toMatchObject({ text, version: 1 });
    const again = await admin.put('/consent-forms/health_disclosure/nb', { text: `${text} Endret.`, version: 1 });
    expect(again.json().version).toBe(2);
    const audited = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'consent_form.save' AND actor_id = ${administrator.id}`,
    );
    expect(audited.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('refuse an administrator’s change to a text someone else changed meanwhile', async () => {
    const admin = await signedIn(administrator);
    const text = 'I agree that the agency may contact my sister about how I am doing, as we agreed.';
    expect((await admin.put('/consent-forms/relatives_contact/en', { text })).statusCode).toBe(200);
    const stale = await admin.put('/consent-forms/relatives_contact/en', { text: `${text} Changed.` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
  });

  it('are changed only by those who manage the agency', async () => {
    const w = await signedIn(worker);
    const refused = await w.put('/consent-forms/disclosure/en', { text: 'A text a case worker should not be able to set here.' });
    expect(refused.statusCode).toBe(403);
  });

  it('are recorded with the text the person was shown and are in force from today, for the kind’s default period', async () => {
    const { personId } = await openCase();
    const w = await signedIn(worker);
    const consent = await recordConsent(w, personId);
    expect(consent).toMatchObject({ state: 'in_force', validFrom: today(), shownText, requiredSigners: ['person'] });
    expect(consent.validTo > today()).toBe(true);
    expect(consent.recipients).toEqual([{ kind: 'organisation', organisationId: clinicId, category: null, name: 'Poliklinikk Nord' }]);
    const listed = (await w.get(`/persons/${personId}/consents`)).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([consent.id]);
  });

  it('need the guardian’s co-signature for a minor before they hold', async () => {
    const { personId } = await openCase({ birthDate: '2014-03-03' });
    const w = await signedIn(worker);
    const consent = await recordConsent(w, personId);
    expect(consent).toMatchObject({ state: 'signature_missing', requiredSigners: ['person', 'guardian'], may: { sign: true } });
    const signed = await w.post(`/consents/${consent.id}/signatures`, {
      signer: 'guardian',
      signerName: 'Анна Согласова',
      method: 'paper_with_witness',
      witnessName: 'Klara Consent',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().state).toBe('in_force');
  });

  it('on paper name their witness', async () => {
    const { personId } = await openCase();
    const refused = await (await signedIn(worker)).post(
      `/persons/${personId}/consents`,
      healthConsent({ signatures: [{ signer: 'person', method: 'paper_with_witness' }] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('signatures.0.witnessName');
  });

  it('to disclose information in general never cover health information', async () => {
    const { personId } = await openCase();
    const refused = await (await signedIn(worker)).post(
      `/persons/${personId}/consents`,
      healthConsent({ kind: 'disclosure', categories: ['identity', 'health'] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'categories', code: 'not_covered_by_kind' });
  });

  it('to disclose health information always have a last day', async () => {
    const { personId } = await openCase();
    const refused = await (await signedIn(worker)).post(`/persons/${personId}/consents`, healthConsent({ validTo: null }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('validTo');
  });

  it('are kept as they were: the database refuses to change or delete one', async () => {
    const { personId } = await openCase();
    const consent = await recordConsent(await signedIn(worker), personId);
    await expect(t.db.execute(sql`UPDATE consents SET valid_to = '2099-01-01' WHERE id = ${consent.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM consent_events WHERE consent_id = ${consent.id}`)).rejects.toThrow();
  });

  it('are not there for a partner organisation, and a withdrawal by one is refused', async () => {
    const { personId } = await openCase();
    const consent = await recordConsent(await signedIn(worker), personId);
    const p = await signedIn(partner);
    expect((await p.get(`/persons/${personId}/consents`)).statusCode).toBe(404);
    expect((await p.post(`/consents/${consent.id}/withdrawal`, { reason: 'Not mine to withdraw' })).statusCode).toBe(404);
  });
});

describe('a consent about to end', () => {
  it("shows in the responsible worker's Today within a month of its last day, and not once withdrawn", async () => {
    const { personId, caseId } = await openCase();
    const w = await signedIn(worker);
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const ending = await recordConsent(w, personId, healthConsent({ validTo: inTwoWeeks }));
    await recordConsent(w, personId);
    const listed = (await w.get('/work/today')).json().consentsEnding.filter((c: { caseId: string }) => c.caseId === caseId);
    expect(listed).toEqual([expect.objectContaining({ id: ending.id, personId, kind: 'health_disclosure', validTo: inTwoWeeks })]);
    await w.post(`/consents/${ending.id}/withdrawal`, { reason: 'Withdrawn by phone' });
    expect((await w.get('/work/today')).json().consentsEnding.filter((c: { caseId: string }) => c.caseId === caseId)).toEqual([]);
  });
});

describe('a case summary for a named recipient', () => {
  it('is refused without a consent, and says why', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(worker);
    const check = await w.post(`/cases/${caseId}/case-summaries/check`, summaryFor(['health']));
    expect(check.json()).toMatchObject({ allowed: false, refused: [{ category: 'health', reason: 'no_consent' }] });
    const refused = await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['health']));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'categories', code: 'not_allowed' });
    expect((await t.db.execute(sql`SELECT 1 FROM disclosures WHERE case_id = ${caseId}`)).rows).toHaveLength(0);
  });

  it('holds the health section the consent allows, is recorded with the grant, and prints only that', async () => {
    const { personId, caseId } = await openCase();
    const w = await signedIn(worker);
    const consent = await recordConsent(w, personId);
    const given = await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['health', 'journal']));
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      recipientName: 'Poliklinikk Nord',
      categoriesGiven: ['health'],
      answer: {
        grants: [{ category: 'health', basis: 'consent', consentId: consent.id }],
        refused: [{ category: 'journal', reason: 'no_consent' }],
      },
      language: 'ru',
    });
    const printed = await w.get(`/disclosures/${given.json().id}/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain('She takes insulin twice a day');
    expect(printed.body).not.toContain('Talked about the rent');
    const listed = (await w.get(`/persons/${personId}/disclosures`)).json();
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual([given.json().id]);
  });

  it('leaves the health section out right after the consent is withdrawn, naming the withdrawal', async () => {
    const { personId, caseId } = await openCase();
    const w = await signedIn(worker);
    const consent = await recordConsent(w, personId, healthConsent({ kind: 'health_disclosure' }));
    await recordConsent(w, personId, healthConsent({ kind: 'disclosure', categories: ['identity'] }));
    expect((await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['identity', 'health']))).json().categoriesGiven).toEqual([
      'identity',
      'health',
    ]);
    const withdrawn = await w.post(`/consents/${consent.id}/withdrawal`, { reason: 'She no longer wants the clinic told' });
    expect(withdrawn.json().state).toBe('withdrawn');
    const next = await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['identity', 'health']));
    expect(next.json()).toMatchObject({
      categoriesGiven: ['identity'],
      answer: { refused: [{ category: 'health', reason: 'withdrawn', consentId: consent.id }] },
    });
    expect((await w.get(`/disclosures/${next.json().id}/print`)).body).not.toContain('insulin');
  });

  it('goes on a legal basis without consent, is listed with it, and the supervisor is told', async () => {
    const { personId, caseId } = await openCase();
    const w = await signedIn(worker);
    const given = await w.post(`/cases/${caseId}/case-summaries`, {
      ...summaryFor(['identity', 'health']),
      purpose: 'service_coordination',
      recipient: { kind: 'person', name: 'Barnevernet Nord', categories: ['social_services'] },
      legalBasis: { basis: 'child_protection_report', reason: 'Concern for the children reported by the school' },
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ legalBasis: 'child_protection_report', categoriesGiven: ['identity', 'health'] });
    const alerts = (await (await signedIn(supervisor)).get('/alerts')).json();
    expect(alerts.items.some((a: { kind: string; caseId: string }) => a.kind === 'legal_disclosure' && a.caseId === caseId)).toBe(true);
    expect((await w.get(`/persons/${personId}/disclosures`)).json().items[0].legalBasis).toBe('child_protection_report');
  });

  it('gives nothing while the person has restricted processing, and again once it is lifted', async () => {
    const { personId, caseId } = await openCase();
    const w = await signedIn(worker);
    await recordConsent(w, personId);
    const person = (await w.get(`/persons/${personId}`)).json();
    const restricted = await w.post(`/persons/${personId}/restriction`, {
      reason: 'She disputes what the journal says',
      version: person.version,
    });
    expect(restricted.statusCode, restricted.body).toBe(200);
    expect(restricted.json().processingRestriction).toMatchObject({ reason: 'She disputes what the journal says' });
    const check = (await w.post(`/cases/${caseId}/case-summaries/check`, summaryFor(['health']))).json();
    expect(check.refused).toEqual([expect.objectContaining({ category: 'health', reason: 'processing_restricted' })]);
    expect((await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['health']))).statusCode).toBe(400);
    await w.post(`/persons/${personId}/restriction/lift`, { reason: 'The journal was corrected', version: restricted.json().version });
    expect((await w.post(`/cases/${caseId}/case-summaries`, summaryFor(['health']))).statusCode).toBe(201);
  });

  it('is not for a case out of reach', async () => {
    const { caseId } = await openCase();
    const stranger = await t.createStaff({ roles: ['case_worker'], unitId });
    expect((await (await signedIn(stranger)).post(`/cases/${caseId}/case-summaries`, summaryFor(['identity']))).statusCode).toBe(404);
  });
});
