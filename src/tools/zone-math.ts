// Wall-clock time ↔ instants in an IANA zone, with Intl only. The one subtle part is that a
// wall-clock time may happen once, never (spring-forward gap) or twice (autumn overlap): the
// API takes wall-clock parts and a zone id, so the last two must be caught before sending.

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
  return fmt;
}

/** The wall-clock reading of an instant in a time zone. */
export function wallClockIn(ms: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The wall-clock fields read as if they were UTC (the arithmetic base of every conversion). */
export const wallAsUtc = (w: WallClock) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Offset of a zone from UTC at an instant, in minutes east (Berlin in summer: 120). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallAsUtc(wallClockIn(whole, timeZone)) - whole) / 60_000);
}

const HOUR = 3_600_000;

/**
 * Every instant whose wall-clock reading in `timeZone` is `wall`, earliest first: one normally,
 * none inside a spring-forward gap, two inside an autumn overlap. The offsets in force a day
 * either side bound the candidates (no zone changes its offset twice within a day).
 */
export function instantsOf(wall: WallClock, timeZone: string): number[] {
  const base = wallAsUtc(wall);
  const offsets = new Set(
    [-36, -12, 0, 12, 36].map((h) => offsetMinutesAt(base + h * HOUR, timeZone)),
  );
  const hits = [...offsets]
    .map((offset) => base - offset * 60_000)
    .filter((ms) => sameWall(wallClockIn(ms, timeZone), wall));
  return [...new Set(hits)].sort((a, b) => a - b);
}

export const sameWall = (a: WallClock, b: WallClock) =>
  a.year === b.year &&
  a.month === b.month &&
  a.day === b.day &&
  a.hour === b.hour &&
  a.minute === b.minute &&
  a.second === b.second;

/** The ICU canonical name of a zone (Europe/Kyiv → Europe/Kiev), or undefined if unknown. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `YYYY-MM-DD HH:MM`. */
export const wallText = (w: WallClock) =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;

/** `+05:30`, `-03:00`, `Z` for zero. */
export function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `2027-06-01T10:00+02:00`: an instant as wall-clock time in a zone, with that zone's offset. */
export function isoIn(ms: number, timeZone: string): string {
  const w = wallClockIn(ms, timeZone);
  return `${wallText(w).replace(' ', 'T')}${offsetText(offsetMinutesAt(ms, timeZone))}`;
}
