import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { planSignatureMethod, planSigner, planStatus, stepResponsible, trackedStepStatus } from './plan.contract.ts';

/**
 * One version of a case's service plan. Content (goals, steps, services, meetings, risks …) is a
 * document diffed between versions; a version is active only once the person (and a guardian
 * where required) has signed it, and a later change is a new version.
 */
export const servicePlans = pgTable(
  'service_plans',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    planVersion: integer('plan_version').notNull(),
    status: enumText('status', planStatus.options).notNull().default('draft'),
    previousId: uuid('previous_id'),
    changeReason: text('change_reason').notNull().default(''),
    content: jsonb('content').notNull(),
    guardianRequired: boolean('guardian_required').notNull().default(false),
    guardianPersonId: uuid('guardian_person_id').references(() => persons.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('service_plans_case_version_unique').on(t.caseId, t.planVersion),
    uniqueIndex('service_plans_one_active').on(t.caseId).where(sql`status = 'active'`),
    uniqueIndex('service_plans_one_open_draft').on(t.caseId).where(sql`status IN ('draft','awaiting_signature')`),
    oneOf('service_plans_status_valid', t.status, planStatus.options),
  ],
);

export const planSignatures = pgTable(
  'plan_signatures',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => servicePlans.id),
    signer: enumText('signer', planSigner.options).notNull(),
    method: enumText('method', planSignatureMethod.options).notNull(),
    signatureImage: text('signature_image'),
    witnessName: text('witness_name'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staff.id),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plan_signatures_signer_unique').on(t.planId, t.signer),
    oneOf('plan_signatures_signer_valid', t.signer, planSigner.options),
    oneOf('plan_signatures_method_valid', t.method, planSignatureMethod.options),
  ],
);

/**
 * The execution part of the plan: each step of the active version with its progress, so due and
 * overdue steps are found by index for the "today" view. Step ids are stable across versions.
 */
export const planSteps = pgTable(
  'plan_steps',
  {
    agencyId: agencyId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    stepId: uuid('step_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => servicePlans.id),
    what: text('what').notNull(),
    responsibleKind: enumText('responsible_kind', stepResponsible.options).notNull(),
    responsibleStaffId: uuid('responsible_staff_id').references(() => staff.id),
    dueDate: date('due_date', { mode: 'string' }),
    status: enumText('status', trackedStepStatus.options).notNull().default('planned'),
    result: text('result').notNull().default(''),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    completedBy: uuid('completed_by').references(() => staff.id),
    version,
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.stepId] }),
    index('plan_steps_due_idx').on(t.dueDate).where(sql`status IN ('planned','in_progress')`),
    oneOf('plan_steps_status_valid', t.status, trackedStepStatus.options),
    oneOf('plan_steps_responsible_valid', t.responsibleKind, stepResponsible.options),
  ],
);
