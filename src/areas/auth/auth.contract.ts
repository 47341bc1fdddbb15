import { z } from 'zod';
import { localeCode, uuid } from '../../core/common.contract.ts';
import { permission, role } from '../../core/roles.contract.ts';
import { sessionStates } from './sign-in.rules.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const loginBody = z.strictObject({ email, password });
export const loginResult = z.object({
  /** `signed_in`, or the step the session must take next; until then other routes refuse. */
  status: z.enum(['signed_in', 'mfa_required', 'password_change_required', 'mfa_enrolment_required']),
});

export const mfaCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code'),
});

export const sessionUser = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  unitId: uuid.nullable(),
  partnerOrganisationId: uuid.nullable(),
  locale: localeCode,
  mfaEnabled: z.boolean(),
  notifyByEmail: z.boolean().describe('Reminders also come by e-mail, as a link only'),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionInfo = z.object({
  user: sessionUser,
  permissions: z.array(permission).describe('What this session may do (function level); a screen offers only what these allow'),
  csrfToken: z.string(),
  /** 'complete' once every sign-in step is done; other states only allow their own step (src/areas/auth/sign-in.rules.ts). */
  state: z.enum(sessionStates),
  idleTimeoutSeconds: z.int(),
  absoluteExpiresAt: z.iso.datetime(),
  agencyTimeZone: z.string().describe("The agency's IANA time zone: the one its screens show times in"),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const changePasswordBody = z.strictObject({
  currentPassword: password,
  newPassword: password,
});

export const reauthBody = z.strictObject({ currentPassword: password });

/** The step after signing in with a temporary password: a password of one's own. */
export const newPasswordBody = z.strictObject({ newPassword: password });

/** What the account page tells its owner: when, and by whom, the password or second factor was last reset. */
const resetNotice = z.object({ at: z.iso.datetime(), byName: z.string() });
export const accountSecurity = z.object({
  passwordReset: resetNotice.nullable(),
  mfaReset: resetNotice.nullable(),
});
export type AccountSecurity = z.infer<typeof accountSecurity>;

export const mfaEnrolment = z.object({
  secret: z.string().describe('Base32 secret for manual entry'),
  otpauthUri: z.string(),
  qrSvg: z.string().describe('The otpauth URI as an SVG QR code'),
});

export const setupBody = z.strictObject({
  token: z.string().min(20).max(200),
  email,
  displayName: z.string().trim().min(1).max(200),
  password,
});
/** The first administrator's account. */
export const setupResult = z.object({ id: uuid });

export const updateMeBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  locale: localeCode.optional(),
  /** Supervisors on duty are alerted at once about urgent requests. */
  onDuty: z.boolean().optional(),
  notifyByEmail: z.boolean().optional().describe('Reminders also by e-mail: a link only, never what they are about'),
});
