import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf } from '../../core/db/columns.ts';
import { cases } from '../case/case.schema.ts';
import { requests } from '../intake/intake.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { alertKind } from './work.contract.ts';

/** In-app alerts, e.g. to the supervisor on duty when an urgent request arrives. */
export const alerts = pgTable(
  'alerts',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => staff.id),
    kind: enumText('kind', alertKind.options).notNull(),
    requestId: uuid('request_id').references(() => requests.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** A reminder's record (the contact, the draft, the crisis) and the day it is for: each reminder is made once. */
    subjectId: uuid('subject_id'),
    dueOn: date('due_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('alerts_recipient_idx').on(t.recipientId, t.readAt),
    uniqueIndex('alerts_reminder_once').on(t.recipientId, t.kind, t.subjectId, t.dueOn).where(sql`due_on IS NOT NULL`),
    oneOf('alerts_kind_valid', t.kind, alertKind.options),
  ],
);

/** Autosaved form drafts, so nothing typed is lost when a tab closes or a session ends. */
export const drafts = pgTable(
  'drafts',
  {
    agencyId: agencyId(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    formKey: text('form_key').notNull(),
    data: jsonb('data').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.formKey] })],
);
