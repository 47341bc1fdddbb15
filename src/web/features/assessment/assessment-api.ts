import type {
  assessment,
  completeAssessmentBody,
  createAssessmentBody,
  createNeedBody,
  need,
  personResponseBody,
  updateAssessmentBody,
  updateNeedBody,
} from '../../../areas/assessment/assessment.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type Assessment = Answer<typeof assessment>;
export type AssessmentBody = Body<typeof createAssessmentBody>;
export type Need = Answer<typeof need>;
export type NeedBody = Body<typeof createNeedBody>;
export type PersonResponseBody = Body<typeof personResponseBody>;

const enc = encodeURIComponent;

/** Needs assessments and re-assessments of a case, with their needs. */
export const assessmentApi = {
  list: (caseId: string) => request<ListAnswer<typeof assessment>>('GET', `/api/v1/cases/${enc(caseId)}/assessments`),
  create: (caseId: string, body: Body<typeof createAssessmentBody>) =>
    request<Answer<typeof assessment>>('POST', `/api/v1/cases/${enc(caseId)}/assessments`, { body }),
  update: (id: string, body: Body<typeof updateAssessmentBody>) =>
    request<Answer<typeof assessment>>('PATCH', `/api/v1/assessments/${enc(id)}`, { body }),
  complete: (id: string, version: Body<typeof completeAssessmentBody>['version']) =>
    request<Answer<typeof assessment>>('POST', `/api/v1/assessments/${enc(id)}/complete`, { body: { version } }),
  personResponse: (id: string, body: Body<typeof personResponseBody>) =>
    request<Answer<typeof assessment>>('POST', `/api/v1/assessments/${enc(id)}/person-response`, { body }),
  addNeed: (assessmentId: string, body: Body<typeof createNeedBody>) =>
    request<Answer<typeof need>>('POST', `/api/v1/assessments/${enc(assessmentId)}/needs`, { body }),
  updateNeed: (id: string, body: Body<typeof updateNeedBody>) =>
    request<Answer<typeof need>>('PATCH', `/api/v1/needs/${enc(id)}`, { body }),
  needs: (caseId: string) => request<ListAnswer<typeof need>>('GET', `/api/v1/cases/${enc(caseId)}/needs`),
};
