/**
 * A PgBouncer in transaction mode in front of the test server, for tests that show Tillit works
 * behind one (docs/adr/0009-connection-pooler.md). Needs Debian's `pgbouncer` (apt-get install
 * pgbouncer); `findPgBouncer()` answers null where it is missing, so such tests can skip.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PGBOUNCER_MISSING = 'pgbouncer is not installed (apt-get install pgbouncer, or set PGBOUNCER to its path)';

/** The pgbouncer binary: $PGBOUNCER, Debian's /usr/sbin/pgbouncer, or one on the PATH. */
export function findPgBouncer(): string | null {
  const candidates = [process.env.PGBOUNCER, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export interface PgBouncer {
  /** The same database, user and password as `databaseUrl`, reached through this PgBouncer. */
  url(databaseUrl: string): string;
  /** What PgBouncer logged, for a failing test's message. */
  log(): string;
  /** How many clients have signed in to `database` through this PgBouncer so far. */
  logins(database: string): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

/**
 * Starts PgBouncer in transaction mode in front of the server of `serverUrl`: every database of
 * that server, for its user and password, with at most `poolSize` server connections per
 * database – so clients share connections, and whatever one leaves on a session the next meets.
 */
export async function startPgBouncer(binary: string, serverUrl: string, options: { poolSize: number }): Promise<PgBouncer> {
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  // The embedded server's URL names its socket, in a directory only its own user may enter; it listens on loopback TCP too.
  const serverHost = server.hostname.startsWith('%2F') ? '127.0.0.1' : server.hostname;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-pgbouncer-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'users.txt'), `${quoted(user)} ${quoted(decodeURIComponent(server.password))}\n`, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${serverHost} port=${server.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize}`,
      'max_client_conn = 500',
      // A client waiting for a server connection fails after this instead of hanging the test.
      'query_wait_timeout = 30',
      'log_connections = 1',
      'log_disconnections = 0',
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; it then runs as nobody, who must be able to read its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    for (const file of ['', 'users.txt', 'pgbouncer.ini']) fs.chownSync(path.join(dir, file), nobody, -1);
  }
  const child: ChildProcess = spawn(binary, [...(asRoot ? ['-u', 'nobody'] : []), path.join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const url = (databaseUrl: string) => {
    const through = new URL(databaseUrl);
    through.hostname = '127.0.0.1';
    through.port = String(port);
    return through.toString();
  };

  // Ready once a client can run a statement through it.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = new pg.Client({ connectionString: url(serverUrl) });
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const logins = (database: string) => output.split('\n').filter((line) => line.includes(`login attempt: db=${database} `)).length;
  return { url, log: () => output, logins, stop };
}

/** What a server session carries beyond what a new one has: the traces of session-level features. */
export interface SessionTraces {
  /** Settings changed by SET (not SET LOCAL) or set_config(…, false); PgBouncer's own tracked parameters left out. */
  settings: string[];
  advisoryLocks: number;
  preparedStatements: number;
  listeningChannels: number;
  holdableCursors: number;
  /** A temporary schema stays with a backend once any temporary table was made in it. */
  temporaryTables: boolean;
}

export const noTraces: SessionTraces = {
  settings: [],
  advisoryLocks: 0,
  preparedStatements: 0,
  listeningChannels: 0,
  holdableCursors: 0,
  temporaryTables: false,
};

/** Parameters PgBouncer itself sets on a server connection to match the client it serves. */
const POOLER_PARAMETERS = ['application_name', 'client_encoding', 'DateStyle', 'IntervalStyle', 'TimeZone', 'standard_conforming_strings'];

/**
 * The traces on every server connection PgBouncer holds for the database of `pooledUrl`: opens
 * `poolSize` transactions at once, so each sits on a different server connection, and reads its
 * session from inside.
 */
export async function sessionTracesOfThePool(pooledUrl: string, poolSize: number): Promise<SessionTraces[]> {
  const clients = Array.from({ length: poolSize }, () => new pg.Client({ connectionString: pooledUrl }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await Promise.all(clients.map((c) => c.query('BEGIN')));
    return await Promise.all(
      clients.map(async (c) => {
        const { rows } = await c.query<{
          settings: string[];
          advisory_locks: number;
          prepared_statements: number;
          listening_channels: number;
          holdable_cursors: number;
          temporary_tables: boolean;
        }>(
          `SELECT
             coalesce((SELECT array_agg(name || '=' || setting ORDER BY name) FROM pg_settings
                       WHERE source = 'session' AND name <> ALL ($1::text[])), '{}') AS settings,
             (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory_locks,
             (SELECT count(*)::int FROM pg_prepared_statements) AS prepared_statements,
             (SELECT count(*)::int FROM pg_listening_channels()) AS listening_channels,
             (SELECT count(*)::int FROM pg_cursors WHERE is_holdable) AS holdable_cursors,
             pg_my_temp_schema() <> 0 AS temporary_tables`,
          [POOLER_PARAMETERS],
        );
        const r = rows[0]!;
        return {
          settings: r.settings,
          advisoryLocks: r.advisory_locks,
          preparedStatements: r.prepared_statements,
          listeningChannels: r.listening_channels,
          holdableCursors: r.holdable_cursors,
          temporaryTables: r.temporary_tables,
        };
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.query('COMMIT').catch(() => undefined)));
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
