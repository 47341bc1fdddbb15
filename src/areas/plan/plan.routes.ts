import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, listOf, ok, uuid } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  createPlanBody,
  planDiff,
  planStepProgress,
  planTransitionBody,
  servicePlan,
  signPlanBody,
  updatePlanBody,
  updateStepBody,
} from './plan.contract.ts';
import { renderPlanDocument } from './plan.document.ts';

export function registerPlanRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  api.post(
    '/cases/:id/plans',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'createPlan',
        tags,
        summary: 'Start the first plan, or a new version of the active one (with the reason for the change)',
        params: idParams,
        body: createPlanBody,
        response: { 201: servicePlan },
      },
    },
    async (request, reply) => reply.status(201).send(await services.plans.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/plans',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCasePlans',
        tags,
        summary: "Every version of the case's plan, newest first",
        params: idParams,
        response: { 200: listOf(servicePlan) },
      },
    },
    async (request) => ({ items: await services.plans.listForCase(request.ctx, request.params.id) }),
  );
  api.get(
    '/plans/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getPlan', summary: 'One version of a service plan', tags, params: idParams, response: { 200: servicePlan } },
    },
    async (request) => services.plans.get(request.ctx, request.params.id),
  );
  api.get(
    '/plans/:id/changes',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getPlanChanges',
        tags,
        summary: 'What this version changes from the one before it, section by section and field by field',
        params: idParams,
        response: { 200: planDiff },
      },
    },
    async (request) => services.plans.changesFromPrevious(request.ctx, request.params.id),
  );
  api.patch(
    '/plans/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updatePlan',
        tags,
        summary: 'Change a draft plan',
        params: idParams,
        body: updatePlanBody,
        response: { 200: servicePlan },
      },
    },
    async (request) => services.plans.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/plans/:id/discard',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'discardPlan',
        tags,
        summary: 'Discard a plan that never came into force (a draft, or one still being signed)',
        params: idParams,
        body: planTransitionBody,
        response: { 200: ok },
      },
    },
    async (request) => services.plans.discard(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/plans/:id/submit',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'submitPlan',
        tags,
        summary: 'Put the draft to the person for agreement and signature (every goal must be SMART)',
        params: idParams,
        body: planTransitionBody,
        response: { 200: servicePlan },
      },
    },
    async (request) => services.plans.submit(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/plans/:id/reopen',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'reopenPlan',
        tags,
        summary: 'Take a plan back from signing to change it',
        params: idParams,
        body: planTransitionBody,
        response: { 200: servicePlan },
      },
    },
    async (request) => services.plans.reopen(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/plans/:id/signatures',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'signPlan',
        tags,
        summary: "Record the person's (or guardian's) signature; the plan is active once all have signed",
        params: idParams,
        body: signPlanBody,
        response: { 200: servicePlan },
      },
    },
    async (request) => services.plans.sign(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/plans/:id/document',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getPlanDocument',
        produces: ['text/html'],
        tags,
        summary: "The plan as a printable page in the person's language: the descriptive and the execution part",
        params: idParams,
        querystring: z.strictObject({ language: z.enum(['en', 'nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant']).optional() }),
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderPlanDocument(await services.plans.forPrint(request.ctx, request.params.id), request.query.language)),
  );

  api.get(
    '/cases/:id/steps',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseSteps',
        tags,
        summary: 'The steps of the active plan with their progress',
        params: idParams,
        response: { 200: listOf(planStepProgress) },
      },
    },
    async (request) => ({ items: await services.plans.stepsForCase(request.ctx, request.params.id) }),
  );
  api.patch(
    '/cases/:id/steps/:stepId',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateStepProgress',
        tags,
        summary: 'Record progress on a step; completing it records its result',
        params: z.strictObject({ id: uuid, stepId: uuid }),
        body: updateStepBody,
        response: { 200: planStepProgress },
      },
    },
    async (request) => services.plans.updateStep(request.ctx, request.params.id, request.params.stepId, request.body),
  );
}
