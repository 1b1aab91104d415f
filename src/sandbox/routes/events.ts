// Events area, E1–E14 with the E3a/E10a aliases: events (templates/series) and their sessions,
// the ACTIVE → START → STOP state machine, and the schedule lists.
import { simulateStoppedSession } from '../activity.js';
import { HttpError, conflict, fieldError, notFound } from '../errors.js';
import { utcToWall, wallToUtc } from '../dates.js';
import type { Input } from '../params.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { expandRule, parseRule } from '../rrule.js';
import {
  nextId,
  type CommonSettings,
  type EventRec,
  type EventType,
  type SandboxState,
  type SessionRec,
  type StartType,
} from '../state.js';
import { moscow, timezoneById, timezoneList } from '../timezones.js';
import {
  checkOwner,
  readCommon,
  readDuration,
  readTimezone,
  readWallClock,
  readWallTime,
  rezone,
} from './events-input.js';
import { listMemberSchedule, listSchedule } from './events-schedule.js';
import {
  eventLink,
  eventView,
  sessionLink,
  sessionView,
  sessionsOf,
  tzName,
} from './events-view.js';

const EVENT_TYPES = ['webinar', 'meeting', 'training'] as const satisfies readonly EventType[];
const START_TYPES = ['manual', 'autostart', 'autowebinar'] as const satisfies readonly StartType[];
const SINGLE_RULE = 'FREQ=DAILY;COUNT=1';
const NO_CONTENT: RouteResult = { status: 204 };

export function registerEventRoutes(router: Router): void {
  router
    .add('POST', '/events', createEvent)
    .add('POST', '/events/{eventId}/sessions', createSession)
    .add('PUT', '/events/{eventId}', updateEvent) // E3a alias (SEEN ONCE)
    .add('GET', '/organization/events/schedule', (ctx) => listSchedule(ctx))
    .add('GET', '/organization/events/{eventId}', getEvent)
    .add('PUT', '/organization/events/{eventId}', updateEvent)
    .add('DELETE', '/organization/events/{eventId}', deleteEvent)
    .add('PUT', '/organization/events/{eventId}/move', moveEvent)
    .add('GET', '/users/{userId}/events/schedule', listMemberSchedule)
    .add('GET', '/eventsessions/{eventSessionId}', getSession)
    .add('GET', '/organization/eventsessions/{eventSessionId}', getSession) // E10a alias
    .add('PUT', '/eventsessions/{eventSessionId}', updateSession)
    .add('DELETE', '/eventsessions/{eventSessionId}', deleteSession)
    .add('PUT', '/eventsessions/{eventSessionId}/start', startSession)
    .add('PUT', '/eventsessions/{eventSessionId}/stop', stopSession)
    .add('GET', '/timezones', (ctx) => ({ status: 200, body: timezoneList(ctx.now) }));
}

export function findEvent(state: SandboxState, id: number): EventRec {
  const ev = state.events.get(id);
  if (!ev || ev.deleted) throw notFound(`Event ${id}`);
  return ev;
}

export function findSession(state: SandboxState, id: number): SessionRec {
  const s = state.sessions.get(id);
  if (!s) throw notFound(`Event session ${id}`);
  return s;
}

const param = (ctx: RouteContext, name: string) => Number(ctx.params[name]);

/** A non-series event mirrors its one session's status (INFERRED; fixtures show STOP events). */
function syncSingleEvent(state: SandboxState, s: SessionRec): void {
  const ev = state.events.get(s.eventId);
  if (!ev || ev.isSeries) return;
  ev.status = s.status;
  if (s.status === 'STOP') ev.endsAt = s.stoppedAt;
}

