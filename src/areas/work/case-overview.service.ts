import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { assessments, needs } from '../assessment/assessment.schema.ts';
import { presentAssessment } from '../assessment/assessment.service.ts';
import { type CaseService, presentCase, teamOf } from '../case/case.service.ts';
import { persons } from '../person/person.schema.ts';
import { planSignatures, planSteps, servicePlans } from '../plan/plan.schema.ts';
import { agencyToday, presentPlan, presentStep } from '../plan/plan.service.ts';

/**
 * What the case page opens with, read in one transaction and audited as one read: the case, who
 * it is about, the active plan with its steps' progress, a plan being prepared, and the latest
 * assessment with its needs. Every lookup follows an index on the case id.
 */
export class CaseOverviewService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
  ) {}

  async overview(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await this.cases.visibleCase(uow, caseId, 'case.read');
      const [person] = await uow.tx
        .select({
          id: persons.id,
          givenName: persons.givenName,
          familyName: persons.familyName,
          birthDate: persons.birthDate,
          languages: persons.languages,
        })
        .from(persons)
        .where(eq(persons.id, theCase.personId));
      const plans = await uow.tx
        .select()
        .from(servicePlans)
        .where(and(eq(servicePlans.caseId, caseId), inArray(servicePlans.status, ['active', 'draft', 'awaiting_signature'])));
      const active = plans.find((p) => p.status === 'active') ?? null;
      const preparing = plans.find((p) => p.status !== 'active') ?? null;
      const signatures = active ? await uow.tx.select().from(planSignatures).where(eq(planSignatures.planId, active.id)) : [];
      const steps = active ? await uow.tx.select().from(planSteps).where(eq(planSteps.caseId, caseId)).orderBy(asc(planSteps.dueDate)) : [];
      const [latest] = await uow.tx
        .select()
        .from(assessments)
        .where(eq(assessments.caseId, caseId))
        .orderBy(desc(assessments.assessedOn), desc(assessments.createdAt))
        .limit(1);
      const latestNeeds = latest
        ? await uow.tx
            .select()
            .from(needs)
            .where(and(eq(needs.caseId, caseId), eq(needs.assessmentId, latest.id)))
            .orderBy(asc(needs.identifiedOn))
        : [];
      const on = await agencyToday(uow.tx);
      uow.audit({ action: 'case.read', entityType: 'case', entityId: caseId, personId: theCase.personId, details: { overview: true } });
      return {
        case: presentCase(theCase, await teamOf(uow.tx, caseId)),
        person: { ...person!, languages: person!.languages },
        activePlan: active ? presentPlan(active, signatures, on) : null,
        steps: steps.filter((s) => s.status !== 'removed').map((s) => presentStep(s, on)),
        planInPreparation: preparing
          ? {
              id: preparing.id,
              planVersion: preparing.planVersion,
              status: preparing.status as 'draft' | 'awaiting_signature',
              version: preparing.version,
            }
          : null,
        latestAssessment: latest ? presentAssessment(latest, latestNeeds) : null,
      };
    });
  }
}
