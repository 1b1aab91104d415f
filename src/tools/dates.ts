// Reading the dates a user writes (ISO 8601, or DD.MM.YYYY as Russians write it) and writing
// the API's query dates. Zone arithmetic lives in zone-math.ts; turning a start time into the
// wire's wall-clock parts for an event lives in event-time.ts.
import { instantsOf, wallAsUtc, wallClockIn, wallText, type WallClock } from './zone-math.js';

/**
 * Time zone in which the API reads query datetimes (`from`/`to`). The reference does not say;
 * the platform is Moscow-based and its fixtures show +0300, so we assume the account zone is
 * Europe/Moscow (INFERRED, README "Assumptions"). Change here if that proves wrong.
 */
const API_QUERY_TIMEZONE = 'Europe/Moscow';
/** Default zone for events when the caller gives none (the platform's home zone). */
export const DEFAULT_EVENT_TIMEZONE = 'Europe/Moscow';

/** Offsets in use on Earth run from -12:00 to +14:00; anything outside is a typo. */
const MAX_OFFSET_EAST = 14 * 60;
const MAX_OFFSET_WEST = 12 * 60;

const TIME = String.raw`(?:[T ]|,? )(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?`;
const OFFSET = String.raw`\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
/** ISO 8601: 2026-12-01, 2026-12-01T11:00, 2026-12-01 11:00:00+03:00, …Z. */
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:${TIME})?${OFFSET}$`, 'i');
/** Day first, as written in Russian: 01.12.2026, 01.12.2026 11:00. */
const DMY_RE = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:${TIME})?${OFFSET}$`, 'i');

/** A date-time as the user wrote it: wall-clock fields, and the offset when one was written. */
export interface DateInput {
  wall: WallClock;
  /** Minutes east of UTC, when the text carried an offset or Z. */
  offset?: number;
  /** No time of day was written. */
  dateOnly: boolean;
  /** A fraction of a second was written (the API has no place for it). */
  fraction: boolean;
  /** Written with Z: UTC on purpose, not a local offset. */
  utc?: boolean;
}

/** Parses a user's date-time; a string result says what is wrong with it. */
export function readDateInput(value: string): DateInput | string {
  const text = value.trim();
  const iso = ISO_RE.exec(text);
  const dmy = iso ? undefined : DMY_RE.exec(text);
  const m = iso ?? dmy;
  if (!m) {
    return 'expected ISO 8601 like 2026-12-01T11:00 or 2026-12-01T11:00+03:00 (or 01.12.2026 11:00)';
  }
  const [, a, b, c, h, mi, s, frac, offset] = m;
  const [year, month, day] = iso ? [a, b, c] : [c, b, a];
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  const probe = new Date(wallAsUtc({ ...wall, hour: 0, minute: 0, second: 0 }));
  if (probe.getUTCMonth() !== wall.month - 1 || probe.getUTCDate() !== wall.day) {
    return `${text}: no such calendar date`;
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return `${text}: no such time of day (hours 00-23, minutes and seconds 00-59)`;
  }
  const parsed: DateInput = {
    wall,
    dateOnly: h === undefined,
    fraction: frac !== undefined && Number(frac) !== 0,
  };
  if (offset === undefined) return parsed;
  const minutes = offsetMinutes(offset);
  if (minutes === undefined) {
    return `${text}: offset ${offset} does not exist (offsets run from -12:00 to +14:00, minutes 00-59)`;
  }
  return { ...parsed, offset: minutes, utc: offset.toUpperCase() === 'Z' };
}

/** `Z`, `+03`, `+0300`, `+03:00` → minutes east; undefined when out of range. */
function offsetMinutes(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59) return undefined;
  const total = (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  return total > MAX_OFFSET_EAST || -total > MAX_OFFSET_WEST ? undefined : total;
}

/** Whether a string is a date-time the tools accept (zod refinement). */
export const dateInputProblem = (value: string): string | undefined => {
  const parsed = readDateInput(value);
  return typeof parsed === 'string' ? parsed : undefined;
};

function mustRead(value: string): DateInput {
  const parsed = readDateInput(value);
  if (typeof parsed === 'string') throw new RangeError(parsed);
  return parsed;
}

/** The instant of a parsed date-time with an offset, else undefined. */
export const instantOfInput = (d: DateInput) =>
  d.offset === undefined ? undefined : wallAsUtc(d.wall) - d.offset * 60_000;

/** The instant of an API date-time with an offset (`2022-01-01T12:00:00+0300`), else undefined. */
export function instantMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = readDateInput(value);
  return typeof parsed === 'string' ? undefined : instantOfInput(parsed);
}

/**
 * The instant of a date-time read in a zone when it has no offset (the earlier one in an
 * overlap, the moment after the gap in a gap: good enough for filters and past checks).
 */
function instantIn(d: DateInput, timeZone: string): number {
  const exact = instantOfInput(d);
  if (exact !== undefined) return exact;
  const hits = instantsOf(d.wall, timeZone);
  return hits[0] ?? wallAsUtc(d.wall) - 60 * 60_000;
}

/** Whether a start lies before the current minute (exact times get a minute of grace). */
export function isInPast(value: string, timeZone: string, nowMs = Date.now()): boolean {
  const parsed = mustRead(value);
  const limit = parsed.offset === undefined ? startOfMinute(nowMs) : nowMs - 60_000;
  return instantIn(parsed, timeZone) < limit;
}

/** The current minute's start: a start at the current minute is not in the past. */
export const startOfMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/** `YYYY-MM-DD HH:MM` of now in a zone, for error messages. */
export const nowIn = (timeZone: string, nowMs = Date.now()) =>
  wallText(wallClockIn(nowMs, timeZone));

/**
 * `YYYY-MM-DD HH:MM:SS` in the API's query zone. A date alone is the whole day: its start as
 * a period's beginning, its last second as a period's end (`to: "2026-11-25"` includes that day).
 */
export function toApiQueryDateTime(value: string, edge: 'start' | 'end' = 'start'): string {
  const parsed = mustRead(value);
  const wall =
    edge === 'end' && parsed.dateOnly
      ? { ...parsed.wall, hour: 23, minute: 59, second: 59 }
      : parsed.wall;
  const w =
    parsed.offset === undefined
      ? wall
      : wallClockIn(wallAsUtc(wall) - parsed.offset * 60_000, API_QUERY_TIMEZONE);
  return `${wallText(w)}:${String(w.second).padStart(2, '0')}`;
}

/** Minutes → the ISO 8601 duration the API takes (`PT1H30M0S`). */
export function toIsoDuration(minutes: number): string {
  return `PT${Math.floor(minutes / 60)}H${minutes % 60}M0S`;
}

/** The API's ISO 8601 duration (`PT1H30M0S`, `P1DT2H`) in minutes, or undefined. */
export function minutesOfIsoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!m || value === 'P') return undefined;
  const [d = 0, h = 0, min = 0, s = 0] = m.slice(1).map((x) => Number(x ?? 0));
  return d * 1440 + h * 60 + min + Math.round(s / 60);
}
