import { z } from 'zod';
import { latestCalendarDate } from './calendar-date.ts';

/** Every request body is strict: an unknown field is a 400 naming that field. */

/**
 * A uuid in the one form PostgreSQL stores and prints (lower case), whatever case it was sent in,
 * so an id compares, audits and hashes the same everywhere after the edge.
 */
export const uuid = z.uuid().toLowerCase();
export const version = z.int().min(1).describe('Version of the record the client last saw; a stale version gives 409');

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** A whole list in one answer, without paging. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** The answer to a change that has nothing more to say. */
export const ok = z.object({ ok: z.literal(true) });

export const idParams = z.strictObject({ id: uuid });

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.string().describe('Stable machine-readable error code'),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(
      z.object({
        field: z.string(),
        code: z.string(),
        message: z.string(),
        hints: z.array(z.string()).optional().describe('Further stable reasons explaining the code'),
      }),
    )
    .optional()
    .describe('Per-field messages for invalid input'),
});
export type Problem = z.infer<typeof problem>;

export const localeCode = z.enum(['en', 'nb', 'sv', 'ru', 'zh-Hans', 'zh-Hant']);
export type LocaleCode = z.infer<typeof localeCode>;
export const supportedLocales = localeCode.options;

/** Names may be in any script; trimmed, never empty. */
export const personalText = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date (YYYY-MM-DD) from 1900 up to today, such as a birth date. */
export const pastDate = z.iso.date().refine((value) => {
  const year = Number(value.slice(0, 4));
  // Today somewhere on Earth: the server's UTC date may still be yesterday for staff east of it.
  return year >= 1900 && value <= latestCalendarDate();
}, 'Use a date between 1900 and today');

type DefaultedShape<S extends z.ZodRawShape, D> = { [K in keyof S]: K extends keyof D ? z.ZodDefault<S[K]> : S[K] };

/**
 * A shape with defaults for creating, kept apart from the plain shape used (all optional) for
 * edits – zod applies defaults even inside .partial(), which would overwrite fields on an edit.
 */
export function withDefaults<S extends z.ZodRawShape, D extends { [K in keyof S]?: z.input<S[K]> }>(
  shape: S,
  defaults: D,
): DefaultedShape<S, D> {
  const result = { ...shape } as unknown as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(defaults)) result[key] = (shape[key] as z.ZodType).default(value as never);
  return result as DefaultedShape<S, D>;
}

/** Every field optional and without defaults, plus the version the client last saw. */
export function editOf<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape).partial().extend({ version });
}

/** What became of what an audit event records. */
export const auditOutcome = z.enum(['success', 'denied', 'failure']);
export type AuditOutcome = z.infer<typeof auditOutcome>;