/** A new session copies the event's settings; `overrides` wins (E2 INFERRED inheritance). */
export function addSession(
  state: SandboxState,
  ev: EventRec,
  startsAt: number,
  now: number,
  overrides: Partial<CommonSettings> & { timezoneId?: number; startType?: StartType } = {},
): SessionRec {
  const s: SessionRec = {
    id: nextId(state, 'session'),
    eventId: ev.id,
    name: ev.name,
    description: ev.description,
    accessSettings: { ...ev.accessSettings },
    password: ev.password,
    timezoneId: ev.timezoneId,
    lang: ev.lang,
    image: ev.image,
    lectorIds: [...ev.lectorIds],
    tags: [...ev.tags],
    additionalFields: ev.additionalFields.map((f) => ({ ...f })),
    startType: 'manual',
    ...overrides,
    status: 'ACTIVE',
    startsAt,
    startedAt: null,
    stoppedAt: null,
    createUserId: ev.ownerId,
    createdAt: now,
  };
  state.sessions.set(s.id, s);
  return s;
}

function readUrlAlias(input: Input, state: SandboxState, selfId?: number): string | undefined {
  const alias = input.str('urlAlias');
  if (alias === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(alias)) {
    throw fieldError('urlAlias', 'use 1-64 latin letters, digits, "-" or "_"');
  }
  for (const ev of state.events.values()) {
    // INFERRED: aliases are unique in the organisation (they replace the id in the link).
    if (!ev.deleted && ev.id !== selfId && ev.urlAlias === alias) {
      throw fieldError('urlAlias', 'already used by another event');
    }
  }
  return alias;
}

/**
 * E1. With a series `rule`, every occurrence up to `endsAt` (and the rule's own COUNT/UNTIL) is
 * created as a session; no cap is documented (see MAX_SERIES_SESSIONS).
 */
function createEvent({ state, input, now }: RouteContext): RouteResult {
  const name = input.str('name', true) as string;
  const tz = readTimezone(input) ?? moscow();
  const salt = String(state.seq.event + 1);
  const common = readCommon(input, state, salt);
  const accessSettings = common.accessSettings;
  if (!accessSettings) throw fieldError('accessSettings', 'ERROR_BLANK');
  // Default start: now, on a whole minute (the API has no seconds in startsAt). The wall clock
  // as sent is the series' DTSTART: a gap on the first day must not move every later session.
  const sentWall = readWallClock(input, 'startsAt');
  const startsAt = sentWall ? wallToUtc(sentWall, tz.name) : Math.floor(now / 60_000) * 60_000;
  const startWall = sentWall ?? utcToWall(startsAt, tz.name);
  const endsAt = readWallTime(input, 'endsAt', tz.name) ?? null;
  if (endsAt !== null && endsAt < startsAt)
    throw fieldError('endsAt', 'must not be before startsAt');
  const ruleText = input.str('rule')?.trim() || SINGLE_RULE;
  const rule = parseRule(ruleText);
  const isSeries = ruleText.toUpperCase() !== SINGLE_RULE;
  let isEventRegAllowed = input.bool('isEventRegAllowed') ?? false;
  if (isSeries) {
    if (endsAt === null) throw fieldError('endsAt', 'ERROR_BLANK');
    isEventRegAllowed = input.bool('isEventRegAllowed', true) as boolean;
  }
  // Before anything is stored: a rule refused here leaves no half-made event behind.
  const occurrences = isSeries ? expandRule(rule, startWall, tz.name, endsAt) : [];
  const ownerId = input.int('ownerId') ?? state.organization.ownerId;
  checkOwner(state, ownerId, 'ownerId');
  const ev: EventRec = {
    name,
    description: '',
    password: '',
    lang: 'RU',
    image: null,
    lectorIds: [],
    tags: [],
    additionalFields: [],
    ...common,
    accessSettings,
    timezoneId: tz.id,
    id: nextId(state, 'event'),
    status: 'ACTIVE',
    type: input.oneOf('type', EVENT_TYPES) ?? 'webinar',
    rule: ruleText,
    isSeries,
    isEventRegAllowed,
    startsAt,
    endsAt,
    ownerId,
    urlAlias: readUrlAlias(input, state) ?? null,
    duration: readDuration(input) ?? null,
    defaultRemindersEnabled: input.bool('defaultRemindersEnabled') ?? true,
    brandingId: input.int('brandingId', { min: 1 }) ?? null,
    deleted: false,
    createdAt: now,
  };
  state.events.set(ev.id, ev);
  for (const at of occurrences) addSession(state, ev, at, now);
  return { status: 201, body: { eventId: ev.id, link: eventLink(state, ev) } };
}

