// Events area (reference §2, E1–E14). E3 is preferred over its alias E3a, E10 over E10a.
import { z } from 'zod';
import { defineTool, type Params, type ToolContext } from './define.js';
import { toApiQueryDateTime } from './dates.js';
import { createEvent, createSession, updateEvent, updateSession } from './event-changes.js';
import { additionalFieldsInput, commonEventInput } from './event-params.js';
import { ONE_OFF_RULE, readEvent, readSession } from './event-read.js';
import * as f from './fields.js';
import { pathFor } from './execute.js';
import { apiProbe, nameMatches } from './name-match.js';
import { newestFirst } from './newest-first.js';
import { apiPaging } from './paging.js';
import { eventSubject, sessionSubject } from './subjects.js';
import { rows, type Row } from './rows.js';

const schedulePaging = apiPaging([10, 50, 100, 250], 50);

const people = (list: unknown) =>
  Array.isArray(list)
    ? list.map((p: Row) => [p.name, p.secondName].filter(Boolean).join(' '))
    : undefined;

const pickSession = (s: Row) => ({
  id: s.id,
  name: s.name,
  status: s.status,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  startType: s.startType,
  participationsCount: s.participationsCount,
  recordUrl: (s.recordUrl as Row | undefined)?.url,
});

const pickEvent = (e: Row) => ({
  id: e.id,
  name: e.name,
  status: e.status,
  type: e.type,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  timezone: e.timezoneName ?? e.timezone ?? e.timezoneId,
  rule: e.rule === ONE_OFF_RULE ? undefined : e.rule,
  eventSessions: Array.isArray(e.eventSessions) ? e.eventSessions.map(pickSession) : undefined,
});

const pickDetails = (e: Row) => ({
  ...pickEvent(e),
  eventId: e.eventId,
  description: e.description,
  lang: e.lang,
  accessSettings: e.accessSettings,
  additionalFields: e.additionalFields,
  createUser: e.createUser,
  lectors: people(e.lectors),
  tags: e.tags,
  files: Array.isArray(e.files)
    ? e.files.map((x: Row) => ({ id: x.id, name: x.name, fileType: x.fileType }))
    : undefined,
});

/** E9/E10 report the zone as a numeric id; the model reads an IANA name. */
async function detailsShape(data: unknown, _input: unknown, ctx: ToolContext) {
  const details = pickDetails(data as Row);
  const zone = details.timezone;
  return typeof zone === 'number'
    ? { ...details, timezone: await ctx.timezones.nameFor(zone, ctx.signal) }
    : details;
}

/** After start/stop: the session's status and times as the API now reports them. */
async function sessionState(data: unknown, eventSessionId: number, ctx: ToolContext) {
  try {
    const s = await readSession(ctx, eventSessionId);
    return { ...(data as Row), status: s.status, startsAt: s.startsAt, endsAt: s.endsAt };
  } catch {
    return data;
  }
}

const LIST_EVENTS_PATHS = {
  method: 'GET',
  path: '/organization/events/schedule',
  paths: { userId: '/users/{userId}/events/schedule' },
} as const;

const eventStatus = z.enum(['ACTIVE', 'START', 'STOP']);

const scheduleInput = {
  from: f.periodFrom.optional(),
  to: f.periodTo.optional(),
  name: z.string().min(1).max(255).optional().describe('Title contains this.'),
  status: z
    .union([eventStatus, z.array(eventStatus).max(3)])
    .transform((s) => (Array.isArray(s) ? s : [s]))
    .optional()
    .describe('One status or a list: ACTIVE scheduled, START live, STOP finished.'),
  ...schedulePaging.input,
};

interface ScheduleInput {
  from?: string;
  to?: string;
  name?: string;
  page?: number;
  perPage?: number;
}

function scheduleParams(input: ScheduleInput): Params {
  const { from, to, name, ...rest } = schedulePaging.params(input);
  return {
    ...rest,
    from: from ? toApiQueryDateTime(from) : undefined,
    to: to ? toApiQueryDateTime(to, 'end') : undefined,
    // The title as people write it (Планерка finds Планёрка): a probe out, the match here.
    name: name ? apiProbe(name, 'text') : undefined,
  };
}

/** nextPage follows the API's page, before the titles are matched here. */
const scheduleShape = (data: unknown, input: ScheduleInput) => {
  const page = schedulePaging.pageOf(data, input, pickEvent);
  const { name } = input;
  return name
    ? { ...page, items: page.items.filter((e) => nameMatches(name, e.name, 'text')) }
    : page;
};

