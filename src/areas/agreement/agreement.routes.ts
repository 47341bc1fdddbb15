import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, listOf, localeCode } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  agreementTemplate,
  createAgreementBody,
  putAgreementTemplateBody,
  serviceAgreement,
  signAgreementBody,
  terminateAgreementBody,
} from './agreement.contract.ts';
import { renderAgreementDocument } from './agreement.document.ts';

export function registerAgreementRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/cases/:id/agreements',
    {
      config: { access: 'cases.update' },
      schema: {
        operationId: 'createAgreement',
        tags: ['agreements'],
        summary: "Generate the service agreement from the template, in the person's language",
        params: idParams,
        body: createAgreementBody,
        response: { 201: serviceAgreement },
      },
    },
    async (request, reply) => reply.status(201).send(await services.agreements.create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/agreements',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseAgreements',
        summary: "The case's service agreements",
        tags: ['agreements'],
        params: idParams,
        response: { 200: listOf(serviceAgreement) },
      },
    },
    async (request) => ({ items: await services.agreements.listForCase(request.ctx, request.params.id) }),
  );
  api.post(
    '/agreements/:id/signatures',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed', 'already_exists'] },
      schema: {
        operationId: 'signAgreement',
        tags: ['agreements'],
        summary: 'Record a signature: the person, a guardian or the agency head',
        params: idParams,
        body: signAgreementBody,
        response: { 200: serviceAgreement },
      },
    },
    async (request) => services.agreements.sign(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/agreements/:id/terminate',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'terminateAgreement',
        summary: 'End a service agreement, with a reason',
        tags: ['agreements'],
        params: idParams,
        body: terminateAgreementBody,
        response: { 200: serviceAgreement },
      },
    },
    async (request) => services.agreements.terminate(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/agreements/:id/document',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getAgreementDocument',
        produces: ['text/html'],
        tags: ['agreements'],
        summary: 'The agreement as a printable page',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderAgreementDocument(await services.agreements.forPrint(request.ctx, request.params.id))),
  );

  api.get(
    '/agreement-templates',
    {
      config: { access: 'agency.read' },
      schema: {
        operationId: 'listAgreementTemplates',
        summary: 'The agreement templates, one per language',
        tags: ['agreements'],
        response: { 200: listOf(agreementTemplate) },
      },
    },
    async (request) => ({ items: await services.agreements.templates(request.ctx) }),
  );
  api.put(
    '/agreement-templates/:language',
    {
      config: { access: 'agency.manage' },
      schema: {
        operationId: 'saveAgreementTemplate',
        tags: ['agreements'],
        summary: 'Create or change the agreement text for a language',
        params: z.strictObject({ language: localeCode }),
        body: putAgreementTemplateBody,
        response: { 200: agreementTemplate },
      },
    },
    async (request) => services.agreements.putTemplate(request.ctx, request.params.language, request.body),
  );
}
