import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let intake: CreatedStaff;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let client: ApiClient;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  await t.db.execute(sql`UPDATE agency SET catchment_regions = '{Furong}', service_categories = '{elder care,housing}'`);
  intake = await t.createStaff({ roles: ['intake_worker'], unitId });
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  const onDuty = await (await signedIn(supervisor)).patch('/me', { onDuty: true });
  expect(onDuty.json().onDuty).toBe(true);
  client = await signedIn(intake);
});
afterAll(async () => {
  await t.close();
});

const newRequest = (body: Record<string, unknown> = {}) =>
  client.post('/requests', { channel: 'phone', ownWords: 'I need help with housing', ...body });

describe('a first contact', () => {
  it('records the request with how the person came, their own words and that they were informed', async () => {
    const r = await newRequest({
      cameVia: 'agency',
      referringAgency: 'City hospital',
      mainProblem: 'Eviction notice',
      problemOrigin: 'Rent arrears after job loss',
      previousHelp: 'Asked the housing office',
      afterFailedAttempt: true,
      expectedResult: 'Keep the flat',
      helpSeekerKind: 'voluntary',
      informedOfScopeAndConfidentiality: true,
      serviceCategory: 'housing',
      region: 'Furong',
      anonymousLabel: 'caller 1',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'open',
      priority: 'high',
      afterFailedAttempt: true,
      personId: null,
      screening: { inScope: true },
    });
    expect(r.json().informedAt).not.toBeNull();
    expect(r.json().receiptNumber).toMatch(/^R-\d{8}-[0-9A-F]{8}$/);
  });

  it('refuses a mandated help-seeker without the body that mandated them, on creation and on a later change', async () => {
    const refused = await newRequest({ helpSeekerKind: 'mandated' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'mandatingBody', code: 'required' })]);
    const voluntary = (await newRequest({ helpSeekerKind: 'voluntary' })).json();
    const changed = await client.patch(`/requests/${voluntary.id}`, { helpSeekerKind: 'mandated', version: voluntary.version });
    expect(changed.json().errors).toEqual([expect.objectContaining({ field: 'mandatingBody', code: 'required' })]);
    const mandated = await newRequest({ helpSeekerKind: 'mandated', mandatingBody: 'Oslo District Court' });
    expect(mandated.statusCode).toBe(201);
    expect(mandated.json()).toMatchObject({ helpSeekerKind: 'mandated', mandatingBody: 'Oslo District Court' });
  });

  it('makes a request urgent on any danger answer, alerts the supervisor on duty at once and starts a 24-hour deadline', async () => {
    const r = await newRequest({ triage: { selfHarm: true } });
    expect(r.json().priority).toBe('urgent');
    const due = new Date(r.json().firstResponseDueAt).getTime() - new Date(r.json().receivedAt).getTime();
    expect(due).toBe(24 * 3600 * 1000);
    const alerts = (await (await signedIn(supervisor)).get('/alerts')).json().items;
    expect(alerts.some((a: { requestId: string; kind: string }) => a.requestId === r.json().id && a.kind === 'urgent_request')).toBe(true);
  });

  it('only supervisors go on duty, and the urgent deadline follows the agency setting', async () => {
    expect((await client.patch('/me', { onDuty: true })).json().errors[0]).toMatchObject({ field: 'onDuty', code: 'not_supervisor' });
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const agency = (await admin.get('/agency')).json();
    const { version, ...rest } = agency;
    const saved = await admin.put('/agency', { ...rest, urgentResponseHours: 12, version });
    expect(saved.json().urgentResponseHours).toBe(12);
    const r = (await newRequest({ triage: { childAtRisk: true } })).json();
    expect(new Date(r.firstResponseDueAt).getTime() - new Date(r.receivedAt).getTime()).toBe(12 * 3600 * 1000);
    const back = await admin.put('/agency', { ...rest, urgentResponseHours: 24, version: saved.json().version });
    expect(back.statusCode).toBe(200);
    const bad = await admin.put('/agency', { ...rest, minimumAge: 30, maximumAge: 20, version: back.json().version });
    expect(bad.json().errors[0].field).toBe('maximumAge');
  });

  it('puts urgent requests first in the queue, then the oldest', async () => {
    const old = await newRequest({ receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const urgent = await newRequest({ triage: { dangerToLife: true } });
    const queue = (await client.get('/requests?limit=100')).json().items as { id: string; priority: string }[];
    const ids = queue.map((q) => q.id);
    expect(ids.indexOf(urgent.json().id)).toBeLessThan(ids.indexOf(old.json().id));
    const firstNonUrgent = queue.findIndex((q) => q.priority !== 'urgent');
    expect(queue.slice(firstNonUrgent).some((q) => q.priority === 'urgent')).toBe(false);
  });

  it('suggests giving information to a caller who only wants information, at low priority, also after a change', async () => {
    const call = (
      await newRequest({ channel: 'phone', ownWords: 'What are your opening hours?', helpSeekerKind: 'information_only' })
    ).json();
    expect(call.screening).toMatchObject({ suggestedOutcome: 'information_only', suggestedPriority: 'low' });
    expect(call.screening.findings).toContainEqual(expect.objectContaining({ code: 'information_only' }));
    const voluntary = (await newRequest({ serviceCategory: 'housing', region: 'Furong' })).json();
    expect(voluntary.screening.suggestedOutcome).toBe('accept');
    const changed = await client.patch(`/requests/${voluntary.id}`, { helpSeekerKind: 'information_only', version: voluntary.version });
    expect(changed.json().screening.suggestedOutcome).toBe('information_only');
  });

  it('screens against scope and catchment and explains why', async () => {
    const outside = await newRequest({ region: 'Tianxin', serviceCategory: 'elder care' });
    expect(outside.json().screening).toMatchObject({ inScope: false, suggestedOutcome: 'refer_out', referralReason: 'out_of_region' });
    const wrongService = await newRequest({ region: 'Furong', serviceCategory: 'veterinary' });
    expect(wrongService.json().screening).toMatchObject({ inScope: false, referralReason: 'out_of_scope' });
    const resident = (await client.post('/persons', { givenName: 'Mei', familyName: 'Chen', region: 'Tianxin' })).json();
    const fromHome = await newRequest({ personId: resident.id, serviceCategory: 'housing' });
    expect(fromHome.json().screening).toMatchObject({ inScope: false, referralReason: 'out_of_region' });
  });
});

