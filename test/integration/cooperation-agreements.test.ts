/**
 * Cooperation agreements with partner organisations (seed 004): drawn up from the agency's template,
 * signed by both parties, in force for their term, ended by withdrawal; reminders before they end,
 * and a voucher to a partner without one in force says so.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDueReminders } from '../../src/areas/reminder/reminder.store.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let admin: CreatedStaff;
let a: ApiClient;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createStaff({ roles: ['administrator'], displayName: 'Astrid Admin' });
  a = await signedInClient(t.app, admin);
});
afterAll(async () => {
  await t.close();
});

const newPartner = async (name: string) =>
  (await a.post('/partner-organisations', { name, recipientKinds: ['social_services'] })).json().id as string;

async function signedAgreement(partnerId: string, term: { startsOn: string; endsOn: string | null; renewal?: string }) {
  const drawn = await a.post(`/partner-organisations/${partnerId}/cooperation-agreements`, { ...term, language: 'ru' });
  expect(drawn.statusCode, drawn.body).toBe(201);
  const bySigned = await a.post(`/cooperation-agreements/${drawn.json().id}/signatures`, {
    party: 'agency',
    signatoryName: 'Astrid Admin',
    signatoryTitle: 'Director',
    signedOn: inDays(0),
    version: drawn.json().version,
  });
  const both = await a.post(`/cooperation-agreements/${drawn.json().id}/signatures`, {
    party: 'partner',
    signatoryName: 'Pavel Partnerov',
    signedOn: inDays(0),
    version: bySigned.json().version,
  });
  expect(both.statusCode, both.body).toBe(200);
  return both.json();
}

describe('a cooperation agreement', () => {
  it('starts from the shipped text in the language chosen, every section of seed 004 filled in', async () => {
    const partner = await newPartner('Партнёр Север');
    const drawn = (
      await a.post(`/partner-organisations/${partner}/cooperation-agreements`, { startsOn: inDays(0), endsOn: inDays(365), language: 'ru' })
    ).json();
    expect(drawn).toMatchObject({ state: 'draft', language: 'ru', may: { edit: true, sign: true, end: false } });
    expect(Object.keys(drawn.sections)).toEqual([
      'subject',
      'obligations',
      'coordination',
      'sharedProperty',
      'withdrawal',
      'termAndChanges',
      'disputes',
      'finalProvisions',
    ]);
    expect(drawn.sections.sharedProperty).toMatch(/общей долевой собственностью/);
  });

  it("starts from the agency's own template once an administrator saved one", async () => {
    const template = (await a.get('/cooperation-templates?language=en')).json();
    expect(template.version).toBeNull();
    const saved = await a.put('/cooperation-templates/en', {
      sections: { ...template.sections, disputes: 'Disputes go to the municipal mediation board.' },
    });
    expect(saved.json().version).toBe(1);
    const drawn = (
      await a.post(`/partner-organisations/${await newPartner('Mediation Partner')}/cooperation-agreements`, { startsOn: inDays(0) })
    ).json();
    expect(drawn.sections.disputes).toBe('Disputes go to the municipal mediation board.');
    expect((await a.put('/cooperation-templates/en', { sections: template.sections })).statusCode).toBe(409);
  });

  it('is in force once both parties signed, and is changed only before anyone signs', async () => {
    const agreement = await signedAgreement(await newPartner('Signed Partner'), { startsOn: inDays(-10), endsOn: inDays(300) });
    expect(agreement).toMatchObject({ state: 'in_force', may: { edit: false, sign: false, end: true } });
    expect(agreement.signatures.map((s: { party: string }) => s.party)).toEqual(['agency', 'partner']);
    const change = await a.patch(`/cooperation-agreements/${agreement.id}`, { renewal: 'yearly', version: agreement.version });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('transition_not_allowed');
  });

  it('refuses a second signature for the same party, naming the field', async () => {
    const partner = await newPartner('Twice Partner');
    const drawn = (await a.post(`/partner-organisations/${partner}/cooperation-agreements`, { startsOn: inDays(0) })).json();
    const once = (
      await a.post(`/cooperation-agreements/${drawn.id}/signatures`, {
        party: 'agency',
        signatoryName: 'A',
        signedOn: inDays(0),
        version: drawn.version,
      })
    ).json();
    const twice = await a.post(`/cooperation-agreements/${drawn.id}/signatures`, {
      party: 'agency',
      signatoryName: 'B',
      signedOn: inDays(0),
      version: once.version,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('party');
  });

  it('prints in its language with the parties, the term and both signatures', async () => {
    const agreement = await signedAgreement(await newPartner('Печать Партнёр'), { startsOn: inDays(0), endsOn: inDays(365) });
    const printed = await a.get(`/cooperation-agreements/${agreement.id}/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain('lang="ru"');
    expect(printed.body).toContain('Соглашение о сотрудничестве');
    expect(printed.body).toContain('Pavel Partnerov');
    expect(printed.body).toContain('Разрешение споров');
  });

  it('reminds the administrators sixty days before it ends, once, and not when it renews itself', async () => {
    const ending = await signedAgreement(await newPartner('Ending Partner'), { startsOn: inDays(-300), endsOn: inDays(30) });
    const renewing = await signedAgreement(await newPartner('Renewing Partner'), {
      startsOn: inDays(-300),
      endsOn: inDays(30),
      renewal: 'yearly',
    });
    expect(ending.state).toBe('expiring');
    expect(renewing.state).toBe('in_force');
    await insertDueReminders(t.db);
    await insertDueReminders(t.db);
    const alerts = await t.db.execute<{ subject_id: string }>(
      sql`SELECT subject_id FROM alerts WHERE recipient_id = ${admin.id} AND kind = 'cooperation_expiring'`,
    );
    expect(alerts.rows.map((r) => r.subject_id)).toEqual([ending.id]);
  });

  it('ended by withdrawal, is no longer in force the day after, and a voucher to that partner says there is none', async () => {
    const partner = await newPartner('Withdrawing Partner');
    const agreement = await signedAgreement(partner, { startsOn: inDays(-100), endsOn: inDays(200) });
    const ended = await a.post(`/cooperation-agreements/${agreement.id}/end`, {
      endedOn: inDays(-1),
      reason: 'The partner withdrew',
      version: agreement.version,
    });
    expect(ended.json()).toMatchObject({ state: 'ended', endedOn: inDays(-1) });

    const unitId = await firstUnitId(t.db);
    const worker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId });
    const w = await signedInClient(t.app, worker);
    const person = (await w.post('/persons', { givenName: 'Frode', familyName: 'Samarbeid' })).json();
    const theCase = (await w.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
    const withoutAgreement = (
      await w.post(`/cases/${theCase.id}/vouchers`, { partnerOrganisationId: partner, serviceName: 'Work training' })
    ).json();
    expect(withoutAgreement.partnerAgreementInForce).toBe(false);
    const agreed = await newPartner('Agreed Partner');
    await signedAgreement(agreed, { startsOn: inDays(-1), endsOn: null });
    const withAgreement = (
      await w.post(`/cases/${theCase.id}/vouchers`, { partnerOrganisationId: agreed, serviceName: 'Work training' })
    ).json();
    expect(withAgreement.partnerAgreementInForce).toBe(true);
  });
});
