// Collects what the attendance report needs through the API: the scope's sessions (S1), every
// participant's activity (S2, one call: the API has no paging there, so the answer is streamed
// and folded person by person into a Tally, never held whole), the questions of the sessions
// (Q1) and, where a test or poll ran, its results (F5 + T4 + T9). Per-session calls cover the
// latest MAX_QUESTION_SESSIONS sessions.
import { ApiError } from '../../api/errors.js';
import type { ToolContext } from '../../tools/define.js';
import { toApiQueryDateTime } from '../../tools/dates.js';
import { InputError } from '../../tools/errors.js';
import { rows, type Row } from '../../tools/rows.js';
import type { Collected } from './compute.js';
import { testResults } from './polls.js';
import type { Note } from './notes.js';
import { DAY, get, msOf, query } from './requests.js';
import type { Lang, Scope } from './schema.js';
import { Tally, type SessionInfo, type TallyOptions } from './tally.js';

/** Questions are fetched per session: the most recent ones only, so a long period stays quick. */
const MAX_QUESTION_SESSIONS = 10;

export interface ScopeInput {
  eventSessionId?: number;
  eventId?: number;
  from?: string;
  to?: string;
  lang?: Lang;
}

export interface CollectOptions extends Omit<TallyOptions, 'multiSession'> {
  /** Another consumer of the people stream (an export's rows); called at each attempt. */
  alsoEach?: (sessions: Map<number, SessionInfo>) => (person: Row) => void;
  /** Skip questions, polls and tests (an export of rows needs none of them). */
  peopleOnly?: boolean;
}

