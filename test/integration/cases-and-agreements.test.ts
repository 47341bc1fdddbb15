import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let other: CreatedStaff;
let supervisor: CreatedStaff;
let head: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const png = `data:image/png;base64,${Buffer.from('fictional signature stroke').toString('base64')}`;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId });
  other = await t.createStaff({ roles: ['case_worker'], unitId });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId });
  head = await t.createStaff({ roles: ['agency_head'] });
});
afterAll(async () => {
  await t.close();
});

async function openCase(personBody: Record<string, unknown>) {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', personBody)).json();
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  return { person, theCase };
}

describe('the case stage', () => {
  it('moves only through allowed transitions, recording who and why', async () => {
    const { theCase } = await openCase({ givenName: 'Nils', familyName: 'Stage' });
    const w = await signedIn(worker);
    const skip = await w.post(`/cases/${theCase.id}/stage`, { stage: 'implementation', version: theCase.version });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('transition_not_allowed');
    const next = await w.post(`/cases/${theCase.id}/stage`, { stage: 'assessment', version: theCase.version });
    expect(next.json()).toMatchObject({ stage: 'assessment', version: theCase.version + 1 });
    const close = await w.post(`/cases/${theCase.id}/stage`, { stage: 'closed', reason: 'Moved away', version: next.json().version });
    expect(close.statusCode).toBe(409); // closing needs a supervisor
    const closed = await (await signedIn(supervisor)).post(`/cases/${theCase.id}/stage`, {
      stage: 'closed',
      reason: 'Moved away',
      version: next.json().version,
    });
    expect(closed.json()).toMatchObject({ stage: 'closed' });
    expect(closed.json().closedAt).not.toBeNull();
    const events = await t.db.execute<{ kind: string; to_value: string }>(
      sql`SELECT kind, to_value FROM case_events WHERE case_id = ${theCase.id} ORDER BY at`,
    );
    expect(events.rows.map((e) => `${e.kind}:${e.to_value}`)).toEqual(['opened:intake', 'stage:assessment', 'stage:closed']);
  });

  it('is reassigned by a supervisor with a reason; the new worker reaches it and the old one does not', async () => {
    const { theCase } = await openCase({ givenName: 'Rut', familyName: 'Reassign' });
    const w = await signedIn(worker);
    expect(
      (await w.post(`/cases/${theCase.id}/reassign`, { responsibleStaffId: other.id, reason: 'Leave', version: theCase.version }))
        .statusCode,
    ).toBe(403);
    const moved = await (await signedIn(supervisor)).post(`/cases/${theCase.id}/reassign`, {
      responsibleStaffId: other.id,
      reason: 'Worker on leave',
      version: theCase.version,
    });
    expect(moved.json().responsibleStaffId).toBe(other.id);
    expect((await w.get(`/cases/${theCase.id}`)).statusCode).toBe(404);
    expect((await (await signedIn(other)).get(`/cases/${theCase.id}`)).statusCode).toBe(200);
    const overview = (await (await signedIn(supervisor)).get('/work/unit')).json();
    expect(overview.byWorker.find((r: { staffId: string }) => r.staffId === other.id).openCases).toBeGreaterThanOrEqual(1);
  });

  it('is held only by staff who may hold cases: an agency head or an auditor is refused as responsible worker or team member, naming the field', async () => {
    const { theCase } = await openCase({ givenName: 'Hesper', familyName: 'Holdfast' });
    const s = await signedIn(supervisor);
    const auditor = await t.createStaff({ roles: ['auditor'] });
    const asResponsible = await s.post(`/cases/${theCase.id}/reassign`, {
      responsibleStaffId: head.id,
      reason: 'Cover',
      version: theCase.version,
    });
    expect(asResponsible.statusCode).toBe(400);
    expect(asResponsible.json().errors[0]).toMatchObject({ field: 'responsibleStaffId', code: 'cannot_hold_cases' });
    const onTeam = await s.post('/cases', {
      personId: theCase.personId,
      unitId,
      responsibleStaffId: worker.id,
      teamStaffIds: [auditor.id],
    });
    expect(onTeam.statusCode).toBe(400);
    expect(onTeam.json().errors[0]).toMatchObject({ field: 'teamStaffIds', code: 'cannot_hold_cases' });
  });
});

