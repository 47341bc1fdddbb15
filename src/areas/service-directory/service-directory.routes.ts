import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { sendDownload } from '../../server/download.ts';
import {
  createServiceBody,
  directoryQuery,
  directoryService,
  exportQuery,
  importBody,
  importResult,
  updateServiceBody,
  verifyServiceBody,
} from './service-directory.contract.ts';

export function registerServiceDirectoryRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service-directory'];

  api.get(
    '/directory/services',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'searchDirectoryServices',
        tags,
        summary: 'The services of the partner network, by name: by kind, area, language, opening hours and words',
        querystring: directoryQuery,
        response: { 200: page(directoryService) },
      },
    },
    async (request) => services.serviceDirectory.list(request.ctx, request.query),
  );
  api.get(
    '/directory/services/:id',
    {
      config: { access: 'partners.read' },
      schema: { operationId: 'getDirectoryService', tags, summary: 'One service', params: idParams, response: { 200: directoryService } },
    },
    async (request) => services.serviceDirectory.get(request.ctx, request.params.id),
  );
  api.post(
    '/directory/services',
    {
      config: { access: 'directory.manage' },
      schema: {
        operationId: 'createDirectoryService',
        tags,
        summary: "Add a service to a partner organisation's entry",
        body: createServiceBody,
        response: { 201: directoryService },
      },
    },
    async (request, reply) => reply.status(201).send(await services.serviceDirectory.create(request.ctx, request.body)),
  );
  api.put(
    '/directory/services/:id',
    {
      config: { access: 'directory.manage' },
      schema: {
        operationId: 'updateDirectoryService',
        tags,
        summary: 'Change a service (what an import brought beyond these fields is kept)',
        params: idParams,
        body: updateServiceBody,
        response: { 200: directoryService },
      },
    },
    async (request) => services.serviceDirectory.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/directory/services/:id/verify',
    {
      config: { access: 'directory.manage' },
      schema: {
        operationId: 'verifyDirectoryService',
        tags,
        summary: 'Record that the service was checked with the partner today',
        params: idParams,
        body: verifyServiceBody,
        response: { 200: directoryService },
      },
    },
    async (request) => services.serviceDirectory.verify(request.ctx, request.params.id, request.body.version),
  );
  api.get(
    '/directory/export',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'exportDirectory',
        tags,
        summary:
          'The whole directory in Open Referral HSDS 3.0 – JSON (services with their organisations) or the tabular data package – or as a FHIR R4 Bundle',
        querystring: exportQuery,
        produces: ['application/json', 'application/zip', 'application/fhir+json'],
      },
    },
    async (request, reply) => {
      if (request.query.format === 'fhir') {
        const bundle = await services.serviceDirectory.exportFhir(request.ctx);
        return sendDownload(reply, {
          fileName: 'service-directory-fhir.json',
          mediaType: 'application/fhir+json; charset=utf-8',
          content: Buffer.from(JSON.stringify(bundle, null, 2)),
        });
      }
      if (request.query.format === 'json') {
        const body = await services.serviceDirectory.exportJson(request.ctx);
        return sendDownload(reply, {
          fileName: 'service-directory-hsds.json',
          mediaType: 'application/json',
          content: Buffer.from(JSON.stringify(body, null, 2)),
        });
      }
      const zip = await services.serviceDirectory.exportTabular(request.ctx);
      return sendDownload(reply, { fileName: 'service-directory-hsds.zip', mediaType: 'application/zip', content: Buffer.from(zip) });
    },
  );
  api.post(
    '/directory/import',
    {
      config: { access: 'directory.manage' },
      schema: {
        operationId: 'importDirectory',
        tags,
        summary: 'Add or update services and their organisations from Open Referral HSDS 3.0 JSON, checked against the official schema',
        body: importBody,
        response: { 200: importResult },
      },
    },
    async (request) => services.serviceDirectory.import(request.ctx, request.body as never),
  );
}