/** E2. 409 for a second session of a single event, or a series session at a taken time. */
function createSession(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const ev = findEvent(state, param(ctx, 'eventId'));
  if (ev.status === 'STOP') throw conflict('Event is finished: no new sessions can be created');
  const tz = readTimezone(input) ?? timezoneById(ev.timezoneId) ?? moscow();
  const common = readCommon(input, state, String(ev.id), ev);
  const startsAt = readWallTime(input, 'startsAt', tz.name) ?? ev.startsAt;
  const startType = input.oneOf('startType', START_TYPES) ?? 'manual';
  const existing = sessionsOf(state, ev.id);
  if (!ev.isSeries && existing.length > 0) {
    throw conflict('Event session already exists: the event is not a series');
  }
  if (existing.some((s) => s.startsAt === startsAt)) {
    throw conflict('Event session already exists at this date and time');
  }
  const s = addSession(state, ev, startsAt, now, { ...common, timezoneId: tz.id, startType });
  return { status: 201, body: { eventSessionId: s.id, link: sessionLink(state, s) } };
}

/** E3/E3a. Only ACTIVE events; `status=STOP` finishes the event and its unfinished sessions. */
function updateEvent(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const ev = findEvent(state, param(ctx, 'eventId'));
  if (ev.status !== 'ACTIVE')
    throw conflict(`Only ACTIVE events can be edited (status ${ev.status})`);
  // Read and validate everything first, so that a 400 leaves the event untouched.
  const status = input.oneOf('status', ['ACTIVE', 'STOP'] as const);
  const tz = readTimezone(input);
  const zone = (tz ?? timezoneById(ev.timezoneId) ?? moscow()).name;
  const common = readCommon(input, state, String(ev.id), ev);
  const moved = (key: string, old: number | null) =>
    readWallTime(input, key, zone) ??
    (tz && old !== null ? rezone(old, tzName(ev.timezoneId), zone) : undefined);
  const startsAt = moved('startsAt', ev.startsAt);
  const endsAt = moved('endsAt', ev.endsAt);
  const ruleText = input.str('rule')?.trim();
  if (ruleText) parseRule(ruleText);
  const ownerId = input.int('ownerId');
  if (ownerId !== undefined) checkOwner(state, ownerId, 'ownerId');
  const urlAlias = readUrlAlias(input, state, ev.id);
  const duration = readDuration(input);
  const type = input.oneOf('type', EVENT_TYPES);
  const brandingId = input.int('brandingId', { min: 1 });
  const isEventRegAllowed = input.bool('isEventRegAllowed');
  const reminders = input.bool('defaultRemindersEnabled');

  Object.assign(ev, common);
  if (tz) ev.timezoneId = tz.id;
  if (startsAt !== undefined) ev.startsAt = startsAt;
  if (endsAt !== undefined) ev.endsAt = endsAt;
  if (ruleText) {
    ev.rule = ruleText;
    ev.isSeries = ruleText.toUpperCase() !== SINGLE_RULE;
  }
  if (ownerId !== undefined) setOwner(state, ev, ownerId);
  if (urlAlias !== undefined) ev.urlAlias = urlAlias;
  if (duration !== undefined) ev.duration = duration;
  if (type) ev.type = type;
  if (brandingId !== undefined) ev.brandingId = brandingId;
  if (isEventRegAllowed !== undefined) ev.isEventRegAllowed = isEventRegAllowed;
  if (reminders !== undefined) ev.defaultRemindersEnabled = reminders;
  if (status === 'STOP') {
    // INFERRED: a running session is stopped now; never-started ones are closed unstarted.
    for (const s of sessionsOf(state, ev.id)) {
      if (s.status === 'START') s.stoppedAt = now;
      s.status = 'STOP';
    }
    ev.status = 'STOP';
    ev.endsAt ??= now;
  }
  return NO_CONTENT;
}

function setOwner(state: SandboxState, ev: EventRec, userId: number): void {
  ev.ownerId = userId;
  for (const s of sessionsOf(state, ev.id)) s.createUserId = userId;
}

