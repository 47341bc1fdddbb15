import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  cooperationAgreement,
  cooperationAgreementList,
  cooperationTemplate,
  createCooperationBody,
  endCooperationBody,
  putCooperationTemplateBody,
  signCooperationBody,
  templateParams,
  updateCooperationBody,
} from './cooperation.contract.ts';

export function registerCooperationRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation-agreements'];
  const changes = { problems: ['transition_not_allowed' as const] };

  api.get(
    '/partner-organisations/:id/cooperation-agreements',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'listCooperationAgreements',
        tags,
        summary: "A partner's cooperation agreements, the latest first, each with where it stands today",
        params: idParams,
        response: { 200: cooperationAgreementList },
      },
    },
    async (request) => services.cooperation.listOfPartner(request.ctx, request.params.id),
  );
  api.post(
    '/partner-organisations/:id/cooperation-agreements',
    {
      config: { access: 'partners.manage' },
      schema: {
        operationId: 'createCooperationAgreement',
        tags,
        summary: "Draw up a cooperation agreement with the partner from the agency's template",
        params: idParams,
        body: createCooperationBody,
        response: { 201: cooperationAgreement },
      },
    },
    async (request, reply) => reply.status(201).send(await services.cooperation.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cooperation-agreements/:id',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'getCooperationAgreement',
        tags,
        summary: 'One cooperation agreement',
        params: idParams,
        response: { 200: cooperationAgreement },
      },
    },
    async (request) => services.cooperation.get(request.ctx, request.params.id),
  );
  api.patch(
    '/cooperation-agreements/:id',
    {
      config: { access: 'partners.manage', ...changes },
      schema: {
        operationId: 'updateCooperationAgreement',
        tags,
        summary: 'Change the text or the term of an agreement no one has signed yet',
        params: idParams,
        body: updateCooperationBody,
        response: { 200: cooperationAgreement },
      },
    },
    async (request) => services.cooperation.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cooperation-agreements/:id/signatures',
    {
      config: { access: 'partners.manage', ...changes },
      schema: {
        operationId: 'signCooperationAgreement',
        tags,
        summary: "Record one party's signature: who signed for it, and when",
        params: idParams,
        body: signCooperationBody,
        response: { 200: cooperationAgreement },
      },
    },
    async (request) => services.cooperation.sign(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cooperation-agreements/:id/end',
    {
      config: { access: 'partners.manage', ...changes },
      schema: {
        operationId: 'endCooperationAgreement',
        tags,
        summary: 'End an agreement in force: a party withdrew, or the parties agreed',
        params: idParams,
        body: endCooperationBody,
        response: { 200: cooperationAgreement },
      },
    },
    async (request) => services.cooperation.end(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/cooperation-agreements/:id/print',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'printCooperationAgreement',
        tags,
        summary: 'The agreement to print and sign, in its language',
        params: idParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await services.cooperation.print(request.ctx, request.params.id)),
  );
  api.get(
    '/cooperation-templates',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'getCooperationTemplate',
        tags,
        summary: "The text a new agreement starts from in a language: the agency's own, or the shipped one",
        querystring: templateParams,
        response: { 200: cooperationTemplate },
      },
    },
    async (request) => services.cooperation.template(request.ctx, request.query.language),
  );
  api.put(
    '/cooperation-templates/:language',
    {
      config: { access: 'partners.manage' },
      schema: {
        operationId: 'saveCooperationTemplate',
        tags,
        summary: "Save the agency's own text for new agreements in a language",
        params: templateParams,
        body: putCooperationTemplateBody,
        response: { 200: cooperationTemplate },
      },
    },
    async (request) => services.cooperation.saveTemplate(request.ctx, request.params.language, request.body),
  );
}
