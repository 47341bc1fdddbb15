import { type Actor, primaryRole } from './access-policy.ts';
import type { AuditAction, AuditEntityType } from './audit.contract.ts';
import { type AuditOutcome, auditInsert, type PendingAuditEvent } from './audit-store.ts';
import type { RequestContext } from './context.ts';
import { type Database, runTransaction, type Transaction } from './db/pool.ts';
import { Door } from './door.ts';
import { DomainError } from './errors.ts';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency.ts';

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  personId?: string | null;
  /** For one event about several people (a search result page); each is found by the per-person access log. */
  personIds?: string[];
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  /** Overrides the request's actor, e.g. for a login before a session exists. */
  actorId?: string | null;
}

/**
 * One transaction of one request. Use cases reach case content through `door` (src/core/door.ts),
 * other tables through `tx`, and describe what they did with `audit()`; the events – with the read
 * events the door still owes – are appended to the chain just before commit. `auditDenied()`
 * events survive a rollback: they are written in their own transaction after it.
 */
export class UnitOfWork {
  readonly pending: PendingAuditEvent[] = [];
  readonly denials: PendingAuditEvent[] = [];
  private opened: Door | null = null;

  constructor(
    readonly tx: Transaction,
    readonly ctx: RequestContext,
  ) {}

  get actor(): Actor {
    if (!this.ctx.actor) throw new DomainError('not_authenticated', 'Sign in first');
    return this.ctx.actor;
  }

  /** The door to case content, bound to the actor. */
  get door(): Door {
    this.opened ??= new Door(this);
    return this.opened;
  }

  /** Everything to append at commit: the use case's events, then the reads no event names yet. */
  eventsToAppend(): PendingAuditEvent[] {
    const named = this.pending.flatMap((e) => [e.personId, ...(e.personIds ?? [])]).filter((id): id is string => id !== null);
    const owed = (this.opened?.owedReadEvents(named) ?? []).map(({ personIds, ...read }) =>
      this.event({ ...read, ...(personIds.length === 1 ? { personId: personIds[0] } : { personIds }) }),
    );
    return [...this.pending, ...owed, ...this.denials];
  }

  audit(input: AuditInput): void {
    this.pending.push(this.event(input));
  }

  auditDenied(input: AuditInput): void {
    this.denials.push(this.event({ ...input, outcome: input.outcome ?? 'denied' }));
  }

  private event(input: AuditInput): PendingAuditEvent {
    const actor = this.ctx.actor;
    return {
      // The chain of the agency the work is bound to; work bound to none (platform
      // administration, an unknown account's sign-in) is in the installation agency's chain.
      agencyId: agencyOf(this.ctx) ?? INSTALLATION_AGENCY,
      occurredAt: new Date(),
      actorId: input.actorId !== undefined ? input.actorId : (actor?.id ?? null),
      actorRole: actor ? primaryRole(actor) : null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      personId: input.personId ?? null,
      personIds: input.personIds ?? null,
      outcome: input.outcome ?? 'success',
      requestId: this.ctx.requestId,
      clientIp: this.ctx.clientIp,
      details: input.details ?? null,
    };
  }
}

/** The installation's own agency, made with the database: it holds the platform administrators. */
export const INSTALLATION_AGENCY = 1;

/** The row-level security role request transactions of an agency run as (migration 0014). */
export const TENANT_ROLE = 'tillit_tenant';

/** The agency a unit of work is bound to: the actor's, else the one the context names, else none. */
export const agencyOf = (ctx: RequestContext): number | null => (ctx.acrossAgencies ? null : (ctx.actor?.agencyId ?? ctx.agencyId ?? null));

/**
 * What binds a transaction to an agency: rows written without an agency get it (the column
 * default), and the row-level security policies let it see and write only that agency's rows.
 * Both settings are transaction-local, so nothing outlives the transaction on a pooled
 * connection. Sent with the BEGIN (the id is an integer, so it is safe to inline).
 */
export function agencyBinding(agencyId: number | null): string | null {
  if (agencyId === null) return null;
  if (!Number.isSafeInteger(agencyId)) throw new Error('An agency id is an integer');
  return `SELECT set_config('tillit.agency_id', '${agencyId}', true), set_config('role', '${TENANT_ROLE}', true)`;
}

export async function inTransaction<T>(db: Database, ctx: RequestContext, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  let denials: PendingAuditEvent[] = [];
  const binding = agencyBinding(agencyOf(ctx));
  try {
    return await runTransaction(db, binding, async (tx, inline) => {
      const uow = new UnitOfWork(tx, ctx);
      try {
        const replay = await claimIdempotencyKey(tx, ctx);
        if (replay.replayed) return { result: replay.response as T };
        const result = await work(uow);
        await storeIdempotentResponse(tx, ctx, result);
        // The events go out with the COMMIT: one round trip for both.
        const append = auditInsert(tx, uow.eventsToAppend());
        return { result, beforeCommit: append && inline(append) };
      } catch (error) {
        denials = uow.denials;
        throw error;
      }
    });
  } catch (error) {
    if (denials.length > 0) {
      await runTransaction(db, binding, async (tx, inline) => {
        const append = auditInsert(tx, denials);
        return { result: undefined, beforeCommit: append && inline(append) };
      });
    }
    throw error;
  }
}
