import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { caseVisibleTo } from '../../core/scopes.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { agency, units } from '../organisation/organisation.schema.ts';
import type { PersonService } from '../person/person.service.ts';
import { staff } from '../staff/staff.schema.ts';
import type { changeStageBody, clearCrisisBody, openCaseBody, reassignCaseBody } from './case.contract.ts';
import { type CaseStage, forwardPath, type OpenStage, transition } from './case.rules.ts';
import { caseEvents, cases, caseTeamMembers } from './case.schema.ts';
import { formatCaseNumber } from './case-number.rules.ts';

type CaseRow = typeof cases.$inferSelect;
export const presentCase = (c: CaseRow, teamStaffIds: string[]) => ({
  id: c.id,
  caseNumber: c.caseNumber,
  personId: c.personId,
  unitId: c.unitId,
  responsibleStaffId: c.responsibleStaffId,
  teamStaffIds,
  stage: c.stage as never,
  priority: c.priority as never,
  version: c.version,
  openedAt: c.openedAt.toISOString(),
  closedAt: c.closedAt?.toISOString() ?? null,
  crisisRaisedAt: c.crisisRaisedAt?.toISOString() ?? null,
});

export async function teamOf(tx: Transaction, caseId: string): Promise<string[]> {
  const rows = await tx.select({ id: caseTeamMembers.staffId }).from(caseTeamMembers).where(eq(caseTeamMembers.caseId, caseId));
  return rows.map((r) => r.id).sort();
}

async function assertActiveStaff(tx: Transaction, responsibleStaffId: string, teamStaffIds: string[]): Promise<void> {
  const ids = [...new Set([responsibleStaffId, ...teamStaffIds])];
  const found = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(inArray(staff.id, ids), eq(staff.status, 'active')));
  if (!found.some((s) => s.id === responsibleStaffId)) throw invalidField('responsibleStaffId', 'not_found', 'No such active staff member');
  if (found.length !== ids.length) throw invalidField('teamStaffIds', 'not_found', 'Contains an unknown or disabled staff member');
}

/** Cases: opening with a unique number, stage changes through the state machine, reassignment. All audited. */
export class CaseService {
  constructor(
    private readonly db: Database,
    private readonly persons: PersonService,
  ) {}

