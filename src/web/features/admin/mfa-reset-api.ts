import type { z } from 'zod';
import type { createMfaResetRequestBody, MfaResetRequest } from '../../../areas/staff/staff.contract.ts';
import { request } from '../../api.ts';

export type { MfaResetRequest };

const enc = encodeURIComponent;

/** Second-factor resets: one person requests, another approves (administrators and the agency head). */
export const mfaResetApi = {
  pending: () => request<{ items: MfaResetRequest[] }>('GET', '/api/v1/mfa-reset-requests'),
  request: (staffId: string, body: z.input<typeof createMfaResetRequestBody>) =>
    request<MfaResetRequest>('POST', `/api/v1/staff/${enc(staffId)}/mfa-reset-requests`, { body }),
  approve: (id: string) => request<MfaResetRequest>('POST', `/api/v1/mfa-reset-requests/${enc(id)}/approve`, { body: {} }),
  decline: (id: string) => request<MfaResetRequest>('POST', `/api/v1/mfa-reset-requests/${enc(id)}/decline`, { body: {} }),
};
