import type { agreementTemplate, putAgreementTemplateBody } from '../../../areas/agreement/agreement.contract.ts';
import { type Answer, type Body, type ListAnswer, request } from '../../api.ts';

export type AgreementTemplate = Answer<typeof agreementTemplate>;
export type AgreementTemplateBody = Body<typeof putAgreementTemplateBody>;

const enc = encodeURIComponent;

/** The agreement texts, one per language; saving one that exists needs the version last seen. */
export const agreementTemplateApi = {
  list: () => request<ListAnswer<typeof agreementTemplate>>('GET', '/api/v1/agreement-templates'),
  put: (language: string, body: Body<typeof putAgreementTemplateBody>) =>
    request<Answer<typeof agreementTemplate>>('PUT', `/api/v1/agreement-templates/${enc(language)}`, { body }),
};
