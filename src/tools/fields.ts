// Shared zod fields: one definition and one description per concept (STYLE.md §3).
// Bounds are explicit and formats are checked with refinements (no long regex in the schema).
import { z } from 'zod';
import { dateInputProblem } from './dates.js';

/**
 * Largest id we accept: 2^31 - 1. INFERRED: the platform's PHP/MySQL backend keeps ids in int
 * columns, and the largest ids seen are about 6·10^7. A smaller bound also costs fewer tokens
 * in every tool definition than Number.MAX_SAFE_INTEGER.
 */
export const MAX_ID = 2_147_483_647;
export const id = (what: string) => z.number().int().min(1).max(MAX_ID).describe(what);

export const eventId = id('Event id (list_events).');
export const eventSessionId = id('Session id (list_events: eventSessions[].id).');
export const memberUserId = id('Member user id (list_members).');
/** A user in a session: a participant's platform user or a member (chat, questions, stats). */
export const sessionUserId = id(
  'User id of a participant (list_participants) or member (list_members).',
);

/** A date-time as users write it; the refinement says what is wrong (offset, calendar date). */
export const dateTime = (what: string) =>
  z
    .string()
    .max(40)
    .superRefine((value, ctx) => {
      const problem = dateInputProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(what);

export const startsAt = dateTime('ISO 8601 or DD.MM.YYYY HH:MM; no offset: event zone clock.');

/** Zones as people write them; resolved against the API's list when the tool runs. */
export const timezone = z
  .string()
  .max(64)
  .describe('IANA zone, city, MSK+2 or UTC+5; default Moscow.');

/**
 * Period filters of lists and statistics: one rule for all of them (issue 19, case 9). A
 * session belongs to a period by its start as the API reports it (`startsAt`): the actual start
 * once it ran, the planned one before. Times without an offset are Moscow time (API_QUERY_TIMEZONE).
 */
export const periodFrom = dateTime(
  'From (by session start: actual if it ran, else planned; no offset: Moscow).',
);
export const periodTo = dateTime('To; a date alone includes that day.');

export const name = z.string().min(1).max(255).describe('Title.');
export const description = z.string().max(10_000).describe('Plain text.');
export const lang = z.enum(['RU', 'EN']).describe('Interface language.');
const password = z.string().max(64).describe('Password; empty removes it.');

export const accessFields = {
  registrationRequired: z.boolean().describe('Only registered people may enter.'),
  moderationRequired: z.boolean().describe('Hosts approve registrations.'),
  password: password,
};

export const page = z.number().int().min(1).max(100_000).describe('Page, 1-based.');

export const confirm = z
  .boolean()
  .describe('Only where the client cannot ask the user: true after the user agreed in the chat.');

/** Which tool gives valid values for an id-like argument (used in 404 hints). */
export const ID_SOURCES: Record<string, string> = {
  eventId: 'list_events',
  eventSessionId: 'list_events or get_event',
  userId: 'list_members',
  contactId: 'search_contacts',
  participationId: 'list_participants',
  recordId: 'list_records',
  conversionId: 'list_conversions',
  fileId: 'list_files or list_attached_files',
  fileReferenceId: 'list_attached_files',
  testId: 'create_test or list_files',
  testSessionId: 'start_test or get_test',
  webhookId: 'list_webhooks',
};
