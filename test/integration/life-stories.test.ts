import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, insertAgency, refusalStatus, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let otherUnitId: string;
let responsible: CreatedStaff;
let teamMember: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

const text = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((words) => ({ type: 'paragraph', content: [{ type: 'text', text: words }] })),
});
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  const [other] = (await t.db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Outreach north') RETURNING id`))
    .rows;
  otherUnitId = other!.id;
  responsible = await t.createStaff({ roles: ['case_worker'], unitId });
  teamMember = await t.createStaff({ roles: ['intake_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
});
afterAll(async () => {
  await t.close();
});

/** A fictional person who reads Russian, with an open case held by the responsible worker and a team member. */
async function personWithCase(givenName = 'Ольга', familyName = 'Иванова') {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName, languages: ['ru', 'nb'] })).json();
  const theCase = (
    await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: responsible.id, teamStaffIds: [teamMember.id] })
  ).json();
  return { personId: person.id as string, caseId: theCase.id as string };
}

async function saveDraft(client: ApiClient, personId: string, body: Record<string, unknown>) {
  const saved = await client.put(`/persons/${personId}/life-story/draft`, body);
  if (saved.statusCode !== 200) throw new Error(saved.body);
  return saved.json();
}

describe('who reads a life story', () => {
  it('shows it to the responsible worker, the case team and the supervisor of the case’s unit', async () => {
    const { personId } = await personWithCase();
    await saveDraft(await signedIn(responsible), personId, { sections: { values: text('Семья') }, version: 0 });
    for (const who of [responsible, teamMember, supervisor]) {
      const read = await (await signedIn(who)).get(`/persons/${personId}/life-story`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json().sections.values).toEqual(text('Семья'));
    }
  });

  it('is refused to the agency head, a partner, an administrator and an auditor', async () => {
    const { personId } = await personWithCase();
    for (const role of ['agency_head', 'partner_provider', 'administrator', 'auditor'] as const) {
      const client = await signedIn(await t.createStaff({ roles: [role], unitId: role === 'partner_provider' ? null : unitId }));
      expect((await client.get(`/persons/${personId}/life-story`)).statusCode, role).toBe(refusalStatus(role));
      expect((await client.put(`/persons/${personId}/life-story/draft`, { version: 0 })).statusCode, role).toBe(refusalStatus(role));
      expect((await client.get(`/persons/${personId}/life-story/print`)).statusCode, role).toBe(refusalStatus(role));
    }
  });

  it('does not exist for an intake worker who registered the person but is not on a case, nor for another unit’s supervisor', async () => {
    const intake = await t.createStaff({ roles: ['intake_worker'], unitId });
    const registrar = await signedIn(intake);
    const person = (await registrar.post('/persons', { givenName: 'Pavel', familyName: 'Orlov', languages: ['ru'] })).json();
    await (await signedIn(supervisor)).post('/cases', { personId: person.id, unitId, responsibleStaffId: responsible.id });
    // The intake worker still reads the person they registered, but not their life story.
    expect((await registrar.get(`/persons/${person.id}`)).statusCode).toBe(200);
    expect((await registrar.get(`/persons/${person.id}/life-story`)).statusCode).toBe(404);
    expect((await registrar.put(`/persons/${person.id}/life-story/draft`, { version: 0 })).statusCode).toBe(404);
    const elsewhere = await signedIn(await t.createStaff({ roles: ['supervisor'], unitId: otherUnitId }));
    expect((await elsewhere.get(`/persons/${person.id}/life-story`)).statusCode).toBe(404);
  });

  it('audits an attempt out of reach as denied, and a read as a read of the person', async () => {
    const { personId } = await personWithCase();
    const outsider = await t.createStaff({ roles: ['case_worker'], unitId });
    await (await signedIn(outsider)).get(`/persons/${personId}/life-story`);
    await (await signedIn(responsible)).get(`/persons/${personId}/life-story`);
    const events = await t.db.execute<{ actor_id: string; outcome: string }>(
      sql`SELECT actor_id, outcome FROM audit_events WHERE action = 'life_story.read' AND (person_id = ${personId} OR ${personId} = ANY(person_ids))`,
    );
    expect(events.rows).toContainEqual({ actor_id: outsider.id, outcome: 'denied' });
    expect(events.rows).toContainEqual({ actor_id: responsible.id, outcome: 'success' });
  });

  it('is read by no one once the case is closed', async () => {
    const { personId, caseId } = await personWithCase();
    const sup = await signedIn(supervisor);
    const theCase = (await sup.get(`/cases/${caseId}`)).json();
    const closed = await sup.post(`/cases/${caseId}/stage`, { stage: 'closed', reason: 'Moved to another town', version: theCase.version });
    expect(closed.statusCode, closed.body).toBe(200);
    for (const who of [responsible, teamMember, supervisor]) {
      expect((await (await signedIn(who)).get(`/persons/${personId}/life-story`)).statusCode).toBe(404);
    }
  });
});

