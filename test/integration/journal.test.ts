import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, refusalStatus, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let responsible: CreatedStaff;
let teamMember: CreatedStaff;
let colleague: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const today = () => daysAgo(0);
const text = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((words) => ({ type: 'paragraph', content: [{ type: 'text', text: words }] })),
});

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  responsible = await t.createStaff({ roles: ['case_worker'], unitId });
  teamMember = await t.createStaff({ roles: ['case_worker'], unitId });
  colleague = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
});
afterAll(async () => {
  await t.close();
});

/** A case of a fictional person with its responsible worker and two others on its team. */
async function openCase(givenName = 'Ingrid', familyName = 'Journalsen') {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName, languages: ['ru'] })).json();
  const theCase = (
    await sup.post('/cases', {
      personId: person.id,
      unitId,
      responsibleStaffId: responsible.id,
      teamStaffIds: [teamMember.id, colleague.id],
    })
  ).json();
  return { caseId: theCase.id as string, personId: person.id as string };
}

async function signedEntry(client: ApiClient, caseId: string, body: Record<string, unknown>) {
  const draft = await client.post(`/cases/${caseId}/journal`, {
    kind: 'meeting',
    occurredOn: today(),
    text: text('Met at the office'),
    ...body,
  });
  if (draft.statusCode !== 201) throw new Error(draft.body);
  const signed = await client.post(`/journal-entries/${draft.json().id}/sign`, { version: draft.json().version });
  if (signed.statusCode !== 200) throw new Error(signed.body);
  return signed.json();
}

describe('drafts', () => {
  it('are seen by their author alone, not by the responsible worker or the supervisor', async () => {
    const { caseId } = await openCase();
    const mine = await signedIn(teamMember);
    const draft = (
      await mine.post(`/cases/${caseId}/journal`, { kind: 'phone_call', occurredOn: today(), text: text('Draft words') })
    ).json();
    expect(draft).toMatchObject({ status: 'draft', may: { change: true, sign: true } });
    for (const other of [responsible, supervisor]) {
      const client = await signedIn(other);
      expect((await client.get(`/journal-entries/${draft.id}`)).statusCode).toBe(404);
      expect((await client.get(`/cases/${caseId}/journal`)).json().items).toEqual([]);
    }
    expect((await mine.get(`/cases/${caseId}/journal`)).json().items.map((e: { id: string }) => e.id)).toEqual([draft.id]);
  });

  it('autosave keeps what was typed and moves the version on', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'home_visit', occurredOn: today() })).json();
    const saved = await w.patch(`/journal-entries/${draft.id}`, { text: text('Half a sentence'), version: draft.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: draft.version + 1, text: text('Half a sentence') });
    expect((await w.patch(`/journal-entries/${draft.id}`, { text: text('Stale'), version: draft.version })).statusCode).toBe(409);
  });

  it('cannot be changed by someone else who reaches the case', async () => {
    const { caseId } = await openCase();
    const draft = (await (await signedIn(responsible)).post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const sup = await signedIn(supervisor);
    expect((await sup.patch(`/journal-entries/${draft.id}`, { text: text('Not mine'), version: 1 })).statusCode).toBe(404);
  });

  it('are thrown away by their author and leave nothing behind', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    expect((await w.post(`/journal-entries/${draft.id}/discard`, { version: draft.version })).statusCode).toBe(200);
    expect((await w.get(`/journal-entries/${draft.id}`)).statusCode).toBe(404);
  });

  it('are not signed empty', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const signed = await w.post(`/journal-entries/${draft.id}/sign`, { version: draft.version });
    expect(signed.statusCode).toBe(400);
    expect(signed.json().errors[0].field).toBe('text');
  });
});

