import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { accessLog, accessLogQuery, auditEvent, auditQuery, auditVerification } from './audit.contract.ts';

export function registerAuditRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/audit/events',
    {
      config: { access: 'audit.read' },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'Who did what and when; filter by person to see who accessed their records',
        querystring: auditQuery,
        response: { 200: page(auditEvent) },
      },
    },
    async (request) => services.audit.list(request.ctx, request.query),
  );
  api.post(
    '/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: 'Recompute the hash chain',
        body: z.strictObject({}).nullish(),
        response: { 200: auditVerification },
      },
    },
    async (request) => services.audit.verify(request.ctx),
  );
  api.get(
    '/persons/:id/access-log',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'getPersonAccessLog',
        tags: ['audit'],
        summary:
          "Who has read the person's record: every access by staff in the period – who, role, when, what, how – from the audit trail",
        params: idParams,
        querystring: accessLogQuery,
        response: { 200: accessLog },
      },
    },
    async (request) => (await services.audit.accessLog(request.ctx, request.params.id, request.query)).log,
  );
  api.get(
    '/persons/:id/access-log/print',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'printPersonAccessLog',
        produces: ['text/html'],
        tags: ['audit'],
        summary: "The person's access log as a page to print or save as PDF, in their language",
        params: idParams,
        querystring: accessLogQuery,
      },
    },
    async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(await services.audit.printAccessLog(request.ctx, request.params.id, request.query)),
  );
}
