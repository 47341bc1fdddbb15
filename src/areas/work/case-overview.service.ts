import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { presentAssessment } from '../assessment/assessment.service.ts';
import { latestAssessmentOf, needsOfAssessment } from '../assessment/assessment.store.ts';
import type { CaseService } from '../case/case.service.ts';
import { caseInReach } from '../case/case.store.ts';
import { agencyToday } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { presentPlan, presentStep } from '../plan/plan.service.ts';
import { plansOfCaseIn, signaturesOf, stepsOfCase } from '../plan/plan.store.ts';

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
      const theCase = await caseInReach(uow.door, caseId, 'case.read');
      const person = await personInReach(uow.door, theCase.personId, 'case.read');
      const plans = await plansOfCaseIn(uow.door, theCase, ['active', 'draft', 'awaiting_signature'], 'case.read');
      const active = plans.find((p) => p.status === 'active') ?? null;
      const preparing = plans.find((p) => p.status !== 'active') ?? null;
      const steps = active ? await stepsOfCase(uow.door, theCase, 'case.read') : [];
      const latest = await latestAssessmentOf(uow.door, theCase, 'case.read');
      const on = await agencyToday(uow.tx);
      return {
        case: await this.cases.present(uow.door, theCase),
        person: {
          id: person.id,
          givenName: person.givenName,
          familyName: person.familyName,
          birthDate: person.birthDate,
          languages: person.languages,
        },
        activePlan: active ? presentPlan(active, await signaturesOf(uow.door, active.id), on) : null,
        steps: steps.filter((s) => s.status !== 'removed').map((s) => presentStep(s, on)),
        planInPreparation: preparing
          ? {
              id: preparing.id,
              planVersion: preparing.planVersion,
              status: preparing.status as 'draft' | 'awaiting_signature',
              version: preparing.version,
            }
          : null,
        latestAssessment: latest ? presentAssessment(latest, await needsOfAssessment(uow.door, latest)) : null,
      };
    });
  }
}
