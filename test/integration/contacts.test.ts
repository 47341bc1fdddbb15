import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf, shiftWeek } from '../../src/areas/contact/week.rules.ts';
import { calendarDateIn } from '../../src/core/calendar-date.ts';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, refusalStatus, type TestApp } from '../support/server.ts';

/** The agency's own time zone, far from UTC, so a day or time taken from the server's clock would show. */
const ZONE = 'Pacific/Auckland';

let t: TestApp;
let unitId: string;
let responsible: CreatedStaff;
let colleague: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const today = () => calendarDateIn(ZONE);
const inDays = (n: number) => calendarDateIn(ZONE, new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  t = await createTestApp();
  await t.db.execute(sql`UPDATE agency SET time_zone = ${ZONE} WHERE id = 1`);
  unitId = await firstUnitId(t.db);
  responsible = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Sigrun Besøk' });
  colleague = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
});
afterAll(async () => {
  await t.close();
});

/** A case of a fictional person held by the responsible worker. */
async function openCase(givenName = 'Liv', familyName = 'Kontaktsen', teamStaffIds: string[] = []) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName, familyName })).json();
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: responsible.id, teamStaffIds })).json();
  return { caseId: theCase.id as string, personId: person.id as string, caseNumber: theCase.caseNumber as string };
}

const homeVisit = (extra: Record<string, unknown> = {}) => ({
  kind: 'home_visit',
  plannedOn: today(),
  plannedTime: '10:30',
  durationMinutes: 45,
  placeKind: 'home',
  placeText: 'Fjordveien 12, 2nd floor',
  participants: [{ kind: 'person' }, { kind: 'relative', name: 'Aslak Kontaktsen' }],
  purpose: 'Go through the rent arrears together',
  ...extra,
});

async function plannedContact(client: ApiClient, caseId: string, extra: Record<string, unknown> = {}) {
  const created = await client.post(`/cases/${caseId}/contacts`, homeVisit(extra));
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json();
}

describe('planning a contact', () => {
  it('keeps what is planned, at its time in the agency’s time zone, with the planner taking part', async () => {
    const { caseId, caseNumber } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    expect(contact).toMatchObject({
      status: 'planned',
      caseNumber,
      kind: 'home_visit',
      plannedOn: today(),
      plannedTime: '10:30',
      durationMinutes: 45,
      placeKind: 'home',
      placeText: 'Fjordveien 12, 2nd floor',
      purpose: 'Go through the rent arrears together',
      journalEntryId: null,
      may: { change: true, hold: true, miss: true, cancel: true, completeFollowUp: false, beginNote: false },
    });
    expect(new Date(contact.startsAt).toLocaleString('sv-SE', { timeZone: ZONE })).toBe(`${today()} 10:30:00`);
    expect(contact.participants).toEqual([
      { kind: 'person', refId: null, name: '' },
      { kind: 'relative', refId: null, name: 'Aslak Kontaktsen' },
      { kind: 'staff', refId: responsible.id, name: 'Sigrun Besøk' },
    ]);
    const listed = (await w.get(`/cases/${caseId}/contacts`)).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
  });

  it('may change while planned: another day, and the version moves on', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const moved = await w.patch(`/contacts/${contact.id}`, { plannedOn: inDays(2), plannedTime: '14:00', version: contact.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ plannedOn: inDays(2), plannedTime: '14:00', version: contact.version + 1 });
    expect((await w.patch(`/contacts/${contact.id}`, { purpose: 'Stale', version: contact.version })).statusCode).toBe(409);
  });

  it('names the field of bad input', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const field = async (body: Record<string, unknown>) => {
      const response = await w.post(`/cases/${caseId}/contacts`, { ...homeVisit(), ...body });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors[0].field as string;
    };
    expect(await field({ kind: 'séance' })).toBe('kind');
    expect(await field({ plannedOn: '2026-02-30' })).toBe('plannedOn');
    expect(await field({ plannedTime: '25:00' })).toBe('plannedTime');
    expect(await field({ durationMinutes: 0 })).toBe('durationMinutes');
    expect(await field({ placeKind: 'moon' })).toBe('placeKind');
    expect(await field({ participants: [{ kind: 'staff', refId: randomUUID() }] })).toBe('participants.0.refId');
    expect(await field({ participants: [{ kind: 'other' }] })).toBe('participants.0.name');
    expect(await field({ colour: 'red' })).toBe('colour');
  });
});

