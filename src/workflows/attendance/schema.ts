// The attendance report's shape. `Report` types the code; `reportOutput` is what tools/list
// publishes: a few named figures and one line on the rest (the text block carries the readable
// report, and every described property costs tokens in each listing). Lists and sections are
// optional because empty ones are compacted away (result.ts).
import { z } from 'zod';

export type Lang = 'ru' | 'en';

export interface Scope {
  kind: 'session' | 'event' | 'period';
  eventSessionId?: number;
  eventId?: number;
  title?: string;
  from?: string;
  to?: string;
}

export interface SessionRow {
  eventSessionId: number;
  eventId?: number;
  name?: string;
  startsAt?: string;
  durationMinutes?: number;
  /** Registrations and visits of this session (the API's session statistics). */
  registered?: number;
  attended?: number;
  peakOnline?: number;
}

export interface PersonRef {
  userId?: number;
  name?: string;
  email?: string;
}

export interface Share {
  name: string;
  people: number;
  percent: number;
}

export interface Bucket {
  label: string;
  people: number;
}

interface PollOption {
  id?: number;
  text?: string;
  count: number;
  percent: number;
}

export interface Report {
  participantData: string;
  lang: Lang;
  scope: Scope;
  note?: string;
  sessionsTotal: number;
  /** The latest 50 sessions, oldest first. */
  sessions?: SessionRow[];
  /** Registrations: one per person and session. */
  registrations?: { total: number; attended: number; missed: number; attendedPercent: number };
  /** Distinct people: registered for a session in scope, came to one or more, came to none. */
  people?: { registered: number; attended: number; noShows: number };
  noShows?: {
    /** People who came to none of their sessions, first ones (with the sessions they missed). */
    listed: Array<PersonRef & { missed?: number[] }>;
    more?: number;
  };
  attendees?: {
    listed: Array<PersonRef & { watchMinutes: number; sessions: number }>;
    more?: number;
  };
  watchMinutes?: { median: number; mean: number; buckets?: Bucket[] };
  joinLeave?: {
    joined?: Bucket[];
    stayedToEnd?: number;
    leftEarly?: number;
    /** Single-session reports: the peak and people online at each minute since the start. */
    peak?: { minute: number; online: number };
    onlineByMinute?: number[];
  };
  platforms?: Share[];
  countries?: Share[];
  topParticipants?: Array<
    PersonRef & {
      watchMinutes: number;
      questions?: number;
      chatMessages?: number;
      involvement?: number;
    }
  >;
  questions?: {
    /** Questions the statistics count in every session in scope. */
    asked: number;
    /** The sessions whose questions were read (the latest 10): asked there, answered, not. */
    read?: { sessions: number; asked: number; answered: number; unanswered: number };
    /** Unanswered questions, repeats merged (times > 1), the first ones. */
    unanswered?: Array<{
      text?: string;
      from?: string;
      eventSessionId: number;
      at?: string;
      times?: number;
    }>;
  };
  chat?: { messages: number; perAttendee?: number };
  polls?: Array<{
    testId: number;
    name?: string;
    respondents: number;
    questions: Array<{
      id?: number;
      text?: string;
      answered: number;
      options: PollOption[];
      freeText?: number;
    }>;
  }>;
  tests?: Array<{
    testId: number;
    name?: string;
    takers: number;
    passed: number;
    passPercent: number;
  }>;
  /** The chart image attached to the result, if any. */
  chart?: {
    kind: 'online-by-minute' | 'attendance-by-session';
    format: 'png' | 'svg';
    bytes: number;
  };
}

const n = (what: string) => z.number().min(0).max(1e9).optional().describe(what);

export const reportOutput = z.looseObject({
  lang: z.enum(['ru', 'en']).describe('Language of the text.'),
  scope: z.looseObject({}).describe('kind, ids, title, from, to.'),
  sessionsTotal: n('Finished sessions covered.'),
  registrations: z
    .looseObject({})
    .optional()
    .describe(
      'total, attended, missed (one per person and session). Also: people, sessions, noShows, attendees, watchMinutes, joinLeave, platforms, countries, topParticipants, questions, chat, polls, tests, note.',
    ),
});
