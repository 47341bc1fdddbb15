import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import type { createDirectoryEntryBody } from './intake.contract.ts';
import { referralDirectory } from './intake.schema.ts';

const present = (d: typeof referralDirectory.$inferSelect) => ({
  id: d.id,
  name: d.name,
  services: d.services,
  regions: d.regions,
  phone: d.phone,
  email: d.email,
  address: d.address,
  active: d.active,
  version: d.version,
});

/** The simple directory of organisations a request can be referred to. */
export class DirectoryService {
  constructor(private readonly db: Database) {}

  async list(ctx: RequestContext, query: { q?: string; limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const conditions: SQL[] = [eq(referralDirectory.agencyId, ctx.actor?.agencyId ?? 0), eq(referralDirectory.active, true)];
    if (query.q) conditions.push(ilike(referralDirectory.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    if (after)
      conditions.push(
        or(gt(referralDirectory.name, after[0]), and(eq(referralDirectory.name, after[0]), gt(referralDirectory.id, after[1])))!,
      );
    const rows = await inTransaction(this.db, ctx, (uow) =>
      uow.tx
        .select()
        .from(referralDirectory)
        .where(and(...conditions))
        .orderBy(asc(referralDirectory.name), asc(referralDirectory.id))
        .limit(query.limit + 1),
    );
    return pageOf(rows, query.limit, present, (d) => [d.name, d.id]);
  }

  async create(ctx: RequestContext, input: z.infer<typeof createDirectoryEntryBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.insert(referralDirectory).values(input).returning();
      uow.audit({ action: 'directory.create', entityType: 'directory_entry', entityId: row!.id });
      return present(row!);
    });
  }
}
