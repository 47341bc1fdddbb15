import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { auditEvent, auditQuery, auditVerification } from './audit.contract.ts';

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
}