describe('the intake decision', () => {
  it('accepts a request with a registered person and opens a case with a number', async () => {
    const person = (await client.post('/persons', { givenName: 'Eli', familyName: 'Strand', birthDate: '1980-02-02' })).json();
    const r = (await newRequest({ personId: person.id })).json();
    const accepted = await client.post(`/requests/${r.id}/decision`, {
      decision: 'accept',
      unitId,
      responsibleStaffId: worker.id,
      version: r.version,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const theCase = (await (await signedIn(worker)).get(`/cases/${accepted.json().caseId}`)).json();
    expect(theCase).toMatchObject({ personId: person.id, responsibleStaffId: worker.id, stage: 'intake' });
    expect(theCase.caseNumber).toMatch(/^TIL-\d{4}-\d{6}$/);
    const caseload = (await (await signedIn(worker)).get('/work/caseload')).json().items;
    expect(caseload.map((c: { id: string }) => c.id)).toContain(theCase.id);
  });

  it('tells the intake worker who holds the case they opened for someone else, and offers no way into it', async () => {
    const person = (await client.post('/persons', { givenName: 'Siv', familyName: 'Haldorsen' })).json();
    const r = (await newRequest({ personId: person.id })).json();
    const accepted = (
      await client.post(`/requests/${r.id}/decision`, { decision: 'accept', unitId, responsibleStaffId: worker.id, version: r.version })
    ).json();
    const [unit] = (await client.get('/units?limit=100')).json().items.filter((u: { id: string }) => u.id === unitId);
    const expected = {
      id: accepted.caseId,
      caseNumber: expect.stringMatching(/^TIL-/),
      responsibleName: (await client.get(`/staff/${worker.id}`)).json().displayName,
      unitName: unit.name,
    };
    expect(accepted.openedCase).toEqual({ ...expected, may: { open: false } });
    expect((await client.get(`/requests/${r.id}`)).json().openedCase).toEqual({ ...expected, may: { open: false } });
    expect((await client.get(`/cases/${accepted.caseId}`)).statusCode).toBe(404);
    const bySupervisor = (await (await signedIn(supervisor)).get(`/requests/${r.id}`)).json();
    expect(bySupervisor.openedCase.may).toEqual({ open: true });
  });

  it("lists as possible responsible workers only the chosen unit's active staff who may hold cases", async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const otherUnit = (await admin.post('/units', { name: 'Legal aid service' })).json().id as string;
    const here = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Unni Unitmate' });
    await t.createStaff({ roles: ['case_worker'], unitId: otherUnit, displayName: 'Unni Elsewhere' });
    await t.createStaff({ roles: ['agency_head'], unitId, displayName: 'Unni Head' });
    await t.createStaff({ roles: ['auditor'], unitId, displayName: 'Unni Auditor' });
    const gone = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Unni Gone' });
    await t.db.execute(sql`UPDATE staff SET status = 'disabled' WHERE id = ${gone.id}`);
    const listed = (await client.get(`/staff?q=Unni&unitId=${unitId}&holdsCases=true`)).json().items as {
      id: string;
      holdsCases: boolean;
    }[];
    expect(listed.map((s) => s.id)).toEqual([here.id]);
    expect(listed.every((s) => s.holdsCases)).toBe(true);
  });

  it('refuses to accept with a responsible worker who is not a member of the chosen unit, naming the field, and opens no case', async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const otherUnit = (await admin.post('/units', { name: 'Debt advice service' })).json().id as string;
    const elsewhere = await t.createStaff({ roles: ['case_worker'], unitId: otherUnit });
    const person = (await client.post('/persons', { givenName: 'Vilde', familyName: 'Utenfor' })).json();
    const r = (await newRequest({ personId: person.id })).json();
    const refused = await client.post(`/requests/${r.id}/decision`, {
      decision: 'accept',
      unitId,
      responsibleStaffId: elsewhere.id,
      version: r.version,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'responsibleStaffId', code: 'not_in_unit' })]);
    const still = (await client.get(`/requests/${r.id}`)).json();
    expect(still).toMatchObject({ status: 'open', caseId: null, version: r.version });
    const cases = await t.db.execute(sql`SELECT 1 FROM cases WHERE person_id = ${person.id}`);
    expect(cases.rows).toEqual([]);
  });

  it('refuses to accept without a person, and refuses a second decision until reopened with a reason', async () => {
    const r = (await newRequest()).json();
    const noPerson = await client.post(`/requests/${r.id}/decision`, {
      decision: 'accept',
      unitId,
      responsibleStaffId: worker.id,
      version: r.version,
    });
    expect(noPerson.json().errors[0].field).toBe('personId');
    const info = await client.post(`/requests/${r.id}/decision`, {
      decision: 'information_only',
      informationGiven: 'Gave the number of the housing office',
      version: r.version,
    });
    expect(info.json().status).toBe('information_given');
    const again = await client.post(`/requests/${r.id}/decision`, {
      decision: 'decline',
      reason: 'No longer needed',
      version: info.json().version,
    });
    expect(again.statusCode).toBe(409);
    const reopened = await client.post(`/requests/${r.id}/decision`, {
      decision: 'reopen',
      reason: 'Called back with a new problem',
      version: info.json().version,
    });
    expect(reopened.json().status).toBe('open');
    const history = (await client.get(`/requests/${r.id}/decisions`)).json().items;
    expect(history.map((d: { decision: string }) => d.decision)).toEqual(['information_only', 'reopen']);
    expect(history[1].reason).toBe('Called back with a new problem');
  });

  it("refers out with a letter in the person's language and a reminder to check they arrived", async () => {
    const dir = await (await signedIn(await t.createStaff({ roles: ['administrator'] }))).post('/referral-directory', {
      name: 'Tianxin Elder Centre',
      services: ['elder care'],
      regions: ['Tianxin'],
      phone: '+86 731 0000 0000',
    });
    expect(dir.statusCode).toBe(201);
    const person = (
      await client.post('/persons', { givenName: 'Анна', familyName: '<b>Петрова</b>', birthDate: '1948-08-08', languages: ['ru'] })
    ).json();
    const r = (
      await newRequest({
        personId: person.id,
        region: 'Tianxin',
        serviceCategory: 'elder care',
        language: 'ru',
        ownWords: 'Мне нужна помощь дома',
      })
    ).json();
    const referred = await client.post(`/requests/${r.id}/decision`, {
      decision: 'refer_out',
      directoryId: dir.json().id,
      reason: 'out_of_region',
      followUpInDays: 1,
      version: r.version,
    });
    expect(referred.json().status).toBe('referred_out');
    const [referral] = (await client.get(`/requests/${r.id}/referrals`)).json().items;
    expect(referral).toMatchObject({ organisationName: 'Tianxin Elder Centre', letterLanguage: 'ru', arrivalConfirmedAt: null });
    const letter = await client.get(`/referrals/${referral.id}/letter`);
    expect(letter.headers['content-type']).toContain('text/html');
    expect(letter.body).toContain('<html lang="ru">');
    expect(letter.body).toContain('Направление');
    expect(letter.body).toContain('Человек проживает вне района');
    expect(letter.body).toContain('&lt;b&gt;Петрова&lt;/b&gt;');
    expect(letter.body).not.toContain('<b>Петрова</b>');
    await t.db.execute(sql`UPDATE referrals_out SET follow_up_due_at = now() - interval '1 hour' WHERE id = ${referral.id}`);
    const today = (await client.get('/work/today')).json();
    expect(today.referralFollowUps.find((f: { id: string }) => f.id === referral.id)).toMatchObject({ overdue: true });
    const arrived = await client.post(`/referrals/${referral.id}/arrival`, { arrived: true, note: 'Confirmed by phone' });
    expect(arrived.json().arrivalConfirmedAt).not.toBeNull();
  });

  it("lists the agency's partner organisations in the referral directory beside its own entries, and refers out to one", async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const partner = (
      await admin.post('/partner-organisations', {
        name: 'Wrenfield Legal Aid',
        contactPerson: 'Pål Wren',
        phone: '+47 22 33 44 55',
        services: ['tenancy law'],
        regions: ['Tianxin'],
      })
    ).json();
    const own = (await admin.post('/referral-directory', { name: 'Wrenfield Food Bank', services: ['food parcels'] })).json();
    const listed = (await client.get('/referral-directory?q=Wrenfield')).json().items;
    expect(listed.map((d: { id: string; source: string }) => [d.id, d.source])).toEqual([
      [own.id, 'directory'],
      [partner.id, 'partner'],
    ]);
    expect(listed[1]).toMatchObject({
      contactPerson: 'Pål Wren',
      phone: '+47 22 33 44 55',
      services: ['tenancy law'],
      regions: ['Tianxin'],
    });
    // A search finds an organisation by a service it offers, too.
    expect((await client.get('/referral-directory?q=tenancy')).json().items.map((d: { id: string }) => d.id)).toEqual([partner.id]);

    const r = (await newRequest({ region: 'Tianxin' })).json();
    const referred = await client.post(`/requests/${r.id}/decision`, {
      decision: 'refer_out',
      partnerOrganisationId: partner.id,
      reason: 'out_of_region',
      version: r.version,
    });
    expect(referred.json().status).toBe('referred_out');
    const [referral] = (await client.get(`/requests/${r.id}/referrals`)).json().items;
    expect(referral).toMatchObject({
      partnerOrganisationId: partner.id,
      directoryId: null,
      organisationName: 'Wrenfield Legal Aid',
      organisationContact: 'Pål Wren · +47 22 33 44 55',
    });
  });

  it("prints the person's name in their own script with the Latin form beside it, and how to reach the agency", async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const { version, ...settings } = (await admin.get('/agency')).json();
    const saved = await admin.put('/agency', {
      ...settings,
      address: 'Elvegata 3\n0150 Furong',
      phone: '+47 21 00 00 00',
      email: 'post@furong-family.example',
      version,
    });
    expect(saved.json()).toMatchObject({ phone: '+47 21 00 00 00', email: 'post@furong-family.example' });
    const person = (
      await client.post('/persons', {
        givenName: 'Olena',
        familyName: 'Kovalenko',
        nameInOtherScript: 'Олена Коваленко',
        languages: ['uk'],
      })
    ).json();
    const r = (await newRequest({ personId: person.id, language: 'en' })).json();
    await client.post(`/requests/${r.id}/decision`, {
      decision: 'refer_out',
      organisationName: 'Harbour Legal Clinic',
      reason: 'out_of_scope',
      version: r.version,
    });
    const [referral] = (await client.get(`/requests/${r.id}/referrals`)).json().items;
    const letter = (await client.get(`/referrals/${referral.id}/letter`)).body;
    expect(letter).toContain('<span lang="uk">Олена Коваленко</span> (Olena Kovalenko)');
    expect(letter).toContain('Elvegata 3\n0150 Furong');
    expect(letter).toContain('Phone: +47 21 00 00 00');
    expect(letter).toContain('E-mail: post@furong-family.example');
  });

  it('declines with a reason, and records the intake interview with the five questions', async () => {
    const r = (await newRequest()).json();
    const interview = await client.post(`/requests/${r.id}/interviews`, {
      purpose: 'Clarify the request',
      course: 'Calm conversation',
      evaluation: 'Motivated',
      suggestions: 'Meet again with daughter',
      willingness: 'active',
      problemAndExpectation: 'Debt; wants a payment plan',
      earlierHelp: 'None',
      resourcesFit: 'Yes, debt counselling',
      requirementsFit: 'Yes',
    });
    expect(interview.statusCode).toBe(201);
    const edited = await client.patch(`/interviews/${interview.json().id}`, { evaluation: 'Motivated, somewhat anxious', version: 1 });
    expect(edited.json()).toMatchObject({ evaluation: 'Motivated, somewhat anxious', purpose: 'Clarify the request', version: 2 });
    const noReason = await client.post(`/requests/${r.id}/decision`, { decision: 'decline', reason: '', version: r.version });
    expect(noReason.statusCode).toBe(400);
    const declined = await client.post(`/requests/${r.id}/decision`, {
      decision: 'decline',
      reason: 'Wants a lawyer; gave addresses',
      version: r.version,
    });
    expect(declined.json().status).toBe('declined');
  });
});

