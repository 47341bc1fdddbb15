import { randomUUID } from 'node:crypto';
import { type ApiClient, signedInClient } from './api-client.ts';
import { type CreatedStaff, firstUnitId, type TestApp } from './server.ts';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export type CaseFixtureIds = Record<
  | 'person'
  | 'case'
  | 'request'
  | 'referralRequest'
  | 'referral'
  | 'interview'
  | 'assessment'
  | 'need'
  | 'template'
  | 'response'
  | 'decision'
  | 'crisis'
  | 'safetyPlan'
  | 'plan'
  | 'journalEntry'
  | 'contact'
  | 'journalAttachment'
  | 'lifeStoryVersion'
  | 'successStory'
  | 'consent'
  | 'disclosure'
  | 'subjectAccessExport'
  | 'directoryService'
  | 'voucher'
  | 'partnerOrganisation'
  | 'step'
  | 'agreement'
  | 'relative'
  | 'linkRequest'
  | 'staff'
  | 'unit',
  string
>;

/**
 * Everything hanging off one fictional person of the installation's first agency, created through
 * the API as a worker (case and intake worker of the first unit) would: the person and a relative,
 * a case, two requests (one referred out, one with an interview), an assessment with a need, a
 * questionnaire response, a decision, a crisis with a safety plan, a plan with a step, a signed journal entry, a planned
 * contact, a life story with a version kept, a success story, a consent to disclose her identity to
 * her lawyer and a case summary given to him on it, an agreement, a copy of everything held on her
 * asked for by the unit's supervisor, a service of a partner in the directory with a voucher for it, and a request from elsewhere to link a second record of her.
 */
