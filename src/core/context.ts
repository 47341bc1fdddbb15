import type { Actor } from './access-policy.ts';

/** What every use case knows about the request it serves. Never holds personal data. */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  actor: Actor | null;
  /** Set on creating requests that carry an Idempotency-Key header. */
  idempotency?: { key: string; route: string; requestHash: string };
}

export const systemContext = (requestId = 'system'): RequestContext => ({ requestId, clientIp: null, actor: null });
