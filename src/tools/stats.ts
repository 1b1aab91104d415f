// Statistics area (reference §10, S1–S3): date-range queries without paging. Participants'
// names and free-text fields arrive marked (untrusted-fields.ts); list_participant_stats pages the
// API's one big answer locally so that a 10,000-person event stays within the result limit.
import { z } from 'zod';
import { toApiQueryDateTime } from './dates.js';
import type { ApiError } from '../api/errors.js';
import { defineTool } from './define.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { connectionsOf, rows, watchedSeconds, type Row } from './rows.js';
import { apiPaging } from './paging.js';
import { isEmail } from './participant-input.js';
import { sentEmail } from './email.js';
import { REACTION_KINDS, sessionReactions } from './reactions.js';
import { untrustedName } from './untrusted.js';

const paging = apiPaging([10, 50, 100, 250], 50);

const periodInput = {
  from: f.periodFrom,
  to: f.periodTo.optional().describe('To (default from + 1 year); a date alone includes that day.'),
  eventId: f.eventId.optional().describe('Only this event (from list_events).'),
};

const periodParams = ({ from, to, eventId }: { from: string; to?: string; eventId?: number }) => ({
  from: toApiQueryDateTime(from),
  to: to ? toApiQueryDateTime(to, 'end') : undefined,
  eventId,
});

const minutes = (seconds: number) => Math.round(seconds / 6) / 10;

/** One S2 session entry, trimmed: attendance, time, devices, activity. */
function pickEntry(e: Row) {
  const conns = connectionsOf(e);
  return {
    eventSessionId: e.id,
    attended: conns.length > 0,
    watchedMinutes: minutes(watchedSeconds(e)),
    firstJoined: conns[0]?.joined,
    lastLeft: conns[conns.length - 1]?.leaved,
    platforms: [...new Set(conns.map((c) => c.platform))],
    country: conns[0]?.country,
    city: conns[0]?.city,
    questions: e.userQuestionCount,
    chatMessages: e.userChatMessageCount,
    involvement: e.actualInvolvement,
    rating: e.rating,
    answers: rows(e.additionalFieldValues).map((v) => `${String(v.label)}: ${String(v.value)}`),
  };
}

/** S1/S2: a 404 means no finished session in the period (CONFIRMED), not a wrong id. */
const emptyPeriodHint = (err: ApiError) =>
  err.status === 404
    ? ' No finished session in this period (for these ids): widen from/to, or check the ids with list_events.'
    : undefined;

export const statsTools = [
  defineTool({
    name: 'list_session_stats',
    title: 'List session statistics',
    description:
      'Summary of each finished session in a period: registered and attended counts, invited vs self-registered, attendance %, duration. Full report: summarize_attendance.',
    method: 'GET',
    path: '/stats/events',
    errorHint: emptyPeriodHint,
    input: z.object({
      ...periodInput,
      userId: f.memberUserId.optional().describe('Only sessions of this member (list_members).'),
    }),
    toParams: (input) => ({ ...periodParams(input), userId: input.userId }),
    shape: (data) => ({
      items: rows(data).map((s) => ({
        eventSessionId: s.id,
        eventId: s.eventId,
        name: s.name,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        durationMinutes: minutes(Number(s.duration) || 0),
        registered: s.registeredCount,
        attended: s.registeredVisitedCount,
        attendancePercent: s.attendance,
        invited: s.invitedCount,
        invitedAttended: s.invitedVisitedCount,
        questions: s.questionCount,
        chatMessages: s.chatMessageCount,
      })),
    }),
  }),
  defineTool({
    name: 'list_participant_stats',
    title: 'List participant statistics',
    description:
      'Per-person attendance and activity in finished sessions of a period: watch time, join/leave, platform, country, questions, chat, involvement. Filter by eventId/eventSessionId.',
    method: 'GET',
    path: '/stats/users',
    errorHint: emptyPeriodHint,
    input: z.object({
      ...periodInput,
      eventSessionId: f.eventSessionId.optional().describe('Only this session.'),
      attendedOnly: z.boolean().optional().describe('true: leave out people who did not come.'),
      ...paging.input,
    }),
    toParams: periodParams,
    shape: (data, input) => {
      const { page, perPage } = paging.params(input);
      const people = rows(data).flatMap((p) => {
        const sessions = rows(p.eventSessions)
          .filter((e) => input.eventSessionId === undefined || e.id === input.eventSessionId)
          .map(pickEntry)
          .filter((e) => !input.attendedOnly || e.attended);
        if (sessions.length === 0) return [];
        return [
          {
            userId: p.id,
            name: untrustedName(p.name, p.secondName),
            email: p.email,
            organization: p.organization,
            position: p.position,
            sessions,
          },
        ];
      });
      const start = (page - 1) * perPage;
      return {
        total: people.length,
        items: people.slice(start, start + perPage),
        page,
        perPage,
        nextPage: start + perPage < people.length ? page + 1 : undefined,
      };
    },
  }),
  defineTool({
    name: 'get_person_visits',
    title: 'Get person visits',
    description:
      "One person's sessions in a period: registered, missed, attended (watch time, activity). By email, or contactId from search_contacts.",
    method: 'GET',
    path: '/stats/users/visits',
    input: z.object({
      ...periodInput,
      email: z
        .string()
        .max(254)
        .refine(isEmail, 'expected an e-mail address')
        .optional()
        .describe("The person's e-mail."),
      contactId: z
        .number()
        .int()
        .min(1)
        .max(f.MAX_ID)
        .optional()
        .describe('Contact id instead of email (from search_contacts).'),
    }),
    toParams: (input) => {
      if ((input.email === undefined) === (input.contactId === undefined)) {
        throw new InputError('email', 'give either email or contactId (exactly one)');
      }
      // Registration sent an IDN address as punycode (email.ts): so is the lookup.
      const email = input.email === undefined ? undefined : sentEmail(input.email);
      return { ...periodParams(input), email, contactId: input.contactId };
    },
    shape: (data) => {
      const d = (data ?? {}) as Row;
      const brief = (s: Row) => ({ eventSessionId: s.id, name: s.name, startsAt: s.startsAt });
      return {
        registered: rows(d.registered).map(brief),
        notVisited: rows(d.not_visited).map(brief),
        visited: rows(d.visited).map((s) => ({
          ...brief(s),
          watchedMinutes: minutes(Number(s.duration) || watchedSeconds(s)),
          questions: s.userQuestionCount,
          chatMessages: s.userChatMessageCount,
        })),
      };
    },
  }),
  defineTool({
    name: 'list_session_reactions',
    title: 'List session reactions',
    description: 'Raised hands, likes and emoji of a session: totals and the most active people.',
    method: 'GET',
    path: REACTION_KINDS.likes,
    input: z.object({
      eventSessionId: f.eventSessionId,
      kind: z
        .enum(['raisedHands', 'likes', 'emoji'])
        .optional()
        .describe('One kind; default all three.'),
    }),
    run: sessionReactions,
  }),
];
