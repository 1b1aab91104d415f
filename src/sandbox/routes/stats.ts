// Statistics, S1–S3: date-range queries without paging over finished sessions (api §10).
import { parseQueryDate } from '../dates.js';
import { HttpError, fieldError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import type { SessionRec } from '../state.js';
import { moscow } from '../timezones.js';
import { reportedStart } from './events-schedule.js';
import { factsOf, personOf, summaryRow, userSessionEntry, watchedMs } from './stats-view.js';

const YEAR = 365 * 86_400_000;

export function registerStatsRoutes(router: Router): void {
  router
    .add('GET', '/stats/events', eventStats)
    .add('GET', '/stats/users/visits', userVisits)
    .add('GET', '/stats/users', userStats);
}

/** `from` (default now: "useless" but accepted, api §10) and `to` (default from + 1 year). */
function period(ctx: RouteContext): { from: number; to: number } {
  const zone = moscow().name; // INFERRED: query dates are the organisation's (Moscow) time
  const from = ctx.input.has('from')
    ? parseQueryDate(ctx.input.raw('from'), 'from', zone)
    : ctx.now;
  const to = ctx.input.has('to') ? parseQueryDate(ctx.input.raw('to'), 'to', zone) : from + YEAR;
  if (to < from) throw fieldError('to', 'must not be before from');
  return { from, to };
}

/** Periods select by the start the API reports, as the schedule list does. */
const startOf = reportedStart;

/** Finished sessions starting inside the period, oldest first. */
function finishedIn(ctx: RouteContext, filter: (s: SessionRec) => boolean = () => true) {
  const { from, to } = period(ctx);
  const eventId = ctx.input.int('eventId', { min: 1 });
  return [...ctx.state.sessions.values()]
    .filter((s) => s.status === 'STOP' && startOf(s) >= from && startOf(s) <= to)
    .filter((s) => eventId === undefined || s.eventId === eventId)
    .filter(filter)
    .sort((a, b) => startOf(a) - startOf(b) || a.id - b.id);
}

/** S1. 403 when userId is not a member; 404 when the period has no finished sessions. */
function eventStats(ctx: RouteContext): RouteResult {
  const userId = ctx.input.int('userId', { min: 1 });
  if (userId !== undefined && !ctx.state.members.has(userId)) {
    throw new HttpError(403, `User ${userId} is not a member of the organization`);
  }
  const sessions = finishedIn(ctx, (s) => userId === undefined || s.createUserId === userId);
  if (sessions.length === 0) throw notFound('Events in the period');
  return { status: 200, body: sessions.map((s) => summaryRow(factsOf(ctx.state, s))) };
}

/** S2. One item per person with an entry per registration; no-shows have no connections. */
function userStats(ctx: RouteContext): RouteResult {
  const sessions = finishedIn(ctx);
  if (sessions.length === 0) throw notFound('Events in the period'); // INFERRED, as S1
  const people = new Map<string, { eventSessions: unknown[] } & Record<string, unknown>>();
  for (const s of sessions) {
    const f = factsOf(ctx.state, s);
    for (const p of f.regs) {
      const { key, person } = personOf(ctx.state, p);
      let item = people.get(key);
      if (!item) {
        item = { ...person, eventSessions: [] };
        people.set(key, item);
      }
      item.eventSessions.push(userSessionEntry(f, p));
    }
  }
  return { status: 200, body: [...people.values()] };
}

/** S3. The person by `email` (or `contactId`): registered, not visited and visited sessions. */
function userVisits(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const contactId = input.int('contactId', { min: 1 });
  const email = contactId === undefined ? input.str('email', true)?.toLowerCase() : undefined;
  const { from, to } = period(ctx);
  const eventId = input.int('eventId', { min: 1 });
  const out = {
    registered: [] as unknown[],
    not_visited: [] as unknown[],
    visited: [] as unknown[],
  };
  // The person's registrations: by e-mail through the index; by contact id (rare) by a scan.
  const theirs =
    email !== undefined
      ? [...state.participations.where('email', email)]
      : [...state.participations.values()].filter((p) => p.contactId === contactId);
  if (theirs.length === 0)
    throw notFound(contactId !== undefined ? `Contact ${contactId}` : `Participant ${email}`);
  const sessions = [...state.sessions.values()].sort((a, b) => startOf(a) - startOf(b));
  for (const s of sessions) {
    if (startOf(s) < from || startOf(s) > to) continue;
    if (eventId !== undefined && s.eventId !== eventId) continue;
    const regs = theirs.filter(
      (p) => p.eventSessionId === s.id || (p.eventSessionId === null && p.eventId === s.eventId),
    );
    for (const p of regs) {
      const base = { id: s.id, name: s.name };
      out.registered.push({
        ...base,
        additionalFieldValues: Object.entries(p.additionalFieldValues).map(([label, value]) => ({
          label,
          value,
        })),
      });
      if (s.status !== 'STOP') continue;
      const f = factsOf(state, s);
      const a = f.records.get(p.id);
      if (!a || a.connections.length === 0) {
        out.not_visited.push({ ...base, startsAt: f.iso(f.start) });
        continue;
      }
      const entry = userSessionEntry(f, p);
      out.visited.push({
        ...base,
        startsAt: entry.startsAt,
        referrer: a.connections[0]?.referrer ?? '',
        duration: Math.round(watchedMs(a) / 1000), // INFERRED: seconds watched
        userQuestionCount: entry.userQuestionCount,
        userChatMessageCount: entry.userChatMessageCount,
        connections: entry.connections,
      });
    }
  }
  return { status: 200, body: out };
}
