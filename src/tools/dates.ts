// Date conversions between what a model writes (ISO 8601) and what the API wants
// (wall-clock parts in the event's time zone, or `YYYY-MM-DD HH:MM:SS` query strings).

/**
 * Time zone in which the API reads query datetimes (`from`/`to`). The reference does not say;
 * the platform is Moscow-based and its fixtures show +0300, so we assume the account zone is
 * Europe/Moscow (INFERRED, README "Assumptions"). Change here if that proves wrong.
 */
const API_QUERY_TIMEZONE = 'Europe/Moscow';
/** Default zone for events when the caller gives none (the platform's home zone). */
export const DEFAULT_EVENT_TIMEZONE = 'Europe/Moscow';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO date-time: with an offset it is an instant; without one, wall-clock time. */
export type DateInput = { kind: 'instant'; ms: number } | { kind: 'wall'; wall: WallClock };

function parseDateInput(value: string): DateInput | undefined {
  const m = ISO_RE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = m;
  const wall: WallClock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  if (
    probe.getUTCMonth() !== wall.month - 1 ||
    probe.getUTCDate() !== wall.day ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return undefined;
  }
  if (!offset) return { kind: 'wall', wall };
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (offset.toUpperCase() === 'Z') return { kind: 'instant', ms: utc };
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return { kind: 'instant', ms: utc - sign * minutes * 60_000 };
}

/** The instant of an API date-time with an offset (`2022-01-01T12:00:00+0300`), else undefined. */
export function instantMs(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? parseDateInput(value) : undefined;
  return parsed?.kind === 'instant' ? parsed.ms : undefined;
}

export function isDateInput(value: string): boolean {
  return parseDateInput(value) !== undefined;
}

/** The ICU canonical name of a zone (Europe/Kyiv → Europe/Kiev), or undefined if unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const isTimeZone = (name: string) => canonicalTimeZone(name) !== undefined;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in a time zone. */
function wallClockIn(ms: number, timeZone: string): WallClock {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function toWall(input: DateInput, timeZone: string): WallClock {
  return input.kind === 'wall' ? input.wall : wallClockIn(input.ms, timeZone);
}

function mustParse(value: string): DateInput {
  const parsed = parseDateInput(value);
  if (!parsed) throw new RangeError(`not an ISO 8601 date-time: ${value}`);
  return parsed;
}

const wallKey = (w: WallClock) =>
  [w.year, w.month, w.day, w.hour, w.minute].map((n) => pad(n, 4)).join('');

/**
 * Whether a start time lies before the current minute. A wall-clock time is compared with the
 * current wall-clock time in the event's zone, so no offset arithmetic is needed.
 */
export function isInPast(value: string, timeZone: string, nowMs = Date.now()): boolean {
  const parsed = mustParse(value);
  if (parsed.kind === 'instant') return parsed.ms < nowMs - 60_000;
  return wallKey(parsed.wall) < wallKey(wallClockIn(nowMs, timeZone));
}

/** `YYYY-MM-DD HH:MM`. */
const wallText = (w: WallClock) =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;

/** `YYYY-MM-DD HH:MM` of now in a zone, for error messages. */
export const nowIn = (timeZone: string, nowMs = Date.now()) =>
  wallText(wallClockIn(nowMs, timeZone));

/** `startsAt[date][year]…[time][minute]` parts: wall-clock time in the event's zone. */
export function toApiDateParts(value: string, timeZone: string) {
  const w = toWall(mustParse(value), timeZone);
  return {
    date: { year: w.year, month: w.month, day: w.day },
    time: { hour: w.hour, minute: w.minute },
  };
}

/** A calendar date without a time of day (`2026-11-25`). */
export const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value.trim());

/**
 * `YYYY-MM-DD HH:MM:SS` in the API's query zone. A date alone is the whole day: its start as
 * a period's beginning, its last second as a period's end (`to: "2026-11-25"` includes that day).
 */
export function toApiQueryDateTime(value: string, edge: 'start' | 'end' = 'start'): string {
  const parsed = mustParse(value);
  if (edge === 'end' && parsed.kind === 'wall' && isDateOnly(value)) {
    parsed.wall = { ...parsed.wall, hour: 23, minute: 59, second: 59 };
  }
  const w = toWall(parsed, API_QUERY_TIMEZONE);
  return `${wallText(w)}:${pad(w.second)}`;
}

/** Minutes → the ISO 8601 duration the API shows on the landing page (`PT1H30M0S`). */
export function toIsoDuration(minutes: number): string {
  return `PT${Math.floor(minutes / 60)}H${minutes % 60}M0S`;
}
