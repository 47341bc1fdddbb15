import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import { createStaffBody, resetStaffPasswordBody, staffListQuery, staffMember, updateStaffBody } from './staff.contract.ts';

export function registerStaffRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/staff',
    {
      config: { access: 'staff.read' },
      schema: {
        operationId: 'listStaff',
        summary: 'Staff members',
        tags: ['staff'],
        querystring: staffListQuery,
        response: { 200: page(staffMember) },
      },
    },
    async (request) => services.staff.list(request.query),
  );
  api.post(
    '/staff',
    {
      config: { access: 'staff.manage' },
      schema: {
        operationId: 'createStaffMember',
        summary: 'Create a staff account',
        tags: ['staff'],
        body: createStaffBody,
        response: { 201: staffMember },
      },
    },
    async (request, reply) => reply.status(201).send(await services.staff.create(request.ctx, request.body)),
  );
  api.get(
    '/staff/:id',
    {
      config: { access: 'staff.read' },
      schema: {
        operationId: 'getStaffMember',
        summary: 'One staff member',
        tags: ['staff'],
        params: idParams,
        response: { 200: staffMember },
      },
    },
    async (request) => services.staff.get(request.params.id),
  );
  api.patch(
    '/staff/:id',
    {
      config: { access: 'staff.manage', problems: ['forbidden'] },
      schema: {
        operationId: 'updateStaffMember',
        summary: 'Change a staff member: name, roles, unit, partner organisation, status or duty',
        tags: ['staff'],
        params: idParams,
        body: updateStaffBody,
        response: { 200: staffMember },
      },
    },
    async (request) => services.staff.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/staff/:id/password',
    {
      config: { access: 'staff.manage' },
      schema: {
        operationId: 'resetStaffPassword',
        summary: "Set a staff member's password; ends their sessions",
        tags: ['staff'],
        params: idParams,
        body: resetStaffPasswordBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await services.staff.resetPassword(request.ctx, request.params.id, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
