// The report from what fetch.ts collected: session statistics (S1), the people tally (tally.ts,
// folded while S2 streamed in), the questions of the latest sessions (Q1), polls and tests.
// No I/O.
import { rows, type Row } from '../../tools/rows.js';
import { MAX_RESULT_CHARS } from '../../tools/result.js';
import { PARTICIPANT_DATA_NOTE, untrusted } from '../../tools/untrusted.js';
import type { Bucket, Lang, Report, Scope, Share } from './schema.js';
import type { TallyResult } from './tally.js';
import { type Note, notesText, noteText } from './notes.js';
import { fold } from '../../tools/fold.js';

export interface ReportOptions {
  unansweredQuestions: number;
}

export interface Collected {
  scope: Scope;
  lang: Lang;
  /** S1 rows of the sessions in scope, oldest first. */
  sessions: Row[];
  tally?: TallyResult;
  /** Q1 answers by session id, for the sessions whose questions were read. */
  questions: Map<number, Row[]>;
  polls?: Report['polls'];
  tests?: Report['tests'];
  notes: Note[];
}

const MAX_SESSION_ROWS = 50;
const WATCH_BUCKETS: Array<[string, number]> = [
  ['<5', 5],
  ['5-15', 15],
  ['15-30', 30],
  ['30-60', 60],
  ['60-90', 90],
  ['90+', Infinity],
];
const JOIN_BUCKETS: Array<[string, number]> = [
  ['0-5', 5],
  ['5-15', 15],
  ['15-30', 30],
  ['30+', Infinity],
];

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
export const percent = (part: number, whole: number) => (whole ? round1((100 * part) / whole) : 0);

function median(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function bucketsOf(values: ArrayLike<number>, limits: Array<[string, number]>): Bucket[] {
  const counts = limits.map(([label]) => ({ label, people: 0 }));
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    (counts[limits.findIndex(([, max]) => v < max)] as Bucket).people += 1;
  }
  return counts;
}

function shares(counter: Map<string, number>, whole: number, top: number): Share[] {
  const sorted = [...counter].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const out = sorted
    .slice(0, top)
    .map(([name, people]) => ({ name, people, percent: percent(people, whole) }));
  const rest = sorted.slice(top).reduce((sum, [, n]) => sum + n, 0);
  if (rest) out.push({ name: 'other', people: rest, percent: percent(rest, whole) });
  return out;
}

export function buildReport(c: Collected, opts: ReportOptions): Report {
  const t = c.tally;
  const report: Report = {
    participantData: PARTICIPANT_DATA_NOTE,
    lang: c.lang,
    scope: c.scope,
    sessionsTotal: c.sessions.length,
    sessions: c.sessions.slice(-MAX_SESSION_ROWS).map((s) => ({
      eventSessionId: num(s.id),
      eventId: num(s.eventId) || undefined,
      name: typeof s.name === 'string' ? s.name : undefined,
      startsAt: typeof s.startsAt === 'string' ? s.startsAt : undefined,
      durationMinutes: round1(num(s.duration) / 60),
      registered: num(s.registeredCount),
      attended: num(s.registeredVisitedCount),
      peakOnline: t?.sessions.get(num(s.id))?.peak,
    })),
  };
  if (c.sessions.length > MAX_SESSION_ROWS) {
    c.notes.push({
      key: 'latestSessions',
      params: { n: MAX_SESSION_ROWS, total: c.sessions.length },
    });
  }
  if (c.sessions.length === 0 || !t) return withNotes(report, c.notes, c.lang);

  // Registrations as the API's session statistics count them; people from the people list.
  const registered = c.sessions.reduce((sum, s) => sum + num(s.registeredCount), 0);
  const attended = c.sessions.reduce((sum, s) => sum + num(s.registeredVisitedCount), 0);
  report.registrations = {
    total: registered,
    attended,
    missed: Math.max(0, registered - attended),
    attendedPercent: percent(attended, registered),
  };
  report.people = t.people;
  report.noShows = {
    listed: t.noShows,
    more: Math.max(0, t.people.noShows - t.noShows.length) || undefined,
  };
  if (t.attendees.length) {
    report.attendees = {
      listed: t.attendees.map(({ watchSeconds, ...p }) => ({
        ...p,
        watchMinutes: round1(watchSeconds / 60),
      })),
      more: Math.max(0, t.people.attended - t.attendees.length) || undefined,
    };
  }
  if (attended > 0 && t.people.noShows === 0 && t.registrations.total === 0) {
    c.notes.push({ key: 'noPeople' });
  }
  const watch = t.watchSeconds;
  if (watch.length) {
    report.watchMinutes = {
      median: round1(median(watch) / 60),
      mean: round1(watch.reduce((a, b) => a + b, 0) / watch.length / 60),
      buckets: bucketsOf(
        watch.map((s) => s / 60),
        WATCH_BUCKETS,
      ),
    };
  }
  const single = c.sessions.length === 1 ? t.sessions.get(num(c.sessions[0]!.id)) : undefined;
  report.joinLeave = {
    joined: bucketsOf(t.joinedLateMinutes, JOIN_BUCKETS),
    stayedToEnd: t.stayedToEnd,
    leftEarly: watch.length - t.stayedToEnd,
    peak: single?.online.length ? { minute: single.peakMinute, online: single.peak } : undefined,
    onlineByMinute: single?.online,
  };
  report.platforms = shares(t.platforms, watch.length, 5);
  report.countries = shares(t.countries, watch.length, 8);
  report.topParticipants = t.topParticipants.map((p) => ({
    userId: p.userId,
    name: p.name,
    email: p.email,
    watchMinutes: round1(p.watchSeconds / 60),
    questions: p.questions,
    chatMessages: p.chat,
    involvement: p.involvement,
  }));
  report.questions = questionSummary(c, t, opts);
  const chat = c.sessions.reduce(
    (sum, s) => sum + (t.sessions.get(num(s.id))?.chat || num(s.chatMessageCount)),
    0,
  );
  report.chat = { messages: chat, perAttendee: attended ? round1(chat / attended) : undefined };
  report.polls = c.polls;
  report.tests = c.tests;
  return withNotes(report, c.notes, c.lang);
}

