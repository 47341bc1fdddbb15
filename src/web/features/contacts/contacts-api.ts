import type {
  calendarFeed,
  cancelContactBody,
  contact,
  contactPage,
  createContactBody,
  holdContactBody,
  missContactBody,
  newCalendarFeed,
  scheduledFromPlan,
  updateContactBody,
  week,
  weekContact,
} from '../../../areas/contact/contact.contract.ts';
import type { ok } from '../../../core/common.contract.ts';
import { type Answer, type Body, request } from '../../api.ts';

export type Contact = Answer<typeof contact>;
export type ContactContent = Body<typeof createContactBody>;
export type Week = Answer<typeof week>;
export type WeekContact = Answer<typeof weekContact>;
export type CalendarFeed = Answer<typeof calendarFeed>;

const enc = encodeURIComponent;

/** The contact schedule of a case, a worker's week and their calendar feed. */
export const contactsApi = {
  list: (caseId: string) => request<Answer<typeof contactPage>>('GET', `/api/v1/cases/${enc(caseId)}/contacts`, { query: { limit: 200 } }),
  create: (caseId: string, body: ContactContent) =>
    request<Answer<typeof contact>>('POST', `/api/v1/cases/${enc(caseId)}/contacts`, { body }),
  scheduleFromPlan: (caseId: string) =>
    request<Answer<typeof scheduledFromPlan>>('POST', `/api/v1/cases/${enc(caseId)}/contacts/from-plan`, { body: {} }),
  update: (id: string, body: Body<typeof updateContactBody>) =>
    request<Answer<typeof contact>>('PATCH', `/api/v1/contacts/${enc(id)}`, { body }),
  hold: (id: string, body: Body<typeof holdContactBody>) =>
    request<Answer<typeof contact>>('POST', `/api/v1/contacts/${enc(id)}/hold`, { body }),
  miss: (id: string, body: Body<typeof missContactBody>) =>
    request<Answer<typeof contact>>('POST', `/api/v1/contacts/${enc(id)}/miss`, { body }),
  cancel: (id: string, body: Body<typeof cancelContactBody>) =>
    request<Answer<typeof contact>>('POST', `/api/v1/contacts/${enc(id)}/cancel`, { body }),
  completeFollowUp: (id: string, version: number) =>
    request<Answer<typeof contact>>('POST', `/api/v1/contacts/${enc(id)}/follow-up-done`, { body: { version } }),
  beginNote: (id: string, version: number) =>
    request<Answer<typeof contact>>('POST', `/api/v1/contacts/${enc(id)}/note`, { body: { version } }),
  week: (isoWeek: string | null) => request<Answer<typeof week>>('GET', '/api/v1/work/contacts', { query: { week: isoWeek } }),
  feed: () => request<Answer<typeof calendarFeed>>('GET', '/api/v1/me/calendar-feed'),
  createFeed: () => request<Answer<typeof newCalendarFeed>>('POST', '/api/v1/me/calendar-feed', { body: {} }),
  revokeFeed: () => request<Answer<typeof ok>>('DELETE', '/api/v1/me/calendar-feed'),
};
