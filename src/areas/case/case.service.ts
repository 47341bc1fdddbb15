import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, hasPermission, mayEndCrisis, mayHoldCases, mayReassignCases, mayWorkOnCase } from '../../core/access-policy.ts';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database, Transaction } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import type { Role } from '../../core/roles.contract.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { closeCrisisIn } from '../crisis/crisis.service.ts';
import { openCrisisOfCase } from '../crisis/crisis.store.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { units } from '../organisation/organisation.schema.ts';
import { personInReach } from '../person/person.store.ts';
import { staff } from '../staff/staff.schema.ts';
import { alertCaseStaffWithRoles, alertStaff } from '../work/work.store.ts';
import type { changeStageBody, clearCrisisBody, openCaseBody, reassignCaseBody } from './case.contract.ts';
import { availableTargets, type CaseStage, caseStages, forwardPath, type OpenStage, transition } from './case.rules.ts';
import {
  type CaseRow,
  caseForEmergency,
  caseInReach,
  casesOfPerson,
  emergencyAccessesOfAgency,
  insertCase,
  insertEmergencyAccess,
  isCaseInReach,
  nextCaseCounter,
  recordCaseEvent,
  type StageEvent,
  setTeam,
  teamAndStagesOf,
  teamOf,
  updateCase,
} from './case.store.ts';
import { formatCaseNumber } from './case-number.rules.ts';

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

/**
 * The responsible worker is an active member of the case's unit who may hold cases (`mayHoldCases`) – the staff the
 * web's picker lists (`GET /staff?unitId=…&holdsCases=true`); the team are active staff of the agency who may hold cases.
 */
async function assertActiveStaff(tx: Transaction, unitId: string, responsibleStaffId: string, teamStaffIds: string[]): Promise<void> {
  const ids = [...new Set([responsibleStaffId, ...teamStaffIds])];
  const found = await tx
    .select({ id: staff.id, roles: staff.roles, unitId: staff.unitId })
    .from(staff)
    .where(and(inArray(staff.id, ids), eq(staff.status, 'active')));
  const responsible = found.find((s) => s.id === responsibleStaffId);
  if (!responsible) throw invalidField('responsibleStaffId', 'not_found', 'No such active staff member');
  if (!mayHoldCases(responsible.roles as Role[]))
    throw invalidField('responsibleStaffId', 'cannot_hold_cases', 'This staff member cannot be responsible for a case');
  if (responsible.unitId !== unitId)
    throw invalidField('responsibleStaffId', 'not_in_unit', "The responsible worker must be a member of the case's unit");
  if (found.length !== ids.length) throw invalidField('teamStaffIds', 'not_found', 'Contains an unknown or disabled staff member');
  if (found.some((s) => !mayHoldCases(s.roles as Role[])))
    throw invalidField('teamStaffIds', 'cannot_hold_cases', 'Contains a staff member who cannot be on a case team');
}

/** A case within reach that is still open: work on a closed case (assessments, decisions, plans, questionnaires) is refused. */
export async function openCaseForWork(door: Door, id: string, action: AuditAction, options: { lock?: boolean } = {}): Promise<CaseRow> {
  const row = await caseInReach(door, id, action, options);
  if (row.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
  return row;
}

/**
 * Inside the caller's transaction: moves an open case forward through the ordinary stages up to
 * `target` (to assessment when its first assessment begins, to planning with its first plan, to
 * implementation when that plan is signed), one recorded event per stage. A case already at or
 * past `target`, or closed, is left as it is.
 */
export async function advanceCase(uow: UnitOfWork, caseRow: CaseRow, target: OpenStage, reason: string): Promise<void> {
  // The path is the stage machine's own "forward" moves (src/areas/case/case.rules.ts), not a list kept here.
  const path = forwardPath(caseRow.stage as CaseStage, target);
  if (path.length === 0) return;
  let stage = caseRow.stage;
  for (const next of path) {
    await recordCaseEvent(uow.door, { caseId: caseRow.id, kind: 'stage', fromValue: stage, toValue: next, reason });
    stage = next;
  }
  await updateCase(uow.door, caseRow.id, { stage });
  uow.audit({
    action: 'case.stage',
    entityType: 'case',
    entityId: caseRow.id,
    personId: caseRow.personId,
    details: { from: caseRow.stage, to: stage, reason },
  });
}

/** The stages passed through, in order: stage changes recorded in one transaction share a time, so ties follow the process. */
function stagesPassed(events: readonly StageEvent[]) {
  const rank = (stage: string | null) => caseStages.indexOf((stage ?? 'intake') as CaseStage);
  return events
    .map((e, i) => ({ ...e, i }))
    .sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() ||
        (a.kind === 'opened' ? -1 : b.kind === 'opened' ? 1 : 0) ||
        rank(a.stage) - rank(b.stage) ||
        a.i - b.i,
    )
    .map((e) => ({ stage: (e.stage ?? 'intake') as CaseStage, enteredAt: e.at.toISOString(), byName: e.byName, reason: e.reason }));
}

