import type { z } from 'zod';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { advanceCase, openCaseForWork } from '../case/case.service.ts';
import { caseInReach } from '../case/case.store.ts';
import type {
  createAssessmentBody,
  createNeedBody,
  DomainFinding,
  LifeDomain,
  personResponseBody,
  updateAssessmentBody,
  updateNeedBody,
} from './assessment.contract.ts';
import {
  type AssessmentRow,
  assessmentInReach,
  assessmentStatus,
  assessmentsOfCase,
  insertAssessment,
  insertNeed,
  type NeedRow,
  needInReach,
  needsOfAssessment,
  needsOfCase,
  updateAssessment,
  updateNeed,
} from './assessment.store.ts';

export function presentNeed(n: NeedRow) {
  return {
    id: n.id,
    caseId: n.caseId,
    assessmentId: n.assessmentId,
    domain: n.domain as LifeDomain,
    description: n.description,
    severity: n.severity as never,
    identifiedOn: n.identifiedOn,
    status: n.status as never,
    version: n.version,
  };
}

export function presentAssessment(a: AssessmentRow, needRows: NeedRow[]) {
  return {
    id: a.id,
    caseId: a.caseId,
    kind: a.kind as 'initial' | 'reassessment',
    status: a.status as 'draft' | 'completed',
    assessedOn: a.assessedOn,
    sources: a.sources as never,
    otherSources: a.otherSources,
    domains: a.domains as Partial<Record<LifeDomain, DomainFinding>>,
    analysisCauses: a.analysisCauses,
    analysisNature: a.analysisNature,
    analysisDegree: a.analysisDegree,
    personView: a.personView,
    personResponse: a.personResponse as 'confirmed' | 'corrected' | null,
    personCorrections: a.personCorrections,
    personRespondedAt: a.personRespondedAt?.toISOString() ?? null,
    completedAt: a.completedAt?.toISOString() ?? null,
    createdBy: a.createdBy,
    needs: needRows.map(presentNeed),
    version: a.version,
  };
}

/**
 * Needs assessments (seed 002 §2): findings and strengths per life domain, the worker's analysis,
 * the person's own view and their confirmation or corrections; the needs a plan is built from.
 * A completed assessment is kept as it was; a later one is a re-assessment, compared side by side.
 */
export class AssessmentService {
  constructor(private readonly db: Database) {}

  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createAssessmentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'assessment.create', { lock: true });
      const row = await insertAssessment(uow.door, { caseId, ...input });
      uow.audit({ action: 'assessment.create', entityType: 'assessment', entityId: row.id, personId: theCase.personId });
      await advanceCase(uow, theCase, 'assessment', 'The assessment began');
      return presentAssessment(row, []);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row } = await assessmentInReach(uow.door, id, 'assessment.read');
      return presentAssessment(row, await needsOfAssessment(uow.door, row));
    });
  }

  /** Every assessment of the case, oldest first, for the side-by-side comparison and the domain-score chart. */
  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'assessment.read');
      const rows = await assessmentsOfCase(uow.door, theCase, 'assessment.read');
      const needRows = await needsOfCase(uow.door, theCase, 'assessment.read');
      return rows.map((a) =>
        presentAssessment(
          a,
          needRows.filter((n) => n.assessmentId === a.id),
        ),
      );
    });
  }

  /** An assessment for a change: within reach, locked, its case open, at the version the client saw. */
  private async toChange(uow: UnitOfWork, id: string, action: AuditAction, version?: number) {
    const found = await assessmentInReach(uow.door, id, action, { lock: true });
    if (found.theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    if (version !== undefined && found.row.version !== version) throw versionConflict('The assessment');
    return found;
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateAssessmentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.toChange(uow, id, 'assessment.update', input.version);
      if (row.status === 'completed')
        throw new DomainError('transition_not_allowed', 'A completed assessment is kept as it was; start a re-assessment instead');
      const { version: _v, ...changes } = input;
      const updated = await updateAssessment(uow.door, id, changes);
      uow.audit({
        action: 'assessment.update',
        entityType: 'assessment',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return presentAssessment(updated, await needsOfAssessment(uow.door, updated));
    });
  }

  async complete(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.toChange(uow, id, 'assessment.complete', version);
      if (row.status === 'completed') throw new DomainError('transition_not_allowed', 'The assessment is already completed');
      const updated = await updateAssessment(uow.door, id, { status: 'completed', completedAt: new Date() });
      uow.audit({ action: 'assessment.complete', entityType: 'assessment', entityId: id, personId: theCase.personId });
      return presentAssessment(updated, await needsOfAssessment(uow.door, updated));
    });
  }

  /** The person's confirmation, or the corrections they ask for, with the time (recorded also on a completed assessment). */
  async recordPersonResponse(ctx: RequestContext, id: string, input: z.infer<typeof personResponseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await this.toChange(uow, id, 'assessment.person_response', input.version);
      const updated = await updateAssessment(uow.door, id, {
        personResponse: input.response,
        personCorrections: input.response === 'corrected' ? input.corrections : '',
        personRespondedAt: new Date(),
      });
      uow.audit({
        action: 'assessment.person_response',
        entityType: 'assessment',
        entityId: id,
        personId: theCase.personId,
        details: { response: input.response },
      });
      return presentAssessment(updated, await needsOfAssessment(uow.door, updated));
    });
  }

  async addNeed(ctx: RequestContext, assessmentId: string, input: z.infer<typeof createNeedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.toChange(uow, assessmentId, 'need.create');
      if (row.status === 'completed')
        throw new DomainError('transition_not_allowed', 'A completed assessment is kept as it was; record new needs in a re-assessment');
      const created = await insertNeed(uow.door, { caseId: row.caseId, assessmentId, ...input });
      uow.audit({ action: 'need.create', entityType: 'need', entityId: created.id, personId: theCase.personId });
      return presentNeed(created);
    });
  }

  async updateNeed(ctx: RequestContext, id: string, input: z.infer<typeof updateNeedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row: current, theCase } = await needInReach(uow.door, id, 'need.update', { lock: true });
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      if (current.version !== input.version) throw versionConflict('The need');
      const { version: _v, ...changes } = input;
      const sourceStatus = current.assessmentId ? await assessmentStatus(uow.door, current.assessmentId, current.caseId) : null;
      const described = Object.keys(changes).filter((k) => k !== 'status');
      if (sourceStatus === 'completed' && described.length > 0) {
        throw new DomainError(
          'transition_not_allowed',
          'The need was recorded in a completed assessment; only whether it is met may change',
          described.map((field) => ({ field, code: 'assessment_completed', message: 'Kept as the assessment recorded it' })),
        );
      }
      const updated = await updateNeed(uow.door, id, changes);
      uow.audit({
        action: 'need.update',
        entityType: 'need',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return presentNeed(updated);
    });
  }

  async needsForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'need.read');
      return (await needsOfCase(uow.door, theCase, 'need.read')).map(presentNeed);
    });
  }
}
