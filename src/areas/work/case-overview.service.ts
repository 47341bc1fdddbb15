import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { presentAssessment } from '../assessment/assessment.service.ts';
import { presentCaseFor } from '../case/case.service.ts';
import { presentPlan, presentStep } from '../plan/plan.service.ts';
import { caseOverviewOf } from './work.store.ts';

/**
 * What the case page opens with, read in one statement (`caseOverviewOf`) and audited as one read:
 * the case, who it is about, the active plan with its steps' progress, a plan being prepared, and
 * the latest assessment with its needs. Every lookup in it follows an index on the case id.
 */
export class CaseOverviewService {
  constructor(private readonly db: Database) {}

  async overview(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const read = await caseOverviewOf(uow.door, caseId, 'case.read');
      const { case: theCase, person } = read;
      const on = calendarDateIn(read.timeZone);
      const active = read.plans.find((p) => p.status === 'active') ?? null;
      const preparing = read.plans.find((p) => p.status !== 'active') ?? null;
      return {
        case: presentCaseFor(uow.actor, theCase, { team: read.team, stages: read.stages }),
        person: {
          id: person.id,
          givenName: person.givenName,
          familyName: person.familyName,
          birthDate: person.birthDate,
          languages: person.languages,
        },
        activePlan: active ? presentPlan(active, read.signatures, on) : null,
        steps: active ? read.steps.filter((s) => s.status !== 'removed').map((s) => presentStep(s, on)) : [],
        planInPreparation: preparing
          ? {
              id: preparing.id,
              planVersion: preparing.planVersion,
              status: preparing.status as 'draft' | 'awaiting_signature',
              version: preparing.version,
            }
          : null,
        latestAssessment: read.assessment ? presentAssessment(read.assessment, read.needs) : null,
      };
    });
  }
}
