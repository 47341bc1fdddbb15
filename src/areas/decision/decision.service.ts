import type { z } from 'zod';
import { maySignDecisions, mayWorkOnCase } from '../../core/access-policy.ts';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import type { Door } from '../../core/door.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { openCaseForWork } from '../case/case.service.ts';
import { type CaseRow, caseInReach } from '../case/case.store.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { alertCaseStaffWithRoles } from '../work/work.store.ts';
import type { createDecisionBody, DecisionItem, decisionStatus, updateDecisionBody } from './decision.contract.ts';
import {
  type DecisionRow,
  decidedByName,
  decisionInReach,
  decisionOfCaseForReplacement,
  decisionsOfCase,
  insertDecision,
  replacedDecisionSignedAt,
  signedSuccessorOf,
  updateDecision,
} from './decision.store.ts';

type DecisionStatus = z.infer<typeof decisionStatus>;

/**
 * Formal decisions on requested services (seed 001: biståndsbeslut, vedtak): per service granted,
 * partly granted or refused, with basis, justification, validity and how to appeal. Only roles
 * with decision authority (agency setting, src/core/access-policy.ts) sign; a signed decision
 * never changes – the database refuses it – and a change is a new decision that refers to the one
 * it replaces.
 */
export class DecisionService {
  /** `standardAppealText` gives the agency's standard appeal instructions in a language (from the letter catalogs). */
  constructor(
    private readonly db: Database,
    private readonly standardAppealText: (language: string) => string,
  ) {}

  /** The decision as shown, with who decided, what replaced it, and what the actor may do with it. */
  private async present(uow: UnitOfWork, d: DecisionRow, theCase: CaseRow) {
    const { decisionRoles } = await agencySettings(uow.tx);
    const open = mayWorkOnCase(uow.actor, theCase.stage);
    const maySign = maySignDecisions(uow.actor, decisionRoles);
    const supersededById = await signedSuccessorOf(uow.door, d.id);
    return {
      id: d.id,
      caseId: d.caseId,
      status: d.status as DecisionStatus,
      supersedesId: d.supersedesId,
      supersededById,
      language: d.language,
      appealInstructions: d.appealInstructions,
      items: d.items as DecisionItem[],
      createdBy: d.createdBy,
      decidedBy: d.decidedBy,
      decidedByName: await decidedByName(uow.door, d),
      decidedAt: d.decidedAt?.toISOString() ?? null,
      version: d.version,
      may: {
        change: open && d.status !== 'signed',
        sign: open && d.status !== 'signed' && maySign,
        sendForSignature: open && d.status === 'draft' && !maySign,
        replace: open && d.status === 'signed' && supersededById === null,
      },
    };
  }

