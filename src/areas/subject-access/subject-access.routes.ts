import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { sendDownload } from '../../server/download.ts';
import { subjectAccessExport, subjectAccessExports, subjectAccessRequest } from './subject-access.contract.ts';

export function registerSubjectAccessRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['subject-access'];

  api.post(
    '/persons/:id/subject-access-exports',
    {
      config: { access: 'persons.subject_access', problems: ['already_exists'] },
      schema: {
        operationId: 'requestSubjectAccessExport',
        tags,
        summary:
          'Ask for a copy of everything held on the person (GDPR art. 15): made in the background as a ZIP with a readable PDF and the same as JSON',
        params: idParams,
        // Without a body: in the person's first language, with no note.
        body: subjectAccessRequest.nullish(),
        response: { 202: subjectAccessExport },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await services.subjectAccess.request(request.ctx, request.params.id, request.body ?? { note: '' })),
  );
  api.get(
    '/persons/:id/subject-access-exports',
    {
      config: { access: 'persons.subject_access' },
      schema: {
        operationId: 'listSubjectAccessExports',
        tags,
        summary: 'The copies asked for on the person, newest first, with how far each has got',
        params: idParams,
        response: { 200: subjectAccessExports },
      },
    },
    async (request) => services.subjectAccess.list(request.ctx, request.params.id),
  );
  api.get(
    '/subject-access-exports/:id',
    {
      config: { access: 'persons.subject_access' },
      schema: {
        operationId: 'getSubjectAccessExport',
        tags,
        summary: 'One copy and how far it has got',
        params: idParams,
        response: { 200: subjectAccessExport },
      },
    },
    async (request) => services.subjectAccess.get(request.ctx, request.params.id),
  );
  api.get(
    '/subject-access-exports/:id/file',
    {
      config: { access: 'persons.subject_access', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'downloadSubjectAccessExport',
        produces: ['application/zip'],
        tags,
        summary: 'The ZIP of a finished copy, while it is kept (7 days); each download is audited',
        params: idParams,
      },
    },
    async (request, reply) =>
      sendDownload(reply, { ...(await services.subjectAccess.download(request.ctx, request.params.id)), mediaType: 'application/zip' }),
  );
}
