import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { caseAgreementStatus } from '../agreement/agreement.rules.ts';
import { presentNeed } from '../assessment/assessment.service.ts';
import { presentCaseFor } from '../case/case.service.ts';
import { nameForms } from '../person/person-name.rules.ts';
import { presentStep } from '../plan/plan.service.ts';
import { caseDeadlines } from './case-overview.rules.ts';
import { caseOverviewOf } from './work.store.ts';

/**
 * What every page of a case shows in its header, and what the case page opens with, read in one
 * statement (`caseOverviewOf`) and audited as one read: the case, who it is about (their names),
 * who holds it (the responsible worker, the team, the unit), where its service agreement stands,
 * the request it came from, its open deadlines, the plan in force (its period and review date)
 * with its steps' progress, a plan being prepared, and the latest assessment's needs. Every lookup
 * in it follows an index on the case or the person; the plan's and the assessment's content are
 * read on their own pages.
 */
export class CaseOverviewService {
  constructor(private readonly db: Database) {}

  async overview(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const read = await caseOverviewOf(uow.door, caseId, 'case.read');
      const { case: theCase, person, request } = read;
      const now = new Date();
      const on = calendarDateIn(read.timeZone, now);
      const active = read.plans.find((p) => p.status === 'active') ?? null;
      const preparing = read.plans.find((p) => p.status !== 'active') ?? null;
      const steps = active ? read.steps.filter((s) => s.status !== 'removed') : [];
      return {
        case: presentCaseFor(uow.actor, theCase, { team: read.team.map((m) => m.id).sort(), stages: read.stages }),
        person: {
          id: person.id,
          givenName: person.givenName,
          familyName: person.familyName,
          nameInOtherScript: person.nameInOtherScript,
          name: nameForms(person),
          birthDate: person.birthDate,
          languages: person.languages,
        },
        responsible: read.responsible,
        team: read.team,
        unit: read.unit,
        agreement: { status: caseAgreementStatus(read.agreements) },
        presentingRequest: request
          ? {
              id: request.id,
              receiptNumber: request.receiptNumber,
              channel: request.channel as never,
              receivedAt: request.receivedAt.toISOString(),
              mainProblem: request.mainProblem,
              ownWords: request.ownWords,
              firstResponseDueAt: request.firstResponseDueAt.toISOString(),
              firstRespondedAt: request.firstRespondedAt?.toISOString() ?? null,
              may: { open: request.inReach },
            }
          : null,
        deadlines: caseDeadlines({
          on,
          now,
          soonDays: read.reminderDays,
          plan: active ? { id: active.id, reviewDate: active.reviewDate } : null,
          steps,
          request,
        }),
        activePlan: active
          ? {
              id: active.id,
              planVersion: active.planVersion,
              periodFrom: active.periodFrom,
              periodTo: active.periodTo,
              reviewDate: active.reviewDate,
              goalCount: active.goalCount,
              activatedAt: active.activatedAt?.toISOString() ?? null,
              version: active.version,
            }
          : null,
        steps: steps.map((s) => presentStep(s, on)),
        planInPreparation: preparing
          ? {
              id: preparing.id,
              planVersion: preparing.planVersion,
              status: preparing.status as 'draft' | 'awaiting_signature',
              version: preparing.version,
            }
          : null,
        latestAssessment: read.assessment
          ? {
              id: read.assessment.id,
              kind: read.assessment.kind as 'initial' | 'reassessment',
              status: read.assessment.status as 'draft' | 'completed',
              assessedOn: read.assessment.assessedOn,
              completedAt: read.assessment.completedAt?.toISOString() ?? null,
              needs: read.needs.map(presentNeed),
              version: read.assessment.version,
            }
          : null,
        openCrisis: read.openCrisis ? { ...read.openCrisis, openedAt: read.openCrisis.openedAt.toISOString() } : null,
      };
    });
  }
}
