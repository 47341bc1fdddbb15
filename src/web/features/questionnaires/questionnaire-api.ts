import type { z } from 'zod';
import type {
  fhirImportWarning,
  questionnaireResponse,
  questionnaireTemplateRecord,
  templateStatus,
} from '../../../areas/questionnaire/questionnaire.contract.ts';
import type { QuestionnaireTemplate, QuestionnaireTemplateInput } from '../../../areas/questionnaire/questionnaire.rules.ts';
import type { Answers } from '../../../areas/questionnaire/questionnaire-response.rules.ts';
import { type CaseRecord, request } from '../../api.ts';

export type TemplateStatus = z.infer<typeof templateStatus>;
export type TemplateRecord = Omit<z.infer<typeof questionnaireTemplateRecord>, 'definition'> & { definition: QuestionnaireTemplate };
export type TemplateSummary = Omit<TemplateRecord, 'definition'>;
export type QuestionnaireResponse = z.infer<typeof questionnaireResponse>;
export type ImportWarning = z.infer<typeof fhirImportWarning>;
export type ImportedTemplate = TemplateRecord & { warnings: ImportWarning[] };

const enc = encodeURIComponent;
const templates = '/api/v1/questionnaire-templates';

/** Questionnaire templates (administrators change drafts and publish) and the answers given on cases. */
export const questionnaireApi = {
  templates: (query: { status?: TemplateStatus; language?: string } = {}) =>
    request<{ items: TemplateSummary[] }>('GET', templates, { query }),
  template: (id: string, language?: string) => request<TemplateRecord>('GET', `${templates}/${enc(id)}`, { query: { language } }),
  create: (definition: QuestionnaireTemplateInput) => request<TemplateRecord>('POST', templates, { body: { definition } }),
  update: (id: string, definition: QuestionnaireTemplateInput, version: number) =>
    request<TemplateRecord>('PUT', `${templates}/${enc(id)}`, { body: { definition, version } }),
  publish: (id: string, version: number) => request<TemplateRecord>('POST', `${templates}/${enc(id)}/publish`, { body: { version } }),
  importFhir: (questionnaire: Record<string, unknown>) =>
    request<ImportedTemplate>('POST', `${templates}/import`, { body: { questionnaire } }),
  fhirUrl: (id: string) => `${templates}/${enc(id)}/fhir`,

  responses: (caseId: string) => request<{ items: QuestionnaireResponse[] }>('GET', `/api/v1/cases/${enc(caseId)}/questionnaire-responses`),
  start: (caseId: string, templateId: string) =>
    request<QuestionnaireResponse>('POST', `/api/v1/cases/${enc(caseId)}/questionnaire-responses`, { body: { templateId } }),
  response: (id: string) => request<QuestionnaireResponse>('GET', `/api/v1/questionnaire-responses/${enc(id)}`),
  saveAnswers: (id: string, answers: Answers, version: number) =>
    request<QuestionnaireResponse>('PUT', `/api/v1/questionnaire-responses/${enc(id)}/answers`, { body: { answers, version } }),
  complete: (id: string, version: number) =>
    request<QuestionnaireResponse>('POST', `/api/v1/questionnaire-responses/${enc(id)}/complete`, { body: { version } }),
  /** Supervision ends a case's crisis flag after the safety follow-up. */
  clearCrisis: (caseId: string, followUp: string, version: number) =>
    request<CaseRecord>('POST', `/api/v1/cases/${enc(caseId)}/crisis/clear`, { body: { followUp, version } }),
};
