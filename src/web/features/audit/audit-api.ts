import type { auditEvent, auditQuery, auditVerification } from '../../../areas/audit/audit.contract.ts';
import type { emergencyAccessList } from '../../../areas/case/case.contract.ts';
import type { pageQuery } from '../../../core/common.contract.ts';
import { type Answer, type PageAnswer, type Query, request } from '../../api.ts';

export type AuditEvent = Answer<typeof auditEvent>;
export type AuditVerification = Answer<typeof auditVerification>;

/** The audit trail, for auditors: events by person or actor, cases opened in an emergency, and the hash chain's check. */
export const auditApi = {
  events: (query: Query<typeof auditQuery>) => request<PageAnswer<typeof auditEvent>>('GET', '/api/v1/audit/events', { query }),
  emergencyAccesses: (query: Query<typeof pageQuery>) =>
    request<Answer<typeof emergencyAccessList>>('GET', '/api/v1/audit/emergency-accesses', { query }),
  verify: () => request<Answer<typeof auditVerification>>('POST', '/api/v1/audit/verify', { body: {} }),
};
