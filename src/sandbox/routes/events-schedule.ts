// E7/E8 schedule lists: filters, paging, and the string-typed item shape.
import { fieldError, notFound } from '../errors.js';
import { parseQueryDate } from '../dates.js';
import type { RouteContext, RouteResult } from '../router.js';
import type { EventRec, SessionRec, Status } from '../state.js';
import { moscow } from '../timezones.js';
import { accessCode, readAccess } from './events-input.js';
import { scheduleItem, sessionsOf } from './events-view.js';

const STATUSES = ['ACTIVE', 'START', 'STOP'] as const satisfies readonly Status[];
const PER_PAGE = [10, 50, 100, 250];

/** E8: like E7, limited to events owned by one organisation member. */
export function listMemberSchedule(ctx: RouteContext): RouteResult {
  const userId = Number(ctx.params.userId);
  if (!ctx.state.members.has(userId)) throw notFound(`Organization member ${userId}`);
  return listSchedule(ctx, userId);
}

/**
 * The start a period selects by, here and in the statistics (S1–S3): the `startsAt` the API
 * reports for a session, which is the actual start once it has begun (the fixture's
 * `startsAt` 19:54:41 beside `estimatedAt` 19:54:00) and the planned one before. INFERRED: the
 * reference calls `from`/`to` the period's start and end without naming the field; reading them
 * against the start each answer shows makes a list and a report of one period agree.
 */
export const reportedStart = (s: SessionRec) => s.startedAt ?? s.startsAt;

/**
 * E7/E8. Sessions are filtered by their reported start (`from`/`to`, Moscow wall clock when no
 * offset is given) and `status[]`; an event is listed when a session matches (an event without
 * sessions: when its own start and status match). `name`: case-insensitive substring, ё and е
 * distinct (INFERRED: nothing public says the API folds them; the client must not rely on it).
 */
export function listSchedule({ state, input }: RouteContext, ownerId?: number): RouteResult {
  const zone = moscow().name;
  const from = input.has('from') ? parseQueryDate(input.raw('from'), 'from', zone) : null;
  const to = input.has('to') ? parseQueryDate(input.raw('to'), 'to', zone) : null;
  if (from !== null && to !== null && to < from) throw fieldError('to', 'must not be before from');
  const name = input.str('name')?.toLowerCase();
  const statuses = input.strList('status');
  statuses?.forEach((st, i) => {
    if (!(STATUSES as readonly string[]).includes(st)) {
      throw fieldError(`status[${i}]`, `must be one of ${STATUSES.join(', ')}`);
    }
  });
  const access = input.int('access');
  const accessFilter = input.has('accessSettings') ? readAccess(input) : undefined;
  const page = input.int('page', { min: 1 }) ?? 1;
  const perPage = input.int('perPage') ?? 50; // INFERRED default, as for other paged lists
  if (!PER_PAGE.includes(perPage))
    throw fieldError('perPage', `must be one of ${PER_PAGE.join(', ')}`);

  const inRange = (ms: number) => (from === null || ms >= from) && (to === null || ms <= to);
  const statusOk = (st: Status) => !statuses || statuses.includes(st);
  const accessSent = input.obj('accessSettings');
  const rows: Array<{ ev: EventRec; sessions: SessionRec[]; key: number }> = [];
  for (const ev of state.events.values()) {
    if (ev.deleted || (ownerId !== undefined && ev.ownerId !== ownerId)) continue;
    if (name && !ev.name.toLowerCase().includes(name)) continue;
    if (access !== undefined && accessCode(ev.accessSettings) !== access) continue;
    if (accessFilter && accessSent) {
      const keys = Object.keys(accessSent.data) as Array<keyof typeof accessFilter>;
      if (keys.some((k) => k in accessFilter && ev.accessSettings[k] !== accessFilter[k])) continue;
    }
    const all = sessionsOf(state, ev.id);
    const sessions = all.filter((s) => inRange(reportedStart(s)) && statusOk(s.status));
    const listed =
      all.length > 0 ? sessions.length > 0 : inRange(ev.startsAt) && statusOk(ev.status);
    const first = sessions[0];
    if (listed) rows.push({ ev, sessions, key: first ? reportedStart(first) : ev.startsAt });
  }
  rows.sort((a, b) => a.key - b.key || a.ev.id - b.ev.id);
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body: slice.map((r) => scheduleItem(state, r.ev, r.sessions)) };
}
