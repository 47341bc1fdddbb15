import { z } from 'zod';
import { localeCode, uuid, version } from '../../core/common.contract.ts';
import { questionnaireTemplate } from './questionnaire.rules.ts';
import { fhirImportWarningCodes } from './questionnaire-fhir.rules.ts';
import { answers } from './questionnaire-response.rules.ts';

export { questionnaireTemplate };

export const templateStatus = z.enum(['draft', 'published', 'retired']);
export const questionnaireTemplateRecord = z.object({
  id: uuid,
  key: z.string(),
  templateVersion: z.int(),
  status: templateStatus,
  shipped: z.boolean(),
  title: z.string(),
  definition: z
    .unknown()
    .describe('The template (see QuestionnaireTemplate in the OpenAPI components): sections, items, scoring, flags, translations'),
  publishedAt: z.iso.datetime().nullable(),
  version: z.int(),
});
/** A template in a list: everything but its definition. */
export const questionnaireTemplateSummary = questionnaireTemplateRecord.omit({ definition: true });
export const templateListQuery = z.strictObject({ status: templateStatus.optional(), language: localeCode.optional() });
export const templateReadQuery = z.strictObject({
  language: localeCode.optional().describe('Texts in this language where the template has them'),
});
export const createTemplateBody = z.strictObject({ definition: questionnaireTemplate });
export const updateTemplateBody = z.strictObject({ definition: questionnaireTemplate, version });
export const publishTemplateBody = z.strictObject({ version });
export const importFhirBody = z.strictObject({ questionnaire: z.record(z.string(), z.unknown()) });
export const fhirImportWarning = z.object({
  path: z.string().describe('Where in the Questionnaire, e.g. item[0].item[3]'),
  linkId: z.string().optional().describe('The linkId of the item concerned'),
  code: z.enum(fhirImportWarningCodes),
  message: z.string(),
  detail: z.string().optional().describe('The expression, value set, operator or value concerned'),
});
/** The imported draft, and what the import could not keep as it was – for the administrator to check before publishing. */
export const importedTemplateRecord = questionnaireTemplateRecord.extend({ warnings: z.array(fhirImportWarning) });

export const responseStatus = z.enum(['in_progress', 'completed']);
export const startResponseBody = z.strictObject({
  templateId: uuid,
  assessmentId: uuid.nullable().default(null),
  answers: answers.default({}),
});
export const saveAnswersBody = z.strictObject({ answers, version });
export const completeResponseBody = z.strictObject({ version });
export const questionnaireResponse = z.object({
  id: uuid,
  caseId: uuid,
  templateId: uuid,
  templateKey: z.string(),
  templateVersion: z.int(),
  templateTitle: z.string(),
  assessmentId: uuid.nullable(),
  status: responseStatus,
  answers: z.record(z.string(), z.unknown()),
  scores: z
    .array(
      z.object({
        ruleId: z.string(),
        label: z.string(),
        total: z.number().nullable(),
        band: z.object({ code: z.string(), label: z.string() }).nullable(),
        complete: z.boolean(),
        missingItems: z.array(z.string()),
      }),
    )
    .nullable(),
  flags: z.array(z.string()),
  completedAt: z.iso.datetime().nullable(),
  createdBy: uuid,
  version: z.int(),
});
