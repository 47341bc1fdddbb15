import type {
  cooperationAgreement,
  cooperationAgreementList,
  cooperationTemplate,
  createCooperationBody,
  endCooperationBody,
  putCooperationTemplateBody,
  signCooperationBody,
  updateCooperationBody,
} from '../../../areas/cooperation/cooperation.contract.ts';
import type { LocaleCode } from '../../../core/common.contract.ts';
import { type Answer, type Body, request } from '../../api.ts';

export type CooperationAgreement = Answer<typeof cooperationAgreement>;
export type CooperationTemplate = Answer<typeof cooperationTemplate>;

const enc = encodeURIComponent;

/** Cooperation agreements with a partner, and the agency's template for them. */
export const cooperationApi = {
  ofPartner: (partnerId: string) =>
    request<Answer<typeof cooperationAgreementList>>('GET', `/api/v1/partner-organisations/${enc(partnerId)}/cooperation-agreements`),
  create: (partnerId: string, body: Body<typeof createCooperationBody>) =>
    request<Answer<typeof cooperationAgreement>>('POST', `/api/v1/partner-organisations/${enc(partnerId)}/cooperation-agreements`, {
      body,
    }),
  update: (id: string, body: Body<typeof updateCooperationBody>) =>
    request<Answer<typeof cooperationAgreement>>('PATCH', `/api/v1/cooperation-agreements/${enc(id)}`, { body }),
  sign: (id: string, body: Body<typeof signCooperationBody>) =>
    request<Answer<typeof cooperationAgreement>>('POST', `/api/v1/cooperation-agreements/${enc(id)}/signatures`, { body }),
  end: (id: string, body: Body<typeof endCooperationBody>) =>
    request<Answer<typeof cooperationAgreement>>('POST', `/api/v1/cooperation-agreements/${enc(id)}/end`, { body }),
  template: (language: LocaleCode) =>
    request<Answer<typeof cooperationTemplate>>('GET', '/api/v1/cooperation-templates', { query: { language } }),
  saveTemplate: (language: LocaleCode, body: Body<typeof putCooperationTemplateBody>) =>
    request<Answer<typeof cooperationTemplate>>('PUT', `/api/v1/cooperation-templates/${enc(language)}`, { body }),
};

export const cooperationPrintAddress = (id: string) => `/api/v1/cooperation-agreements/${enc(id)}/print`;
