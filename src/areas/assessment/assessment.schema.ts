import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { assessmentKind, assessmentStatus, needSeverity, needStatus, personResponse } from './assessment.contract.ts';

/** A needs assessment (seed 002 §2): sources, findings per domain, analysis, and the person's confirmation or corrections. */
export const assessments = pgTable(
  'assessments',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: enumText('kind', assessmentKind.options).notNull().default('initial'),
    status: enumText('status', assessmentStatus.options).notNull().default('draft'),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    sources: text('sources').array().notNull().default(sql`'{}'`),
    otherSources: text('other_sources').notNull().default(''),
    /** Per life domain: findings, strengths and resources, and the 1–5 self-sufficiency score (0 = not applicable). */
    domains: jsonb('domains').notNull().default(sql`'{}'::jsonb`),
    analysisCauses: text('analysis_causes').notNull().default(''),
    analysisNature: text('analysis_nature').notNull().default(''),
    analysisDegree: text('analysis_degree').notNull().default(''),
    personView: text('person_view').notNull().default(''),
    personResponse: enumText('person_response', personResponse.options),
    personCorrections: text('person_corrections').notNull().default(''),
    personRespondedAt: timestamp('person_responded_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    index('assessments_case_idx').on(t.caseId, t.assessedOn),
    oneOf('assessments_kind_valid', t.kind, assessmentKind.options),
    oneOf('assessments_status_valid', t.status, assessmentStatus.options),
    oneOf('assessments_person_response_valid', t.personResponse, personResponse.options, { nullable: true }),
  ],
);

/** A need identified in an assessment: what the plan's goals serve. */
export const needs = pgTable(
  'needs',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    assessmentId: uuid('assessment_id').references(() => assessments.id),
    domain: text('domain').notNull(),
    description: text('description').notNull(),
    severity: enumText('severity', needSeverity.options).notNull(),
    identifiedOn: date('identified_on', { mode: 'string' }).notNull(),
    status: enumText('status', needStatus.options).notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    index('needs_case_idx').on(t.caseId),
    oneOf('needs_severity_valid', t.severity, needSeverity.options),
    oneOf('needs_status_valid', t.status, needStatus.options),
  ],
);
