import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { email as emailSchema } from '../areas/auth/auth.contract.ts';
import { AuthService } from '../areas/auth/auth.service.ts';
import { auditChainHead, auditEventHash, verifyAuditChain } from '../core/audit-store.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import { systemContext } from '../core/context.ts';
import { DomainError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { openDatabase, startTillit } from '../server/runtime.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

const program = new Command('tillit').description('Tillit case management').showHelpAfterError();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger('warn');
  const database = await openDatabase(config, logger, { shareRunningServer: true });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function readPassword(passwordFile?: string): Promise<string> {
  if (passwordFile) return fs.readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) return (await new Response(process.stdin as unknown as ReadableStream).text()).replace(/\r?\n$/, '');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  process.stdout.write('Password: ');
  muted._writeToOutput = () => undefined;
  const password = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return password;
}

program
  .command('start')
  .description('Start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const tillit = await startTillit(config, logger);
    logger.info({ url: tillit.url }, 'Tillit is running');
    process.stdout.write(`Tillit is running at ${config.publicUrl}\n`);
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      tillit.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    await withDatabase(async () => process.stdout.write('Migrations are up to date.\n'));
  });

const admin = program.command('admin').description('Administrator accounts');
admin
  .command('create')
  .description('Create an administrator; the password is read from a prompt, stdin or --password-file')
  .requiredOption('--email <email>', 'e-mail address used to sign in')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--password-file <file>', 'read the password from this file')
  .action(async (options: { email: string; name: string; passwordFile?: string }) => {
    const parsed = emailSchema.safeParse(options.email);
    if (!parsed.success) fail('--email: not a valid e-mail address');
    const password = await readPassword(options.passwordFile);
    await withDatabase(async ({ db }) => {
      try {
        const id = await new AuthService(db).createAdministrator(systemContext('cli'), {
          email: parsed.data,
          displayName: options.name,
          password,
        });
        process.stdout.write(`Administrator ${parsed.data} created (${id}).\n`);
      } catch (error) {
        if (error instanceof DomainError)
          fail(`${error.message}${error.fieldErrors ? `: ${error.fieldErrors.map((f) => f.message).join('; ')}` : ''}`);
        throw error;
      }
    });
  });

const audit = program.command('audit').description('The tamper-evident audit trail');
audit
  .command('verify')
  .description('Recompute the hash chain; exits 1 and names every broken event if it does not hold')
  .option('--checkpoint <file>', 'also confirm the chain still holds an earlier checkpoint (detects a truncated tail)')
  .action(async (options: { checkpoint?: string }) => {
    await withDatabase(async ({ db }) => {
      const result = await verifyAuditChain(db);
      if (!result.ok) {
        const lines = [
          `Audit chain BROKEN: ${result.breakCount} broken ${result.breakCount === 1 ? 'event' : 'events'} (${result.checked} events checked)`,
          ...result.breaks.map((b) => `  event ${b.seq}: ${b.reason}`),
          ...(result.breakCount > result.breaks.length
            ? [`  … and ${result.breakCount - result.breaks.length} more (only the first ${result.breaks.length} are listed)`]
            : []),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`Audit chain intact: ${result.checked} events, head ${result.lastHash}\n`);
      if (options.checkpoint) {
        const checkpoint = JSON.parse(fs.readFileSync(options.checkpoint, 'utf8')) as { seq: string; hash: string };
        const found = await auditEventHash(db, checkpoint.seq);
        if (found !== checkpoint.hash) {
          process.stdout.write(
            `Checkpoint NOT FOUND: event ${checkpoint.seq} ${found ? 'has a different hash' : 'is missing'} – the chain was cut or rewritten after it\n`,
          );
          process.exitCode = 1;
        } else {
          process.stdout.write(`Checkpoint at event ${checkpoint.seq} confirmed\n`);
        }
      }
    });
  });

audit
  .command('checkpoint')
  .description('Print the chain head as JSON, to keep outside Tillit (e.g. sign or e-mail it) and check later with verify --checkpoint')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const head = await auditChainHead(db);
      process.stdout.write(`${JSON.stringify({ ...head, takenAt: new Date().toISOString() })}\n`);
    });
  });

program
  .command('backup <file>')
  .description('Write a backup of the database (pg_dump custom format)')
  .action(async (file: string) => {
    await withDatabase(async ({ directUrl }) => {
      await backupDatabase(directUrl, file);
      process.stdout.write(`Backup written to ${file}\n`);
    });
  });

program
  .command('restore <file>')
  .description('Replace the database contents with a backup made by `tillit backup`')
  .action(async (file: string) => {
    if (!fs.existsSync(file)) fail(`${file}: no such file`);
    await withDatabase(async ({ directUrl }) => {
      await restoreDatabase(directUrl, file);
      process.stdout.write(`Restored from ${file}\n`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
