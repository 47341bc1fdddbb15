import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, ok } from '../../core/common.contract.ts';
import type { Services } from '../../server/app.ts';
import {
  calendarFeed,
  calendarFileParams,
  cancelContactBody,
  contact,
  contactPage,
  contactsQuery,
  createContactBody,
  holdContactBody,
  missContactBody,
  newCalendarFeed,
  scheduledFromPlan,
  updateContactBody,
  versionBody,
  week,
  weekQuery,
} from './contact.contract.ts';

export function registerContactRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];
  const recorded = { problems: ['transition_not_allowed' as const] };

  api.get(
    '/cases/:id/contacts',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'listContacts',
        tags,
        summary: "The case's contacts, the latest planned first: planned, held, missed and cancelled",
        params: idParams,
        querystring: contactsQuery,
        response: { 200: contactPage },
      },
    },
    async (request) => services.contacts.list(request.ctx, request.params.id, request.query),
  );
  api.post(
    '/cases/:id/contacts',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'createContact',
        tags,
        summary: 'Plan a contact with the person: a visit, meeting, call or accompaniment',
        params: idParams,
        body: createContactBody,
        response: { 201: contact },
      },
    },
    async (request, reply) => reply.status(201).send(await services.contacts.create(request.ctx, request.params.id, request.body)),
  );
  api.post(
    '/cases/:id/contacts/from-plan',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'scheduleContactsFromPlan',
        tags,
        summary: 'Schedule the meetings of the plan in force: one contact per meeting, however often it is asked',
        params: idParams,
        body: z.strictObject({}),
        response: { 200: scheduledFromPlan },
      },
    },
    async (request) => services.contacts.scheduleFromPlan(request.ctx, request.params.id),
  );
  api.get(
    '/contacts/:id',
    {
      config: { access: 'casework.read' },
      schema: { operationId: 'getContact', tags, summary: 'One contact', params: idParams, response: { 200: contact } },
    },
    async (request) => services.contacts.get(request.ctx, request.params.id),
  );
  api.patch(
    '/contacts/:id',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'updateContact',
        tags,
        summary: 'Change a planned contact (another time, place, who takes part); a recorded one no longer changes',
        params: idParams,
        body: updateContactBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.update(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/contacts/:id/hold',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'holdContact',
        tags,
        summary: 'Record a contact as held: its journal note begins as your draft, filled in from the contact',
        params: idParams,
        body: holdContactBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.hold(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/contacts/:id/miss',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'missContact',
        tags,
        summary: 'Record that the person did not come, with the no-show follow-up: what will be done and by when',
        params: idParams,
        body: missContactBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.miss(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/contacts/:id/cancel',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'cancelContact',
        tags,
        summary: 'Record that a contact is called off: by whom and why',
        params: idParams,
        body: cancelContactBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.cancel(request.ctx, request.params.id, request.body),
  );
  api.post(
    '/contacts/:id/follow-up-done',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'completeContactFollowUp',
        tags,
        summary: "Record a missed contact's no-show follow-up as done: it leaves Today",
        params: idParams,
        body: versionBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.completeFollowUp(request.ctx, request.params.id, request.body.version),
  );
  api.post(
    '/contacts/:id/note',
    {
      config: { access: 'journal.write', ...recorded },
      schema: {
        operationId: 'beginContactNote',
        tags,
        summary: 'Begin the journal note of a held contact again, after its first draft was thrown away',
        params: idParams,
        body: versionBody,
        response: { 200: contact },
      },
    },
    async (request) => services.contacts.beginNoteAgain(request.ctx, request.params.id, request.body.version),
  );

  api.get(
    '/work/contacts',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getContactWeek',
        tags: ['work', ...tags],
        summary: 'My contacts of a week (Monday first) or of a range of days, in the agency’s time zone; this week by default',
        querystring: weekQuery,
        response: { 200: week },
      },
    },
    async (request) => services.contacts.week(request.ctx, request.query),
  );

  api.get(
    '/me/calendar-feed',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'getCalendarFeed',
        tags,
        summary: 'Whether my calendar feed is on, since when and when a calendar app last read it',
        response: { 200: calendarFeed },
      },
    },
    async (request) => services.contacts.feedStatus(request.ctx),
  );
  api.post(
    '/me/calendar-feed',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'createCalendarFeed',
        tags,
        summary: 'Make a secret calendar address for my contacts, or a new one: the earlier address stops working',
        body: z.strictObject({}),
        response: { 201: newCalendarFeed },
      },
    },
    async (request, reply) => reply.status(201).send(await services.contacts.createFeed(request.ctx)),
  );
  api.delete(
    '/me/calendar-feed',
    {
      config: { access: 'casework.read' },
      schema: {
        operationId: 'revokeCalendarFeed',
        tags,
        summary: 'Switch my calendar feed off: its address stops working',
        response: { 200: ok },
      },
    },
    async (request) => services.contacts.revokeFeed(request.ctx),
  );
  api.get(
    '/calendar/:file',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCalendar',
        produces: ['text/calendar'],
        tags,
        summary:
          "A staff member's contacts as iCalendar, by the secret address alone: case numbers, times, durations and kinds of place – no names, purposes or addresses",
        params: calendarFileParams,
      },
    },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('x-robots-tag', 'noindex')
        .send(await services.contacts.feed(request.ctx, request.params.file)),
  );
}
