import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  createMfaResetRequestBody,
  createStaffBody,
  decideMfaResetBody,
  mfaResetRequest,
  resetStaffPasswordBody,
  staffListQuery,
  staffMember,
  temporaryPassword,
  updateStaffBody,
} from './staff.contract.ts';

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
    async (request) => services.staff.list(request.ctx, request.query),
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
    async (request) => services.staff.get(request.ctx, request.params.id),
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
        tags: ['staff'],
        summary:
          'Reset a password: a one-time temporary password, shown once, that must be replaced at sign-in; ends the sessions and alerts the staff member',
        params: idParams,
        body: resetStaffPasswordBody,
        response: { 200: temporaryPassword },
      },
    },
    async (request) => services.staff.resetPassword(request.ctx, request.params.id),
  );

  api.post(
    '/staff/:id/mfa-reset-requests',
    {
      config: { access: 'staff.mfa_reset' },
      schema: {
        operationId: 'requestMfaReset',
        tags: ['staff'],
        summary: "Ask for a staff member's second factor to be removed; another administrator or the agency head must approve",
        params: idParams,
        body: createMfaResetRequestBody,
        response: { 201: mfaResetRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await services.mfaResets.request(request.ctx, request.params.id, request.body.reason)),
  );
  api.get(
    '/mfa-reset-requests',
    {
      config: { access: 'staff.mfa_reset' },
      schema: {
        operationId: 'listMfaResetRequests',
        tags: ['staff'],
        summary: 'Second-factor reset requests waiting for a decision',
        response: { 200: listOf(mfaResetRequest) },
      },
    },
    async (request) => services.mfaResets.listPending(request.ctx),
  );
  api.post(
    '/mfa-reset-requests/:id/approve',
    {
      config: { access: 'staff.mfa_reset' },
      schema: {
        operationId: 'approveMfaReset',
        tags: ['staff'],
        summary: 'Approve a reset someone else requested: the second factor is removed and the sessions end',
        params: idParams,
        body: decideMfaResetBody,
        response: { 200: mfaResetRequest },
      },
    },
    async (request) => services.mfaResets.approve(request.ctx, request.params.id),
  );
  api.post(
    '/mfa-reset-requests/:id/decline',
    {
      config: { access: 'staff.mfa_reset' },
      schema: {
        operationId: 'declineMfaReset',
        tags: ['staff'],
        summary: 'Decline a reset request, or withdraw one of your own',
        params: idParams,
        body: decideMfaResetBody,
        response: { 200: mfaResetRequest },
      },
    },
    async (request) => services.mfaResets.decline(request.ctx, request.params.id),
  );
}
