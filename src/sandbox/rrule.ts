// Event series rules: RFC 5545 RRULE (§3.3.10), which the API takes as `rule` (CONFIRMED).
// The grammar is checked here, part by part, as strictly as the RFC states it; the occurrences
// are computed by the `rrule` library (a port of python-dateutil) in floating wall-clock time,
// and each is then resolved to an instant in the event's zone by `wallToUtc` (RFC 5545 §3.3.5:
// a time in a spring-forward gap moves forward, a repeated autumn time is the earlier one).
// Occurrences keep their wall-clock time, so a weekly 10:00 stays 10:00 across DST.
import rrulePkg from 'rrule';
import type { Options } from 'rrule';
import { fieldError } from './errors.js';
import { utcToWall, wallToUtc, type WallClock } from './dates.js';

const { RRule } = rrulePkg;

/**
 * No limit on the number of sessions in a series is documented (API reference §E1, public help
 * and clients: none found), so none is imposed on real use. This bound only keeps a runaway rule
 * (daily until 2100) from filling the simulator's memory; a rule past it is refused with a 400
 * that says so, never cut short in silence. Ten years of daily webinars is 3,653 sessions.
 */
const MAX_SERIES_SESSIONS = 10_000;

const WEEKDAY = '(SU|MO|TU|WE|TH|FR|SA)';

/** A check of one value (one list item for BY… parts); returns what is wrong, or undefined. */
type Check = (value: string) => string | undefined;

const int =
  (min: number, max: number, signed = false): Check =>
  (value) => {
    if (!(signed ? /^[+-]?\d{1,3}$/ : /^\d{1,9}$/).test(value)) return 'must be an integer';
    const n = Math.abs(Number(value));
    return n >= min && n <= max ? undefined : `must be ${signed ? '±' : ''}${min}..${max}`;
  };

const list =
  (item: Check): Check =>
  (value) =>
    value.split(',').map(item).find(Boolean);

const pattern =
  (re: RegExp, what: string): Check =>
  (value) =>
    re.test(value) ? undefined : what;

const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

/** RFC 5545 §3.3.10 recur-rule-part grammar, one entry per part. */
const PARTS: Record<string, Check> = {
  FREQ: (v) => (FREQS.includes(v) ? undefined : `must be one of ${FREQS.join(', ')}`),
  UNTIL: (v) =>
    untilWall(v) ? undefined : 'must be a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z]',
  COUNT: int(1, 999_999_999),
  INTERVAL: int(1, 999_999_999),
  BYSECOND: list(int(0, 60)),
  BYMINUTE: list(int(0, 59)),
  BYHOUR: list(int(0, 23)),
  BYDAY: list((v) => {
    const m = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(v);
    if (!m) return 'must be weekdays such as MO, -1FR or 2TU';
    return m[1] === undefined ? undefined : int(1, 53, true)(m[1]);
  }),
  BYMONTHDAY: list(int(1, 31, true)),
  BYYEARDAY: list(int(1, 366, true)),
  BYWEEKNO: list(int(1, 53, true)),
  BYMONTH: list(int(1, 12)),
  BYSETPOS: list(int(1, 366, true)),
  WKST: pattern(new RegExp(`^${WEEKDAY}$`), 'must be a weekday MO..SU'),
};

/** The RFC's constraints between parts, as [broken?, message]. */
const COMBINATIONS: Array<[(p: Map<string, string>) => boolean, string]> = [
  [(p) => !p.has('FREQ'), 'FREQ is required'],
  [(p) => p.has('COUNT') && p.has('UNTIL'), 'COUNT and UNTIL must not both be given'],
  [
    (p) => /\d/.test(p.get('BYDAY') ?? '') && !['MONTHLY', 'YEARLY'].includes(p.get('FREQ') ?? ''),
    'BYDAY with a number (such as -1FR) needs FREQ=MONTHLY or YEARLY',
  ],
  [
    (p) => /\d/.test(p.get('BYDAY') ?? '') && p.get('FREQ') === 'YEARLY' && p.has('BYWEEKNO'),
    'BYDAY with a number must not be combined with BYWEEKNO',
  ],
  [
    (p) => p.get('FREQ') === 'WEEKLY' && p.has('BYMONTHDAY'),
    'BYMONTHDAY is not allowed with FREQ=WEEKLY',
  ],
  [
    (p) => ['DAILY', 'WEEKLY', 'MONTHLY'].includes(p.get('FREQ') ?? '') && p.has('BYYEARDAY'),
    'BYYEARDAY needs FREQ=YEARLY',
  ],
  [(p) => p.get('FREQ') !== 'YEARLY' && p.has('BYWEEKNO'), 'BYWEEKNO needs FREQ=YEARLY'],
  [
    (p) => p.has('BYSETPOS') && ![...p.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS'),
    'BYSETPOS needs another BY… part',
  ],
  // INFERRED: a series is of webinars on days, weeks, months or years; the platform offers no
  // finer repetition, so the sandbox refuses one rather than create sessions minutes apart.
  [
    (p) => ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(p.get('FREQ') ?? ''),
    'a series repeats DAILY, WEEKLY, MONTHLY or YEARLY',
  ],
];

/** UNTIL's wall-clock parts and whether it is UTC (`Z`); undefined when malformed. */
function untilWall(
  value: string,
): { wall: WallClock; utc: boolean; dateOnly: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = { year, month, day, hour, minute, second };
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60) return undefined;
  return { wall, utc: m[7] === 'Z', dateOnly: m[4] === undefined };
}

