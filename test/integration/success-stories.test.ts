import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, refusalStatus, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let reviewer: CreatedStaff;
let head: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

const text = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((words) => ({ type: 'paragraph', content: [{ type: 'text', text: words }] })),
});
const plain = (doc: { content: { content?: { text?: string }[] }[] }) =>
  doc.content.map((b) => (b.content ?? []).map((n) => n.text ?? '').join('')).join('\n');
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  reviewer = await t.createStaff({ roles: ['supervisor'], unitId });
  head = await t.createStaff({ roles: ['agency_head'] });
});
afterAll(async () => {
  await t.close();
});

/** Registers a fictional person; another of the same name registered by an earlier test is confirmed a different person. */
async function register(client: ApiClient, body: Record<string, unknown>) {
  const first = await client.post('/persons', body);
  if (first.statusCode !== 409) return first.json();
  const others = first.json().errors.map((e: { message: string }) => e.message);
  return (await client.post('/persons', { ...body, confirmedDistinctFrom: others })).json();
}

/** Ольга Иванова of Мурманск with her brother Пётр registered, and her case held by the worker. */
async function caseOfOlga() {
  const sup = await signedIn(supervisor);
  const person = await register(sup, {
    givenName: 'Ольга',
    familyName: 'Иванова',
    languages: ['ru'],
    city: 'Мурманск',
    phones: ['+47 912 34 567'],
  });
  const brother = await register(sup, { givenName: 'Пётр', familyName: 'Иванов' });
  await sup.post(`/persons/${person.id}/relations`, { relatedPersonId: brother.id, relationship: 'brother' });
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  return { caseId: theCase.id as string, personId: person.id as string };
}

const storyText = text(
  'Ольга Иванова пришла к нам 14 марта 2027 г. из Мурманска.',
  'Её брат Пётр помог с переездом. Теперь Ольга работает и звонит с номера 912 34 567.',
);

async function writtenStory(client?: ApiClient) {
  const { caseId, personId } = await caseOfOlga();
  const w = client ?? (await signedIn(worker));
  const created = await w.post(`/cases/${caseId}/success-stories`, { title: 'Ольга нашла работу', text: storyText, language: 'ru' });
  if (created.statusCode !== 201) throw new Error(created.body);
  return { caseId, personId, w, story: created.json() };
}

async function consent(client: ApiClient, id: string, use: string, kind = 'given', on = today()) {
  return client.post(`/success-stories/${id}/consents`, { use, kind, on, method: 'signed_form' });
}

async function approvedStory() {
  const written = await writtenStory();
  const copy = (await written.w.post(`/success-stories/${written.story.id}/anonymise`, { version: written.story.version })).json();
  const approved = await (await signedIn(reviewer)).post(`/success-stories/${copy.id}/approval`, { version: copy.version });
  if (approved.statusCode !== 200) throw new Error(approved.body);
  return { ...written, story: approved.json() };
}