/** Cases: opening with a unique number, stage changes through the state machine, reassignment. All audited. */
/** A case as the API shows it to this actor, with its team and stage history already read. */
export function presentCaseFor(actor: Actor, row: CaseRow, details: { team: string[]; stages: StageEvent[] }) {
  const canUpdate = hasPermission(actor.roles, 'cases.update');
  return {
    ...presentCase(row, details.team),
    stages: stagesPassed(details.stages),
    may: {
      changeStageTo: canUpdate
        ? availableTargets(row.stage as CaseStage, { roles: actor.roles, isResponsible: row.responsibleStaffId === actor.id })
        : [],
      reassign: hasPermission(actor.roles, 'cases.assign') && mayReassignCases(actor),
      endCrisis: row.crisisRaisedAt !== null && hasPermission(actor.roles, 'cases.assign') && mayEndCrisis(actor),
      work: mayWorkOnCase(actor, row.stage) && hasPermission(actor.roles, 'casework.read'),
    },
  };
}

export class CaseService {
  constructor(private readonly db: Database) {}

  /** The person's cases the caller may open, newest first (the person must be visible to them). */
  async listForPerson(ctx: RequestContext, personId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await personInReach(uow.door, personId, 'case.list');
      return (await casesOfPerson(uow.door, personId)).map((c) => ({
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
    await personInReach(uow.door, input.personId, 'case.open');
    const [unit] = await uow.tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!unit) throw invalidField('unitId', 'not_found', 'No such active unit');
    await assertActiveStaff(uow.tx, input.unitId, input.responsibleStaffId, input.teamStaffIds);
    const year = new Date().getUTCFullYear();
    const number = await nextCaseCounter(uow.door, year);
    const { caseNumberPrefix: prefix } = await agencySettings(uow.tx);
    const row = await insertCase(uow.door, {
      caseNumber: formatCaseNumber(prefix, year, number),
      personId: input.personId,
      unitId: input.unitId,
      responsibleStaffId: input.responsibleStaffId,
      priority: input.priority,
    });
    const team = await setTeam(uow.door, row.id, input.teamStaffIds, input.responsibleStaffId);
    await recordCaseEvent(uow.door, { caseId: row.id, kind: 'opened', toValue: 'intake' });
    uow.audit({ action: 'case.open', entityType: 'case', entityId: row.id, personId: input.personId });
    return this.present(uow.door, row, team);
  }

  async open(ctx: RequestContext, input: z.infer<typeof openCaseBody>) {
    return inTransaction(this.db, ctx, (uow) => this.openIn(uow, input));
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await caseInReach(uow.door, id, 'case.read');
      return this.present(uow.door, row);
    });
  }

  /** The case as shown: its team, the stages it has passed through, and what the actor may do with it. */
  async present(door: Door, row: CaseRow, team?: string[]) {
    const details = await teamAndStagesOf(door, row.id);
    return presentCaseFor(door.actor, row, { team: team ?? details.team, stages: details.stages });
  }

