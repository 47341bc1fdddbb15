/**
 * The reminder run's reads and writes, across every agency at once: it runs as the system (no
 * agency's role), so each statement names the agency of each row itself.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/pool.ts';
import { EXPIRY_NOTICE_DAYS } from '../cooperation/cooperation.rules.ts';
import type { AlertKind } from '../work/work.contract.ts';

export interface MadeReminder {
  agencyId: number;
  recipientId: string;
  kind: AlertKind;
}

/**
 * Makes the reminders due now, each once (the alerts' unique `alerts_reminder_once`): a planned
 * contact today for each staff member taking part; a journal draft left unsigned longer than the
 * agency allows, for its author; a no-show follow-up due, for whoever follows it up (else the
 * responsible worker); a crisis follow-up due, for the responsible worker; a voucher the partner
 * has not answered by the working day it was due, for the case's responsible worker; a cooperation
 * agreement with a partner ending within sixty days (and not renewing itself), for the
 * administrators. "Today" is the agency's. Disabled staff get none. Returns those made now.
 */
export async function insertDueReminders(db: Database): Promise<MadeReminder[]> {
  const expired = await expireVouchers(db);
  const result = await db.execute<{ agency_id: number; recipient_id: string; kind: AlertKind }>(sql`
    WITH today AS (
      SELECT id AS agency_id, (now() AT TIME ZONE time_zone)::date AS day, time_zone, journal_draft_reminder_days
      FROM agency WHERE active
    ),
    due AS (
      SELECT c.agency_id, (p.value->>'refId')::uuid AS recipient_id, 'contact_due' AS kind, c.case_id, c.id AS subject_id, d.day AS due_on
      FROM contacts c
      JOIN today d ON d.agency_id = c.agency_id
      CROSS JOIN LATERAL jsonb_array_elements(c.participants) p
      WHERE c.status = 'planned' AND c.planned_on = d.day AND p.value->>'kind' = 'staff' AND p.value->>'refId' IS NOT NULL
      UNION ALL
      SELECT e.agency_id, e.author_id, 'draft_unsigned', e.case_id, e.id, ((e.created_at AT TIME ZONE d.time_zone)::date + d.journal_draft_reminder_days)
      FROM journal_entries e
      JOIN today d ON d.agency_id = e.agency_id
      WHERE e.status = 'draft' AND (e.created_at AT TIME ZONE d.time_zone)::date + d.journal_draft_reminder_days <= d.day
      UNION ALL
      SELECT c.agency_id, COALESCE(c.follow_up_by, k.responsible_staff_id), 'follow_up_due', c.case_id, c.id, c.follow_up_on
      FROM contacts c
      JOIN today d ON d.agency_id = c.agency_id
      JOIN cases k ON k.id = c.case_id
      WHERE c.status = 'missed' AND c.follow_up_done_at IS NULL AND c.follow_up_on <= d.day
      UNION ALL
      SELECT r.agency_id, k.responsible_staff_id, 'crisis_follow_up_due', r.case_id, r.id, r.follow_up_on
      FROM crises r
      JOIN today d ON d.agency_id = r.agency_id
      JOIN cases k ON k.id = r.case_id
      WHERE r.status = 'closed' AND r.follow_up_on IS NOT NULL AND r.follow_up_on <= d.day AND k.stage <> 'closed'
      UNION ALL
      SELECT v.agency_id, k.responsible_staff_id, 'voucher_unanswered', v.case_id, v.id, v.answer_due_on + 1
      FROM vouchers v
      JOIN today d ON d.agency_id = v.agency_id
      JOIN cases k ON k.id = v.case_id
      WHERE v.status = 'issued' AND v.answer_due_on < d.day
      UNION ALL
      SELECT a.agency_id, s.id, 'cooperation_expiring', NULL::uuid, a.id, a.ends_on - ${EXPIRY_NOTICE_DAYS}::int
      FROM cooperation_agreements a
      JOIN today d ON d.agency_id = a.agency_id
      JOIN staff s ON s.agency_id = a.agency_id AND 'administrator' = ANY(s.roles)
      WHERE jsonb_array_length(a.signatures) = 2 AND a.ended_on IS NULL AND a.renewal <> 'yearly' AND a.ends_on IS NOT NULL
        AND a.ends_on - ${EXPIRY_NOTICE_DAYS}::int <= d.day AND a.ends_on >= d.day
    )
    INSERT INTO alerts (agency_id, recipient_id, kind, case_id, subject_id, due_on)
    SELECT due.agency_id, due.recipient_id, due.kind, due.case_id, due.subject_id, due.due_on
    FROM due JOIN staff s ON s.id = due.recipient_id AND s.agency_id = due.agency_id AND s.status = 'active'
    ON CONFLICT (recipient_id, kind, subject_id, due_on) WHERE due_on IS NOT NULL DO NOTHING
    RETURNING agency_id, recipient_id, kind
  `);
  return [...expired, ...result.rows.map((r) => ({ agencyId: r.agency_id, recipientId: r.recipient_id, kind: r.kind }))];
}

/**
 * Vouchers no partner took on by their last day lapse (the clock's side of the lifecycle,
 * src/areas/voucher/voucher.rules.ts), each with its event; the case's responsible worker is told,
 * to reissue or choose another partner. Returns the reminders made.
 */
async function expireVouchers(db: Database): Promise<MadeReminder[]> {
  const result = await db.execute<{ agency_id: number; recipient_id: string; kind: AlertKind }>(sql`
    WITH today AS (SELECT id AS agency_id, (now() AT TIME ZONE time_zone)::date AS day FROM agency WHERE active),
    expired AS (
      UPDATE vouchers v SET status = 'expired', version = v.version + 1, updated_at = now()
      FROM today d
      WHERE d.agency_id = v.agency_id AND v.status = 'issued' AND v.valid_until < d.day
      RETURNING v.agency_id, v.id, v.case_id, v.valid_until
    ),
    events AS (
      INSERT INTO voucher_events (agency_id, voucher_id, action, to_status, side)
      SELECT agency_id, id, 'expire', 'expired', 'clock' FROM expired
    )
    INSERT INTO alerts (agency_id, recipient_id, kind, case_id, subject_id, due_on)
    SELECT e.agency_id, k.responsible_staff_id, 'voucher_expired', e.case_id, e.id, e.valid_until + 1
    FROM expired e
    JOIN cases k ON k.id = e.case_id
    JOIN staff s ON s.id = k.responsible_staff_id AND s.agency_id = e.agency_id AND s.status = 'active'
    ON CONFLICT (recipient_id, kind, subject_id, due_on) WHERE due_on IS NOT NULL DO NOTHING
    RETURNING agency_id, recipient_id, kind
  `);
  return result.rows.map((r) => ({ agencyId: r.agency_id, recipientId: r.recipient_id, kind: r.kind }));
}

export interface MailRecipient {
  id: string;
  agencyId: number;
  email: string;
  locale: string;
}

/** Of these staff, those who asked for reminders by e-mail. */
export async function mailRecipients(db: Database, staffIds: readonly string[]): Promise<MailRecipient[]> {
  if (staffIds.length === 0) return [];
  const result = await db.execute<{ id: string; agency_id: number; email: string; locale: string }>(sql`
    SELECT id, agency_id, email, locale FROM staff
    WHERE id = ANY(${`{${staffIds.join(',')}}`}::uuid[]) AND notify_by_email AND status = 'active'
  `);
  return result.rows.map((r) => ({ id: r.id, agencyId: r.agency_id, email: r.email, locale: r.locale }));
}
