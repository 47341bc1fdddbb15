import ical, { ICalCalendarMethod } from 'ical-generator';
import { translatorFor } from '../../core/documents/documents.ts';
import type { PlaceKind } from './contact.contract.ts';

/**
 * One contact as the calendar feed tells it: nothing but the case number, when, for how long and
 * the kind of place. Names, the purpose, the address and who takes part never leave in the feed –
 * a phone's calendar is synchronised to places the agency does not control.
 */
export interface FeedEvent {
  id: string;
  caseNumber: string;
  startsAt: Date;
  /** Planned for a day, no time yet: an all-day event on that day. */
  allDay: boolean;
  plannedOn: string;
  durationMinutes: number;
  placeKind: PlaceKind;
  /** The contact's changes so far, so calendar apps take a changed time. */
  sequence: number;
  changedAt: Date;
}

/** How often a calendar app is asked to read the feed again. */
const REFRESH_SECONDS = 3600;

/** The feed as an iCalendar document (RFC 5545), in the owner's language; times in UTC, all-day contacts on their agency day. */
export function renderCalendar(events: readonly FeedEvent[], language: string): string {
  const t = translatorFor(language);
  const calendar = ical({
    name: t('calendarName'),
    prodId: { company: 'Tillit', product: 'Contacts', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const event of events) {
    const start = event.allDay ? new Date(`${event.plannedOn}T00:00:00Z`) : event.startsAt;
    calendar.createEvent({
      id: `${event.id}@tillit`,
      start,
      ...(event.allDay ? { allDay: true } : { end: new Date(start.getTime() + event.durationMinutes * 60_000) }),
      summary: t('calendarSummary', { caseNumber: event.caseNumber }),
      location: t(`calendarPlace_${event.placeKind}`),
      sequence: event.sequence,
      stamp: event.changedAt,
    });
  }
  return calendar.toString();
}