describe('the public online form', () => {
  it('answers only a receipt number and lands in the intake queue', async () => {
    const anonymous = new ApiClient(t.app, '10.9.0.1');
    const r = await anonymous.post('/public/requests', { language: 'zh-Hans', name: '李华', ownWords: '我需要帮助', region: 'Furong' });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json())).toEqual(['receiptNumber']);
    const queue = (await client.get('/requests?limit=100')).json().items;
    expect(queue.find((q: { receiptNumber: string }) => q.receiptNumber === r.json().receiptNumber)).toMatchObject({
      channel: 'online_form',
      contactName: '李华',
      language: 'zh-Hans',
    });
  });

  it('stores nothing from a bot that fills the hidden field, and limits submissions per address', async () => {
    const bot = new ApiClient(t.app, '10.9.0.2');
    const before = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM requests`)).rows[0]!.n;
    const trap = await bot.post('/public/requests', { ownWords: 'buy now', website: 'http://spam.example' });
    expect(trap.statusCode).toBe(201);
    expect((await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM requests`)).rows[0]!.n).toBe(before);
    const sender = new ApiClient(t.app, '10.9.0.3');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await sender.post('/public/requests', { ownWords: `Request number ${i}` })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('partner organisations', () => {
  it('keep their contact person, phone, e-mail, address, services and regions, and an administrator changes them by version', async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const created = await admin.post('/partner-organisations', {
      name: 'Kestrel Debt Advice',
      contactPerson: 'Oda Kestrel',
      phone: '+47 22 00 11 22',
      email: 'advice@kestrel.example',
      address: 'Kaigata 4\n0150 Harbour',
      services: ['debt advice', 'budgeting course'],
      regions: ['Furong', 'Tianxin'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ contactPerson: 'Oda Kestrel', services: ['debt advice', 'budgeting course'], version: 1 });
    const changed = await admin.patch(`/partner-organisations/${created.json().id}`, {
      phone: '+47 22 99 88 77',
      regions: ['Furong'],
      version: 1,
    });
    expect(changed.json()).toMatchObject({ name: 'Kestrel Debt Advice', phone: '+47 22 99 88 77', regions: ['Furong'], version: 2 });
    const stale = await admin.patch(`/partner-organisations/${created.json().id}`, { phone: '+47 1', version: 1 });
    expect(stale.statusCode).toBe(409);
    const badEmail = await admin.post('/partner-organisations', { name: 'Nowhere', email: 'not an address' });
    expect(badEmail.json().errors[0].field).toBe('email');
  });
});
