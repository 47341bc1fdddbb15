/** Staff as other areas name them: who wrote, recorded or took part. */
import { inArray } from 'drizzle-orm';
import type { Door } from '../../core/door.ts';
import { staff } from './staff.schema.ts';

/** Display names of staff members, by id (nulls and repeats skipped). */
export async function staffNames(door: Door, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await door.tx.select({ id: staff.id, name: staff.displayName }).from(staff).where(inArray(staff.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
