import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { responseStatus, templateStatus } from './questionnaire.contract.ts';

/**
 * A questionnaire template at one version. Answers keep the version they were given in, so a
 * published version never changes: a change is a new version (template_version + 1) of the same key.
 */
export const questionnaireTemplates = pgTable(
  'questionnaire_templates',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    templateVersion: integer('template_version').notNull(),
    status: enumText('status', templateStatus.options).notNull().default('draft'),
    title: text('title').notNull(),
    definition: jsonb('definition').notNull(),
    shipped: boolean('shipped').notNull().default(false),
    createdBy: uuid('created_by').references(() => staff.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('questionnaire_templates_key_version_unique').on(t.agencyId, t.key, t.templateVersion),
    oneOf('questionnaire_templates_status_valid', t.status, templateStatus.options),
  ],
);

/** A filled-in questionnaire for one case, scored when completed. */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => questionnaireTemplates.id),
    assessmentId: uuid('assessment_id'),
    status: enumText('status', responseStatus.options).notNull().default('in_progress'),
    answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
    scores: jsonb('scores'),
    flags: text('flags').array().notNull().default(sql`'{}'`),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    completedBy: uuid('completed_by').references(() => staff.id),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    index('questionnaire_responses_case_idx').on(t.caseId, t.createdAt),
    oneOf('questionnaire_responses_status_valid', t.status, responseStatus.options),
  ],
);