describe('who may reach contacts', () => {
  it('answers a worker without reach to the case with 404, a partner with 404 and an administrator with 403, on every route', async () => {
    const { caseId } = await openCase();
    const contact = await plannedContact(await signedIn(responsible), caseId);
    const v = { version: contact.version };
    const calls: [string, string, unknown?][] = [
      ['GET', `/cases/${caseId}/contacts`],
      ['POST', `/cases/${caseId}/contacts`, homeVisit()],
      ['POST', `/cases/${caseId}/contacts/from-plan`, {}],
      ['GET', `/contacts/${contact.id}`],
      ['PATCH', `/contacts/${contact.id}`, { purpose: 'Mine now', ...v }],
      ['POST', `/contacts/${contact.id}/hold`, v],
      ['POST', `/contacts/${contact.id}/miss`, { ...v, followUp: 'Call', followUpOn: today() }],
      ['POST', `/contacts/${contact.id}/cancel`, { ...v, cancelledBy: 'agency', reason: 'Not mine' }],
      ['POST', `/contacts/${contact.id}/follow-up-done`, v],
      ['POST', `/contacts/${contact.id}/note`, v],
    ];
    const outsider = await signedIn(colleague);
    for (const [method, url, body] of calls)
      expect((await outsider.request(method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(404);
    for (const role of ['partner_provider', 'administrator'] as const) {
      const client = await signedIn(await t.createStaff({ roles: [role] }));
      for (const [method, url, body] of [
        ...calls,
        ['GET', '/work/contacts'],
        ['GET', '/me/calendar-feed'],
        ['POST', '/me/calendar-feed', {}],
      ] as [string, string, unknown?][])
        expect((await client.request(method as 'GET', url, body)).statusCode, `${role} ${method} ${url}`).toBe(refusalStatus(role));
    }
    // Nothing was changed by any of them.
    expect((await (await signedIn(responsible)).get(`/contacts/${contact.id}`)).json()).toMatchObject({ status: 'planned', version: 1 });
  });

  it('audits a read of a contact, and an attempt out of reach, as about the person', async () => {
    const { caseId, personId } = await openCase();
    const contact = await plannedContact(await signedIn(responsible), caseId);
    await (await signedIn(responsible)).get(`/contacts/${contact.id}`);
    await (await signedIn(colleague)).get(`/contacts/${contact.id}`);
    const events = await t.db.execute<{ actor_id: string; outcome: string }>(
      sql`SELECT actor_id, outcome FROM audit_events WHERE action = 'contact.read' AND entity_id = ${contact.id} AND person_id = ${personId} ORDER BY seq`,
    );
    expect(events.rows).toEqual([
      { actor_id: responsible.id, outcome: 'success' },
      { actor_id: colleague.id, outcome: 'denied' },
    ]);
  });
});

describe('holding a contact', () => {
  it('begins its journal note as a draft of the holder’s, filled in from the contact, and keeps the entry’s id', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const held = await w.post(`/contacts/${contact.id}/hold`, { version: contact.version });
    expect(held.statusCode, held.body).toBe(200);
    const heldContact = held.json();
    expect(heldContact).toMatchObject({ status: 'held', recordedByName: 'Sigrun Besøk', may: { change: false, hold: false } });
    const entry = (await w.get(`/journal-entries/${heldContact.journalEntryId}`)).json();
    expect(entry).toMatchObject({
      status: 'draft',
      kind: 'home_visit',
      occurredOn: today(),
      occurredTime: '10:30',
      contactId: contact.id,
      authorId: responsible.id,
      participants: contact.participants,
      may: { change: true, sign: true },
    });
    // A draft is its author's alone, as any other.
    expect((await (await signedIn(supervisor)).get(`/journal-entries/${entry.id}`)).statusCode).toBe(404);
  });

  it('takes the journal’s kind for the contact: a video call becomes a meeting', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId, { kind: 'video_call', placeKind: 'remote', placeText: '' });
    const held = (await w.post(`/contacts/${contact.id}/hold`, { version: contact.version })).json();
    expect((await w.get(`/journal-entries/${held.journalEntryId}`)).json().kind).toBe('meeting');
  });

  it('dates the note the day it was held when that is not the planned day, and refuses a day still ahead', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId, { plannedOn: inDays(3) });
    const ahead = await w.post(`/contacts/${contact.id}/hold`, { version: contact.version, heldOn: inDays(1) });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().errors[0]).toMatchObject({ field: 'heldOn', code: 'in_future' });
    const held = (await w.post(`/contacts/${contact.id}/hold`, { version: contact.version })).json();
    expect((await w.get(`/journal-entries/${held.journalEntryId}`)).json()).toMatchObject({ occurredOn: today(), occurredTime: null });
  });

  it('settles the contact: it is not held twice or changed, and the database refuses a change too', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const held = (await w.post(`/contacts/${contact.id}/hold`, { version: contact.version })).json();
    const again = await w.post(`/contacts/${contact.id}/hold`, { version: held.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('transition_not_allowed');
    expect((await w.patch(`/contacts/${contact.id}`, { plannedTime: '11:00', version: held.version })).statusCode).toBe(409);
    expect(
      (await w.post(`/contacts/${contact.id}/cancel`, { version: held.version, cancelledBy: 'agency', reason: 'Oops' })).statusCode,
    ).toBe(409);
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(t.db.execute(sql`UPDATE contacts SET purpose = 'Rewritten' WHERE id = ${contact.id}`))).toMatch(
      /UPDATE of a settled contacts refused/,
    );
    expect(await refusal(t.db.execute(sql`DELETE FROM contacts WHERE id = ${contact.id}`))).toMatch(/DELETE of a settled contacts refused/);
  });

  it('lets the note begin again when its draft was thrown away', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const held = (await w.post(`/contacts/${contact.id}/hold`, { version: contact.version })).json();
    expect((await w.post(`/contacts/${contact.id}/note`, { version: held.version })).statusCode).toBe(409);
    const draft = (await w.get(`/journal-entries/${held.journalEntryId}`)).json();
    expect((await w.post(`/journal-entries/${draft.id}/discard`, { version: draft.version })).statusCode).toBe(200);
    const orphan = (await w.get(`/contacts/${contact.id}`)).json();
    expect(orphan).toMatchObject({ status: 'held', journalEntryId: null, may: { beginNote: true } });
    const again = (await w.post(`/contacts/${contact.id}/note`, { version: orphan.version })).json();
    expect(again.journalEntryId).toEqual(expect.any(String));
    expect((await w.get(`/journal-entries/${again.journalEntryId}`)).json()).toMatchObject({ status: 'draft', contactId: contact.id });
  });

  it('leaves the signed note final as the journal keeps it, the contact pointing at it', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const held = (await w.post(`/contacts/${contact.id}/hold`, { version: contact.version })).json();
    const draft = (await w.get(`/journal-entries/${held.journalEntryId}`)).json();
    const text = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Went through the arrears' }] }] };
    const written = (await w.patch(`/journal-entries/${draft.id}`, { text, version: draft.version })).json();
    const signed = await w.post(`/journal-entries/${draft.id}/sign`, { version: written.version });
    expect(signed.json()).toMatchObject({ status: 'signed', contactId: contact.id });
    expect((await w.get(`/contacts/${contact.id}`)).json().journalEntryId).toBe(draft.id);
  });
});