  async visibleCase(uow: UnitOfWork, id: string, action: string, lock = false): Promise<CaseRow> {
    const query = uow.tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, id), caseVisibleTo(uow.actor, sql`${cases}`)));
    const [row] = lock ? await query.for('update') : await query;
    if (row) return row;
    const [exists] = await uow.tx.select({ personId: cases.personId }).from(cases).where(eq(cases.id, id));
    if (exists) uow.auditDenied({ action, entityType: 'case', entityId: id, personId: exists.personId });
    throw notFound('The case');
  }

  /** A visible case that is still open: work on a closed case (assessments, decisions, plans, questionnaires) is refused. */
  async openCaseForWork(uow: UnitOfWork, id: string, action: string, lock = false): Promise<CaseRow> {
    const row = await this.visibleCase(uow, id, action, lock);
    if (row.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    return row;
  }

  /** The person's cases the caller may open, newest first (the person must be visible to them). */
  async listForPerson(ctx: RequestContext, personId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await this.persons.visiblePerson(uow, personId, 'case.list');
      const rows = await uow.tx
        .select()
        .from(cases)
        .where(and(eq(cases.personId, personId), caseVisibleTo(uow.actor, sql`${cases}`)))
        .orderBy(sql`${cases.openedAt} DESC`);
      uow.audit({ action: 'case.list', entityType: 'person', entityId: personId, personId, details: { cases: rows.length } });
      return rows.map((c) => ({
        id: c.id,
        caseNumber: c.caseNumber,
        stage: c.stage as never,
        priority: c.priority as never,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
      }));
    });
  }

  /** Opens a case inside the caller's transaction (also used when a request is accepted). */
  async openIn(uow: UnitOfWork, input: z.infer<typeof openCaseBody>) {
    await this.persons.visiblePerson(uow, input.personId, 'case.open');
    const [unit] = await uow.tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!unit) throw invalidField('unitId', 'not_found', 'No such active unit');
    await assertActiveStaff(uow.tx, input.responsibleStaffId, input.teamStaffIds);
    const year = new Date().getUTCFullYear();
    const counter = await uow.tx.execute<{ last_number: number }>(sql`
      INSERT INTO case_number_counters (year, last_number) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_number = case_number_counters.last_number + 1 RETURNING last_number`);
    const [{ prefix }] = (await uow.tx.select({ prefix: agency.caseNumberPrefix }).from(agency).where(eq(agency.id, 1))) as [
      { prefix: string },
    ];
    const [row] = await uow.tx
      .insert(cases)
      .values({
        caseNumber: formatCaseNumber(prefix, year, counter.rows[0]!.last_number),
        personId: input.personId,
        unitId: input.unitId,
        responsibleStaffId: input.responsibleStaffId,
        priority: input.priority,
      })
      .returning();
    const team = [...new Set(input.teamStaffIds)].filter((id) => id !== input.responsibleStaffId);
    if (team.length > 0) await uow.tx.insert(caseTeamMembers).values(team.map((staffId) => ({ caseId: row!.id, staffId })));
    await uow.tx.insert(caseEvents).values({ caseId: row!.id, kind: 'opened', toValue: 'intake', actorId: uow.actor.id });
    uow.audit({ action: 'case.open', entityType: 'case', entityId: row!.id, personId: input.personId });
    return presentCase(row!, team.sort());
  }

  async open(ctx: RequestContext, input: z.infer<typeof openCaseBody>) {
    return inTransaction(this.db, ctx, (uow) => this.openIn(uow, input));
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await this.visibleCase(uow, id, 'case.read');
      uow.audit({ action: 'case.read', entityType: 'case', entityId: id, personId: row.personId });
      return presentCase(row, await teamOf(uow.tx, id));
    });
  }

  /** Moves the case to another stage if the state machine (src/areas/case/case.rules.ts) allows it. */
  async changeStage(ctx: RequestContext, id: string, input: z.infer<typeof changeStageBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await this.visibleCase(uow, id, 'case.stage', true);
      if (current.version !== input.version) throw versionConflict('The case');
      const outcome = transition(current.stage as CaseStage, input.stage, {
        roles: uow.actor.roles,
        isResponsible: current.responsibleStaffId === uow.actor.id,
        reason: input.reason,
      });
      if (!outcome.ok)
        throw new DomainError('transition_not_allowed', outcome.message, [
          { field: 'stage', code: outcome.code, message: outcome.message },
        ]);
      const [row] = await uow.tx
        .update(cases)
        .set({
          stage: input.stage,
          closedAt: input.stage === 'closed' ? new Date() : null,
          version: sql`${cases.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(cases.id, id))
        .returning();
      await uow.tx
        .insert(caseEvents)
        .values({ caseId: id, kind: 'stage', fromValue: current.stage, toValue: input.stage, reason: input.reason, actorId: uow.actor.id });
      uow.audit({
        action: 'case.stage',
        entityType: 'case',
        entityId: id,
        personId: current.personId,
        details: { from: current.stage, to: input.stage },
      });
      return presentCase(row!, await teamOf(uow.tx, id));
    });
  }

  /**
   * Inside the caller's transaction: moves an open case forward through the ordinary stages up to
   * `target` (e.g. to implementation when its first plan is signed), one recorded event per stage.
   * A case already at or past `target`, or closed, is left as it is.
   */
  async advanceIn(uow: UnitOfWork, caseRow: CaseRow, target: OpenStage, reason: string): Promise<void> {
    // The path is the stage machine's own "forward" moves (src/areas/case/case.rules.ts), not a list kept here.
    const path = forwardPath(caseRow.stage as CaseStage, target);
    if (path.length === 0) return;
    let stage = caseRow.stage;
    for (const next of path) {
      await uow.tx
        .insert(caseEvents)
        .values({ caseId: caseRow.id, kind: 'stage', fromValue: stage, toValue: next, reason, actorId: uow.actor.id });
      stage = next;
    }
    await uow.tx
      .update(cases)
      .set({ stage, version: sql`${cases.version} + 1`, updatedAt: new Date() })
      .where(eq(cases.id, caseRow.id));
    uow.audit({
      action: 'case.stage',
      entityType: 'case',
      entityId: caseRow.id,
      personId: caseRow.personId,
      details: { from: caseRow.stage, to: stage, reason },
    });
  }

  /** Supervision ends the crisis flag, recording the follow-up in the case's history. */
  async clearCrisis(ctx: RequestContext, id: string, input: z.infer<typeof clearCrisisBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!uow.actor.roles.some((r) => r === 'supervisor' || r === 'agency_head')) {
        throw new DomainError('permission_denied', 'Only a supervisor or the agency head ends a crisis flag');
      }
      const current = await this.visibleCase(uow, id, 'case.crisis_clear', true);
      if (current.version !== input.version) throw versionConflict('The case');
      if (!current.crisisRaisedAt) throw new DomainError('transition_not_allowed', 'The case has no crisis flag');
      const [row] = await uow.tx
        .update(cases)
        .set({ crisisRaisedAt: null, version: sql`${cases.version} + 1`, updatedAt: new Date() })
        .where(eq(cases.id, id))
        .returning();
      await uow.tx.insert(caseEvents).values({
        caseId: id,
        kind: 'crisis_cleared',
        fromValue: current.crisisRaisedAt.toISOString(),
        toValue: null,
        reason: input.followUp,
        actorId: uow.actor.id,
      });
      uow.audit({ action: 'case.crisis_clear', entityType: 'case', entityId: id, personId: current.personId });
      return presentCase(row!, await teamOf(uow.tx, id));
    });
  }

  /** A supervisor (or agency head) gives the case another responsible worker, with a reason. */
  async reassign(ctx: RequestContext, id: string, input: z.infer<typeof reassignCaseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!uow.actor.roles.some((r) => r === 'supervisor' || r === 'agency_head')) {
        throw new DomainError('permission_denied', 'Only a supervisor or the agency head reassigns cases');
      }
      const current = await this.visibleCase(uow, id, 'case.reassign', true);
      if (current.version !== input.version) throw versionConflict('The case');
      const team = input.teamStaffIds ?? (await teamOf(uow.tx, id));
      await assertActiveStaff(uow.tx, input.responsibleStaffId, team);
      const [row] = await uow.tx
        .update(cases)
        .set({ responsibleStaffId: input.responsibleStaffId, version: sql`${cases.version} + 1`, updatedAt: new Date() })
        .where(eq(cases.id, id))
        .returning();
      if (input.teamStaffIds) {
        await uow.tx.delete(caseTeamMembers).where(eq(caseTeamMembers.caseId, id));
        const members = [...new Set(input.teamStaffIds)].filter((s) => s !== input.responsibleStaffId);
        if (members.length) await uow.tx.insert(caseTeamMembers).values(members.map((staffId) => ({ caseId: id, staffId })));
      }
      await uow.tx.insert(caseEvents).values({
        caseId: id,
        kind: 'reassigned',
        fromValue: current.responsibleStaffId,
        toValue: input.responsibleStaffId,
        reason: input.reason,
        actorId: uow.actor.id,
      });
      uow.audit({
        action: 'case.reassign',
        entityType: 'case',
        entityId: id,
        personId: current.personId,
        details: { from: current.responsibleStaffId, to: input.responsibleStaffId },
      });
      return presentCase(row!, await teamOf(uow.tx, id));
    });
  }
}
