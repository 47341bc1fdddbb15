import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, page, pageQuery } from '../../contracts/common.ts';
import { caseRecord, createPersonBody, openCaseBody, person, updatePersonBody } from '../../contracts/person.ts';
import type { Services } from '../app.ts';

export function registerPersonRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/persons', { config: { access: 'persons.create' }, schema: { tags: ['persons'], body: createPersonBody, response: { 201: person } } },
    async (request, reply) => reply.status(201).send(await services.persons.create(request.ctx, request.body)));
  api.get('/persons', { config: { access: 'persons.read' }, schema: { tags: ['persons'], querystring: pageQuery, response: { 200: page(person) } } },
    async (request) => services.persons.list(request.ctx, request.query.limit, request.query.cursor));
  api.get('/persons/:id', { config: { access: 'persons.read' }, schema: { tags: ['persons'], params: idParams, response: { 200: person } } },
    async (request) => services.persons.get(request.ctx, request.params.id));
  api.patch('/persons/:id', { config: { access: 'persons.update' }, schema: { tags: ['persons'], params: idParams, body: updatePersonBody, response: { 200: person } } },
    async (request) => services.persons.update(request.ctx, request.params.id, request.body));

  api.post('/cases', { config: { access: 'cases.open' }, schema: { tags: ['cases'], body: openCaseBody, response: { 201: caseRecord } } },
    async (request, reply) => reply.status(201).send(await services.persons.openCase(request.ctx, request.body)));
  api.get('/cases/:id', { config: { access: 'cases.read' }, schema: { tags: ['cases'], params: idParams, response: { 200: caseRecord } } },
    async (request) => services.persons.getCase(request.ctx, request.params.id));
}