describe('signed entries', () => {
  it('never change: the API refuses, and so does the database', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const entry = await signedEntry(w, caseId, {});
    expect(entry).toMatchObject({ status: 'signed', may: { change: false, correct: true } });
    const changed = await w.patch(`/journal-entries/${entry.id}`, { text: text('Rewritten'), version: entry.version });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('transition_not_allowed');
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(t.db.execute(sql`UPDATE journal_entries SET plain_text = 'x' WHERE id = ${entry.id}`))).toMatch(
      /UPDATE of a settled journal_entries refused/,
    );
    expect(await refusal(t.db.execute(sql`DELETE FROM journal_entries WHERE id = ${entry.id}`))).toMatch(
      /DELETE of a settled journal_entries refused/,
    );
  });

  it('are marked late when signed more days after the event than the agency allows', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    expect((await signedEntry(w, caseId, { occurredOn: daysAgo(10) })).signedLate).toBe(true);
    expect((await signedEntry(w, caseId, { occurredOn: daysAgo(1) })).signedLate).toBe(false);
  });

  it('record the result of the plan steps they complete', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const stepId = randomUUID();
    const goalId = randomUUID();
    const assessment = (await w.post(`/cases/${caseId}/assessments`, { assessedOn: today() })).json();
    const need = (
      await w.post(`/assessments/${assessment.id}/needs`, {
        domain: 'housing',
        description: 'Keeps her flat',
        severity: 'high',
        identifiedOn: today(),
      })
    ).json();
    const plan = (
      await w.post(`/cases/${caseId}/plans`, {
        content: {
          periodFrom: today(),
          periodTo: daysAgo(-180),
          reviewDate: daysAgo(-90),
          goals: [
            {
              id: goalId,
              level: 'long_term',
              needId: need.id,
              description: 'Pays the rent on time every month',
              indicator: 'Months with the rent paid by the due day',
              baseline: '0 of the last 3 months',
              target: '3 of 3 months',
              dueDate: daysAgo(-60),
            },
          ],
          steps: [{ id: stepId, goalId, what: 'Call the landlord together', responsibleKind: 'worker', dueDate: daysAgo(-7) }],
        },
      })
    ).json();
    const submitted = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
    expect(submitted.status, JSON.stringify(submitted)).toBe('awaiting_signature');
    const signed = await w.post(`/plans/${plan.id}/signatures`, {
      signer: 'person',
      method: 'paper',
      witnessName: 'Kari Vitne',
      version: submitted.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    await signedEntry(w, caseId, {
      kind: 'phone_call',
      goalIds: [goalId],
      stepIds: [stepId],
      needIds: [need.id],
      completesSteps: [{ stepId, result: 'Landlord agreed to a payment plan' }],
    });
    const steps = (await w.get(`/cases/${caseId}/steps`)).json().items;
    expect(steps.find((s: { stepId: string }) => s.stepId === stepId)).toMatchObject({
      status: 'done',
      result: 'Landlord agreed to a payment plan',
    });
    const byGoal = (await w.get(`/cases/${caseId}/journal?goalId=${goalId}`)).json().items;
    expect(byGoal).toHaveLength(1);
  });
});

describe('corrections', () => {
  it('start as a draft copy with the reason; once signed, the original is marked corrected and stays readable', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const original = await signedEntry(w, caseId, { text: text('Met on Tuesday') });
    const correction = await w.post(`/journal-entries/${original.id}/corrections`, { reason: 'The meeting was on Wednesday' });
    expect(correction.statusCode).toBe(201);
    expect(correction.json()).toMatchObject({ status: 'draft', corrects: { id: original.id, reason: 'The meeting was on Wednesday' } });
    const fixed = await w.patch(`/journal-entries/${correction.json().id}`, {
      text: text('Met on Wednesday'),
      version: correction.json().version,
    });
    await w.post(`/journal-entries/${correction.json().id}/sign`, { version: fixed.json().version });
    const shown = (await w.get(`/journal-entries/${original.id}`)).json();
    expect(shown).toMatchObject({ correctedBy: correction.json().id, text: text('Met on Tuesday'), may: { correct: false } });
  });

  it('correct an entry once; a second correction of the same entry is refused', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const original = await signedEntry(w, caseId, {});
    const first = (await w.post(`/journal-entries/${original.id}/corrections`, { reason: 'Wrong day' })).json();
    const second = (await w.post(`/journal-entries/${original.id}/corrections`, { reason: 'Wrong place' })).json();
    expect((await w.post(`/journal-entries/${first.id}/sign`, { version: first.version })).statusCode).toBe(200);
    const refused = await w.post(`/journal-entries/${second.id}/sign`, { version: second.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('already_exists');
    expect((await w.post(`/journal-entries/${original.id}/corrections`, { reason: 'Again' })).statusCode).toBe(409);
  });
});

