import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, pageQuery } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  caseRecord,
  changeStageBody,
  clearCrisisBody,
  emergencyAccess,
  emergencyAccessBody,
  emergencyAccessList,
  openCaseBody,
  reassignCaseBody,
} from './case.contract.ts';

export function registerCaseRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/cases',
    {
      config: { access: 'cases.open', problems: ['not_found'] },
      schema: {
        operationId: 'openCase',
        summary: 'Open a case for a person',
        tags: ['cases'],
        body: openCaseBody,
        response: { 201: caseRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await services.cases.open(request.ctx, request.body)),
  );
  api.get(
    '/cases/:id',
    {
      config: { access: 'cases.read' },
      schema: { operationId: 'getCase', summary: 'One case', tags: ['cases'], params: idParams, response: { 200: caseRecord } },
    },
    async (request) => services.cases.get(request.ctx, request.params.id),
  );
  api.post(
    '/cases/:id/stage',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'changeCaseStage',
        tags: ['cases'],
        summary: 'Move the case to another stage (allowed transitions only)',
        params: idParams,
        body: changeStageBody,
        response: { 200: caseRecord },
      },
    },
    async (request) => services.cases.changeStage(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cases/:id/reassign',
    {
      config: { access: 'cases.assign' },
      schema: {
        operationId: 'reassignCase',
        tags: ['cases'],
        summary: 'Give the case another responsible worker, with a reason',
        params: idParams,
        body: reassignCaseBody,
        response: { 200: caseRecord },
      },
    },
    async (request) => services.cases.reassign(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cases/:id/crisis/clear',
    {
      config: { access: 'cases.assign', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'clearCaseCrisis',
        tags: ['cases'],
        summary: 'End the crisis flag after the safety follow-up (supervision), recording what was done',
        params: idParams,
        body: clearCrisisBody,
        response: { 200: caseRecord },
      },
    },
    async (request) => services.cases.clearCrisis(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cases/:id/emergency-access',
    {
      config: { access: 'cases.read', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'openCaseInEmergency',
        tags: ['cases'],
        summary:
          'Break-the-glass: open a case outside your reach in an emergency, with a reason, for a limited time; the case worker and supervision are told',
        params: idParams,
        body: emergencyAccessBody,
        response: { 201: emergencyAccess },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.cases.openInEmergency(request.ctx, request.params.id, request.body.reason)),
  );
  api.get(
    '/audit/emergency-accesses',
    {
      config: { access: 'audit.read' },
      schema: {
        operationId: 'listEmergencyAccesses',
        tags: ['audit'],
        summary: 'Every case opened in an emergency (break-the-glass): who, which case, why, when and until when – newest first',
        querystring: pageQuery,
        response: { 200: emergencyAccessList },
      },
    },
    async (request) => services.cases.emergencyAccesses(request.ctx, request.query),
  );
}
