import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import type { Database } from '../../core/db/pool.ts';
import { decodeCursor, pageOf } from '../../core/pagination.ts';
import { inTransaction } from '../../core/unit-of-work.ts';
import type { createDirectoryEntryBody } from './intake.contract.ts';
import { referralDirectory } from './intake.schema.ts';

type Source = 'directory' | 'partner';

interface EntryRow extends Record<string, unknown> {
  id: string;
  source: Source;
  name: string;
  services: string[];
  regions: string[];
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: boolean;
  version: number;
}

const present = (d: EntryRow) => ({
  id: d.id,
  source: d.source,
  name: d.name,
  services: d.services,
  regions: d.regions,
  contactPerson: d.contactPerson,
  phone: d.phone,
  email: d.email,
  address: d.address,
  active: d.active,
  version: d.version,
});

/**
 * The organisations a request can be referred to: the directory's own entries and the agency's
 * partner organisations (with what the service directory lists for them), by name. A search
 * matches the name, a service or a region.
 */
export class DirectoryService {
  constructor(private readonly db: Database) {}

  async list(ctx: RequestContext, query: { q?: string; limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, 2) as [string, string] | null;
    const agencyId = ctx.actor?.agencyId ?? 0;
    const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await inTransaction(this.db, ctx, async (uow) => {
      const found = await uow.tx.execute<EntryRow>(sql`
        SELECT * FROM (
          SELECT id, 'directory' AS source, name, services, regions, NULL::text AS "contactPerson", phone, email, address, active, version
            FROM referral_directory WHERE agency_id = ${agencyId} AND active
          UNION ALL
          -- A partner offers what its entry says and what the service directory lists for it (names, kinds, areas).
          SELECT p.id, 'partner', p.name,
                 p.services || ARRAY(SELECT DISTINCT word FROM directory_services d, unnest(d.name || d.categories) AS word
                                      WHERE d.organisation_id = p.id AND d.status = 'active' AND NOT word = ANY(p.services) ORDER BY word),
                 p.regions || ARRAY(SELECT DISTINCT area FROM directory_services d, unnest(d.areas) AS area
                                     WHERE d.organisation_id = p.id AND d.status = 'active' AND NOT area = ANY(p.regions) ORDER BY area),
                 p.contact_person, p.phone, p.email, p.address, true, p.version
            FROM partner_organisations p WHERE p.agency_id = ${agencyId}
        ) entry
        WHERE ${pattern === null ? sql`true` : sql`(entry.name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(entry.services || entry.regions) AS word WHERE word ILIKE ${pattern}))`}
          AND ${after === null ? sql`true` : sql`(entry.name, entry.id) > (${after[0]}, ${after[1]}::uuid)`}
        ORDER BY entry.name, entry.id
        LIMIT ${query.limit + 1}`);
      return found.rows;
    });
    return pageOf(rows, query.limit, present, (d) => [d.name, d.id]);
  }

  async create(ctx: RequestContext, input: z.infer<typeof createDirectoryEntryBody>) {
    return inTransaction(this.db, ctx, async (uow) => {
      const [row] = await uow.tx.insert(referralDirectory).values(input).returning();
      uow.audit({ action: 'directory.create', entityType: 'directory_entry', entityId: row!.id });
      return present({ ...row!, source: 'directory', contactPerson: null });
    });
  }
}
