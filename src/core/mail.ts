/**
 * Mail, through a durable outbox (docs/adr/0012-mail-outbox-and-job-queue.md). A change that calls
 * for mail writes it into `mail_outbox` in its own transaction (`queueMail`): a rollback leaves no
 * mail, a crash after the commit loses none. The mail delivery job (`MailDelivery`, on pg-boss)
 * sends what is due and marks it sent; one that fails is tried again later, with a growing pause,
 * and given up on after `MAX_ATTEMPTS`. Delivery is at least once: a process that dies between
 * the SMTP server's answer and marking the row sent sends it again.
 *
 * The kernel keeps mail free of the content of cases: what goes in is a line and a link, never
 * anything about a person the agency helps.
 */
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { mailOutbox } from './core.schema.ts';
import type { Database, Transaction } from './db/pool.ts';

export interface QueuedMail {
  recipientStaffId: string | null;
  to: string;
  subject: string;
  body: string;
  kind: string;
  /** The mail's agency, where the writer acts for none (a system run); the request's agency otherwise. */
  agencyId?: number;
}

/** Writes mail into the outbox, inside the caller's transaction; the delivery job sends it after the commit. */
export async function queueMail(tx: Transaction | Database, mails: readonly QueuedMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  await tx.insert(mailOutbox).values(
    mails.map((m) => ({
      ...(m.agencyId === undefined ? {} : { agencyId: m.agencyId }),
      recipientStaffId: m.recipientStaffId,
      toAddress: m.to,
      subject: m.subject,
      body: m.body,
      kind: m.kind,
    })),
  );
  return mails.length;
}

/** Attempts before a mail is given up on (with the pauses below, about a day). */
export const MAX_ATTEMPTS = 8;
/** The pause after the nth failed attempt: 30 s, 1 min, 2 min, … up to 6 h. */
export const retryPauseSeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 6 * 3600);
/** How long a delivery job holds the mail it claimed; a job that died lets it go when this passes. */
const CLAIM_SECONDS = 300;

/** What sends one message: nodemailer's transport, or a stand-in in a test. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

/**
 * Sends the mail that is due, `batchSize` at a time, until none is left: each batch is claimed in
 * a short transaction of its own (`FOR UPDATE SKIP LOCKED`, so deliveries on several instances
 * never take the same mail), sent outside any transaction, and marked sent or failed one by one.
 * Runs across agencies, unbound, as the audit sealer does.
 */
export async function deliverDueMail(
  db: Database,
  transport: MailTransport,
  options: { from: string; batchSize?: number; logger?: Pick<Logger, 'warn'> },
): Promise<{ sent: number; failed: number }> {
  const batchSize = options.batchSize ?? 20;
  let sent = 0;
  let failed = 0;
  while (true) {
    const claimed = await db.execute<{ id: string; to_address: string; subject: string; body: string; attempts: number; kind: string }>(sql`
      UPDATE mail_outbox m SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS}), attempts = m.attempts + 1
      WHERE m.id IN (
        SELECT o.id FROM mail_outbox o
        WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now() AND (o.claimed_until IS NULL OR o.claimed_until < now())
        ORDER BY o.next_attempt_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.to_address, m.subject, m.body, m.attempts, m.kind`);
    for (const mail of claimed.rows) {
      try {
        await transport.sendMail({ from: options.from, to: mail.to_address, subject: mail.subject, text: mail.body });
        await db.execute(sql`UPDATE mail_outbox SET sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = ${mail.id}`);
        sent++;
      } catch (error) {
        const giveUp = mail.attempts >= MAX_ATTEMPTS;
        // The error's text names the SMTP server's answer, never the mail's content.
        const reason = String((error as Error).message ?? error).slice(0, 500);
        await db.execute(sql`
          UPDATE mail_outbox SET claimed_until = NULL, last_error = ${reason},
            next_attempt_at = now() + make_interval(secs => ${retryPauseSeconds(mail.attempts)}),
            failed_at = CASE WHEN ${giveUp} THEN now() END
          WHERE id = ${mail.id}`);
        options.logger?.warn({ mailId: mail.id, kind: mail.kind, attempts: mail.attempts, giveUp }, 'mail not delivered');
        failed++;
      }
    }
    if (claimed.rows.length < batchSize) return { sent, failed };
  }
}

/**
 * What pg-boss gets for a statement it sends after the job was stopped (a completion finishing
 * late): nothing, in the shape it reads – its job commands end by counting what they changed.
 */
export function afterStop(text: string): { rows: object[] } {
  return /select count\(\*\) from results\s*$/i.test(text) ? { rows: [{ count: '0' }] } : { rows: [] };
}

/** The pg-boss queue whose jobs each send what is due in the outbox. */
export const MAIL_QUEUE = 'mail-outbox';

export interface MailDeliveryOptions {
  smtpUrl: string;
  from: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** How often the worker asks the queue for a job (pg-boss polls: no LISTEN, so it works behind a pooler). */
  pollingIntervalSeconds?: number;
  /** A stand-in for nodemailer's SMTP transport. */
  transport?: MailTransport;
}

/**
 * The mail delivery job of one app instance, on pg-boss (which keeps its queue in the `pgboss`
 * schema and reaches it through the app's pool). A job of the `mail-outbox` queue drains the
 * outbox; the queue is `stately` – at most one job waiting and one running – so waking it often
 * costs nothing. It is woken after each commit that queued mail (`wake`), and every minute by a
 * pg-boss schedule, which also picks up what a crash left and the mail due for another try.
 */
export class MailDelivery {
  private boss: PgBoss | null = null;
  private readonly transport: MailTransport;
  /** Set when stopping: no new delivery starts. */
  private stopping = false;
  /** Set once stopped: a worker loop still finishing its last round reaches the database no more (its pool may be gone). */
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: MailDeliveryOptions,
  ) {
    this.transport = options.transport ?? nodemailer.createTransport(options.smtpUrl);
  }

  async start(): Promise<void> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => (this.stopped ? Promise.resolve(afterStop(text)) : this.db.$client.query(text, values)) },
      schema: 'pgboss',
    });
    boss.on('error', (error) => this.options.logger.warn({ err: { type: error.name, message: error.message } }, 'mail queue'));
    await boss.start();
    await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true });
    await boss.work(MAIL_QUEUE, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 }, async () => {
      if (this.stopping) return;
      await deliverDueMail(this.db, this.transport, { from: this.options.from, logger: this.options.logger });
    });
    await boss.schedule(MAIL_QUEUE, '* * * * *');
    this.boss = boss;
    this.wake();
  }

  /** Asks for a delivery soon (after a commit that queued mail); a failure here only delays it to the next minute. */
  wake(): void {
    void this.boss?.send(MAIL_QUEUE, {}).catch((error: Error) => this.options.logger.warn({ err: { type: error.name } }, 'mail queue'));
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    this.stopping = true;
    // Waits for a delivery in progress; mail it did not get to waits in the outbox for the next start.
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.stopped = true;
    this.transport.close?.();
  }
}
