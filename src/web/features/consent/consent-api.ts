import type {
  consent,
  consentForm,
  consentFormQuery,
  consentSignatureBody,
  createSummaryBody,
  disclosure,
  gateAnswer,
  putConsentFormBody,
  recordConsentBody,
  summaryQuestionBody,
  withdrawConsentBody,
} from '../../../areas/consent/consent.contract.ts';
import { type Answer, type Body, type ListAnswer, type Query, request } from '../../api.ts';

export type Consent = Answer<typeof consent>;
export type ConsentFormText = Answer<typeof consentForm>;
export type Disclosure = Answer<typeof disclosure>;
export type GateAnswer = Answer<typeof gateAnswer>;
export type RecordConsentBody = Body<typeof recordConsentBody>;
export type SummaryQuestion = Body<typeof summaryQuestionBody>;

const enc = encodeURIComponent;
const v1 = '/api/v1';

/** A person's consents and what has been disclosed about them; case summaries through the disclosure gate. */
export const consentApi = {
  forms: (query: Query<typeof consentFormQuery> = {}) => request<ListAnswer<typeof consentForm>>('GET', `${v1}/consent-forms`, { query }),
  saveForm: (kind: Consent['kind'], language: string, body: Body<typeof putConsentFormBody>) =>
    request<Answer<typeof consentForm>>('PUT', `${v1}/consent-forms/${enc(kind)}/${enc(language)}`, { body }),
  list: (personId: string) => request<ListAnswer<typeof consent>>('GET', `${v1}/persons/${enc(personId)}/consents`),
  record: (personId: string, body: RecordConsentBody) =>
    request<Answer<typeof consent>>('POST', `${v1}/persons/${enc(personId)}/consents`, { body }),
  sign: (id: string, body: Body<typeof consentSignatureBody>) =>
    request<Answer<typeof consent>>('POST', `${v1}/consents/${enc(id)}/signatures`, { body }),
  withdraw: (id: string, body: Body<typeof withdrawConsentBody>) =>
    request<Answer<typeof consent>>('POST', `${v1}/consents/${enc(id)}/withdrawal`, { body }),
  printUrl: (id: string) => `${v1}/consents/${enc(id)}/print`,
  disclosures: (personId: string) => request<ListAnswer<typeof disclosure>>('GET', `${v1}/persons/${enc(personId)}/disclosures`),
  disclosurePrintUrl: (id: string) => `${v1}/disclosures/${enc(id)}/print`,
  checkSummary: (caseId: string, body: SummaryQuestion, signal?: AbortSignal) =>
    request<Answer<typeof gateAnswer>>('POST', `${v1}/cases/${enc(caseId)}/case-summaries/check`, { body, signal }),
  createSummary: (caseId: string, body: Body<typeof createSummaryBody>) =>
    request<Answer<typeof disclosure>>('POST', `${v1}/cases/${enc(caseId)}/case-summaries`, { body }),
};
