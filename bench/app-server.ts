/**
 * The real app for the load driver, in its own process so that autocannon's work does not share
 * an event loop with the server it measures. Started by bench/run.ts with BENCH_DATABASE_URL;
 * reports { type: 'listening', url } over IPC and stops (app.close, pool end) on { type: 'stop' }.
 */

import { AuditSealer } from '../src/core/audit-sealer.ts';
import { loadConfig } from '../src/core/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, startBackgroundWork } from '../src/server/runtime.ts';

export type AppServerMessage = { type: 'listening'; url: string } | { type: 'stopped' } | { type: 'failed'; message: string };

const send = (message: AppServerMessage) => process.send?.(message);

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl || !process.send) throw new Error('bench/app-server.ts is started by bench/run.ts');
  const config = loadConfig({ DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' });
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger); // migrations are current: only opens the pool
  // The background work and the audit sealer run as `tillit start` runs them.
  const { jobs, mail, wakeups } = await startBackgroundWork(config, database.db, logger);
  const app = await buildApp({ config, db: database.db, logger, ...wakeups });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const sealer = new AuditSealer(database.db, { logger });
  sealer.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      app.draining = true;
      await app.close();
      await sealer.stop();
      await jobs.stop();
      mail?.close();
      await database.close();
      send({ type: 'stopped' });
      process.disconnect?.();
    })();
    return stopping;
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') void stop();
  });
  // The driver went away without saying so: do not linger.
  process.on('disconnect', () => void stop());
  send({ type: 'listening', url: `http://127.0.0.1:${port}` });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
