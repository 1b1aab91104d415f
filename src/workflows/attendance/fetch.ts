// Collects what the attendance report needs through the API: the scope's sessions (S1), every
// participant's activity (S2, one call: the API has no paging there), the questions of the
// sessions (Q1) and, where a test ran, its results (F5 + T9). Per-session calls cover the
// latest MAX_QUESTION_SESSIONS sessions.
import { ApiError } from '../../api/errors.js';
import { instantMs, toApiQueryDateTime } from '../../tools/dates.js';
import type { ToolContext } from '../../tools/define.js';
import { InputError } from '../../tools/errors.js';
import { rows, type Row } from '../../tools/rows.js';
import type { Collected } from './compute.js';
import type { Report } from './schema.js';

const DAY = 86_400_000;
/** Questions are fetched per session: the most recent ones only, so a long period stays quick. */
const MAX_QUESTION_SESSIONS = 10;

export interface ScopeInput {
  eventSessionId?: number;
  eventId?: number;
  from?: string;
  to?: string;
}

const query = (ms: number) => toApiQueryDateTime(new Date(ms).toISOString());
/**
 * The API writes offsets (`+0300`); a date-time without one falls back to Date.parse (the
 * server's local zone, a few hours off at most, which the day-wide query windows below absorb).
 * NaN for a missing or unreadable date (Number.isFinite drops it).
 */
const msOf = (v: unknown) => instantMs(v) ?? (typeof v === 'string' ? Date.parse(v) : NaN);

async function get(ctx: ToolContext, path: string, params: Row): Promise<unknown> {
  const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
  return res.data;
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
  scope: Report['scope'];
  params: Row;
  /** Keeps only the S1 rows that belong to the scope. */
  keep: (row: Row) => boolean;
  note?: string;
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
    const note =
      s.status === 'STOP'
        ? undefined
        : `session ${id} has not finished (status ${String(s.status)}): statistics exist only for finished sessions`;
    return {
      scope,
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
    if (starts.length === 0) {
      return { scope, params: {}, keep: () => false, note: `event ${eventId} has no sessions` };
    }
    return {
      scope,
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

export async function collect(input: ScopeInput, ctx: ToolContext): Promise<Collected> {
  const notes: string[] = [];
  const w = await windowFor(input, ctx);
  const empty = { scope: w.scope, sessions: [], people: [], questions: new Map(), notes };
  if (w.note) return { ...empty, notes: [w.note] };
  await ctx.progress(1, 4, 'session statistics');
  const sessions = (await sessionStats(ctx, w.params)).filter(w.keep);
  if (sessions.length === 0) {
    notes.push('no finished sessions in this scope: statistics appear once a session has ended');
    return empty;
  }
  await ctx.progress(2, 4, 'participant statistics');
  const people = rows(await get(ctx, '/stats/users', w.params));
  await ctx.progress(3, 4, 'questions');
  const recent = sessions.slice(-MAX_QUESTION_SESSIONS);
  if (recent.length < sessions.length) {
    notes.push(`test results cover the latest ${recent.length} sessions`);
  }
  const questions = new Map<number, Row[]>();
  for (const s of recent) {
    const id = Number(s.id);
    questions.set(
      id,
      rows(await get(ctx, '/eventsessions/{eventSessionId}/questions', { eventSessionId: id })),
    );
  }
  await ctx.progress(4, 4, 'test results');
  const tests = await testResults(ctx, recent);
  return { scope: w.scope, sessions, people, questions, tests, notes };
}

/**
 * Pass rates of the tests that ran in the sessions: test ids from each session's attached files
 * (F5, typeFile test), results from T9 restricted to that session (usersCount, passedCount).
 */
async function testResults(ctx: ToolContext, sessions: Row[]): Promise<Report['tests']> {
  const totals = new Map<number, { name?: string; usersCount: number; passedCount: number }>();
  for (const s of sessions) {
    const eventSessionId = Number(s.id);
    const files = rows(await get(ctx, '/eventsessions/{eventSessionId}/files', { eventSessionId }));
    const tests = files.map((r) => (r.file ?? {}) as Row).filter((f) => f.typeFile === 'test');
    const at = msOf(s.startsAt);
    for (const test of tests) {
      const testId = Number(test.id);
      const runs = rows(
        await get(ctx, '/tests/{testId}/results', {
          testId,
          eventSessionId,
          // T9 defaults to the last 6 months; the session's own days cover older sessions.
          startTime: Number.isFinite(at) ? query(at - DAY) : undefined,
          endTime: Number.isFinite(at) ? query(at + 2 * DAY) : undefined,
        }),
      );
      const t = totals.get(testId) ?? {
        name: String(test.name ?? ''),
        usersCount: 0,
        passedCount: 0,
      };
      for (const run of runs) {
        t.usersCount += Number(run.usersCount) || 0;
        t.passedCount += Number(run.passedCount) || 0;
      }
      totals.set(testId, t);
    }
  }
  const results = [...totals]
    .filter(([, t]) => t.usersCount > 0)
    .map(([testId, t]) => ({
      testId,
      name: t.name || undefined,
      usersCount: t.usersCount,
      passedCount: t.passedCount,
      passPercent: Math.round((1000 * t.passedCount) / t.usersCount) / 10,
    }));
  return results.length ? { results } : undefined;
}
