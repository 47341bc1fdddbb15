import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDueSubjectAccessCopies } from '../../src/areas/subject-access/subject-access.service.ts';
import { HELD_TABLES, NOT_ABOUT_THE_PERSON } from '../../src/areas/subject-access/subject-access.store.ts';
import { createLogger } from '../../src/core/logger.ts';
import { type ApiClient, signedInClient } from '../support/api-client.ts';
import { pdfText } from '../support/pdf.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const today = () => new Date().toISOString().slice(0, 10);
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const pdfFile = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Kari Kopi' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Sune Supervisor' });
});
afterAll(async () => {
  await t.close();
});

/** An invented person with a Chinese name, a case, a signed note with a file, a draft, and a consent. */
async function personWithRecord() {
  const sup = await signedIn(supervisor);
  const person = (
    await sup.post('/persons', { givenName: '小明', familyName: '王', nameInOtherScript: 'Wang Xiaoming', languages: ['zh-Hans'] })
  ).json();
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  const w = await signedIn(worker);
  const signed = (
    await w.post(`/cases/${theCase.id}/journal`, { kind: 'meeting', occurredOn: today(), text: doc('谈到了房租和工作') })
  ).json();
  const attached = await w.request('POST', `/journal-entries/${signed.id}/attachments?name=${encodeURIComponent('租约.pdf')}`, pdfFile, {
    'content-type': 'application/octet-stream',
  });
  expect(attached.statusCode, attached.body).toBe(201);
  const fresh = (await w.get(`/journal-entries/${signed.id}`)).json();
  expect((await w.post(`/journal-entries/${signed.id}/sign`, { version: fresh.version })).statusCode).toBe(200);
  await w.post(`/cases/${theCase.id}/journal`, { kind: 'phone_call', occurredOn: today(), text: doc('Unfinished draft words') });
  const consent = await w.post(`/persons/${person.id}/consents`, {
    kind: 'programme_inclusion',
    purposes: ['service_coordination'],
    recipients: [],
    categories: [],
    shownText: '我同意参加本项目，并同意机构为协调服务而记录我的信息。',
    language: 'zh-Hans',
    signatures: [{ signer: 'person', method: 'signed_on_screen' }],
  });
  expect(consent.statusCode, consent.body).toBe(201);
  return { personId: person.id as string, caseId: theCase.id as string, entryId: signed.id as string };
}

