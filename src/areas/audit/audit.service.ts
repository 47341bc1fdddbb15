import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../../core/audit-store.ts';
import { addCalendarDays, addCalendarMonths, calendarDateIn, endOfCalendarDateIn } from '../../core/calendar-date.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import { agencySettings } from '../organisation/agency-settings.ts';
import { personInReach } from '../person/person.store.ts';
import { accessKindOf } from './access-log.rules.ts';
import type { AccessLog } from './audit.contract.ts';
import { renderAccessLog } from './audit.document.ts';

/** The most accesses one log shows; a longer period is narrowed. */
const ACCESS_LOG_LIMIT = 5000;
/** The log's own reads, which would otherwise fill it. */
const NOT_ACCESSES = ['audit.read', 'person.access_log', 'person.access_log_print'];

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

  /**
   * Who has read the person's record (GDPR art. 15; the Nordic log check): every access by staff to
   * anything about them in the period – who, in what role, when, what kind of record, and whether
   * it was read, printed, changed or refused – newest first, from the audit trail.
   */
  async accessLog(
    ctx: RequestContext,
    personId: string,
    query: { from?: string | undefined; to?: string | undefined },
    action: 'person.access_log' | 'person.access_log_print' = 'person.access_log',
  ) {
    return inTransaction(this.db, ctx, async (uow) => {
      const person = await personInReach(uow.door, personId, action);
      const { timeZone, name: agencyName } = await agencySettings(uow.tx);
      const to = query.to ?? calendarDateIn(timeZone);
      const from = query.from ?? addCalendarDays(addCalendarMonths(to, -12), 1);
      const start = endOfCalendarDateIn(timeZone, addCalendarDays(from, -1));
      const end = endOfCalendarDateIn(timeZone, to);
      const result = await uow.tx.execute<{
        seq: string;
        occurred_at: string;
        actor_name: string;
        actor_role: string | null;
        entity_type: string;
        action: string;
        outcome: string;
      }>(sql`
        SELECT e.seq::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
               s.display_name AS actor_name, e.actor_role, e.entity_type, e.action, e.outcome
        FROM audit_events e JOIN staff s ON s.id = e.actor_id
        WHERE (e.person_id = ${personId} OR e.person_ids @> ARRAY[${personId}]::uuid[])
          AND e.occurred_at >= ${start.toISOString()} AND e.occurred_at < ${end.toISOString()}
          AND e.action <> ALL(${sql.param(NOT_ACCESSES)}::text[])
        ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${ACCESS_LOG_LIMIT + 1}`);
      const rows = result.rows;
      const log: AccessLog = {
        from,
        to,
        items: rows.slice(0, ACCESS_LOG_LIMIT).map((r) => ({
          seq: r.seq,
          occurredAt: r.occurred_at,
          actorName: r.actor_name,
          actorRole: r.actor_role,
          entityType: r.entity_type,
          how: accessKindOf(r.action, r.outcome),
        })),
        truncated: rows.length > ACCESS_LOG_LIMIT,
      };
      return { log, person, agencyName, timeZone };
    });
  }

  async printAccessLog(
    ctx: RequestContext,
    personId: string,
    query: { from?: string | undefined; to?: string | undefined; language?: string | undefined },
  ) {
    const { log, person, agencyName, timeZone } = await this.accessLog(ctx, personId, query, 'person.access_log_print');
    return renderAccessLog({ log, person, agencyName, timeZone, language: query.language ?? person.languages[0] ?? 'en' });
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