describe('a missed contact', () => {
  it('needs its no-show follow-up, named by field, not before the missed day', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const missing = await w.post(`/contacts/${contact.id}/miss`, { version: contact.version, followUpOn: today() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('followUp');
    const early = await w.post(`/contacts/${contact.id}/miss`, { version: contact.version, followUp: 'Call her', followUpOn: inDays(-1) });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: 'followUpOn', code: 'before_contact' });
  });

  it('is known only once its day has come', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId, { plannedOn: inDays(2) });
    const refused = await w.post(`/contacts/${contact.id}/miss`, { version: contact.version, followUp: 'Call', followUpOn: inDays(3) });
    expect(refused.statusCode).toBe(409);
  });

  it('puts its follow-up in Today on its day, for the one who recorded it, until it is done', async () => {
    const { caseId, caseNumber } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const missed = (
      await w.post(`/contacts/${contact.id}/miss`, {
        version: contact.version,
        followUp: 'Phone Liv and offer a new time',
        followUpOn: today(),
      })
    ).json();
    expect(missed).toMatchObject({
      status: 'missed',
      noShow: { followUp: 'Phone Liv and offer a new time', followUpOn: today(), doneAt: null },
      may: { completeFollowUp: true, change: false },
    });
    const due = (await w.get('/work/today')).json().contactFollowUps;
    expect(due).toContainEqual({
      contactId: contact.id,
      caseId,
      caseNumber,
      followUp: 'Phone Liv and offer a new time',
      followUpOn: today(),
      overdue: false,
    });
    const done = (await w.post(`/contacts/${contact.id}/follow-up-done`, { version: missed.version })).json();
    expect(done.noShow.doneAt).toEqual(expect.any(String));
    expect((await w.get('/work/today')).json().contactFollowUps.map((f: { contactId: string }) => f.contactId)).not.toContain(contact.id);
    expect((await w.post(`/contacts/${contact.id}/follow-up-done`, { version: done.version })).statusCode).toBe(409);
  });

  it('keeps a follow-up due later out of Today until its day', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    await w.post(`/contacts/${contact.id}/miss`, { version: contact.version, followUp: 'Write a letter', followUpOn: inDays(4) });
    expect((await w.get('/work/today')).json().contactFollowUps.map((f: { contactId: string }) => f.contactId)).not.toContain(contact.id);
  });
});

