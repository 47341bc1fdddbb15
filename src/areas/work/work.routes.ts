import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, listOf, ok } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  alert,
  caseload,
  caseloadQuery,
  caseOverview,
  draft,
  draftKeyParams,
  keyFigures,
  saveDraftBody,
  savedDraft,
  searchQuery,
  searchResults,
  today,
  unitOverview,
} from './work.contract.ts';

export function registerWorkRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['work'];

  api.get(
    '/work/today',
    {
      config: { access: 'requests.read' },
      schema: {
        operationId: 'getToday',
        tags,
        summary: 'Overdue and due-today deadlines, urgent requests and cases',
        response: { 200: today },
      },
    },
    async (request) => services.work.today(request.ctx) as never,
  );
  api.get(
    '/work/caseload',
    {
      config: { access: 'cases.read' },
      schema: { operationId: 'getCaseload', tags, summary: 'My caseload', querystring: caseloadQuery, response: { 200: caseload } },
    },
    async (request) => services.work.caseload(request.ctx, request.query) as never,
  );
  api.get(
    '/work/unit',
    {
      config: { access: 'cases.assign' },
      schema: { operationId: 'getUnitOverview', tags, summary: "The supervisor's overview of their unit", response: { 200: unitOverview } },
    },
    async (request) => services.work.unitOverview(request.ctx) as never,
  );
  api.get(
    '/work/key-figures',
    {
      config: { access: 'reports.read' },
      schema: {
        operationId: 'getKeyFigures',
        tags,
        summary: "The agency's key figures of the month so far, in its time zone: counts only",
        response: { 200: keyFigures },
      },
    },
    async (request) => services.work.keyFigures(request.ctx),
  );
  api.get(
    '/search',
    {
      config: { access: 'persons.read' },
      schema: {
        operationId: 'search',
        tags,
        summary: 'Find people and cases: names in any script, birth date, case number, phone, national ID',
        querystring: searchQuery,
        response: { 200: searchResults },
      },
    },
    async (request) => services.work.search(request.ctx, request.query.q, request.query.limit, request.query.cursor),
  );

  api.get(
    '/drafts/:key',
    {
      config: { access: 'drafts.own' },
      schema: { operationId: 'getDraft', tags, summary: 'An autosaved form draft', params: draftKeyParams, response: { 200: draft } },
    },
    async (request) => services.work.getDraft(request.ctx, request.params.key),
  );
  api.put(
    '/drafts/:key',
    {
      config: { access: 'drafts.own' },
      schema: {
        operationId: 'saveDraft',
        tags,
        summary: 'Autosave a form draft',
        params: draftKeyParams,
        body: saveDraftBody,
        response: { 200: savedDraft },
      },
    },
    async (request) => services.work.saveDraft(request.ctx, request.params.key, request.body.data),
  );
  api.delete(
    '/drafts/:key',
    {
      config: { access: 'drafts.own' },
      schema: {
        operationId: 'deleteDraft',
        summary: 'Delete an autosaved form draft',
        tags,
        params: draftKeyParams,
        response: { 200: ok },
      },
    },
    async (request) => services.work.deleteDraft(request.ctx, request.params.key),
  );

  api.get(
    '/cases/:id/overview',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getCaseOverview',
        tags: ['cases'],
        summary:
          'The case page in one read: the case, the person, who holds it, its agreement, the request it came from, open deadlines, the active plan with its steps, a plan in preparation, the latest assessment',
        params: idParams,
        response: { 200: caseOverview },
      },
    },
    async (request) => services.caseOverview.overview(request.ctx, request.params.id),
  );

  api.get(
    '/alerts',
    {
      config: { access: 'session.self' },
      schema: { operationId: 'listAlerts', tags, summary: 'My unread alerts', response: { 200: listOf(alert) } },
    },
    async (request) => ({ items: await services.work.alerts(request.ctx) }),
  );
  api.post(
    '/alerts/:id/dismiss',
    {
      config: { access: 'session.self' },
      schema: {
        tags,
        operationId: 'dismissAlert',
        summary: 'Dismiss one of my alerts',
        params: idParams,
        body: z.strictObject({}).nullish(),
        response: { 200: ok },
      },
    },
    async (request) => services.work.dismissAlert(request.ctx, request.params.id),
  );
}