describe('the draft', () => {
  it("is begun in the person's first language and autosaved at the version the client saw", async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const empty = (await w.get(`/persons/${personId}/life-story`)).json();
    expect(empty).toMatchObject({ id: null, language: 'ru', version: 0, versions: [], changedSinceVersion: false });
    const first = await saveDraft(w, personId, { sections: { upbringing: text('Выросла в Мурманске') }, version: 0 });
    expect(first).toMatchObject({ language: 'ru', version: 1, changedSinceVersion: true, may: { write: true, keepVersion: true } });
    const second = await saveDraft(w, personId, { sections: { interests: text('Шахматы') }, version: 1 });
    expect(second.sections.upbringing).toEqual(text('Выросла в Мурманске'));
    expect(second.sections.interests).toEqual(text('Шахматы'));
    const stale = await w.put(`/persons/${personId}/life-story/draft`, { sections: { interests: text('Old') }, version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('is shared: a team member goes on where the responsible worker stopped', async () => {
    const { personId } = await personWithCase();
    const begun = await saveDraft(await signedIn(responsible), personId, { sections: { values: text('Честность') }, version: 0 });
    const continued = await saveDraft(await signedIn(teamMember), personId, {
      sections: { what_matters: text('Внуки') },
      version: begun.version,
    });
    expect(continued.sections.values).toEqual(text('Честность'));
    expect(continued.draftChangedByName).not.toBe(begun.draftChangedByName);
  });

  it('may be written in another language than the first', async () => {
    const { personId } = await personWithCase();
    expect((await saveDraft(await signedIn(responsible), personId, { language: 'nb', version: 0 })).language).toBe('nb');
  });
});

describe('versions', () => {
  it('are kept one after another; an earlier one stays readable as it was', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, { sections: { values: text('Семья') }, version: 0 });
    const one = await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version, note: 'First talk' });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json().versions).toMatchObject([{ number: 1, note: 'First talk', confirmation: null }]);
    expect(one.json().changedSinceVersion).toBe(false);
    const changed = await saveDraft(w, personId, { sections: { values: text('Семья и вера') }, version: one.json().version });
    const two = (await w.post(`/persons/${personId}/life-story/versions`, { version: changed.version })).json();
    expect(two.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const first = await w.get(`/life-story-versions/${two.versions[1].id}`);
    expect(first.json()).toMatchObject({ number: 1, personId, sections: { values: text('Семья') } });
  });

  it('are not kept empty, nor twice the same', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const empty = await saveDraft(w, personId, { language: 'ru', version: 0 });
    const refused = await w.post(`/persons/${personId}/life-story/versions`, { version: empty.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('sections');
    const written = await saveDraft(w, personId, { sections: { interests: text('Рыбалка') }, version: empty.version });
    expect((await w.post(`/persons/${personId}/life-story/versions`, { version: written.version })).statusCode).toBe(201);
    const again = await w.post(`/persons/${personId}/life-story/versions`, { version: written.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('transition_not_allowed');
  });

  it('never change: the database refuses to change or remove one', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, { sections: { values: text('Семья') }, version: 0 });
    const kept = (await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version })).json();
    const id = kept.versions[0].id;
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(t.db.execute(sql`UPDATE life_story_versions SET note = 'x' WHERE id = ${id}`))).toMatch(/UPDATE of a settled/);
    expect(await refusal(t.db.execute(sql`DELETE FROM life_story_versions WHERE id = ${id}`))).toMatch(/DELETE of a settled/);
  });

  it('are out of reach of a worker who is not on the case', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, { sections: { values: text('Семья') }, version: 0 });
    const kept = (await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version })).json();
    const outsider = await signedIn(await t.createStaff({ roles: ['case_worker'], unitId }));
    expect((await outsider.get(`/life-story-versions/${kept.versions[0].id}`)).statusCode).toBe(404);
    const head = await signedIn(await t.createStaff({ roles: ['agency_head'] }));
    expect((await head.get(`/life-story-versions/${kept.versions[0].id}`)).statusCode).toBe(403);
  });
});