/** S1 rows, or none when the API says the period has no finished sessions (404). */
async function sessionStats(ctx: ToolContext, params: Row): Promise<Row[]> {
  try {
    return rows(await get(ctx, '/stats/events', params));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

interface Window {
  scope: Scope;
  /** The event's language (E9/E10 `lang`), when the scope has one event. */
  lang?: Lang;
  params: Row;
  /** Keeps only the S1 rows that belong to the scope. */
  keep: (row: Row) => boolean;
  note?: Note;
}

/** Turns session / event / period into one S1/S2 query window. */
async function windowFor(input: ScopeInput, ctx: ToolContext): Promise<Window> {
  const chosen = [input.eventSessionId, input.eventId, input.from].filter((x) => x !== undefined);
  if (chosen.length !== 1) {
    throw new InputError('eventSessionId', 'give exactly one of eventSessionId, eventId or from');
  }
  if (input.to !== undefined && input.from === undefined) {
    throw new InputError('to', 'to only goes with from (a period)');
  }
  if (input.eventSessionId !== undefined) {
    const id = input.eventSessionId;
    const s = (await get(ctx, '/eventsessions/{eventSessionId}', { eventSessionId: id })) as Row;
    const at = msOf(s.startsAt);
    if (!Number.isFinite(at)) {
      throw new InputError(
        'eventSessionId',
        `the API gave session ${id} no readable start time (${String(s.startsAt)}); report on a period with from/to instead`,
      );
    }
    const scope = {
      kind: 'session' as const,
      eventSessionId: id,
      eventId: Number(s.eventId),
      title: String(s.name ?? ''),
    };
    const lang = langOf(s.lang);
    const note: Note | undefined =
      s.status === 'STOP'
        ? undefined
        : { key: 'notFinished', params: { id, status: String(s.status) } };
    return {
      scope,
      lang,
      params: { from: query(at - DAY), to: query(at + DAY), eventId: s.eventId },
      keep: (row) => row.id === id,
      note,
    };
  }
  if (input.eventId !== undefined) {
    const eventId = input.eventId;
    const ev = (await get(ctx, '/organization/events/{eventId}', { eventId })) as Row;
    const starts = rows(ev.eventSessions)
      .map((s) => msOf(s.startsAt))
      .filter(Number.isFinite);
    const scope = { kind: 'event' as const, eventId, title: String(ev.name ?? '') };
    const lang = langOf(ev.lang);
    if (starts.length === 0) {
      return {
        scope,
        lang,
        params: {},
        keep: () => false,
        note: { key: 'noSessions', params: { id: eventId } },
      };
    }
    return {
      scope,
      lang,
      params: {
        from: query(Math.min(...starts) - DAY),
        to: query(Math.max(...starts) + DAY),
        eventId,
      },
      keep: (row) => row.eventId === eventId,
    };
  }
  const from = toApiQueryDateTime(input.from as string);
  const to = input.to ? toApiQueryDateTime(input.to, 'end') : undefined;
  return {
    scope: { kind: 'period', from: input.from, to: input.to },
    params: { from, to },
    keep: () => true,
  };
}

/** The last finished session in the 90 days before a period (one more S1 request), if any. */
async function latestBefore(ctx: ToolContext, period: Row) {
  const start = msOf(period.from);
  if (!Number.isFinite(start)) return undefined;
  const last = (await sessionStats(ctx, { from: query(start - 90 * DAY), to: period.from })).at(-1);
  if (!last) return undefined;
  return { name: String(last.name ?? ''), at: String(last.startsAt ?? ''), id: Number(last.id) };
}

const langOf = (v: unknown): Lang | undefined =>
  v === 'RU' ? 'ru' : v === 'EN' ? 'en' : undefined;

/** S1's start of a session (wall clock with offset) as the tally reads it. */
function sessionInfo(s: Row): SessionInfo {
  const startsAt = typeof s.startsAt === 'string' ? s.startsAt : undefined;
  const at = msOf(startsAt);
  return {
    id: Number(s.id),
    startsAt,
    startMs: Number.isFinite(at) ? at : undefined,
    durationSeconds: Number(s.duration) || 0,
  };
}

/** A period's language: that of the latest session's event (one call), else Russian. */
async function periodLang(ctx: ToolContext, sessions: Row[]): Promise<Lang> {
  const last = sessions[sessions.length - 1];
  if (!last) return 'ru';
  const s = (await get(ctx, '/eventsessions/{eventSessionId}', {
    eventSessionId: Number(last.id),
  }).catch(() => ({}))) as Row;
  return langOf(s.lang) ?? 'ru';
}

export async function collect(
  input: ScopeInput,
  ctx: ToolContext,
  opts: CollectOptions,
): Promise<Collected> {
  const notes: Note[] = [];
  const w = await windowFor(input, ctx);
  const lang = input.lang ?? w.lang ?? 'ru';
  const empty = { scope: w.scope, lang, sessions: [], questions: new Map(), notes };
  if (w.note) return { ...empty, notes: [w.note] };
  await ctx.progress(1, 4, 'session statistics');
  const sessions = (await sessionStats(ctx, w.params)).filter(w.keep);
  if (sessions.length === 0) {
    notes.push({ key: 'noFinished' });
    // "How did yesterday's webinar go?" on a day without one: name the one before it.
    const before = w.scope.kind === 'period' ? await latestBefore(ctx, w.params) : undefined;
    if (before) notes.push({ key: 'latestBefore', params: before });
    return empty;
  }
  const inScope = new Map(sessions.map((s) => [Number(s.id), sessionInfo(s)]));
  await ctx.progress(2, 4, 'participant statistics');
  let tally: Tally | undefined;
  await ctx.client.streamArray(
    { method: 'GET', path: '/stats/users', params: w.params, signal: ctx.signal },
    () => {
      // A fresh tally (and export sink) at each attempt: a retried answer is not counted twice.
      const current = new Tally(inScope, { ...opts, multiSession: sessions.length > 1 });
      tally = current;
      const also = opts.alsoEach?.(inScope);
      return (person) => {
        if (!person || typeof person !== 'object') return;
        current.add(person as Row);
        also?.(person as Row);
      };
    },
  );
  const base = {
    scope: w.scope,
    lang: input.lang ?? w.lang ?? (await periodLang(ctx, sessions)),
    sessions,
    tally: tally?.result(),
    questions: new Map<number, Row[]>(),
    notes,
  };
  if (opts.peopleOnly) return base;
  await ctx.progress(3, 4, 'questions');
  const recent = sessions.slice(-MAX_QUESTION_SESSIONS);
  if (recent.length < sessions.length) {
    notes.push({ key: 'latestQuestions', params: { n: recent.length, total: sessions.length } });
  }
  for (const s of recent) {
    const id = Number(s.id);
    base.questions.set(
      id,
      rows(await get(ctx, '/eventsessions/{eventSessionId}/questions', { eventSessionId: id })),
    );
  }
  await ctx.progress(4, 4, 'polls and tests');
  return { ...base, ...(await testResults(ctx, recent)) };
}
