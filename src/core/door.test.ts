import { describe, expect, it } from 'vitest';
import type { Actor } from './access-policy.ts';
import type { Transaction } from './db/pool.ts';
import { type ConsentGate, Door } from './door.ts';
import { DomainError } from './errors.ts';

const actor: Actor = { id: 'staff-1', agencyId: 1, roles: ['case_worker'], unitId: null, partnerOrganisationId: null };

function doorWith(gate?: ConsentGate) {
  const denied: { action: string; personId: string }[] = [];
  const host = { tx: {} as Transaction, actor, auditDenied: (e: { action: string; personId: string }) => denied.push(e) };
  return { door: gate ? new Door(host, gate) : new Door(host), denied };
}
const plan = (id: string, personId: string) => ({ id, personId });
const readOne = (rows: { id: string; personId: string }[], whose?: () => Promise<string | null>) => ({
  what: 'The plan',
  action: 'plan.read' as const,
  entityType: 'plan' as const,
  entityId: 'plan-1',
  rows: Promise.resolve(rows),
  personOf: (r: { personId: string }) => r.personId,
  ...(whose ? { whose } : {}),
});

describe('the door', () => {
  it('hands out the record its scoped query found and owes a read event naming the person', async () => {
    const { door } = doorWith();
    expect(await door.one(readOne([plan('plan-1', 'person-a')]))).toEqual(plan('plan-1', 'person-a'));
    expect(door.owedReadEvents([])).toEqual([{ action: 'plan.read', entityType: 'plan', entityId: 'plan-1', personIds: ['person-a'] }]);
  });

  it('answers the same 404 for a record that is absent and one out of reach, and audits the attempt on someone out of reach', async () => {
    const absent = doorWith();
    const outOfReach = doorWith();
    const a = await absent.door.one(readOne([], async () => null)).catch((e: DomainError) => e);
    const b = await outOfReach.door.one(readOne([], async () => 'person-b')).catch((e: DomainError) => e);
    expect(a).toBeInstanceOf(DomainError);
    expect([(a as DomainError).code, (a as DomainError).message]).toEqual([(b as DomainError).code, (b as DomainError).message]);
    expect(absent.denied).toEqual([]);
    expect(outOfReach.denied).toMatchObject([{ action: 'plan.read', personId: 'person-b' }]);
  });

  it('names everyone on a list page in one event, but not the row looked ahead for the next page', async () => {
    const { door } = doorWith();
    const rows = [plan('1', 'person-a'), plan('2', 'person-b'), plan('3', 'person-a'), plan('4', 'person-c')];
    const page = await door.page({ action: 'plan.list', entityType: 'plan', rows: Promise.resolve(rows), personOf: (r) => r.personId }, 3);
    expect(page).toMatchObject({ more: true });
    expect(page.items).toHaveLength(3);
    expect(door.owedReadEvents([])).toEqual([
      { action: 'plan.list', entityType: 'plan', entityId: null, personIds: ['person-a', 'person-b'] },
    ]);
  });

  it('owes nothing for a person the use case names in its own event (a change names whom it changed)', async () => {
    const { door } = doorWith();
    await door.one(readOne([plan('plan-1', 'person-a')]));
    expect(door.owedReadEvents(['person-a'])).toEqual([]);
  });

  it('makes the reads of one thing one event naming everyone they returned', async () => {
    const { door } = doorWith();
    const read = { action: 'person.relations', entityType: 'person', entityId: 'person-a' } as const;
    await door.many({ ...read, rows: Promise.resolve(['person-a']), personOf: (id) => id });
    await door.many({ ...read, rows: Promise.resolve([['person-a', 'person-b']]), personOf: (ids) => ids });
    expect(door.owedReadEvents([])).toEqual([{ ...read, personIds: ['person-a', 'person-b'] }]);
  });

  it('asks the consent gate before content leaves, and hands out nothing it refuses', async () => {
    const asked: string[][] = [];
    const gate: ConsentGate = {
      check: ({ personIds }) => {
        asked.push([...personIds]);
        throw new DomainError('permission_denied', 'No consent to disclose this');
      },
    };
    const { door } = doorWith(gate);
    await expect(door.one(readOne([plan('plan-1', 'person-a')]))).rejects.toMatchObject({ code: 'permission_denied' });
    expect(asked).toEqual([['person-a']]);
    expect(door.owedReadEvents([])).toEqual([]);
  });
});
