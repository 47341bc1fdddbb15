import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf, page, pageQuery } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { personCase } from '../case/case.contract.ts';
import {
  addRelationBody,
  createPersonBody,
  decideLinkRequestBody,
  duplicateCheckBody,
  duplicateCheckResult,
  linkPersonBody,
  person,
  personLink,
  personLinkRequest,
  personRelation,
  personVersion,
  restrictionBody,
  revealPersonBody,
  unlinkPersonBody,
  updatePersonBody,
} from './person.contract.ts';

export function registerPersonRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/persons',
    {
      config: { access: 'persons.create', problems: ['possible_duplicate'] },
      schema: {
        operationId: 'createPerson',
        tags: ['persons'],
        summary: 'Register a person (a strong duplicate needs confirmedDistinctFrom)',
        body: createPersonBody,
        response: { 201: person },
      },
    },
    async (request, reply) => reply.status(201).send(await services.persons.create(request.ctx, request.body)),
  );
  api.get(
    '/persons',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listPersons',
        summary: 'People the caller may see, a page at a time',
        tags: ['persons'],
        querystring: pageQuery,
        response: { 200: page(person) },
      },
    },
    async (request) => services.persons.list(request.ctx, request.query.limit, request.query.cursor),
  );
  api.post(
    '/persons/duplicates',
    {
      config: { access: 'persons.create' },
      schema: {
        operationId: 'findDuplicateCandidates',
        tags: ['persons'],
        summary: 'People who may be the same as the one being registered',
        body: duplicateCheckBody,
        response: { 200: duplicateCheckResult },
      },
    },
    async (request) => services.persons.checkDuplicates(request.ctx, request.body),
  );
  api.get(
    '/persons/:id',
    {
      config: { access: 'persons.read' },
      schema: { operationId: 'getPerson', summary: 'One person', tags: ['persons'], params: idParams, response: { 200: person } },
    },
    async (request) => services.persons.get(request.ctx, request.params.id),
  );
  api.patch(
    '/persons/:id',
    {
      config: { access: 'persons.update' },
      schema: {
        operationId: 'updatePerson',
        summary: "Change a person's details; the earlier version stays in the edit history",
        tags: ['persons'],
        params: idParams,
        body: updatePersonBody,
        response: { 200: person },
      },
    },
    async (request) => services.persons.update(request.ctx, request.params.id, request.body),
  );
  api.get(
    '/persons/:id/history',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listPersonHistory',
        tags: ['persons'],
        summary: 'Edit history, newest first',
        params: idParams,
        response: { 200: listOf(personVersion) },
      },
    },
    async (request) => ({ items: await services.persons.history(request.ctx, request.params.id) }),
  );
  api.get(
    '/persons/:id/cases',
    {
      config: { access: 'cases.read' },
      schema: {
        operationId: 'listPersonCases',
        tags: ['persons'],
        summary: "The person's cases the caller may open, newest first",
        params: idParams,
        response: { 200: listOf(personCase) },
      },
    },
    async (request) => ({ items: await services.cases.listForPerson(request.ctx, request.params.id) }),
  );
  api.get(
    '/persons/:id/links',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listPersonLinks',
        summary: 'Other records of the same person, linked to this one',
        tags: ['persons'],
        params: idParams,
        response: { 200: listOf(personLink) },
      },
    },
    async (request) => ({ items: await services.persons.links(request.ctx, request.params.id) }),
  );
  api.post(
    '/persons/:id/links',
    {
      config: { access: 'persons.update', problems: ['already_exists'] },
      schema: {
        operationId: 'linkPerson',
        tags: ['persons'],
        summary: 'Link two records of the same person (never merged)',
        params: idParams,
        body: linkPersonBody,
        response: { 201: personLink },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.persons.link(request.ctx, request.params.id, request.body.otherPersonId, request.body.reason)),
  );
  api.get(
    '/persons/:id/relations',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'listPersonRelations',
        tags: ['persons'],
        summary: 'Relatives and household members',
        params: idParams,
        response: { 200: listOf(personRelation) },
      },
    },
    async (request) => ({ items: await services.persons.relations(request.ctx, request.params.id) }),
  );
  api.post(
    '/persons/:id/relations',
    {
      config: { access: 'persons.update' },
      schema: {
        operationId: 'addPersonRelation',
        summary: 'Add a relative or household member',
        tags: ['persons'],
        params: idParams,
        body: addRelationBody,
        response: { 201: personRelation },
      },
    },
    async (request, reply) => reply.status(201).send(await services.persons.addRelation(request.ctx, request.params.id, request.body)),
  );
  api.post(
    '/person-links/:id/unlink',
    {
      config: { access: 'persons.update', problems: ['already_exists'] },
      schema: {
        operationId: 'unlinkPerson',
        summary: 'Remove a link between two records, with a reason; the link stays readable',
        tags: ['persons'],
        params: idParams,
        body: unlinkPersonBody,
        response: { 200: personLink },
      },
    },
    async (request) => services.persons.unlink(request.ctx, request.params.id, request.body.reason),
  );

  for (const [path, restricted, operationId, summary] of [
    [
      '/persons/:id/restriction',
      true,
      'restrictPersonProcessing',
      "Restrict processing at the person's request (GDPR art. 18): nothing about them leaves the agency but what the law requires",
    ],
    ['/persons/:id/restriction/lift', false, 'liftPersonRestriction', 'End the restriction of processing, with the reason'],
  ] as const) {
    api.post(
      path,
      {
        config: { access: 'persons.update', problems: ['transition_not_allowed'] },
        schema: { operationId, summary, tags: ['persons'], params: idParams, body: restrictionBody, response: { 200: person } },
      },
      async (request) => services.persons.setRestriction(request.ctx, request.params.id, request.body, restricted),
    );
  }
  api.post(
    '/persons/:id/reveal',
    {
      config: { access: 'persons.create' },
      schema: {
        operationId: 'revealPerson',
        summary:
          "Show in full a possible duplicate the caller cannot open: supervision may, others with a reason; audited, and the person's worker is told",
        tags: ['persons'],
        params: idParams,
        body: revealPersonBody,
        response: { 200: person },
      },
    },
    async (request) => services.persons.reveal(request.ctx, request.params.id, request.body.reason),
  );
  api.get(
    '/person-link-requests',
    {
      config: { access: 'persons.update' },
      schema: {
        operationId: 'listLinkRequests',
        summary: 'Open requests to link a record the caller can see with one registered elsewhere',
        tags: ['persons'],
        response: { 200: listOf(personLinkRequest) },
      },
    },
    async (request) => ({ items: await services.persons.linkRequests(request.ctx) }),
  );
  api.post(
    '/person-link-requests/:id/accept',
    {
      config: { access: 'persons.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'acceptLinkRequest',
        summary: 'The two records are the same person: link them (never merged)',
        tags: ['persons'],
        params: idParams,
        body: decideLinkRequestBody,
        response: { 200: personLinkRequest },
      },
    },
    async (request) => services.persons.acceptLinkRequest(request.ctx, request.params.id, request.body.note),
  );
  api.post(
    '/person-link-requests/:id/decline',
    {
      config: { access: 'persons.update', problems: ['transition_not_allowed'] },
      schema: {
        operationId: 'declineLinkRequest',
        summary: 'The two records are different people: close the request with a note',
        tags: ['persons'],
        params: idParams,
        body: decideLinkRequestBody,
        response: { 200: personLinkRequest },
      },
    },
    async (request) => services.persons.declineLinkRequest(request.ctx, request.params.id, request.body.note),
  );
}