  /** Moves the case to another stage if the state machine (src/areas/case/case.rules.ts) allows it. */
  async changeStage(ctx: RequestContext, id: string, input: z.infer<typeof changeStageBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const current = await caseInReach(uow.door, id, 'case.stage', { lock: true });
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
      const row = await updateCase(uow.door, id, { stage: input.stage, closedAt: input.stage === 'closed' ? new Date() : null });
      await recordCaseEvent(uow.door, { caseId: id, kind: 'stage', fromValue: current.stage, toValue: input.stage, reason: input.reason });
      uow.audit({
        action: 'case.stage',
        entityType: 'case',
        entityId: id,
        personId: current.personId,
        details: { from: current.stage, to: input.stage },
      });
      return this.present(uow.door, row);
    });
  }

  /**
   * Supervision ends the crisis flag, recording the follow-up in the case's history. The flag
   * follows the case's open crisis: where there is one, ending the flag closes it, with the
   * follow-up as its outcome and the follow-up date (`followUpOn`, then required).
   */
  async clearCrisis(ctx: RequestContext, id: string, input: z.infer<typeof clearCrisisBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!mayEndCrisis(uow.actor)) throw new DomainError('permission_denied', 'Only a supervisor or the agency head ends a crisis flag');
      const current = await caseInReach(uow.door, id, 'case.crisis_clear', { lock: true });
      if (current.version !== input.version) throw versionConflict('The case');
      if (!current.crisisRaisedAt) throw new DomainError('transition_not_allowed', 'The case has no crisis flag');
      const crisis = await openCrisisOfCase(uow.door, id);
      let row: CaseRow;
      if (crisis) {
        if (!input.followUpOn)
          throw invalidField('followUpOn', 'required', 'Say when the person is followed up: the open crisis closes with it');
        ({ theCase: row } = await closeCrisisIn(uow, crisis, current, { outcome: input.followUp, followUpOn: input.followUpOn }));
      } else {
        // A flag raised before crises were recorded on their own.
        row = await updateCase(uow.door, id, { crisisRaisedAt: null });
        await recordCaseEvent(uow.door, {
          caseId: id,
          kind: 'crisis_cleared',
          fromValue: current.crisisRaisedAt.toISOString(),
          toValue: null,
          reason: input.followUp,
        });
      }
      uow.audit({ action: 'case.crisis_clear', entityType: 'case', entityId: id, personId: current.personId });
      return this.present(uow.door, row);
    });
  }

  /** A supervisor (or agency head) gives the case another responsible worker, with a reason. */
  async reassign(ctx: RequestContext, id: string, input: z.infer<typeof reassignCaseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!mayReassignCases(uow.actor)) throw new DomainError('permission_denied', 'Only a supervisor or the agency head reassigns cases');
      const current = await caseInReach(uow.door, id, 'case.reassign', { lock: true });
      if (current.version !== input.version) throw versionConflict('The case');
      const team = input.teamStaffIds ?? (await teamOf(uow.door, id));
      await assertActiveStaff(uow.tx, current.unitId, input.responsibleStaffId, team);
      const row = await updateCase(uow.door, id, { responsibleStaffId: input.responsibleStaffId });
      const members = await setTeam(uow.door, id, team, input.responsibleStaffId);
      await recordCaseEvent(uow.door, {
        caseId: id,
        kind: 'reassigned',
        fromValue: current.responsibleStaffId,
        toValue: input.responsibleStaffId,
        reason: input.reason,
      });
      uow.audit({
        action: 'case.reassign',
        entityType: 'case',
        entityId: id,
        personId: current.personId,
        details: { from: current.responsibleStaffId, to: input.responsibleStaffId },
      });
      return this.present(uow.door, row, members);
    });
  }

  /**
   * Break-the-glass: staff outside a case open it in an emergency, with a reason, for the agency's
   * set time (an hour by default). The reason goes into the audit trail; the responsible worker and
   * the unit's supervisors are alerted at once; the auditor lists every such opening.
   */
  async openInEmergency(ctx: RequestContext, caseId: string, reason: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!mayHoldCases(uow.actor.roles) && !uow.actor.roles.includes('supervisor'))
        throw new DomainError('permission_denied', 'Only casework staff open a case in an emergency');
      if (await isCaseInReach(uow.door, caseId)) throw new DomainError('transition_not_allowed', 'The case is open to you already');
      const theCase = await caseForEmergency(uow.door, caseId);
      const settings = await agencySettings(uow.tx);
      const access = await insertEmergencyAccess(uow.door, caseId, reason, settings.emergencyAccessMinutes);
      uow.audit({
        action: 'case.emergency_access',
        entityType: 'case',
        entityId: caseId,
        personId: theCase.personId,
        details: { reason, expiresAt: access.expiresAt.toISOString() },
      });
      await alertStaff(
        uow.door,
        'emergency_access',
        theCase.responsibleStaffId === uow.actor.id ? [] : [theCase.responsibleStaffId],
        caseId,
      );
      await alertCaseStaffWithRoles(uow.door, 'emergency_access', caseId, ['supervisor']);
      return { id: access.id, caseId, expiresAt: access.expiresAt.toISOString() };
    });
  }

  /** Every emergency opening of a case in the agency, newest first – for the auditor. */
  async emergencyAccesses(ctx: RequestContext, query: { limit: number; cursor?: string | undefined }) {
    return inTransaction(this.db, ctx, async (uow) => {
      const page = await emergencyAccessesOfAgency(uow.door, query.limit, decodeCursor(query.cursor, 2) as [string, string] | null);
      uow.audit({ action: 'audit.read', entityType: 'audit_log', details: { list: 'emergency_accesses' } });
      const items = page.items.map((a) => ({ ...a, grantedAt: a.grantedAt.toISOString(), expiresAt: a.expiresAt.toISOString() }));
      const last = items.at(-1);
      return { items, nextCursor: page.more && last ? encodeCursor([last.grantedAt, last.id]) : null };
    });
  }
}