export async function buildCaseFixture(
  t: TestApp,
  { givenName = 'Ottoline', familyName = 'Quillfeather' } = {},
): Promise<{ worker: CreatedStaff; client: ApiClient; ids: CaseFixtureIds }> {
  const f = {} as CaseFixtureIds;
  const unitId = await firstUnitId(t.db);
  const worker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId });
  const w = await signedInClient(t.app, worker);

  const person = (await w.post('/persons', { givenName, familyName, birthDate: '1981-04-02' })).json();
  f.person = person.id;
  const relative = (await w.post('/persons', { givenName: 'Bertram', familyName: `${familyName}-Moss` })).json();
  f.relative = relative.id;
  await w.post(`/persons/${f.person}/relations`, { relatedPersonId: relative.id, relationship: 'brother' });
  const opened = await w.post('/cases', { personId: f.person, unitId, responsibleStaffId: worker.id });
  f.case = opened.json().id;
  if (!f.case) throw new Error(opened.body);

  const request = (
    await w.post('/requests', { channel: 'phone', ownWords: 'I fear I lose my flat', personId: f.person, triage: { dangerToLife: true } })
  ).json();
  f.request = request.id;
  f.interview = (await w.post(`/requests/${f.request}/interviews`, { purpose: 'First talk', course: 'By phone' })).json().id;
  const referralRequest = (await w.post('/requests', { channel: 'walk_in', ownWords: 'Help with debts', personId: f.person })).json();
  f.referralRequest = referralRequest.id;
  await w.post(`/requests/${f.referralRequest}/decision`, {
    decision: 'refer_out',
    organisationName: 'Larkspur Debt Advice',
    reason: 'out_of_scope',
    followUpInDays: 1,
    version: referralRequest.version,
  });
  f.referral = (await w.get(`/requests/${f.referralRequest}/referrals`)).json().items[0].id;

  f.agreement = (await w.post(`/cases/${f.case}/agreements`, {})).json().id;
  f.assessment = (await w.post(`/cases/${f.case}/assessments`, { assessedOn: inDays(0) })).json().id;
  const need = (
    await w.post(`/assessments/${f.assessment}/needs`, {
      domain: 'housing',
      description: 'Keeps her flat',
      severity: 'high',
      identifiedOn: inDays(0),
    })
  ).json();
  f.need = need.id;
  const templates = (await w.get('/questionnaire-templates?status=published')).json().items as { id: string; key: string }[];
  f.response = (
    await w.post(`/cases/${f.case}/questionnaire-responses`, {
      templateId: (f.template = templates.find((x) => x.key === 'gad-7')!.id),
      answers: {},
    })
  ).json().id;
  f.decision = (
    await w.post(`/cases/${f.case}/decisions`, {
      items: [{ service: 'Housing support', outcome: 'granted', basis: 'Act § 4-1', justification: 'Needed', validFrom: inDays(0) }],
    })
  ).json().id;
  f.crisis = (
    await w.post(`/cases/${f.case}/crises`, {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      whatHappened: 'Rang in distress after the eviction notice came',
    })
  ).json().id;
  f.safetyPlan = (await w.post(`/cases/${f.case}/safety-plans`, { crisisId: f.crisis })).json().draft?.id;
  f.plan = (
    await w.post(`/cases/${f.case}/plans`, {
      content: {
        periodFrom: inDays(0),
        periodTo: inDays(180),
        reviewDate: inDays(90),
        goals: [
          {
            id: randomUUID(),
            level: 'long_term',
            needId: need.id,
            description: 'Keeps her flat with the rent paid on time',
            dueDate: inDays(170),
          },
        ],
        steps: [{ id: (f.step = randomUUID()), what: 'Call the landlord together', responsibleKind: 'worker', dueDate: inDays(7) }],
      },
    })
  ).json().id;
  const entry = (
    await w.post(`/cases/${f.case}/journal`, {
      kind: 'phone_call',
      occurredOn: inDays(0),
      text: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Called about the rent' }] }] },
    })
  ).json();
  f.journalAttachment = (
    await w.request('POST', `/journal-entries/${entry.id}/attachments?name=letter.pdf`, Buffer.from('%PDF-1.4\n%%EOF\n'), {
      'content-type': 'application/octet-stream',
    })
  ).json().id;
  f.journalEntry = (await w.post(`/journal-entries/${entry.id}/sign`, { version: entry.version })).json().id;
  f.contact = (
    await w.post(`/cases/${f.case}/contacts`, { kind: 'home_visit', plannedOn: inDays(1), plannedTime: '10:00', placeKind: 'home' })
  ).json().id;
  const story = (
    await w.put(`/persons/${f.person}/life-story/draft`, {
      sections: { interests: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sea swimming' }] }] } },
      version: 0,
    })
  ).json();
  f.lifeStoryVersion = (await w.post(`/persons/${f.person}/life-story/versions`, { version: story.version })).json().versions?.[0]?.id;
  f.successStory = (
    await w.post(`/cases/${f.case}/success-stories`, {
      title: 'A home kept',
      text: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The rent is paid again' }] }] },
    })
  ).json().id;
  f.consent = (
    await w.post(`/persons/${f.person}/consents`, {
      kind: 'disclosure',
      purposes: ['legal_assistance'],
      recipients: [{ kind: 'person', name: 'Edmund Barrister' }],
      categories: ['identity'],
      shownText: 'I agree that my name and birth date may be given to my lawyer, Edmund Barrister.',
      language: 'en',
      signatures: [{ signer: 'person', method: 'signed_on_screen' }],
    })
  ).json().id;
  f.disclosure = (
    await w.post(`/cases/${f.case}/case-summaries`, {
      recipient: { kind: 'person', name: 'Edmund Barrister' },
      purpose: 'legal_assistance',
      categories: ['identity'],
    })
  ).json().id;
  const supervisor = await signedInClient(t.app, await t.createStaff({ roles: ['supervisor'], unitId }));
  f.subjectAccessExport = (await supervisor.post(`/persons/${f.person}/subject-access-exports`, {})).json().id;
  // A service of the partner network, as an administrator enters it in the directory.
  const administrator = await signedInClient(t.app, await t.createStaff({ roles: ['administrator'] }));
  const partner = (
    await administrator.post('/partner-organisations', {
      name: 'Hollowmere Debt Advice',
      contactPerson: null,
      phone: null,
      email: null,
      address: null,
      services: [],
      regions: [],
    })
  ).json();
  f.directoryService = (await administrator.post('/directory/services', { organisationId: partner.id, name: 'Budget advice' })).json().id;
  f.partnerOrganisation = partner.id;
  // A voucher the worker issues her for it.
  f.voucher = (
    await w.post(`/cases/${f.case}/vouchers`, {
      partnerOrganisationId: partner.id,
      directoryServiceId: f.directoryService,
      serviceName: 'Budget advice',
      sessions: 4,
    })
  ).json().id;
  // Someone elsewhere registers her again and asks the worker who knows her to link the records.
  const elsewhere = await signedInClient(t.app, await t.createStaff({ roles: ['intake_worker'] }));
  const again = await elsewhere.post('/persons', {
    givenName,
    familyName,
    birthDate: '1981-04-02',
    askToLinkWith: [f.person],
  });
  if (again.statusCode !== 201) throw new Error(again.body);
  f.linkRequest = (await w.get('/person-link-requests')).json().items[0]?.id;
  f.staff = worker.id;
  f.unit = unitId;
  for (const [name, id] of Object.entries(f)) if (!id) throw new Error(`the fixture has no ${name}`);
  return { worker, client: w, ids: f };
}
