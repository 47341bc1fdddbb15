import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Database = NodePgDatabase & { $client: pg.Pool };
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

// bigint/int8 (audit seq, counts) stay strings in node-postgres; dates as strings keep time zones exact.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** How long a request waits for a connection before it is told the database is unavailable (503). */
const CONNECT_TIMEOUT_MS = 5_000;

export function createDatabase(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max, application_name: 'tillit', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may a client in use: its connection dying (a terminated backend, a stopped server) is
  // emitted as 'error' on the client, which pg-pool listens to only while the client is idle.
  // The query in flight fails with the same error (the request answers 503), and the dead
  // client is dropped when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return drizzle(pool) as Database;
}