describe("the case's responsible worker", () => {
  it("is refused on reassignment when not a member of the case's unit, naming the field; the case keeps its worker", async () => {
    const { theCase } = await openCase({ givenName: 'Ragna', familyName: 'Enhet' });
    const otherUnit = (await t.db.execute<{ id: string }>(sql`SELECT id FROM units WHERE id <> ${unitId} LIMIT 1`)).rows[0]!.id;
    const elsewhere = await t.createStaff({ roles: ['case_worker'], unitId: otherUnit });
    const s = await signedIn(supervisor);
    const refused = await s.post(`/cases/${theCase.id}/reassign`, {
      responsibleStaffId: elsewhere.id,
      reason: 'Cover during leave',
      version: theCase.version,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'responsibleStaffId', code: 'not_in_unit' })]);
    expect((await s.get(`/cases/${theCase.id}`)).json()).toMatchObject({ responsibleStaffId: worker.id, version: theCase.version });
  });

  it('is refused when a case is opened with a worker of no unit or another unit, naming the field', async () => {
    const sup = await signedIn(supervisor);
    const person = (await sup.post('/persons', { givenName: 'Ola', familyName: 'Uten' })).json();
    const noUnit = await t.createStaff({ roles: ['case_worker'] });
    const opened = await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: noUnit.id });
    expect(opened.statusCode).toBe(400);
    expect(opened.json().errors).toEqual([expect.objectContaining({ field: 'responsibleStaffId', code: 'not_in_unit' })]);
  });
});

describe('the service agreement', () => {
  it("is generated in the person's language, signed by the person and the head, and then in force", async () => {
    const { theCase } = await openCase({ givenName: 'Ольга', familyName: 'Смирнова', birthDate: '1979-04-04', languages: ['ru'] });
    const w = await signedIn(worker);
    const created = await w.post(`/cases/${theCase.id}/agreements`, {});
    expect(created.statusCode).toBe(201);
    const agreement = created.json();
    expect(agreement).toMatchObject({
      language: 'ru',
      status: 'awaiting_signatures',
      guardianRequired: false,
      missingSignatures: ['person', 'agency_head'],
    });
    expect(JSON.stringify(agreement.sections)).toContain('расторгнуть соглашение в одностороннем порядке');
    const noImage = await w.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'person',
      method: 'drawn',
      version: agreement.version,
    });
    expect(noImage.json().errors[0]).toMatchObject({ field: 'signatureImage', code: 'image_required' });
    const byPerson = await w.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'person',
      method: 'drawn',
      signatureImage: png,
      version: agreement.version,
    });
    expect(byPerson.json()).toMatchObject({ status: 'awaiting_signatures', missingSignatures: ['agency_head'] });
    const workerForHead = await w.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'agency_head',
      method: 'electronic',
      version: byPerson.json().version,
    });
    expect(workerForHead.statusCode).toBe(403);
    const signed = await (await signedIn(head)).post(`/agreements/${agreement.id}/signatures`, {
      signer: 'agency_head',
      method: 'electronic',
      version: byPerson.json().version,
    });
    expect(signed.json()).toMatchObject({ status: 'signed', missingSignatures: [] });
    const page = await w.get(`/agreements/${agreement.id}/document`);
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain('Ольга Смирнова');
    expect(page.body).toContain(png);
    const ended = await w.post(`/agreements/${agreement.id}/terminate`, {
      reason: 'Wishes to stop',
      byPerson: true,
      version: signed.json().version,
    });
    expect(ended.json()).toMatchObject({ status: 'terminated', terminationReason: 'by the person: Wishes to stop' });
  });

  it("needs a guardian's co-signature for a minor, witnessed when on paper", async () => {
    const sup = await signedIn(supervisor);
    const guardian = (await sup.post('/persons', { givenName: 'Berit', familyName: 'Verge', birthDate: '1975-01-01' })).json();
    const { theCase } = await openCase({
      givenName: 'Tor',
      familyName: 'Ung',
      birthDate: '2012-05-05',
      guardianPersonId: guardian.id,
      guardianRelationship: 'mother',
    });
    const w = await signedIn(worker);
    const agreement = (await w.post(`/cases/${theCase.id}/agreements`, {})).json();
    expect(agreement).toMatchObject({
      guardianRequired: true,
      guardianPersonId: guardian.id,
      missingSignatures: ['person', 'guardian', 'agency_head'],
    });
    const noWitness = await w.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'guardian',
      method: 'paper',
      version: agreement.version,
    });
    expect(noWitness.json().errors[0].field).toBe('witnessName');
    const withWitness = await w.post(`/agreements/${agreement.id}/signatures`, {
      signer: 'guardian',
      method: 'paper',
      witnessName: 'Kari Witness',
      version: agreement.version,
    });
    expect(withWitness.json().missingSignatures).toEqual(['person', 'agency_head']);
  });
});

