import type {
  confirmArrivalBody,
  createRequestBody,
  decisionBody,
  directoryEntry,
  intakeDecision,
  intakeRequest,
  interview,
  interviewBody,
  referralOut,
  requestQueueQuery,
  requestStatus,
  updateInterviewBody,
  updateRequestBody,
} from '../../../areas/intake/intake.contract.ts';
import { type Answer, type Body, type ListAnswer, type PageAnswer, type Query, request } from '../../api.ts';

export type IntakeRequest = Answer<typeof intakeRequest>;
export type RequestStatus = Answer<typeof requestStatus>;
export type CreateRequestBody = Body<typeof createRequestBody>;
export type DecisionBody = Body<typeof decisionBody>;
export type IntakeDecision = Answer<typeof intakeDecision>;
export type ReferralOut = Answer<typeof referralOut>;
export type Interview = Answer<typeof interview>;
export type InterviewBody = Body<typeof interviewBody>;
export type DirectoryEntry = Answer<typeof directoryEntry>;

const enc = encodeURIComponent;

/** Requests (first contacts): the queue, the record, the intake decision, referrals out and interviews. */
export const requestApi = {
  queue: (query: Query<typeof requestQueueQuery>) => request<PageAnswer<typeof intakeRequest>>('GET', '/api/v1/requests', { query }),
  create: (body: Body<typeof createRequestBody>) => request<Answer<typeof intakeRequest>>('POST', '/api/v1/requests', { body }),
  get: (id: string) => request<Answer<typeof intakeRequest>>('GET', `/api/v1/requests/${enc(id)}`),
  update: (id: string, body: Body<typeof updateRequestBody>) =>
    request<Answer<typeof intakeRequest>>('PATCH', `/api/v1/requests/${enc(id)}`, { body }),
  decide: (id: string, body: Body<typeof decisionBody>) =>
    request<Answer<typeof intakeRequest>>('POST', `/api/v1/requests/${enc(id)}/decision`, { body }),
  decisions: (id: string) => request<ListAnswer<typeof intakeDecision>>('GET', `/api/v1/requests/${enc(id)}/decisions`),
  referrals: (id: string) => request<ListAnswer<typeof referralOut>>('GET', `/api/v1/requests/${enc(id)}/referrals`),
  confirmArrival: (id: string, body: Body<typeof confirmArrivalBody>) =>
    request<Answer<typeof referralOut>>('POST', `/api/v1/referrals/${enc(id)}/arrival`, { body }),
  interviews: (id: string) => request<ListAnswer<typeof interview>>('GET', `/api/v1/requests/${enc(id)}/interviews`),
  addInterview: (id: string, body: Body<typeof interviewBody>) =>
    request<Answer<typeof interview>>('POST', `/api/v1/requests/${enc(id)}/interviews`, { body }),
  updateInterview: (id: string, body: Body<typeof updateInterviewBody>) =>
    request<Answer<typeof interview>>('PATCH', `/api/v1/interviews/${enc(id)}`, { body }),
  directory: (q: string) => request<PageAnswer<typeof directoryEntry>>('GET', '/api/v1/referral-directory', { query: { q, limit: 20 } }),
  letterUrl: (referralId: string) => `/api/v1/referrals/${enc(referralId)}/letter`,
};
