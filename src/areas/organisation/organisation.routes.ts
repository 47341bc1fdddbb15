import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, page, pageQuery } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  agency,
  createPartnerOrganisationBody,
  createUnitBody,
  partnerOrganisation,
  setupChecklist,
  unit,
  updateAgencyBody,
  updatePartnerOrganisationBody,
  updateUnitBody,
} from './organisation.contract.ts';

export function registerOrganisationRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/agency',
    {
      config: { access: 'agency.read' },
      schema: { operationId: 'getAgency', summary: "The agency's settings", tags: ['organisation'], response: { 200: agency } },
    },
    async (request) => services.organisation.getAgency(request.ctx),
  );
  api.put(
    '/agency',
    {
      config: { access: 'agency.manage' },
      schema: {
        operationId: 'updateAgency',
        summary: "Change the agency's settings",
        tags: ['organisation'],
        body: updateAgencyBody,
        response: { 200: agency },
      },
    },
    async (request) => services.organisation.updateAgency(request.ctx, request.body),
  );

  api.get(
    '/agency/setup-checklist',
    {
      config: { access: 'agency.manage' },
      schema: {
        operationId: 'getSetupChecklist',
        summary: 'What the agency has set up and what it has not: each item done or not, with its count',
        tags: ['organisation'],
        response: { 200: setupChecklist },
      },
    },
    async (request) => services.organisation.setupChecklist(request.ctx),
  );

  api.get(
    '/units',
    {
      config: { access: 'units.read' },
      schema: {
        operationId: 'listUnits',
        summary: "The agency's units",
        tags: ['organisation'],
        querystring: pageQuery,
        response: { 200: page(unit) },
      },
    },
    async (request) => services.organisation.listUnits(request.ctx, request.query.limit, request.query.cursor),
  );
  api.post(
    '/units',
    {
      config: { access: 'units.manage' },
      schema: { operationId: 'createUnit', summary: 'Add a unit', tags: ['organisation'], body: createUnitBody, response: { 201: unit } },
    },
    async (request, reply) => reply.status(201).send(await services.organisation.createUnit(request.ctx, request.body)),
  );
  api.patch(
    '/units/:id',
    {
      config: { access: 'units.manage' },
      schema: {
        operationId: 'updateUnit',
        summary: 'Change a unit',
        tags: ['organisation'],
        params: idParams,
        body: updateUnitBody,
        response: { 200: unit },
      },
    },
    async (request) => services.organisation.updateUnit(request.ctx, request.params.id, request.body),
  );

  api.get(
    '/partner-organisations',
    {
      config: { access: 'partners.read' },
      schema: {
        operationId: 'listPartnerOrganisations',
        summary: 'Partner organisations',
        tags: ['organisation'],
        querystring: pageQuery,
        response: { 200: page(partnerOrganisation) },
      },
    },
    async (request) => services.organisation.listPartners(request.ctx, request.query.limit, request.query.cursor),
  );
  api.post(
    '/partner-organisations',
    {
      config: { access: 'partners.manage' },
      schema: {
        operationId: 'createPartnerOrganisation',
        summary: 'Add a partner organisation',
        tags: ['organisation'],
        body: createPartnerOrganisationBody,
        response: { 201: partnerOrganisation },
      },
    },
    async (request, reply) => reply.status(201).send(await services.organisation.createPartner(request.ctx, request.body)),
  );
  api.patch(
    '/partner-organisations/:id',
    {
      config: { access: 'partners.manage' },
      schema: {
        operationId: 'updatePartnerOrganisation',
        summary: "Change a partner organisation's contact details, services and regions",
        tags: ['organisation'],
        params: idParams,
        body: updatePartnerOrganisationBody,
        response: { 200: partnerOrganisation },
      },
    },
    async (request) => services.organisation.updatePartner(request.ctx, request.params.id, request.body),
  );
}
