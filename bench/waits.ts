/**
 * What the database's backends wait on during a run (`BENCH_WAIT_SAMPLE_MS`, off by default):
 * every so many milliseconds one query of `pg_stat_activity` for the bench database's backends
 * that are running a statement or are in a transaction between two (the app's and the raw loop's
 * alike, this one left out), counted by wait event – CPU (no wait), a lock (with the statement
 * that waits: which row is contended), WAL, I/O – or "idle in transaction": the transaction waits
 * for its client's next statement (the app or the raw loop is the one working). A sample is
 * skipped while the previous one is in flight.
 */
import type pg from 'pg';

export interface WaitSummary {
  samples: number;
  intervalMs: number;
  /** Backends in a transaction per sample, on average. */
  meanActive: number;
  /** Backend-samples per wait ("CPU" when none), most first. */
  byWait: Record<string, number>;
  /** Backend-samples waiting on a lock, by the start of the statement that waits. */
  lockWaitsByStatement: Record<string, number>;
}

export class WaitSampler {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private samples = 0;
  private active = 0;
  private readonly byWait = new Map<string, number>();
  private readonly byStatement = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly intervalMs: number,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    return this;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.pool.query<{ wait: string | null; query: string }>(
        `SELECT CASE WHEN state = 'active' THEN wait_event_type || ':' || wait_event ELSE 'idle in transaction' END AS wait,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
         FROM pg_stat_activity WHERE datname = current_database() AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()`,
      );
      this.samples++;
      this.active += rows.length;
      for (const r of rows) {
        const wait = r.wait ?? 'CPU';
        this.byWait.set(wait, (this.byWait.get(wait) ?? 0) + 1);
        if (wait.startsWith('Lock:')) this.byStatement.set(r.query.trim(), (this.byStatement.get(r.query.trim()) ?? 0) + 1);
      }
    } catch {
      // a sample lost is a sample fewer
    } finally {
      this.busy = false;
    }
  }

  stop(): WaitSummary {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
    return {
      samples: this.samples,
      intervalMs: this.intervalMs,
      meanActive: this.samples === 0 ? 0 : Number((this.active / this.samples).toFixed(2)),
      byWait: sorted(this.byWait),
      lockWaitsByStatement: sorted(this.byStatement),
    };
  }
}