describe('a cancelled contact', () => {
  it('says by whom and why, and the reason is required', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId);
    const noReason = await w.post(`/contacts/${contact.id}/cancel`, { version: contact.version, cancelledBy: 'person' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const badWho = await w.post(`/contacts/${contact.id}/cancel`, { version: contact.version, cancelledBy: 'moon', reason: 'Ill' });
    expect(badWho.json().errors[0].field).toBe('cancelledBy');
    const cancelled = (
      await w.post(`/contacts/${contact.id}/cancel`, {
        version: contact.version,
        cancelledBy: 'person',
        reason: 'She is ill, will call back',
      })
    ).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'person', reason: 'She is ill, will call back' } });
  });
});

describe("the plan's meetings", () => {
  async function activePlan(caseId: string, w: ApiClient, meetings: { id: string; date: string; purpose: string; place: string }[]) {
    const a = (await w.post(`/cases/${caseId}/assessments`, { assessedOn: today() })).json();
    const need = (
      await w.post(`/assessments/${a.id}/needs`, { domain: 'housing', description: 'A safe home', severity: 'high', identifiedOn: today() })
    ).json();
    const goal = randomUUID();
    const content = {
      periodFrom: today(),
      periodTo: inDays(180),
      reviewDate: inDays(90),
      goals: [
        {
          id: goal,
          level: 'long_term',
          needId: need.id,
          description: 'Lives in a flat of her own with a tenancy in her name',
          indicator: 'Signed tenancy agreement',
          baseline: 'No tenancy',
          target: 'Tenancy signed',
          dueDate: inDays(170),
        },
      ],
      steps: [{ id: randomUUID(), goalId: goal, what: 'Apply for housing together', responsibleKind: 'worker', dueDate: inDays(20) }],
      meetings,
    };
    const plan = (await w.post(`/cases/${caseId}/plans`, { content })).json();
    const submitted = (await w.post(`/plans/${plan.id}/submit`, { version: plan.version })).json();
    const signed = await w.post(`/plans/${plan.id}/signatures`, {
      signer: 'person',
      method: 'paper',
      witnessName: 'Kari Vitne',
      version: submitted.version,
    });
    expect(signed.json().status, signed.body).toBe('active');
  }

  it('are scheduled once each, however often it is asked; a meeting whose day has gone is not', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    expect((await w.post(`/cases/${caseId}/contacts/from-plan`, {})).statusCode).toBe(409);
    const [first, second, past] = [randomUUID(), randomUUID(), randomUUID()];
    await activePlan(caseId, w, [
      { id: first, date: inDays(7), purpose: 'First follow-up', place: '' },
      { id: second, date: inDays(30), purpose: 'Review of the plan', place: 'Day centre' },
      { id: past, date: inDays(-3), purpose: 'Start', place: '' },
    ]);
    const scheduled = (await w.post(`/cases/${caseId}/contacts/from-plan`, {})).json();
    expect(scheduled).toMatchObject({ alreadyScheduled: 0, inThePast: 1 });
    expect(scheduled.items.map((c: { planMeetingId: string }) => c.planMeetingId)).toEqual([first, second]);
    expect(scheduled.items[1]).toMatchObject({
      kind: 'office_meeting',
      plannedOn: inDays(30),
      plannedTime: null,
      placeKind: 'other',
      placeText: 'Day centre',
      purpose: 'Review of the plan',
    });
    expect(scheduled.items[0].participants).toContainEqual({ kind: 'staff', refId: responsible.id, name: 'Sigrun Besøk' });
    const again = (await w.post(`/cases/${caseId}/contacts/from-plan`, {})).json();
    expect(again).toMatchObject({ items: [], alreadyScheduled: 2, inThePast: 1 });
    expect((await w.get(`/cases/${caseId}/contacts`)).json().items).toHaveLength(2);
  });
});

