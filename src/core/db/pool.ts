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
 * A transaction in as few round trips as the protocol allows. BEGIN is not sent alone: it goes out
 * with the transaction's opening statement (`opening`: parameter-free, e.g. the agency binding)
 * and the work's first query, inlined as one simple query; the work's last statement goes with the
 * COMMIT. A read of one record is then two round trips: the read, and its audit event with the
 * COMMIT. A failure rolls back; a connection that cannot even roll back (it was lost) is discarded
 * rather than returned to the pool.
 */
export async function runTransaction<T>(
  db: Database,
  opening: string | null,
  work: (tx: Transaction, inline: (query: { sql: string; params: unknown[] }) => string) => Promise<TransactionOutcome<T>>,
): Promise<T> {
  const client = await db.$client.connect();
  const start = opening ? `BEGIN; ${opening}` : 'BEGIN';
  let begun = false;
  let broken: Error | undefined;
  // Same client, but its first query carries the BEGIN: values become escaped literals, since a
  // simple query that holds several statements takes no parameters.
  const firstQueryOpens = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return async (config: pg.QueryConfig, values?: unknown[]) => {
        if (begun) return target.query(config, values);
        begun = true;
        const text = inlineParameters(target, { sql: config.text, params: values ?? [] });
        // Never a named (prepared) statement: this one is sent once, as a simple query.
        const { name: _unnamed, ...unnamed } = config;
        const results = (await target.query({ ...unnamed, text: `${start}; ${text}` })) as unknown;
        return Array.isArray(results) ? results[results.length - 1] : results;
      };
    },
  });
  try {
    const tx = drizzle(firstQueryOpens) as unknown as Transaction;
    const { result, beforeCommit } = await work(tx, (query) => inlineParameters(client, query));
    const last = beforeCommit ? `${beforeCommit}; COMMIT` : 'COMMIT';
    await client.query(begun ? last : `${start}; ${last}`);
    return result;
  } catch (error) {
    if (begun) {
      await client.query('ROLLBACK').catch((failed: Error) => {
        broken = failed;
      });
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A parametrised statement as parameter-free SQL, each value a literal escaped by the driver. */
function inlineParameters(client: pg.PoolClient, query: { sql: string; params: unknown[] }): string {
  const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const prepared = prepareValue(query.params[Number(n) - 1]);
    if (prepared === null || prepared === undefined) return 'NULL';
    if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'::bytea`;
    return client.escapeLiteral(String(prepared));
  });
}
