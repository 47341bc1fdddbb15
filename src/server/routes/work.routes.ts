import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseStage, priority } from '../../contracts/person.ts';
import type { Services } from '../app.ts';

const draftKey = z.strictObject({ key: z.string().regex(/^[a-z0-9:_-]{1,100}$/, 'Use lower-case letters, digits, colon, dash or underscore') });
const listLimit = { limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(200).optional() };
/** A search shows a screenful; more on request. */
const SEARCH_PAGE_SIZE = 20;
const dated = z.object({ id: z.uuid(), dueAt: z.iso.datetime(), overdue: z.boolean() });

export function registerWorkRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/work/today', {
    config: { access: 'requests.read' },
    schema: { tags: ['work'], summary: 'Overdue and due-today deadlines, urgent requests and cases', response: { 200: z.object({
      requests: z.array(dated.extend({ receiptNumber: z.string(), priority })),
      referralFollowUps: z.array(dated.extend({ requestId: z.uuid(), receiptNumber: z.string(), organisationName: z.string() })),
      urgentCases: z.array(z.object({ id: z.uuid(), caseNumber: z.string(), stage: caseStage, openedAt: z.iso.datetime() })),
      steps: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), stepId: z.uuid(), what: z.string(), dueDate: z.iso.date(), overdue: z.boolean() })),
      planReviews: z.array(z.object({ planId: z.uuid(), caseId: z.uuid(), caseNumber: z.string(), reviewDate: z.iso.date(), overdue: z.boolean() })),
    }) } },
  }, async (request) => services.work.today(request.ctx) as never);

  api.get('/work/caseload', {
    config: { access: 'cases.read' },
    schema: { tags: ['work'], summary: 'My caseload', querystring: z.strictObject({ stage: caseStage.optional(), priority: priority.optional(), ...listLimit }), response: { 200: z.object({
      items: z.array(z.object({ id: z.uuid(), caseNumber: z.string(), personId: z.uuid(), personName: z.string(), stage: caseStage, priority, responsible: z.boolean(), openedAt: z.iso.datetime() })),
      nextCursor: z.string().nullable(),
    }) } },
  }, async (request) => services.work.caseload(request.ctx, request.query) as never);

  api.get('/work/unit', {
    config: { access: 'cases.assign' },
    schema: { tags: ['work'], summary: "The supervisor's overview of their unit", response: { 200: z.object({
      unitId: z.uuid().nullable(),
      byWorker: z.array(z.object({ staffId: z.uuid(), name: z.string(), openCases: z.int(), urgentCases: z.int() })),
      byStage: z.array(z.object({ stage: caseStage, count: z.int() })),
      openRequests: z.int(),
      overdueRequests: z.int(),
    }) } },
  }, async (request) => services.work.unitOverview(request.ctx) as never);

  api.get('/search', {
    config: { access: 'persons.read' },
    schema: { tags: ['work'], summary: 'Find people and cases: names in any script, birth date, case number, phone, national ID', querystring: z.strictObject({ q: z.string().trim().min(2).max(200), ...listLimit, limit: listLimit.limit.unwrap().default(SEARCH_PAGE_SIZE) }), response: { 200: z.object({
      items: z.array(z.object({
        personId: z.uuid(), givenName: z.string(), familyName: z.string(), birthDate: z.iso.date().nullable(),
        cases: z.array(z.object({ id: z.uuid(), caseNumber: z.string() })), caseNumbers: z.array(z.string()), score: z.int(),
      })),
      nextCursor: z.string().nullable(),
    }) } },
  }, async (request) => services.work.search(request.ctx, request.query.q, request.query.limit, request.query.cursor));

  api.get('/drafts/:key', { config: { access: 'drafts.own' }, schema: { tags: ['work'], summary: 'An autosaved form draft', params: draftKey, response: { 200: z.object({ key: z.string(), data: z.unknown(), updatedAt: z.iso.datetime() }) } } },
    async (request) => services.work.getDraft(request.ctx, request.params.key));
  api.put('/drafts/:key', { config: { access: 'drafts.own' }, schema: { tags: ['work'], summary: 'Autosave a form draft', params: draftKey, body: z.strictObject({ data: z.record(z.string(), z.unknown()) }), response: { 200: z.object({ key: z.string(), updatedAt: z.iso.datetime() }) } } },
    async (request) => services.work.saveDraft(request.ctx, request.params.key, request.body.data));
  api.delete('/drafts/:key', { config: { access: 'drafts.own' }, schema: { tags: ['work'], params: draftKey, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => services.work.deleteDraft(request.ctx, request.params.key));
}
