import type { z } from 'zod';
import { mayEndCrisis, mayWorkOnCase } from '../../core/access-policy.ts';
import type { AuditAction } from '../../core/audit.contract.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { translatorFor } from '../../core/documents/documents.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { queueMail } from '../../core/mail.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { type CaseRow, caseInReach, recordCaseEvent, updateCase } from '../case/case.store.ts';
import { entryInReach } from '../journal/journal.store.ts';
import { agencySettings, agencyToday } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { staffNames } from '../staff/staff.store.ts';
import { alertCaseStaffWithRoles, alertStaff } from '../work/work.store.ts';
import {
  type addSupportContactBody,
  type CrisisSource,
  type closeCrisisBody,
  type createSafetyPlanBody,
  type openCrisisBody,
  type SafetyPlanContent,
  safetyPlanContent,
  type signSafetyPlanBody,
  type updateCrisisBody,
  type updateSafetyPlanBody,
} from './crisis.contract.ts';
import { followUpProblem, isInTheFuture, safetyPlanProblems } from './crisis.rules.ts';
import {
  agencyHeadsToTell,
  type CrisisRow,
  crisesOfCase,
  crisisInReach,
  crisisOfCase,
  currentSafetyPlansOfCase,
  insertCrisis,
  insertSafetyPlan,
  insertSupportContact,
  nextSafetyPlanVersion,
  openCrisisOfCase,
  type SafetyPlanRow,
  safetyPlanInReach,
  supersedeSafetyPlanInForce,
  supportContactsOf,
  updateCrisis,
  updateSafetyPlan,
} from './crisis.store.ts';

/**
 * How the agency head hears of a crisis by e-mail: only where SMTP is configured, and never more
 * than a line and a link. `wake` asks the mail delivery job to send what was queued, after the commit.
 */
export interface CrisisMail {
  enabled: boolean;
  publicUrl: string;
  wake(): void;
}

export const noCrisisMail: CrisisMail = { enabled: false, publicUrl: 'http://localhost', wake: () => undefined };

/** The case is open: crisis work on a closed case is refused (reopen it first). */
/** The journal entry a crisis is opened from: a signed entry of this case that the actor may read. */
async function assertEntryOfCase(uow: UnitOfWork, caseId: string, entryId: string): Promise<void> {
  const found = await entryInReach(uow.door, entryId, 'journal.read').catch(() => null);
  if (!found || found.entry.caseId !== caseId || found.entry.status !== 'signed')
    throw invalidField('sourceId', 'not_found', 'No signed journal entry of this case');
}

function assertCaseOpen(theCase: CaseRow): void {
  if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
}

function assertNotInTheFuture(field: string, moment: string): void {
  if (isInTheFuture(moment, new Date())) throw invalidField(field, 'in_the_future', 'This moment has not happened yet');
}

export interface OpenCrisisInput {
  source: CrisisSource;
  sourceId: string | null;
  occurredAt: Date;
  whatHappened: string;
  immediateActions: string;
  informed: string;
}

/**
 * Opens a crisis on a case already found within reach and locked, inside the caller's transaction
 * (a questionnaire's crisis flag opens one too): one open crisis per case. The case carries the
 * crisis flag and is urgent while it is open; every active agency head but the actor is alerted
 * in the app at once, and, where SMTP is configured, sent a mail with a link only – no name, no
 * case number, nothing of the case. The mail is written to the outbox in this same transaction.
 * Supervisors who reach the case are alerted too, unless a questionnaire flag already told them.
 * Returns the crisis and how many mails were queued (the caller wakes the delivery after commit).
 */