export interface Rule {
  /** The rule's parts for the library, without UNTIL (applied here, see `untilInstant`). */
  options: Partial<Options>;
  until: ReturnType<typeof untilWall> | null;
}

/** Parses and checks `rule` (an optional `RRULE:` prefix allowed); 400 naming what is wrong. */
export function parseRule(text: string): Rule {
  const parts = new Map<string, string>();
  for (const part of text
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    if (part === '') continue; // a stray or trailing ";" (as before: harmless, widely written)
    const bad = (why: string) => fieldError('rule', `${why} (in "${part}")`);
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    if (eq < 1 || value === '') throw bad('expected NAME=VALUE');
    const check = PARTS[key];
    if (!check) throw bad(`unknown rule part ${key}`);
    if (parts.has(key)) throw bad(`${key} must not appear twice`);
    const problem = check(value);
    if (problem) throw bad(`${key} ${problem}`);
    parts.set(key, value);
  }
  for (const [broken, message] of COMBINATIONS) {
    if (broken(parts)) throw fieldError('rule', message);
  }
  const untilText = parts.get('UNTIL');
  parts.delete('UNTIL');
  const options = RRule.parseString([...parts].map(([k, v]) => `${k}=${v}`).join(';'));
  return { options, until: untilText === undefined ? null : (untilWall(untilText) ?? null) };
}

/**
 * UNTIL as an instant. A UTC date-time is exact; a floating one is wall-clock time in the
 * event's zone; a date alone is the start of that day there, so it ends the series before that
 * day's sessions (RFC 5545 gives UNTIL the value type of DTSTART: a date compares as its
 * midnight, as python-dateutil and rrule do).
 */
function untilInstant(until: NonNullable<Rule['until']>, tz: string): number {
  const { wall } = until;
  if (until.utc)
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallToUtc(wall, tz);
}

const floating = (w: WallClock) =>
  new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));

const fromFloating = (d: Date): WallClock => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
  hour: d.getUTCHours(),
  minute: d.getUTCMinutes(),
  second: d.getUTCSeconds(),
});

/**
 * Start instants (UTC ms) of the series whose first occurrence is the wall-clock `start` in `tz`
 * (RFC DTSTART; counted only when it matches the rule), up to `endsAt` and UNTIL, inclusive.
 */
export function expandRule(
  rule: Rule,
  start: WallClock,
  tz: string,
  endsAt: number | null,
): number[] {
  const bound = Math.min(endsAt ?? Infinity, rule.until ? untilInstant(rule.until, tz) : Infinity);
  // The library walks floating time: stop it a day past the bound's wall-clock date, so a rule
  // that rarely or never matches does not walk on for centuries; the instant check is below.
  let stop: Date | null = null;
  if (Number.isFinite(bound)) {
    stop = floating(utcToWall(bound, tz));
    stop.setUTCDate(stop.getUTCDate() + 2);
  }
  const out: number[] = [];
  new RRule({ ...rule.options, dtstart: floating(start), until: stop }).all((date) => {
    const at = wallToUtc(fromFloating(date), tz);
    if (at > bound) return false;
    if (out.length === MAX_SERIES_SESSIONS) {
      throw fieldError(
        'rule',
        `the series would have more than ${MAX_SERIES_SESSIONS} sessions; end it sooner (endsAt, UNTIL or COUNT)`,
      );
    }
    out.push(at);
    return true;
  });
  return out;
}
