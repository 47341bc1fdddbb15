import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createPersonBody, openCaseBody, updatePersonBody } from '../contracts/person.ts';
import type { Database } from '../db/pool.ts';
import { agency, caseTeamMembers, cases, persons, staff, units } from '../db/schema.ts';
import { caseVisibleTo, personVisibleTo } from '../db/scopes.ts';
import { formatCaseNumber } from '../domain/case-number.ts';
import type { RequestContext } from './context.ts';
import { invalidField, notFound, versionConflict } from './errors.ts';
import { decodeCursor, pageOf } from './pagination.ts';
import { inTransaction, type UnitOfWork } from './unit-of-work.ts';

type PersonRow = typeof persons.$inferSelect;
const presentPerson = (p: PersonRow) => ({
  id: p.id, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, version: p.version, createdAt: p.createdAt.toISOString(),
});
type CaseRow = typeof cases.$inferSelect;
const presentCase = (c: CaseRow) => ({
  id: c.id, caseNumber: c.caseNumber, personId: c.personId, unitId: c.unitId, responsibleStaffId: c.responsibleStaffId,
  stage: c.stage as never, version: c.version, openedAt: c.openedAt.toISOString(),
});

/**
 * People and their cases. Every query carries the actor's scope (src/db/scopes.ts); every read
 * and write leaves an audit event naming the person, in the same transaction.
 */
export class PersonService {
  constructor(private readonly db: Database) {}

  /** Loads a person the actor may see, or explains the miss: audited as denied when the record exists. */
  private async visiblePerson(uow: UnitOfWork, id: string, action: string, lock = false): Promise<PersonRow> {
    const query = uow.tx.select().from(persons).where(and(eq(persons.id, id), personVisibleTo(uow.actor, sql`${persons}`)));
    const [row] = lock ? await query.for('update') : await query;
    if (row) return row;
    const [exists] = await uow.tx.select({ id: persons.id }).from(persons).where(eq(persons.id, id));
    if (exists) uow.auditDenied({ action, entityType: 'person', entityId: id, personId: id });
    throw notFound('The person');
  }

  async create(ctx: RequestContext, input: z.infer<typeof createPersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.insert(persons).values({ ...input, createdBy: uow.actor.id }).returning();
      uow.audit({ action: 'person.create', entityType: 'person', entityId: row!.id, personId: row!.id });
      return presentPerson(row!);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await this.visiblePerson(uow, id, 'person.read');
      uow.audit({ action: 'person.read', entityType: 'person', entityId: id, personId: id });
      return presentPerson(row);
    });
  }

  async list(ctx: RequestContext, limit: number, cursor?: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const rows = await uow.tx.select().from(persons)
        .where(and(
          personVisibleTo(uow.actor, sql`${persons}`),
          after ? sql`(${persons.familyName}, ${persons.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
        ))
        .orderBy(persons.familyName, persons.id).limit(limit + 1);
      const page = pageOf(rows, limit, presentPerson, (p) => [p.familyName, p.id]);
      for (const p of page.items) uow.audit({ action: 'person.list', entityType: 'person', entityId: p.id, personId: p.id });
      return page;
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updatePersonBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await this.visiblePerson(uow, id, 'person.update', true);
      const { version, ...fields } = input;
      if (current.version !== version) throw versionConflict('The person');
      const [row] = await uow.tx.update(persons).set({ ...fields, version: sql`${persons.version} + 1`, updatedAt: new Date() })
        .where(eq(persons.id, id)).returning();
      uow.audit({ action: 'person.update', entityType: 'person', entityId: id, personId: id, details: { fields: Object.keys(fields) } });
      return presentPerson(row!);
    });
  }

  /** Opens a case with a number unique under concurrent creation (a per-year counter row). */
  async openCase(ctx: RequestContext, input: z.infer<typeof openCaseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      await this.visiblePerson(uow, input.personId, 'case.open');
      const [unit] = await uow.tx.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), eq(units.active, true)));
      if (!unit) throw invalidField('unitId', 'not_found', 'No such active unit');
      const staffIds = [...new Set([input.responsibleStaffId, ...input.teamStaffIds])];
      const found = await uow.tx.select({ id: staff.id }).from(staff).where(and(inArray(staff.id, staffIds), eq(staff.status, 'active')));
      if (!found.some((s) => s.id === input.responsibleStaffId)) throw invalidField('responsibleStaffId', 'not_found', 'No such active staff member');
      if (found.length !== staffIds.length) throw invalidField('teamStaffIds', 'not_found', 'Contains an unknown or disabled staff member');
      const year = new Date().getUTCFullYear();
      const counter = await uow.tx.execute<{ last_number: number }>(sql`
        INSERT INTO case_number_counters (year, last_number) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = case_number_counters.last_number + 1 RETURNING last_number`);
      const [{ prefix }] = (await uow.tx.select({ prefix: agency.caseNumberPrefix }).from(agency).where(eq(agency.id, 1))) as [{ prefix: string }];
      const [row] = await uow.tx.insert(cases).values({
        caseNumber: formatCaseNumber(prefix, year, counter.rows[0]!.last_number), personId: input.personId, unitId: input.unitId,
        responsibleStaffId: input.responsibleStaffId,
      }).returning();
      if (input.teamStaffIds.length > 0) {
        await uow.tx.insert(caseTeamMembers).values(input.teamStaffIds.map((staffId) => ({ caseId: row!.id, staffId }))).onConflictDoNothing();
      }
      uow.audit({ action: 'case.open', entityType: 'case', entityId: row!.id, personId: input.personId });
      return presentCase(row!);
    });
  }

  async getCase(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.select().from(cases).where(and(eq(cases.id, id), caseVisibleTo(uow.actor, sql`${cases}`)));
      if (!row) {
        const [exists] = await uow.tx.select({ personId: cases.personId }).from(cases).where(eq(cases.id, id));
        if (exists) uow.auditDenied({ action: 'case.read', entityType: 'case', entityId: id, personId: exists.personId });
        throw notFound('The case');
      }
      uow.audit({ action: 'case.read', entityType: 'case', entityId: id, personId: row.personId });
      return presentCase(row);
    });
  }
}
