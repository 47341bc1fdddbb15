import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  confirmLifeStoryVersionBody,
  keepLifeStoryVersionBody,
  lifeStory,
  lifeStoryPrintQuery,
  lifeStoryVersion,
  saveLifeStoryDraftBody,
} from './life-story.contract.ts';
import { renderLifeStory } from './life-story.document.ts';

export function registerLifeStoryRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['life-stories'];

  api.get(
    '/persons/:id/life-story',
    {
      config: { access: 'life_story.read' },
      schema: {
        operationId: 'getLifeStory',
        tags,
        summary: "The person's life story – its draft and the versions kept – for those working with them",
        params: idParams,
        response: { 200: lifeStory },
      },
    },
    async (request) => services.lifeStories.get(request.ctx, request.params.id),
  );
  api.put(
    '/persons/:id/life-story/draft',
    {
      config: { access: 'life_story.write' },
      schema: {
        operationId: 'saveLifeStoryDraft',
        tags,
        summary: 'Save what is written of the life story (autosave); the first save begins it',
        params: idParams,
        body: saveLifeStoryDraftBody,
        response: { 200: lifeStory },
      },
    },
    async (request) => services.lifeStories.saveDraft(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/persons/:id/life-story/versions',
    {
      config: { access: 'life_story.write', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'keepLifeStoryVersion',
        tags,
        summary: 'Keep the draft as it stands as the next version of the life story; a version never changes',
        params: idParams,
        body: keepLifeStoryVersionBody,
        response: { 201: lifeStory },
      },
    },
    async (request, reply) => reply.status(201).send(await services.lifeStories.keepVersion(request.ctx, request.params.id, request.body)),
  );
  api.get(
    '/persons/:id/life-story/print',
    {
      config: { access: 'life_story.read' },
      schema: {
        operationId: 'printLifeStory',
        produces: ['text/html'],
        tags,
        summary: "A version of the life story as a printable page in the story's language (the newest by default)",
        params: idParams,
        querystring: lifeStoryPrintQuery,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderLifeStory(await services.lifeStories.forPrint(request.ctx, request.params.id, request.query), request.query.language)),
  );
  api.get(
    '/life-story-versions/:id',
    {
      config: { access: 'life_story.read' },
      schema: {
        operationId: 'getLifeStoryVersion',
        tags,
        summary: 'One version of a life story, as it was kept',
        params: idParams,
        response: { 200: lifeStoryVersion },
      },
    },
    async (request) => services.lifeStories.getVersion(request.ctx, request.params.id),
  );
  api.post(
    '/life-story-versions/:id/confirmation',
    {
      config: { access: 'life_story.write', problems: ['already_exists'] },
      schema: {
        operationId: 'confirmLifeStoryVersion',
        tags,
        summary: 'Record that the person confirmed this version as their story as they want it told: the day and how',
        params: idParams,
        body: confirmLifeStoryVersionBody,
        response: { 201: lifeStoryVersion },
      },
    },
    async (request, reply) => reply.status(201).send(await services.lifeStories.confirm(request.ctx, request.params.id, request.body)),
  );
}
