// Pure aggregation of the attendance report from what fetch.ts collected (S1 rows, S2 people,
// Q1 questions, test results). No I/O; one pass over the registrations, so 10,000 people cost
// a few milliseconds.
import { instantMs as msOf } from '../../tools/dates.js';
import { connectionsOf, rows, watchedSeconds, type Row } from '../../tools/rows.js';
import { PARTICIPANT_DATA_NOTE, untrusted, untrustedName } from '../../tools/untrusted.js';
import type { Report } from './schema.js';

export interface ReportOptions {
  topParticipants: number;
  noShowNames: number;
  unansweredQuestions: number;
}

export interface Collected {
  scope: Report['scope'];
  /** S1 rows of the sessions in scope, oldest first. */
  sessions: Row[];
  /** S2 people; only their entries for sessions in scope count. */
  people: Row[];
  /** Q1 answers by session id, for the sessions whose questions were fetched. */
  questions: Map<number, Row[]>;
  tests?: Report['tests'];
  notes: string[];
}

const MAX_SESSION_ROWS = 50;
const MAX_CURVE_MINUTES = 24 * 60;
const WATCH_BUCKETS: Array<[string, number]> = [
  ['<5', 5],
  ['5-15', 15],
  ['15-30', 30],
  ['30-60', 60],
  ['60-90', 90],
  ['90+', Infinity],
];
const JOIN_BUCKETS: Array<[string, number]> = [
  ['on time (<=5 min)', 5],
  ['5-15 min late', 15],
  ['15-30 min late', 30],
  ['30+ min late', Infinity],
];

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
const percent = (part: number, whole: number) => (whole ? round1((100 * part) / whole) : 0);

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function bucketsOf(values: number[], limits: Array<[string, number]>) {
  const counts = limits.map(([label]) => ({ label, people: 0 }));
  for (const v of values) {
    const i = limits.findIndex(([, max]) => v < max);
    (counts[i] as { people: number }).people += 1;
  }
  return counts;
}

function shares(counter: Map<string, number>, whole: number, top: number) {
  const sorted = [...counter].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const out = sorted
    .slice(0, top)
    .map(([name, people]) => ({ name, people, percent: percent(people, whole) }));
  const rest = sorted.slice(top).reduce((sum, [, n]) => sum + n, 0);
  if (rest) out.push({ name: 'other', people: rest, percent: percent(rest, whole) });
  return out;
}

interface PersonTotals {
  userId?: number;
  name?: string;
  email?: string;
  watch: number;
  questions: number;
  chat: number;
  involvement: number;
  attendedSessions: number;
}