describe('writing a success story', () => {
  it('on a case within reach, in the language asked, used for nothing until the person consents', async () => {
    const { story } = await writtenStory();
    expect(story).toMatchObject({ title: 'Ольга нашла работу', language: 'ru', anonymised: null });
    expect(story.consents.map((c: { inForce: boolean }) => c.inForce)).toEqual([false, false, false]);
    expect(story.uses.every((u: { allowed: boolean }) => !u.allowed)).toBe(true);
    expect(story.may).toMatchObject({ change: true, recordConsent: true, anonymise: true, review: false, recordUse: false });
  });

  it('is refused to an intake worker not on the case, and to partners, administrators and auditors', async () => {
    const { caseId, story } = await writtenStory();
    const intake = await signedIn(await t.createStaff({ roles: ['intake_worker'], unitId }));
    expect((await intake.get(`/success-stories/${story.id}`)).statusCode).toBe(404);
    expect((await intake.get(`/cases/${caseId}/success-stories`)).statusCode).toBe(404);
    expect((await intake.post(`/cases/${caseId}/success-stories`, { title: 'Not mine' })).statusCode).toBe(404);
    expect((await consent(intake, story.id, 'published')).statusCode).toBe(404);
    for (const role of ['partner_provider', 'administrator', 'auditor'] as const) {
      const client = await signedIn(await t.createStaff({ roles: [role] }));
      expect((await client.get(`/success-stories/${story.id}`)).statusCode, role).toBe(refusalStatus(role));
      expect((await client.post(`/cases/${caseId}/success-stories`, { title: 'Not mine' })).statusCode, role).toBe(refusalStatus(role));
      expect((await consent(client, story.id, 'published')).statusCode, role).toBe(refusalStatus(role));
      expect((await client.post(`/success-stories/${story.id}/uses`, { use: 'published', purpose: 'A leaflet' })).statusCode, role).toBe(
        refusalStatus(role),
      );
    }
  });

  it('is read by the agency head, and each read is audited as a read of the person', async () => {
    const { story, personId } = await writtenStory();
    expect((await (await signedIn(head)).get(`/success-stories/${story.id}`)).statusCode).toBe(200);
    const events = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'success_story.read' AND actor_id = ${head.id} AND person_id = ${personId}`,
    );
    expect(events.rows[0]!.n).toBe(1);
  });

  it('is changed at the version seen; the case lists its stories', async () => {
    const { caseId, w, story } = await writtenStory();
    const changed = await w.patch(`/success-stories/${story.id}`, { title: 'Ольга снова работает', version: story.version });
    expect(changed.json().title).toBe('Ольга снова работает');
    expect((await w.patch(`/success-stories/${story.id}`, { title: 'Stale', version: story.version })).statusCode).toBe(409);
    expect((await w.get(`/cases/${caseId}/success-stories`)).json().items.map((s: { id: string }) => s.id)).toEqual([story.id]);
  });
});

describe('consent to each use', () => {
  it('is recorded per use, with the day, how and who recorded it', async () => {
    const { w, story } = await writtenStory();
    const given = await consent(w, story.id, 'internal_learning');
    expect(given.statusCode, given.body).toBe(201);
    const [internal, reports, published] = given.json().consents;
    expect(internal).toMatchObject({
      use: 'internal_learning',
      inForce: true,
      events: [{ kind: 'given', on: today(), method: 'signed_form' }],
    });
    expect(reports.inForce).toBe(false);
    expect(published.inForce).toBe(false);
  });

  it('withdrawn takes effect at once: the next use is refused', async () => {
    const { w, story } = await writtenStory();
    await consent(w, story.id, 'internal_learning');
    expect((await w.post(`/success-stories/${story.id}/uses`, { use: 'internal_learning', purpose: 'Team meeting' })).statusCode).toBe(201);
    const withdrawn = await consent(w, story.id, 'internal_learning', 'withdrawn');
    expect(withdrawn.json().consents[0].inForce).toBe(false);
    const refused = await w.post(`/success-stories/${story.id}/uses`, { use: 'internal_learning', purpose: 'Team meeting' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ field: 'use', code: 'consent_not_in_force' });
  });

  it('is not given twice nor withdrawn when not in force, nor withdrawn on a day before it was given', async () => {
    const { w, story } = await writtenStory();
    expect((await consent(w, story.id, 'published', 'withdrawn')).json().errors[0]).toMatchObject({ field: 'kind', code: 'not_in_force' });
    await consent(w, story.id, 'published');
    const twice = await consent(w, story.id, 'published');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0]).toMatchObject({ field: 'kind', code: 'already_in_force' });
    const early = await consent(w, story.id, 'published', 'withdrawn', '2026-01-01');
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: 'on', code: 'before_last' });
  });

  it('is a ledger the database keeps as recorded', async () => {
    const { w, story } = await writtenStory();
    await consent(w, story.id, 'published');
    const refusal = await t.db.execute(sql`UPDATE story_consents SET kind = 'withdrawn' WHERE story_id = ${story.id}`).then(
      () => 'allowed',
      (error: Error) => String((error.cause as Error | undefined)?.message),
    );
    expect(refusal).toMatch(/UPDATE of a settled story_consents refused/);
  });
});

describe('the anonymised copy', () => {
  it("replaces the person's names as Russian declines them, her brother's, her town, her phone and the date", async () => {
    const { w, story } = await writtenStory();
    const made = await w.post(`/success-stories/${story.id}/anonymise`, { version: story.version });
    expect(made.statusCode, made.body).toBe(200);
    const copy = made.json().anonymised;
    expect(copy.title).toBe('[имя] нашла работу');
    expect(plain(copy.text)).toBe(
      '[имя] пришла к нам март 2027 г. из [место].\nЕё брат [родственник] помог с переездом. Теперь [имя] работает и звонит с номера [контакты].',
    );
    expect(copy.proposals.map((p: { kind: string }) => p.kind).sort()).toEqual(
      ['contact', 'date', 'person_name', 'person_name', 'place', 'relative_name'].sort(),
    );
    expect(copy).toMatchObject({ remaining: [], outdated: false, approval: null });
    // The story itself is unchanged.
    expect(made.json().text).toEqual(storyText);
  });

  it('keeps the words it is told to keep', async () => {
    const { w, story } = await writtenStory();
    const made = (await w.post(`/success-stories/${story.id}/anonymise`, { version: story.version, keep: ['place:мурманска'] })).json();
    expect(plain(made.anonymised.text)).toContain('из Мурманска');
    expect(made.anonymised.proposals.find((p: { id: string }) => p.id === 'place:мурманска')).toMatchObject({ applied: false });
    expect(made.anonymised.remaining).toEqual([]);
  });

  it('is reviewed by supervision, never by one who wrote the story', async () => {
    const { w, story } = await writtenStory();
    const made = (await w.post(`/success-stories/${story.id}/anonymise`, { version: story.version })).json();
    expect(made.may.review).toBe(false);
    // The worker who wrote it has no right to review at all; a supervisor who changed the story has, but not of this one.
    expect((await w.post(`/success-stories/${story.id}/approval`, { version: made.version })).statusCode).toBe(403);
    const sup = await signedIn(supervisor);
    const edited = (await sup.patch(`/success-stories/${story.id}`, { title: 'Ольга нашла хорошую работу', version: made.version })).json();
    const again = (await sup.post(`/success-stories/${story.id}/anonymise`, { version: edited.version })).json();
    const refused = await sup.post(`/success-stories/${story.id}/approval`, { version: again.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('permission_denied');
    const approved = await (await signedIn(reviewer)).post(`/success-stories/${story.id}/approval`, { version: again.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().anonymised.approval).toMatchObject({ approvedAt: expect.any(String) });
  });

  it('written by the agency head is not approved by the agency head', async () => {
    const { story } = await writtenStory(await signedIn(head));
    const h = await signedIn(head);
    const made = (await h.post(`/success-stories/${story.id}/anonymise`, { version: story.version })).json();
    expect(made.may.review).toBe(false);
    expect((await h.post(`/success-stories/${story.id}/approval`, { version: made.version })).statusCode).toBe(403);
    expect((await (await signedIn(reviewer)).post(`/success-stories/${story.id}/approval`, { version: made.version })).statusCode).toBe(
      200,
    );
  });

  it('edited by the reviewer says what it still names, and is approved then only when the reviewer accepts that', async () => {
    const { w, story } = await writtenStory();
    const made = (await w.post(`/success-stories/${story.id}/anonymise`, { version: story.version })).json();
    const r = await signedIn(reviewer);
    const edited = await r.patch(`/success-stories/${story.id}/anonymised`, {
      text: text('[имя] пришла к нам весной. Пётр помог.'),
      version: made.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().anonymised.remaining.map((p: { original: string }) => p.original)).toEqual(['Пётр']);
    const refused = await r.post(`/success-stories/${story.id}/approval`, { version: edited.json().version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ field: 'acceptRemaining', code: 'remaining_relative_name', message: 'Пётр' });
    const accepted = await r.post(`/success-stories/${story.id}/approval`, { version: edited.json().version, acceptRemaining: true });
    expect(accepted.statusCode).toBe(200);
  });

  it('loses its approval when the reviewer edits it again, and is outdated when the story changes', async () => {
    const { w, story } = await approvedStory();
    const r = await signedIn(reviewer);
    const edited = (await r.patch(`/success-stories/${story.id}/anonymised`, { title: '[имя] и работа', version: story.version })).json();
    expect(edited.anonymised.approval).toBeNull();
    const approved = (await r.post(`/success-stories/${story.id}/approval`, { version: edited.version })).json();
    const changed = (
      await w.patch(`/success-stories/${story.id}`, { text: text('Ольга Иванова нашла работу.'), version: approved.version })
    ).json();
    expect(changed.anonymised).toMatchObject({ outdated: true, approval: null });
    const refused = await r.post(`/success-stories/${story.id}/approval`, { version: changed.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('transition_not_allowed');
  });
});

describe('using a story', () => {
  it('for internal learning with consent gives the story itself', async () => {
    const { w, story } = await writtenStory();
    await consent(w, story.id, 'internal_learning');
    const used = await w.post(`/success-stories/${story.id}/uses`, { use: 'internal_learning', purpose: 'Training day in May' });
    expect(used.statusCode, used.body).toBe(201);
    expect(used.json()).toMatchObject({ use: 'internal_learning', title: 'Ольга нашла работу', text: storyText });
  });

  it('in reports or published is refused without an approved anonymised copy, even with consent', async () => {
    const { w, story } = await writtenStory();
    await consent(w, story.id, 'published');
    await consent(w, story.id, 'anonymised_reports');
    for (const use of ['published', 'anonymised_reports']) {
      const refused = await w.post(`/success-stories/${story.id}/uses`, { use, purpose: 'Annual report 2027' });
      expect(refused.statusCode, use).toBe(409);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'use', code: 'copy_not_approved' })]);
    }
    const made = (await w.post(`/success-stories/${story.id}/anonymise`, { version: story.version })).json();
    const unapproved = await w.post(`/success-stories/${story.id}/uses`, { use: 'published', purpose: 'Annual report 2027' });
    expect(unapproved.statusCode).toBe(409);
    await (await signedIn(reviewer)).post(`/success-stories/${story.id}/approval`, { version: made.version });
    const used = await w.post(`/success-stories/${story.id}/uses`, { use: 'published', purpose: 'Annual report 2027' });
    expect(used.statusCode, used.body).toBe(201);
    expect(used.json().title).toBe('[имя] нашла работу');
    expect(JSON.stringify(used.json().text)).not.toMatch(/Ольг|Пётр|Мурманск/);
  });

  it('published is refused at once after the consent to publish is withdrawn', async () => {
    const { w, story } = await approvedStory();
    await consent(w, story.id, 'published');
    expect((await w.post(`/success-stories/${story.id}/uses`, { use: 'published', purpose: 'Website' })).statusCode).toBe(201);
    await consent(w, story.id, 'published', 'withdrawn');
    const refused = await w.post(`/success-stories/${story.id}/uses`, { use: 'published', purpose: 'Website' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([expect.objectContaining({ code: 'consent_not_in_force' })]);
    const shown = (await w.get(`/success-stories/${story.id}`)).json();
    expect(shown.usesRecorded).toMatchObject([{ use: 'published', purpose: 'Website' }]);
    expect(shown.uses.find((u: { use: string }) => u.use === 'published')).toMatchObject({ allowed: false, missing: ['consent'] });
  });
});

describe('bad input', () => {
  it('names the field', async () => {
    const { caseId, w, story } = await writtenStory();
    const field = async (response: Promise<Awaited<ReturnType<ApiClient['post']>>>) => {
      const answer = await response;
      expect(answer.statusCode, answer.body).toBe(400);
      return answer.json().errors[0].field as string;
    };
    expect(await field(w.post(`/cases/${caseId}/success-stories`, { title: 'x' }))).toBe('title');
    expect(await field(w.post(`/cases/${caseId}/success-stories`, { title: 'Fine', language: 'fr' }))).toBe('language');
    expect(
      await field(w.post(`/cases/${caseId}/success-stories`, { title: 'Fine', text: { type: 'doc', content: [{ type: 'image' }] } })),
    ).toMatch(/^text/);
    expect(
      await field(w.post(`/success-stories/${story.id}/consents`, { use: 'advertising', kind: 'given', on: today(), method: 'in_person' })),
    ).toBe('use');
    expect(
      await field(
        w.post(`/success-stories/${story.id}/consents`, { use: 'published', kind: 'given', on: '2999-01-01', method: 'in_person' }),
      ),
    ).toBe('on');
    expect(await field(w.post(`/success-stories/${story.id}/anonymise`, { version: story.version, dates: 'blurred' }))).toBe('dates');
    expect(await field(w.post(`/success-stories/${story.id}/uses`, { use: 'published' }))).toBe('purpose');
  });

  it('an anonymised copy of a story with no words is refused, naming the text', async () => {
    const { caseId } = await caseOfOlga();
    const w = await signedIn(worker);
    const empty = (await w.post(`/cases/${caseId}/success-stories`, { title: 'To be written' })).json();
    const refused = await w.post(`/success-stories/${empty.id}/anonymise`, { version: empty.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('text');
  });
});
