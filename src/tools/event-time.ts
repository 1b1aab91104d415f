// The one place that turns a user's start time into what the API stores: wall-clock parts in
// the event's zone plus the zone's id (reference §2 and §11.5). It knows which zone applies
// (the one given, else the event's or session's own, else Moscow), and refuses what the wire
// cannot carry or would silently shift (seconds are dropped with a note): an offset that contradicts the given zone,
// a wall time that does not exist (spring gap) or happens twice (autumn overlap), a past start.
import type { Params, ToolContext } from './define.js';
import {
  DEFAULT_EVENT_TIMEZONE,
  startOfMinute,
  instantOfInput,
  nowIn,
  readDateInput,
  type DateInput,
} from './dates.js';
import { InputError } from './errors.js';
import {
  instantsOf,
  isoIn,
  offsetMinutesAt,
  sameWall,
  wallAsUtc,
  wallClockIn,
  wallText,
  type WallClock,
} from './zone-math.js';

const DAY = 86_400_000;

/** Where the zone in use came from, as the result tells the user. */
type ZoneSource = 'given' | 'event' | 'session' | 'default';

export interface ZoneInUse {
  id: number;
  name: string;
  source: ZoneSource;
  /** How a written zone was read ("МСК+2" read as Asia/Yekaterinburg). */
  note?: string;
}

/** What exists already: the event or session being changed, or the event a session joins. */
export interface Current {
  kind: 'event' | 'session';
  zoneId: number;
  zoneName: string;
  startMs?: number;
  status?: string;
}

export interface TimeInput {
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
}

export interface TimePlan {
  zone: ZoneInUse;
  /** Wire fields: `startsAt`/`endsAt` parts and the numeric `timezone`, only what is sent. */
  params: Params;
  /** The instant the start will have (also when only the zone changes). */
  startMs?: number;
  /** Whether the start moves (a new time, or a new zone that keeps the instant). */
  startChanges: boolean;
  endMs?: number;
  notes: string[];
}

/**
 * Plans the start (and a series' end) of a create or update. `past`: 'refuse' for a new event
 * or session; 'update' also refuses, except a live session's unchanged start.
 */
export async function planEventTime(
  input: TimeInput,
  ctx: ToolContext,
  opts: { current?: Current; past: 'refuse' | 'update'; nowMs?: number },
): Promise<TimePlan> {
  const { current } = opts;
  const nowMs = opts.nowMs ?? Date.now();
  const notes: string[] = [];
  const start = input.startsAt === undefined ? undefined : read(input.startsAt, 'startsAt', notes);
  const end = input.endsAt === undefined ? undefined : read(input.endsAt, 'endsAt', notes);
  const zone = await zoneFor(input.timezone, start, current, ctx);
  const plan: TimePlan = { zone, params: {}, notes, startChanges: false };

  if (start) {
    if (start.dateOnly) {
      throw new InputError(
        'startsAt',
        `${input.startsAt} has no time of day and would start at midnight; give the time too, e.g. ${wallText({ ...start.wall, hour: 11 }).replace(' ', 'T')}`,
      );
    }
    plan.startMs = instantFor(start, zone, 'startsAt', input.startsAt!);
    plan.startChanges = plan.startMs !== current?.startMs;
  } else if (
    current?.startMs !== undefined &&
    zone.source === 'given' &&
    zone.id !== current.zoneId
  ) {
    // A new zone alone: keep the moment (people registered for it), say what the clock shows.
    plan.startMs = current.startMs;
    checkRepeated(
      wallClockIn(current.startMs, zone.name),
      zone.name,
      'timezone',
      'the current start',
    );
    notes.push(
      `start kept at the same moment: ${wallText(wallClockIn(current.startMs, zone.name))} ${zone.name} (${wallText(wallClockIn(current.startMs, current.zoneName))} ${current.zoneName}); give startsAt to keep the clock time instead`,
    );
  }
  if (plan.startMs !== undefined) {
    refusePast(plan.startMs, start !== undefined, zone.name, current, opts.past, nowMs);
    plan.params.startsAt = parts(wallClockIn(plan.startMs, zone.name));
  }
  if (end) {
    // A date alone ends the series after that day's sessions, as a date-only `to` does in lists.
    const wall: WallClock = end.dateOnly ? { ...end.wall, hour: 23, minute: 59 } : end.wall;
    plan.endMs = instantFor({ ...end, wall, dateOnly: false }, zone, 'endsAt', input.endsAt!);
    if (end.dateOnly) notes.push(`series ends ${wallText(wall)} ${zone.name} (that day included)`);
    plan.params.endsAt = parts(wallClockIn(plan.endMs, zone.name));
  }
  if (input.timezone !== undefined || plan.startMs !== undefined || plan.endMs !== undefined) {
    plan.params.timezone = zone.id;
  }
  return plan;
}

