import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, notFound, versionConflict } from '../../core/errors.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import type { CaseService } from '../case/case.service.ts';
import type {
  createAssessmentBody,
  createNeedBody,
  DomainFinding,
  LifeDomain,
  personResponseBody,
  updateAssessmentBody,
  updateNeedBody,
} from './assessment.contract.ts';
import { assessments, needs } from './assessment.schema.ts';

type AssessmentRow = typeof assessments.$inferSelect;
type NeedRow = typeof needs.$inferSelect;

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
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
  ) {}

  /** With `lock`, for a change: the row is locked and the case must be open. */
  private async visibleAssessment(uow: UnitOfWork, id: string, action: string, lock = false) {
    const query = uow.tx.select().from(assessments).where(eq(assessments.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('The assessment');
    const theCase = lock
      ? await this.cases.openCaseForWork(uow, row.caseId, action)
      : await this.cases.visibleCase(uow, row.caseId, action);
    return { row, theCase };
  }

  private needsOf(uow: UnitOfWork, assessmentId: string) {
    return uow.tx.select().from(needs).where(eq(needs.assessmentId, assessmentId)).orderBy(asc(needs.identifiedOn), asc(needs.createdAt));
  }

  async create(ctx: RequestContext, caseId: string, input: z.infer<typeof createAssessmentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.openCaseForWork(uow, caseId, 'assessment.create');
      const [row] = await uow.tx
        .insert(assessments)
        .values({ caseId, ...input, createdBy: uow.actor.id })
        .returning();
      uow.audit({ action: 'assessment.create', entityType: 'assessment', entityId: row!.id, personId: theCase.personId });
      return presentAssessment(row!, []);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleAssessment(uow, id, 'assessment.read');
      uow.audit({ action: 'assessment.read', entityType: 'assessment', entityId: id, personId: theCase.personId });
      return presentAssessment(row, await this.needsOf(uow, id));
    });
  }

  /** Every assessment of the case, oldest first, for the side-by-side comparison and the domain-score chart. */
  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'assessment.read');
      const rows = await uow.tx
        .select()
        .from(assessments)
        .where(eq(assessments.caseId, caseId))
        .orderBy(asc(assessments.assessedOn), asc(assessments.createdAt));
      const needRows = await uow.tx
        .select()
        .from(needs)
        .where(eq(needs.caseId, caseId))
        .orderBy(asc(needs.identifiedOn), asc(needs.createdAt));
      uow.audit({ action: 'assessment.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      return rows.map((a) =>
        presentAssessment(
          a,
          needRows.filter((n) => n.assessmentId === a.id),
        ),
      );
    });
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateAssessmentBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleAssessment(uow, id, 'assessment.update', true);
      if (row.version !== input.version) throw versionConflict('The assessment');
      if (row.status === 'completed')
        throw new DomainError('transition_not_allowed', 'A completed assessment is kept as it was; start a re-assessment instead');
      const { version: _v, ...changes } = input;
      const [updated] = await uow.tx
        .update(assessments)
        .set({ ...changes, version: sql`${assessments.version} + 1`, updatedAt: new Date() })
        .where(eq(assessments.id, id))
        .returning();
      uow.audit({
        action: 'assessment.update',
        entityType: 'assessment',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return presentAssessment(updated!, await this.needsOf(uow, id));
    });
  }

  async complete(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleAssessment(uow, id, 'assessment.complete', true);
      if (row.version !== version) throw versionConflict('The assessment');
      if (row.status === 'completed') throw new DomainError('transition_not_allowed', 'The assessment is already completed');
      const [updated] = await uow.tx
        .update(assessments)
        .set({ status: 'completed', completedAt: new Date(), version: sql`${assessments.version} + 1`, updatedAt: new Date() })
        .where(eq(assessments.id, id))
        .returning();
      uow.audit({ action: 'assessment.complete', entityType: 'assessment', entityId: id, personId: theCase.personId });
      return presentAssessment(updated!, await this.needsOf(uow, id));
    });
  }

  /** The person's confirmation, or the corrections they ask for, with the time (recorded also on a completed assessment). */
  async recordPersonResponse(ctx: RequestContext, id: string, input: z.infer<typeof personResponseBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleAssessment(uow, id, 'assessment.person_response', true);
      if (row.version !== input.version) throw versionConflict('The assessment');
      const [updated] = await uow.tx
        .update(assessments)
        .set({
          personResponse: input.response,
          personCorrections: input.response === 'corrected' ? input.corrections : '',
          personRespondedAt: new Date(),
          version: sql`${assessments.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(assessments.id, id))
        .returning();
      uow.audit({
        action: 'assessment.person_response',
        entityType: 'assessment',
        entityId: id,
        personId: theCase.personId,
        details: { response: input.response },
      });
      return presentAssessment(updated!, await this.needsOf(uow, id));
    });
  }

  async addNeed(ctx: RequestContext, assessmentId: string, input: z.infer<typeof createNeedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.visibleAssessment(uow, assessmentId, 'need.create', true);
      if (row.status === 'completed')
        throw new DomainError('transition_not_allowed', 'A completed assessment is kept as it was; record new needs in a re-assessment');
      const [created] = await uow.tx
        .insert(needs)
        .values({ caseId: row.caseId, assessmentId, ...input, createdBy: uow.actor.id })
        .returning();
      uow.audit({ action: 'need.create', entityType: 'need', entityId: created!.id, personId: theCase.personId });
      return presentNeed(created!);
    });
  }

  async updateNeed(ctx: RequestContext, id: string, input: z.infer<typeof updateNeedBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [current] = await uow.tx.select().from(needs).where(eq(needs.id, id)).for('update');
      if (!current) throw notFound('The need');
      const theCase = await this.cases.openCaseForWork(uow, current.caseId, 'need.update');
      if (current.version !== input.version) throw versionConflict('The need');
      const { version: _v, ...changes } = input;
      const [source] = current.assessmentId
        ? await uow.tx.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, current.assessmentId))
        : [];
      const described = Object.keys(changes).filter((k) => k !== 'status');
      if (source?.status === 'completed' && described.length > 0) {
        throw new DomainError(
          'transition_not_allowed',
          'The need was recorded in a completed assessment; only whether it is met may change',
          described.map((field) => ({ field, code: 'assessment_completed', message: 'Kept as the assessment recorded it' })),
        );
      }
      const [updated] = await uow.tx
        .update(needs)
        .set({ ...changes, version: sql`${needs.version} + 1`, updatedAt: new Date() })
        .where(eq(needs.id, id))
        .returning();
      uow.audit({
        action: 'need.update',
        entityType: 'need',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return presentNeed(updated!);
    });
  }

  async needsForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'need.read');
      const rows = await uow.tx
        .select()
        .from(needs)
        .where(and(eq(needs.caseId, caseId)))
        .orderBy(asc(needs.identifiedOn), asc(needs.createdAt));
      uow.audit({ action: 'need.read', entityType: 'case', entityId: caseId, personId: theCase.personId });
      return rows.map(presentNeed);
    });
  }
}
