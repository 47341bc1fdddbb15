import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ActiveSession, findActiveSession } from '../areas/auth/auth.store.ts';
import { hasPermission, isPartnerOnly, type Permission } from '../core/access-policy.ts';
import type { RequestContext } from '../core/context.ts';
import type { Database } from '../core/db/pool.ts';
import { DomainError } from '../core/errors.ts';
import { inTransaction } from '../core/unit-of-work.ts';

/**
 * What a route requires, declared on the route as `config.access`:
 * - 'public': no session
 * - 'signed_in_partly': any live session, also one still waiting for its second factor or a new password
 * - a Permission: a fully signed-in session whose roles grant it (src/core/access-policy.ts)
 */
export type RouteAccess = 'public' | 'signed_in_partly' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
    ctx: RequestContext;
  }
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-tillit_session' : 'tillit_session';
}

export function registerAccessControl(app: FastifyInstance, db: Database, secureCookies: boolean): void {
  const cookieName = sessionCookieName(secureCookies);
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  // Checked on arrival, before the body is even parsed: who may not call a route learns nothing about its input rules.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.ctx = { requestId: request.id, clientIp: request.ip ?? null, actor: null };
    const access = request.routeOptions.config?.access;
    if (!access) {
      // Every API route must declare its access; static files and docs have none.
      if (request.url.startsWith('/api/v1/') && request.routeOptions.url)
        throw new DomainError('forbidden', 'This route declares no access rule');
      return;
    }
    const token = request.cookies[cookieName];
    const session = token ? await findActiveSession(db, token) : null;
    request.session = session;
    if (session) request.ctx.actor = session.actor;
    if (access === 'public') return;
    if (!session) {
      if (token) reply.clearCookie(cookieName, { path: '/' });
      throw new DomainError(
        token ? 'session_expired' : 'not_authenticated',
        token ? 'Your session has ended; sign in again' : 'Sign in first',
      );
    }
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new DomainError('csrf_token_invalid', 'Missing or wrong X-CSRF-Token header');
    }
    if (access === 'signed_in_partly') return;
    if (session.state === 'password_change_required') throw new DomainError('password_change_required', 'Choose a new password first');
    if (session.state !== 'complete') throw new DomainError('mfa_required', 'Finish signing in with your second factor first');
    if (!hasPermission(session.actor.roles, access)) {
      await inTransaction(db, request.ctx, async (uow) =>
        uow.audit({
          action: 'access.denied',
          entityType: 'route',
          entityId: `${request.method} ${request.routeOptions.url}`,
          outcome: 'denied',
        }),
      );
      // A partner's staff work in the voucher portal alone: to them the rest of the application does not exist.
      if (isPartnerOnly(session.actor.roles))
        throw new DomainError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
      throw new DomainError('permission_denied', 'Your role does not allow this');
    }
  });
}
