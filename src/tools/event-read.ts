// Reading an event (E9) or session (E10) before and after a change: its zone, planned start,
// status and kind, and the event/session id mix-up told with the right id.
import { ApiError } from '../api/errors.js';
import { instantMs } from './dates.js';
import type { ToolContext } from './define.js';
import { InputError } from './errors.js';
import type { Current } from './event-time.js';
import { rows, type Row } from './rows.js';
import { isoIn, wallClockIn, wallText } from './zone-math.js';

/** What the API reports as the rule of a one-off event. */
export const ONE_OFF_RULE = 'FREQ=DAILY;COUNT=1';

export const isSeries = (event: Row) =>
  typeof event.rule === 'string' && event.rule !== '' && event.rule.toUpperCase() !== ONE_OFF_RULE;

const get = async (ctx: ToolContext, path: string) =>
  (await ctx.client.request<Row>({ method: 'GET', path, signal: ctx.signal })).data ?? {};

/** E9; a 404 on a number that is a session id says so, with its event id. */
export async function readEvent(ctx: ToolContext, eventId: number): Promise<Row> {
  try {
    return await get(ctx, `/organization/events/${eventId}`);
  } catch (err) {
    throw (await mixUp(err, ctx, 'eventId', eventId)) ?? err;
  }
}

/** E10; a 404 on a number that is an event id says so, with its session id(s). */
export async function readSession(ctx: ToolContext, eventSessionId: number): Promise<Row> {
  try {
    return await get(ctx, `/eventsessions/${eventSessionId}`);
  } catch (err) {
    throw (await mixUp(err, ctx, 'eventSessionId', eventSessionId)) ?? err;
  }
}

/**
 * After a 404: is the number the other kind of id? Then an InputError naming the argument and
 * the id to use instead; otherwise undefined (the 404 stands).
 */
async function mixUp(
  err: unknown,
  ctx: ToolContext,
  field: 'eventId' | 'eventSessionId',
  id: number,
): Promise<InputError | undefined> {
  if (!(err instanceof ApiError) || err.status !== 404) return undefined;
  try {
    if (field === 'eventId') {
      const session = await get(ctx, `/eventsessions/${id}`);
      return new InputError(
        field,
        `${id} is a session id, not an event id; its event is ${String(session.eventId)}: use eventId ${String(session.eventId)}`,
      );
    }
    const event = await get(ctx, `/organization/events/${id}`);
    const sessions = rows(event.eventSessions).map((s) => Number(s.id));
    const which =
      sessions.length === 0
        ? 'it has no session yet (create_event_session adds one)'
        : sessions.length === 1
          ? `its session is ${sessions[0]}: use eventSessionId ${sessions[0]}`
          : `its sessions are ${sessions.slice(0, 5).join(', ')}${sessions.length > 5 ? ', …' : ''} (list_events shows their times)`;
    const kind = isSeries(event) ? 'a series' : 'a one-off event';
    return new InputError(field, `${id} is an event id (${kind}), not a session id; ${which}`);
  } catch {
    return undefined;
  }
}

/**
 * Does this event or session id exist? `true`, `false`, or the InputError of a mix-up (the
 * number is the other kind of id, with the one to use). Used to find the wrong argument of a 404.
 */
export async function checkEventId(
  ctx: ToolContext,
  field: 'eventId' | 'eventSessionId',
  id: number,
): Promise<boolean | InputError> {
  try {
    await (field === 'eventId' ? readEvent(ctx, id) : readSession(ctx, id));
    return true;
  } catch (err) {
    if (err instanceof InputError) return err;
    if (err instanceof ApiError && err.status === 404) return false;
    throw err;
  }
}

/** The planned start of an event or session as an instant (a live session's `startsAt` is its actual start). */
export const plannedStartMs = (view: Row): number | undefined =>
  instantMs(view.estimatedAt) ??
  (typeof view.utcStartsAt === 'number' || typeof view.utcStartsAt === 'string'
    ? Number(view.utcStartsAt) * 1000 || undefined
    : undefined) ??
  instantMs(view.startsAt);

/** The zone, start and status of what a change applies to. */
export async function currentOf(
  ctx: ToolContext,
  view: Row,
  kind: Current['kind'],
): Promise<Current> {
  const zoneId = Number(view.timezoneId);
  const named = await ctx.timezones.nameFor(zoneId, ctx.signal);
  const zoneName =
    typeof named === 'string' ? named : typeof view.timezone === 'string' ? view.timezone : 'UTC';
  return {
    kind,
    zoneId,
    zoneName,
    startMs: plannedStartMs(view),
    status: typeof view.status === 'string' ? view.status : undefined,
  };
}

/** A stored start, as the result states it: clock time in its zone, and UTC. */
export function startText(ms: number | undefined, zone: string) {
  if (ms === undefined) return {};
  return { startsAt: isoIn(ms, zone), utc: isoIn(ms, 'UTC') };
}

/** `2027-06-01 10:00` in a zone (for notes). */
export const clock = (ms: number, zone: string) => wallText(wallClockIn(ms, zone));
