/**
 * Mail, through a durable outbox (docs/adr/0012-mail-outbox-and-job-queue.md). A change that calls
 * for mail writes it into `mail_outbox` in its own transaction (`queueMail`): a rollback leaves no
 * mail, a crash after the commit loses none. The mail delivery job (`MailDelivery`, on the job
 * queue of src/core/jobs.ts) sends what is due and marks it sent; one that fails is tried again
 * later, with a growing pause, and given up on after `MAX_ATTEMPTS`. Delivery is at least once: a process that dies between
 * the SMTP server's answer and marking the row sent sends it again.
 *
 * The kernel keeps mail free of the content of cases: what goes in is a line and a link, never
 * anything about a person the agency helps.
 */
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { mailOutbox } from './core.schema.ts';
import type { Database, Transaction } from './db/pool.ts';
import type { JobQueue } from './jobs.ts';

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

/** The queue whose jobs each send what is due in the outbox. */
export const MAIL_QUEUE = 'mail-outbox';

export interface MailDeliveryOptions {
  smtpUrl: string;
  from: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** A stand-in for nodemailer's SMTP transport. */
  transport?: MailTransport;
}

/**
 * The mail delivery of one app instance: a queue of the job queue (src/core/jobs.ts) whose job
 * drains the outbox, woken after each commit that queued mail and every minute.
 */
export class MailDelivery {
  private readonly transport: MailTransport;

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly options: MailDeliveryOptions,
  ) {
    this.transport = options.transport ?? nodemailer.createTransport(options.smtpUrl);
  }

  async start(): Promise<void> {
    await this.jobs.drain(MAIL_QUEUE, () =>
      deliverDueMail(this.db, this.transport, { from: this.options.from, logger: this.options.logger }),
    );
  }

  /** Asks for a delivery soon (after a commit that queued mail); a failure here only delays it to the next minute. */
  wake(): void {
    this.jobs.wake(MAIL_QUEUE);
  }

  /** After the job queue stopped: mail it did not get to waits in the outbox for the next start. */
  close(): void {
    this.transport.close?.();
  }
}
