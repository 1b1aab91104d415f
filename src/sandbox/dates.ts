// Time-zone arithmetic with Intl only, the API's date formats, and the lenient query-date parser.
import { fieldError } from './errors.js';

export interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of a UTC instant in `tz`. */
export function utcToWall(ms: number, tz: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (w: WallClock) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** UTC offset of `tz` at instant `ms`, in seconds (east positive). */
export function offsetSeconds(tz: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallAsUtc(utcToWall(whole, tz)) - whole) / 1000);
}

const DAY = 86_400_000;

/**
 * The UTC instant of a wall-clock time in `tz`, resolved as RFC 5545 §3.3.5 says (and Temporal's
 * `disambiguation: 'compatible'`): a time that does not exist (spring-forward gap) is read with
 * the offset before the gap, so it lands after the gap by the gap's length (New York 02:30 on
 * the change day → 03:30 EDT); a time that occurs twice (autumn overlap) is the first of the two,
 * the earlier instant (Berlin 02:30 on the change day → 02:30 CEST). The same rule in every zone,
 * east or west of UTC.
 */
export function wallToUtc(w: WallClock, tz: string): number {
  const local = wallAsUtc(w);
  // A zone changes its offset at most once within a day either side, so the offsets a day
  // before and after are the only candidates.
  const before = offsetSeconds(tz, local - DAY);
  const after = offsetSeconds(tz, local + DAY);
  if (before === after) return local - before * 1000; // no change of offset near this time
  const fits = [before, after]
    .map((offset) => local - offset * 1000)
    .filter((at) => wallAsUtc(utcToWall(at, tz)) === local);
  if (fits.length > 0) return Math.min(...fits);
  return local - before * 1000; // in a gap
}

const pad = (n: number, len = 2) => String(Math.abs(n)).padStart(len, '0');

/** `2019-07-10T19:39:24+0300`: the API's response format (colon-less offset). */
export function formatIso(ms: number, tz: string): string {
  const w = utcToWall(ms, tz);
  const off = offsetSeconds(tz, ms) / 60;
  const sign = off < 0 ? '-' : '+';
  return (
    `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.trunc(Math.abs(off) / 60))}${pad(Math.abs(off) % 60)}`
  );
}

/** `2024-07-25T12:10:26+03:00`: the newer methods and webhooks write the offset with a colon. */
export const formatIsoColon = (ms: number, tz: string) =>
  formatIso(ms, tz).replace(/(\d\d)(\d\d)$/, '$1:$2');

/** `2019-04-30 12:02:14`: the format records and tests use (no offset). */
export function formatPlain(ms: number, tz: string): string {
  const w = utcToWall(ms, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

export const unixSeconds = (ms: number) => Math.floor(ms / 1000);

const QUERY_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T+](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isValidWall(w: WallClock): boolean {
  const d = new Date(wallAsUtc(w));
  return (
    d.getUTCFullYear() === w.year &&
    d.getUTCMonth() === w.month - 1 &&
    d.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60
  );
}

/**
 * Lenient query datetime: `YYYY-MM-DD HH:MM:SS`, `+` for the space, `T`, seconds optional, or
 * a date alone (midnight). Without an explicit offset it is wall-clock time in `tz`
 * (INFERRED: the organisation's zone, Moscow). Bad values → 400 naming `field`.
 */
export function parseQueryDate(value: unknown, field: string, tz: string): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const m = QUERY_DATE.exec(text);
  if (!m) throw fieldError(field, 'invalid date, expected YYYY-MM-DD HH:MM:SS');
  const w: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  if (!isValidWall(w)) throw fieldError(field, 'invalid date, expected YYYY-MM-DD HH:MM:SS');
  const zone = m[7];
  if (zone === undefined) return wallToUtc(w, tz);
  if (zone === 'Z') return wallAsUtc(w);
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return wallAsUtc(w) - (digits.startsWith('-') ? -minutes : minutes) * 60_000;
}

/** ISO-8601 duration as the API takes it (`PT0H30M0S`), in seconds; null if malformed. */
export function parseIsoDuration(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return (d ?? 0) * 86400 + (h ?? 0) * 3600 + (min ?? 0) * 60 + (s ?? 0);
}