function read(value: string, field: string, notes: string[]): DateInput {
  const parsed = readDateInput(value);
  if (typeof parsed === 'string') throw new InputError(field, parsed);
  if (parsed.wall.second === 0 && !parsed.fraction) return parsed;
  // The API schedules whole minutes: say so rather than drop the seconds unseen.
  notes.push(`${field} ${value}: seconds dropped (the API schedules whole minutes)`);
  return { ...parsed, wall: { ...parsed.wall, second: 0 }, fraction: false };
}

async function zoneFor(
  text: string | undefined,
  start: DateInput | undefined,
  current: Current | undefined,
  ctx: ToolContext,
): Promise<ZoneInUse> {
  if (text !== undefined) {
    const at = start ? (instantOfInput(start) ?? wallAsUtc(start.wall)) : Date.now();
    const zone = await ctx.timezones.resolve(text, 'timezone', ctx.signal, at);
    return { ...zone, source: 'given' };
  }
  if (current) return { id: current.zoneId, name: current.zoneName, source: current.kind };
  const id = await ctx.timezones.idFor(DEFAULT_EVENT_TIMEZONE, 'timezone', ctx.signal);
  return { id, name: DEFAULT_EVENT_TIMEZONE, source: 'default' };
}

/** The one instant a written time means in the zone, or an InputError saying why there is none. */
function instantFor(d: DateInput, zone: ZoneInUse, field: string, text: string): number {
  const exact = instantOfInput(d);
  if (exact === undefined) {
    const hits = instantsOf(d.wall, zone.name);
    if (hits.length === 0) {
      // Read with the offset in force before the jump, the same moment on the new clock.
      const before = offsetMinutesAt(wallAsUtc(d.wall) - DAY, zone.name);
      const moved = wallClockIn(wallAsUtc(d.wall) - before * 60_000, zone.name);
      throw new InputError(
        field,
        `${wallText(d.wall)} does not exist in ${zone.name}: the clocks jump forward over it that night. Give ${wallText(moved).slice(11)} (the same moment on the new clock) or another time`,
      );
    }
    checkRepeated(d.wall, zone.name, field, text);
    return hits[0]!;
  }
  const wall = wallClockIn(exact, zone.name);
  // A local offset other than the given zone's is a contradiction (11:00+03:00 for
  // Yekaterinburg: Moscow habit or a typo?); Z is UTC on purpose and names no local clock.
  if (zone.source === 'given' && !d.utc && !sameWall(wall, d.wall)) {
    const written = wallText(d.wall).slice(11);
    throw new InputError(
      field,
      `${text} is ${wallText(wall).slice(11)} in ${zone.name}, not ${written}: the offset contradicts the zone. For ${written} ${zone.name} time give it without an offset; to keep the offset, leave out timezone or give the matching zone`,
    );
  }
  checkRepeated(wall, zone.name, field, text);
  return exact;
}

/** An autumn-overlap wall time: the wire (wall clock + zone id) cannot say which hour. */
function checkRepeated(wall: WallClock, zone: string, field: string, text: string): void {
  const hits = instantsOf(wall, zone);
  if (hits.length < 2) return;
  throw new InputError(
    field,
    `${text} is ${wallText(wall)} in ${zone}, an hour that happens twice that night (clocks go back: ${hits.map((ms) => isoIn(ms, zone).slice(11)).join(' and ')}); the API takes only the clock time and cannot tell which. Choose a time outside that hour`,
  );
}

function refusePast(
  startMs: number,
  given: boolean,
  zone: string,
  current: Current | undefined,
  mode: 'refuse' | 'update',
  nowMs: number,
): void {
  if (startMs >= startOfMinute(nowMs)) return;
  if (mode === 'update' && !given) return; // only the zone changes; the moment stays
  const liveUnchanged =
    mode === 'update' && current?.status === 'START' && current.startMs === startMs;
  if (liveUnchanged) return;
  throw new InputError(
    'startsAt',
    `${wallText(wallClockIn(startMs, zone))} ${zone} is in the past (it is now ${nowIn(zone, nowMs)} there); give a future date-time with the year`,
  );
}

/** `startsAt[date][year]…[time][minute]`: the API's split fields. */
const parts = (w: WallClock) => ({
  date: { year: w.year, month: w.month, day: w.day },
  time: { hour: w.hour, minute: w.minute },
});
