import { z } from 'zod';
import { auditAction, auditEntityType } from '../../core/audit.contract.ts';
import { auditOutcome, localeCode, uuid } from '../../core/common.contract.ts';

export { type AuditAction, type AuditEntityType, auditAction, auditEntityType } from '../../core/audit.contract.ts';

/*
 * The log answers with the code an event was written with. The codes listed are those written
 * today; an event keeps its code for ever (it is hashed into the chain), so an event of an older
 * release may carry one no longer written. A plain string is accepted beside the list rather than
 * refused or replaced: refusing would fail the whole page of the log, and replacing would hide what
 * was done – the page shows an unknown code as it is. (In TypeScript the union is a string; the
 * list is what the OpenAPI document gives and what the catalogs are tested against.)
 */
const loggedAction = z.union([auditAction, z.string()]).describe('What was done: an auditAction code, or one an older release wrote');
const loggedEntityType = z
  .union([auditEntityType, z.string()])
  .describe('What kind of record it was done to: an auditEntityType code, or one an older release wrote');

export const auditEvent = z.object({
  seq: z.string().describe('Position in the hash chain'),
  occurredAt: z.iso.datetime(),
  actorId: uuid.nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: loggedAction,
  entityType: loggedEntityType,
  entityId: z.string().nullable(),
  personId: uuid.nullable(),
  outcome: auditOutcome,
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  personId: uuid.optional(),
  actorId: uuid.optional(),
});
export const chainBreak = z.object({
  seq: z.string().describe('The broken event (its seq, as the access log shows it)'),
  agencyId: z.int().describe('The agency whose chain it is in'),
  chainSeq: z.string().describe("Its position in the agency's chain"),
  code: z
    .enum(['event_changed', 'link_broken', 'event_changed_and_link_broken'])
    .describe('event_changed: its content no longer gives its hash; link_broken: an event before it was removed, inserted or moved'),
  reason: z.string(),
});
export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.int().describe("Sealed events checked: every agency's whole chain"),
  breakCount: z.int().describe('Every broken event, listed or not'),
  breaks: z
    .array(chainBreak)
    .describe('The first broken events (a capped list), in chain order; breakCount says how many there are in all'),
  firstBrokenSeq: z.string().nullable().describe('The first broken event (breaks[0].seq), or null'),
  reason: z.string().nullable().describe('Why the first broken event breaks the chain, or null'),
  agencies: z
    .array(
      z.object({
        agencyId: z.int(),
        ok: z.boolean(),
        checked: z.int(),
        breakCount: z.int(),
        lastChainSeq: z.string().describe('The last position checked'),
        lastHash: z.string().describe('Its hash (the genesis value for an empty chain)'),
      }),
    )
    .describe('Each chain: one per agency'),
  unsealed: z
    .object({
      count: z.int(),
      oldestAgeSeconds: z.number().nullable(),
    })
    .describe('Committed events not chained yet (the sealer chains them within about a second); checked once sealed'),
});

/** How an access is told to the person: a record read, printed or changed, or an attempt refused. */
export const accessKind = z.enum(['read', 'printed', 'changed', 'denied']);
export type AccessKind = z.infer<typeof accessKind>;

export const accessLogQuery = z.strictObject({
  from: z.iso.date().optional().describe("The first day (agency's time zone); a year back by default"),
  to: z.iso.date().optional().describe('The last day; today by default'),
  language: localeCode.optional().describe("The printed log's language: the person's first by default"),
});

export const accessLogEntry = z.object({
  seq: z.string().describe('The event in the audit trail'),
  occurredAt: z.iso.datetime(),
  actorName: z.string().describe('Who: a member of staff by name'),
  actorRole: z.string().nullable().describe('In what role they acted'),
  entityType: loggedEntityType.describe('What they looked at or changed'),
  how: accessKind,
});
export const accessLog = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  items: z.array(accessLogEntry),
  truncated: z.boolean().describe('More accesses than the log shows at once: narrow the period'),
});
export type AccessLog = z.infer<typeof accessLog>;
