import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf, page } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  createMfaResetRequestBody,
  createPartnerStaffBody,
  createStaffBody,
  decideMfaResetBody,
  mfaResetRequest,
  partnerStaffList,
  resetStaffPasswordBody,
  staffListQuery,
  staffMember,
  temporaryPassword,
  updatePartnerStaffBody,
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

  // A partner organisation's own administrator: its staff accounts only.
  const partnerTags = ['partner-portal'];
  api.get(
    '/partner/staff',
    {
      config: { access: 'partner_staff.manage' },
      schema: {
        operationId: 'listPartnerStaff',
        tags: partnerTags,
        summary: "The staff accounts of the administrator's partner organisation",
        response: { 200: partnerStaffList },
      },
    },
    async (request) => services.staff.listPartnerStaff(request.ctx),
  );
  api.post(
    '/partner/staff',
    {
      config: { access: 'partner_staff.manage' },
      schema: {
        operationId: 'createPartnerStaff',
        tags: partnerTags,
        summary: "Add a staff account to the organisation: a partner provider, perhaps also the organisation's administrator",
        body: createPartnerStaffBody,
        response: { 201: staffMember },
      },
    },
    async (request, reply) => reply.status(201).send(await services.staff.createPartnerStaff(request.ctx, request.body)),
  );
  api.patch(
    '/partner/staff/:id',
    {
      config: { access: 'partner_staff.manage' },
      schema: {
        operationId: 'updatePartnerStaff',
        tags: partnerTags,
        summary: "Rename, disable or enable a colleague's account, or give or take the organisation's administration",
        params: idParams,
        body: updatePartnerStaffBody,
        response: { 200: staffMember },
      },
    },
    async (request) => services.staff.updatePartnerStaff(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/partner/staff/:id/password',
    {
      config: { access: 'partner_staff.manage' },
      schema: {
        operationId: 'resetPartnerStaffPassword',
        tags: partnerTags,
        summary: "Reset a colleague's password: a one-time temporary password, shown once",
        params: idParams,
        body: resetStaffPasswordBody,
        response: { 200: temporaryPassword },
      },
    },
    async (request) => services.staff.resetPartnerStaffPassword(request.ctx, request.params.id),
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
