import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  confirmArrivalBody,
  createDirectoryEntryBody,
  createRequestBody,
  decisionBody,
  directoryEntry,
  directoryQuery,
  intakeDecision,
  intakeRequest,
  interview,
  interviewBody,
  publicReceipt,
  publicRequestBody,
  referralOut,
  requestQueueQuery,
  updateInterviewBody,
  updateRequestBody,
} from './intake.contract.ts';
import { renderReferralLetter } from './referral.document.ts';

export function registerRequestRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/public/requests',
    {
      config: { access: 'public', problems: ['too_many_attempts'] },
      schema: {
        operationId: 'submitPublicRequest',
        tags: ['public'],
        summary: 'The online request form: no sign-in, answers only a receipt number',
        body: publicRequestBody,
        response: { 201: publicReceipt },
      },
    },
    async (request, reply) => reply.status(201).send(await services.requests.createPublic(request.ctx, request.body)),
  );

  api.post(
    '/requests',
    {
      config: { access: 'requests.create' },
      schema: {
        operationId: 'createRequest',
        tags: ['intake'],
        summary: 'Record a first contact',
        body: createRequestBody,
        response: { 201: intakeRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await services.requests.create(request.ctx, request.body)),
  );
  api.get(
    '/requests',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'listRequests',
        tags: ['intake'],
        summary: 'The intake queue: urgent first, then oldest',
        querystring: requestQueueQuery,
        response: { 200: page(intakeRequest) },
      },
    },
    async (request) => services.requests.queue(request.ctx, request.query),
  );
  api.get(
    '/requests/:id',
    {
      config: { access: 'requests.read' },
      schema: { operationId: 'getRequest', summary: 'One request', tags: ['intake'], params: idParams, response: { 200: intakeRequest } },
    },
    async (request) => services.requests.get(request.ctx, request.params.id),
  );
  api.patch(
    '/requests/:id',
    {
      config: { access: 'requests.create' },
      schema: {
        operationId: 'updateRequest',
        summary: 'Change a request',
        tags: ['intake'],
        params: idParams,
        body: updateRequestBody,
        response: { 200: intakeRequest },
      },
    },
    async (request) => services.requests.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/requests/:id/decision',
    {
      config: { access: 'requests.decide', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'decideRequest',
        tags: ['intake'],
        summary: 'Accept, give information only, refer out, decline – or reopen',
        params: idParams,
        body: decisionBody,
        response: { 200: intakeRequest },
      },
    },
    async (request) => services.requests.decide(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/requests/:id/decisions',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'listRequestDecisions',
        summary: 'The intake decisions on the request, in order',
        tags: ['intake'],
        params: idParams,
        response: { 200: listOf(intakeDecision) },
      },
    },
    async (request) => ({ items: await services.requests.decisions(request.ctx, request.params.id) }),
  );
  api.get(
    '/requests/:id/referrals',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'listRequestReferrals',
        summary: 'The referrals out made for the request',
        tags: ['intake'],
        params: idParams,
        response: { 200: listOf(referralOut) },
      },
    },
    async (request) => ({ items: await services.requests.referrals(request.ctx, request.params.id) }),
  );
  api.get(
    '/referrals/:id/letter',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'getReferralLetter',
        produces: ['text/html'],
        tags: ['intake'],
        summary: "The referral letter as a printable page in the person's language",
        params: idParams,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderReferralLetter(await services.requests.referralForLetter(request.ctx, request.params.id))),
  );
  api.post(
    '/referrals/:id/arrival',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'recordReferralArrival',
        tags: ['intake'],
        summary: 'Record whether the person arrived where they were referred',
        params: idParams,
        body: confirmArrivalBody,
        response: { 200: referralOut },
      },
    },
    async (request) => services.requests.confirmArrival(request.ctx, request.params.id, request.body.arrived, request.body.note),
  );

  api.get(
    '/requests/:id/interviews',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'listRequestInterviews',
        summary: "The request's intake interview records",
        tags: ['intake'],
        params: idParams,
        response: { 200: listOf(interview) },
      },
    },
    async (request) => ({ items: await services.requests.interviews(request.ctx, request.params.id) }),
  );
  api.post(
    '/requests/:id/interviews',
    {
      config: { access: 'requests.create' },
      schema: {
        operationId: 'createInterview',
        tags: ['intake'],
        summary: 'The intake interview record (seed 003)',
        params: idParams,
        body: interviewBody,
        response: { 201: interview },
      },
    },
    async (request, reply) => reply.status(201).send(await services.requests.addInterview(request.ctx, request.params.id, request.body)),
  );
  api.patch(
    '/interviews/:id',
    {
      config: { access: 'requests.create' },
      schema: {
        operationId: 'updateInterview',
        summary: 'Change an intake interview record',
        tags: ['intake'],
        params: idParams,
        body: updateInterviewBody,
        response: { 200: interview },
      },
    },
    async (request) => services.requests.updateInterview(request.ctx, request.params.id, request.body),
  );

  api.get(
    '/referral-directory',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'listDirectoryEntries',
        tags: ['intake'],
        summary: 'Organisations to refer to',
        querystring: directoryQuery,
        response: { 200: page(directoryEntry) },
      },
    },
    async (request) => services.directory.list(request.ctx, request.query),
  );
  api.post(
    '/referral-directory',
    {
      config: { access: 'directory.manage' },
      schema: {
        operationId: 'createDirectoryEntry',
        summary: 'Add an organisation to the referral directory',
        tags: ['intake'],
        body: createDirectoryEntryBody,
        response: { 201: directoryEntry },
      },
    },
    async (request, reply) => reply.status(201).send(await services.directory.create(request.ctx, request.body)),
  );
}
