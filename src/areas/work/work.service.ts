import type { z } from 'zod';
import { mayHoldCases } from '../../core/access-policy.ts';
import { addCalendarDays, calendarDateIn, endOfCalendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { caseStage } from '../case/case.contract.ts';
import { caseloadPage, casesNewlyAssignedTo, unitCaseCounts, urgentCasesInReach } from '../case/case.store.ts';
import { CONSENT_ENDING_NOTICE_DAYS } from '../consent/consent.rules.ts';
import { consentsEndingFor } from '../consent/consent.store.ts';
import { contactsDueOf, followUpsDueOf } from '../contact/contact.store.ts';
import type { CrisisSource } from '../crisis/crisis.contract.ts';
import { openCrisesOfCases, openCrisesOfUnit } from '../crisis/crisis.store.ts';
import { dueRequestsInReach, referralFollowUpsInReach, unitQueueCounts } from '../intake/intake.store.ts';
import { isSignedLate, isStaleDraft } from '../journal/journal.rules.ts';
import { ownDraftsInReach, staleDraftCountsOfUnit } from '../journal/journal.store.ts';
import { agencySettings, agencyToday } from '../organisation/agency-settings.ts';
import { nameSearchText, normalisePhone } from '../person/name-keys.rules.ts';
import { searchPage } from '../person/person.store.ts';
import { dueStepsOf, plansDueForReview } from '../plan/plan.store.ts';
import { byCaseload, NEW_ASSIGNMENT_DAYS } from './caseload.rules.ts';
import type { caseloadQuery } from './work.contract.ts';
import { deleteDraft, dismissAlert, draftOf, keyFiguresOf, saveDraft, unreadAlertsOf } from './work.store.ts';

const crisisSummary = (c: { id: string; openedAt: Date; source: CrisisSource } | undefined) =>
  c ? { id: c.id, openedAt: c.openedAt.toISOString(), source: c.source } : null;

/** Work views (today, caseload, unit overview), search, alerts and autosaved drafts. */
export class WorkService {
  constructor(private readonly db: Database) {}

  /** Overdue and due-today deadlines and urgent work, within the caller's reach; "today" is the agency's. */
  async today(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const settings = await agencySettings(uow.tx);
      const todayDate = calendarDateIn(settings.timeZone);
      const until = endOfCalendarDateIn(settings.timeZone, todayDate);
      const dueRequests = await dueRequestsInReach(uow.door, until);
      const followUps = await referralFollowUpsInReach(uow.door, until);
      const urgentCases = await urgentCasesInReach(uow.door);
      const crises = await openCrisesOfCases(
        uow.door,
        urgentCases.map((c) => c.id),
      );
      const dueSteps = await dueStepsOf(uow.door, todayDate);
      const reviews = await plansDueForReview(uow.door, todayDate, settings.planReviewReminderDays);
      const now = Date.now();
      const newCases = await casesNewlyAssignedTo(uow.door, new Date(now - NEW_ASSIGNMENT_DAYS * 86_400_000));
      const contacts = await contactsDueOf(uow.door, todayDate);
      const contactFollowUps = await followUpsDueOf(uow.door, todayDate);
      const drafts = await ownDraftsInReach(uow.door);
      const consentsEnding = await consentsEndingFor(uow.door, todayDate, addCalendarDays(todayDate, CONSENT_ENDING_NOTICE_DAYS));
      return {
        requests: dueRequests.map((r) => ({
          id: r.id,
          receiptNumber: r.receiptNumber,
          priority: r.priority as never,
          dueAt: r.firstResponseDueAt.toISOString(),
          overdue: r.firstResponseDueAt.getTime() < now,
        })),
        referralFollowUps: followUps.map(({ referral, receiptNumber }) => ({
          id: referral.id,
          requestId: referral.requestId,
          receiptNumber,
          organisationName: referral.organisationName,
          dueAt: referral.followUpDueAt.toISOString(),
          overdue: referral.followUpDueAt.getTime() < now,
        })),
        urgentCases: urgentCases.map((c) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          stage: c.stage as never,
          priority: c.priority as never,
          crisisRaisedAt: c.crisisRaisedAt?.toISOString() ?? null,
          crisis: crisisSummary(crises.get(c.id)),
          openedAt: c.openedAt.toISOString(),
        })),
        steps: dueSteps.map(({ step, caseNumber }) => ({
          caseId: step.caseId,
          caseNumber,
          stepId: step.stepId,
          what: step.what,
          dueDate: step.dueDate!,
          overdue: step.dueDate! < todayDate,
        })),
        planReviews: reviews.map((r) => ({
          planId: r.planId,
          caseId: r.caseId,
          caseNumber: r.caseNumber,
          reviewDate: r.reviewDate,
          overdue: r.reviewDate < todayDate,
        })),
        newCases: newCases.map((c) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          stage: c.stage as never,
          priority: c.priority as never,
          assignedAt: c.assignedAt.toISOString(),
        })),
        journalDrafts: drafts.map((d) => ({
          id: d.id,
          caseId: d.caseId,
          caseNumber: d.caseNumber,
          kind: d.kind,
          occurredOn: d.occurredOn,
          updatedAt: d.updatedAt.toISOString(),
          late:
            isStaleDraft(calendarDateIn(settings.timeZone, d.updatedAt), todayDate, settings.journalDraftReminderDays) ||
            isSignedLate(d.occurredOn, todayDate, settings.journalLateAfterDays),
        })),
        contacts: contacts.map(({ contact: c, caseNumber }) => ({
          id: c.id,
          caseId: c.caseId,
          caseNumber,
          kind: c.kind,
          plannedOn: c.plannedOn,
          plannedTime: c.plannedTime,
          placeKind: c.placeKind,
          overdue: c.plannedOn < todayDate,
        })),
        contactFollowUps: contactFollowUps.map(({ contact: c, caseNumber }) => ({
          contactId: c.id,
          caseId: c.caseId,
          caseNumber,
          followUp: c.followUp ?? '',
          followUpOn: c.followUpOn!,
          overdue: c.followUpOn! < todayDate,
        })),
        consentsEnding: consentsEnding.map((c) => ({
          id: c.id,
          personId: c.person_id,
          caseId: c.case_id,
          caseNumber: c.case_number,
          kind: c.kind,
          validTo: c.valid_to,
        })),
        holdsCases: mayHoldCases(uow.actor.roles),
      };
    });
  }

  /** "My caseload": cases the caller is responsible for or on the team of. */
  async caseload(ctx: RequestContext, filter: z.infer<typeof caseloadQuery>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const page = await caseloadPage(uow.door, filter, decodeCursor(filter.cursor, 2) as [string, string] | null);
      return presentPage(
        page,
        ({ c, givenName, familyName }) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          personId: c.personId,
          personName: `${givenName} ${familyName}`,
          stage: c.stage as never,
          priority: c.priority as never,
          responsible: c.responsibleStaffId === uow.actor.id,
          openedAt: c.openedAt.toISOString(),
        }),
        ({ c }) => [c.openedAt.toISOString(), c.id],
      );
    });
  }

  /** The supervisor's overview of their unit: open cases per worker and stage, the open crises by case number, the intake queue's state. No one's name. */
  async unitOverview(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const unitId = uow.actor.unitId;
      const { journalDraftReminderDays: draftReminderDays, timeZone, caseloadLimit } = await agencySettings(uow.tx);
      if (!unitId)
        return {
          unitId: null,
          byWorker: [],
          caseloadLimit,
          draftReminderDays,
          openCrises: [],
          byStage: [],
          openRequests: 0,
          overdueRequests: 0,
        };
      const today = await agencyToday(uow.tx);
      const counts = await unitCaseCounts(uow.door, unitId, today);
      // A draft counts as left once its last change is more than the reminder days before today, as the agency counts days.
      const staleBefore = endOfCalendarDateIn(timeZone, addCalendarDays(today, -(draftReminderDays + 1)));
      const staleDrafts = await staleDraftCountsOfUnit(uow.door, unitId, staleBefore);
      const queue = await unitQueueCounts(uow.door, unitId);
      const crises = await openCrisesOfUnit(uow.door, unitId);
      uow.audit({ action: 'unit.overview', entityType: 'unit', entityId: unitId });
      return {
        unitId,
        byWorker: byCaseload(
          counts.byWorker.map((r) => ({
            staffId: r.staff_id,
            name: r.name,
            openCases: r.open_cases,
            urgentCases: r.urgent_cases,
            overdueSteps: r.overdue_steps,
            staleDrafts: staleDrafts.get(r.staff_id) ?? 0,
          })),
          caseloadLimit,
        ),
        caseloadLimit,
        draftReminderDays,
        openCrises: crises.map((c) => ({
          id: c.id,
          caseId: c.caseId,
          caseNumber: c.caseNumber,
          openedAt: c.openedAt.toISOString(),
          source: c.source,
          responsibleName: c.responsibleName,
        })),
        byStage: counts.byStage.map((r) => ({ stage: r.stage as never, count: r.n })),
        openRequests: queue.open,
        overdueRequests: queue.overdue,
      };
    });
  }

  /** The agency's key figures of the month so far, in its time zone: counts only, in one statement. */
  async keyFigures(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await keyFiguresOf(uow.door);
      uow.audit({ action: 'agency.key_figures', entityType: 'agency', entityId: String(uow.actor.agencyId) });
      const open = new Map((row.open_by_stage ?? []).map((s) => [s.stage, s.count]));
      return {
        month: { from: row.month_from, to: row.today },
        requestsReceived: row.requests_received,
        casesOpened: row.cases_opened,
        casesClosed: row.cases_closed,
        plansSigned: row.plans_signed,
        openCasesByStage: caseStage.options.filter((stage) => stage !== 'closed').map((stage) => ({ stage, count: open.get(stage) ?? 0 })),
        overdueSteps: row.overdue_steps,
      };
    });
  }

  /**
   * One box for people and cases: name fragments in any script (transliterated, misspellings
   * tolerated by trigram similarity), birth date, case number, phone or national ID. Only what
   * the caller may see; one audit event names everyone the page showed.
   */
  async search(ctx: RequestContext, q: string, limit: number, cursor?: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const offset = (decodeCursor(cursor, 1) as [number] | null)?.[0] ?? 0;
      const term = q.trim();
      const page = await searchPage(
        uow.door,
        { term, names: nameSearchText([q]), phoneDigits: normalisePhone(q), isDate: /^\d{4}-\d{2}-\d{2}$/.test(term) },
        limit,
        offset,
      );
      return {
        items: page.items.map((r) => ({
          personId: r.id,
          givenName: r.given_name,
          familyName: r.family_name,
          birthDate: r.birth_date,
          cases: r.cases ?? [],
          caseNumbers: (r.cases ?? []).map((c) => c.caseNumber),
          score: Math.round(Number(r.score) * 100),
        })),
        nextCursor: page.more ? encodeCursor([offset + limit]) : null,
      };
    });
  }

  /** The caller's unread alerts, each naming what it is about (and whom, where the person is within their reach). */
  async alerts(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) =>
      (await unreadAlertsOf(uow.door)).map(({ alert, receiptNumber, caseNumber, personName }) => ({
        id: alert.id,
        kind: alert.kind,
        requestId: alert.requestId,
        caseId: alert.caseId,
        receiptNumber,
        caseNumber,
        personName,
        dueOn: alert.dueOn,
        createdAt: alert.createdAt.toISOString(),
      })),
    );
  }

  async dismissAlert(ctx: RequestContext, alertId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (!(await dismissAlert(uow.door, alertId))) throw new DomainError('not_found', 'The alert was not found');
      uow.audit({ action: 'alert.dismiss', entityType: 'alert', entityId: alertId });
      return { ok: true as const };
    });
  }

  /** Drafts may hold what a worker typed about a person, so reading and writing them is audited too. */
  async getDraft(ctx: RequestContext, key: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await draftOf(uow.door, key);
      if (!row) throw new DomainError('not_found', 'The draft was not found');
      uow.audit({ action: 'draft.read', entityType: 'draft', entityId: key });
      return { key, data: row.data, updatedAt: row.updatedAt.toISOString() };
    });
  }

  async saveDraft(ctx: RequestContext, key: string, data: Record<string, unknown>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const updatedAt = new Date();
      await saveDraft(uow.door, key, data, updatedAt);
      uow.audit({ action: 'draft.save', entityType: 'draft', entityId: key });
      return { key, updatedAt: updatedAt.toISOString() };
    });
  }

  async deleteDraft(ctx: RequestContext, key: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await deleteDraft(uow.door, key);
      uow.audit({ action: 'draft.delete', entityType: 'draft', entityId: key });
      return { ok: true as const };
    });
  }
}
