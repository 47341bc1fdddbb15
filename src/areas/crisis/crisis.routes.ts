import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  addSupportContactBody,
  caseSafetyPlan,
  closeCrisisBody,
  createSafetyPlanBody,
  crisis,
  openCrisisBody,
  signSafetyPlanBody,
  updateCrisisBody,
  updateSafetyPlanBody,
} from './crisis.contract.ts';
import { renderSafetyPlanDocument } from './crisis.document.ts';

export function registerCrisisRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['crises'];

  api.post(
    '/cases/:id/crises',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'openCrisis',
        tags,
        summary: 'Open a crisis on the case (by hand or from a journal entry); the agency head is told at once',
        params: idParams,
        body: openCrisisBody,
        response: { 201: crisis },
      },
    },
    async (request, reply) => reply.status(201).send(await services.crises.open(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/crises',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseCrises',
        summary: "The case's crises, newest first",
        tags,
        params: idParams,
        response: { 200: listOf(crisis) },
      },
    },
    async (request) => ({ items: await services.crises.listForCase(request.ctx, request.params.id) }),
  );
  api.get(
    '/crises/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getCrisis', summary: 'One crisis', tags, params: idParams, response: { 200: crisis } },
    },
    async (request) => services.crises.get(request.ctx, request.params.id),
  );
  api.patch(
    '/crises/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateCrisis',
        tags,
        summary: 'Record what happened, what was done at once and who was informed (while the crisis is open)',
        params: idParams,
        body: updateCrisisBody,
        response: { 200: crisis },
      },
    },
    async (request) => services.crises.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/crises/:id/support-contacts',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'addCrisisSupportContact',
        tags,
        summary: 'Record professional support sought in the crisis, with when it was contacted',
        params: idParams,
        body: addSupportContactBody,
        response: { 200: crisis },
      },
    },
    async (request) => services.crises.addSupportContact(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/crises/:id/close',
    {
      config: { access: 'cases.assign', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'closeCrisis',
        tags,
        summary: "Close the crisis with its outcome and a follow-up date (supervision); the case's crisis flag ends",
        params: idParams,
        body: closeCrisisBody,
        response: { 200: crisis },
      },
    },
    async (request) => services.crises.close(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/cases/:id/safety-plan',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getCaseSafetyPlan',
        summary: "The case's safety plan: the version in force and the draft being written",
        tags,
        params: idParams,
        response: { 200: caseSafetyPlan },
      },
    },
    async (request) => services.crises.safetyPlanOfCase(request.ctx, request.params.id),
  );
  api.post(
    '/cases/:id/safety-plans',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'startSafetyPlan',
        tags,
        summary: 'Start a new version of the safety plan (a copy of the one in force, or empty)',
        params: idParams,
        body: createSafetyPlanBody,
        response: { 201: caseSafetyPlan },
      },
    },
    async (request, reply) => reply.status(201).send(await services.crises.startSafetyPlan(request.ctx, request.params.id, request.body)),
  );
  api.patch(
    '/safety-plans/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateSafetyPlan',
        tags,
        summary: 'Change the draft of the safety plan',
        params: idParams,
        body: updateSafetyPlanBody,
        response: { 200: caseSafetyPlan },
      },
    },
    async (request) => services.crises.updateSafetyPlan(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/safety-plans/:id/sign',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'signSafetyPlan',
        tags,
        summary: 'Record that the person signed the complete safety plan (on screen or on paper); it is then in force',
        params: idParams,
        body: signSafetyPlanBody,
        response: { 200: caseSafetyPlan },
      },
    },
    async (request) => services.crises.signSafetyPlan(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/safety-plans/:id/document',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getSafetyPlanDocument',
        produces: ['text/html'],
        tags,
        summary: 'The safety plan as a printable page in its language',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderSafetyPlanDocument(await services.crises.forDocument(request.ctx, request.params.id))),
  );
}