/** A session speaks its event's language (a one-off event passes its own on). */
const { lang: _lang, ...sessionInput } = commonEventInput;

/** On updates the zone stays unless another is named; a new session takes its event's. */
const keepZone = f.timezone.optional().describe('New zone; omit to keep.');
const eventZone = f.timezone.optional().describe("Zone; default the event's.");

const sendEmail = z.boolean().optional().describe('E-mail people the new time (default true).');

const startTypeInput = z
  .enum(['manual', 'autostart', 'autowebinar'])
  .describe('manual (host starts), autostart, autowebinar (pre-recorded).');

export const eventsTools = [
  defineTool({
    name: 'create_event',
    title: 'Create event',
    description:
      'Create an event: a webinar template, or a series with rule + endsAt. A one-off webinar also needs create_event_session (schedule_webinar does both).',
    method: 'POST',
    path: '/events',
    input: z.object({
      ...commonEventInput,
      endsAt: f.dateTime('Series end; a date alone includes that day.').optional(),
      type: z.enum(['webinar', 'meeting', 'training']).optional().describe('Default webinar.'),
      rule: z
        .string()
        .min(6)
        .max(255)
        .optional()
        .describe('Series RRULE, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=6.'),
      isEventRegAllowed: z
        .boolean()
        .optional()
        .describe('Series: registration for all sessions (default true).'),
      lectorIds: z
        .array(z.number().int().min(1).max(f.MAX_ID))
        .max(50)
        .optional()
        .describe('Hosts (list_members).'),
      tags: z.array(z.string().min(1).max(100)).max(50).optional().describe('Tags.'),
      ownerId: f.memberUserId.optional().describe('Owner (list_members).'),
      additionalFields: additionalFieldsInput.optional(),
      urlAlias: z.string().min(1).max(100).optional().describe('Custom link alias.'),
      defaultRemindersEnabled: z.boolean().optional().describe('Reminder e-mails.'),
    }),
    run: createEvent,
  }),
  defineTool({
    name: 'create_event_session',
    title: 'Create event session',
    description: 'Create a session (one webinar occurrence) in an event. Returns eventSessionId.',
    method: 'POST',
    path: '/events/{eventId}/sessions',
    input: z.object({
      eventId: f.eventId,
      ...sessionInput,
      name: f.name.optional(),
      timezone: eventZone,
      startType: startTypeInput.optional(),
    }),
    run: createSession,
  }),
  defineTool({
    name: 'update_event',
    title: 'Update event',
    description:
      "Change an ACTIVE event; send only what changes. A one-off event's session follows.",
    method: 'PUT',
    path: '/organization/events/{eventId}',
    input: z.object({
      eventId: f.eventId,
      ...commonEventInput,
      name: f.name.optional(),
      timezone: keepZone,
      sendEmail,
      ownerId: f.memberUserId.optional().describe('New owner (list_members).'),
      urlAlias: z.string().min(1).max(100).optional().describe('Custom link alias.'),
      finish: z.boolean().optional().describe('true ends the event for good (STOP).'),
    }),
    confirm: async (input, ctx) =>
      input.finish
        ? `Finish ${await eventSubject(ctx, input.eventId)} for good (status STOP)?`
        : undefined,
    run: updateEvent,
  }),
  defineTool({
    name: 'update_event_session',
    title: 'Update event session',
    description:
      'Change a scheduled or live session; send only what changes. A one-off event follows.',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}',
    input: z.object({
      eventSessionId: f.eventSessionId,
      ...sessionInput,
      name: f.name.optional(),
      timezone: keepZone,
      startType: startTypeInput.optional(),
      sendEmail,
    }),
    run: updateSession,
  }),
  defineTool({
    name: 'delete_event',
    title: 'Delete event',
    description: 'Delete an event with all its unfinished sessions. Irreversible.',
    method: 'DELETE',
    path: '/organization/events/{eventId}',
    input: z.object({ eventId: f.eventId }),
    confirm: async (input, ctx) =>
      `Delete ${await eventSubject(ctx, input.eventId)} with all its unfinished sessions?`,
    // Read first: afterwards nothing says which sessions went. A session id given as eventId
    // is refused here with its event's id, before anything is deleted.
    run: async ({ eventId }, ctx) => {
      const before = await readEvent(ctx, eventId);
      await ctx.client.request({
        method: 'DELETE',
        path: `/organization/events/${eventId}`,
        signal: ctx.signal,
      });
      return {
        deleted: eventId,
        sessionsDeleted: rows(before.eventSessions)
          .filter((s) => s.status !== 'STOP')
          .map((s) => Number(s.id)),
        emails:
          'none documented for deleting an event (delete_event_session sends the cancellation e-mail)',
      };
    },
  }),
  defineTool({
    name: 'delete_event_session',
    title: 'Delete event session',
    description: 'Delete a session with its statistics, chat and questions. Irreversible.',
    method: 'DELETE',
    path: '/eventsessions/{eventSessionId}',
    input: z.object({
      eventSessionId: f.eventSessionId,
      sendEmail: z.boolean().optional().describe('Send the cancellation e-mail (default true).'),
    }),
    confirm: async (input, ctx) =>
      `Delete ${await sessionSubject(ctx, input.eventSessionId)} with its statistics, chat and questions${input.sendEmail === false ? '' : ' (the registered people get a cancellation e-mail)'}?`,
    shape: (data, input) => ({
      ...(data as Row),
      emails:
        input.sendEmail === false
          ? 'none (sendEmail false)'
          : 'cancellation e-mail to registered people requested (the API does not report sending)',
    }),
  }),
  defineTool({
    name: 'list_events',
    title: 'List events',
    description:
      'Events and their sessions (ids, status, times): where eventId and eventSessionId come from.',
    ...LIST_EVENTS_PATHS,
    input: z.object({
      ...scheduleInput,
      userId: f.memberUserId.optional().describe('Only events this member created (list_members).'),
      newest: z
        .boolean()
        .optional()
        .describe('Newest first, sorted here (period default: past year).'),
    }),
    run: async ({ newest, ...input }, ctx) => {
      const path = pathFor(LIST_EVENTS_PATHS, input);
      const params = scheduleParams(input);
      if (!newest) {
        const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
        return scheduleShape(res.data, input);
      }
      const { events, capped } = await newestFirst(path, params, ctx);
      // Titles are matched here (as on a normal page), before the sorted list is paged.
      const { name } = input;
      const matched = name ? events.filter((e) => nameMatches(name, e.name, 'text')) : events;
      const { page, perPage } = schedulePaging.params(input);
      const start = (page - 1) * perPage;
      return {
        ...schedulePaging.pageOf(matched.slice(start, start + perPage), input, pickEvent),
        nextPage: matched.length > start + perPage ? page + 1 : undefined,
        truncated: capped
          ? `sorted the first ${events.length} events of the period only: narrow from/to`
          : undefined,
      };
    },
  }),
  defineTool({
    name: 'get_event',
    title: 'Get event',
    description:
      'One event with its sessions, access and registration fields (additionalFields[].key).',
    method: 'GET',
    path: '/organization/events/{eventId}',
    input: z.object({ eventId: f.eventId }),
    run: async (input, ctx) => detailsShape(await readEvent(ctx, input.eventId), input, ctx),
  }),
  defineTool({
    name: 'get_event_session',
    title: 'Get event session',
    description: 'One session: status, times, access, registration fields, files.',
    method: 'GET',
    path: '/eventsessions/{eventSessionId}',
    input: z.object({ eventSessionId: f.eventSessionId }),
    run: async (input, ctx) =>
      detailsShape(await readSession(ctx, input.eventSessionId), input, ctx),
  }),
  defineTool({
    name: 'start_event_session',
    title: 'Start event session',
    description: 'Start a scheduled session now (goes live; irreversible).',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/start',
    input: z.object({ eventSessionId: f.eventSessionId }),
    annotations: { destructiveHint: true, idempotentHint: false },
    confirm: async (input, ctx) =>
      `Start ${await sessionSubject(ctx, input.eventSessionId)} now? It goes live for participants.`,
    shape: (data, input, ctx) => sessionState(data, input.eventSessionId, ctx),
  }),
  defineTool({
    name: 'stop_event_session',
    title: 'Stop event session',
    description: 'End a live session. Irreversible: a stopped session cannot be restarted.',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/stop',
    input: z.object({ eventSessionId: f.eventSessionId }),
    annotations: { destructiveHint: true, idempotentHint: false },
    confirm: async (input, ctx) =>
      `Stop ${await sessionSubject(ctx, input.eventSessionId)}? It cannot be restarted.`,
    shape: (data, input, ctx) => sessionState(data, input.eventSessionId, ctx),
  }),
  defineTool({
    name: 'list_timezones',
    title: 'List time zones',
    description: 'Time zones the API supports (IANA name, offset).',
    method: 'GET',
    path: '/timezones',
    input: z.object({}),
    shape: (data) => ({
      items: rows(data).map((z) => ({
        name: z.name,
        description: z.description,
        offset: z.offset,
      })),
    }),
  }),
];