describe('search', () => {
  it('finds people by fragments, misspellings, other scripts, birth date, case number and phone – only within reach', async () => {
    const { person, theCase } = await openCase({
      givenName: 'Алексей',
      familyName: 'Кузнецов',
      birthDate: '1966-12-12',
      phones: ['+7 912 345 67 89'],
    });
    const w = await signedIn(worker);
    const ids = async (q: string) =>
      ((await w.get(`/search?q=${encodeURIComponent(q)}`)).json().items as { personId: string }[]).map((i) => i.personId);
    expect(await ids('Кузнец')).toContain(person.id);
    expect(await ids('Kuznetsov')).toContain(person.id);
    expect(await ids('Kuznetsow')).toContain(person.id);
    expect(await ids('Kuzn')).toContain(person.id);
    expect(await ids('1966-12-12')).toContain(person.id);
    expect(await ids(theCase.caseNumber)).toContain(person.id);
    const hit = (await w.get(`/search?q=${theCase.caseNumber}`)).json().items[0];
    expect(hit.cases).toEqual([{ id: theCase.id, caseNumber: theCase.caseNumber }]);
    expect(await ids('79123456789')).toContain(person.id);
    const agencyWide = await signedIn(head);
    for (const q of ['Kuznetsow', 'Кузнецов', '1966-12-12', '79123456789']) {
      const found = ((await agencyWide.get(`/search?q=${encodeURIComponent(q)}`)).json().items as { personId: string }[]).map(
        (i) => i.personId,
      );
      expect(found, q).toContain(person.id);
    }
    const unitWide = ((await (await signedIn(supervisor)).get('/search?q=Kuznetsov')).json().items as { personId: string }[]).map(
      (i) => i.personId,
    );
    expect(unitWide).toContain(person.id);
    const outsider = await signedIn(await t.createStaff({ roles: ['case_worker'], unitId }));
    expect(((await outsider.get('/search?q=Kuznetsov')).json().items as unknown[]).length).toBe(0);
  });
  it('shows a screenful at a time and logs one access event naming every person shown, which the per-person access log finds', async () => {
    const sup = await signedIn(supervisor);
    const people = [];
    for (let i = 0; i < 23; i++) people.push((await sup.post('/persons', { givenName: `Pagina${i}`, familyName: 'Sidensvans' })).json());
    const first = (await sup.get('/search?q=Sidensvans')).json();
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const second = (await sup.get(`/search?q=Sidensvans&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    const shown = (p: { items: { personId: string }[] }) => p.items.map((i) => i.personId);
    expect(new Set([...shown(first), ...shown(second)])).toEqual(new Set(people.map((p) => p.id)));
    const events = await t.db.execute<{ person_ids: string[]; person_id: string | null; actor_id: string }>(
      sql`SELECT person_ids, person_id, actor_id FROM audit_events WHERE action = 'person.search' AND actor_id = ${supervisor.id} ORDER BY seq DESC LIMIT 2`,
    );
    expect(events.rows.map((e) => e.person_ids)).toEqual([shown(second), shown(first)]);
    expect(events.rows.every((e) => e.person_id === null)).toBe(true);
    const auditor = await signedIn(await t.createStaff({ roles: ['auditor'] }));
    const lastShown = shown(second)[0]!;
    const log = (await auditor.get(`/audit/events?personId=${lastShown}`)).json().items as {
      action: string;
      actorId: string;
      personId: string;
    }[];
    expect(log.filter((e) => e.action === 'person.search')).toEqual([
      expect.objectContaining({ actorId: supervisor.id, personId: lastShown }),
    ]);
    const check = (await auditor.post('/audit/verify', {})).json();
    expect(check.ok).toBe(true);
  });
});

describe("a person's cases", () => {
  it('lists only the cases the caller may open, and logs the read against that person only', async () => {
    const { person, theCase } = await openCase({ givenName: 'Liv', familyName: 'Saksliste' });
    const otherUnit = (await t.db.execute<{ id: string }>(sql`SELECT id FROM units WHERE id <> ${unitId} LIMIT 1`)).rows[0]!.id;
    const elsewhere = await t.createStaff({ roles: ['case_worker'], unitId: otherUnit });
    const second = (
      await t.db.execute<{ id: string }>(sql`
      INSERT INTO cases (agency_id, case_number, person_id, unit_id, responsible_staff_id) VALUES (1, 'TEST-PERSON-CASES-2', ${person.id}, ${otherUnit}, ${elsewhere.id}) RETURNING id`)
    ).rows[0]!;
    const w = await signedIn(worker);
    expect(((await w.get(`/persons/${person.id}/cases`)).json().items as { id: string }[]).map((c) => c.id)).toEqual([theCase.id]);
    expect(
      ((await (await signedIn(head)).get(`/persons/${person.id}/cases`)).json().items as { id: string }[]).map((c) => c.id).sort(),
    ).toEqual([theCase.id, second.id].sort());
    expect((await (await signedIn(other)).get(`/persons/${person.id}/cases`)).statusCode).toBe(404);
    const logged = await t.db.execute(
      sql`SELECT 1 FROM audit_events WHERE action = 'case.list' AND actor_id = ${worker.id} AND person_id = ${person.id}`,
    );
    expect(logged.rows.length).toBe(1);
  });
});

describe('drafts', () => {
  it('autosave per user and form, and nobody else sees them', async () => {
    const w = await signedIn(worker);
    expect((await w.request('PUT', '/drafts/request:new', { data: { ownWords: 'Half-typed words' } })).statusCode).toBe(200);
    expect((await w.get('/drafts/request:new')).json().data).toEqual({ ownWords: 'Half-typed words' });
    expect((await (await signedIn(other)).get('/drafts/request:new')).statusCode).toBe(404);
    await w.request('DELETE', '/drafts/request:new');
    expect((await w.get('/drafts/request:new')).statusCode).toBe(404);
  });
});
