import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { agencyIdParams, agencySummary, createAgencyBody, createdAgency, updateAgencyStatusBody } from './platform.contract.ts';

export function registerPlatformRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/platform/agencies',
    {
      config: { access: 'agencies.read' },
      schema: {
        operationId: 'listAgencies',
        summary: "The installation's agencies",
        tags: ['platform'],
        response: { 200: listOf(agencySummary) },
      },
    },
    async (request) => ({ items: await services.platform.list(request.ctx) }),
  );
  api.post(
    '/platform/agencies',
    {
      config: { access: 'agencies.manage', problems: ['validation_failed'] },
      schema: {
        operationId: 'createAgency',
        summary: 'Create an agency with its first administrator',
        tags: ['platform'],
        body: createAgencyBody,
        response: { 201: createdAgency },
      },
    },
    async (request, reply) => reply.status(201).send(await services.platform.create(request.ctx, request.body)),
  );
  api.patch(
    '/platform/agencies/:id',
    {
      config: { access: 'agencies.manage', problems: ['forbidden', 'version_conflict', 'not_found'] },
      schema: {
        operationId: 'setAgencyActive',
        summary: 'Switch an agency off (its staff are signed out) or on again',
        tags: ['platform'],
        params: agencyIdParams,
        body: updateAgencyStatusBody,
        response: { 200: agencySummary },
      },
    },
    async (request) => services.platform.setActive(request.ctx, request.params.id, request.body),
  );
}
