import type { Actor } from './access-policy.ts';

/** What every use case knows about the request it serves. Never holds personal data. */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  actor: Actor | null;
  /**
   * The agency the work belongs to when there is no actor yet (a sign-in step, once the account is
   * known). With neither, the unit of work is installation-wide: it sees no agency's rows under
   * row-level security and must name the agency of anything it writes.
   */
  agencyId?: number;
  /** Platform administration: the work spans agencies, so no agency is bound (the actor's permission says it may). */
  acrossAgencies?: boolean;
  /** Set on creating requests that carry an Idempotency-Key header. */
  idempotency?: { key: string; route: string; requestHash: string };
}

export const systemContext = (requestId = 'system'): RequestContext => ({ requestId, clientIp: null, actor: null });
