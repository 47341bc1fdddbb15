import type {
  loginBody,
  loginResult,
  mfaCodeBody,
  mfaEnrolment,
  newPasswordBody,
  sessionInfo,
  setupBody,
  setupResult,
} from '../../../areas/auth/auth.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, request } from '../../api.ts';

export type SessionInfo = Answer<typeof sessionInfo>;
export type LoginResult = Answer<typeof loginResult>;
export type MfaEnrolment = Answer<typeof mfaEnrolment>;

/** Signing in, step by step, and the first administrator's setup. A 401 is an expected answer here. */
export const authApi = {
  session: () => request<Answer<typeof sessionInfo>>('GET', '/api/v1/auth/session', { expectUnauthenticated: true }),
  login: (body: Body<typeof loginBody>) =>
    request<Answer<typeof loginResult>>('POST', '/api/v1/auth/login', { body, expectUnauthenticated: true }),
  verifyMfa: (body: Body<typeof mfaCodeBody>) =>
    request<Answer<typeof loginResult>>('POST', '/api/v1/auth/mfa/verify', { body, expectUnauthenticated: true }),
  enrolMfa: () => request<Answer<typeof mfaEnrolment>>('POST', '/api/v1/auth/mfa/enrol', { body: {} }),
  confirmMfa: (body: Body<typeof mfaCodeBody>) => request<Answer<typeof loginResult>>('POST', '/api/v1/auth/mfa/confirm', { body }),
  /** After signing in with a temporary password. */
  setNewPassword: (body: Body<typeof newPasswordBody>) => request<Answer<typeof loginResult>>('POST', '/api/v1/auth/password', { body }),
  logout: () => request<Answer<typeof ok>>('POST', '/api/v1/auth/logout', { body: {}, expectUnauthenticated: true }),
  setup: (body: Body<typeof setupBody>) =>
    request<Answer<typeof setupResult>>('POST', '/api/v1/setup', { body, expectUnauthenticated: true }),
};
