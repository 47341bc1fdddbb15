import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../../core/audit-store.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';

export class AuditService {
  constructor(private readonly db: Database) {}

  /** Newest first. Reading the log is itself logged. */
  async list(ctx: RequestContext, query: { limit: number; cursor?: string; personId?: string; actorId?: string }) {
    const before = decodeCursor(query.cursor, 1) as [string] | null;
    return inTransaction(this.db, ctx, async (uow) => {
      const result = await uow.tx.execute<{
        seq: string;
        occurred_at: string;
        actor_id: string | null;
        actor_name: string | null;
        actor_role: string | null;
        action: string;
        entity_type: string;
        entity_id: string | null;
        person_id: string | null;
        outcome: 'success' | 'denied' | 'failure';
        request_id: string | null;
        client_ip: string | null;
      }>(sql`
        SELECT e.seq::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
               e.actor_id, s.display_name AS actor_name, e.actor_role, e.action, e.entity_type, e.entity_id, e.person_id,
               e.outcome, e.request_id, e.client_ip
        FROM audit_events e LEFT JOIN staff s ON s.id = e.actor_id
        WHERE true
          ${query.personId ? sql`AND (e.person_id = ${query.personId} OR e.person_ids @> ARRAY[${query.personId}]::uuid[])` : sql``}
          ${query.actorId ? sql`AND e.actor_id = ${query.actorId}` : sql``}
          ${before ? sql`AND e.seq < ${before[0]}::bigint` : sql``}
        ORDER BY e.seq DESC LIMIT ${query.limit + 1}`);
      const rows = result.rows;
      const hasMore = rows.length > query.limit;
      const items = rows.slice(0, query.limit).map((r) => ({
        seq: r.seq,
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        // An event about several people (a search page) matched the filter through person_ids.
        personId: r.person_id ?? query.personId ?? null,
        outcome: r.outcome,
        requestId: r.request_id,
        clientIp: r.client_ip,
      }));
      uow.audit({
        action: 'audit.read',
        entityType: 'audit_log',
        personId: query.personId ?? null,
        details: { actorId: query.actorId ?? null },
      });
      return { items, nextCursor: hasMore ? encodeCursor([items[items.length - 1]!.seq]) : null };
    });
  }

  async verify(ctx: RequestContext) {
    // An agency's auditor checks their agency's chain; the command line checks every agency's.
    const check = await verifyAuditChain(this.db, undefined, ctx.actor?.agencyId ?? 0);
    await inTransaction(this.db, ctx, async (uow) =>
      uow.audit({ action: 'audit.verify', entityType: 'audit_log', outcome: check.ok ? 'success' : 'failure' }),
    );
    const first = check.breaks[0];
    return {
      ok: check.ok,
      checked: check.checked,
      breakCount: check.breakCount,
      breaks: check.breaks,
      firstBrokenSeq: first?.seq ?? null,
      reason: first?.reason ?? null,
      agencies: check.agencies,
      unsealed: { count: check.unsealed.count, oldestAgeSeconds: check.unsealed.oldestAgeSeconds },
    };
  }
}
