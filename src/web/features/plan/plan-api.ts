import type {
  createPlanBody,
  planContent,
  planDiff,
  planStepProgress,
  planTransitionBody,
  servicePlan,
  signPlanBody,
  updatePlanBody,
  updateStepBody,
} from '../../../areas/plan/plan.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type ServicePlan = Answer<typeof servicePlan>;
export type PlanContent = Body<typeof planContent>;
export type PlanDiff = Answer<typeof planDiff>;
export type PlanStepProgress = Answer<typeof planStepProgress>;
export type SignPlanBody = Body<typeof signPlanBody>;
export type UpdateStepBody = Body<typeof updateStepBody>;

type Version = Body<typeof planTransitionBody>['version'];

const enc = encodeURIComponent;

/** Versions of the case's service plan: drafted, put to the person, signed, changed as a new version. */
export const planApi = {
  list: (caseId: string) => request<ListAnswer<typeof servicePlan>>('GET', `/api/v1/cases/${enc(caseId)}/plans`),
  create: (caseId: string, body: Body<typeof createPlanBody>) =>
    request<Answer<typeof servicePlan>>('POST', `/api/v1/cases/${enc(caseId)}/plans`, { body }),
  update: (id: string, body: Body<typeof updatePlanBody>) =>
    request<Answer<typeof servicePlan>>('PATCH', `/api/v1/plans/${enc(id)}`, { body }),
  submit: (id: string, version: Version) =>
    request<Answer<typeof servicePlan>>('POST', `/api/v1/plans/${enc(id)}/submit`, { body: { version } }),
  reopen: (id: string, version: Version) =>
    request<Answer<typeof servicePlan>>('POST', `/api/v1/plans/${enc(id)}/reopen`, { body: { version } }),
  discard: (id: string, version: Version) => request<Answer<typeof ok>>('POST', `/api/v1/plans/${enc(id)}/discard`, { body: { version } }),
  sign: (id: string, body: Body<typeof signPlanBody>) =>
    request<Answer<typeof servicePlan>>('POST', `/api/v1/plans/${enc(id)}/signatures`, { body }),
  changes: (id: string) => request<Answer<typeof planDiff>>('GET', `/api/v1/plans/${enc(id)}/changes`),
  steps: (caseId: string) => request<ListAnswer<typeof planStepProgress>>('GET', `/api/v1/cases/${enc(caseId)}/steps`),
  updateStep: (caseId: string, stepId: string, body: Body<typeof updateStepBody>) =>
    request<Answer<typeof planStepProgress>>('PATCH', `/api/v1/cases/${enc(caseId)}/steps/${enc(stepId)}`, { body }),
  documentUrl: (id: string) => `/api/v1/plans/${enc(id)}/document`,
};
