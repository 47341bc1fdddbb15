import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  completeResponseBody,
  createTemplateBody,
  importedTemplateRecord,
  importFhirBody,
  publishTemplateBody,
  questionnaireResponse,
  questionnaireTemplateRecord,
  questionnaireTemplateSummary,
  saveAnswersBody,
  startResponseBody,
  templateListQuery,
  templateReadQuery,
  updateTemplateBody,
} from './questionnaire.contract.ts';
import type { Answers } from './questionnaire-response.rules.ts';

export function registerQuestionnaireRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['questionnaires'];

  api.get(
    '/questionnaire-templates',
    {
      config: { access: 'questionnaires.read' },
      schema: {
        operationId: 'listQuestionnaireTemplates',
        tags,
        summary: 'Questionnaire templates, every version, newest version first per key',
        querystring: templateListQuery,
        response: { 200: listOf(questionnaireTemplateSummary) },
      },
    },
    async (request) => ({ items: await services.questionnaires.listTemplates(request.ctx, request.query) }),
  );
  api.get(
    '/questionnaire-templates/:id',
    {
      config: { access: 'questionnaires.read' },
      schema: {
        operationId: 'getQuestionnaireTemplate',
        summary: 'One version of a questionnaire template, with its definition',
        tags,
        params: idParams,
        querystring: templateReadQuery,
        response: { 200: questionnaireTemplateRecord },
      },
    },
    async (request) => services.questionnaires.getTemplate(request.ctx, request.params.id, request.query.language),
  );
  api.get(
    '/questionnaire-templates/:id/fhir',
    {
      config: { access: 'questionnaires.read' },
      schema: {
        operationId: 'exportQuestionnaireTemplate',
        produces: ['application/fhir+json'],
        tags,
        summary: 'The template as a FHIR R4 Questionnaire',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply
        .type('application/fhir+json; charset=utf-8')
        .send(JSON.stringify(await services.questionnaires.exportFhir(request.ctx, request.params.id))),
  );
  api.post(
    '/questionnaire-templates',
    {
      config: { access: 'questionnaires.manage', problems: ['already_exists'] },
      schema: {
        operationId: 'createQuestionnaireTemplate',
        tags,
        summary: 'A new questionnaire, or the next version of one (as a draft)',
        body: createTemplateBody,
        response: { 201: questionnaireTemplateRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await services.questionnaires.createTemplate(request.ctx, request.body.definition)),
  );
  api.post(
    '/questionnaire-templates/import',
    {
      config: { access: 'questionnaires.manage', problems: ['already_exists'] },
      schema: {
        operationId: 'importQuestionnaireTemplate',
        tags,
        summary: 'Import a FHIR R4 Questionnaire as a draft, with warnings for what it could not keep as it was',
        body: importFhirBody,
        response: { 201: importedTemplateRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await services.questionnaires.importFhir(request.ctx, request.body.questionnaire)),
  );
  api.put(
    '/questionnaire-templates/:id',
    {
      config: { access: 'questionnaires.manage', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'updateQuestionnaireTemplate',
        tags,
        summary: 'Change a draft',
        params: idParams,
        body: updateTemplateBody,
        response: { 200: questionnaireTemplateRecord },
      },
    },
    async (request) =>
      services.questionnaires.updateTemplate(request.ctx, request.params.id, request.body.definition, request.body.version),
  );
  api.post(
    '/questionnaire-templates/:id/publish',
    {
      config: { access: 'questionnaires.manage', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'publishQuestionnaireTemplate',
        tags,
        summary: 'Publish a draft; the earlier published version retires',
        params: idParams,
        body: publishTemplateBody,
        response: { 200: questionnaireTemplateRecord },
      },
    },
    async (request) => services.questionnaires.publishTemplate(request.ctx, request.params.id, request.body.version),
  );

  api.post(
    '/cases/:id/questionnaire-responses',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'startQuestionnaireResponse',
        tags,
        summary: 'Start filling in a questionnaire for the case',
        params: idParams,
        body: startResponseBody,
        response: { 201: questionnaireResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.questionnaires.startResponse(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/cases/:id/questionnaire-responses',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listCaseQuestionnaireResponses',
        summary: 'The questionnaires filled in for the case',
        tags,
        params: idParams,
        response: { 200: listOf(questionnaireResponse) },
      },
    },
    async (request) => ({ items: await services.questionnaires.listForCase(request.ctx, request.params.id) }),
  );
  api.get(
    '/questionnaire-responses/:id',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getQuestionnaireResponse',
        summary: 'One filled-in questionnaire with its answers and scores',
        tags,
        params: idParams,
        response: { 200: questionnaireResponse },
      },
    },
    async (request) => services.questionnaires.getResponse(request.ctx, request.params.id),
  );
  api.put(
    '/questionnaire-responses/:id/answers',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'saveQuestionnaireAnswers',
        tags,
        summary: 'Save the answers given so far',
        params: idParams,
        body: saveAnswersBody,
        response: { 200: questionnaireResponse },
      },
    },
    async (request) =>
      services.questionnaires.saveAnswers(request.ctx, request.params.id, request.body.answers as Answers, request.body.version),
  );
  api.post(
    '/questionnaire-responses/:id/complete',
    {
      config: { access: 'cases.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'completeQuestionnaireResponse',
        tags,
        summary: 'Complete and score; every required question must be answered',
        params: idParams,
        body: completeResponseBody,
        response: { 200: questionnaireResponse },
      },
    },
    async (request) => services.questionnaires.complete(request.ctx, request.params.id, request.body.version),
  );
}
