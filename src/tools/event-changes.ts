// Creating and changing events and sessions (E1–E4) so that the user can trust the time: read
// what exists (its zone, its status, whether the event is one-off), plan the time in one place
// (event-time.ts), write, keep a one-off event and its session in step, read back and answer
// with the stored state and the side effects.
import { minutesOfIsoDuration } from './dates.js';
import type { Params, ToolContext } from './define.js';
import { InputError, PartialError } from './errors.js';
import { eventParams } from './event-params.js';
import { currentOf, isSeries, readEvent, readSession } from './event-read.js';
import { emailsText, seriesSummary, storedStart } from './event-result.js';
import { planEventTime, type TimeInput } from './event-time.js';
import { rows, type Row } from './rows.js';

type EventInput = TimeInput & Params & { durationMinutes?: number };

/** The body fields E3 and E4 share, which a one-off event and its session must agree on. */
const SHARED = [
  'name',
  'description',
  'lang',
  'startsAt',
  'timezone',
  'duration',
  'accessSettings',
  'password',
];

const pickShared = (params: Params) =>
  Object.fromEntries(
    Object.entries(params).filter(([k, v]) => SHARED.includes(k) && v !== undefined),
  );

async function send(ctx: ToolContext, method: 'POST' | 'PUT', path: string, params: Params) {
  const res = await ctx.client.request<Row>({ method, path, params, signal: ctx.signal });
  return res.data ?? {};
}

