import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, ok } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { sendDownload } from '../../server/download.ts';
import { MAX_ATTACHMENT_BYTES } from './attachment.rules.ts';
import {
  attachment,
  attachQuery,
  correctEntryBody,
  createEntryBody,
  discardEntryBody,
  journalEntry,
  journalPage,
  journalPrintQuery,
  journalQuery,
  signEntryBody,
  updateEntryBody,
} from './journal.contract.ts';
import { renderJournal } from './journal.document.ts';

export function registerJournalRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['journal'];

  api.get(
    '/cases/:id/journal',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listJournalEntries',
        tags,
        summary: "The case's journal, newest first: the signed entries the caller may read and the caller's own drafts",
        params: idParams,
        querystring: journalQuery,
        response: { 200: journalPage },
      },
    },
    async (request) => services.journal.list(request.ctx, request.params.id, request.query),
  );
  api.post(
    '/cases/:id/journal',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'createJournalEntry',
        tags,
        summary: 'Begin a journal entry: a draft only its author sees until it is signed',
        params: idParams,
        body: createEntryBody,
        response: { 201: journalEntry },
      },
    },
    async (request, reply) => reply.status(201).send(await services.journal.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/journal/print',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'printJournal',
        produces: ['text/html'],
        tags,
        summary: "The case's signed journal entries the caller may read, as a printable page (for the person's access request)",
        params: idParams,
        querystring: journalPrintQuery,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderJournal(await services.journal.forPrint(request.ctx, request.params.id, request.query), request.query.language)),
  );
  api.get(
    '/journal-entries/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getJournalEntry', tags, summary: 'One journal entry', params: idParams, response: { 200: journalEntry } },
    },
    async (request) => services.journal.get(request.ctx, request.params.id),
  );
  api.patch(
    '/journal-entries/:id',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateJournalEntry',
        tags,
        summary: 'Change a draft entry (autosave); a signed entry never changes',
        params: idParams,
        body: updateEntryBody,
        response: { 200: journalEntry },
      },
    },
    async (request) => services.journal.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/journal-entries/:id/discard',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'discardJournalEntry',
        tags,
        summary: 'Throw away a draft entry of your own',
        params: idParams,
        body: discardEntryBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await services.journal.discard(request.ctx, request.params.id, request.body.version);
      return { ok: true as const };
    },
  );
  api.post(
    '/journal-entries/:id/sign',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'signJournalEntry',
        tags,
        summary: 'Sign a draft entry: it is final from now on; steps it completes are recorded done',
        params: idParams,
        body: signEntryBody,
        response: { 200: journalEntry },
      },
    },
    async (request) => services.journal.sign(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/journal-entries/:id/corrections',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'correctJournalEntry',
        tags,
        summary: 'Begin a correction of a signed entry: a draft copy with the reason; once signed, the original shows struck through',
        params: idParams,
        body: correctEntryBody,
        response: { 201: journalEntry },
      },
    },
    async (request, reply) => reply.status(201).send(await services.journal.correct(request.ctx, request.params.id, request.body)),
  );

  // Files come as their own bytes (the browser sends the File as the body), not as JSON.
  app.register(async (files) => {
    files.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1 },
      (_request, body, done) => done(null, body),
    );
    const scoped = files.withTypeProvider<ZodTypeProvider>();
    scoped.post(
      '/journal-entries/:id/attachments',
      {
        config: { access: 'journal.write', problems: ['transition_not_allowed'] },
        bodyLimit: MAX_ATTACHMENT_BYTES + 1,
        schema: {
          operationId: 'attachToJournalEntry',
          tags,
          summary: 'Add a file (PDF or image, at most 10 MB) to a draft entry; its type is read from its bytes',
          consumes: ['application/octet-stream'],
          params: idParams,
          querystring: attachQuery,
          response: { 201: attachment },
        },
      },
      async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return reply.status(201).send(await services.journal.attach(request.ctx, request.params.id, request.query.name, bytes));
      },
    );
  });
  api.get(
    '/journal-attachments/:id',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getJournalAttachment',
        produces: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'],
        tags,
        summary: 'A file of an entry the caller may read, as a download',
        params: idParams,
      },
    },
    async (request, reply) => {
      return sendDownload(reply, await services.journal.download(request.ctx, request.params.id));
    },
  );
  api.delete(
    '/journal-attachments/:id',
    {
      config: { access: 'journal.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'detachFromJournalEntry',
        tags,
        summary: 'Take a file off a draft entry of your own',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (request) => {
      await services.journal.detach(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
}
