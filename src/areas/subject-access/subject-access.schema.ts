import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf } from '../../core/db/columns.ts';
import { persons } from '../person/person.schema.ts';
import { staff } from '../staff/staff.schema.ts';
import { subjectAccessStatus } from './subject-access.contract.ts';

/**
 * A subject-access copy asked for on a person's behalf, and the work of making it: the row is the
 * job (claimed by one instance at a time, as mail is), its progress, and the record that a copy of
 * everything was made and by whom. The file itself is kept apart and deleted after a few days.
 */
export const subjectAccessExports = pgTable(
  'subject_access_exports',
  {
    agencyId: agencyId(),
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    language: text('language').notNull(),
    note: text('note').notNull().default(''),
    status: enumText('status', subjectAccessStatus.options).notNull().default('queued'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staff.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    progressStep: text('progress_step'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    fileBytes: integer('file_bytes'),
    fileSha256: text('file_sha256'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    failure: text('failure'),
  },
  (t) => [
    index('subject_access_exports_person_idx').on(t.personId, t.requestedAt),
    index('subject_access_exports_due_idx').on(t.status, t.requestedAt),
    oneOf('subject_access_exports_status_valid', t.status, subjectAccessStatus.options),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The ZIP of a finished copy, until it is downloaded for the last time or its days are over. */
export const subjectAccessFiles = pgTable('subject_access_files', {
  agencyId: agencyId(),
  exportId: uuid('export_id')
    .primaryKey()
    .references(() => subjectAccessExports.id),
  content: bytea('content').notNull(),
});
