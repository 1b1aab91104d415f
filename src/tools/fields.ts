// Shared zod fields: one definition and one description per concept (STYLE.md §3).
// Bounds are explicit and formats are checked with refinements (no long regex in the schema).
import { z } from 'zod';
import { isDateInput, isTimeZone } from './dates.js';

const id = (what: string) => z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe(what);

export const eventId = id('Event id (the series/template): from list_events or create_event.');
export const eventSessionId = id(
  'Event session id (one webinar occurrence): from list_events (eventSessions[].id), get_event or create_event_session.',
);
export const memberUserId = id('Organisation member user id: from list_members.');

export const dateTime = (what: string) =>
  z
    .string()
    .max(40)
    .refine(isDateInput, 'expected ISO 8601 like 2026-12-01T11:00:00+03:00 or 2026-12-01T11:00')
    .describe(what);

export const startsAt = dateTime(
  'Start as ISO 8601. With an offset (2026-12-01T11:00:00+03:00) it is an exact instant; without one (2026-12-01T11:00) it is wall-clock time in `timezone`.',
);

export const timezone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'expected an IANA time zone such as Europe/Moscow')
  .describe('IANA time zone of the event, e.g. Europe/Moscow (default). See list_timezones.');

export const name = z.string().min(1).max(255).describe('Title shown to participants.');
export const description = z.string().max(10_000).describe('Plain-text description (no markup).');
export const lang = z.enum(['RU', 'EN']).describe('Interface language.');
export const password = z
  .string()
  .max(64)
  .describe('Entry password; setting it turns password protection on, empty string turns it off.');

export const accessFields = {
  registrationRequired: z
    .boolean()
    .describe('Only registered people may enter (needed to register participants).'),
  moderationRequired: z
    .boolean()
    .describe('Registrations wait for a host to approve them (waiting room).'),
  password: password,
};

export const page = z.number().int().min(1).max(100_000).describe('Page number, 1-based.');

export const confirm = z
  .boolean()
  .describe(
    'Irreversible action: set true only after the user explicitly agreed. Without it nothing is sent.',
  );

/** Which tool gives valid values for an id-like argument (used in 404 hints). */
export const ID_SOURCES: Record<string, string> = {
  eventId: 'list_events',
  eventSessionId: 'list_events or get_event',
  userId: 'list_members',
  contactId: 'search_contacts',
  participationId: 'list_participants',
  recordId: 'list_records',
  conversionId: 'list_conversions',
  fileId: 'list_files',
  testId: 'get_event_session',
  testSessionId: 'get_test',
};
