import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { decodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { newToken, tokenHash } from '../auth/auth.store.ts';
import { openCaseForWork } from '../case/case.service.ts';
import { type CaseRow, caseInReach } from '../case/case.store.ts';
import type { EntryKind, Participant } from '../journal/journal.contract.ts';
import { entryKindsOf, occurredAtOf } from '../journal/journal.rules.ts';
import { beginEntry } from '../journal/journal.service.ts';
import { knownStaffIds } from '../journal/journal.store.ts';
import { type AgencySettings, agencySettings } from '../organisation/agency-settings.ts';
import type { PlanContent } from '../plan/plan.contract.ts';
import { plansOfCaseIn } from '../plan/plan.store.ts';
import { staffNames } from '../staff/staff.store.ts';
import { renderCalendar } from './contact.calendar.ts';
import type {
  Contact,
  ContactKind,
  CreateContactInput,
  cancelContactBody,
  contactsQuery,
  holdContactBody,
  missContactBody,
  UpdateContactInput,
  weekQuery,
} from './contact.contract.ts';
import {
  type ContactChange,
  contactFromMeeting,
  contactMay,
  dayHasCome,
  heldWhen,
  mayChange,
  mayMove,
  meetingsToSchedule,
  noShowProblems,
  noteKindFor,
  withStaff,
} from './contact.rules.ts';
import {
  type ContactRow,
  type ContactWithCase,
  contactInReach,
  contactsForFeed,
  contactsOfCase,
  contactsOfWeek,
  deleteFeed,
  feedOf,
  feedOwner,
  insertContact,
  insertMeetingContact,
  saveFeed,
  scheduledMeetingIds,
  updateContact,
} from './contact.store.ts';
import { daysOfWeek, isoWeekOf, shiftWeek } from './week.rules.ts';

/** How far back the calendar feed reaches: a contact of last month still shows where it was. */
const FEED_DAYS_BACK = 31;
/** The secret of a feed's address (43 base64url characters, as `newToken` makes them) and `.ics`. */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

type Content = CreateContactInput;
const contentOf = (row: ContactRow): Content => ({
  kind: row.kind,
  plannedOn: row.plannedOn,
  plannedTime: row.plannedTime,
  durationMinutes: row.durationMinutes,
  placeKind: row.placeKind,
  placeText: row.placeText,
  participants: row.participants as Participant[],
  purpose: row.purpose,
});

const emptyText = { type: 'doc' as const, content: [] };

/**
 * The contact schedule and visit log (seed 004): contacts planned by hand or from the plan's
 * meetings, each recorded once as held – which begins its journal note – missed, with the no-show
 * follow-up that Today shows on its day, or cancelled, by whom and why. A worker sees their own
 * contacts by week, and may give a calendar app a secret address that carries only case numbers,
 * times and kinds of place.
 */
export class ContactService {
  constructor(
    private readonly db: Database,
    /** The address calendar apps reach the installation at (TILLIT_PUBLIC_URL). */
    private readonly publicUrl: string,
  ) {}

  private present(uow: UnitOfWork, found: ContactWithCase, theCase: Pick<CaseRow, 'stage'>, today: string): Contact {
    const { contact: c, caseNumber, recordedByName } = found;
    return {
      id: c.id,
      caseId: c.caseId,
      caseNumber,
      status: c.status,
      ...contentOf(c),
      startsAt: c.startsAt.toISOString(),
      planMeetingId: c.planMeetingId,
      recordedAt: c.recordedAt?.toISOString() ?? null,
      recordedByName,
      journalEntryId: c.journalEntryId,
      noShow:
        c.status === 'missed' && c.followUp && c.followUpOn
          ? { followUp: c.followUp, followUpOn: c.followUpOn, doneAt: c.followUpDoneAt?.toISOString() ?? null }
          : null,
      cancellation: c.status === 'cancelled' && c.cancelledBy ? { by: c.cancelledBy, reason: c.cancelReason ?? '' } : null,
      may: contactMay(c, {
        mayWrite: hasPermission(uow.actor.roles, 'journal.write'),
        caseOpen: theCase.stage !== 'closed',
        today,
      }),
      version: c.version,
    };
  }

  /** Who takes part: staff named by id must be the agency's (their names filled in); no staff named, the actor. */
  private async participantsOf(uow: UnitOfWork, participants: readonly Participant[]): Promise<Participant[]> {
    const ids = participants.flatMap((p) => (p.kind === 'staff' && p.refId ? [p.refId] : []));
    const known = await knownStaffIds(uow.door, ids);
    const index = participants.findIndex((p) => p.kind === 'staff' && p.refId && !known.has(p.refId));
    if (index >= 0) throw invalidField(`participants.${index}.refId`, 'not_found', 'No such staff member');
    const names = await staffNames(uow.door, [...ids, uow.actor.id]);
    const named = participants.map((p) => (p.kind === 'staff' && p.refId ? { ...p, name: names.get(p.refId) ?? p.name } : p));
    return withStaff(named, uow.actor.id, names.get(uow.actor.id) ?? '');
  }

  private columnsOf(content: Content, settings: AgencySettings) {
    return { ...content, startsAt: occurredAtOf(content.plannedOn, content.plannedTime, settings.timeZone) };
  }

  async list(ctx: RequestContext, caseId: string, query: z.infer<typeof contactsQuery>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'contact.list');
      const today = calendarDateIn((await agencySettings(uow.tx)).timeZone);
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const page = await contactsOfCase(uow.door, theCase, query, after);
      return presentPage(
        page,
        (found) => this.present(uow, found, theCase, today),
        ({ contact }) => [contact.startsAt.toISOString(), contact.id],
      );
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase, ...found } = await contactInReach(uow.door, id, 'contact.read');
      const today = calendarDateIn((await agencySettings(uow.tx)).timeZone);
      return this.present(uow, found, theCase, today);
    });
  }

  async create(ctx: RequestContext, caseId: string, input: CreateContactInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'contact.create');
      const settings = await agencySettings(uow.tx);
      const participants = await this.participantsOf(uow, input.participants);
      const row = await insertContact(uow.door, { caseId, ...this.columnsOf({ ...input, participants }, settings) });
      uow.audit({ action: 'contact.create', entityType: 'contact', entityId: row.id, personId: theCase.personId });
      return this.present(
        uow,
        { contact: row, caseNumber: theCase.caseNumber, recordedByName: null },
        theCase,
        calendarDateIn(settings.timeZone),
      );
    });
  }

  /**
   * The meetings of the plan in force (`planContent.meetings`) as contacts: one per meeting id,
   * however often it is asked – a meeting scheduled before is left as it is, one whose day has gone
   * is not scheduled.
   */
  async scheduleFromPlan(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'contact.create', { lock: true });
      const [plan] = await plansOfCaseIn(uow.door, theCase, ['active'], 'plan.read');
      if (!plan)
        throw new DomainError('transition_not_allowed', 'The case has no plan in force; its meetings are scheduled once it is signed');
      const settings = await agencySettings(uow.tx);
      const today = calendarDateIn(settings.timeZone);
      const meetings = (plan.content as PlanContent).meetings;
      const { toSchedule, alreadyScheduled, inThePast } = meetingsToSchedule(meetings, await scheduledMeetingIds(uow.door, caseId), today);
      const names = await staffNames(uow.door, [theCase.responsibleStaffId]);
      const responsible = { id: theCase.responsibleStaffId, name: names.get(theCase.responsibleStaffId) ?? '' };
      const items: Contact[] = [];
      let raced = 0;
      for (const meeting of toSchedule) {
        const row = await insertMeetingContact(uow.door, {
          caseId,
          ...this.columnsOf(contactFromMeeting(meeting, responsible), settings),
          planMeetingId: meeting.id,
        });
        if (!row) {
          raced++;
          continue;
        }
        uow.audit({
          action: 'contact.create',
          entityType: 'contact',
          entityId: row.id,
          personId: theCase.personId,
          details: { planId: plan.id, planMeetingId: meeting.id },
        });
        items.push(this.present(uow, { contact: row, caseNumber: theCase.caseNumber, recordedByName: null }, theCase, today));
      }
      return { items, alreadyScheduled: alreadyScheduled + raced, inThePast };
    });
  }

  /** A contact to record or change: locked, on an open case, at the version the client saw, and in a state that allows the change. */
  private async toChange(
    uow: UnitOfWork,
    id: string,
    action: 'contact.update' | 'contact.hold' | 'contact.miss' | 'contact.cancel' | 'contact.follow_up_done' | 'contact.note',
    version: number,
    allowed: (contact: ContactRow) => boolean,
    refusal: string,
  ) {
    const found = await contactInReach(uow.door, id, action, { lock: true });
    if (found.theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    if (!allowed(found.contact)) throw new DomainError('transition_not_allowed', refusal);
    if (found.contact.version !== version) throw versionConflict('The contact');
    const settings = await agencySettings(uow.tx);
    return { ...found, settings, today: calendarDateIn(settings.timeZone) };
  }

  private may(change: ContactChange) {
    return (contact: ContactRow) => mayChange(contact, change);
  }

  async update(ctx: RequestContext, id: string, input: UpdateContactInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...changes } = input;
      const { contact, theCase, settings, today, caseNumber } = await this.toChange(
        uow,
        id,
        'contact.update',
        version,
        this.may('content'),
        'A contact recorded as held, missed or cancelled no longer changes',
      );
      const content = { ...contentOf(contact), ...changes };
      if (changes.participants) content.participants = await this.participantsOf(uow, changes.participants);
      const row = await updateContact(uow.door, id, this.columnsOf(content, settings));
      uow.audit({
        action: 'contact.update',
        entityType: 'contact',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return this.present(uow, { contact: row, caseNumber, recordedByName: null }, theCase, today);
    });
  }

  /**
   * Held: the contact is recorded, and its journal note begins as a draft of the actor's – the
   * journal's kind for it, the day and time it was held, who took part, and the contact it came
   * from – which the worker writes and signs in the journal.
   */
  async hold(ctx: RequestContext, id: string, input: z.infer<typeof holdContactBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { contact, theCase, settings, today, caseNumber } = await this.toChange(
        uow,
        id,
        'contact.hold',
        input.version,
        (c) => mayMove(c.status, 'held'),
        'Only a planned contact is held',
      );
      const when = heldWhen(contact, input, today);
      if ('field' in when) throw invalidField(when.field, when.code, when.message);
      const entry = await this.beginNote(uow, theCase, contact, settings, when);
      const row = await updateContact(uow.door, id, {
        status: 'held',
        recordedAt: new Date(),
        recordedBy: uow.actor.id,
        journalEntryId: entry.id,
      });
      uow.audit({
        action: 'contact.hold',
        entityType: 'contact',
        entityId: id,
        personId: theCase.personId,
        details: { journalEntryId: entry.id, heldOn: when.heldOn },
      });
      return this.present(uow, { contact: row, caseNumber, recordedByName: await this.nameOfActor(uow) }, theCase, today);
    });
  }

  /** A held contact whose draft note was thrown away: a new draft begins, as holding it began the first. */
  async beginNoteAgain(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { contact, theCase, settings, today, caseNumber, recordedByName } = await this.toChange(
        uow,
        id,
        'contact.note',
        version,
        this.may('note'),
        'Only a held contact without its journal entry begins a new one',
      );
      const when = heldWhen(contact, {}, today);
      if ('field' in when) throw invalidField(when.field, when.code, when.message);
      const entry = await this.beginNote(uow, theCase, contact, settings, when);
      const row = await updateContact(uow.door, id, { journalEntryId: entry.id });
      uow.audit({
        action: 'contact.note',
        entityType: 'contact',
        entityId: id,
        personId: theCase.personId,
        details: { journalEntryId: entry.id },
      });
      return this.present(uow, { contact: row, caseNumber, recordedByName }, theCase, today);
    });
  }

  private beginNote(
    uow: UnitOfWork,
    theCase: CaseRow,
    contact: ContactRow,
    settings: AgencySettings,
    when: { heldOn: string; heldTime: string | null },
  ) {
    const kindsInUse = entryKindsOf(settings.journalEntryKinds as EntryKind[] | null)
      .filter((k) => k.active)
      .map((k) => k.code);
    return beginEntry(
      uow,
      theCase,
      {
        kind: noteKindFor(contact.kind as ContactKind, kindsInUse),
        occurredOn: when.heldOn,
        occurredTime: when.heldTime,
        informationFrom: '',
        participants: contact.participants as Participant[],
        text: emptyText,
        goalIds: [],
        stepIds: [],
        needIds: [],
        completesSteps: [],
        confidentiality: 'normal',
        sensitiveCategory: null,
      },
      { contactId: contact.id },
    );
  }

  /** Missed: the person did not come. Known once its day has come; the no-show follow-up (what, by when) is required. */
  async miss(ctx: RequestContext, id: string, input: z.infer<typeof missContactBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { contact, theCase, today, caseNumber } = await this.toChange(
        uow,
        id,
        'contact.miss',
        input.version,
        (c) => mayMove(c.status, 'missed'),
        'Only a planned contact is missed',
      );
      if (!dayHasCome(contact.plannedOn, today))
        throw new DomainError('transition_not_allowed', 'A contact is missed only once its day has come; cancel it if it will not happen');
      const problems = noShowProblems(input, contact.plannedOn);
      if (problems.length) throw new DomainError('validation_failed', 'The input is not valid', problems);
      const row = await updateContact(uow.door, id, {
        status: 'missed',
        recordedAt: new Date(),
        recordedBy: uow.actor.id,
        followUp: input.followUp,
        followUpOn: input.followUpOn,
        followUpBy: uow.actor.id,
      });
      uow.audit({
        action: 'contact.miss',
        entityType: 'contact',
        entityId: id,
        personId: theCase.personId,
        details: { followUpOn: input.followUpOn },
      });
      return this.present(uow, { contact: row, caseNumber, recordedByName: await this.nameOfActor(uow) }, theCase, today);
    });
  }

  async cancel(ctx: RequestContext, id: string, input: z.infer<typeof cancelContactBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase, today, caseNumber } = await this.toChange(
        uow,
        id,
        'contact.cancel',
        input.version,
        (c) => mayMove(c.status, 'cancelled'),
        'Only a planned contact is cancelled',
      );
      const row = await updateContact(uow.door, id, {
        status: 'cancelled',
        recordedAt: new Date(),
        recordedBy: uow.actor.id,
        cancelledBy: input.cancelledBy,
        cancelReason: input.reason,
      });
      uow.audit({
        action: 'contact.cancel',
        entityType: 'contact',
        entityId: id,
        personId: theCase.personId,
        details: { cancelledBy: input.cancelledBy },
      });
      return this.present(uow, { contact: row, caseNumber, recordedByName: await this.nameOfActor(uow) }, theCase, today);
    });
  }

  async completeFollowUp(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase, today, caseNumber, recordedByName } = await this.toChange(
        uow,
        id,
        'contact.follow_up_done',
        version,
        this.may('followUpDone'),
        'Only a missed contact’s follow-up, not yet done, is done',
      );
      const row = await updateContact(uow.door, id, { followUpDoneAt: new Date() });
      uow.audit({ action: 'contact.follow_up_done', entityType: 'contact', entityId: id, personId: theCase.personId });
      return this.present(uow, { contact: row, caseNumber, recordedByName }, theCase, today);
    });
  }

  private async nameOfActor(uow: UnitOfWork): Promise<string> {
    return (await staffNames(uow.door, [uow.actor.id])).get(uow.actor.id) ?? '';
  }

  /** The actor's contacts – those they take part in – of a week (Monday first) or a range of days, this week by default. */
  async week(ctx: RequestContext, query: z.infer<typeof weekQuery>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const today = calendarDateIn((await agencySettings(uow.tx)).timeZone);
      const week = query.week ?? (query.from ? null : isoWeekOf(today));
      const { from, to } = week ? daysOfWeek(week) : { from: query.from!, to: query.to! };
      const rows = await contactsOfWeek(uow.door, from, to);
      const shown = week ?? isoWeekOf(from);
      return {
        from,
        to,
        week,
        previousWeek: shiftWeek(shown, -1),
        nextWeek: shiftWeek(shown, 1),
        items: rows.map(({ contact: c, caseNumber, givenName, familyName }) => ({
          id: c.id,
          caseId: c.caseId,
          caseNumber,
          personName: `${givenName} ${familyName}`,
          status: c.status,
          kind: c.kind,
          plannedOn: c.plannedOn,
          plannedTime: c.plannedTime,
          durationMinutes: c.durationMinutes,
          placeKind: c.placeKind,
          placeText: c.placeText,
        })),
      };
    });
  }

  // ---- The calendar feed ---------------------------------------------------------------------

  async feedStatus(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const feed = await feedOf(uow.tx, uow.actor.id);
      return {
        active: feed !== null,
        createdAt: feed?.createdAt.toISOString() ?? null,
        lastUsedAt: feed?.lastUsedAt?.toISOString() ?? null,
      };
    });
  }

  /** A new secret address for the actor's calendar feed; an earlier one stops working. Only the hash is kept: the address is shown this once. */
  async createFeed(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      const replaced = (await feedOf(uow.tx, uow.actor.id)) !== null;
      const token = newToken();
      const createdAt = await saveFeed(uow.tx, uow.actor.id, tokenHash(token));
      uow.audit({ action: 'calendar_feed.create', entityType: 'calendar_feed', entityId: uow.actor.id, details: { replaced } });
      return { url: `${this.publicUrl.replace(/\/$/, '')}/api/v1/calendar/${token}.ics`, createdAt: createdAt.toISOString() };
    });
  }

  async revokeFeed(ctx: RequestContext) {
    return inTransaction(this.db, ctx, async (uow) => {
      if (await deleteFeed(uow.tx, uow.actor.id))
        uow.audit({ action: 'calendar_feed.revoke', entityType: 'calendar_feed', entityId: uow.actor.id });
      return { ok: true as const };
    });
  }

  /**
   * The feed a calendar app reads without a session: the owner's contacts from a month back, each
   * with only its case number, time, duration and kind of place, in the owner's language. Read as
   * the owner, through the door (their reach today, audited as their read); any secret that names
   * no active feed is the same 404.
   */
  async feed(ctx: RequestContext, file: string): Promise<string> {
    const token = FEED_FILE.exec(file)?.[1];
    const owner = token ? await feedOwner(this.db, tokenHash(token)) : null;
    if (!owner) throw notFound('The calendar');
    return inTransaction(this.db, { ...ctx, actor: owner.actor }, async (uow) => {
      const rows = await contactsForFeed(uow.door, new Date(Date.now() - FEED_DAYS_BACK * 86_400_000));
      return renderCalendar(
        rows.map(({ contact, caseNumber }) => ({
          id: contact.id,
          caseNumber,
          startsAt: contact.startsAt,
          allDay: contact.plannedTime === null,
          plannedOn: contact.plannedOn,
          durationMinutes: contact.durationMinutes,
          placeKind: contact.placeKind,
          sequence: contact.version - 1,
          changedAt: contact.updatedAt,
        })),
        owner.locale,
      );
    });
  }
}
