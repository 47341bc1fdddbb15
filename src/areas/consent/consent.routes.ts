import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  consent,
  consentForm,
  consentFormList,
  consentFormParams,
  consentFormQuery,
  consentList,
  consentSignatureBody,
  createSummaryBody,
  disclosure,
  disclosureList,
  gateAnswer,
  putConsentFormBody,
  recordConsentBody,
  summaryQuestionBody,
  withdrawConsentBody,
} from './consent.contract.ts';

export function registerConsentRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consents'];

  api.get(
    '/persons/:id/consents',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listConsents',
        tags,
        summary: "A person's consents, newest first, each with whether it is in force now – worked out at the moment of asking",
        params: idParams,
        response: { 200: consentList },
      },
    },
    async (request) => services.consents.list(request.ctx, request.params.id),
  );
  api.post(
    '/persons/:id/consents',
    {
      config: { access: 'consents.write' },
      schema: {
        operationId: 'recordConsent',
        tags,
        summary:
          'Record a consent as it was given: its terms, the text shown, and the signatures (a guardian co-signs where the agreements require it)',
        params: idParams,
        body: recordConsentBody,
        response: { 201: consent },
      },
    },
    async (request, reply) => reply.status(201).send(await services.consents.record(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/consent-forms',
    {
      config: { access: 'agency.read' },
      schema: {
        operationId: 'listConsentForms',
        tags,
        summary:
          "The texts people are shown for each kind of consent, per language – the agency's own where an administrator changed one; one kind or language when asked",
        querystring: consentFormQuery,
        response: { 200: consentFormList },
      },
    },
    async (request) => services.consents.forms(request.ctx, request.query),
  );
  api.put(
    '/consent-forms/:kind/:language',
    {
      config: { access: 'agency.manage' },
      schema: {
        operationId: 'saveConsentForm',
        tags,
        summary: 'Change the text people are shown for a kind of consent in a language (the first change replaces the shipped text)',
        params: consentFormParams,
        body: putConsentFormBody,
        response: { 200: consentForm },
      },
    },
    async (request) => services.consents.putForm(request.ctx, request.params.kind, request.params.language, request.body),
  );
  api.get(
    '/consents/:id',
    {
      config: { access: 'persons.read' },
      schema: { operationId: 'getConsent', tags, summary: 'One consent, with its events', params: idParams, response: { 200: consent } },
    },
    async (request) => services.consents.get(request.ctx, request.params.id),
  );
  api.post(
    '/consents/:id/signatures',
    {
      config: { access: 'consents.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'signConsent',
        tags,
        summary: 'Add a signature the consent still needs (the guardian co-signing later)',
        params: idParams,
        body: consentSignatureBody,
        response: { 200: consent },
      },
    },
    async (request) => services.consents.sign(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/consents/:id/withdrawal',
    {
      config: { access: 'consents.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'withdrawConsent',
        tags,
        summary: 'Withdraw a consent: from this moment it allows nothing; the consent and its history stay',
        params: idParams,
        body: withdrawConsentBody,
        response: { 200: consent },
      },
    },
    async (request) => services.consents.withdraw(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/consents/:id/print',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'printConsent',
        produces: ['text/html'],
        tags,
        summary: 'The consent as the person was shown it, with its terms and signatures, in their language, to print',
        params: idParams,
      },
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await services.consents.print(request.ctx, request.params.id)),
  );
  api.post(
    '/cases/:id/case-summaries/check',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'checkCaseSummary',
        tags,
        summary: 'Ask the disclosure gate what of the case may go to a recipient for a purpose, and why not the rest – nothing is given',
        params: idParams,
        body: summaryQuestionBody,
        response: { 200: gateAnswer },
      },
    },
    async (request) => services.consents.checkSummary(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/cases/:id/case-summaries',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'createCaseSummary',
        tags,
        summary: 'Give a case summary to a named recipient: only what the gate allows goes in, and the disclosure is recorded',
        params: idParams,
        body: createSummaryBody,
        response: { 201: disclosure },
      },
    },
    async (request, reply) => reply.status(201).send(await services.consents.createSummary(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/persons/:id/disclosures',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listDisclosures',
        tags,
        summary: 'What has been disclosed about the person, to whom, and on which consent or legal basis – newest first',
        params: idParams,
        response: { 200: disclosureList },
      },
    },
    async (request) => services.consents.listDisclosures(request.ctx, request.params.id),
  );
  api.get(
    '/disclosures/:id/print',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'printDisclosure',
        produces: ['text/html'],
        tags,
        summary: 'A disclosure as it was given (the case summary), to print or save as PDF',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(await services.consents.printDisclosure(request.ctx, request.params.id)),
  );
}