describe('the week view', () => {
  it("shows the worker's own contacts of the week, Monday first, across their cases, and not a colleague's", async () => {
    const one = await openCase('Ada', 'Ukesen');
    const two = await openCase('Bo', 'Ukesen', [colleague.id]);
    const w = await signedIn(responsible);
    const mine = await plannedContact(w, one.caseId, { plannedTime: '09:00' });
    const other = await plannedContact(w, two.caseId, { plannedTime: '08:00', kind: 'phone_call', placeKind: 'remote' });
    const colleagues = await plannedContact(w, two.caseId, { participants: [{ kind: 'staff', refId: colleague.id }] });
    const thisWeek = isoWeekOf(today());
    const answer = await w.get(`/work/contacts?week=${thisWeek}`);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ week: thisWeek, previousWeek: shiftWeek(thisWeek, -1), nextWeek: shiftWeek(thisWeek, 1) });
    expect(new Date(`${body.from}T00:00:00Z`).getUTCDay()).toBe(1);
    const ids = body.items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(ids).not.toContain(colleagues.id);
    expect(ids.indexOf(other.id)).toBeLessThan(ids.indexOf(mine.id));
    expect(body.items.find((c: { id: string }) => c.id === mine.id)).toMatchObject({
      personName: 'Ada Ukesen',
      caseNumber: one.caseNumber,
    });
    expect((await w.get('/work/contacts')).json().week).toBe(thisWeek);
    expect(
      (await (await signedIn(colleague)).get(`/work/contacts?week=${thisWeek}`)).json().items.map((c: { id: string }) => c.id),
    ).toEqual([colleagues.id]);
    expect((await w.get(`/work/contacts?week=${shiftWeek(thisWeek, 2)}`)).json().items).toEqual([]);
  });

  it('takes a range of days instead, and names the field of a bad week or range', async () => {
    const w = await signedIn(responsible);
    expect((await w.get(`/work/contacts?from=${today()}&to=${inDays(3)}`)).json()).toMatchObject({
      from: today(),
      to: inDays(3),
      week: null,
    });
    const field = async (query: string) => {
      const response = await w.get(`/work/contacts?${query}`);
      expect(response.statusCode, query).toBe(400);
      return response.json().errors[0].field as string;
    };
    expect(await field('week=2025-W53')).toBe('query.week');
    expect(await field('week=next')).toBe('query.week');
    expect(await field(`week=${isoWeekOf(today())}&from=${today()}`)).toBe('query.week');
    expect(await field(`from=${today()}`)).toBe('query.to');
    expect(await field(`from=${inDays(3)}&to=${today()}`)).toBe('query.to');
    expect(await field(`from=${today()}&to=${inDays(60)}`)).toBe('query.to');
  });
});

describe('Today', () => {
  it('lists the contacts due today, and earlier ones never recorded as overdue', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const now = await plannedContact(w, caseId);
    const late = await plannedContact(w, caseId, { plannedOn: inDays(-2) });
    const later = await plannedContact(w, caseId, { plannedOn: inDays(2) });
    const contacts = (await w.get('/work/today')).json().contacts as { id: string; overdue: boolean }[];
    expect(contacts.find((c) => c.id === now.id)).toMatchObject({ overdue: false, kind: 'home_visit', plannedTime: '10:30' });
    expect(contacts.find((c) => c.id === late.id)).toMatchObject({ overdue: true });
    expect(contacts.map((c) => c.id)).not.toContain(later.id);
    await w.post(`/contacts/${now.id}/hold`, { version: now.version });
    expect(((await w.get('/work/today')).json().contacts as { id: string }[]).map((c) => c.id)).not.toContain(now.id);
  });
});

