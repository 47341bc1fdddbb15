import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AuthService } from '../areas/auth/auth.service.ts';
import { deleteExpiredSessions } from '../areas/auth/auth.store.ts';
import { forgetOldFailures } from '../areas/auth/login-throttle.ts';
import { Reminders } from '../areas/reminder/reminder.service.ts';
import { makeDueSubjectAccessCopies, SUBJECT_ACCESS_QUEUE } from '../areas/subject-access/subject-access.service.ts';
import { AuditSealer } from '../core/audit-sealer.ts';
import type { Config } from '../core/config.ts';
import { EmbeddedServer } from '../core/db/embedded-server.ts';
import { createDatabase, type Database } from '../core/db/pool.ts';
import { JobQueue } from '../core/jobs.ts';
import { MailDelivery } from '../core/mail.ts';
import { type AppOptions, buildApp } from './app.ts';
import { prepareDatabase } from './database-setup.ts';

/** A database connection for the configured target: DATABASE_URL, or the embedded server under the data directory. */
export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { shareRunningServer?: boolean } = {},
): Promise<{
  db: Database;
  databaseUrl: string;
  /** For what must not go through a pooler (backup, restore): DATABASE_URL_DIRECT, else databaseUrl. */
  directUrl: string;
  serverRunning: () => boolean;
  close: () => Promise<void>;
}> {
  let embedded: EmbeddedServer | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const server = new EmbeddedServer({
      dataDir: config.dataDir,
      port: config.embeddedDatabasePort,
      log: (message, level = 'info') => logger[level](message),
    });
    databaseUrl = (options.shareRunningServer ? server.runningServerUrl() : null) ?? undefined;
    if (!databaseUrl) {
      embedded = server;
      databaseUrl = await embedded.start();
      logger.info({ port: config.embeddedDatabasePort }, 'embedded PostgreSQL started');
    }
  }
  const db = createDatabase(databaseUrl);
  const directUrl = config.databaseUrlDirect ?? databaseUrl;
  try {
    await prepareThrough(db, config.databaseUrlDirect);
  } catch (error) {
    await db.$client.end();
    await embedded?.stop();
    throw error;
  }
  const watchdog = embedded ? watchEmbeddedServer(embedded, logger) : null;
  return {
    db,
    databaseUrl,
    directUrl,
    serverRunning: () => embedded?.isRunning() ?? true,
    close: async () => {
      await watchdog?.stop();
      await db.$client.end();
      if (embedded) {
        await embedded.stop();
        logger.info('embedded PostgreSQL stopped');
      }
    },
  };
}

/** Migrates over DATABASE_URL_DIRECT when it is given (one connection, closed after), else over the app's pool. */
async function prepareThrough(db: Database, directUrl: string | undefined): Promise<void> {
  if (!directUrl) return prepareDatabase(db);
  const direct = createDatabase(directUrl, 1);
  try {
    await prepareDatabase(direct);
  } finally {
    await direct.$client.end();
  }
}

/** How often the embedded server is looked at, and the wait between attempts to start it again. */
const WATCH_INTERVAL_MS = 1_000;

/**
 * Starts the embedded server again when it dies under a running Tillit (killed, crashed).
 * Meanwhile requests answer 503 and /readyz says the database is not reachable; the pool makes
 * new connections once it is back.
 */
function watchEmbeddedServer(server: EmbeddedServer, logger: Logger): { stop: () => Promise<void> } {
  let restarting: Promise<void> | null = null;
  let stopped = false;
  const check = () => {
    if (stopped || restarting || server.isRunning()) return;
    logger.warn('the embedded PostgreSQL stopped unexpectedly; starting it again');
    restarting = server
      .restart()
      .then(
        () => logger.info('embedded PostgreSQL started again'),
        (error: unknown) => {
          // Backends of the dead server may still hold its shared memory for a moment: the next check tries again.
          logger.error(
            { err: { type: (error as Error).name } },
            'the embedded PostgreSQL did not start again (its log: postgres/server.log in the data directory); retrying',
          );
        },
      )
      .finally(() => {
        restarting = null;
      });
  };
  const timer = setInterval(check, WATCH_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await restarting;
    },
  };
}

/**
 * The mail delivery job (src/core/mail.ts), started where SMTP is configured (SMTP_URL); without
 * it, no mail is queued and none is sent.
 */
export async function startMailDelivery(config: Config, db: Database, jobs: JobQueue, logger: Logger): Promise<MailDelivery | null> {
  if (!config.smtpUrl) return null;
  const delivery = new MailDelivery(db, jobs, { smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  await delivery.start();
  logger.info('mail delivery started');
  return delivery;
}

/**
 * The background work of an instance (src/core/jobs.ts): mail where SMTP is configured, and the
 * subject-access copies, always. Returns what the app wakes after a commit that made work.
 */
export async function startBackgroundWork(
  config: Config,
  db: Database,
  logger: Logger,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<{ jobs: JobQueue; mail: MailDelivery | null; wakeups: Pick<AppOptions, 'wakeMailDelivery' | 'wakeSubjectAccess'> }> {
  const jobs = new JobQueue(db, { logger, ...options });
  await jobs.start();
  const mail = await startMailDelivery(config, db, jobs, logger);
  await jobs.drain(SUBJECT_ACCESS_QUEUE, () => makeDueSubjectAccessCopies(db, { logger }));
  return {
    jobs,
    mail,
    wakeups: { ...(mail ? { wakeMailDelivery: () => mail.wake() } : {}), wakeSubjectAccess: () => jobs.wake(SUBJECT_ACCESS_QUEUE) },
  };
}

export interface RunningTillit {
  app: FastifyInstance;
  url: string;
  stop: () => Promise<void>;
}

/** Starts the whole system; `stop` lets in-flight requests finish, then closes the database. */
export async function startTillit(config: Config, logger: Logger): Promise<RunningTillit> {
  const database = await openDatabase(config, logger);
  const { jobs, mail, wakeups } = await startBackgroundWork(config, database.db, logger);
  const app = await buildApp({ config, db: database.db, logger, databaseServerRunning: database.serverRunning, ...wakeups });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  const auth = new AuthService(database.db);
  const setupToken = await auth.issueSetupToken();
  if (setupToken) {
    // Printed to the console on purpose: the one way to reach a fresh installation.
    process.stdout.write(
      `\nNo administrator exists yet. Create one within an hour at:\n  ${config.publicUrl}/setup?token=${setupToken}\nor run: npx tillit admin create --email you@example.org\n\n`,
    );
  }
  const sweep = setInterval(
    () => {
      void deleteExpiredSessions(database.db).catch(() => undefined);
      void forgetOldFailures(database.db).catch(() => undefined);
    },
    10 * 60 * 1000,
  );
  sweep.unref();
  // Chains the committed audit events; one instance among all seals at a time (docs/adr/0003).
  const sealer = new AuditSealer(database.db, { logger });
  sealer.start();
  const reminders = new Reminders(database.db, {
    logger,
    mail: mail ? { publicUrl: config.publicUrl, wake: () => mail.wake() } : null,
  });
  reminders.start();

  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(sweep);
        await app.drain();
        await app.close();
        await sealer.stop();
        await reminders.stop();
        await jobs.stop();
        mail?.close();
        await database.close();
      })();
      return stopping;
    },
  };
}