export function buildReport(c: Collected, opts: ReportOptions): Report {
  const inScope = new Map<number, Row>(c.sessions.map((s) => [num(s.id), s]));
  const report: Report = {
    participantData: PARTICIPANT_DATA_NOTE,
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
    })),
  };
  if (c.sessions.length > MAX_SESSION_ROWS) {
    c.notes.push(`sessions lists the latest ${MAX_SESSION_ROWS} of ${c.sessions.length}`);
  }
  if (c.sessions.length === 0) return withNotes(report, c.notes);

  const registered = c.sessions.reduce((sum, s) => sum + num(s.registeredCount), 0);
  const attended = c.sessions.reduce((sum, s) => sum + num(s.registeredVisitedCount), 0);
  const starts = new Map<number, number | undefined>();
  const chatBySession = new Map<number, number>();
  const questionsBySession = new Map<number, number>();
  const watch: number[] = [];
  const joinedLate: number[] = [];
  const curve = new Int32Array(MAX_CURVE_MINUTES + 1);
  let curveEnd = 0;
  let stayedToEnd = 0;
  const platforms = new Map<string, number>();
  const countries = new Map<string, number>();
  const noShowNames: string[] = [];
  let noShowPeople = 0;
  const persons: PersonTotals[] = [];

  for (const p of c.people) {
    let missedSessions = 0;
    const totals: PersonTotals = {
      userId: typeof p.id === 'number' ? p.id : undefined,
      name: untrustedName(p.name, p.secondName),
      email: typeof p.email === 'string' ? p.email : undefined,
      watch: 0,
      questions: 0,
      chat: 0,
      involvement: 0,
      attendedSessions: 0,
    };
    for (const e of rows(p.eventSessions)) {
      const sessionId = num(e.id);
      if (!inScope.has(sessionId)) continue;
      chatBySession.set(
        sessionId,
        Math.max(chatBySession.get(sessionId) ?? 0, num(e.chatMessageCount)),
      );
      questionsBySession.set(
        sessionId,
        Math.max(questionsBySession.get(sessionId) ?? 0, num(e.questionCount)),
      );
      const conns = connectionsOf(e);
      if (conns.length === 0) {
        missedSessions += 1;
        continue;
      }
      if (!starts.has(sessionId)) starts.set(sessionId, msOf(e.startsAt));
      const start = starts.get(sessionId);
      const end = start === undefined ? undefined : start + num(e.duration) * 1000;
      const seconds = watchedSeconds(e);
      watch.push(seconds);
      totals.watch += seconds;
      totals.questions += num(e.userQuestionCount);
      totals.chat += num(e.userChatMessageCount);
      totals.involvement += num(e.actualInvolvement);
      totals.attendedSessions += 1;
      const first = conns[0] as Row;
      platforms.set(
        String(first.platform ?? 'unknown'),
        (platforms.get(String(first.platform ?? 'unknown')) ?? 0) + 1,
      );
      countries.set(
        String(first.country || 'unknown'),
        (countries.get(String(first.country || 'unknown')) ?? 0) + 1,
      );
      if (start === undefined || end === undefined) continue;
      const firstJoin = msOf(first.joined);
      if (firstJoin !== undefined) joinedLate.push(Math.max(0, (firstJoin - start) / 60_000));
      const lastLeave = msOf((conns[conns.length - 1] as Row).leaved);
      if (lastLeave !== undefined && lastLeave >= end - 60_000) stayedToEnd += 1;
      for (const conn of conns) {
        const j = msOf(conn.joined);
        const l = msOf(conn.leaved);
        if (j === undefined || l === undefined) continue;
        // Online at minute m when joined <= start + m < leaved (a sample at each whole minute).
        const from = Math.max(0, Math.ceil((j - start) / 60_000));
        const to = Math.min(MAX_CURVE_MINUTES, Math.ceil((l - start) / 60_000));
        if (to <= from) continue;
        curve[from] = (curve[from] ?? 0) + 1;
        curve[to] = (curve[to] ?? 0) - 1;
        curveEnd = Math.max(curveEnd, to);
      }
    }
    if (totals.attendedSessions > 0) persons.push(totals);
    // One name per person, however many of the scope's sessions they missed.
    if (missedSessions > 0) {
      noShowPeople += 1;
      if (noShowNames.length < opts.noShowNames && totals.name) noShowNames.push(totals.name);
    }
  }

  const online: number[] = [];
  for (let m = 0, level = 0; m < curveEnd; m += 1) {
    level += curve[m] ?? 0;
    online.push(level);
  }
  const peakOnline = Math.max(0, ...online);
  watch.sort((a, b) => a - b);
  const noShows = Math.max(0, registered - attended);
  report.registered = registered;
  report.attended = attended;
  report.attendancePercent = percent(attended, registered);
  report.uniqueAttendees = persons.length;
  report.noShows = {
    count: noShows,
    people: noShowPeople === noShows ? undefined : noShowPeople,
    names: noShowNames,
    more: Math.max(0, noShowPeople - noShowNames.length) || undefined,
  };
  if (noShows > 0 && noShowPeople === 0) c.notes.push('the statistics gave no names of no-shows');
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
  report.joinLeave = {
    joined: bucketsOf(joinedLate, JOIN_BUCKETS),
    stayedToEnd,
    leftEarly: watch.length - stayedToEnd,
    peak: online.length ? { minute: online.indexOf(peakOnline), online: peakOnline } : undefined,
    onlineByMinute: online,
  };
  report.platforms = shares(platforms, watch.length, 5);
  report.countries = shares(countries, watch.length, 8);
  report.topParticipants = persons
    .map((p) => ({ ...p, involvement: round1(p.involvement / p.attendedSessions) }))
    .sort(
      (a, b) =>
        b.involvement - a.involvement || b.watch - a.watch || (a.userId ?? 0) - (b.userId ?? 0),
    )
    .slice(0, opts.topParticipants)
    .map((p) => ({
      userId: p.userId,
      name: p.name,
      email: p.email,
      watchMinutes: round1(p.watch / 60),
      questions: p.questions,
      chatMessages: p.chat,
      involvement: p.involvement,
    }));
  report.questions = questionSummary(c, inScope, questionsBySession, opts);
  const chat = c.sessions.reduce(
    (sum, s) => sum + (chatBySession.get(num(s.id)) ?? num(s.chatMessageCount)),
    0,
  );
  report.chat = { messages: chat, perAttendee: attended ? round1(chat / attended) : undefined };
  report.tests = c.tests;
  return withNotes(report, c.notes);
}

function questionSummary(
  c: Collected,
  inScope: Map<number, Row>,
  fromStats: Map<number, number>,
  opts: ReportOptions,
): Report['questions'] {
  let total = 0;
  for (const [id, s] of inScope) total += fromStats.get(id) ?? num(s.questionCount);
  let answered = 0;
  let unanswered = 0;
  const waiting: Array<Row & { sessionId: number }> = [];
  for (const [sessionId, list] of c.questions) {
    for (const q of list) {
      if (q.isAnswered === true || rows(q.answers).length > 0) answered += 1;
      else {
        unanswered += 1;
        waiting.push({ ...q, sessionId });
      }
    }
  }
  const fetched = c.questions.size > 0;
  const partial = fetched && c.questions.size < inScope.size;
  return {
    total,
    answered: fetched ? answered : undefined,
    unanswered: fetched ? unanswered : undefined,
    answeredCovers: partial
      ? `the latest ${c.questions.size} of ${inScope.size} sessions`
      : undefined,
    // In the API's order within each session, sessions oldest first.
    topUnanswered: waiting.slice(0, opts.unansweredQuestions).map((q) => ({
      id: num(q.id),
      eventSessionId: q.sessionId,
      from: untrusted((q.user as Row | undefined)?.nickname),
      text: untrusted(q.text),
      at: typeof q.createAt === 'string' ? q.createAt : undefined,
    })),
  };
}

function withNotes(report: Report, notes: string[]): Report {
  return notes.length ? { ...report, note: notes.join('; ') } : report;
}
