import type { createAgreementBody, serviceAgreement, signAgreementBody } from '../../../areas/agreement/agreement.contract.ts';
import type {
  caseRecord,
  caseStage,
  changeStageBody,
  clearCrisisBody,
  emergencyAccess,
  emergencyAccessBody,
  reassignCaseBody,
} from '../../../areas/case/case.contract.ts';
import type { caseDeadline, caseOverview } from '../../../areas/work/work.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type CaseRecord = Answer<typeof caseRecord>;
export type CaseStage = Answer<typeof caseStage>;
export type CaseOverview = Answer<typeof caseOverview>;
export type CaseDeadline = Answer<typeof caseDeadline>;
export type ServiceAgreement = Answer<typeof serviceAgreement>;
export type SignAgreementBody = Body<typeof signAgreementBody>;

const enc = encodeURIComponent;

/** A case: read, its overview, stage, responsible worker, crisis flag, and its service agreements. */
export const caseApi = {
  get: (id: string) => request<Answer<typeof caseRecord>>('GET', `/api/v1/cases/${enc(id)}`),
  overview: (id: string) => request<Answer<typeof caseOverview>>('GET', `/api/v1/cases/${enc(id)}/overview`),
  changeStage: (id: string, body: Body<typeof changeStageBody>) =>
    request<Answer<typeof caseRecord>>('POST', `/api/v1/cases/${enc(id)}/stage`, { body }),
  reassign: (id: string, body: Body<typeof reassignCaseBody>) =>
    request<Answer<typeof caseRecord>>('POST', `/api/v1/cases/${enc(id)}/reassign`, { body }),
  /** Break-the-glass: a case outside the caller's reach opened in an emergency, with a reason, for a limited time. */
  openInEmergency: (id: string, body: Body<typeof emergencyAccessBody>) =>
    request<Answer<typeof emergencyAccess>>('POST', `/api/v1/cases/${enc(id)}/emergency-access`, { body }),
  /** Supervision ends a case's crisis flag after the safety follow-up. */
  clearCrisis: (id: string, body: Body<typeof clearCrisisBody>) =>
    request<Answer<typeof caseRecord>>('POST', `/api/v1/cases/${enc(id)}/crisis/clear`, { body }),
  agreements: (id: string) => request<ListAnswer<typeof serviceAgreement>>('GET', `/api/v1/cases/${enc(id)}/agreements`),
  createAgreement: (id: string, body: Body<typeof createAgreementBody>) =>
    request<Answer<typeof serviceAgreement>>('POST', `/api/v1/cases/${enc(id)}/agreements`, { body }),
  sign: (agreementId: string, body: Body<typeof signAgreementBody>) =>
    request<Answer<typeof serviceAgreement>>('POST', `/api/v1/agreements/${enc(agreementId)}/signatures`, { body }),
  documentUrl: (agreementId: string) => `/api/v1/agreements/${enc(agreementId)}/document`,
};
