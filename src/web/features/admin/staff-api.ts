import type {
  createPartnerStaffBody,
  createStaffBody,
  partnerStaffList,
  staffListQuery,
  staffMember,
  temporaryPassword,
  updatePartnerStaffBody,
  updateStaffBody,
} from '../../../areas/staff/staff.contract.ts';
import { type Answer, type Body, type PageAnswer, type Query, request } from '../../api.ts';

export type StaffMember = Answer<typeof staffMember>;
export type TemporaryPassword = Answer<typeof temporaryPassword>;

const enc = encodeURIComponent;

/** Staff accounts: listed for everyone who works with cases, changed by administrators. */
export const staffApi = {
  list: (query: Query<typeof staffListQuery> = {}) => request<PageAnswer<typeof staffMember>>('GET', '/api/v1/staff', { query }),
  create: (body: Body<typeof createStaffBody>) => request<Answer<typeof staffMember>>('POST', '/api/v1/staff', { body }),
  update: (id: string, body: Body<typeof updateStaffBody>) =>
    request<Answer<typeof staffMember>>('PATCH', `/api/v1/staff/${enc(id)}`, { body }),
  /** A temporary password, returned this once. */
  resetPassword: (id: string) => request<Answer<typeof temporaryPassword>>('POST', `/api/v1/staff/${enc(id)}/password`, { body: {} }),
};

/** A partner organisation's own administrator: the accounts of its staff. */
export const partnerStaffApi = {
  list: () => request<Answer<typeof partnerStaffList>>('GET', '/api/v1/partner/staff'),
  create: (body: Body<typeof createPartnerStaffBody>) => request<Answer<typeof staffMember>>('POST', '/api/v1/partner/staff', { body }),
  update: (id: string, body: Body<typeof updatePartnerStaffBody>) =>
    request<Answer<typeof staffMember>>('PATCH', `/api/v1/partner/staff/${enc(id)}`, { body }),
  resetPassword: (id: string) =>
    request<Answer<typeof temporaryPassword>>('POST', `/api/v1/partner/staff/${enc(id)}/password`, { body: {} }),
};
