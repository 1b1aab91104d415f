// Participants area, P1–P10: register one person or invite up to 50, list registrations with
// attendance, and the bulk updates that answer `{"count": N}`.
import { formatIso } from '../dates.js';
import { HttpError, conflict, fieldError } from '../errors.js';
import { Input } from '../params.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { registrationsOf, type Participation, type SandboxState } from '../state.js';
import { findEvent, findSession } from './events.js';
import { sessionsOf, tzName } from './events-view.js';
import {
  ROLES,
  readPerson,
  register,
  registrationFor,
  registrationView,
  seriesTarget,
  sessionTarget,
  type Person,
  type Target,
} from './participants-register.js';

/** At most 50 users per invite call (CONFIRMED). */
const INVITE_MAX = 50;
const PAGE_SIZES = [10, 50, 100, 250, 500] as const;
const DEFAULT_PAGE_SIZE = 50;

export function registerParticipantRoutes(router: Router): void {
  router
    .add('POST', '/eventsessions/{eventSessionId}/register', (ctx) =>
      registerOne(ctx, sessionTarget(ctx.state, Number(ctx.params.eventSessionId))),
    )
    .add('POST', '/events/{eventId}/register', (ctx) =>
      registerOne(ctx, seriesTarget(ctx.state, Number(ctx.params.eventId))),
    )
    .add('POST', '/eventsessions/{eventSessionId}/invite', (ctx) =>
      invite(ctx, sessionTarget(ctx.state, Number(ctx.params.eventSessionId))),
    )
    .add('POST', '/events/{eventId}/invite', (ctx) =>
      invite(ctx, seriesTarget(ctx.state, Number(ctx.params.eventId))),
    )
    .add('GET', '/eventsessions/{eventSessionId}/participations', listSession)
    .add('GET', '/events/{eventId}/participations', listSeries)
    .add('PUT', '/events/{eventId}/moderate', moderate)
    .add('PUT', '/participations/update', changeRole)
    .add('PUT', '/participations/kick', kick)
    .add('POST', '/participations/delete', remove);
}

/** P1/P2 → 201. A known e-mail: the existing registration, or 409 (`duplicateRegistration`). */
function registerOne(ctx: RouteContext, target: Target): RouteResult {
  const { state, input, knobs, now } = ctx;
  const person = readPerson(input, target);
  input.bool('isAutoEnter'); // validated only: nobody enters a simulated room
  input.bool('sendEmail'); // validated only: the sandbox sends no e-mail
  const existing = registrationFor(state, target, person.email);
  if (existing) {
    if (knobs.duplicateRegistration === 'conflict') {
      throw conflict('Participant with this e-mail already registered');
    }
    // INFERRED: "the new data is ignored" and the existing registration is returned, as 201.
    return { status: 201, body: registrationView(state, existing) };
  }
  const p = register(state, target, person, now);
  return { status: 201, body: registrationView(state, p) };
}

/**
 * P3/P4. Invalid entries and e-mails already registered (or repeated in the request) are
 * silently dropped (CONFIRMED); the answer lists only the people registered now. 201 INFERRED.
 * A person without an answer to a required form field refuses the whole request with 400
 * (the help articles: every extra field must be filled; INFERRED that invite says so too).
 */
function invite(ctx: RouteContext, target: Target): RouteResult {
  const { state, input, now } = ctx;
  const users = input.list('users');
  if (!users?.length) throw fieldError('users', 'ERROR_BLANK');
  if (users.length > INVITE_MAX) {
    throw fieldError('users', `at most ${INVITE_MAX} users per request, got ${users.length}`);
  }
  input.bool('isAutoEnter'); // validated only, as in P1
  input.bool('sendEmail');
  // Every entry is read before anyone is registered: a refused request changes nothing.
  const people = users.flatMap((raw, i): Person[] => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
    try {
      return [readPerson(new Input(raw as Record<string, unknown>, `users[${i}]`), target)];
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const blank = Object.entries(err.fieldErrors ?? {}).some(
        ([field, problem]) => field.includes('[additionalFields]') && problem === 'ERROR_BLANK',
      );
      if (blank) throw err;
      return [];
    }
  });
  const out: unknown[] = [];
  for (const person of people) {
    // Registered before, or earlier in this same list (each one is filed as it is made).
    if (registrationFor(state, target, person.email)) continue;
    const p = register(state, target, person, now, true);
    out.push({ email: p.email, ...registrationView(state, p) });
  }
  return { status: 201, body: out };
}

