/**
 * The benchmark's database server: the embedded PostgreSQL under data/bench (port 54349), or the
 * server named by DATABASE_URL. Either way the work happens in a database `tillit_bench`, dropped
 * and created afresh on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { EmbeddedServer } from '../src/core/db/embedded-server.ts';

export const BENCH_DATABASE = 'tillit_bench';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchDatabase {
  /** Connection URL of the `tillit_bench` database. */
  url: string;
  server: 'embedded' | 'DATABASE_URL';
  /** The embedded server's postmaster, for its processes' CPU time (bench/cpu.ts); null for DATABASE_URL. */
  postmasterPid: () => number | null;
  stop: () => Promise<void>;
}

function embeddedPostmasterPid(): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(repoRoot, 'data', 'bench', 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function recreate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE} ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
}

export async function startBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    // Administer from the URL's own database, unless that is the one about to be dropped.
    const own = decodeURIComponent(new URL(external).pathname.slice(1));
    await recreate(own === BENCH_DATABASE || own === '' ? withDatabase(external, 'postgres') : external);
    return { url: withDatabase(external, BENCH_DATABASE), server: 'DATABASE_URL', postmasterPid: () => null, stop: async () => undefined };
  }
  const embedded = new EmbeddedServer({
    dataDir: path.join(repoRoot, 'data', 'bench'),
    port: Number(process.env.BENCH_DB_PORT ?? 54349),
    log,
  });
  const tillitUrl = await embedded.start();
  try {
    await recreate(withDatabase(tillitUrl, 'postgres'));
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return {
    url: withDatabase(tillitUrl, BENCH_DATABASE),
    server: 'embedded',
    postmasterPid: embeddedPostmasterPid,
    stop: () => embedded.stop(),
  };
}

/** The server with the `tillit_bench` database left by the last run, as it is (for bench/explain.ts). */
export async function openExistingBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external)
    return { url: withDatabase(external, BENCH_DATABASE), server: 'DATABASE_URL', postmasterPid: () => null, stop: async () => undefined };
  const embedded = new EmbeddedServer({
    dataDir: path.join(repoRoot, 'data', 'bench'),
    port: Number(process.env.BENCH_DB_PORT ?? 54349),
    log,
  });
  const tillitUrl = await embedded.start();
  return {
    url: withDatabase(tillitUrl, BENCH_DATABASE),
    server: 'embedded',
    postmasterPid: embeddedPostmasterPid,
    stop: () => embedded.stop(),
  };
}
