import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** pg_dump / pg_restore must match the server's major version; Debian's postgresql-client provides them. */
function runTool(tool: string, args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  url.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, '--dbname', url.toString()], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${tool} was not found. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client).`)
          : error,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * The job queue's schema (src/core/jobs.ts) is left out: it holds only wake-ups for work whose
 * state lives in Tillit's own tables (the mail outbox, the subject-access copies), pg-boss makes it
 * again on start, and its partitioned tables cannot be dropped by `pg_restore --clean`.
 */
const NOT_BACKED_UP_SCHEMAS = ['pgboss'];

export async function backupDatabase(databaseUrl: string, file: string): Promise<void> {
  const partial = `${file}.partial`;
  const excluded = NOT_BACKED_UP_SCHEMAS.map((schema) => `--exclude-schema=${schema}`);
  await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...excluded, '--file', partial], databaseUrl);
  fs.renameSync(partial, file); // a failed dump never leaves a file that looks complete
}

/** Restores into the same database, replacing its objects, in one transaction. */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file],
    databaseUrl,
  );
}
