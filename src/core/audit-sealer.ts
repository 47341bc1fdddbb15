import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { chainHash, GENESIS_HASH } from './audit-chain.ts';
import { hashedFields, type StoredRow, storedColumns } from './audit-store.ts';
import type { Database } from './db/pool.ts';

/**
 * Taken with pg_try_advisory_xact_lock by every sealing transaction, so two sealers never chain at
 * once even if two instances believe they hold the lease (a paused holder whose lease ran out).
 * Transaction-scoped: it works behind PgBouncer in transaction mode.
 */
const SEALING_LOCK = 746_111_002;

/** Events sealed per transaction. */
export const SEAL_BATCH_SIZE = 1000;

/**
 * Seals, in one transaction, up to `batchSize` committed events whose transactions can no longer
 * be overtaken: inserted by a transaction id below the oldest still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), so every transaction that could add an event before
 * them has committed or aborted. They take the next positions of their agency's chain in the order
 * of (transaction id, seq) – the same order whichever sealer runs. Returns how many it sealed, or
 * null when another sealer was sealing at that moment.
 */
export async function sealAuditEvents(db: Database, batchSize = SEAL_BATCH_SIZE): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [lock] = (await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${SEALING_LOCK}) AS locked`)).rows;
    if (!lock?.locked) return null;
    const candidates = (
      await tx.execute<StoredRow>(sql`
        SELECT ${storedColumns} FROM audit_events a
        WHERE a.chain_seq IS NULL AND a.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY a.tx_id, a.seq LIMIT ${batchSize}`)
    ).rows;
    if (candidates.length === 0) return 0;
    const agencyIds = [...new Set(candidates.map((r) => r.agency_id))];
    const heads = await tx.execute<{ agency_id: number; chain_seq: string; hash: string }>(sql`
      SELECT g.id::integer AS agency_id, h.chain_seq::text AS chain_seq, h.hash
      FROM jsonb_array_elements_text(${JSON.stringify(agencyIds)}::jsonb) AS g(id)
      CROSS JOIN LATERAL (
        SELECT a.chain_seq, a.hash FROM audit_events a
        WHERE a.agency_id = g.id::integer AND a.chain_seq IS NOT NULL ORDER BY a.chain_seq DESC LIMIT 1
      ) h`);
    const head = new Map<number, { chainSeq: bigint; hash: string }>(
      heads.rows.map((h) => [h.agency_id, { chainSeq: BigInt(h.chain_seq), hash: h.hash }]),
    );
    const sealed = candidates.map((r) => {
      const previous = head.get(r.agency_id) ?? { chainSeq: 0n, hash: GENESIS_HASH };
      const chainSeq = previous.chainSeq + 1n;
      const hash = chainHash(previous.hash, hashedFields(r, String(chainSeq)));
      head.set(r.agency_id, { chainSeq, hash });
      return { seq: r.seq, chain_seq: String(chainSeq), prev_hash: previous.hash, hash };
    });
    const updated = await tx.execute(sql`
      UPDATE audit_events a SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = statement_timestamp()
      FROM jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) AS v(seq bigint, chain_seq bigint, prev_hash text, hash text)
      WHERE a.seq = v.seq AND a.chain_seq IS NULL`);
    if (updated.rowCount !== sealed.length) throw new Error(`sealing expected ${sealed.length} unsealed events, found ${updated.rowCount}`);
    return sealed.length;
  });
}

/** Seals until nothing more is sealable now (or another sealer is at it); returns how many it sealed. */
export async function sealAvailable(db: Database, batchSize = SEAL_BATCH_SIZE): Promise<number> {
  let total = 0;
  while (true) {
    const n = await sealAuditEvents(db, batchSize);
    total += n ?? 0;
    if (n === null || n < batchSize) return total;
  }
}

export interface AuditSealerOptions {
  /** How often the holder looks for events to seal. */
  pollMs?: number;
  /** How long a lease lasts unless renewed; another instance takes over this long after the holder stops answering. */
  leaseMs?: number;
  /** How often an instance without the lease asks for it. */
  standbyMs?: number;
  batchSize?: number;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Names this instance in the lease row (host, process, a random part by default). */
  holder?: string;
}

/**
 * The background sealer of one app instance. Every instance runs one; the one holding the lease
 * (the single row of audit_sealer_lease, taken and renewed in short transactions) seals, the others
 * wait and take the lease over when it runs out – within `leaseMs` + `standbyMs` of the holder
 * stopping, or at once when it stops cleanly and gives the lease back. No sealer running loses
 * nothing: the events wait, committed, and are sealed when one runs again.
 */
export class AuditSealer {
  readonly holder: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly standbyMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Until when (this process's clock) the lease is ours, with a margin; 0 when it is not. */
  private leaseUntil = 0;
  private renewAt = 0;
  private failing = false;

  constructor(
    private readonly db: Database,
    private readonly options: AuditSealerOptions = {},
  ) {
    this.holder = options.holder ?? `${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
    this.pollMs = options.pollMs ?? 200;
    this.leaseMs = options.leaseMs ?? 3000;
    this.standbyMs = options.standbyMs ?? 1000;
    this.batchSize = options.batchSize ?? SEAL_BATCH_SIZE;
  }

  /** True while this instance holds the lease. */
  get holding(): boolean {
    return Date.now() < this.leaseUntil;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Stops sealing. A clean stop seals what it can, then gives the lease back so another instance
   * takes over at its next look; `{ release: false }` stops as a crash would, keeping the lease until it runs out.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    if (options.release === false || !this.holding) return;
    try {
      await sealAvailable(this.db, this.batchSize);
    } catch {
      // The next holder seals them.
    }
    try {
      await this.db.execute(sql`UPDATE audit_sealer_lease SET holder = NULL, expires_at = now() WHERE id = 1 AND holder = ${this.holder}`);
    } catch {
      // The lease runs out by itself.
    }
    this.leaseUntil = 0;
  }

  /** One look: take or renew the lease when due, and seal if it is ours. */
  async tick(): Promise<void> {
    try {
      if (!this.holding || Date.now() >= this.renewAt) await this.takeOrRenewLease();
      if (this.holding) await sealAvailable(this.db, this.batchSize);
      if (this.failing) this.options.logger?.info('audit sealing works again');
      this.failing = false;
    } catch (error) {
      // Logged once per spell of failures, and without the error's text: it could quote a row.
      if (!this.failing) this.options.logger?.warn({ err: { type: (error as Error).name } }, 'audit sealing failed; retrying');
      this.failing = true;
    }
  }

  private async takeOrRenewLease(): Promise<void> {
    const askedAt = Date.now();
    const result = await this.db.execute(sql`
      UPDATE audit_sealer_lease SET holder = ${this.holder}, expires_at = now() + ${this.leaseMs} * interval '1 millisecond'
      WHERE id = 1 AND (holder = ${this.holder} OR holder IS NULL OR expires_at <= now())`);
    if (result.rowCount === 1) {
      // Counted from before the request, so this process never believes in a lease the database already let go.
      this.leaseUntil = askedAt + this.leaseMs - Math.min(500, this.leaseMs / 4);
      this.renewAt = askedAt + this.leaseMs / 3;
      return;
    }
    this.leaseUntil = 0;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.holding ? this.pollMs : this.standbyMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