/** Reads back after a write that succeeded: a failed read must not turn success into an error. */
async function readBack<T>(read: () => Promise<T>): Promise<T | { readBack: string }> {
  try {
    return await read();
  } catch (err) {
    return {
      readBack: `the change was made, but reading it back failed (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

/** The only session of a one-off event that can still be edited, if any. */
function oneOffSession(event: Row): Row | undefined {
  const sessions = rows(event.eventSessions);
  const only = sessions[0];
  return !isSeries(event) && sessions.length === 1 && only?.status !== 'STOP' ? only : undefined;
}

/** E1. A series gets `isEventRegAllowed` (required for a series) true unless told otherwise. */
export async function createEvent(
  input: EventInput & { rule?: string; isEventRegAllowed?: boolean },
  ctx: ToolContext,
) {
  const { rule, isEventRegAllowed, ...rest } = input;
  if (rule && !input.endsAt)
    throw new InputError('endsAt', 'a series (rule) needs endsAt, the end of the series');
  const plan = await planEventTime(input, ctx, { past: 'refuse' });
  const params = {
    ...eventParams(rest, { accessDefaults: true }),
    ...plan.params,
    rule,
    isEventRegAllowed: rule ? (isEventRegAllowed ?? true) : isEventRegAllowed,
  };
  const created = await send(ctx, 'POST', '/events', params);
  const eventId = Number(created.eventId);
  const event = await readBack(() => readEvent(ctx, eventId));
  const stored =
    'readBack' in event
      ? event
      : await storedStart(ctx, event, 'event', plan, input.durationMinutes);
  const zone = 'timezone' in stored ? String(stored.timezone) : plan.zone.name;
  return {
    eventId,
    link: created.link,
    ...stored,
    series: 'readBack' in event ? undefined : seriesSummary(event, zone),
    notes: plan.notes,
    emails: 'none: nobody is registered yet',
    next: rule
      ? undefined
      : 'create_event_session adds its webinar session (schedule_webinar does both)',
  };
}

/** E2. The zone defaults to the event's own; a one-off event that has its session is told, not tried. */
export async function createSession(input: EventInput & { eventId: number }, ctx: ToolContext) {
  const { eventId, ...rest } = input;
  const event = await readEvent(ctx, eventId);
  const existing = rows(event.eventSessions)[0];
  if (!isSeries(event) && existing) {
    throw new InputError(
      'eventId',
      `event ${eventId} is a one-off event and already has its session ${String(existing.id)}; move it with update_event_session or update_event`,
    );
  }
  const current = await currentOf(ctx, event, 'event');
  const plan = await planEventTime(rest, ctx, {
    current: { ...current, startMs: undefined },
    past: 'refuse',
  });
  const created = await send(ctx, 'POST', `/events/${eventId}/sessions`, {
    ...eventParams(rest),
    ...plan.params,
  });
  const eventSessionId = Number(created.eventSessionId);
  const session = await readBack(() => readSession(ctx, eventSessionId));
  return {
    eventSessionId,
    eventId,
    link: created.link,
    ...('readBack' in session
      ? session
      : await storedStart(ctx, session, 'session', plan, input.durationMinutes)),
    notes: plan.notes,
    emails: 'none: nobody is registered on the new session yet',
  };
}

/**
 * E4, and E3 for a one-off event so that event and session never disagree. The time is read in
 * the session's own zone unless a zone is given.
 */
export async function updateSession(
  input: EventInput & { eventSessionId: number; startType?: string; sendEmail?: boolean },
  ctx: ToolContext,
) {
  const { eventSessionId, sendEmail, startType, ...common } = input;
  const session = await readSession(ctx, eventSessionId);
  const eventId = Number(session.eventId);
  const event = await readEvent(ctx, eventId);
  const plan = await planEventTime(common, ctx, {
    current: await currentOf(ctx, session, 'session'),
    past: 'update',
  });
  const shared = { ...eventParams(common), ...plan.params };
  const email = plan.startChanges ? (sendEmail ?? true) : sendEmail;
  await send(ctx, 'PUT', `/eventsessions/${eventSessionId}`, {
    ...shared,
    startType,
    sendEmail: email,
  });
  const sync = oneOffSession(event) && event.status === 'ACTIVE' ? pickShared(shared) : {};
  if (Object.keys(sync).length) {
    await partial(`session ${eventSessionId} was updated; its event ${eventId} was not`, () =>
      send(ctx, 'PUT', `/organization/events/${eventId}`, sync),
    );
  }
  const after = await readBack(() => readSession(ctx, eventSessionId));
  return {
    ok: true,
    eventSessionId,
    eventId,
    ...('readBack' in after
      ? after
      : await storedStart(
          ctx,
          after,
          'session',
          plan,
          input.durationMinutes ?? minutesOfIsoDuration(event.duration),
        )),
    event: Object.keys(sync).length
      ? `event ${eventId} updated too (one-off: it follows its session)`
      : undefined,
    notes: plan.notes,
    emails: emailsText(plan.startChanges, email, 'readBack' in after ? undefined : after),
  };
}

/** E3, and E4 for the session of a one-off event: rescheduling a webinar is one call. */
export async function updateEvent(
  input: EventInput & { eventId: number; finish?: boolean; sendEmail?: boolean },
  ctx: ToolContext,
) {
  const { eventId, finish, sendEmail, ...common } = input;
  const event = await readEvent(ctx, eventId);
  const plan = await planEventTime(common, ctx, {
    current: await currentOf(ctx, event, 'event'),
    past: 'update',
  });
  const shared = { ...eventParams(common), ...plan.params };
  await send(ctx, 'PUT', `/organization/events/${eventId}`, {
    ...shared,
    status: finish ? 'STOP' : undefined,
  });
  const session = finish ? undefined : oneOffSession(event);
  const sync = session ? pickShared(shared) : {};
  const email = plan.startChanges ? (sendEmail ?? true) : sendEmail;
  if (session && Object.keys(sync).length) {
    await partial(`event ${eventId} was updated; its session ${String(session.id)} was not`, () =>
      send(ctx, 'PUT', `/eventsessions/${String(session.id)}`, { ...sync, sendEmail: email }),
    );
  }
  const after = await readBack(() => readEvent(ctx, eventId));
  if ('readBack' in after) return { ok: true, eventId, ...after, notes: plan.notes };
  const stored = await storedStart(ctx, after, 'event', plan, input.durationMinutes);
  const synced = Object.keys(sync).length ? rows(after.eventSessions)[0] : undefined;
  return {
    ok: true,
    eventId,
    ...stored,
    eventSessionId: synced?.id,
    session: synced
      ? `session ${String(synced.id)} updated too (one-off: it follows its event)`
      : undefined,
    series: seriesSummary(after, stored.timezone),
    notes: plan.notes,
    emails: synced
      ? emailsText(plan.startChanges, email, synced)
      : isSeries(event) && plan.startChanges
        ? 'none: the sessions of a series keep their own times and e-mails (update_event_session)'
        : emailsText(false, undefined),
  };
}

async function partial<T>(done: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new PartialError(done, err);
  }
}
