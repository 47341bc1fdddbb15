import type { Logger } from 'pino';
import type { Database } from '../../core/db/pool.ts';
import { translatorFor } from '../../core/documents/documents.ts';
import { queueMail } from '../../core/mail.ts';
import { insertDueReminders, mailRecipients } from './reminder.store.ts';

/** How often an instance looks for reminders that have come due. */
export const REMINDER_INTERVAL_MS = 5 * 60 * 1000;

export interface ReminderMail {
  /** Where the e-mail's link goes: the installation's address. */
  publicUrl: string;
  /** Asks the mail delivery job to send soon. */
  wake: () => void;
}

/**
 * Makes the reminders that have come due – contacts today, drafts left unsigned, no-show and crisis
 * follow-ups – as in-app alerts, each once, whichever instance runs first; and, where the
 * installation sends mail, tells those who asked for it by e-mail that they have new reminders:
 * a count and a link, never what or whom they are about. Returns how many were made and mailed.
 */
export async function runReminders(db: Database, mail: ReminderMail | null): Promise<{ made: number; mailed: number }> {
  const made = await insertDueReminders(db);
  if (!mail || made.length === 0) return { made: made.length, mailed: 0 };
  const counts = new Map<string, number>();
  for (const reminder of made) counts.set(reminder.recipientId, (counts.get(reminder.recipientId) ?? 0) + 1);
  const recipients = await mailRecipients(db, [...counts.keys()]);
  const link = `${mail.publicUrl.replace(/\/$/, '')}/alerts`;
  await queueMail(
    db,
    recipients.map((r) => {
      const t = translatorFor(r.locale);
      return {
        agencyId: r.agencyId,
        recipientStaffId: r.id,
        to: r.email,
        subject: t('reminderMailSubject'),
        body: t('reminderMailBody', { count: counts.get(r.id) ?? 0, link }),
        kind: 'reminders',
      };
    }),
  );
  if (recipients.length > 0) mail.wake();
  return { made: made.length, mailed: recipients.length };
}

/** The reminder run of one app instance: soon after start, then every few minutes until stopped. */
export class Reminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: { logger: Pick<Logger, 'warn'>; mail: ReminderMail | null; intervalMs?: number },
  ) {}

  start(): void {
    const tick = () => {
      this.running = runReminders(this.db, this.options.mail).catch((error: Error) =>
        this.options.logger.warn({ err: { type: error.name, message: error.message } }, 'reminders'),
      );
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? REMINDER_INTERVAL_MS);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
