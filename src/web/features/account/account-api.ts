import type {
  accountSecurity,
  changePasswordBody,
  mfaCodeBody,
  mfaEnrolment,
  reauthBody,
  updateMeBody,
} from '../../../areas/auth/auth.contract.ts';
import type { staffMember } from '../../../areas/staff/staff.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, request } from '../../api.ts';

export type AccountSecurity = Answer<typeof accountSecurity>;

/** The signed-in staff member's own account: profile, password, second factor. */
export const meApi = {
  update: (body: Body<typeof updateMeBody>) => request<Answer<typeof staffMember>>('PATCH', '/api/v1/me', { body }),
  security: () => request<Answer<typeof accountSecurity>>('GET', '/api/v1/me/security'),
  changePassword: (body: Body<typeof changePasswordBody>) => request<Answer<typeof ok>>('POST', '/api/v1/me/password', { body }),
  enrolMfa: (body: Body<typeof reauthBody>) => request<Answer<typeof mfaEnrolment>>('POST', '/api/v1/me/mfa/enrol', { body }),
  confirmMfa: (body: Body<typeof mfaCodeBody>) => request<Answer<typeof ok>>('POST', '/api/v1/me/mfa/confirm', { body }),
  disableMfa: (body: Body<typeof reauthBody>) => request<Answer<typeof ok>>('POST', '/api/v1/me/mfa/disable', { body }),
};
