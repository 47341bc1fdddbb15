import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { hasPermission } from '../../core/access-policy.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { documentLanguage } from '../../core/documents/documents.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { SUBJECT_ACCESS_KEEP_DAYS, type subjectAccessRequest } from './subject-access.contract.ts';
import { attachmentPath, renderSubjectAccessPdf, subjectAccessJson } from './subject-access.document.ts';
import {
  type ClaimedExport,
  claimNextExport,
  deleteExpiredFiles,
  exportById,
  exportFile,
  exportInProgressOf,
  exportsOf,
  exportView,
  HELD_TABLES,
  heldOnPerson,
  insertExport,
  MAX_RUNS,
  recordFailedExport,
  recordProgress,
  releaseExport,
  requesterActor,
  storeFinishedExport,
} from './subject-access.store.ts';

/** The job queue's queue for making the copies (src/core/jobs.ts). */
export const SUBJECT_ACCESS_QUEUE = 'subject-access';

export class SubjectAccessService {
  constructor(
    private readonly db: Database,
    private readonly wake: () => void,
  ) {}

  /** Asks for a copy of everything held on the person; the job makes it. One at a time per person: each is the whole record. */
  async request(ctx: RequestContext, personId: string, input: z.infer<typeof subjectAccessRequest>) {
    const made = await inTransaction(this.db, ctx, async (uow) => {
      const person = await personInReach(uow.door, personId, 'person.subject_access_request', { lock: true });
      if (await exportInProgressOf(uow.tx, personId)) {
        throw new DomainError('already_exists', 'A copy for this person is being made already: wait for it to finish');
      }
      // The first of the person's languages a document can be written in, as the page offers it.
      const language = input.language ?? person.languages.find((l) => documentLanguage(l) === l) ?? 'en';
      const row = await insertExport(uow.tx, { personId, language, note: input.note, requestedBy: uow.actor.id });
      uow.audit({
        action: 'person.subject_access_request',
        entityType: 'person',
        entityId: personId,
        personId,
        details: { exportId: row.id, language },
      });
      return exportView(row);
    });
    this.wake();
    return made;
  }

  /** The copies asked for on the person's page, newest first. */
  async list(ctx: RequestContext, personId: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      await personInReach(uow.door, personId, 'person.read');
      return { items: (await exportsOf(uow.tx, personId)).map(exportView) };
    });
  }

  async get(ctx: RequestContext, id: string) {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await exportById(uow.tx, id);
      if (!row) throw notFound('The copy');
      await personInReach(uow.door, row.person_id, 'person.read');
      return exportView(row);
    });
  }

  /** The ZIP, while it is kept; each download is audited. */
  async download(ctx: RequestContext, id: string): Promise<{ fileName: string; content: Buffer }> {
    return inTransaction(this.db, ctx, async (uow) => {
      const row = await exportById(uow.tx, id);
      if (!row) throw notFound('The copy');
      await personInReach(uow.door, row.person_id, 'person.subject_access_download');
      const content = row.available ? await exportFile(uow.tx, id) : null;
      if (!content) {
        throw new DomainError(
          'transition_not_allowed',
          row.status === 'ready' ? 'The copy is past its days and was deleted: ask for a new one' : 'The copy is not ready yet',
        );
      }
      uow.audit({
        action: 'person.subject_access_download',
        entityType: 'person',
        entityId: row.person_id,
        personId: row.person_id,
        details: { exportId: id, bytes: content.length },
      });
      return { fileName: `subject-access-${row.requested_at.slice(0, 10)}-${id.slice(0, 8)}.zip`, content };
    });
  }
}

/** Parts of a copy the progress counts: each table, the access log, then the PDF and the ZIP. */
const PARTS = HELD_TABLES.length + 1 + 2;

/**
 * Makes every copy that waits, one after another, and deletes the files past their days. A copy
 * is made as the staff member who asked, as they are now: one who lost the right or the person's
 * reach gets a failure, not a copy. A run that fails for another reason lets the copy wait for
 * the next run, up to `MAX_RUNS`.
 */
export async function makeDueSubjectAccessCopies(db: Database, options: { logger: Pick<Logger, 'warn'> }): Promise<number> {
  let made = 0;
  await deleteExpiredFiles(db);
  for (let claimed = await claimNextExport(db); claimed; claimed = await claimNextExport(db)) {
    try {
      await makeCopy(db, claimed);
      made++;
    } catch (error) {
      const refused = error instanceof DomainError;
      const reason = refused ? (error as DomainError).message : String((error as Error).message ?? error);
      // The error's type and text name what went wrong, never what the copy holds.
      options.logger.warn(
        { exportId: claimed.id, attempts: claimed.attempts, err: { type: (error as Error).name } },
        'subject-access copy',
      );
      if (refused || claimed.attempts >= MAX_RUNS) await recordFailedExport(db, claimed.id, reason);
      else await releaseExport(db, claimed.id);
    }
  }
  return made;
}

async function makeCopy(db: Database, claimed: ClaimedExport): Promise<void> {
  const actor = await requesterActor(db, claimed.requestedBy);
  if (!actor || !hasPermission(actor.roles, 'persons.subject_access')) {
    throw new DomainError('forbidden', 'The staff member who asked for the copy may no longer make one');
  }
  const ctx: RequestContext = { requestId: `subject-access-${claimed.id}`, clientIp: null, actor };
  let done = 0;
  await recordProgress(db, claimed.id, done, PARTS, HELD_TABLES[0]!.table);
  const { held, settings, madeBy, note } = await inTransaction(db, ctx, async (uow) => {
    await personInReach(uow.door, claimed.personId, 'person.subject_access_export');
    const held = await heldOnPerson(uow.door, claimed.personId, async (table) => {
      done++;
      await recordProgress(db, claimed.id, done, PARTS, table);
    });
    const row = await exportById(uow.tx, claimed.id);
    return { held, settings: await agencySettings(uow.tx), madeBy: row?.requested_by_name ?? '', note: row?.note ?? '' };
  });
  const madeAt = new Date();
  await recordProgress(db, claimed.id, ++done, PARTS, 'pdf');
  const pdf = await renderSubjectAccessPdf(held, {
    agencyName: settings.name,
    timeZone: settings.timeZone,
    language: claimed.language,
    madeAt,
    madeBy,
    note,
  });
  await recordProgress(db, claimed.id, ++done, PARTS, 'zip');
  const zip = Buffer.from(
    zipSync({
      'copy.pdf': [new Uint8Array(pdf), { level: 0 }],
      'data.json': strToU8(subjectAccessJson(held, { agencyName: settings.name, madeAt, language: claimed.language })),
      ...Object.fromEntries(held.files.map((f) => [attachmentPath(f), [new Uint8Array(f.content), { level: 0 }] as const])),
    }),
  );
  const sha256 = createHash('sha256').update(zip).digest('hex');
  await inTransaction(db, ctx, async (uow) => {
    await storeFinishedExport(uow.tx, claimed.id, zip, sha256, SUBJECT_ACCESS_KEEP_DAYS);
  });
}
