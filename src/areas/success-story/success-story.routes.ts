import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  anonymiseBody,
  approveAnonymisedBody,
  createStoryBody,
  recordConsentBody,
  recordUseBody,
  storyUseRecord,
  successStory,
  updateAnonymisedBody,
  updateStoryBody,
} from './success-story.contract.ts';

export function registerSuccessStoryRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['success-stories'];
  const stories = () => services.successStories;

  api.get(
    '/cases/:id/success-stories',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listSuccessStories',
        tags,
        summary: "The case's success stories, with the consents to each use and their anonymised copies",
        params: idParams,
        response: { 200: listOf(successStory) },
      },
    },
    async (request) => stories().list(request.ctx, request.params.id),
  );
  api.post(
    '/cases/:id/success-stories',
    {
      config: { access: 'success_story.write' },
      schema: {
        operationId: 'createSuccessStory',
        tags,
        summary: 'Write a success story on the case (free form); it is used for nothing until the person consents',
        params: idParams,
        body: createStoryBody,
        response: { 201: successStory },
      },
    },
    async (request, reply) => reply.status(201).send(await stories().create(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/success-stories/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getSuccessStory', tags, summary: 'One success story', params: idParams, response: { 200: successStory } },
    },
    async (request) => stories().get(request.ctx, request.params.id),
  );
  api.patch(
    '/success-stories/:id',
    {
      config: { access: 'success_story.write' },
      schema: {
        operationId: 'updateSuccessStory',
        tags,
        summary: 'Change the title or text; an anonymised copy made before is outdated and must be made again',
        params: idParams,
        body: updateStoryBody,
        response: { 200: successStory },
      },
    },
    async (request) => stories().update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/success-stories/:id/consents',
    {
      config: { access: 'success_story.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'recordStoryConsent',
        tags,
        summary: "Record the person's consent to one use of the story, or its withdrawal – in force at once",
        params: idParams,
        body: recordConsentBody,
        response: { 201: successStory },
      },
    },
    async (request, reply) => reply.status(201).send(await stories().recordConsent(request.ctx, request.params.id, request.body)),
  );
  api.post(
    '/success-stories/:id/anonymise',
    {
      config: { access: 'success_story.write' },
      schema: {
        operationId: 'anonymiseSuccessStory',
        tags,
        summary: 'Make the anonymised copy: names, places, contacts and dates replaced as proposed, except those kept',
        params: idParams,
        body: anonymiseBody,
        response: { 200: successStory },
      },
    },
    async (request) => stories().anonymise(request.ctx, request.params.id, request.body),
  );
  api.patch(
    '/success-stories/:id/anonymised',
    {
      config: { access: 'success_story.review', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'editAnonymisedStory',
        tags,
        summary: 'The reviewer edits the anonymised copy (not one who wrote the story); an approval given before lapses',
        params: idParams,
        body: updateAnonymisedBody,
        response: { 200: successStory },
      },
    },
    async (request) => stories().editCopy(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/success-stories/:id/approval',
    {
      config: { access: 'success_story.review', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'approveAnonymisedStory',
        tags,
        summary: 'The reviewer approves the anonymised copy as it stands: needed before it is used in reports or published',
        params: idParams,
        body: approveAnonymisedBody,
        response: { 200: successStory },
      },
    },
    async (request) => stories().approve(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/success-stories/:id/uses',
    {
      config: { access: 'success_story.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'recordStoryUse',
        tags,
        summary: 'Record a use of the story – refused unless consent to it is in force and, beyond the agency, the copy approved',
        params: idParams,
        body: recordUseBody,
        response: { 201: storyUseRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await stories().recordUse(request.ctx, request.params.id, request.body)),
  );
}