describe('the calendar feed', () => {
  it('carries the case number, time, duration and kind of place only – no names, purpose or address', async () => {
    const { caseId, caseNumber } = await openCase('Gunnhild', 'Hemmelig');
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId, { plannedOn: inDays(1), plannedTime: '13:15', durationMinutes: 90 });
    const made = await w.post('/me/calendar-feed', {});
    expect(made.statusCode).toBe(201);
    const url = new URL(made.json().url);
    const feed = await new ApiClient(t.app).get(url.pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const event = calendar
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .find((e) => e.uid === `${contact.id}@tillit`)!;
    expect(event.summary).toBe(`Case ${caseNumber}`);
    expect(event.location).toBe('Home');
    expect(event.startDate.toJSDate().toISOString()).toBe(contact.startsAt);
    expect(event.duration.toSeconds()).toBe(90 * 60);
    for (const secret of ['Gunnhild', 'Hemmelig', 'Fjordveien', 'rent arrears', 'Aslak', 'Sigrun', responsible.email])
      expect(feed.body).not.toContain(secret);
    const fetched = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'calendar_feed.fetch' AND actor_id = ${responsible.id}`,
    );
    expect(fetched.rows[0]!.n).toBeGreaterThan(0);
  });

  it('shows a contact planned for a day only as an all-day event on that day', async () => {
    const { caseId } = await openCase();
    const w = await signedIn(responsible);
    const contact = await plannedContact(w, caseId, { plannedOn: inDays(5), plannedTime: null });
    const feed = await new ApiClient(t.app).get(new URL((await w.post('/me/calendar-feed', {})).json().url).pathname);
    const event = new ICAL.Component(ICAL.parse(feed.body))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .find((e) => e.uid === `${contact.id}@tillit`)!;
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(inDays(5));
  });

  it('stops at its old address when a new one is made, and at any when it is switched off', async () => {
    const w = await signedIn(responsible);
    const anonymous = new ApiClient(t.app);
    const first = new URL((await w.post('/me/calendar-feed', {})).json().url).pathname;
    expect((await anonymous.get(first)).statusCode).toBe(200);
    const second = new URL((await w.post('/me/calendar-feed', {})).json().url).pathname;
    expect((await anonymous.get(first)).statusCode).toBe(404);
    expect((await anonymous.get(second)).statusCode).toBe(200);
    expect((await w.get('/me/calendar-feed')).json()).toMatchObject({ active: true, lastUsedAt: expect.any(String) });
    expect((await w.request('DELETE', '/me/calendar-feed')).statusCode).toBe(200);
    expect((await anonymous.get(second)).statusCode).toBe(404);
    expect((await w.get('/me/calendar-feed')).json()).toMatchObject({ active: false, createdAt: null });
  });

  it('answers an unknown or malformed address with the same 404, and keeps only the hash of the secret', async () => {
    const anonymous = new ApiClient(t.app);
    expect((await anonymous.get(`/calendar/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await anonymous.get('/calendar/nonsense')).json().errors[0].field).toBe('params.file');
    const w = await signedIn(colleague);
    const url = (await w.post('/me/calendar-feed', {})).json().url as string;
    const secret = /\/calendar\/([^.]+)\.ics$/.exec(url)![1]!;
    const stored = await t.db.execute<{ token_hash: string }>(sql`SELECT token_hash FROM calendar_feeds WHERE staff_id = ${colleague.id}`);
    expect(stored.rows[0]!.token_hash).not.toContain(secret);
  });

  it('stops when its owner is switched off', async () => {
    const leaving = await t.createStaff({ roles: ['case_worker'], unitId });
    const path = new URL((await (await signedIn(leaving)).post('/me/calendar-feed', {})).json().url).pathname;
    const anonymous = new ApiClient(t.app);
    expect((await anonymous.get(path)).statusCode).toBe(200);
    await t.db.execute(sql`UPDATE staff SET status = 'disabled' WHERE id = ${leaving.id}`);
    expect((await anonymous.get(path)).statusCode).toBe(404);
  });
});
