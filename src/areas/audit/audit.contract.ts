import { z } from 'zod';
import { uuid } from '../../core/common.contract.ts';

export const auditEvent = z.object({
  seq: z.string().describe('Position in the hash chain'),
  occurredAt: z.iso.datetime(),
  actorId: uuid.nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  personId: uuid.nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  personId: uuid.optional(),
  actorId: uuid.optional(),
});
export const auditVerification = z.object({
  ok: z.boolean(),
  checked: z.int(),
  firstBrokenSeq: z.string().nullable(),
  reason: z.string().nullable(),
});
