import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { migrationsAreCurrent } from '../core/db/migrate.ts';
import type { Database } from '../core/db/pool.ts';

/** `serverRunning`: whether the embedded database server is up, known before a connection would tell. */
export function registerHealthRoutes(app: FastifyInstance, db: Database, serverRunning: () => boolean = () => true): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'alive' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    let database = false;
    let migrations = false;
    try {
      if (serverRunning()) {
        await db.execute(sql`SELECT 1`);
        database = true;
        migrations = await migrationsAreCurrent(db);
      }
    } catch {
      /* reported below */
    }
    const ready = database && migrations;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, migrations });
  });
}
