import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf } from '../../core/access-policy.ts';
import { ok } from '../../core/common.contract.ts';
import { DomainError } from '../../core/errors.ts';
import { sessionCookieName } from '../../server/access.ts';
import type { Services } from '../../server/app.ts';
import { staffMember } from '../staff/staff.contract.ts';
import {
  accountSecurity,
  changePasswordBody,
  loginBody,
  loginResult,
  mfaCodeBody,
  mfaEnrolment,
  newPasswordBody,
  reauthBody,
  sessionInfo,
  setupBody,
  setupResult,
  updateMeBody,
} from './auth.contract.ts';
import type { ActiveSession, SessionState } from './auth.store.ts';

const empty = z.strictObject({});

export function registerAuthRoutes(app: FastifyInstance, services: Services, secureCookies: boolean): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const cookieName = sessionCookieName(secureCookies);
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
  const statusOf = (state: SessionState) => ({ status: state === 'complete' ? ('signed_in' as const) : state });
  const current = (request: FastifyRequest): ActiveSession => {
    if (!request.session) throw new DomainError('not_authenticated', 'Sign in first');
    return request.session;
  };

  api.post(
    '/auth/login',
    {
      config: { access: 'public', problems: ['invalid_credentials', 'too_many_attempts'] },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: loginBody,
        response: { 200: loginResult },
      },
    },
    async (request, reply) => {
      const { token, state } = await services.auth.login(request.ctx, request.body.email, request.body.password);
      setSessionCookie(reply, token);
      return statusOf(state);
    },
  );

  api.post(
    '/auth/mfa/verify',
    {
      config: { access: 'signed_in_partly', problems: ['invalid_mfa_code', 'too_many_attempts', 'forbidden'] },
      schema: {
        operationId: 'verifySignInCode',
        tags: ['auth'],
        summary: 'Second factor: a TOTP code',
        body: mfaCodeBody,
        response: { 200: loginResult },
      },
    },
    async (request, reply) => {
      const { token, state } = await services.auth.verifyMfa(request.ctx, current(request), request.body.code);
      setSessionCookie(reply, token);
      return statusOf(state);
    },
  );

  api.post(
    '/auth/mfa/enrol',
    {
      config: { access: 'signed_in_partly', problems: ['forbidden'] },
      schema: {
        operationId: 'startSignInMfaEnrolment',
        tags: ['auth'],
        summary: 'Start MFA enrolment when the role requires it at sign-in',
        body: empty,
        response: { 200: mfaEnrolment },
      },
    },
    async (request) => {
      const session = current(request);
      if (session.state !== 'mfa_enrolment_required') throw new DomainError('forbidden', 'Use /me/mfa/enrol from account settings');
      return services.auth.startMfaEnrolment(request.ctx, session, null);
    },
  );

  api.post(
    '/auth/mfa/confirm',
    {
      config: { access: 'signed_in_partly', problems: ['invalid_mfa_code'] },
      schema: {
        operationId: 'confirmSignInMfaEnrolment',
        tags: ['auth'],
        summary: 'Confirm MFA enrolment with a code from the new secret',
        body: mfaCodeBody,
        response: { 200: loginResult },
      },
    },
    async (request, reply) => {
      const next = await services.auth.confirmMfaEnrolment(request.ctx, current(request), request.body.code);
      if (next) setSessionCookie(reply, next.token);
      return statusOf(next?.state ?? 'complete');
    },
  );

  api.post(
    '/auth/password',
    {
      config: { access: 'signed_in_partly' },
      schema: {
        operationId: 'setNewPasswordAfterReset',
        tags: ['auth'],
        summary: 'Choose a new password after signing in with a temporary one; ends the other sessions',
        body: newPasswordBody,
        response: { 200: loginResult },
      },
    },
    async (request, reply) => {
      const { token, state } = await services.auth.setNewPassword(request.ctx, current(request), request.body.newPassword);
      setSessionCookie(reply, token);
      return statusOf(state);
    },
  );

  api.post(
    '/auth/logout',
    {
      config: { access: 'signed_in_partly' },
      schema: { operationId: 'signOut', tags: ['auth'], summary: 'End this session', body: empty.nullish(), response: { 200: ok } },
    },
    async (request, reply) => {
      await services.auth.logout(request.ctx, current(request));
      reply.clearCookie(cookieName, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/auth/session',
    {
      config: { access: 'signed_in_partly' },
      schema: {
        operationId: 'getSession',
        tags: ['auth'],
        summary: 'The signed-in user, CSRF token and session state',
        response: { 200: sessionInfo },
      },
    },
    async (request) => {
      const s = current(request);
      return {
        user: {
          id: s.actor.id,
          email: s.email,
          displayName: s.displayName,
          roles: [...s.actor.roles],
          unitId: s.actor.unitId,
          partnerOrganisationId: s.actor.partnerOrganisationId,
          locale: s.locale as never,
          mfaEnabled: s.mfaEnabled,
          notifyByEmail: s.notifyByEmail,
        },
        permissions: s.state === 'complete' ? permissionsOf(s.actor.roles) : [],
        csrfToken: s.csrfToken,
        state: s.state,
        idleTimeoutSeconds: s.idleTimeoutSeconds,
        absoluteExpiresAt: s.absoluteExpiresAt.toISOString(),
        agencyTimeZone: s.agencyTimeZone,
      };
    },
  );

  api.post(
    '/setup',
    {
      config: { access: 'public', problems: ['setup_token_invalid', 'setup_already_done', 'already_exists'] },
      schema: {
        operationId: 'createFirstAdministrator',
        tags: ['auth'],
        summary: 'Create the first administrator with the one-time setup link',
        body: setupBody,
        response: { 201: setupResult },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const id = await services.auth.completeSetup(request.ctx, token, input);
      return reply.status(201).send({ id });
    },
  );

  api.patch(
    '/me',
    {
      config: { access: 'session.self' },
      schema: {
        operationId: 'updateOwnProfile',
        tags: ['account'],
        summary: 'Change own display name or language',
        body: updateMeBody,
        response: { 200: staffMember },
      },
    },
    async (request) => services.staff.updateOwnProfile(request.ctx, request.body),
  );

  api.get(
    '/me/security',
    {
      config: { access: 'session.self' },
      schema: {
        operationId: 'getMySecurityEvents',
        tags: ['account'],
        summary: 'When and by whom my password or second factor was last reset',
        response: { 200: accountSecurity },
      },
    },
    async (request) => services.auth.accountSecurity(current(request)),
  );

  api.post(
    '/me/password',
    {
      config: { access: 'session.self', problems: ['invalid_credentials'] },
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['account'],
        summary: 'Change own password; ends the other sessions',
        body: changePasswordBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await services.auth.changePassword(request.ctx, current(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  api.post(
    '/me/mfa/enrol',
    {
      config: { access: 'session.self', problems: ['invalid_credentials'] },
      schema: {
        operationId: 'startMfaEnrolment',
        tags: ['account'],
        summary: 'Start MFA enrolment (re-enter the password)',
        body: reauthBody,
        response: { 200: mfaEnrolment },
      },
    },
    async (request) => services.auth.startMfaEnrolment(request.ctx, current(request), request.body.currentPassword),
  );

  api.post(
    '/me/mfa/confirm',
    {
      config: { access: 'session.self', problems: ['invalid_mfa_code'] },
      schema: {
        operationId: 'confirmMfaEnrolment',
        tags: ['account'],
        summary: 'Confirm MFA enrolment',
        body: mfaCodeBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await services.auth.confirmMfaEnrolment(request.ctx, current(request), request.body.code);
      return { ok: true as const };
    },
  );

  api.post(
    '/me/mfa/disable',
    {
      config: { access: 'session.self', problems: ['invalid_credentials', 'mfa_required_for_role'] },
      schema: {
        operationId: 'disableMfa',
        tags: ['account'],
        summary: 'Turn MFA off (not allowed where the role requires it)',
        body: reauthBody,
        response: { 200: ok },
      },
    },
    async (request) => {
      await services.auth.disableMfa(request.ctx, current(request), request.body.currentPassword);
      return { ok: true as const };
    },
  );
}