export async function openCrisisIn(
  uow: UnitOfWork,
  mail: CrisisMail,
  theCase: CaseRow,
  input: OpenCrisisInput,
  options: { flagRaised?: boolean } = {},
): Promise<{ crisis: CrisisRow; mailed: number }> {
  if (await openCrisisOfCase(uow.door, theCase.id))
    throw new DomainError('already_exists', 'The case has an open crisis already; record what happens in it', [
      { field: 'caseId', code: 'crisis_open', message: 'The case has an open crisis already' },
    ]);
  const heads = await agencyHeadsToTell(uow.door);
  const link = `${mail.publicUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(theCase.id)}/crisis`;
  // A line and a link in the head's own language; who and what stay behind the sign-in.
  const mails = mail.enabled
    ? heads.map((head) => {
        const t = translatorFor(head.locale);
        return {
          recipientStaffId: head.id,
          to: head.email,
          subject: t('crisisMailSubject'),
          body: t('crisisMailBody', { link }),
          kind: 'crisis_opened',
        };
      })
    : [];
  const crisis = await insertCrisis(uow.door, {
    caseId: theCase.id,
    source: input.source,
    sourceId: input.sourceId,
    occurredAt: input.occurredAt,
    whatHappened: input.whatHappened,
    immediateActions: input.immediateActions,
    informed: input.informed,
    agencyHeadsNotified: heads.length,
    agencyHeadsMailed: mails.length,
  });
  if (!options.flagRaised) {
    await updateCase(uow.door, theCase.id, { crisisRaisedAt: crisis.openedAt, priority: 'urgent' });
    await recordCaseEvent(uow.door, {
      caseId: theCase.id,
      kind: 'crisis_raised',
      fromValue: theCase.priority,
      toValue: 'urgent',
      reason: 'A crisis was opened',
    });
  }
  await alertStaff(
    uow.door,
    'crisis_opened',
    heads.map((h) => h.id),
    theCase.id,
  );
  const supervisorsAlerted =
    input.source === 'questionnaire' ? 0 : await alertCaseStaffWithRoles(uow.door, 'crisis_opened', theCase.id, ['supervisor']);
  const mailed = await queueMail(uow.tx, mails);
  uow.audit({
    action: 'crisis.open',
    entityType: 'crisis',
    entityId: crisis.id,
    personId: theCase.personId,
    details: {
      source: input.source,
      sourceId: input.sourceId,
      agencyHeadsNotified: heads.length,
      agencyHeadsMailed: mailed,
      supervisorsAlerted,
    },
  });
  return { crisis, mailed };
}

/**
 * Closes an open crisis with its outcome and the follow-up date, inside the caller's transaction:
 * the case's crisis flag ends with it, the follow-up in the case's history. Returns the case as changed.
 */
export async function closeCrisisIn(
  uow: UnitOfWork,
  crisis: CrisisRow,
  theCase: CaseRow,
  input: { outcome: string; followUpOn: string },
): Promise<{ crisis: CrisisRow; theCase: CaseRow }> {
  if (followUpProblem(input.followUpOn, await agencyToday(uow.tx)))
    throw invalidField('followUpOn', 'in_the_past', 'The follow-up is today or later');
  const closed = await updateCrisis(uow.door, crisis.id, {
    status: 'closed',
    closedAt: new Date(),
    closedBy: uow.actor.id,
    outcome: input.outcome,
    followUpOn: input.followUpOn,
  });
  const changedCase = await updateCase(uow.door, theCase.id, { crisisRaisedAt: null });
  await recordCaseEvent(uow.door, {
    caseId: theCase.id,
    kind: 'crisis_cleared',
    fromValue: theCase.crisisRaisedAt?.toISOString() ?? null,
    toValue: null,
    reason: input.outcome,
  });
  uow.audit({
    action: 'crisis.close',
    entityType: 'crisis',
    entityId: crisis.id,
    personId: theCase.personId,
    details: { followUpOn: input.followUpOn },
  });
  return { crisis: closed, theCase: changedCase };
}

/** A safety plan with nothing in it. */
const emptySafetyPlan = (): SafetyPlanContent => safetyPlanContent.parse({});

/**
 * Crisis intervention on a case (seed 002 §4.4: 危机介入): opened from a questionnaire's crisis
 * flag, a journal entry or by hand; what happened, what was done at once, who was informed, the
 * professional support sought with times; closed by supervision with the outcome and a follow-up
 * date. And the case's safety plan, versioned, written with the person in their language,
 * printable, and signed once it is complete (`safetyPlanProblems`).
 */
export class CrisisService {
  constructor(
    private readonly db: Database,
    private readonly mail: CrisisMail = noCrisisMail,
  ) {}

