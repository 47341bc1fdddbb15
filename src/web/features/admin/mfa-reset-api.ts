import type { createMfaResetRequestBody, mfaResetRequest } from '../../../areas/staff/staff.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type MfaResetRequest = Answer<typeof mfaResetRequest>;

const enc = encodeURIComponent;

/** Second-factor resets: one person requests, another approves (administrators and the agency head). */
export const mfaResetApi = {
  pending: () => request<ListAnswer<typeof mfaResetRequest>>('GET', '/api/v1/mfa-reset-requests'),
  request: (staffId: string, body: Body<typeof createMfaResetRequestBody>) =>
    request<Answer<typeof mfaResetRequest>>('POST', `/api/v1/staff/${enc(staffId)}/mfa-reset-requests`, { body }),
  approve: (id: string) => request<Answer<typeof mfaResetRequest>>('POST', `/api/v1/mfa-reset-requests/${enc(id)}/approve`, { body: {} }),
  decline: (id: string) => request<Answer<typeof mfaResetRequest>>('POST', `/api/v1/mfa-reset-requests/${enc(id)}/decline`, { body: {} }),
};
