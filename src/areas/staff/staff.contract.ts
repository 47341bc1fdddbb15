import { z } from 'zod';
import { listOf, localeCode, uuid, version } from '../../core/common.contract.ts';
import { role } from '../../core/roles.contract.ts';
import { email, password } from '../auth/auth.contract.ts';

export const staffStatus = z.enum(['active', 'disabled']);

export const staffMember = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  unitId: uuid.nullable(),
  partnerOrganisationId: uuid.nullable(),
  status: staffStatus,
  locale: localeCode,
  mfaEnabled: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  onDuty: z.boolean(),
  notifyByEmail: z.boolean().describe('Reminders also come by e-mail, as a link only'),
  holdsCases: z.boolean().describe('Whether the member may be responsible for a case or on its team (src/core/access-policy.ts)'),
  version: z.int(),
});
export type StaffMember = z.infer<typeof staffMember>;

export const createStaffBody = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(role).min(1).max(role.options.length),
  unitId: uuid.nullable().default(null),
  partnerOrganisationId: uuid.nullable().default(null),
  locale: localeCode.default('en'),
  initialPassword: password.describe('A temporary password: it works once, for 72 hours, and is replaced at the first sign-in'),
});

export const updateStaffBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  roles: z.array(role).min(1).max(role.options.length).optional(),
  unitId: uuid.nullable().optional(),
  partnerOrganisationId: uuid.nullable().optional(),
  status: staffStatus.optional(),
  onDuty: z.boolean().optional(),
  version,
});

/** A reset takes no input: the server makes the temporary password. */
export const resetStaffPasswordBody = z.strictObject({});
export const temporaryPassword = z.object({
  temporaryPassword: z.string().describe('Shown once; only its hash is stored. Works once, until expiresAt'),
  expiresAt: z.iso.datetime(),
});
export type TemporaryPassword = z.infer<typeof temporaryPassword>;

export const mfaResetStatus = z.enum(['pending', 'approved', 'declined', 'expired']);
export const mfaResetRequest = z.object({
  id: uuid,
  staff: z.object({ id: uuid, displayName: z.string(), email: z.string() }),
  requestedBy: z.object({ id: uuid, displayName: z.string() }),
  reason: z.string(),
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  status: mfaResetStatus,
  decidedBy: z.object({ id: uuid, displayName: z.string() }).nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type MfaResetRequest = z.infer<typeof mfaResetRequest>;

export const createMfaResetRequestBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).describe('Why the second factor must go (a lost phone, say); shown to the approver'),
});
export const decideMfaResetBody = z.strictObject({});

export const staffListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  unitId: uuid.optional().describe('Only members of this unit'),
  holdsCases: z.enum(['true']).optional().describe('Only active members who may hold a case (be its responsible worker or on its team)'),
});

/** A partner organisation's administrator adds one of its staff: a partner provider, perhaps also an administrator of the organisation. */
export const createPartnerStaffBody = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  locale: localeCode.default('en'),
  mayManageStaff: z.boolean().default(false).describe('Also an administrator of the organisation: manages its staff accounts'),
  initialPassword: password.describe('A temporary password: it works once, for 72 hours, and is replaced at the first sign-in'),
});
export const updatePartnerStaffBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  status: staffStatus.optional(),
  mayManageStaff: z.boolean().optional(),
  version,
});
export const partnerStaffList = listOf(staffMember);
