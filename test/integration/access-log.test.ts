import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from '../support/api-client.ts';
import { type CreatedStaff, createTestApp, firstUnitId, type TestApp } from '../support/server.ts';

let t: TestApp;
let unitId: string;
let worker: CreatedStaff;
let supervisor: CreatedStaff;
const signedIn = (who: CreatedStaff) => signedInClient(t.app, who);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  unitId = await firstUnitId(t.db);
  worker = await t.createStaff({ roles: ['case_worker'], unitId, displayName: 'Wenche Worker' });
  supervisor = await t.createStaff({ roles: ['supervisor'], unitId, displayName: 'Sverre Supervisor' });
});
afterAll(async () => {
  await t.close();
});

async function personWithCase() {
  const sup = await signedIn(supervisor);
  const person = (await sup.post('/persons', { givenName: '明', familyName: '李', languages: ['zh-Hans'] })).json();
  const theCase = (await sup.post('/cases', { personId: person.id, unitId, responsibleStaffId: worker.id })).json();
  return { personId: person.id as string, caseId: theCase.id as string };
}

describe("the person's access log", () => {
  it('lists who read or changed the record, in what role, what and how, newest first', async () => {
    const { personId, caseId } = await personWithCase();
    const w = await signedIn(worker);
    expect((await w.get(`/cases/${caseId}/journal`)).statusCode).toBe(200);
    const log = (await w.get(`/persons/${personId}/access-log`)).json();
    expect(log.items[0]).toMatchObject({ actorName: 'Wenche Worker', actorRole: 'case_worker', entityType: 'case', how: 'read' });
    expect(log.items.at(-1)).toMatchObject({
      actorName: 'Sverre Supervisor',
      actorRole: 'supervisor',
      entityType: 'person',
      how: 'changed',
    });
    expect(log.truncated).toBe(false);
  });

  it('leaves out its own reads', async () => {
    const { personId } = await personWithCase();
    const w = await signedIn(worker);
    const before = (await w.get(`/persons/${personId}/access-log`)).json().items.length;
    const after = (await w.get(`/persons/${personId}/access-log`)).json().items.length;
    // The second look adds only the read of the person the log itself needs to find them.
    expect(after - before).toBeLessThanOrEqual(1);
    expect((await w.get(`/persons/${personId}/access-log`)).json().items.every((i: { how: string }) => i.how !== 'printed')).toBe(true);
  });

  it('keeps to the period asked for', async () => {
    const { personId } = await personWithCase();
    const log = (await (await signedIn(worker)).get(`/persons/${personId}/access-log?from=${yesterday()}&to=${yesterday()}`)).json();
    expect(log).toMatchObject({ from: yesterday(), to: yesterday(), items: [] });
  });

  it("prints in the person's language, with their name in their own script", async () => {
    const { personId } = await personWithCase();
    const printed = await (await signedIn(worker)).get(`/persons/${personId}/access-log/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain('<html lang="zh-Hans">');
    expect(printed.body).toContain('谁查看过我的记录');
    expect(printed.body).toContain('李明');
    expect(printed.body).toContain('Sverre Supervisor');
  });

  it('is not for staff out of reach of the person', async () => {
    const { personId } = await personWithCase();
    const elsewhere = await t.createStaff({ roles: ['case_worker'] });
    expect((await (await signedIn(elsewhere)).get(`/persons/${personId}/access-log`)).statusCode).toBe(404);
  });
});
