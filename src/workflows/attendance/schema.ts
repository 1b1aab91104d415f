// The attendance report's shape. `reportShape` types the code; `reportOutput` is what tools/list
// publishes: the same top level, with sections left open (every published property must carry a
// description and bounds, and a fully spelled-out schema would cost ~1,000 tokens per listing).
// Lists and sections are optional because empty ones are compacted away (result.ts).
import { z } from 'zod';

const count = z.number().int().min(0);
const share = z.object({ name: z.string(), people: count, percent: z.number() });
const bucket = z.object({ label: z.string(), people: count });

const _reportShape = z.object({
  participantData: z.string().describe('How to read participant-supplied text (⟦ ⟧).'),
  scope: z.object({
    kind: z.enum(['session', 'event', 'period']),
    eventSessionId: z.number().optional(),
    eventId: z.number().optional(),
    title: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  note: z.string().optional().describe('Why the report is empty or partial, if it is.'),
  sessionsTotal: count,
  sessions: z
    .array(
      z.object({
        eventSessionId: z.number(),
        eventId: z.number().optional(),
        name: z.string().optional(),
        startsAt: z.string().optional(),
        durationMinutes: z.number().optional(),
        registered: count.optional(),
        attended: count.optional(),
      }),
    )
    .optional(),
  registered: count.optional(),
  attended: count.optional(),
  attendancePercent: z.number().optional(),
  uniqueAttendees: count.optional(),
  noShows: z
    .object({
      count: count.describe('Registrations without a visit (a person per session).'),
      people: count.optional().describe('Distinct people among them; names and more count these.'),
      names: z.array(z.string()).optional(),
      more: count.optional(),
    })
    .optional(),
  watchMinutes: z
    .object({ median: z.number(), mean: z.number(), buckets: z.array(bucket).optional() })
    .optional(),
  joinLeave: z
    .object({
      joined: z.array(bucket).optional(),
      stayedToEnd: count.optional(),
      leftEarly: count.optional(),
      peak: z.object({ minute: count, online: count }).optional(),
      onlineByMinute: z
        .array(count)
        .optional()
        .describe('People online at each minute since the start (summed over sessions).'),
    })
    .optional(),
  platforms: z.array(share).optional(),
  countries: z.array(share).optional(),
  topParticipants: z
    .array(
      z.object({
        userId: z.number().optional(),
        name: z.string().optional(),
        email: z.string().optional(),
        watchMinutes: z.number(),
        questions: count.optional(),
        chatMessages: count.optional(),
        involvement: z.number().optional(),
      }),
    )
    .optional(),
  questions: z
    .object({
      total: count,
      answered: count.optional(),
      unanswered: count.optional(),
      answeredCovers: z
        .string()
        .optional()
        .describe('Set when answered/unanswered cover only some sessions.'),
      topUnanswered: z
        .array(
          z.object({
            id: z.number(),
            eventSessionId: z.number(),
            from: z.string().optional(),
            text: z.string().optional(),
            at: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  chat: z.object({ messages: count, perAttendee: z.number().optional() }).optional(),
  tests: z
    .object({
      note: z.string().optional(),
      results: z
        .array(
          z.object({
            testId: z.number(),
            name: z.string().optional(),
            usersCount: count,
            passedCount: count,
            passPercent: z.number(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export type Report = z.infer<typeof _reportShape>;

const n = (what: string) => z.number().min(0).max(1e9).optional().describe(what);
// Loose objects: the published schema names each section and says what is in it, without
// repeating every nested field (the text block carries the readable report).
const section = (what: string) => z.looseObject({}).optional().describe(what);
const list = (what: string) => z.array(z.looseObject({})).optional().describe(what);

export const reportOutput = z.object({
  participantData: z.string().describe('How to read participant-supplied text (⟦ ⟧).'),
  scope: z.looseObject({}).describe('kind (session/event/period), ids, title, dates.'),
  note: z.string().optional().describe('Why the report is empty or partial.'),
  sessionsTotal: z.number().int().min(0).max(1e6).describe('Finished sessions covered.'),
  sessions: list('Per session: id, name, start, minutes, registered, attended (latest 50).'),
  registered: n('Registrations, summed over sessions.'),
  attended: n('Registrations that came.'),
  attendancePercent: n('attended / registered, %.'),
  uniqueAttendees: n('Distinct people who came.'),
  noShows: section('count (registrations), people, first names, more.'),
  watchMinutes: section('median, mean, buckets by minutes watched.'),
  joinLeave: section('joined buckets, stayedToEnd, leftEarly, peak, onlineByMinute[].'),
  platforms: list('name, people, percent (by first connection).'),
  countries: list('name, people, percent.'),
  topParticipants: list('Most engaged: name, watchMinutes, questions, chatMessages, involvement.'),
  questions: section('total, answered, unanswered, topUnanswered[].'),
  chat: section('messages, perAttendee.'),
  tests: section('Pass rates of tests that ran, or a note.'),
});
