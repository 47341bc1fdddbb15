import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  cancelVoucherBody,
  inboxQuery,
  issueVoucherBody,
  partnerActionBody,
  partnerVoucher,
  partnerVoucherPage,
  personWordBody,
  reissueVoucherBody,
  visitBody,
  voucher,
  voucherList,
} from './voucher.contract.ts';

export function registerVoucherRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['vouchers'];
  const portal = ['partner-portal'];
  const changes = { problems: ['transition_not_allowed' as const] };

  api.get(
    '/cases/:id/vouchers',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listVouchers',
        tags,
        summary: "The case's referral vouchers, newest first, with the partners' visits and answers",
        params: idParams,
        response: { 200: voucherList },
      },
    },
    async (request) => services.vouchers.listOfCase(request.ctx, request.params.id),
  );
  api.post(
    '/cases/:id/vouchers',
    {
      config: { access: 'vouchers.issue', ...changes },
      schema: {
        operationId: 'issueVoucher',
        tags,
        summary: 'Issue a referral voucher to a partner: of the person it carries what the disclosure gate allows that partner',
        params: idParams,
        body: issueVoucherBody,
        response: { 201: voucher },
      },
    },
    async (request, reply) => reply.status(201).send(await services.vouchers.issue(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/vouchers/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getVoucher', tags, summary: 'One voucher, with its history', params: idParams, response: { 200: voucher } },
    },
    async (request) => services.vouchers.get(request.ctx, request.params.id),
  );
  api.get(
    '/vouchers/:id/print',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'printVoucher',
        tags,
        summary: 'The voucher to hand to the person, in their language, with its number as a QR code',
        params: idParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await services.vouchers.print(request.ctx, request.params.id)),
  );
  api.get(
    '/vouchers/:id/fhir',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'voucherAsFhir',
        tags,
        summary: 'The voucher as a FHIR R4 Bundle: ServiceRequest + Task (SDOH Clinical Care shape), with what the partner was given',
        params: idParams,
        produces: ['application/fhir+json'],
      },
    },
    async (request, reply) =>
      reply.type('application/fhir+json; charset=utf-8').send(await services.vouchers.fhir(request.ctx, request.params.id)),
  );
  api.post(
    '/vouchers/:id/cancel',
    {
      config: { access: 'vouchers.issue', ...changes },
      schema: {
        operationId: 'cancelVoucher',
        tags,
        summary: 'Withdraw a voucher the partner has not finished with, saying why',
        params: idParams,
        body: cancelVoucherBody,
        response: { 200: voucher },
      },
    },
    async (request) => services.vouchers.cancel(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/vouchers/:id/reissue',
    {
      config: { access: 'vouchers.issue', ...changes },
      schema: {
        operationId: 'reissueVoucher',
        tags,
        summary: 'A new voucher for the same service after one was declined, expired, cancelled or not provided',
        params: idParams,
        body: reissueVoucherBody,
        response: { 201: voucher },
      },
    },
    async (request, reply) => reply.status(201).send(await services.vouchers.reissue(request.ctx, request.params.id, request.body)),
  );
  api.post(
    '/vouchers/:id/person-word',
    {
      config: { access: 'vouchers.issue', ...changes },
      schema: {
        operationId: 'recordPersonWord',
        tags,
        summary: "The person's own word on the help: helped, not helped, or did not go – kept beside the partner's",
        params: idParams,
        body: personWordBody,
        response: { 200: voucher },
      },
    },
    async (request) => services.vouchers.recordPersonWord(request.ctx, request.params.id, request.body),
  );

  api.get(
    '/partner/vouchers',
    {
      config: { access: 'vouchers.respond' },
      schema: {
        operationId: 'partnerInbox',
        tags: portal,
        summary: "The partner's inbox: the vouchers addressed to the organisation, newest first; by number to find one",
        querystring: inboxQuery,
        response: { 200: partnerVoucherPage },
      },
    },
    async (request) => services.vouchers.inbox(request.ctx, request.query),
  );
  api.get(
    '/partner/vouchers/:id',
    {
      config: { access: 'vouchers.respond' },
      schema: {
        operationId: 'partnerVoucher',
        tags: portal,
        summary: 'One voucher addressed to the organisation, with what the disclosure gate allows now',
        params: idParams,
        response: { 200: partnerVoucher },
      },
    },
    async (request) => services.vouchers.getForPartner(request.ctx, request.params.id),
  );
  api.get(
    '/partner/vouchers/:id/fhir',
    {
      config: { access: 'vouchers.respond' },
      schema: {
        operationId: 'partnerVoucherAsFhir',
        tags: portal,
        summary: "The voucher as a FHIR R4 Bundle (ServiceRequest + Task) for the partner's own system, with what the gate allows now",
        params: idParams,
        produces: ['application/fhir+json'],
      },
    },
    async (request, reply) =>
      reply.type('application/fhir+json; charset=utf-8').send(await services.vouchers.fhirForPartner(request.ctx, request.params.id)),
  );
  api.post(
    '/partner/vouchers/:id/actions',
    {
      config: { access: 'vouchers.respond', ...changes },
      schema: {
        operationId: 'answerVoucher',
        tags: portal,
        summary: 'Accept or decline the voucher, mark the service provided or not, and return it to the agency',
        params: idParams,
        body: partnerActionBody,
        response: { 200: partnerVoucher },
      },
    },
    async (request) => services.vouchers.respond(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/partner/vouchers/:id/visits',
    {
      config: { access: 'vouchers.respond', ...changes },
      schema: {
        operationId: 'registerVisit',
        tags: portal,
        summary: 'Register a visit on the voucher: the date, what was given, how long, and a note for the agency',
        params: idParams,
        body: visitBody,
        response: { 201: partnerVoucher },
      },
    },
    async (request, reply) => reply.status(201).send(await services.vouchers.recordVisit(request.ctx, request.params.id, request.body)),
  );
}
