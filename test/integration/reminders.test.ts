import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../src/areas/reminder/reminder.service.ts';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const today = () => new Date().toISOString().slice(0, 10);
const noMail = null;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  await t.db.execute(sql`UPDATE agency SET time_zone = 'UTC', journal_draft_reminder_days = 3`);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Rita Reminder', email: 'rita.reminder@example.org' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
});
afterAll(async () => {
  await t.close();
});

async function openCase() {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName: 'Påminnelse', familyName: 'Testesen' })).json();
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  return { caseId: theCase.id as string, caseNumber: theCase.caseNumber as string };
}

async function plannedContact(caseId: string, plannedOn = today()) {
  const w = await signedIn(worker);
  const created = await w.post(`/cases/${caseId}/contacts`, { kind: 'home_visit', plannedOn, plannedTime: '23:30', placeKind: 'home' });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

async function remindersOf(staffId: string, subjectId: string) {
  const rows = await t.db.execute<{ kind: string; due_on: string; case_id: string }>(
    sql`SELECT kind, due_on::text, case_id FROM alerts WHERE recipient_id = ${staffId} AND subject_id = ${subjectId}`,
  );
  return rows.rows;
}

describe('reminders', () => {
  it('remind a worker of a contact they take part in today, once however often the run comes', async () => {
    const { caseId } = await openCase();
    const contact = await plannedContact(caseId);
    await runReminders(t.db, noMail);
    await runReminders(t.db, noMail);
    expect(await remindersOf(worker.id, contact.id)).toEqual([{ kind: 'contact_due', due_on: today(), case_id: caseId }]);
  });

  it('come in the app as alerts that lead to the case', async () => {
    const { caseId } = await openCase();
    const contact = await plannedContact(caseId);
    await runReminders(t.db, noMail);
    const alerts = (await (await signedIn(worker)).get('/alerts')).json().items;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'contact_due', caseId, dueOn: today() }));
    expect(await remindersOf(supervisor.id, contact.id)).toEqual([]);
  });

  it('say nothing of a contact on another day', async () => {
    const { caseId } = await openCase();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const contact = await plannedContact(caseId, tomorrow);
    await runReminders(t.db, noMail);
    expect(await remindersOf(worker.id, contact.id)).toEqual([]);
  });

  it('remind the author of a journal draft left unsigned longer than the agency allows, and not of a fresh one', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(worker);
    const old = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    const fresh = (await w.post(`/cases/${caseId}/journal`, { kind: 'meeting', occurredOn: today() })).json();
    await t.db.execute(sql`UPDATE journal_entries SET created_at = now() - interval '4 days' WHERE id = ${old.id}`);
    await runReminders(t.db, noMail);
    expect((await remindersOf(worker.id, old.id)).map((r) => r.kind)).toEqual(['draft_unsigned']);
    expect(await remindersOf(worker.id, fresh.id)).toEqual([]);
  });

  it('remind the responsible worker of a no-show follow-up that has come due', async () => {
    const { caseId } = await openCase();
    const contact = await plannedContact(caseId);
    const w = await signedIn(worker);
    const missed = await w.post(`/contacts/${contact.id}/miss`, { version: contact.version, followUp: 'Ring her', followUpOn: today() });
    expect(missed.statusCode, missed.body).toBe(200);
    await runReminders(t.db, noMail);
    expect((await remindersOf(worker.id, contact.id)).map((r) => r.kind)).toEqual(['follow_up_due']);
  });

  it('give disabled staff none', async () => {
    const { caseId } = await openCase();
    const contact = await plannedContact(caseId);
    await t.db.execute(sql`UPDATE staff SET status = 'disabled' WHERE id = ${worker.id}`);
    try {
      await runReminders(t.db, noMail);
      expect(await remindersOf(worker.id, contact.id)).toEqual([]);
    } finally {
      await t.db.execute(sql`UPDATE staff SET status = 'active' WHERE id = ${worker.id}`);
    }
  });

  it('e-mail those who asked for it a count and a link in their language, never whom the reminders concern', async () => {
    const { caseId, caseNumber } = await openCase();
    const w = await signedIn(worker);
    expect((await w.patch('/me', { notifyByEmail: true, locale: 'nb' })).statusCode).toBe(200);
    await plannedContact(caseId);
    let woken = 0;
    const { mailed } = await runReminders(t.db, { publicUrl: 'https://tillit.example.org', wake: () => woken++ });
    expect(mailed).toBe(1);
    expect(woken).toBe(1);
    const mails = await t.db.execute<{ to_address: string; subject: string; body: string }>(
      sql`SELECT to_address, subject, body FROM mail_outbox WHERE kind = 'reminders' AND recipient_staff_id = ${worker.id}`,
    );
    expect(mails.rows).toHaveLength(1);
    const [mail] = mails.rows;
    expect(mail!.to_address).toBe('rita.reminder@example.org');
    expect(mail!.subject).toBe('Tillit: nye påminnelser');
    expect(mail!.body).toContain('https://tillit.example.org/alerts');
    expect(mail!.body).not.toContain(caseNumber);
    expect(mail!.body).not.toContain('Påminnelse Testesen');
    await (await signedIn(worker)).patch('/me', { notifyByEmail: false, locale: 'en' });
  });

  it('e-mail no one who did not ask for it', async () => {
    const { caseId } = await openCase();
    await plannedContact(caseId);
    const { made, mailed } = await runReminders(t.db, { publicUrl: 'https://tillit.example.org', wake: () => undefined });
    expect(made).toBeGreaterThan(0);
    expect(mailed).toBe(0);
  });
});