  /** A decision for a change: within reach, locked with its case, the case open, at the version the client saw. */
  private async toChange(door: Door, id: string, action: AuditAction, version: number) {
    const found = await decisionInReach(door, id, action, { lock: true });
    if (found.theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    if (found.row.version !== version) throw versionConflict('The decision');
    return found;
  }

  /** A signed decision of this case that no other signed decision has replaced yet (locked until commit). */
  private async assertReplaceable(door: Door, caseId: string, earlierId: string) {
    const earlier = await decisionOfCaseForReplacement(door, caseId, earlierId);
    if (!earlier) throw invalidField('supersedesId', 'not_found', 'No such decision on this case');
    if (earlier.status !== 'signed')
      throw invalidField('supersedesId', 'not_signed', 'Only a signed decision is replaced by a new one; change the draft instead');
    const successor = await signedSuccessorOf(door, earlierId);
    if (successor)
      throw new DomainError('already_exists', 'This decision has already been replaced', [
        { field: 'supersedesId', code: 'already_replaced', message: successor },
      ]);
  }

  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createDecisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'decision.create', { lock: true });
      if (input.supersedesId) await this.assertReplaceable(uow.door, caseId, input.supersedesId);
      const language =
        input.language ?? (await personInReach(uow.door, theCase.personId, 'decision.create')).languages.find(Boolean) ?? 'en';
      const row = await insertDecision(uow.door, {
        caseId,
        items: input.items,
        language,
        appealInstructions: input.appealInstructions ?? this.standardAppealText(language),
        supersedesId: input.supersedesId ?? null,
      });
      uow.audit({
        action: 'decision.create',
        entityType: 'decision',
        entityId: row.id,
        personId: theCase.personId,
        details: { supersedesId: input.supersedesId ?? null },
      });
      return this.present(uow, row, theCase);
    });
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'decision.read');
      const rows = await decisionsOfCase(uow.door, theCase, 'decision.read');
      return Promise.all(rows.map((d) => this.present(uow, d, theCase)));
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await decisionInReach(uow.door, id, 'decision.read');
      return this.present(uow, row, theCase);
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateDecisionBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.toChange(uow.door, id, 'decision.update', input.version);
      if (row.status === 'signed')
        throw new DomainError('transition_not_allowed', 'A signed decision never changes; make a new decision that refers to it');
      const { version: _v, ...changes } = input;
      // What was sent for signature is what the signer is told about: a change makes it a draft again.
      const updated = await updateDecision(uow.door, id, { ...changes, status: 'draft' });
      uow.audit({
        action: 'decision.update',
        entityType: 'decision',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return this.present(uow, updated, theCase);
    });
  }

  /** Signing makes the decision final. Only roles the agency gave decision authority may sign. */
  async sign(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await decisionInReach(uow.door, id, 'decision.sign', { lock: true });
      if (!maySignDecisions(uow.actor, (await agencySettings(uow.tx)).decisionRoles)) {
        uow.auditDenied({ action: 'decision.sign', entityType: 'decision', entityId: id, personId: theCase.personId });
        throw new DomainError('permission_denied', 'Your role has no authority to decide on services here');
      }
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      if (row.version !== version) throw versionConflict('The decision');
      if (row.status === 'signed') throw new DomainError('transition_not_allowed', 'The decision is already signed');
      if (row.supersedesId) await this.assertReplaceable(uow.door, row.caseId, row.supersedesId);
      const updated = await updateDecision(uow.door, id, { status: 'signed', decidedBy: uow.actor.id, decidedAt: new Date() });
      uow.audit({
        action: 'decision.sign',
        entityType: 'decision',
        entityId: id,
        personId: theCase.personId,
        details: { supersedesId: row.supersedesId },
      });
      return this.present(uow, updated, theCase);
    });
  }

  /**
   * Someone who may prepare a decision but not sign it puts the draft to those who may: it is marked
   * awaiting signature and every active staff member with decision authority who reaches the case is
   * alerted. Refused when there is no one to sign it.
   */
  async sendForSignature(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.toChange(uow.door, id, 'decision.send_for_signature', version);
      if (row.status !== 'draft')
        throw new DomainError(
          'transition_not_allowed',
          row.status === 'signed' ? 'The decision is already signed' : 'Already sent for signature',
        );
      const { decisionRoles } = await agencySettings(uow.tx);
      const alerted = await alertCaseStaffWithRoles(uow.door, 'decision_to_sign', theCase.id, decisionRoles);
      if (alerted === 0)
        throw new DomainError('transition_not_allowed', 'No one with decision authority at this agency works with this case');
      const updated = await updateDecision(uow.door, id, { status: 'awaiting_signature' });
      uow.audit({
        action: 'decision.send_for_signature',
        entityType: 'decision',
        entityId: id,
        personId: theCase.personId,
        details: { alerted },
      });
      return this.present(uow, updated, theCase);
    });
  }

  /** For the printable decision letter: the decision, the person, the agency, and who decided. */
  async forLetter(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await decisionInReach(uow.door, id, 'decision.print');
      const person = await personInReach(uow.door, theCase.personId, 'decision.print');
      uow.audit({ action: 'decision.print', entityType: 'decision', entityId: id, personId: theCase.personId });
      const settings = await agencySettings(uow.tx);
      return {
        decision: await this.present(uow, row, theCase),
        person,
        agencyName: settings.name,
        caseNumber: theCase.caseNumber,
        supersedesDecidedAt: await replacedDecisionSignedAt(uow.door, row),
        timeZone: settings.timeZone,
      };
    });
  }
}