  /** Crises as shown: their support contacts, who opened and closed them, and what the actor may do. */
  private async present(uow: UnitOfWork, rows: CrisisRow[], theCase: CaseRow) {
    const contacts = await supportContactsOf(
      uow.door,
      rows.map((r) => r.id),
    );
    const names = await staffNames(
      uow.door,
      rows.flatMap((r) => [r.openedBy, r.closedBy]),
    );
    const work = mayWorkOnCase(uow.actor, theCase.stage);
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      status: r.status,
      source: r.source,
      sourceId: r.sourceId,
      occurredAt: r.occurredAt.toISOString(),
      whatHappened: r.whatHappened,
      immediateActions: r.immediateActions,
      informed: r.informed,
      openedAt: r.openedAt.toISOString(),
      openedByName: names.get(r.openedBy) ?? null,
      agencyHeadsNotified: r.agencyHeadsNotified,
      agencyHeadsMailed: r.agencyHeadsMailed,
      supportContacts: contacts
        .filter((c) => c.contact.crisisId === r.id)
        .map(({ contact: c, recordedByName }) => ({
          id: c.id,
          kind: c.kind,
          contactedAt: c.contactedAt.toISOString(),
          contact: c.contact,
          note: c.note,
          recordedByName,
          recordedAt: c.recordedAt.toISOString(),
        })),
      closedAt: r.closedAt?.toISOString() ?? null,
      closedByName: r.closedBy ? (names.get(r.closedBy) ?? null) : null,
      outcome: r.outcome,
      followUpOn: r.followUpOn,
      may: { change: work && r.status === 'open', close: r.status === 'open' && mayEndCrisis(uow.actor) && theCase.stage !== 'closed' },
      version: r.version,
    }));
  }

  private async presentOne(uow: UnitOfWork, row: CrisisRow, theCase: CaseRow) {
    return (await this.present(uow, [row], theCase))[0]!;
  }

  /** After a commit that queued mail: the delivery job sends it. */
  mailQueued(): void {
    this.mail.wake();
  }

  /** Opens a crisis on the case by hand, or from a journal entry. */
  async open(ctx: RequestContext, caseId: string, input: z.infer<typeof openCrisisBody>) {
    assertNotInTheFuture('occurredAt', input.occurredAt);
    const { result, mailed } = await inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'crisis.open', { lock: true });
      assertCaseOpen(theCase);
      if (input.source === 'journal_entry' && input.sourceId) await assertEntryOfCase(uow, caseId, input.sourceId);
      const opened = await openCrisisIn(uow, this.mail, theCase, {
        source: input.source,
        sourceId: input.sourceId ?? null,
        occurredAt: new Date(input.occurredAt),
        whatHappened: input.whatHappened,
        immediateActions: input.immediateActions,
        informed: input.informed,
      });
      return { result: await this.presentOne(uow, opened.crisis, theCase), mailed: opened.mailed };
    });
    if (mailed > 0) this.mail.wake();
    return result;
  }

  async listForCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'crisis.read');
      return this.present(uow, await crisesOfCase(uow.door, theCase, 'crisis.read'), theCase);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await crisisInReach(uow.door, id, 'crisis.read');
      return this.presentOne(uow, row, theCase);
    });
  }

  /** An open crisis for a change: within reach, locked with its case, the case open. */
  private async openToChange(uow: UnitOfWork, id: string, action: AuditAction) {
    const found = await crisisInReach(uow.door, id, action, { lock: true });
    assertCaseOpen(found.theCase);
    if (found.row.status !== 'open') throw new DomainError('transition_not_allowed', 'The crisis is closed; what it says stays as it was');
    return found;
  }

  async update(ctx: RequestContext, id: string, input: z.infer<typeof updateCrisisBody>) {
    if (input.occurredAt) assertNotInTheFuture('occurredAt', input.occurredAt);
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.openToChange(uow, id, 'crisis.update');
      if (row.version !== input.version) throw versionConflict('The crisis');
      const { version: _v, occurredAt, ...texts } = input;
      const updated = await updateCrisis(uow.door, id, { ...texts, ...(occurredAt ? { occurredAt: new Date(occurredAt) } : {}) });
      uow.audit({
        action: 'crisis.update',
        entityType: 'crisis',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(input).filter((k) => k !== 'version') },
      });
      return this.presentOne(uow, updated, theCase);
    });
  }

  /** The professional support sought: emergency services, psychiatric care, police, child protection or another, with when. */
  async addSupportContact(ctx: RequestContext, id: string, input: z.infer<typeof addSupportContactBody>) {
    assertNotInTheFuture('contactedAt', input.contactedAt);
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.openToChange(uow, id, 'crisis.support_contact');
      const contact = await insertSupportContact(uow.door, {
        crisisId: id,
        kind: input.kind,
        contactedAt: new Date(input.contactedAt),
        contact: input.contact,
        note: input.note,
      });
      const updated = await updateCrisis(uow.door, row.id, {});
      uow.audit({
        action: 'crisis.support_contact',
        entityType: 'crisis',
        entityId: id,
        personId: theCase.personId,
        details: { kind: input.kind, contactId: contact.id },
      });
      return this.presentOne(uow, updated, theCase);
    });
  }

  /** Supervision closes the crisis with the outcome and when to follow up; the case's crisis flag ends with it. */
  async close(ctx: RequestContext, id: string, input: z.infer<typeof closeCrisisBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await crisisInReach(uow.door, id, 'crisis.close', { lock: true });
      if (!mayEndCrisis(uow.actor)) {
        uow.auditDenied({ action: 'crisis.close', entityType: 'crisis', entityId: id, personId: theCase.personId });
        throw new DomainError('permission_denied', 'Only a supervisor or the agency head closes a crisis');
      }
      assertCaseOpen(theCase);
      if (row.version !== input.version) throw versionConflict('The crisis');
      if (row.status !== 'open') throw new DomainError('transition_not_allowed', 'The crisis is closed already');
      const closed = await closeCrisisIn(uow, row, theCase, input);
      return this.presentOne(uow, closed.crisis, closed.theCase);
    });
  }

  // ---- The safety plan --------------------------------------------------------------------------

  private async presentPlan(uow: UnitOfWork, p: SafetyPlanRow, theCase: CaseRow) {
    const content = safetyPlanContent.parse(p.content);
    const names = await staffNames(uow.door, [p.signedRecordedBy]);
    const change = p.status === 'draft' && mayWorkOnCase(uow.actor, theCase.stage);
    return {
      id: p.id,
      caseId: p.caseId,
      crisisId: p.crisisId,
      planVersion: p.planVersion,
      status: p.status,
      language: p.language,
      content,
      missing: safetyPlanProblems(content),
      signedOn: p.signedOn,
      signatureMethod: p.signatureMethod,
      signedRecordedByName: p.signedRecordedBy ? (names.get(p.signedRecordedBy) ?? null) : null,
      may: { change, sign: change },
      version: p.version,
    };
  }

  /** The case's safety plan in force and the draft being written, as shown. */
  private async presentCasePlans(uow: UnitOfWork, rows: SafetyPlanRow[], theCase: CaseRow) {
    const inForce = rows.find((p) => p.status === 'signed') ?? null;
    const draft = rows.find((p) => p.status === 'draft') ?? null;
    return {
      inForce: inForce ? await this.presentPlan(uow, inForce, theCase) : null,
      draft: draft ? await this.presentPlan(uow, draft, theCase) : null,
      may: { start: !draft && mayWorkOnCase(uow.actor, theCase.stage) },
    };
  }

  async safetyPlanOfCase(ctx: RequestContext, caseId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'safety_plan.read');
      return this.presentCasePlans(uow, await currentSafetyPlansOfCase(uow.door, theCase, 'safety_plan.read'), theCase);
    });
  }

  /**
   * Starts a new version of the case's safety plan: a copy of the one in force (a plan is revised,
   * not started over), or an empty one; in the person's first language unless another is chosen.
   */
  async startSafetyPlan(ctx: RequestContext, caseId: string, input: z.infer<typeof createSafetyPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'safety_plan.create', { lock: true });
      assertCaseOpen(theCase);
      const current = await currentSafetyPlansOfCase(uow.door, theCase, 'safety_plan.create', { lock: true });
      if (current.some((p) => p.status === 'draft'))
        throw new DomainError('already_exists', 'A new version of the safety plan is being written already; change that one');
      if (input.crisisId && !(await crisisOfCase(uow.door, caseId, input.crisisId)))
        throw invalidField('crisisId', 'not_found', 'No such crisis on this case');
      const inForce = current.find((p) => p.status === 'signed');
      const language =
        input.language ??
        inForce?.language ??
        (await personInReach(uow.door, theCase.personId, 'safety_plan.create')).languages.find(Boolean) ??
        'en';
      const row = await insertSafetyPlan(uow.door, {
        caseId,
        crisisId: input.crisisId ?? null,
        planVersion: await nextSafetyPlanVersion(uow.door, caseId),
        language,
        content: inForce ? safetyPlanContent.parse(inForce.content) : emptySafetyPlan(),
      });
      uow.audit({
        action: 'safety_plan.create',
        entityType: 'safety_plan',
        entityId: row.id,
        personId: theCase.personId,
        details: { planVersion: row.planVersion, crisisId: row.crisisId },
      });
      return this.presentCasePlans(uow, [...current, row], theCase);
    });
  }

  /** A draft for a change: within reach, locked with its case, the case open, still a draft, at the version the client saw. */
  private async draftToChange(uow: UnitOfWork, id: string, action: AuditAction, version: number) {
    const found = await safetyPlanInReach(uow.door, id, action, { lock: true });
    assertCaseOpen(found.theCase);
    if (found.row.status !== 'draft')
      throw new DomainError('transition_not_allowed', 'A signed safety plan stays as it was signed; start a new version');
    if (found.row.version !== version) throw versionConflict('The safety plan');
    return found;
  }

  async updateSafetyPlan(ctx: RequestContext, id: string, input: z.infer<typeof updateSafetyPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await this.draftToChange(uow, id, 'safety_plan.update', input.version);
      await updateSafetyPlan(uow.door, id, {
        ...(input.content ? { content: input.content } : {}),
        ...(input.language ? { language: input.language } : {}),
      });
      uow.audit({
        action: 'safety_plan.update',
        entityType: 'safety_plan',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(input).filter((k) => k !== 'version') },
      });
      const current = await currentSafetyPlansOfCase(uow.door, theCase, 'safety_plan.update');
      return this.presentCasePlans(uow, current, theCase);
    });
  }

  /**
   * Records that the person signed the plan – on the screen or on the printed page – on a day up to
   * today. Only a complete plan is signed; it is then the version in force, and the one before it
   * is superseded.
   */
  async signSafetyPlan(ctx: RequestContext, id: string, input: z.infer<typeof signSafetyPlanBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await this.draftToChange(uow, id, 'safety_plan.sign', input.version);
      const problems = safetyPlanProblems(safetyPlanContent.parse(row.content));
      if (problems.length > 0)
        throw new DomainError(
          'validation_failed',
          'The safety plan is not complete',
          problems.map((p) => ({
            field: `content.${p.section}`,
            code: p.code,
            message: p.code === 'phone_missing' ? 'Give every professional or service a phone number' : 'Fill this in with the person',
          })),
        );
      if (input.signedOn > (await agencyToday(uow.tx))) throw invalidField('signedOn', 'in_the_future', 'The day is today or earlier');
      await supersedeSafetyPlanInForce(uow.door, theCase.id);
      await updateSafetyPlan(uow.door, id, {
        status: 'signed',
        signedOn: input.signedOn,
        signatureMethod: input.method,
        signedRecordedBy: uow.actor.id,
      });
      uow.audit({
        action: 'safety_plan.sign',
        entityType: 'safety_plan',
        entityId: id,
        personId: theCase.personId,
        details: { planVersion: row.planVersion, method: input.method, signedOn: input.signedOn },
      });
      const current = await currentSafetyPlansOfCase(uow.door, theCase, 'safety_plan.sign');
      return this.presentCasePlans(uow, current, theCase);
    });
  }

  /** For the printable page: the plan, the person, the agency, the case number and the responsible worker. */
  async forDocument(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { row, theCase } = await safetyPlanInReach(uow.door, id, 'safety_plan.print');
      const person = await personInReach(uow.door, theCase.personId, 'safety_plan.print');
      uow.audit({ action: 'safety_plan.print', entityType: 'safety_plan', entityId: id, personId: theCase.personId });
      const settings = await agencySettings(uow.tx);
      const names = await staffNames(uow.door, [theCase.responsibleStaffId]);
      return {
        plan: row,
        content: safetyPlanContent.parse(row.content),
        person,
        agencyName: settings.name,
        caseNumber: theCase.caseNumber,
        workerName: names.get(theCase.responsibleStaffId) ?? '',
        timeZone: settings.timeZone,
      };
    });
  }
}