/** E5. The event and its unfinished sessions go; finished ones stay for statistics. */
function deleteEvent(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const ev = findEvent(state, param(ctx, 'eventId'));
  for (const s of sessionsOf(state, ev.id)) {
    if (s.status !== 'STOP') removeSession(state, s.id);
  }
  ev.deleted = true;
  return NO_CONTENT;
}

/** Deletes a session with what hangs off it (registrations, chat, questions, ...). */
function removeSession(state: SandboxState, id: number): void {
  state.sessions.delete(id);
  for (const p of [...state.participations.where('session', id)]) state.participations.delete(p.id);
  for (const map of [state.chatMessages, state.questions, state.fileRefs, state.testSessions]) {
    for (const [eid, e] of map) if (e.eventSessionId === id) map.delete(eid);
  }
}

/** E6. `sendEmail` may come in the query or the body (both accepted, INFERRED). */
function deleteSession(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, param(ctx, 'eventSessionId'));
  ctx.input.bool('sendEmail'); // validated; there are no e-mails in the sandbox
  removeSession(ctx.state, s.id);
  return NO_CONTENT;
}

/** E4. Only ACTIVE or START sessions can be edited. */
function updateSession(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const s = findSession(state, param(ctx, 'eventSessionId'));
  if (s.status === 'STOP') throw conflict('Event session is finished and cannot be edited');
  const tz = readTimezone(input);
  const zone = (tz ?? timezoneById(s.timezoneId) ?? moscow()).name;
  const common = readCommon(input, state, String(s.eventId), s);
  const startsAt =
    readWallTime(input, 'startsAt', zone) ??
    (tz ? rezone(s.startsAt, tzName(s.timezoneId), zone) : undefined);
  const startType = input.oneOf('startType', START_TYPES);
  input.bool('sendEmail'); // validated only: no e-mails in the sandbox
  input.str('updateContext');
  if (startsAt !== undefined && startsAt !== s.startsAt) {
    const taken = sessionsOf(state, s.eventId).some(
      (o) => o.id !== s.id && o.startsAt === startsAt,
    );
    if (taken) throw conflict('Event session already exists at this date and time');
    s.startsAt = startsAt;
  }
  Object.assign(s, common);
  if (tz) s.timezoneId = tz.id;
  if (startType) s.startType = startType;
  return NO_CONTENT;
}

/** E11. ACTIVE → START. */
function startSession(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, param(ctx, 'eventSessionId'));
  if (s.status === 'START') throw conflict('Event session is already started');
  if (s.status === 'STOP') throw conflict('Event session is finished and cannot be started again');
  s.status = 'START';
  s.startedAt = ctx.now;
  syncSingleEvent(ctx.state, s);
  return NO_CONTENT;
}

/** E12. START → STOP. */
function stopSession(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, param(ctx, 'eventSessionId'));
  if (s.status === 'ACTIVE') throw conflict('Event session is not started');
  if (s.status === 'STOP') throw conflict('Event session is already stopped');
  s.status = 'STOP';
  s.stoppedAt = ctx.now;
  const shortest = ctx.knobs.minSessionMinutes * 60_000;
  if (s.startedAt !== null && ctx.now - s.startedAt < shortest) s.startedAt = ctx.now - shortest;
  syncSingleEvent(ctx.state, s);
  simulateStoppedSession(ctx.state, s); // who came and what they did (statistics, `visited`)
  return NO_CONTENT;
}

/** E13. INFERRED: a user who is not a member → 404; an unconfirmed one → 403 as in E1. */
function moveEvent(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const ev = findEvent(state, param(ctx, 'eventId'));
  const userId = input.int('userId', { required: true }) as number;
  const member = state.members.get(userId);
  if (!member) throw notFound(`Organization member ${userId}`);
  if (!member.emailConfirmed) throw new HttpError(403, 'Event owner is not submitted');
  setOwner(state, ev, userId);
  return NO_CONTENT;
}

function getEvent(ctx: RouteContext): RouteResult {
  return { status: 200, body: eventView(ctx.state, findEvent(ctx.state, param(ctx, 'eventId'))) };
}

function getSession(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, param(ctx, 'eventSessionId'));
  return { status: 200, body: sessionView(ctx.state, s) };
}
