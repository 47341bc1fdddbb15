import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  assessment,
  completeAssessmentBody,
  createAssessmentBody,
  createNeedBody,
  need,
  personResponseBody,
  updateAssessmentBody,
  updateNeedBody,
} from './assessment.contract.ts';

export function registerAssessmentRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];

  api.post(
    '/cases/:id/assessments',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'createAssessment',
        tags,
        summary: 'Start a needs assessment (or a re-assessment) of the case',
        params: idParams,
        body: createAssessmentBody,
        response: { 201: assessment },
      },
    },
    async (request, reply) => reply.status(201).send(await services.assessments.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/assessments',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseAssessments',
        tags,
        summary: 'Every assessment of the case, oldest first, with its needs and domain scores',
        params: idParams,
        response: { 200: listOf(assessment) },
      },
    },
    async (request) => ({ items: await services.assessments.listForCase(request.ctx, request.params.id) }),
  );
  api.get(
    '/assessments/:id',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getAssessment',
        summary: 'One assessment with its needs and domain scores',
        tags,
        params: idParams,
        response: { 200: assessment },
      },
    },
    async (request) => services.assessments.get(request.ctx, request.params.id),
  );
  api.patch(
    '/assessments/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateAssessment',
        tags,
        summary: 'Change a draft assessment',
        params: idParams,
        body: updateAssessmentBody,
        response: { 200: assessment },
      },
    },
    async (request) => services.assessments.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/assessments/:id/complete',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'completeAssessment',
        tags,
        summary: 'Complete the assessment; it is kept as it is from then on',
        params: idParams,
        body: completeAssessmentBody,
        response: { 200: assessment },
      },
    },
    async (request) => services.assessments.complete(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/assessments/:id/person-response',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'recordAssessmentPersonResponse',
        tags,
        summary: 'Record that the person confirms the assessment or what they want corrected',
        params: idParams,
        body: personResponseBody,
        response: { 200: assessment },
      },
    },
    async (request) => services.assessments.recordPersonResponse(request.ctx, request.params.id, request.body),
  );

  api.post(
    '/assessments/:id/needs',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'createNeed',
        tags,
        summary: 'Record a need identified in the assessment',
        params: idParams,
        body: createNeedBody,
        response: { 201: need },
      },
    },
    async (request, reply) => reply.status(201).send(await services.assessments.addNeed(request.ctx, request.params.id, request.body)),
  );
  api.patch(
    '/needs/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateNeed',
        summary: 'Change a need',
        tags,
        params: idParams,
        body: updateNeedBody,
        response: { 200: need },
      },
    },
    async (request) => services.assessments.updateNeed(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/cases/:id/needs',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseNeeds',
        summary: "The needs identified in the case's assessments",
        tags,
        params: idParams,
        response: { 200: listOf(need) },
      },
    },
    async (request) => ({ items: await services.assessments.needsForCase(request.ctx, request.params.id) }),
  );
}
