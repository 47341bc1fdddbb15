import { invalidField } from './errors.ts';

/** Opaque keyset cursors: the sort values of the last row of the previous page. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number'))
      return values;
  } catch {
    /* fall through */
  }
  throw invalidField('cursor', 'invalid_cursor', 'Not a cursor returned by this list');
}

/** Fetch limit + 1 rows; this trims the extra one and makes the next cursor. */
export function pageOf<R, T>(rows: R[], limit: number, present: (row: R) => T, cursorOf: (row: R) => (string | number)[]) {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  return { items: kept.map(present), nextCursor: hasMore ? encodeCursor(cursorOf(kept[kept.length - 1]!)) : null };
}

/** A page the door already trimmed (`Door.page`): presents it and makes the next cursor. */
export function presentPage<R, T>(page: { items: R[]; more: boolean }, present: (row: R) => T, cursorOf: (row: R) => (string | number)[]) {
  const last = page.items[page.items.length - 1];
  return { items: page.items.map(present), nextCursor: page.more && last ? encodeCursor(cursorOf(last)) : null };
}
