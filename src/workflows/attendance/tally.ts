// Folds S2 people into the report's figures one person at a time, as the answer streams in
// (fetch.ts): nothing here keeps a person after add() returns, except the few the report names
// (bounded lists) and one number per attended registration (for the median watch time).
import { instantMs } from '../../tools/dates.js';
import { connectionsOf, rows, watchedSeconds, type Row } from '../../tools/rows.js';
import { untrustedName } from '../../tools/untrusted.js';

const MAX_CURVE_MINUTES = 24 * 60;

export interface TallyOptions {
  topParticipants: number;
  noShowNames: number;
  attendees: number;
  /** More than one session in scope: no-shows name the sessions they missed. */
  multiSession: boolean;
}

export interface SessionInfo {
  id: number;
  /** Start as the statistics give it (wall clock with offset). */
  startsAt?: string;
  startMs?: number;
  durationSeconds: number;
}

interface Person {
  userId?: number;
  name?: string;
  email?: string;
}

export interface Engaged extends Person {
  watchSeconds: number;
  questions: number;
  chat: number;
  involvement: number;
}

interface NoShow extends Person {
  /** Sessions this person registered for and missed (only when the scope has several). */
  missed?: number[];
}

interface Attendee extends Person {
  watchSeconds: number;
  sessions: number;
}

/** Per-session figures the people stream gives (the per-session counts come from S1). */
interface SessionTally {
  /** People online at each minute since the session's start. */
  online: number[];
  peak: number;
  peakMinute: number;
  chat: number;
  questions: number;
}

export interface TallyResult {
  people: { registered: number; attended: number; noShows: number };
  registrations: { total: number; attended: number };
  watchSeconds: Float64Array;
  joinedLateMinutes: number[];
  stayedToEnd: number;
  platforms: Map<string, number>;
  countries: Map<string, number>;
  topParticipants: Engaged[];
  noShows: NoShow[];
  attendees: Attendee[];
  sessions: Map<number, SessionTally>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Most engaged first: involvement, then watch time, then the lower user id. */
const engagedOrder = (a: Engaged, b: Engaged) =>
  b.involvement - a.involvement ||
  b.watchSeconds - a.watchSeconds ||
  (a.userId ?? 0) - (b.userId ?? 0);

export class Tally {
  private readonly curves = new Map<number, Int32Array>();
  private readonly curveEnds = new Map<number, number>();
  private readonly chat = new Map<number, number>();
  private readonly questions = new Map<number, number>();
  private watch = new Float64Array(1024);
  private watchCount = 0;
  private readonly r: Omit<TallyResult, 'watchSeconds' | 'sessions'> = {
    people: { registered: 0, attended: 0, noShows: 0 },
    registrations: { total: 0, attended: 0 },
    joinedLateMinutes: [],
    stayedToEnd: 0,
    platforms: new Map(),
    countries: new Map(),
    topParticipants: [],
    noShows: [],
    attendees: [],
  };

  constructor(
    private readonly inScope: Map<number, SessionInfo>,
    private readonly opts: TallyOptions,
  ) {}

  add(p: Row): void {
    const person: Person = {
      userId: typeof p.id === 'number' ? p.id : undefined,
      name: untrustedName(p.name, p.secondName),
      email: text(p.email),
    };
    const missed: number[] = [];
    let attendedSessions = 0;
    let watch = 0;
    let questions = 0;
    let chat = 0;
    let involvement = 0;
    for (const e of rows(p.eventSessions)) {
      const session = this.inScope.get(num(e.id));
      if (!session) continue;
      this.r.registrations.total += 1;
      // The session's totals repeat on every person's entry: keep the largest seen.
      this.chat.set(session.id, Math.max(this.chat.get(session.id) ?? 0, num(e.chatMessageCount)));
      this.questions.set(
        session.id,
        Math.max(this.questions.get(session.id) ?? 0, num(e.questionCount)),
      );
      const conns = connectionsOf(e);
      if (conns.length === 0) {
        missed.push(session.id);
        continue;
      }
      this.r.registrations.attended += 1;
      attendedSessions += 1;
      const seconds = watchedSeconds(e);
      this.pushWatch(seconds);
      watch += seconds;
      questions += num(e.userQuestionCount);
      chat += num(e.userChatMessageCount);
      involvement += num(e.actualInvolvement);
      this.connections(session, e, conns);
    }
    if (attendedSessions === 0 && missed.length === 0) return; // not registered in scope
    this.r.people.registered += 1;
    if (attendedSessions === 0) {
      // Came to none of their sessions: a no-show person (never among the most engaged).
      this.r.people.noShows += 1;
      if (this.r.noShows.length < this.opts.noShowNames) {
        this.r.noShows.push({ ...person, missed: this.opts.multiSession ? missed : undefined });
      }
      return;
    }
    this.r.people.attended += 1;
    if (this.r.attendees.length < this.opts.attendees) {
      this.r.attendees.push({ ...person, watchSeconds: watch, sessions: attendedSessions });
    }
    this.offerEngaged({
      ...person,
      watchSeconds: watch,
      questions,
      chat,
      involvement: Math.round((10 * involvement) / attendedSessions) / 10,
    });
  }

