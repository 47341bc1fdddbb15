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

/** What a transaction's work hands back: its result, and a last statement to send with the COMMIT. */
export interface TransactionOutcome<T> {
  result: T;
  /** Parameter-free SQL (values already inlined as literals) sent in the same round trip as COMMIT. */
  beforeCommit?: string | null;
}

/**
 * A transaction in as few round trips as the protocol allows: BEGIN goes out with the statement
 * that opens the transaction (`opening`, parameter-free), and the work's last statement with the
 * COMMIT – two round trips saved on every request against drizzle's own `transaction()`. A
 * failure rolls back; a connection that cannot even roll back is discarded, not returned to the pool.
 */
export async function runTransaction<T>(
  db: Database,
  opening: string | null,
  work: (tx: Transaction, inline: (query: { sql: string; params: unknown[] }) => string) => Promise<TransactionOutcome<T>>,
): Promise<T> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query(opening ? `BEGIN; ${opening}` : 'BEGIN');
    try {
      const tx = drizzle(client) as unknown as Transaction;
      const { result, beforeCommit } = await work(tx, (query) => inlineParameters(client, query));
      await client.query(beforeCommit ? `${beforeCommit}; COMMIT` : 'COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((failed: Error) => {
        broken = failed;
      });
      throw error;
    }
  } catch (error) {
    broken ??= isConnectionLost(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    client.release(broken);
  }
}

const isConnectionLost = (error: unknown) => !(error as { severity?: unknown } | null)?.severity;

/** A parametrised statement as parameter-free SQL, each value a literal escaped by the driver. */
function inlineParameters(client: pg.PoolClient, query: { sql: string; params: unknown[] }): string {
  const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const prepared = prepareValue(query.params[Number(n) - 1]);
    return prepared === null || prepared === undefined ? 'NULL' : client.escapeLiteral(String(prepared));
  });
}
