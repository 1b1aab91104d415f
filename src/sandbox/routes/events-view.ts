// Response shapes of the events area: E9 (event), E10 (session) and the E7/E8 schedule items,
// whose numbers come back as strings exactly as the real API returns them.
import { formatIso, unixSeconds } from '../dates.js';
import { registrationCount, type EventRec, type SandboxState, type SessionRec } from '../state.js';
import { moscow, timezoneById } from '../timezones.js';
import { accessCode } from './events-input.js';
import { attachedFiles } from './files-view.js';
import { PUBLIC_HOST } from './hosts.js';

const DEFAULT_IMAGE = `${PUBLIC_HOST}/images/event-default.png`;

export const tzName = (timezoneId: number) => (timezoneById(timezoneId) ?? moscow()).name;

export function eventLink(state: SandboxState, ev: EventRec): string {
  return `${PUBLIC_HOST}/${state.organization.alias}/${ev.urlAlias ?? ev.id}`;
}

export function sessionLink(state: SandboxState, s: SessionRec): string {
  return `${PUBLIC_HOST}/${state.organization.alias}/${s.eventId}/${s.id}`;
}

const imageUrl = (image: number | null) =>
  image === null ? DEFAULT_IMAGE : `${PUBLIC_HOST}/api-storage/files/${image}/image.png`;

function lectors(state: SandboxState, ids: number[]) {
  return ids.flatMap((id) => {
    const m = state.members.get(id);
    return m ? [{ name: m.name, secondName: m.secondName, position: m.position, avatar: {} }] : [];
  });
}

function createUser(state: SandboxState, id: number) {
  const m = state.members.get(id);
  return m ? { id, name: m.name, secondName: m.secondName, email: m.email } : { id };
}

/** Sessions of an event, oldest first. */
export function sessionsOf(state: SandboxState, eventId: number): SessionRec[] {
  return [...state.sessions.values()]
    .filter((s) => s.eventId === eventId)
    .sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
}

/** E10 shape. `startsAt` is the actual start once started; `estimatedAt` the planned one. */
export function sessionView(state: SandboxState, s: SessionRec) {
  const tz = tzName(s.timezoneId);
  const ev = state.events.get(s.eventId);
  const startsAt = s.startedAt ?? s.startsAt;
  return {
    id: s.id,
    eventId: s.eventId,
    name: s.name,
    description: s.description,
    status: s.status,
    accessSettings: { ...s.accessSettings },
    access: accessCode(s.accessSettings),
    additionalFields: s.additionalFields,
    lang: s.lang,
    startsAt: formatIso(startsAt, tz),
    utcStartsAt: unixSeconds(startsAt),
    estimatedAt: formatIso(s.startsAt, tz),
    endsAt: s.stoppedAt === null ? null : formatIso(s.stoppedAt, tz),
    timezoneId: s.timezoneId,
    timezone: tz, // INFERRED: the IANA name (E10 lists both `timezoneId` and `timezone`)
    organizationId: state.organization.id,
    type: ev?.type ?? 'webinar',
    createUserId: s.createUserId,
    createUser: createUser(state, s.createUserId),
    image: imageUrl(s.image),
    startType: s.startType,
    participationsCount: registrationCount(state, s),
    lectors: lectors(state, s.lectorIds),
    tags: s.tags,
    announceFiles: [],
    files: attachedFiles(state, { eventSessionId: s.id, eventId: null }),
  };
}

/** E9 shape, with the sessions shaped like E10. */
export function eventView(state: SandboxState, ev: EventRec) {
  const tz = tzName(ev.timezoneId);
  return {
    id: ev.id,
    name: ev.name,
    description: ev.description,
    status: ev.status,
    accessSettings: { ...ev.accessSettings },
    access: accessCode(ev.accessSettings),
    additionalFields: ev.additionalFields,
    rule: ev.rule,
    isEventRegAllowed: ev.isEventRegAllowed,
    lang: ev.lang,
    startsAt: formatIso(ev.startsAt, tz),
    utcStartsAt: unixSeconds(ev.startsAt),
    createUserId: ev.ownerId,
    timezoneId: ev.timezoneId,
    endsAt: ev.endsAt === null ? null : formatIso(ev.endsAt, tz),
    organizationId: state.organization.id,
    type: ev.type,
    urlAlias: ev.urlAlias,
    duration: ev.duration,
    link: eventLink(state, ev),
    createUser: createUser(state, ev.ownerId),
    image: imageUrl(ev.image),
    lectors: lectors(state, ev.lectorIds),
    tags: ev.tags,
    announceFiles: [],
    files: attachedFiles(state, { eventSessionId: null, eventId: ev.id }),
    eventSessions: sessionsOf(state, ev.id).map((s) => sessionView(state, s)),
  };
}

/** PHP fetched these straight from SQL: every number (and 0/1 flag) is a string. */
function stringify(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(stringify);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringify(v)]));
  }
  return value;
}

function scheduleSession(state: SandboxState, ev: EventRec, s: SessionRec) {
  const tz = tzName(s.timezoneId);
  const startsAt = formatIso(s.startedAt ?? s.startsAt, tz);
  const endsAt = s.stoppedAt === null ? null : formatIso(s.stoppedAt, tz);
  const base = {
    id: s.id,
    eventId: s.eventId,
    status: s.status,
    access: accessCode(s.accessSettings),
    name: s.name,
    description: s.description,
    startsAt,
    endsAt,
    isArchive: 0,
    createUserId: s.createUserId,
    type: ev.type,
    estimatedAt: formatIso(s.startsAt, tz),
    timezoneName: tz,
    participationsCount: registrationCount(state, s),
    image: imageUrl(s.image),
    tags: s.tags,
    files: [],
    lectors: lectors(state, s.lectorIds),
  };
  if (s.status !== 'STOP') return base;
  const url = `${PUBLIC_HOST}/${ev.ownerId}/${ev.id}/record-new/${s.id}`;
  return {
    ...base,
    recordUrl: { id: s.id, name: s.name, startsAt, endsAt, timezoneName: tz, url },
  };
}

/** One E7/E8 item with the given (already filtered) sessions. */
export function scheduleItem(state: SandboxState, ev: EventRec, sessions: SessionRec[]) {
  const tz = tzName(ev.timezoneId);
  return stringify({
    id: ev.id,
    status: ev.status,
    access: accessCode(ev.accessSettings),
    name: ev.name,
    description: ev.description,
    startsAt: formatIso(ev.startsAt, tz),
    endsAt: ev.endsAt === null ? null : formatIso(ev.endsAt, tz),
    isArchive: 0,
    createUserId: ev.ownerId,
    type: ev.type,
    estimatedAt: formatIso(ev.startsAt, tz),
    timezoneName: tz,
    image: imageUrl(ev.image),
    eventSessions: sessions.map((s) => scheduleSession(state, ev, s)),
    tags: ev.tags,
    files: [],
    lectors: lectors(state, ev.lectorIds),
    rule: ev.rule,
  });
}