  result(): TallyResult {
    const sessions = new Map<number, SessionTally>();
    for (const id of this.inScope.keys()) {
      const online: number[] = [];
      const curve = this.curves.get(id);
      const end = this.curveEnds.get(id) ?? 0;
      for (let m = 0, level = 0; curve && m < end; m += 1) {
        level += curve[m] ?? 0;
        online.push(level);
      }
      const peak = online.reduce((best, v) => Math.max(best, v), 0);
      sessions.set(id, {
        online,
        peak,
        peakMinute: online.indexOf(peak),
        chat: this.chat.get(id) ?? 0,
        questions: this.questions.get(id) ?? 0,
      });
    }
    return {
      ...this.r,
      watchSeconds: this.watch.slice(0, this.watchCount).sort(),
      sessions,
    };
  }

  private pushWatch(seconds: number): void {
    if (this.watchCount === this.watch.length) {
      const bigger = new Float64Array(this.watch.length * 2);
      bigger.set(this.watch);
      this.watch = bigger;
    }
    this.watch[this.watchCount++] = seconds;
  }

  /** Keeps the top N only (a sorted array of at most N: N is 50 at most). */
  private offerEngaged(e: Engaged): void {
    const top = this.r.topParticipants;
    const n = this.opts.topParticipants;
    if (n === 0) return;
    if (top.length === n && engagedOrder(e, top[n - 1]!) >= 0) return;
    let i = top.length;
    while (i > 0 && engagedOrder(e, top[i - 1]!) < 0) i -= 1;
    top.splice(i, 0, e);
    if (top.length > n) top.pop();
  }

  private connections(session: SessionInfo, e: Row, conns: Row[]): void {
    const first = conns[0]!;
    const platform = String(first.platform ?? 'unknown');
    const country = String(first.country || 'unknown');
    this.r.platforms.set(platform, (this.r.platforms.get(platform) ?? 0) + 1);
    this.r.countries.set(country, (this.r.countries.get(country) ?? 0) + 1);
    const start = session.startMs;
    if (start === undefined) return;
    const end = start + num(e.duration || session.durationSeconds) * 1000;
    const firstJoin = instantMs(first.joined);
    if (firstJoin !== undefined) {
      this.r.joinedLateMinutes.push(Math.max(0, (firstJoin - start) / 60_000));
    }
    const lastLeave = instantMs(conns[conns.length - 1]!.leaved);
    if (lastLeave !== undefined && lastLeave >= end - 60_000) this.r.stayedToEnd += 1;
    let curve = this.curves.get(session.id);
    if (!curve) {
      curve = new Int32Array(MAX_CURVE_MINUTES + 1);
      this.curves.set(session.id, curve);
    }
    for (const conn of conns) {
      const j = instantMs(conn.joined);
      const l = instantMs(conn.leaved);
      if (j === undefined || l === undefined) continue;
      // Online at minute m when joined <= start + m < leaved (a sample at each whole minute).
      const from = Math.max(0, Math.ceil((j - start) / 60_000));
      const to = Math.min(MAX_CURVE_MINUTES, Math.ceil((l - start) / 60_000));
      if (to <= from) continue;
      curve[from] = (curve[from] ?? 0) + 1;
      curve[to] = (curve[to] ?? 0) - 1;
      this.curveEnds.set(session.id, Math.max(this.curveEnds.get(session.id) ?? 0, to));
    }
  }
}
