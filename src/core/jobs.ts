/**
 * The background work of one app instance, on pg-boss (docs/adr/0012): it keeps its queue in the
 * `pgboss` schema and reaches it through the app's pool, and it polls (no LISTEN), so it works
 * behind a transaction pooler. Each kind of work is a queue of its own whose job drains what is
 * due in a table of ours (the mail outbox, the subject-access copies asked for): the queue is
 * `stately` – at most one job waiting and one running – so waking it often costs nothing. It is
 * woken after each commit that made work (`wake`), and every minute by a pg-boss schedule, which
 * also picks up what a crash left.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from './db/pool.ts';

/**
 * What pg-boss gets for a statement it sends after the queue was stopped (a completion finishing
 * late): nothing, in the shape it reads – its job commands end by counting what they changed.
 */
export function afterStop(text: string): { rows: object[] } {
  return /select count\(\*\) from results\s*$/i.test(text) ? { rows: [{ count: '0' }] } : { rows: [] };
}

/** What two instances making the same thing at once run into: a deadlock, or the other's row or schema first. */
const RACES = new Set(['40P01', '23505']);

/**
 * pg-boss makes its schema the first time it starts, and a partition for each queue the first time
 * it is created: two instances starting together on a new database can deadlock there, or both
 * create the schema (PostgreSQL then aborts one of them). The one aborted tries again, and finds
 * the work done.
 */
export async function retryingRaces<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!RACES.has((error as { code?: string }).code ?? '') || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

export interface JobQueueOptions {
  logger: Pick<Logger, 'warn' | 'info'>;
  /** How often a worker asks its queue for a job. */
  pollingIntervalSeconds?: number;
}

export class JobQueue {
  private boss: PgBoss | null = null;
  /** Set when stopping: no new run starts. */
  private stopping = false;
  /** Set once stopped: a worker loop still finishing its last round reaches the database no more (its pool may be gone). */
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: JobQueueOptions,
  ) {}

  async start(): Promise<void> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => (this.stopped ? Promise.resolve(afterStop(text)) : this.db.$client.query(text, values)) },
      schema: 'pgboss',
    });
    boss.on('error', (error) => this.options.logger.warn({ err: { type: error.name, message: error.message } }, 'job queue'));
    await retryingRaces(() => boss.start());
    this.boss = boss;
  }

  /**
   * Runs `drain` whenever the queue is woken, and every minute: it should do all the work that is
   * due and return. A run that throws is tried again by pg-boss, with a growing pause.
   */
  async drain(queue: string, drain: () => Promise<unknown>): Promise<void> {
    const boss = this.started();
    if (!(await boss.getQueue(queue))) {
      await retryingRaces(() =>
        boss.createQueue(queue, { name: queue, policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true }),
      );
    }
    await boss.work(queue, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 }, async () => {
      if (this.stopping) return;
      await drain();
    });
    await retryingRaces(() => boss.schedule(queue, '* * * * *'));
    this.wake(queue);
  }

  /** Asks for a run soon; a failure here only delays it to the next minute. */
  wake(queue: string): void {
    void this.boss?.send(queue, {}).catch((error: Error) => this.options.logger.warn({ err: { type: error.name } }, 'job queue'));
  }

  /** Waits for the runs in progress; work they did not get to waits in its table for the next start. */
  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    this.stopping = true;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.stopped = true;
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('Start the job queue first');
    return this.boss;
  }
}
