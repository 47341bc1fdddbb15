import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { z } from 'zod';
import { email as emailSchema } from '../areas/auth/auth.contract.ts';
import { AuthService } from '../areas/auth/auth.service.ts';
import { auditChainHashAt, auditChainHeads, auditEventHash, verifyAuditChain } from '../core/audit-store.ts';
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

/** A checkpoint file: what `tillit audit checkpoint` writes, or the single {seq, hash} of releases before the sealer. */
const checkpointFile = z.union([
  z.object({
    takenAt: z.string(),
    chains: z.array(z.object({ agencyId: z.int().positive(), chainSeq: z.string().regex(/^\d+$/), hash: z.string() })).min(1),
  }),
  z.object({ seq: z.string().regex(/^\d+$/), hash: z.string(), takenAt: z.string().optional() }),
]);

/** Unsealed events older than this suggest that no sealer is running. */
const SEALER_SILENT_SECONDS = 10;

const seconds = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} s`;

audit
  .command('verify')
  .description(
    'Recompute every agency’s hash chain; names every broken event, counts the sealed ones and those not sealed yet (with their age); exits 1 on a break or a failed checkpoint',
  )
  .option('--checkpoint <file>', 'also prove that nothing up to an earlier checkpoint was removed or rewritten (detects a truncated tail)')
  .action(async (options: { checkpoint?: string }) => {
    let checkpoint: z.infer<typeof checkpointFile> | null = null;
    if (options.checkpoint) {
      let text: string;
      try {
        text = fs.readFileSync(options.checkpoint, 'utf8');
      } catch {
        fail(`${options.checkpoint}: cannot be read`);
      }
      let parsed: ReturnType<typeof checkpointFile.safeParse>;
      try {
        parsed = checkpointFile.safeParse(JSON.parse(text));
      } catch {
        fail(`${options.checkpoint}: not JSON`);
      }
      if (!parsed.success) fail(`${options.checkpoint}: not a checkpoint written by \`tillit audit checkpoint\``);
      checkpoint = parsed.data;
    }
    await withDatabase(async ({ db }) => {
      const result = await verifyAuditChain(db);
      const lines: string[] = [];
      if (result.ok) {
        lines.push(
          `Audit chain intact: ${result.checked} events sealed in ${result.agencies.length} ${result.agencies.length === 1 ? 'agency' : 'agencies'}`,
        );
      } else {
        lines.push(
          `Audit chain BROKEN: ${result.breakCount} broken ${result.breakCount === 1 ? 'event' : 'events'} (${result.checked} events checked)`,
        );
      }
      for (const a of result.agencies)
        lines.push(
          `  agency ${a.agencyId}: ${a.checked} sealed, ${a.ok ? 'intact' : `${a.breakCount} broken`}, last position ${a.lastChainSeq} (hash ${a.lastHash})`,
        );
      lines.push(
        ...result.breaks.map((b) => `  event ${b.seq}: ${b.reason} (agency ${b.agencyId}, position ${b.chainSeq})`),
        ...(result.breakCount > result.breaks.length
          ? [`  … and ${result.breakCount - result.breaks.length} more (only the first ${result.breaks.length} are listed)`]
          : []),
      );
      const { unsealed } = result;
      if (unsealed.count === 0) lines.push('Every event is sealed');
      else {
        lines.push(
          `${unsealed.count} ${unsealed.count === 1 ? 'event' : 'events'} not sealed yet, the oldest ${seconds(unsealed.oldestAgeSeconds ?? 0)} old`,
          ...unsealed.oldest.map((e) => `  event ${e.seq} (agency ${e.agencyId}): ${seconds(e.ageSeconds)}`),
        );
        if ((unsealed.oldestAgeSeconds ?? 0) > SEALER_SILENT_SECONDS)
          lines.push('  Is Tillit running? Its sealer chains events within about a second; these wait for it, committed.');
      }
      let failed = !result.ok;
      if (checkpoint) {
        const chains = 'chains' in checkpoint ? checkpoint.chains : null;
        if (chains) {
          for (const c of chains) {
            const found = await auditChainHashAt(db, c.agencyId, c.chainSeq);
            if (found === c.hash && result.ok)
              lines.push(`Checkpoint of ${checkpoint.takenAt}: agency ${c.agencyId} at position ${c.chainSeq} confirmed`);
            else {
              failed = true;
              lines.push(
                found === c.hash
                  ? `Checkpoint NOT PROVEN: agency ${c.agencyId} at position ${c.chainSeq} matches, but the chain before it is broken`
                  : `Checkpoint NOT FOUND: agency ${c.agencyId} at position ${c.chainSeq} ${found ? 'has a different hash' : 'is missing'} – the chain was cut or rewritten up to there`,
              );
            }
          }
        } else if ('seq' in checkpoint) {
          const found = await auditEventHash(db, checkpoint.seq);
          if (found === checkpoint.hash && result.ok) lines.push(`Checkpoint at event ${checkpoint.seq} confirmed`);
          else {
            failed = true;
            lines.push(
              `Checkpoint NOT FOUND: event ${checkpoint.seq} ${found ? (found === checkpoint.hash ? 'matches, but the chain before it is broken' : 'has a different hash') : 'is missing'} – the chain was cut or rewritten after it`,
            );
          }
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      if (failed) process.exitCode = 1;
    });
  });

audit
  .command('checkpoint')
  .description(
    'Print every agency’s chain head (agency, last position, its hash, the time) as JSON, to keep outside Tillit (sign or e-mail it) and check later with verify --checkpoint',
  )
  .option('--agency <id>', 'only this agency’s chain')
  .action(async (options: { agency?: string }) => {
    const agency = options.agency === undefined ? null : z.coerce.number().int().positive().safeParse(options.agency);
    if (agency && !agency.success) fail('--agency: an agency id (a whole number from 1)');
    await withDatabase(async ({ db }) => {
      const heads = (await auditChainHeads(db)).filter((h) => !agency?.success || h.agencyId === agency.data);
      if (heads.length === 0) fail(agency ? `agency ${options.agency} has no sealed audit events yet` : 'no sealed audit events yet');
      process.stdout.write(
        `${JSON.stringify({ takenAt: heads[0]!.takenAt, chains: heads.map(({ agencyId, chainSeq, hash }) => ({ agencyId, chainSeq, hash })) })}\n`,
      );
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
