import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { createDecisionBody, decision, sendDecisionForSignatureBody, signDecisionBody, updateDecisionBody } from './decision.contract.ts';
import { renderDecisionLetter } from './decision.document.ts';

export function registerDecisionRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['decisions'];

  api.post(
    '/cases/:id/decisions',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'createDecision',
        tags,
        summary: 'Draft a decision on requested services (or a new decision replacing a signed one)',
        params: idParams,
        body: createDecisionBody,
        response: { 201: decision },
      },
    },
    async (request, reply) => reply.status(201).send(await services.decisions.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/decisions',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseDecisions',
        summary: "The case's decisions",
        tags,
        params: idParams,
        response: { 200: listOf(decision) },
      },
    },
    async (request) => ({ items: await services.decisions.listForCase(request.ctx, request.params.id) }),
  );
  api.get(
    '/decisions/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getDecision', summary: 'One decision', tags, params: idParams, response: { 200: decision } },
    },
    async (request) => services.decisions.get(request.ctx, request.params.id),
  );
  api.patch(
    '/decisions/:id',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateDecision',
        tags,
        summary: 'Change a draft decision',
        params: idParams,
        body: updateDecisionBody,
        response: { 200: decision },
      },
    },
    async (request) => services.decisions.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/decisions/:id/send-for-signature',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'sendDecisionForSignature',
        tags,
        summary: 'Put a draft decision to those with decision authority: awaiting signature, and they are alerted',
        params: idParams,
        body: sendDecisionForSignatureBody,
        response: { 200: decision },
      },
    },
    async (request) => services.decisions.sendForSignature(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/decisions/:id/sign',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'signDecision',
        tags,
        summary: 'Sign the decision (roles with decision authority only); it never changes afterwards',
        params: idParams,
        body: signDecisionBody,
        response: { 200: decision },
      },
    },
    async (request) => services.decisions.sign(request.ctx, request.params.id, request.body.version),
  );
  api.get(
    '/decisions/:id/letter',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getDecisionLetter',
        produces: ['text/html'],
        tags,
        summary: 'The decision letter as a printable page in its language',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderDecisionLetter(await services.decisions.forLetter(request.ctx, request.params.id))),
  );
}