/** The same question asked again (same words, any case, ё or е, spacing or punctuation) is one entry. */
const sameText = (text: unknown) => (typeof text === 'string' ? fold(text) : '');

function questionSummary(c: Collected, t: TallyResult, opts: ReportOptions): Report['questions'] {
  let asked = 0;
  for (const s of c.sessions) asked += t.sessions.get(num(s.id))?.questions || num(s.questionCount);
  if (c.questions.size === 0) return { asked };
  let readAsked = 0;
  let answered = 0;
  const waiting = new Map<
    string,
    NonNullable<NonNullable<Report['questions']>['unanswered']>[number]
  >();
  let unanswered = 0;
  for (const [sessionId, list] of c.questions) {
    for (const q of list) {
      readAsked += 1;
      if (q.isAnswered === true || rows(q.answers).length > 0) {
        answered += 1;
        continue;
      }
      unanswered += 1;
      const key = `${sessionId}\n${sameText(q.text)}`;
      const seen = waiting.get(key);
      if (seen) {
        seen.times = (seen.times ?? 1) + 1;
        continue;
      }
      waiting.set(key, {
        text: untrusted(q.text),
        from: untrusted((q.user as Row | undefined)?.nickname),
        eventSessionId: sessionId,
        at: typeof q.createAt === 'string' ? q.createAt : undefined,
      });
    }
  }
  return {
    asked,
    read: { sessions: c.questions.size, asked: readAsked, answered, unanswered },
    // In the API's order within each session, sessions oldest first.
    unanswered: [...waiting.values()].slice(0, opts.unansweredQuestions),
  };
}

/**
 * Keeps the report under the result size limit (with `reserved` characters for the chart): the
 * optional list of people who came is shortened first, and the note says so.
 */
export function fitToBudget(report: Report, reserved: number, limit = MAX_RESULT_CHARS): Report {
  const budget = limit - reserved - 2_000; // room for the text block's own wording
  const size = () => JSON.stringify(report).length;
  const listed = report.attendees?.listed;
  if (!listed || size() <= budget) return report;
  const total = report.people?.attended ?? listed.length;
  let keep = listed.length;
  while (keep > 0 && size() > budget) {
    keep = Math.floor(keep * 0.9);
    report.attendees = { listed: listed.slice(0, keep), more: total - keep || undefined };
  }
  const cut = noteText({ key: 'attendeesCut', params: { n: keep } }, report.lang);
  report.note = report.note ? `${report.note}; ${cut}` : cut;
  return report;
}

function withNotes(report: Report, notes: Note[], lang: Lang): Report {
  return notes.length ? { ...report, note: notesText(notes, lang) } : report;
}
