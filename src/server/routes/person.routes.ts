import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../contracts/common.ts';
import {
  caseRecord, changeStageBody, createPersonBody, duplicateCandidate, duplicateCheckBody, linkPersonBody, openCaseBody, person, personLink,
  personRelation, personVersion, reassignCaseBody, addRelationBody, unlinkPersonBody, updatePersonBody, clearCrisisBody, caseStage, priority,
} from '../../contracts/person.ts';
import type { Services } from '../app.ts';

export function registerPersonRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/persons', { config: { access: 'persons.create' }, schema: { tags: ['persons'], summary: 'Register a person (a strong duplicate needs confirmedDistinctFrom)', body: createPersonBody, response: { 201: person } } },
    async (request, reply) => reply.status(201).send(await services.persons.create(request.ctx, request.body)));
  api.get('/persons', { config: { access: 'persons.read' }, schema: { tags: ['persons'], querystring: pageQuery, response: { 200: page(person) } } },
    async (request) => services.persons.list(request.ctx, request.query.limit, request.query.cursor));
  api.post('/persons/duplicates', { config: { access: 'persons.create' }, schema: { tags: ['persons'], summary: 'People who may be the same as the one being registered', body: duplicateCheckBody, response: { 200: z.object({ candidates: z.array(duplicateCandidate) }) } } },
    async (request) => services.persons.checkDuplicates(request.ctx, request.body));
  api.get('/persons/:id', { config: { access: 'persons.read' }, schema: { tags: ['persons'], params: idParams, response: { 200: person } } },
    async (request) => services.persons.get(request.ctx, request.params.id));
  api.patch('/persons/:id', { config: { access: 'persons.update' }, schema: { tags: ['persons'], params: idParams, body: updatePersonBody, response: { 200: person } } },
    async (request) => services.persons.update(request.ctx, request.params.id, request.body));
  api.get('/persons/:id/history', { config: { access: 'persons.read' }, schema: { tags: ['persons'], summary: 'Edit history, newest first', params: idParams, response: { 200: z.object({ items: z.array(personVersion) }) } } },
    async (request) => ({ items: await services.persons.history(request.ctx, request.params.id) }));
  api.get('/persons/:id/cases', { config: { access: 'cases.read' }, schema: { tags: ['persons'], summary: "The person's cases the caller may open, newest first", params: idParams, response: { 200: z.object({ items: z.array(z.object({
    id: z.uuid(), caseNumber: z.string(), stage: caseStage, priority, openedAt: z.iso.datetime(), closedAt: z.iso.datetime().nullable(),
  })) }) } } },
  async (request) => ({ items: await services.cases.listForPerson(request.ctx, request.params.id) }));
  api.get('/persons/:id/links', { config: { access: 'persons.read' }, schema: { tags: ['persons'], params: idParams, response: { 200: z.object({ items: z.array(personLink) }) } } },
    async (request) => ({ items: await services.persons.links(request.ctx, request.params.id) }));
  api.post('/persons/:id/links', { config: { access: 'persons.update' }, schema: { tags: ['persons'], summary: 'Link two records of the same person (never merged)', params: idParams, body: linkPersonBody, response: { 201: personLink } } },
    async (request, reply) => reply.status(201).send(await services.persons.link(request.ctx, request.params.id, request.body.otherPersonId, request.body.reason)));
  api.get('/persons/:id/relations', { config: { access: 'persons.read' }, schema: { tags: ['persons'], summary: 'Relatives and household members', params: idParams, response: { 200: z.object({ items: z.array(personRelation) }) } } },
    async (request) => ({ items: await services.persons.relations(request.ctx, request.params.id) }));
  api.post('/persons/:id/relations', { config: { access: 'persons.update' }, schema: { tags: ['persons'], params: idParams, body: addRelationBody, response: { 201: personRelation } } },
    async (request, reply) => reply.status(201).send(await services.persons.addRelation(request.ctx, request.params.id, request.body)));
  api.post('/person-links/:id/unlink', { config: { access: 'persons.update' }, schema: { tags: ['persons'], params: idParams, body: unlinkPersonBody, response: { 200: personLink } } },
    async (request) => services.persons.unlink(request.ctx, request.params.id, request.body.reason));

  api.post('/cases', { config: { access: 'cases.open' }, schema: { tags: ['cases'], body: openCaseBody, response: { 201: caseRecord } } },
    async (request, reply) => reply.status(201).send(await services.cases.open(request.ctx, request.body)));
  api.get('/cases/:id', { config: { access: 'cases.read' }, schema: { tags: ['cases'], params: idParams, response: { 200: caseRecord } } },
    async (request) => services.cases.get(request.ctx, request.params.id));
  api.post('/cases/:id/stage', { config: { access: 'cases.update' }, schema: { tags: ['cases'], summary: 'Move the case to another stage (allowed transitions only)', params: idParams, body: changeStageBody, response: { 200: caseRecord } } },
    async (request) => services.cases.changeStage(request.ctx, request.params.id, request.body));
  api.post('/cases/:id/reassign', { config: { access: 'cases.assign' }, schema: { tags: ['cases'], summary: 'Give the case another responsible worker, with a reason', params: idParams, body: reassignCaseBody, response: { 200: caseRecord } } },
    async (request) => services.cases.reassign(request.ctx, request.params.id, request.body));
  api.post('/cases/:id/crisis/clear', { config: { access: 'cases.assign' }, schema: { tags: ['cases'], summary: 'End the crisis flag after the safety follow-up (supervision), recording what was done', params: idParams, body: clearCrisisBody, response: { 200: caseRecord } } },
    async (request) => services.cases.clearCrisis(request.ctx, request.params.id, request.body));
}
