import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf, timestamps, version } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { decisionStatus } from './decision.contract.ts';

/** A formal decision on requested services (seed 001). Signed decisions never change; a change is a new decision referring to it. */
export const decisions = pgTable(
  'decisions',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    status: enumText('status', decisionStatus.options).notNull().default('draft'),
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => decisions.id),
    language: text('language').notNull(),
    appealInstructions: text('appeal_instructions').notNull(),
    items: jsonb('items').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => staff.id),
    decidedBy: uuid('decided_by').references(() => staff.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    index('decisions_case_idx').on(t.caseId, t.createdAt),
    // A signed decision is replaced by at most one signed decision.
    uniqueIndex('decisions_one_signed_successor').on(t.supersedesId).where(sql`status = 'signed' AND supersedes_id IS NOT NULL`),
    oneOf('decisions_status_valid', t.status, decisionStatus.options),
  ],
);