describe('confidentiality', () => {
  it('keeps a restricted entry from the case team and shows it to the responsible worker and the supervisor', async () => {
    const { caseId } = await openCase();
    const entry = await signedEntry(await signedIn(colleague), caseId, { confidentiality: 'restricted', text: text('Restricted words') });
    expect((await (await signedIn(teamMember)).get(`/journal-entries/${entry.id}`)).statusCode).toBe(404);
    expect((await (await signedIn(teamMember)).get(`/cases/${caseId}/journal?q=Restricted`)).json().items).toEqual([]);
    expect((await (await signedIn(responsible)).get(`/journal-entries/${entry.id}`)).statusCode).toBe(200);
    expect((await (await signedIn(supervisor)).get(`/journal-entries/${entry.id}`)).statusCode).toBe(200);
  });

  it('shows a sensitive entry to the case team, who work with the person', async () => {
    const { caseId } = await openCase();
    const entry = await signedEntry(await signedIn(responsible), caseId, { confidentiality: 'sensitive', sensitiveCategory: 'health' });
    expect((await (await signedIn(teamMember)).get(`/journal-entries/${entry.id}`)).json().sensitiveCategory).toBe('health');
  });

  it('lists a sensitive entry without its words, its source or its files; they come when the entry itself is opened', async () => {
    const { caseId } = await openCase();
    await signedEntry(await signedIn(responsible), caseId, {
      confidentiality: 'sensitive',
      sensitiveCategory: 'substance_use',
      informationFrom: 'Rusklinikken',
      text: text('Drinks every evening'),
    });
    const team = await signedIn(teamMember);
    const [listed] = (await team.get(`/cases/${caseId}/journal`)).json().items;
    expect(listed).toMatchObject({
      withheld: true,
      sensitiveCategory: 'substance_use',
      informationFrom: '',
      text: { type: 'doc', content: [] },
    });
    const [found] = (await team.get(`/cases/${caseId}/journal?q=evening`)).json().items;
    expect(found.withheld).toBe(true);
    expect(JSON.stringify(found)).not.toContain('Drinks');
    const opened = (await team.get(`/journal-entries/${listed.id}`)).json();
    expect(opened).toMatchObject({ withheld: false, informationFrom: 'Rusklinikken' });
    expect(JSON.stringify(opened.text)).toContain('Drinks every evening');
  });

  it('shows its author their own sensitive draft in the list as written', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = await w.post(`/cases/${caseId}/journal`, {
      kind: 'meeting',
      occurredOn: today(),
      confidentiality: 'sensitive',
      sensitiveCategory: 'health',
      text: text('Still writing about her health'),
    });
    expect(draft.statusCode).toBe(201);
    const [listed] = (await w.get(`/cases/${caseId}/journal`)).json().items;
    expect(listed.withheld).toBe(false);
    expect(JSON.stringify(listed.text)).toContain('Still writing');
  });

  it('asks what kind of sensitive information an entry holds', async () => {
    const { caseId } = await openCase();
    const refused = await (await signedIn(responsible)).post(`/cases/${caseId}/journal`, {
      kind: 'meeting',
      occurredOn: today(),
      confidentiality: 'sensitive',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('sensitiveCategory');
  });
});

describe('who may reach the journal', () => {
  it('answers a worker without reach to the case, a partner and an administrator without showing anything', async () => {
    const { caseId } = await openCase();
    const entry = await signedEntry(await signedIn(responsible), caseId, {});
    const outsider = await signedIn(await t.createStaff({ roles: ['case_worker'], unitId }));
    expect((await outsider.get(`/journal-entries/${entry.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/cases/${caseId}/journal`)).statusCode).toBe(404);
    expect((await outsider.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).statusCode).toBe(404);
    for (const role of ['partner_provider', 'administrator', 'auditor'] as const) {
      const client = await signedIn(await t.createStaff({ roles: [role] }));
      expect((await client.get(`/journal-entries/${entry.id}`)).statusCode).toBe(refusalStatus(role));
      expect((await client.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).statusCode).toBe(
        refusalStatus(role),
      );
    }
  });

  it('audits a read of the journal as a read of the person', async () => {
    const { caseId, personId } = await openCase();
    const w = await signedIn(responsible);
    await signedEntry(w, caseId, {});
    await w.get(`/cases/${caseId}/journal`);
    const events = await t.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE actor_id = ${responsible.id} AND (person_id = ${personId} OR ${personId} = ANY(person_ids)) AND action = 'journal.read'`,
    );
    expect(events.rows.length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('names the field: an unknown kind, a goal of another case, markup in the text, a bad date', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const field = async (body: Record<string, unknown>) => {
      const response = await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today(), ...body });
      expect(response.statusCode).toBe(400);
      return response.json().errors[0].field as string;
    };
    expect(await field({ kind: 'séance' })).toBe('kind');
    expect(await field({ kind: 'not_a_kind' })).toBe('kind');
    expect(await field({ goalIds: [randomUUID()] })).toBe('goalIds.0');
    expect(await field({ text: { type: 'doc', content: [{ type: 'html', value: '<b>x</b>' }] } })).toMatch(/^text/);
    expect(await field({ occurredOn: '2027-02-30' })).toBe('occurredOn');
    expect(await field({ occurredTime: '25:00' })).toBe('occurredTime');
  });
});

describe('the journal view', () => {
  it('lists newest first, a page at a time, with a cursor for the next', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    for (const day of [5, 3, 1]) await signedEntry(w, caseId, { occurredOn: daysAgo(day), text: text(`Day ${day}`) });
    const first = (await w.get(`/cases/${caseId}/journal?limit=2`)).json();
    expect(first.items.map((e: { occurredOn: string }) => e.occurredOn)).toEqual([daysAgo(1), daysAgo(3)]);
    const next = (await w.get(`/cases/${caseId}/journal?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((e: { occurredOn: string }) => e.occurredOn)).toEqual([daysAgo(5)]);
    expect(next.nextCursor).toBeNull();
  });

  it('filters by kind, author and period', async () => {
    const { caseId } = await openCase();
    await signedEntry(await signedIn(responsible), caseId, { kind: 'home_visit', occurredOn: daysAgo(2) });
    await signedEntry(await signedIn(teamMember), caseId, { kind: 'phone_call', occurredOn: daysAgo(1) });
    const w = await signedIn(responsible);
    const kinds = async (query: string) =>
      (await w.get(`/cases/${caseId}/journal?${query}`)).json().items.map((e: { kind: string }) => e.kind);
    expect(await kinds('kind=home_visit')).toEqual(['home_visit']);
    expect(await kinds(`authorId=${teamMember.id}`)).toEqual(['phone_call']);
    expect(await kinds(`from=${daysAgo(1)}`)).toEqual(['phone_call']);
    expect(await kinds(`to=${daysAgo(2)}`)).toEqual(['home_visit']);
  });

  it('finds words across the agency languages: stems, names in another script, and Chinese without spaces', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    await signedEntry(w, caseId, { text: text('She visited the housing office') });
    await signedEntry(w, caseId, { text: text('Встреча с Ольгой Ивановой') });
    await signedEntry(w, caseId, { text: text('他需要住房補助') });
    const found = async (q: string) =>
      (await w.get(`/cases/${caseId}/journal?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((e: { text: { content: [{ content: [{ text: string }] }] } }) => e.text.content[0].content[0].text);
    expect(await found('visits')).toEqual(['She visited the housing office']);
    expect(await found('Ivanovoi')).toEqual(['Встреча с Ольгой Ивановой']);
    expect(await found('住房补助')).toEqual(['他需要住房補助']);
    expect(await found('nothing like this')).toEqual([]);
  });

  it('prints the signed entries in the person’s language, a corrected one struck through', async () => {
    const { caseId } = await openCase('Ольга', 'Иванова');
    const w = await signedIn(responsible);
    const original = await signedEntry(w, caseId, { text: text('Wrong words') });
    const correction = (await w.post(`/journal-entries/${original.id}/corrections`, { reason: 'Misheard' })).json();
    await w.post(`/journal-entries/${correction.id}/sign`, { version: correction.version });
    const page = await w.get(`/cases/${caseId}/journal/print`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Социальный журнал');
    expect(page.body).toContain('Ольга Иванова (Olga Ivanova)');
    expect(page.body).toMatch(/<del><p>Wrong words<\/p><\/del>/);
    expect(page.body).toContain('Misheard');
  });
});

describe("the agency's kinds of entry", () => {
  it('lets the administrator add an own kind and switch a built-in one off', async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const current = (await admin.get('/agency')).json();
    const { journalEntryKinds, ...rest } = current;
    const kinds = (journalEntryKinds as { code: string; label: string | null; active: boolean }[]).map(({ code, label, active }) => ({
      code,
      label,
      active: code === 'supervision' ? false : active,
    }));
    const updated = await admin.put('/agency', {
      ...rest,
      journalEntryKinds: [...kinds, { code: 'own_group_session', label: 'Group session', active: true }],
    });
    expect(updated.statusCode).toBe(200);
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    expect((await w.post(`/cases/${caseId}/journal`, { kind: 'own_group_session', occurredOn: today() })).statusCode).toBe(201);
    const refused = await w.post(`/cases/${caseId}/journal`, { kind: 'supervision', occurredOn: today() });
    expect(refused.json().errors[0]).toMatchObject({ field: 'kind', code: 'unknown_kind' });
  });

  it('refuses an own kind without a name', async () => {
    const admin = await signedIn(await t.createStaff({ roles: ['administrator'] }));
    const { journalEntryKinds: _k, ...rest } = (await admin.get('/agency')).json();
    const refused = await admin.put('/agency', { ...rest, journalEntryKinds: [{ code: 'own_x', label: null, active: true }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('journalEntryKinds.0.label');
  });
});

describe('drafts left unsigned', () => {
  it("show in their author's Today, and nobody else's", async () => {
    const { caseId } = await openCase();
    const w = await signedIn(teamMember);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: daysAgo(5) })).json();
    const mine = (await w.get('/work/today')).json().journalDrafts;
    expect(mine.find((d: { id: string }) => d.id === draft.id)).toMatchObject({ caseId, late: true });
    const theirs = (await (await signedIn(responsible)).get('/work/today')).json().journalDrafts;
    expect(theirs.some((d: { id: string }) => d.id === draft.id)).toBe(false);
  });

  it("count in the supervisor's unit view once older than the agency's reminder days", async () => {
    const { caseId } = await openCase();
    const author = await t.createStaff({ roles: ['case_worker'], unitId });
    const sup = await signedIn(supervisor);
    const before = (await sup.get('/work/unit')).json();
    expect(before.draftReminderDays).toBe(3);
    await t.db.execute(sql`INSERT INTO case_team_members (agency_id, case_id, staff_id) VALUES (1, ${caseId}, ${author.id})`);
    const w = await signedIn(author);
    const fresh = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const old = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    await t.db.execute(sql`UPDATE journal_entries SET updated_at = now() - interval '5 days' WHERE id = ${old.id}`);
    const counted = (await sup.get('/work/unit')).json().byWorker.find((r: { staffId: string }) => r.staffId === author.id);
    expect(counted?.staleDrafts).toBe(1);
    expect(fresh.status).toBe('draft');
  });
});

describe('files of an entry', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const attach = (client: ApiClient, entryId: string, name: string, bytes: Buffer) =>
    client.request('POST', `/journal-entries/${entryId}/attachments?name=${encodeURIComponent(name)}`, bytes, {
      'content-type': 'application/octet-stream',
    });

  it('are added to a draft with their type read from the bytes, and read back by the team once signed', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (
      await w.post(`/cases/${caseId}/journal`, {
        kind: 'information_received',
        occurredOn: today(),
        text: text('A letter came'),
        informationFrom: 'The housing office',
      })
    ).json();
    const added = await attach(w, draft.id, 'Справка.pdf', pdf);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ fileName: 'Справка.pdf', mediaType: 'application/pdf', size: pdf.length });
    expect((await attach(w, draft.id, 'photo.jpg', png)).json().mediaType).toBe('image/png');
    const signed = (await w.post(`/journal-entries/${draft.id}/sign`, { version: draft.version })).json();
    expect(signed.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['Справка.pdf', 'photo.jpg']);

    const download = await (await signedIn(teamMember)).get(`/journal-attachments/${added.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Справка.pdf')}`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a file that is not a PDF or an image, whatever its name says', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const refused = await attach(w, draft.id, 'letter.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'file', code: 'unsupported_type' });
    expect((await attach(w, draft.id, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('cannot be added to a signed entry, and the database refuses to remove one', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today(), text: text('Met') })).json();
    const file = (await attach(w, draft.id, 'a.png', png)).json();
    await w.post(`/journal-entries/${draft.id}/sign`, { version: draft.version });
    expect((await attach(w, draft.id, 'b.png', png)).statusCode).toBe(409);
    expect((await w.request('DELETE', `/journal-attachments/${file.id}`)).statusCode).toBe(409);
    const refused = await t.db.execute(sql`DELETE FROM journal_attachments WHERE id = ${file.id}`).then(
      () => 'allowed',
      (error: Error) => String((error.cause as Error | undefined)?.message),
    );
    expect(refused).toMatch(/DELETE of a file of a settled journal_entries refused/);
  });

  it("of a restricted entry stay hidden from the team, and a draft's from everyone but its author", async () => {
    const { caseId } = await openCase();
    const author = await signedIn(colleague);
    const restricted = (
      await author.post(`/cases/${caseId}/journal`, {
        kind: 'meeting',
        occurredOn: today(),
        text: text('Private'),
        confidentiality: 'restricted',
      })
    ).json();
    const file = (await attach(author, restricted.id, 'a.png', png)).json();
    const team = await signedIn(teamMember);
    expect((await team.get(`/journal-attachments/${file.id}`)).statusCode).toBe(404);
    expect((await attach(team, restricted.id, 'b.png', png)).statusCode).toBe(404);
    await author.post(`/journal-entries/${restricted.id}/sign`, { version: restricted.version });
    expect((await team.get(`/journal-attachments/${file.id}`)).statusCode).toBe(404);
    expect((await (await signedIn(responsible)).get(`/journal-attachments/${file.id}`)).statusCode).toBe(200);
  });
});

describe('a crisis opened from an entry', () => {
  it('names the signed entry, and refuses a draft or an entry of another case', async () => {
    const { caseId } = await openCase();
    const other = await openCase();
    const w = await signedIn(responsible);
    const entry = await signedEntry(w, caseId, { text: text('She said she sees no way out') });
    const draft = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const elsewhere = await signedEntry(w, other.caseId, {});
    const crisis = (sourceId: string) => ({
      source: 'journal_entry',
      sourceId,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      whatHappened: 'Spoke of ending her life during the visit',
      immediateActions: 'Stayed with her; called the duty psychiatrist',
      informed: 'The supervisor',
    });
    for (const wrong of [draft.id, elsewhere.id]) {
      const refused = await w.post(`/cases/${caseId}/crises`, crisis(wrong));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('sourceId');
    }
    const opened = await w.post(`/cases/${caseId}/crises`, crisis(entry.id));
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ source: 'journal_entry', sourceId: entry.id });
  });
});
