import type {
  addSupportContactBody,
  caseSafetyPlan,
  closeCrisisBody,
  createSafetyPlanBody,
  crisis,
  openCrisisBody,
  signSafetyPlanBody,
  updateCrisisBody,
  updateSafetyPlanBody,
} from '../../../areas/crisis/crisis.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type Crisis = Answer<typeof crisis>;
export type CaseSafetyPlan = Answer<typeof caseSafetyPlan>;
export type SafetyPlan = NonNullable<CaseSafetyPlan['draft']>;

const enc = encodeURIComponent;

/** A case's crises and its safety plan. */
export const crisisApi = {
  list: (caseId: string) => request<ListAnswer<typeof crisis>>('GET', `/api/v1/cases/${enc(caseId)}/crises`),
  open: (caseId: string, body: Body<typeof openCrisisBody>) =>
    request<Answer<typeof crisis>>('POST', `/api/v1/cases/${enc(caseId)}/crises`, { body }),
  update: (id: string, body: Body<typeof updateCrisisBody>) =>
    request<Answer<typeof crisis>>('PATCH', `/api/v1/crises/${enc(id)}`, { body }),
  addSupportContact: (id: string, body: Body<typeof addSupportContactBody>) =>
    request<Answer<typeof crisis>>('POST', `/api/v1/crises/${enc(id)}/support-contacts`, { body }),
  close: (id: string, body: Body<typeof closeCrisisBody>) =>
    request<Answer<typeof crisis>>('POST', `/api/v1/crises/${enc(id)}/close`, { body }),
  safetyPlan: (caseId: string) => request<Answer<typeof caseSafetyPlan>>('GET', `/api/v1/cases/${enc(caseId)}/safety-plan`),
  startSafetyPlan: (caseId: string, body: Body<typeof createSafetyPlanBody>) =>
    request<Answer<typeof caseSafetyPlan>>('POST', `/api/v1/cases/${enc(caseId)}/safety-plans`, { body }),
  updateSafetyPlan: (id: string, body: Body<typeof updateSafetyPlanBody>) =>
    request<Answer<typeof caseSafetyPlan>>('PATCH', `/api/v1/safety-plans/${enc(id)}`, { body }),
  signSafetyPlan: (id: string, body: Body<typeof signSafetyPlanBody>) =>
    request<Answer<typeof caseSafetyPlan>>('POST', `/api/v1/safety-plans/${enc(id)}/sign`, { body }),
  documentUrl: (id: string) => `/api/v1/safety-plans/${enc(id)}/document`,
};