describe("the person's confirmation", () => {
  async function keptVersion() {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, { sections: { how_to_help: text('Спрашивайте меня') }, version: 0 });
    const kept = (await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version })).json();
    return { w, personId, versionId: kept.versions[0].id as string };
  }

  it('is recorded once, with the day and how, and shows with the version', async () => {
    const { w, personId, versionId } = await keptVersion();
    const confirmed = await w.post(`/life-story-versions/${versionId}/confirmation`, {
      confirmedOn: today(),
      method: 'read_with_interpreter',
      interpreterName: 'Irina Tolk',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().confirmation).toMatchObject({
      confirmedOn: today(),
      method: 'read_with_interpreter',
      interpreterName: 'Irina Tolk',
    });
    expect((await w.get(`/persons/${personId}/life-story`)).json().versions[0].may.confirm).toBe(false);
    const again = await w.post(`/life-story-versions/${versionId}/confirmation`, { confirmedOn: today(), method: 'read_together' });
    expect(again.statusCode).toBe(409);
  });

  it('is not dated before the version was kept, and names the interpreter it was read through', async () => {
    const { w, versionId } = await keptVersion();
    const early = await w.post(`/life-story-versions/${versionId}/confirmation`, { confirmedOn: '2020-01-01', method: 'read_together' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('confirmedOn');
    const unnamed = await w.post(`/life-story-versions/${versionId}/confirmation`, {
      confirmedOn: today(),
      method: 'read_with_interpreter',
    });
    expect(unnamed.json().errors[0].field).toBe('interpreterName');
  });
});

describe('bad input', () => {
  it('names the field: markup in a section, a section that does not exist, a language that is no code, a version below 0', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const field = async (body: Record<string, unknown>) => {
      const response = await w.put(`/persons/${personId}/life-story/draft`, { version: 0, ...body });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors[0].field as string;
    };
    expect(await field({ sections: { values: { type: 'doc', content: [{ type: 'html', value: '<b>x</b>' }] } } })).toMatch(
      /^sections\.values/,
    );
    expect(await field({ sections: { hobbies: text('Chess') } })).toBe('sections.hobbies');
    expect(await field({ language: 'русский' })).toBe('language');
    expect(await field({ version: -1 })).toBe('version');
    const confirm = await w.post(`/life-story-versions/00000000-0000-4000-8000-000000000000/confirmation`, {
      confirmedOn: today(),
      method: 'nodded',
    });
    expect(confirm.json().errors[0].field).toBe('method');
  });
});

describe('the printed life story', () => {
  it("is in the story's language, headings too, with the name in the person's script and the Latin form", async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, {
      sections: { upbringing: text('Я выросла в Мурманске.'), values: text('Семья и честность.') },
      version: 0,
    });
    await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version });
    const page = await w.get(`/persons/${personId}/life-story/print`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain('<h1>История жизни</h1>');
    expect(page.body).toContain('<h2>Откуда я родом и как прошло моё детство</h2>');
    expect(page.body).toContain('<h2>Что для меня ценно</h2>');
    expect(page.body).toContain('Ольга Иванова</span> (Olga Ivanova)');
    expect(page.body).toContain('Это моя история, рассказанная так, как я хочу.');
    // Sections with nothing in them are left out, and no heading falls back to English.
    expect(page.body).not.toContain('Традиции и вера');
    expect(page.body).not.toMatch(/Life story|Version|Told by/);
  });

  it('prints an earlier version when asked, and says when the person confirmed it', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(responsible);
    const draft = await saveDraft(w, personId, { sections: { values: text('Первая версия') }, version: 0 });
    const one = (await w.post(`/persons/${personId}/life-story/versions`, { version: draft.version })).json();
    await w.post(`/life-story-versions/${one.versions[0].id}/confirmation`, { confirmedOn: today(), method: 'read_together' });
    const later = await saveDraft(w, personId, { sections: { values: text('Вторая версия') }, version: one.version });
    await w.post(`/persons/${personId}/life-story/versions`, { version: later.version });
    const page = (await w.get(`/persons/${personId}/life-story/print?versionId=${one.versions[0].id}`)).body;
    expect(page).toContain('Первая версия');
    expect(page).not.toContain('Вторая версия');
    expect(page).toMatch(/Подтверждено .*: прочитали вместе/);
    const inNorwegian = (await w.get(`/persons/${personId}/life-story/print?language=nb`)).body;
    expect(inNorwegian).toContain('<h1>Livshistorie</h1>');
  });
});

describe('another agency', () => {
  it("never reaches a person's life story of the first", async () => {
    const { personId } = await personWithCase();
    const other = await insertAgency(t.db, 'Fjord Agency', 'FJO');
    const stranger = await signedIn(await t.createStaff({ roles: ['supervisor'], agencyId: other.agencyId, unitId: other.unitId }));
    expect((await stranger.get(`/persons/${personId}/life-story`)).statusCode).toBe(404);
  });
});
