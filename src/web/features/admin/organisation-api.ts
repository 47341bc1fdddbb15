import type {
  agency,
  createPartnerOrganisationBody,
  createUnitBody,
  partnerOrganisation,
  setupChecklist,
  unit,
  updateAgencyBody,
  updatePartnerOrganisationBody,
  updateUnitBody,
} from '../../../areas/organisation/organisation.contract.ts';
import type { pageQuery } from '../../../core/common.contract.ts';
import { type Answer, type Body, type PageAnswer, type Query, request } from '../../api.ts';

export type Agency = Answer<typeof agency>;
export type Unit = Answer<typeof unit>;
export type PartnerOrganisation = Answer<typeof partnerOrganisation>;
export type SetupChecklist = Answer<typeof setupChecklist>;

const enc = encodeURIComponent;

/** The agency's settings and setup checklist, its units and the partner organisations. */
export const organisationApi = {
  agency: () => request<Answer<typeof agency>>('GET', '/api/v1/agency'),
  setupChecklist: () => request<Answer<typeof setupChecklist>>('GET', '/api/v1/agency/setup-checklist'),
  updateAgency: (body: Body<typeof updateAgencyBody>) => request<Answer<typeof agency>>('PUT', '/api/v1/agency', { body }),
  units: (query: Query<typeof pageQuery> = {}) => request<PageAnswer<typeof unit>>('GET', '/api/v1/units', { query }),
  createUnit: (body: Body<typeof createUnitBody>) => request<Answer<typeof unit>>('POST', '/api/v1/units', { body }),
  updateUnit: (id: string, body: Body<typeof updateUnitBody>) =>
    request<Answer<typeof unit>>('PATCH', `/api/v1/units/${enc(id)}`, { body }),
  partners: (query: Query<typeof pageQuery> = {}) =>
    request<PageAnswer<typeof partnerOrganisation>>('GET', '/api/v1/partner-organisations', { query }),
  createPartner: (body: Body<typeof createPartnerOrganisationBody>) =>
    request<Answer<typeof partnerOrganisation>>('POST', '/api/v1/partner-organisations', { body }),
  updatePartner: (id: string, body: Body<typeof updatePartnerOrganisationBody>) =>
    request<Answer<typeof partnerOrganisation>>('PATCH', `/api/v1/partner-organisations/${enc(id)}`, { body }),
};
