import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
let admin: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const phq = (codes: string[]) => Object.fromEntries(codes.map((c, i) => [`phq9_${i + 1}`, c]));

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  admin = await t.createStaff({ roles: ['administrator'] });
});
afterAll(async () => {
  await t.close();
});

async function openCase(givenName: string) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName: 'Skjema' })).json();
  return (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json() as {
    id: string;
    personId: string;
  };
}

async function templateId(key: string) {
  const list = (await (await signedIn(worker)).get('/questionnaire-templates?status=published')).json().items as {
    id: string;
    key: string;
  }[];
  return list.find((x) => x.key === key)!.id;
}

describe('questionnaires', () => {
  it('ship PHQ-9, GAD-7, the self-sufficiency scale, the life-domain needs and the background questionnaire, translatable', async () => {
    const w = await signedIn(worker);
    const keys = ((await w.get('/questionnaire-templates?status=published')).json().items as { key: string; shipped: boolean }[])
      .filter((x) => x.shipped)
      .map((x) => x.key);
    expect(keys.sort()).toEqual(['background-questionnaire', 'gad-7', 'life-domain-needs', 'phq-9', 'self-sufficiency']);
    const scale = (await w.get(`/questionnaire-templates/${await templateId('self-sufficiency')}?language=ru`)).json();
    expect(scale.title).toMatch(/[А-Яа-я]/);
  });

  it("score PHQ-9 exactly, keep answers as typed until completion, and raise the crisis flag on item 9 with an alert to the unit's supervisor", async () => {
    const theCase = await openCase('Tor');
    const w = await signedIn(worker);
    const started = await w.post(`/cases/${theCase.id}/questionnaire-responses`, {
      templateId: await templateId('phq-9'),
      answers: { phq9_1: 'several_days' },
    });
    expect(started.statusCode).toBe(201);
    const r = started.json();
    expect(r).toMatchObject({ status: 'in_progress', templateKey: 'phq-9', templateVersion: 1, answers: { phq9_1: 'several_days' } });

    const outOfRange = await w.put(`/questionnaire-responses/${r.id}/answers`, { answers: { phq9_1: 'always' }, version: r.version });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors[0].field).toBe('answers.phq9_1');

    const partial = (
      await w.put(`/questionnaire-responses/${r.id}/answers`, {
        answers: phq(['several_days', 'several_days', 'not_at_all']),
        version: r.version,
      })
    ).json();
    const incomplete = await w.post(`/questionnaire-responses/${r.id}/complete`, { version: partial.version });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field)).toContain('answers.phq9_4');

    // 1+1+0+2+2+3+3+1+1 = 14: moderate; item 9 answered "several days".
    const answers = {
      ...phq([
        'several_days',
        'several_days',
        'not_at_all',
        'more_than_half',
        'more_than_half',
        'nearly_every_day',
        'nearly_every_day',
        'several_days',
        'several_days',
      ]),
      phq9_difficulty: 'very_difficult',
    };
    const full = (await w.put(`/questionnaire-responses/${r.id}/answers`, { answers, version: partial.version })).json();
    const done = (await w.post(`/questionnaire-responses/${r.id}/complete`, { version: full.version })).json();
    expect(done.scores).toEqual([
      expect.objectContaining({ ruleId: 'phq9_total', total: 14, band: expect.objectContaining({ code: 'moderate' }), complete: true }),
    ]);
    expect(done.flags).toEqual(['crisis']);
    expect((await w.get(`/cases/${theCase.id}`)).json().crisisRaisedAt).not.toBeNull();
    const alerts = await t.db.execute<{ recipient_id: string }>(
      sql`SELECT recipient_id FROM alerts WHERE case_id = ${theCase.id} AND kind = 'crisis_flag'`,
    );
    expect(alerts.rows.map((a) => a.recipient_id)).toContain(supervisor.id);
    // The crisis makes the case urgent: it heads the supervisor's Today, and the alert names the case and the person.
    expect((await w.get(`/cases/${theCase.id}`)).json().priority).toBe('urgent');
    const sup = await signedIn(supervisor);
    expect((await sup.get('/work/today')).json().urgentCases).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: theCase.id, crisisRaisedAt: expect.any(String) })]),
    );
    const alert = (await sup.get('/alerts')).json().items.find((a: { caseId: string | null }) => a.caseId === theCase.id);
    expect(alert).toMatchObject({ kind: 'crisis_flag', caseNumber: expect.stringMatching(/^TIL-/), personName: expect.any(String) });
    expect((await w.put(`/questionnaire-responses/${r.id}/answers`, { answers, version: done.version })).statusCode).toBe(409);

    const flagged = (await w.get(`/cases/${theCase.id}`)).json();
    // A second crisis answer after the supervisor looked makes their view stale: clearing it then is refused.
    const again = (await w.post(`/cases/${theCase.id}/questionnaire-responses`, { templateId: await templateId('phq-9'), answers })).json();
    await w.post(`/questionnaire-responses/${again.id}/complete`, { version: again.version });
    expect(
      (await (await signedIn(supervisor)).post(`/cases/${theCase.id}/crisis/clear`, { followUp: 'Seen to', version: flagged.version }))
        .statusCode,
    ).toBe(409);
    const flaggedAgain = (await w.get(`/cases/${theCase.id}`)).json();
    expect(
      (await w.post(`/cases/${theCase.id}/crisis/clear`, { followUp: 'Safety plan made', version: flaggedAgain.version })).statusCode,
    ).toBe(403);
    // The answers opened a crisis on the case; ending the flag closes it, so it asks when the person is followed up.
    const [crisis] = (await sup.get(`/cases/${theCase.id}/crises`)).json().items;
    expect(crisis).toMatchObject({ status: 'open', source: 'questionnaire', sourceId: r.id });
    const undated = await sup.post(`/cases/${theCase.id}/crisis/clear`, { followUp: 'Called her', version: flaggedAgain.version });
    expect(undated.statusCode).toBe(400);
    expect(undated.json().errors.map((e: { field: string }) => e.field)).toEqual(['followUpOn']);
    const followUpOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const cleared = (
      await sup.post(`/cases/${theCase.id}/crisis/clear`, {
        followUp: 'Called the same day; safety plan made with the person',
        followUpOn,
        version: flaggedAgain.version,
      })
    ).json();
    expect(cleared.crisisRaisedAt).toBeNull();
    expect((await sup.get(`/crises/${crisis.id}`)).json()).toMatchObject({
      status: 'closed',
      outcome: 'Called the same day; safety plan made with the person',
      followUpOn,
    });
    const history = await t.db.execute<{ reason: string }>(
      sql`SELECT reason FROM case_events WHERE case_id = ${theCase.id} AND kind = 'crisis_cleared'`,
    );
    expect(history.rows.map((h) => h.reason)).toEqual(['Called the same day; safety plan made with the person']);
  });

  it('save a half-filled questionnaire whose repeating group has no entries yet, and ask for them on completion', async () => {
    const theCase = await openCase('Halv');
    const w = await signedIn(worker);
    const started = await w.post(`/cases/${theCase.id}/questionnaire-responses`, {
      templateId: await templateId('background-questionnaire'),
      answers: { has_used: true },
    });
    expect(started.statusCode).toBe(201);
    const done = await w.post(`/questionnaire-responses/${started.json().id}/complete`, { version: started.json().version });
    expect(done.statusCode).toBe(400);
    expect(done.json().errors).toContainEqual(expect.objectContaining({ field: 'answers.substances', code: 'too_few_repeats' }));
  });

  it('raise no flag and band minimal when every answer is "not at all"', async () => {
    const theCase = await openCase('Siv');
    const w = await signedIn(worker);
    const r = (
      await w.post(`/cases/${theCase.id}/questionnaire-responses`, {
        templateId: await templateId('phq-9'),
        answers: phq(Array(9).fill('not_at_all')),
      })
    ).json();
    const done = (await w.post(`/questionnaire-responses/${r.id}/complete`, { version: r.version })).json();
    expect(done.scores[0]).toMatchObject({ total: 0, band: { code: 'minimal' } });
    expect(done.flags).toEqual([]);
    expect((await w.get(`/cases/${theCase.id}`)).json().crisisRaisedAt).toBeNull();
  });

  it('are versioned by administrators: a new version is a draft, answers keep the version they were given in, FHIR export and import round-trip', async () => {
    const a = await signedIn(admin);
    const w = await signedIn(worker);
    const gadId = await templateId('gad-7');
    const gad = (await a.get(`/questionnaire-templates/${gadId}`)).json();
    expect((await w.post('/questionnaire-templates', { definition: gad.definition })).statusCode).toBe(403);

    const changed = { ...gad.definition, title: 'GAD-7 (agency edition)' };
    const draft = await a.post('/questionnaire-templates', { definition: changed });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ key: 'gad-7', templateVersion: 2, status: 'draft' });
    const theCase = await openCase('Vera');
    const notPublished = await w.post(`/cases/${theCase.id}/questionnaire-responses`, { templateId: draft.json().id });
    expect(notPublished.json().errors[0]).toMatchObject({ field: 'templateId', code: 'not_published' });
    const v1Response = (await w.post(`/cases/${theCase.id}/questionnaire-responses`, { templateId: gadId })).json();

    const published = (await a.post(`/questionnaire-templates/${draft.json().id}/publish`, { version: draft.json().version })).json();
    expect(published.status).toBe('published');
    const statuses = (
      (await a.get('/questionnaire-templates')).json().items as { key: string; templateVersion: number; status: string }[]
    ).filter((x) => x.key === 'gad-7');
    expect(statuses.map((x) => [x.templateVersion, x.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect((await w.get(`/questionnaire-responses/${v1Response.id}`)).json().templateVersion).toBe(1);
    expect((await a.put(`/questionnaire-templates/${published.id}`, { definition: changed, version: published.version })).statusCode).toBe(
      409,
    );
    const backToDraft = await t.db.execute(sql`UPDATE questionnaire_templates SET status = 'draft' WHERE id = ${published.id}`).then(
      () => null,
      (e: Error) => e,
    );
    expect(String((backToDraft?.cause as Error | undefined)?.message)).toMatch(/refused/);

    const fhir = await a.get(`/questionnaire-templates/${published.id}/fhir`);
    expect(fhir.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(fhir.json()).toMatchObject({ resourceType: 'Questionnaire', title: 'GAD-7 (agency edition)' });
    const imported = await a.post('/questionnaire-templates/import', { questionnaire: fhir.json() });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ key: 'gad-7', templateVersion: 3, status: 'draft' });
    expect(imported.json().definition.sections).toEqual(published.definition.sections);
  });

  it('import a published SDC Questionnaire as a draft with a warning for what it could not keep, and export it with its own linkIds', async () => {
    const a = await signedIn(admin);
    const sdcPhq9 = JSON.parse(
      await readFile(
        new URL('../../src/areas/questionnaire/fixtures/sdc/questionnaire-sdc-profile-example-PHQ9.json', import.meta.url),
        'utf8',
      ),
    );
    const imported = await a.post('/questionnaire-templates/import', { questionnaire: sdcPhq9 });
    expect(imported.statusCode).toBe(201);
    const draft = imported.json();
    expect(draft).toMatchObject({ key: 'questionnaire-sdc-profile-example-phq9', templateVersion: 1, status: 'draft' });
    expect(draft.warnings).toEqual([
      {
        path: 'item[0].item[9]',
        linkId: 'H1/TS',
        code: 'calculated_expression',
        message: expect.any(String),
        detail: '%resource.answers().value.ordinal().sum()',
      },
    ]);
    const created = await t.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE entity_id = ${draft.id} AND actor_id = ${admin.id}`,
    );
    expect(created.rows.map((r) => r.action)).toEqual(['questionnaire_template.create']);

    const exported = (await a.get(`/questionnaire-templates/${draft.id}/fhir`)).json() as {
      item: { linkId: string; item?: { linkId: string }[] }[];
    };
    expect(exported.item.map((section) => [section.linkId, section.item?.map((i) => i.linkId)])).toEqual([
      ['H1/T1', [...Array.from({ length: 9 }, (_, k) => `H1/T1/Q${k + 1}`), 'H1/TS']],
    ]);
  });

  it('refuse to import what is not a Questionnaire, naming the field, and leave nothing behind', async () => {
    const a = await signedIn(admin);
    const before = (await a.get('/questionnaire-templates')).json().items.length;
    const refused = await a.post('/questionnaire-templates/import', {
      questionnaire: { resourceType: 'Questionnaire', title: 'Broken', item: [{ linkId: 'q', type: 'string', text: 'Q', repeats: 'yes' }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'questionnaire.item.0.repeats', code: 'fhir_invalid' })]);
    expect((await a.get('/questionnaire-templates')).json().items.length).toBe(before);
  });

  it('refuse a template whose condition points at a missing item, naming the path', async () => {
    const a = await signedIn(admin);
    const definition = {
      key: 'housing-check',
      version: 1,
      title: 'Housing check',
      sections: [
        {
          id: 's1',
          title: 'Housing',
          items: [
            { id: 'has_home', type: 'yes_no', text: 'Do you have a home?', required: true },
            {
              id: 'where',
              type: 'short_text',
              text: 'Where do you sleep?',
              enableWhen: [{ itemId: 'nowhere', operator: 'equals', value: false }],
            },
          ],
        },
      ],
    };
    const res = await a.post('/questionnaire-templates', { definition });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^definition\.sections/);
    expect((await t.db.execute(sql`SELECT 1 FROM questionnaire_templates WHERE key = 'housing-check'`)).rows.length).toBe(0);
  });
});
