import { z } from 'zod';
import { uuid, version } from '../../core/common.contract.ts';
import { participant, participantKind } from '../journal/journal.contract.ts';
import { isIsoWeek, MAX_RANGE_DAYS } from './week.rules.ts';

/**
 * A planned contact with the person (seed 004's contact schedule): what kind, when, where, who is
 * to take part and what for. It ends held (a journal note begins from it), missed (the person did
 * not come: with a no-show follow-up) or cancelled (by whom, why).
 */
export const contactKind = z.enum(['home_visit', 'office_meeting', 'phone_call', 'video_call', 'group_session', 'accompanying', 'other']);
export type ContactKind = z.infer<typeof contactKind>;

/** Where a contact takes place: the kind only is what the calendar feed tells; `placeText` says more in the app. */
export const placeKind = z.enum(['home', 'office', 'partner_premises', 'remote', 'other']);
export type PlaceKind = z.infer<typeof placeKind>;

export const contactStatus = z.enum(['planned', 'held', 'missed', 'cancelled']);
export type ContactStatus = z.infer<typeof contactStatus>;

/** Who called a contact off: the person (or someone for them), the agency, or someone else (a partner). */
export const cancelledBy = z.enum(['person', 'agency', 'other']);

const time = z.iso.time({ precision: -1 });

const contentFields = {
  kind: contactKind,
  plannedOn: z.iso.date().describe("The day, in the agency's time zone"),
  plannedTime: time.nullable().describe("The time it begins (HH:MM, agency's time zone); null while only the day is known"),
  durationMinutes: z.int().min(5).max(720).describe('How long it is planned to take, in minutes'),
  placeKind,
  placeText: z.string().trim().max(300).describe('The address or room, as staff need it; never in the calendar feed'),
  participants: z.array(participant).max(50).describe('Who is to take part; with no staff member named, the one who plans it takes part'),
  purpose: z.string().trim().max(2000).describe('What the contact is for'),
};

export const createContactBody = z.strictObject({
  ...contentFields,
  plannedTime: contentFields.plannedTime.default(null),
  durationMinutes: contentFields.durationMinutes.default(60),
  placeText: contentFields.placeText.default(''),
  participants: contentFields.participants.default([]),
  purpose: contentFields.purpose.default(''),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

/** A planned contact's change (a new time, another place, …) at the version the client saw; a recorded one no longer changes. */
export const updateContactBody = z.strictObject({
  kind: contentFields.kind.optional(),
  plannedOn: contentFields.plannedOn.optional(),
  plannedTime: contentFields.plannedTime.optional(),
  durationMinutes: contentFields.durationMinutes.optional(),
  placeKind: contentFields.placeKind.optional(),
  placeText: contentFields.placeText.optional(),
  participants: contentFields.participants.optional(),
  purpose: contentFields.purpose.optional(),
  version,
});
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const holdContactBody = z.strictObject({
  version,
  heldOn: z.iso.date().optional().describe('The day it was held; the planned day by default (today, if that is still ahead)'),
  heldTime: time.nullable().optional().describe('The time it was held; the planned time by default when held on the planned day'),
});

/** The no-show follow-up is required: what will be done about the missed contact, and by when (shown in Today on that day). */
export const missContactBody = z.strictObject({
  version,
  followUp: z.string().trim().min(3).max(1000).describe('What will be done now that the person did not come'),
  followUpOn: z.iso.date().describe('By when: the day the follow-up shows in Today'),
});

export const cancelContactBody = z.strictObject({
  version,
  cancelledBy,
  reason: z.string().trim().min(3).max(1000),
});

export const versionBody = z.strictObject({ version });

export const contactsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
  status: contactStatus.optional(),
});

export const contact = z.object({
  id: uuid,
  caseId: uuid,
  caseNumber: z.string(),
  status: contactStatus,
  kind: contactKind,
  plannedOn: z.iso.date(),
  plannedTime: z.string().nullable(),
  startsAt: z.iso.datetime().describe('The planned moment (the start of the day when no time is set)'),
  durationMinutes: z.int(),
  placeKind,
  placeText: z.string(),
  participants: z.array(z.object({ kind: participantKind, refId: uuid.nullable(), name: z.string() })),
  purpose: z.string(),
  planMeetingId: uuid.nullable().describe('The meeting of the service plan it was scheduled from, if any'),
  recordedAt: z.iso.datetime().nullable().describe('When it was recorded held, missed or cancelled'),
  recordedByName: z.string().nullable(),
  journalEntryId: uuid.nullable().describe('The journal entry begun when it was held (null once that draft is thrown away)'),
  noShow: z
    .object({ followUp: z.string(), followUpOn: z.iso.date(), doneAt: z.iso.datetime().nullable() })
    .nullable()
    .describe('What will be done after a missed contact, by when, and when it was done'),
  cancellation: z.object({ by: cancelledBy, reason: z.string() }).nullable(),
  may: z.object({
    change: z.boolean(),
    hold: z.boolean(),
    miss: z.boolean(),
    cancel: z.boolean(),
    completeFollowUp: z.boolean(),
    beginNote: z.boolean().describe('Held, and its journal draft was thrown away: a new one may begin'),
  }),
  version: z.int(),
});
export type Contact = z.infer<typeof contact>;

export const contactPage = z.object({ items: z.array(contact), nextCursor: z.string().nullable() });

export const scheduledFromPlan = z.object({
  items: z.array(contact).describe('The contacts made now, one per meeting of the plan in force not scheduled before'),
  alreadyScheduled: z.int().describe('Meetings that already have their contact'),
  inThePast: z.int().describe('Meetings whose day has gone: not scheduled'),
});

/** A week (ISO 8601, Monday first: `2026-W07`) or a range of days in the agency's time zone; this week by default. */
export const weekQuery = z
  .strictObject({
    week: z.string().refine(isIsoWeek, 'Use an ISO week such as 2026-W07').optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.week && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['week'], message: 'Give a week or a range of days, not both' });
    if (!q.week && (q.from === undefined) !== (q.to === undefined))
      ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'Give both ends of the range' });
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must not be before the start' });
      else if (days >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_RANGE_DAYS} days at a time` });
    }
  });

export const weekContact = z.object({
  id: uuid,
  caseId: uuid,
  caseNumber: z.string(),
  personName: z.string(),
  status: contactStatus,
  kind: contactKind,
  plannedOn: z.iso.date(),
  plannedTime: z.string().nullable(),
  durationMinutes: z.int(),
  placeKind,
  placeText: z.string(),
});

export const week = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  week: z.string().nullable().describe('The ISO week shown, when a whole week was asked for'),
  previousWeek: z.string(),
  nextWeek: z.string(),
  items: z.array(weekContact).describe("The caller's contacts of those days (they take part), in time order"),
});

/** The caller's calendar feed: whether one is on, since when; the address itself is shown once, when made. */
export const calendarFeed = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});

export const newCalendarFeed = z.object({
  url: z.string().describe('The secret address to give a calendar app; shown only now, a new one makes this one stop working'),
  createdAt: z.iso.datetime(),
});

/** The secret of the address with `.ics` after it; an unknown, revoked or malformed one is the same 404. */
export const calendarFileParams = z.strictObject({
  file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'Not a calendar address'),
});
