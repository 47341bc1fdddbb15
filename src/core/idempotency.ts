import { and, eq, sql } from 'drizzle-orm';
import type { RequestContext } from './context.ts';
import { idempotencyKeys } from './core.schema.ts';
import type { Transaction } from './db/pool.ts';
import { DomainError } from './errors.ts';

/**
 * Claims the request's Idempotency-Key inside the creating transaction. A concurrent retry with
 * the same key waits on the unique key until the first commits, then gets its stored response.
 */
export async function claimIdempotencyKey(
  tx: Transaction,
  ctx: RequestContext,
): Promise<{ replayed: false } | { replayed: true; response: unknown }> {
  const claim = ctx.idempotency;
  if (!claim || !ctx.actor) return { replayed: false };
  const inserted = await tx.execute(sql`
    INSERT INTO idempotency_keys (staff_id, key, route, request_hash, status_code, response_body)
    VALUES (${ctx.actor.id}, ${claim.key}, ${claim.route}, ${claim.requestHash}, 0, 'null'::jsonb)
    ON CONFLICT DO NOTHING RETURNING 1`);
  if (inserted.rows.length > 0) return { replayed: false };
  const [stored] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.staffId, ctx.actor.id), eq(idempotencyKeys.key, claim.key)));
  if (!stored || stored.route !== claim.route || stored.requestHash !== claim.requestHash) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
  }
  return { replayed: true, response: stored.responseBody };
}

export async function storeIdempotentResponse(tx: Transaction, ctx: RequestContext, response: unknown): Promise<void> {
  const claim = ctx.idempotency;
  if (!claim || !ctx.actor) return;
  await tx
    .update(idempotencyKeys)
    .set({ statusCode: 201, responseBody: response as object })
    .where(and(eq(idempotencyKeys.staffId, ctx.actor.id), eq(idempotencyKeys.key, claim.key)));
  ctx.idempotency = undefined; // one claim per request
}
