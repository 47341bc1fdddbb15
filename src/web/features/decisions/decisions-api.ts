import type {
  createDecisionBody,
  decision,
  sendDecisionForSignatureBody,
  signDecisionBody,
  updateDecisionBody,
} from '../../../areas/decision/decision.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type ServiceDecision = Answer<typeof decision>;
export type ServiceDecisionBody = Body<typeof createDecisionBody>;

const enc = encodeURIComponent;

/** Formal decisions on requested services; a draft may be sent for signature, and signing makes one final. */
export const serviceDecisionApi = {
  list: (caseId: string) => request<ListAnswer<typeof decision>>('GET', `/api/v1/cases/${enc(caseId)}/decisions`),
  create: (caseId: string, body: Body<typeof createDecisionBody>) =>
    request<Answer<typeof decision>>('POST', `/api/v1/cases/${enc(caseId)}/decisions`, { body }),
  update: (id: string, body: Body<typeof updateDecisionBody>) =>
    request<Answer<typeof decision>>('PATCH', `/api/v1/decisions/${enc(id)}`, { body }),
  sign: (id: string, version: Body<typeof signDecisionBody>['version']) =>
    request<Answer<typeof decision>>('POST', `/api/v1/decisions/${enc(id)}/sign`, { body: { version } }),
  sendForSignature: (id: string, version: Body<typeof sendDecisionForSignatureBody>['version']) =>
    request<Answer<typeof decision>>('POST', `/api/v1/decisions/${enc(id)}/send-for-signature`, { body: { version } }),
  letterUrl: (id: string) => `/api/v1/decisions/${enc(id)}/letter`,
};
