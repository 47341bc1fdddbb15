import type { agencySummary, createAgencyBody, createdAgency, updateAgencyStatusBody } from '../../../areas/platform/platform.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type AgencySummary = Answer<typeof agencySummary>;
export type CreatedAgency = Answer<typeof createdAgency>;

/** The installation's agencies, as the platform administrators see and run them. */
export const platformApi = {
  agencies: () => request<ListAnswer<typeof agencySummary>>('GET', '/api/v1/platform/agencies'),
  createAgency: (body: Body<typeof createAgencyBody>) =>
    request<Answer<typeof createdAgency>>('POST', '/api/v1/platform/agencies', { body }),
  setActive: (id: number, body: Body<typeof updateAgencyStatusBody>) =>
    request<Answer<typeof agencySummary>>('PATCH', `/api/v1/platform/agencies/${id}`, { body }),
};
