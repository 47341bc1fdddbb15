/**
 * A duplicate check searches the whole agency, but what it shows of someone the caller cannot open
 * is only enough to recognise them: initials, birth year and the units that know them. To see
 * more takes a reason (or supervision); to link, the staff who know the other record decide.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, type TestApp } from '../support/server.ts';

let t: TestApp;
let north: string;
let south: string;
let northWorker: CreatedStaff;
let northSupervisor: CreatedStaff;
let southWorker: CreatedStaff;
let southSupervisor: CreatedStaff;
let known: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const units = (await t.db.execute<{ id: string }>(sql`SELECT id FROM units ORDER BY name LIMIT 2`)).rows;
  [north, south] = [units[0]!.id, units[1]!.id];
  northWorker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId: north });
  northSupervisor = await t.createStaff({ roles: ['supervisor'], unitId: north });
  southWorker = await t.createStaff({ roles: ['case_worker', 'intake_worker'], unitId: south });
  southSupervisor = await t.createStaff({ roles: ['supervisor'], unitId: south });
  const n = await signedInClient(t.app, northWorker);
  known = (
    await n.post('/persons', {
      givenName: 'Philippa',
      familyName: 'Grindlewood',
      birthDate: '1979-08-14',
      nationalIdCountry: null,
      phones: ['+47 400 11 223'],
    })
  ).json();
  await n.post('/cases', { personId: known.id, unitId: north, responsibleStaffId: northWorker.id });
});
afterAll(async () => {
  await t.close();
});

const typedAgain = { givenName: 'Philippa', familyName: 'Grindlewood', birthDate: '1979-08-14' };

describe('a duplicate out of reach', () => {
  it('is shown masked: initials, birth year and the units that know the person, never the name or birth date', async () => {
    const s = await signedInClient(t.app, southWorker);
    const [candidate] = (await s.post('/persons/duplicates', typedAgain)).json().candidates;
    const northName = (await t.db.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${north}`)).rows[0]!.name;
    expect(candidate).toMatchObject({
      personId: known.id,
      canOpen: false,
      givenName: null,
      familyName: null,
      birthDate: null,
      initials: 'P. G.',
      birthYear: 1979,
      knownTo: [northName],
      strength: 'strong',
    });
  });

  it('is shown in full to the worker who may open the record', async () => {
    const n = await signedInClient(t.app, northWorker);
    const [candidate] = (await n.post('/persons/duplicates', typedAgain)).json().candidates;
    expect(candidate).toMatchObject({ canOpen: true, givenName: 'Philippa', familyName: 'Grindlewood', birthDate: '1979-08-14' });
  });

  it('is shown in full only with a reason, which the audit trail keeps', async () => {
    const s = await signedInClient(t.app, southWorker);
    const refused = await s.post(`/persons/${known.id}/reveal`, { reason: 'check' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'reason', code: 'required' });
    const shown = await s.post(`/persons/${known.id}/reveal`, { reason: 'Same phone number as the caller on the line now' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ givenName: 'Philippa', phones: ['+47 400 11 223'] });
    const event = await t.db.execute<{ details: { reason: string } }>(
      sql`SELECT details FROM audit_events WHERE action = 'person.reveal' AND person_id = ${known.id} AND actor_id = ${southWorker.id}`,
    );
    expect(event.rows.map((r) => r.details.reason)).toEqual(['Same phone number as the caller on the line now']);
  });

  it("tells the person's worker that someone outside their reach looked", async () => {
    const alerts = await t.db.execute<{ kind: string }>(
      sql`SELECT kind FROM alerts WHERE recipient_id = ${northWorker.id} AND kind = 'record_revealed'`,
    );
    expect(alerts.rows.length).toBeGreaterThanOrEqual(1);
  });

  it('is shown in full to supervision without a reason, still audited', async () => {
    const s = await signedInClient(t.app, southSupervisor);
    expect((await s.post(`/persons/${known.id}/reveal`, {})).statusCode).toBe(200);
    const events = await t.db.execute(sql`SELECT 1 FROM audit_events WHERE action = 'person.reveal' AND actor_id = ${southSupervisor.id}`);
    expect(events.rows).toHaveLength(1);
  });

  it('cannot be registered over without an answer: a different person, or a request to link', async () => {
    const s = await signedInClient(t.app, southWorker);
    const blocked = await s.post('/persons', typedAgain);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('possible_duplicate');
    const notACandidate = await s.post('/persons', { ...typedAgain, askToLinkWith: [southWorker.id] });
    expect(notACandidate.json().errors[0]).toMatchObject({ field: 'askToLinkWith.0', code: 'not_a_candidate' });
  });
});

describe('a request to link', () => {
  let requestId: string;
  let registered: { id: string };

  it('is sent with the registration, to the supervisors and the worker who know the other record', async () => {
    const s = await signedInClient(t.app, southWorker);
    const created = await s.post('/persons', { ...typedAgain, askToLinkWith: [known.id] });
    expect(created.statusCode).toBe(201);
    registered = created.json();
    const alerted = await t.db.execute<{ recipient_id: string }>(sql`SELECT recipient_id FROM alerts WHERE kind = 'link_requested'`);
    expect(alerted.rows.map((r) => r.recipient_id).sort()).toEqual([northSupervisor.id, northWorker.id].sort());
  });

  it('is listed for those who can see the other record, with both records, and not for the others', async () => {
    const n = await signedInClient(t.app, northSupervisor);
    const items = (await n.get('/person-link-requests')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'open', person: { id: registered.id, givenName: 'Philippa' }, otherPerson: { id: known.id } });
    requestId = items[0].id;
    const other = await signedInClient(t.app, southSupervisor);
    expect((await other.get('/person-link-requests')).json().items).toEqual([]);
    expect((await other.post(`/person-link-requests/${requestId}/accept`, {})).statusCode).toBe(404);
  });

  it('links the two records when accepted, and tells the one who asked', async () => {
    const n = await signedInClient(t.app, northSupervisor);
    const accepted = await n.post(`/person-link-requests/${requestId}/accept`, { note: 'Same phone, same birth date' });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const links = (await n.get(`/persons/${known.id}/links`)).json().items;
    expect(links.map((l: { personId: string; otherPersonId: string }) => [l.personId, l.otherPersonId].sort())).toEqual([
      [known.id, registered.id].sort(),
    ]);
    const told = await t.db.execute(sql`SELECT 1 FROM alerts WHERE kind = 'link_accepted' AND recipient_id = ${southWorker.id}`);
    expect(told.rows).toHaveLength(1);
    expect((await n.post(`/person-link-requests/${requestId}/decline`, {})).statusCode).toBe(409);
  });
});

describe('a partner organisation', () => {
  it('reaches nothing in the person registry: no record, no search, no duplicates – to its staff those routes do not exist', async () => {
    const partner = await t.createStaff({ roles: ['partner_provider'] });
    const p = await signedInClient(t.app, partner);
    expect((await p.get(`/persons/${known.id}`)).statusCode).toBe(404);
    expect((await p.get('/search?q=Grindlewood')).statusCode).toBe(404);
    expect((await p.get(`/persons/${known.id}/links`)).statusCode).toBe(404);
    expect((await p.get(`/persons/${known.id}/history`)).statusCode).toBe(404);
    expect((await p.post('/persons/duplicates', typedAgain)).statusCode).toBe(404);
  });
});