function readPage(input: Input): { page: number; perPage: number } {
  const page = input.int('page', { min: 1 }) ?? 1;
  const size = input.int('perPage');
  if (size !== undefined && !(PAGE_SIZES as readonly number[]).includes(size)) {
    throw fieldError('perPage', `must be one of ${PAGE_SIZES.join(', ')}`);
  }
  return { page, perPage: size ?? DEFAULT_PAGE_SIZE };
}

function participationView(state: SandboxState, p: Participation) {
  const session = p.eventSessionId === null ? undefined : state.sessions.get(p.eventSessionId);
  const ev = state.events.get(p.eventId);
  const fields = session?.additionalFields ?? ev?.additionalFields ?? [];
  const tz = tzName(session?.timezoneId ?? ev?.timezoneId ?? 1);
  const online = session?.status === 'START' && p.visited && !p.isKicked;
  return {
    id: p.id,
    name: p.name,
    secondName: p.secondName,
    email: p.email,
    avatar: {},
    eventId: p.eventId,
    eventSessionId: p.eventSessionId,
    contactId: p.contactId,
    // INFERRED: a kicked person reads as not allowed in (0) until P7 lets them back.
    isAccepted: p.isAccepted && !p.isKicked ? 1 : 0,
    role: p.role,
    isSeen: 1,
    agreementStatus: 'AGREED',
    userId: p.userId,
    isOnline: online ? '1' : '0',
    registerStatus: 'INVITED',
    paymentStatus: 'NOT_PAID',
    url: p.url,
    visited: p.visited,
    registerDate: formatIso(p.registerDate, tz),
    additionalFieldValues: Object.entries(p.additionalFieldValues).map(([key, value]) => ({
      label: fields.find((f) => f.key === key)?.label ?? key,
      value,
    })),
  };
}

function listOf(ctx: RouteContext, rows: Participation[]): RouteResult {
  const { page, perPage } = readPage(ctx.input);
  const all = rows.sort((a, b) => a.id - b.id);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body: slice.map((p) => participationView(ctx.state, p)) };
}

/** P5: the session's registrations plus whole-series ones of its event (INFERRED). */
function listSession(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, Number(ctx.params.eventSessionId));
  return listOf(ctx, registrationsOf(ctx.state, s));
}

/** P6: every registration of the event; `eventSessionId` null marks whole-series ones. */
function listSeries(ctx: RouteContext): RouteResult {
  const { participations } = ctx.state;
  const ev = findEvent(ctx.state, Number(ctx.params.eventId));
  const rows = [...participations.where('series', ev.id)];
  for (const s of sessionsOf(ctx.state, ev.id)) rows.push(...participations.where('session', s.id));
  return listOf(ctx, rows);
}

/** The participations named in `participationIds[]`; unknown ids are skipped (INFERRED). */
function selected(ctx: RouteContext, eventId?: number): Participation[] {
  const ids = ctx.input.intList('participationIds');
  if (!ids?.length) throw fieldError('participationIds', 'ERROR_BLANK');
  return [...new Set(ids)].flatMap((id) => {
    const p = ctx.state.participations.get(id);
    return p && (eventId === undefined || p.eventId === eventId) ? [p] : [];
  });
}

const count = (n: number): RouteResult => ({ status: 200, body: { count: n } });

/** P7. Approving also lets kicked people back in (CONFIRMED). */
function moderate(ctx: RouteContext): RouteResult {
  const ev = findEvent(ctx.state, Number(ctx.params.eventId));
  const accepted = ctx.input.bool('isAccepted', true) as boolean;
  const list = selected(ctx, ev.id);
  for (const p of list) {
    p.isAccepted = accepted;
    if (accepted) p.isKicked = false;
  }
  return count(list.length);
}

/** P8. */
function changeRole(ctx: RouteContext): RouteResult {
  const role = ctx.input.oneOf('role', ROLES, true) as (typeof ROLES)[number];
  const list = selected(ctx);
  for (const p of list) p.role = role;
  return count(list.length);
}

/** P9. No re-entry until P7 approves again. */
function kick(ctx: RouteContext): RouteResult {
  const list = selected(ctx);
  for (const p of list) p.isKicked = true;
  return count(list.length);
}

/**
 * P10. The registration goes, so the person can register again (CONFIRMED). The sandbox drops
 * it from the state (statistics "deleted" rows are not simulated).
 */
function remove(ctx: RouteContext): RouteResult {
  const list = selected(ctx);
  for (const p of list) ctx.state.participations.delete(p.id);
  return count(list.length);
}