async function finished(client: ApiClient, exportId: string) {
  for (let i = 0; i < 200; i++) {
    const copy = (await client.get(`/subject-access-exports/${exportId}`)).json();
    if (copy.status === 'ready' || copy.status === 'failed') return copy;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The copy was not made in 20 s');
}

describe('the subject-access copy', () => {
  it('is made in the background as a ZIP with a PDF in the person’s language, the same as JSON, and the journal’s files', async () => {
    const { personId, entryId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    const asked = await sup.post(`/persons/${personId}/subject-access-exports`, { note: 'Letter received 2 December' });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ status: 'queued', language: 'zh-Hans', requestedBy: { name: 'Sune Supervisor' } });
    const copy = await finished(sup, asked.json().id);
    expect(copy).toMatchObject({ status: 'ready', available: true, failure: null });
    expect(copy.progress.done).toBe(copy.progress.total);

    const download = await sup.get(`/subject-access-exports/${copy.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(download.rawPayload));
    const files = Object.keys(zip);
    expect(files).toEqual(expect.arrayContaining(['copy.pdf', 'data.json']));
    const attachment = files.find((f) => f.startsWith('attachments/'));
    expect(attachment).toMatch(/租约\.pdf$/);
    expect(Buffer.from(zip[attachment!]!).equals(pdfFile)).toBe(true);

    const data = JSON.parse(Buffer.from(zip['data.json']!).toString('utf8'));
    expect(data.format).toBe('tillit-subject-access/1');
    expect(data.tables.persons).toEqual([expect.objectContaining({ id: personId, given_name: '小明', family_name: '王' })]);
    expect(data.tables.journal_entries.map((e: { id: string }) => e.id)).toEqual([entryId]);
    expect(data.tables.consents).toEqual([
      expect.objectContaining({ kind: 'programme_inclusion', shown_text: '我同意参加本项目，并同意机构为协调服务而记录我的信息。' }),
    ]);
    expect(data.tables.journal_attachments[0]).not.toHaveProperty('content');
    expect(data.names[worker.id]).toBe('Kari Kopi');

    const text = await pdfText(Buffer.from(zip['copy.pdf']!));
    expect(text).toContain('我们所持有的您的信息副本');
    expect(text).toContain('王小明 (Wang Xiaoming)');
    expect(text).toContain('谈到了房租和工作');
    expect(text).toContain('Kari Kopi');
    expect(text).toContain('Letter received 2 December');
  });

  it('leaves out journal drafts, which are their author’s until signed', async () => {
    const { personId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    const copy = await finished(sup, (await sup.post(`/persons/${personId}/subject-access-exports`, {})).json().id);
    const zip = unzipSync(new Uint8Array((await sup.get(`/subject-access-exports/${copy.id}/file`)).rawPayload));
    expect(Buffer.from(zip['data.json']!).toString('utf8')).not.toContain('Unfinished draft words');
  });

  it('is in the person’s access log as printed, by whom asked, and each download is audited', async () => {
    const { personId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    const copy = await finished(sup, (await sup.post(`/persons/${personId}/subject-access-exports`, {})).json().id);
    await sup.get(`/subject-access-exports/${copy.id}/file`);
    const actions = await t.db.execute<{ action: string; actor_id: string }>(
      sql`SELECT action, actor_id FROM audit_events WHERE person_id = ${personId} AND action LIKE 'person.subject_access%' ORDER BY seq`,
    );
    expect(actions.rows).toEqual([
      { action: 'person.subject_access_request', actor_id: supervisor.id },
      { action: 'person.subject_access_export', actor_id: supervisor.id },
      { action: 'person.subject_access_download', actor_id: supervisor.id },
    ]);
    const log = (await sup.get(`/persons/${personId}/access-log`)).json();
    expect(log.items).toEqual(expect.arrayContaining([expect.objectContaining({ actorName: 'Sune Supervisor', how: 'printed' })]));
  });

  it('is made one at a time for a person: a second asked for while the first is being made is refused', async () => {
    const { personId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    // Held back from the job: asked for as the first copy would be, and not yet claimed.
    await t.db.execute(
      sql`INSERT INTO subject_access_exports (agency_id, person_id, language, requested_by, status, claimed_until) VALUES (1, ${personId}, 'en', ${supervisor.id}, 'running', now() + interval '1 hour')`,
    );
    const second = await sup.post(`/persons/${personId}/subject-access-exports`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe('A copy for this person is being made already: wait for it to finish');
  });

  it('may be asked for without a body, in the person’s first language, and names a field it cannot take', async () => {
    const { personId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    const bad = await sup.post(`/persons/${personId}/subject-access-exports`, { language: 'xx', note: 'x'.repeat(501) });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields.sort()).toEqual(['language', 'note']);
    const bare = await sup.request('POST', `/persons/${personId}/subject-access-exports`);
    expect(bare.statusCode, bare.body).toBe(202);
    expect(bare.json().language).toBe('zh-Hans');
  });

  it('is not for a case worker to ask for', async () => {
    const { personId } = await personWithRecord();
    const w = await signedIn(worker);
    expect((await w.post(`/persons/${personId}/subject-access-exports`, {})).statusCode).toBe(403);
  });

  it('is asked for only on a person within reach: one out of reach is not found', async () => {
    const { personId } = await personWithRecord();
    const outsider = await t.createStaff({ roles: ['supervisor'], unitId: await otherUnitId(), displayName: 'Olga Outside' });
    const response = await (await signedIn(outsider)).post(`/persons/${personId}/subject-access-exports`, {});
    expect(response.statusCode).toBe(404);
  });

  it('fails, with the reason, when the one who asked may no longer make copies before it was made', async () => {
    const { personId } = await personWithRecord();
    const leaving = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Lene Leaving' });
    await t.db.execute(sql`UPDATE staff SET status = 'disabled' WHERE id = ${leaving.id}`);
    // Asked for before the account was disabled, and not yet made.
    const [row] = (
      await t.db.execute<{ id: string }>(
        sql`INSERT INTO subject_access_exports (agency_id, person_id, language, requested_by) VALUES (1, ${personId}, 'en', ${leaving.id}) RETURNING id`,
      )
    ).rows;
    await makeDueSubjectAccessCopies(t.db, { logger: createLogger('silent') });
    const sup = await signedIn(supervisor);
    const copy = await finished(sup, row!.id);
    expect(copy).toMatchObject({
      status: 'failed',
      available: false,
      failure: 'The staff member who asked for the copy may no longer make one',
    });
    expect((await sup.get(`/subject-access-exports/${row!.id}/file`)).statusCode).toBe(409);
  });

  it('is deleted after its days; the record that it was made stays', async () => {
    const { personId } = await personWithRecord();
    const sup = await signedIn(supervisor);
    const copy = await finished(sup, (await sup.post(`/persons/${personId}/subject-access-exports`, {})).json().id);
    await t.db.execute(sql`UPDATE subject_access_exports SET expires_at = now() - interval '1 minute' WHERE id = ${copy.id}`);
    const late = await sup.get(`/subject-access-exports/${copy.id}/file`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('The copy is past its days and was deleted: ask for a new one');
    // The next run deletes the file.
    await sup.post(`/persons/${personId}/subject-access-exports`, {});
    await expect
      .poll(async () => (await t.db.execute(sql`SELECT 1 FROM subject_access_files WHERE export_id = ${copy.id}`)).rows.length, {
        timeout: 20_000,
      })
      .toBe(0);
    expect((await sup.get(`/persons/${personId}/subject-access-exports`)).json().items.map((c: { id: string }) => c.id)).toContain(copy.id);
  });

  it('reads every table of the database that holds something about a person, or says why a table is left out', async () => {
    const tables = await t.db.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\_\_%'`,
    );
    const covered = new Set([...HELD_TABLES.map((h) => h.table), ...Object.keys(NOT_ABOUT_THE_PERSON)]);
    expect(tables.rows.map((r) => r.table_name).filter((name) => !covered.has(name))).toEqual([]);
  });
});

async function otherUnitId(): Promise<string> {
  const [row] = (await t.db.execute<{ id: string }>(sql`INSERT INTO units (agency_id, name) VALUES (1, 'Unit Far Away') RETURNING id`))
    .rows;
  return row!.id;
}
