// The subset of RFC 5545 RRULE that event series need: FREQ DAILY/WEEKLY/MONTHLY/YEARLY,
// INTERVAL, COUNT, UNTIL, BYDAY (plain weekdays), WKST (ignored). Occurrences keep their
// wall-clock time in the event's zone, so a weekly 10:00 stays 10:00 across DST.
import { fieldError } from './errors.js';
import { wallToUtc, type WallClock } from './dates.js';

type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface Rule {
  freq: Freq;
  interval: number;
  count: number | null;
  until: number | null; // UTC ms
  byDay: number[] | null; // 0 = Sunday
}

/** INFERRED cap: a rule without an end (or a very long one) creates at most this many sessions. */
const MAX_OCCURRENCES = 100;

export function parseRule(text: string): Rule {
  const rule: Rule = { freq: 'DAILY', interval: 1, count: null, until: null, byDay: null };
  let freqSeen = false;
  for (const part of text.replace(/^RRULE:/i, '').split(';')) {
    if (part === '') continue;
    const [key = '', value = ''] = part.split('=');
    const bad = (why: string) => fieldError('rule', `${why} (in "${part}")`);
    switch (key.toUpperCase()) {
      case 'FREQ':
        if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(value))
          throw bad('unsupported FREQ');
        rule.freq = value as Freq;
        freqSeen = true;
        break;
      case 'INTERVAL':
      case 'COUNT': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw bad('must be a positive integer');
        if (key.toUpperCase() === 'COUNT') rule.count = n;
        else rule.interval = n;
        break;
      }
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
        if (!m) throw bad('UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ');
        const [y, mo, d, h = '23', mi = '59', s = '59'] = m.slice(1);
        rule.until = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), +s);
        break;
      }
      case 'BYDAY':
        rule.byDay = value.split(',').map((code) => {
          const i = WEEKDAYS.indexOf(code);
          if (i < 0) throw bad('BYDAY supports plain weekday codes MO..SU');
          return i;
        });
        break;
      case 'WKST':
        break;
      default:
        throw bad('unsupported RRULE part');
    }
  }
  if (!freqSeen) throw fieldError('rule', 'FREQ is required');
  return rule;
}

const DAY = 86_400_000;

/** Start instants (UTC ms) of the series, from `start` (wall clock in `tz`) up to `endsAt`. */
export function expandRule(rule: Rule, start: WallClock, tz: string, endsAt: number | null) {
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const startDay = Date.UTC(start.year, start.month - 1, start.day);
  const startWd = new Date(startDay).getUTCDay();
  const monday = (day: number) => day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  const out: number[] = [];
  // 40,000 days (~110 years) bounds the walk even for YEARLY rules on 29 February.
  for (let i = 0; i < 40_000 && out.length < limit; i += 1) {
    const day = startDay + i * DAY;
    const d = new Date(day);
    const wd = d.getUTCDay();
    const months = (d.getUTCFullYear() - start.year) * 12 + d.getUTCMonth() - (start.month - 1);
    let hit: boolean;
    if (rule.freq === 'DAILY')
      hit = i % rule.interval === 0 && (!rule.byDay || rule.byDay.includes(wd));
    else if (rule.freq === 'WEEKLY') {
      const weeks = Math.round((monday(day) - monday(startDay)) / (7 * DAY));
      hit = weeks % rule.interval === 0 && (rule.byDay ?? [startWd]).includes(wd);
    } else if (rule.freq === 'MONTHLY')
      hit = months % rule.interval === 0 && d.getUTCDate() === start.day;
    else hit = months % (12 * rule.interval) === 0 && d.getUTCDate() === start.day;
    if (!hit) continue;
    const at = wallToUtc(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: start.hour,
        minute: start.minute,
        second: 0,
      },
      tz,
    );
    if ((endsAt !== null && at > endsAt) || (rule.until !== null && at > rule.until)) break;
    out.push(at);
  }
  return out;
}
