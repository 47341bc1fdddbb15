import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencyId, enumText, oneOf } from '../../core/db/columns.ts';
import { staff } from '../staff/staff.schema.ts';
import { sessionStates } from './sign-in.rules.ts';

export const sessions = pgTable(
  'sessions',
  {
    agencyId: agencyId(),
    tokenHash: text('token_hash').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    state: enumText('state', sessionStates).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    clientIp: text('client_ip'),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId), oneOf('sessions_state_valid', t.state, sessionStates)],
);

/** Failed-login counters per account and per client address, shared by every app instance. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
});

export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});
