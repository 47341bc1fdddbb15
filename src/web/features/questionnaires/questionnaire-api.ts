import type {
  completeResponseBody,
  createTemplateBody,
  fhirImportWarning,
  importedTemplateRecord,
  importFhirBody,
  publishTemplateBody,
  questionnaireResponse,
  questionnaireTemplateRecord,
  questionnaireTemplateSummary,
  saveAnswersBody,
  startResponseBody,
  templateListQuery,
  templateStatus,
  updateTemplateBody,
} from '../../../areas/questionnaire/questionnaire.contract.ts';
import type { QuestionnaireTemplate } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { Answers } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { type Answer, type Body, type ListAnswer, type Query, request } from '../../api.ts';

export type TemplateStatus = Answer<typeof templateStatus>;
/**
 * The contract leaves `definition` open (the OpenAPI document describes it as its own component);
 * what the server sends there is a template as the shared questionnaire rules define it.
 */
export type TemplateRecord = Omit<Answer<typeof questionnaireTemplateRecord>, 'definition'> & { definition: QuestionnaireTemplate };
export type TemplateSummary = Answer<typeof questionnaireTemplateSummary>;
export type QuestionnaireResponse = Answer<typeof questionnaireResponse>;
export type ImportWarning = Answer<typeof fhirImportWarning>;
export type ImportedTemplate = TemplateRecord & Pick<Answer<typeof importedTemplateRecord>, 'warnings'>;

const enc = encodeURIComponent;
const templates = '/api/v1/questionnaire-templates';

/** Questionnaire templates (administrators change drafts and publish) and the answers given on cases. */
export const questionnaireApi = {
  templates: (query: Query<typeof templateListQuery> = {}) =>
    request<ListAnswer<typeof questionnaireTemplateSummary>>('GET', templates, { query }),
  template: (id: string, language?: string) => request<TemplateRecord>('GET', `${templates}/${enc(id)}`, { query: { language } }),
  create: (definition: Body<typeof createTemplateBody>['definition']) =>
    request<TemplateRecord>('POST', templates, { body: { definition } }),
  update: (id: string, definition: Body<typeof updateTemplateBody>['definition'], version: number) =>
    request<TemplateRecord>('PUT', `${templates}/${enc(id)}`, { body: { definition, version } }),
  publish: (id: string, version: Body<typeof publishTemplateBody>['version']) =>
    request<TemplateRecord>('POST', `${templates}/${enc(id)}/publish`, { body: { version } }),
  importFhir: (questionnaire: Body<typeof importFhirBody>['questionnaire']) =>
    request<ImportedTemplate>('POST', `${templates}/import`, { body: { questionnaire } }),
  fhirUrl: (id: string) => `${templates}/${enc(id)}/fhir`,

  responses: (caseId: string) =>
    request<ListAnswer<typeof questionnaireResponse>>('GET', `/api/v1/cases/${enc(caseId)}/questionnaire-responses`),
  start: (caseId: string, templateId: Body<typeof startResponseBody>['templateId']) =>
    request<Answer<typeof questionnaireResponse>>('POST', `/api/v1/cases/${enc(caseId)}/questionnaire-responses`, { body: { templateId } }),
  response: (id: string) => request<Answer<typeof questionnaireResponse>>('GET', `/api/v1/questionnaire-responses/${enc(id)}`),
  saveAnswers: (id: string, answers: Answers, version: Body<typeof saveAnswersBody>['version']) =>
    request<Answer<typeof questionnaireResponse>>('PUT', `/api/v1/questionnaire-responses/${enc(id)}/answers`, {
      body: { answers, version },
    }),
  complete: (id: string, version: Body<typeof completeResponseBody>['version']) =>
    request<Answer<typeof questionnaireResponse>>('POST', `/api/v1/questionnaire-responses/${enc(id)}/complete`, { body: { version } }),
};
