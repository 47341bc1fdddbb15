import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import { calendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { DomainError, invalidField, versionConflict } from '../../core/errors.ts';
import { decodeCursor, presentPage } from '../../core/pagination.ts';
import { inTransaction, type UnitOfWork } from '../../core/unit-of-work.ts';
import { knownNeedIds } from '../assessment/assessment.store.ts';
import { openCaseForWork } from '../case/case.service.ts';
import { type CaseRow, caseInReach } from '../case/case.store.ts';
import { type AgencySettings, agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { knownPlanItemIds, stepForProgress, updateStepProgress } from '../plan/plan.store.ts';
import { acceptedMediaType, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_ENTRY, safeFileName } from './attachment.rules.ts';
import type {
  correctEntryBody,
  createEntryBody,
  EntryKind,
  JournalEntry,
  JournalQuery,
  Participant,
  updateEntryBody,
} from './journal.contract.ts';
import { entryKindsOf, isKindInUse, isSignedLate, mayChangeDraft, mayCorrect, occurredAtOf } from './journal.rules.ts';
import {
  type AttachmentSummary,
  attachmentCount,
  attachmentInReach,
  attachmentsOf,
  deleteAttachment,
  deleteDraft,
  type EntryRow,
  type EntryValues,
  type EntryWithNames,
  entryInReach,
  insertAttachment,
  insertEntry,
  journalPageOf,
  knownStaffIds,
  searchVectorOf,
  signedCorrectionOf,
  staffName,
  updateEntry,
} from './journal.store.ts';
import { emptyText, hasWords, plainText, type RichText } from './rich-text.rules.ts';

type CreateInput = z.infer<typeof createEntryBody>;
type UpdateInput = z.infer<typeof updateEntryBody>;
type Content = CreateInput;

const contentOf = (row: EntryRow): Content => ({
  kind: row.kind,
  occurredOn: row.occurredOn,
  occurredTime: row.occurredTime,
  informationFrom: row.informationFrom,
  participants: row.participants as Participant[],
  text: row.text as RichText,
  goalIds: row.goalIds,
  stepIds: row.stepIds,
  needIds: row.needIds,
  completesSteps: row.completesSteps as Content['completesSteps'],
  confidentiality: row.confidentiality,
  sensitiveCategory: row.sensitiveCategory ?? null,
});

/** The stored columns for some content: the ordering moment and the search index come with it. */
function columnsOf(content: Content, settings: AgencySettings): Omit<EntryValues, 'caseId' | 'authorId'> {
  const words = [plainText(content.text), content.informationFrom, ...content.participants.map((p) => p.name)].filter(Boolean).join('\n');
  return {
    ...content,
    occurredAt: occurredAtOf(content.occurredOn, content.occurredTime, settings.timeZone),
    plainText: plainText(content.text),
    search: searchVectorOf(words, settings.languages) as unknown as string,
  };
}

/** Kind in use, and every goal, step, need and staff member named belongs to this case and agency. */
async function assertContent(uow: UnitOfWork, caseId: string, content: Partial<Content>, settings: AgencySettings) {
  if (content.kind !== undefined && !isKindInUse(settings.journalEntryKinds as EntryKind[] | null, content.kind))
    throw invalidField('kind', 'unknown_kind', 'Not a kind of entry this agency uses');
  const check = async (field: string, ids: readonly string[] | undefined, known: (ids: string[]) => Promise<Set<string>>) => {
    if (!ids?.length) return;
    const found = await known([...ids]);
    const index = ids.findIndex((id) => !found.has(id));
    if (index >= 0) throw invalidField(`${field}.${index}`, 'not_found', 'Not part of this case');
  };
  await check('goalIds', content.goalIds, (ids) => knownPlanItemIds(uow.door, caseId, 'goals', ids));
  await check('stepIds', content.stepIds, (ids) => knownPlanItemIds(uow.door, caseId, 'steps', ids));
  await check('needIds', content.needIds, (ids) => knownNeedIds(uow.door, caseId, ids));
  if (content.completesSteps?.length) {
    const ids = content.completesSteps.map((c) => c.stepId);
    const found = await knownPlanItemIds(uow.door, caseId, 'steps', ids);
    const index = ids.findIndex((id) => !found.has(id));
    if (index >= 0) throw invalidField(`completesSteps.${index}.stepId`, 'not_found', 'Not a step of this case');
  }
  const staffIds = (content.participants ?? []).flatMap((p, i) => (p.kind === 'staff' && p.refId ? [{ id: p.refId, i }] : []));
  if (staffIds.length) {
    const known = await knownStaffIds(
      uow.door,
      staffIds.map((s) => s.id),
    );
    const missing = staffIds.find((s) => !known.has(s.id));
    if (missing) throw invalidField(`participants.${missing.i}.refId`, 'not_found', 'No such staff member');
  }
}
/**
 * A signed entry of what a partner reported on the case (a visit registered on a voucher), written
 * by the partner's staff member inside the caller's transaction: "information received" from the
 * partner, one paragraph per line. The partner never reads the journal; the case's staff see it
 * among their own entries.
 */
export async function entryFromPartner(
  uow: UnitOfWork,
  theCase: { id: string; personId: string },
  input: { occurredOn: string; partnerName: string; lines: readonly string[]; stepIds?: readonly string[] },
): Promise<EntryRow> {
  const settings = await agencySettings(uow.tx);
  const text: RichText = {
    type: 'doc',
    content: input.lines.filter((line) => line.trim()).map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
  const content: Content = {
    kind: 'information_received',
    occurredOn: input.occurredOn,
    occurredTime: null,
    informationFrom: input.partnerName,
    participants: [],
    text,
    goalIds: [],
    stepIds: [...(input.stepIds ?? [])],
    needIds: [],
    completesSteps: [],
    confidentiality: 'normal',
    sensitiveCategory: null,
  };
  const row = await insertEntry(uow.door, { caseId: theCase.id, ...columnsOf(content, settings), status: 'signed', signedAt: new Date() });
  uow.audit({
    action: 'journal.sign',
    entityType: 'journal_entry',
    entityId: row.id,
    personId: theCase.personId,
    details: { from: 'partner' },
  });
  return row;
}

/**
 * Begins a draft entry of the actor's on an open case, inside the caller's transaction: the content
 * checked against the case and the agency, stored with its search index, and the event written. A
 * contact held begins its note here, naming itself (`contactId`).
 */
export async function beginEntry(
  uow: UnitOfWork,
  theCase: CaseRow,
  input: CreateInput,
  from: { contactId?: string } = {},
): Promise<EntryRow> {
  const settings = await agencySettings(uow.tx);
  await assertContent(uow, theCase.id, input, settings);
  const row = await insertEntry(uow.door, { caseId: theCase.id, ...columnsOf(input, settings), contactId: from.contactId ?? null });
  uow.audit({
    action: 'journal.create',
    entityType: 'journal_entry',
    entityId: row.id,
    personId: theCase.personId,
    ...(from.contactId ? { details: { contactId: from.contactId } } : {}),
  });
  return row;
}

/**
 * The social journal (seed 001): typed entries of what happened on a case, written promptly and
 * never silently changed. A draft is its author's alone, autosaved; signing makes it final (the
 * database refuses changes to a signed entry); a correction is a new entry that points at the one
 * it corrects, with the reason, and the original stays readable, struck through.
 */
export class JournalService {
  constructor(private readonly db: Database) {}

  /**
   * An entry as the caller may see it. In a list (`inList`) a sensitive entry – health, substance
   * use, criminal history – shows what and when but not its words, source or files: those come
   * when the entry itself is opened, which the read audit records (a draft of one's own excepted).
   */
  private present(
    uow: UnitOfWork,
    found: EntryWithNames,
    theCase: CaseRow,
    files: AttachmentSummary[] = [],
    { inList = false }: { inList?: boolean } = {},
  ): JournalEntry {
    const { entry, authorName, correctedBy } = found;
    const caseOpen = theCase.stage !== 'closed';
    const mayWrite = hasPermission(uow.actor.roles, 'journal.write');
    const draftIsMine = mayChangeDraft(uow.actor, entry, caseOpen);
    const withheld = inList && entry.confidentiality === 'sensitive' && !draftIsMine;
    const content = contentOf(entry);
    return {
      id: entry.id,
      caseId: entry.caseId,
      status: entry.status,
      ...content,
      ...(withheld ? { text: emptyText, informationFrom: '' } : {}),
      occurredAt: entry.occurredAt.toISOString(),
      writtenAt: entry.createdAt.toISOString(),
      authorId: entry.authorId,
      authorName,
      signedAt: entry.signedAt?.toISOString() ?? null,
      signedLate: entry.signedLate,
      corrects: entry.correctsId ? { id: entry.correctsId, reason: entry.correctionReason ?? '' } : null,
      correctedBy,
      contactId: entry.contactId,
      attachments: withheld ? [] : files.map(({ id, fileName, mediaType, size }) => ({ id, fileName, mediaType, size })),
      may: {
        change: draftIsMine,
        sign: draftIsMine,
        discard: draftIsMine,
        correct: mayCorrect(entry, correctedBy, mayWrite, caseOpen),
      },
      withheld,
      version: entry.version,
    };
  }

  async create(ctx: RequestContext, caseId: string, input: CreateInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await openCaseForWork(uow.door, caseId, 'journal.create');
      const row = await beginEntry(uow, theCase, input);
      return this.present(uow, { entry: row, authorName: await staffName(uow.door, uow.actor.id), correctedBy: null }, theCase);
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase, ...found } = await entryInReach(uow.door, id, 'journal.read');
      const files = await attachmentsOf(uow.door, [id]);
      return this.present(uow, found, theCase, files.get(id));
    });
  }

  async list(ctx: RequestContext, caseId: string, query: JournalQuery) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'journal.read');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      // The agency's languages matter only to a search: a plain page does without reading the settings.
      const languages = query.q ? (await agencySettings(uow.tx)).languages : [];
      const page = await journalPageOf(uow.door, theCase, query, after, languages);
      const files = await attachmentsOf(
        uow.door,
        page.items.map(({ entry }) => entry.id),
      );
      return presentPage(
        page,
        (found) => this.present(uow, found, theCase, files.get(found.entry.id), { inList: true }),
        ({ entry }) => [entry.occurredAt.toISOString(), entry.id],
      );
    });
  }

  /** A draft of the actor's, locked, the case open, at the version the client saw. */
  private async draftToChange(uow: UnitOfWork, id: string, action: 'journal.update' | 'journal.sign' | 'journal.discard', version: number) {
    const found = await entryInReach(uow.door, id, action, { lock: true });
    const { entry, theCase } = found;
    if (entry.status === 'signed')
      throw new DomainError('transition_not_allowed', 'A signed entry never changes; write a correction that refers to it');
    if (entry.authorId !== uow.actor.id) throw new DomainError('permission_denied', 'Only its author changes a draft');
    if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
    if (entry.version !== version) throw versionConflict('The journal entry');
    return found;
  }

  async update(ctx: RequestContext, id: string, input: UpdateInput) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { version, ...changes } = input;
      const { entry, theCase, authorName } = await this.draftToChange(uow, id, 'journal.update', version);
      const settings = await agencySettings(uow.tx);
      const content = { ...contentOf(entry), ...changes };
      if (content.confidentiality !== 'sensitive') content.sensitiveCategory = null;
      if (content.confidentiality === 'sensitive' && !content.sensitiveCategory)
        throw invalidField('sensitiveCategory', 'required', 'Say what kind of sensitive information this is');
      await assertContent(uow, entry.caseId, changes, settings);
      const row = await updateEntry(uow.door, id, columnsOf(content, settings));
      uow.audit({
        action: 'journal.update',
        entityType: 'journal_entry',
        entityId: id,
        personId: theCase.personId,
        details: { fields: Object.keys(changes) },
      });
      return this.present(uow, { entry: row, authorName, correctedBy: null }, theCase, (await attachmentsOf(uow.door, [id])).get(id));
    });
  }

  async discard(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { theCase } = await this.draftToChange(uow, id, 'journal.discard', version);
      await deleteDraft(uow.door, id);
      uow.audit({ action: 'journal.discard', entityType: 'journal_entry', entityId: id, personId: theCase.personId });
    });
  }

  /**
   * Signing makes the entry final, marks it late when signed more days after the event than the
   * agency allows, records the results of the steps it completes, and – for a correction – strikes
   * the corrected entry through.
   */
  async sign(ctx: RequestContext, id: string, version: number) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { entry, theCase, authorName } = await this.draftToChange(uow, id, 'journal.sign', version);
      const settings = await agencySettings(uow.tx);
      if (!hasWords(entry.text as RichText)) throw invalidField('text', 'required', 'Write what happened before signing');
      if (!isKindInUse(settings.journalEntryKinds as EntryKind[] | null, entry.kind))
        throw invalidField('kind', 'unknown_kind', 'Not a kind of entry this agency uses');
      if (entry.kind === 'information_received' && !entry.informationFrom.trim())
        throw invalidField('informationFrom', 'required', 'Say from whom the information came');
      if (entry.correctsId) {
        const earlier = await signedCorrectionOf(uow.door, entry.correctsId);
        if (earlier)
          throw new DomainError('already_exists', 'That entry has already been corrected; correct the correction instead', [
            { field: 'correctsId', code: 'already_corrected', message: earlier },
          ]);
      }
      const signedAt = new Date();
      const completed = await this.completeSteps(uow, theCase, entry);
      const row = await updateEntry(uow.door, id, {
        status: 'signed',
        signedAt,
        signedLate: isSignedLate(entry.occurredOn, calendarDateIn(settings.timeZone, signedAt), settings.journalLateAfterDays),
      });
      uow.audit({
        action: 'journal.sign',
        entityType: 'journal_entry',
        entityId: id,
        personId: theCase.personId,
        details: { correctsId: entry.correctsId, late: row.signedLate, stepsCompleted: completed },
      });
      return this.present(uow, { entry: row, authorName, correctedBy: null }, theCase, (await attachmentsOf(uow.door, [id])).get(id));
    });
  }

  /** The steps the entry completes, still open, become done with the result written in the entry; others are left as they are. */
  private async completeSteps(uow: UnitOfWork, theCase: CaseRow, entry: EntryRow): Promise<string[]> {
    const done: string[] = [];
    for (const { stepId, result } of entry.completesSteps as Content['completesSteps']) {
      const step = await stepForProgress(uow.door, theCase.id, stepId);
      if (!step || step.status === 'done' || step.status === 'cancelled') continue;
      await updateStepProgress(uow.door, theCase.id, stepId, {
        status: 'done',
        result,
        completedAt: new Date(),
        completedBy: uow.actor.id,
      });
      uow.audit({
        action: 'plan.step',
        entityType: 'plan_step',
        entityId: stepId,
        personId: theCase.personId,
        details: { status: 'done', journalEntryId: entry.id },
      });
      done.push(stepId);
    }
    return done;
  }

  /**
   * A file added to a draft of the actor's: its type sniffed from its bytes (what the name or the
   * browser claims is not trusted), PDF or an image only, within the size and count limits.
   */
  async attach(ctx: RequestContext, entryId: string, name: string, bytes: Buffer) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { entry, theCase } = await entryInReach(uow.door, entryId, 'journal.attach', { lock: true });
      if (entry.status === 'signed')
        throw new DomainError('transition_not_allowed', 'A signed entry never changes; attach the file to a correction');
      if (entry.authorId !== uow.actor.id) throw new DomainError('permission_denied', 'Only its author changes a draft');
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      if (bytes.length === 0) throw invalidField('file', 'empty', 'The file is empty');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw invalidField('file', 'too_large', 'A file may be at most 10 MB');
      const mediaType = acceptedMediaType((await fileTypeFromBuffer(bytes))?.mime);
      if (!mediaType) throw invalidField('file', 'unsupported_type', 'Attach a PDF or an image (PNG, JPEG or WebP)');
      if ((await attachmentCount(uow.door, entryId)) >= MAX_ATTACHMENTS_PER_ENTRY)
        throw invalidField('file', 'too_many', `An entry holds at most ${MAX_ATTACHMENTS_PER_ENTRY} files`);
      const file = await insertAttachment(uow.door, {
        entryId,
        fileName: safeFileName(name),
        mediaType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
      });
      uow.audit({
        action: 'journal.attach',
        entityType: 'journal_attachment',
        entityId: file.id,
        personId: theCase.personId,
        details: { entryId, mediaType, size: bytes.length },
      });
      return { id: file.id, fileName: file.fileName, mediaType: file.mediaType, size: file.size };
    });
  }

  /** A file's bytes, for someone who may read its entry; audited as a read of the person. */
  async download(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { file } = await attachmentInReach(uow.door, id, 'journal.attachment_read');
      return { fileName: file.fileName, mediaType: file.mediaType, content: file.content };
    });
  }

  /** A file taken off a draft of the actor's. */
  async detach(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { entry, theCase } = await attachmentInReach(uow.door, id, 'journal.detach');
      if (entry.status === 'signed') throw new DomainError('transition_not_allowed', 'The files of a signed entry never change');
      if (entry.authorId !== uow.actor.id) throw new DomainError('permission_denied', 'Only its author changes a draft');
      await deleteAttachment(uow.door, id);
      uow.audit({
        action: 'journal.detach',
        entityType: 'journal_attachment',
        entityId: id,
        personId: theCase.personId,
        details: { entryId: entry.id },
      });
    });
  }

  /** A correction begins as a draft copy of the signed entry, with the reason; the author edits and signs it. */
  async correct(ctx: RequestContext, id: string, input: z.infer<typeof correctEntryBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const { entry, theCase, correctedBy } = await entryInReach(uow.door, id, 'journal.correct', { lock: true });
      if (entry.status !== 'signed') throw new DomainError('transition_not_allowed', 'A draft is changed, not corrected');
      if (theCase.stage === 'closed') throw new DomainError('transition_not_allowed', 'The case is closed; reopen it first');
      if (correctedBy)
        throw new DomainError('already_exists', 'That entry has already been corrected; correct the correction instead', [
          { field: 'id', code: 'already_corrected', message: correctedBy },
        ]);
      const settings = await agencySettings(uow.tx);
      const row = await insertEntry(uow.door, {
        caseId: entry.caseId,
        ...columnsOf({ ...contentOf(entry), completesSteps: [] }, settings),
        correctsId: entry.id,
        correctionReason: input.reason,
      });
      uow.audit({
        action: 'journal.correct',
        entityType: 'journal_entry',
        entityId: row.id,
        personId: theCase.personId,
        details: { correctsId: entry.id },
      });
      return this.present(uow, { entry: row, authorName: await staffName(uow.door, uow.actor.id), correctedBy: null }, theCase);
    });
  }

  /** For the printable journal (the person's access request): the entries as the actor may read them, the person and the agency. */
  async forPrint(ctx: RequestContext, caseId: string, query: Omit<JournalQuery, 'limit' | 'cursor' | 'drafts'>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const theCase = await caseInReach(uow.door, caseId, 'journal.print');
      const person = await personInReach(uow.door, theCase.personId, 'journal.print');
      const settings = await agencySettings(uow.tx);
      const entries: JournalEntry[] = [];
      let after: [string, string] | null = null;
      // Every signed entry, a page at a time; a print of a long journal is rare and may take a moment.
      for (;;) {
        const page = await journalPageOf(uow.door, theCase, { ...query, limit: 100, drafts: 'exclude' }, after, settings.languages);
        entries.push(...page.items.map((found) => this.present(uow, found, theCase)));
        const last = page.items.at(-1);
        if (!page.more || !last) break;
        after = [last.entry.occurredAt.toISOString(), last.entry.id];
      }
      uow.audit({
        action: 'journal.print',
        entityType: 'case',
        entityId: caseId,
        personId: theCase.personId,
        details: { entries: entries.length },
      });
      const kindLabels = new Map(entryKindsOf(settings.journalEntryKinds as EntryKind[] | null).map((k) => [k.code, k.label]));
      return { entries, person, caseNumber: theCase.caseNumber, agencyName: settings.name, timeZone: settings.timeZone, kindLabels };
    });
  }
}
