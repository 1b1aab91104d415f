// Property test of event series against ical.js (RFC 5545 date pattern) and luxon (zone rules):
// create_event through a real MCP client, then the sandbox's sessions must be exactly the
// occurrences the two libraries compute, and the result must count them.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const ZONES = [
  'Europe/Moscow',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** What the sandbox handles today; `rfc5545` adds WKST, 02:00 starts (DST gaps) and long series. */
const seriesOf = (rfc5545: boolean) =>
  fc.record({
    zone: fc.constantFrom(...ZONES),
    start: fc.date({
      min: new Date('2031-01-01T00:00Z'),
      max: new Date('2036-12-31T00:00Z'),
      noInvalidDate: true,
    }),
    hour: rfc5545 ? fc.constantFrom(2, 9, 19) : fc.constantFrom(9, 10, 11, 15, 19),
    wkst: rfc5545 ? fc.constantFrom('', 'SU', 'MO') : fc.constant(''),
    freq: fc.constantFrom('DAILY', 'WEEKLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    byDay: fc.subarray([...DAYS], { minLength: 1, maxLength: 3 }),
    end: fc.oneof(
      fc.record({ count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ days: fc.integer({ min: 0, max: rfc5545 ? 400 : 70 }), dateOnly: fc.boolean() }),
    ),
  });

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

type Series = ReturnType<typeof seriesOf> extends fc.Arbitrary<infer T> ? T : never;

/** The RRULE text the tool gets, and the session starts RFC 5545 gives (ical.js dates, luxon zones). */
function expected(s: Series) {
  const d = DateTime.fromJSDate(s.start, { zone: 'UTC' });
  const startWall: Wall = { year: d.year, month: d.month, day: d.day, hour: s.hour, minute: 0 };
  const parts = [`FREQ=${s.freq}`, `INTERVAL=${s.interval}`];
  if (s.freq === 'WEEKLY') parts.push(`BYDAY=${s.byDay.join(',')}`);
  if (s.wkst) parts.push(`WKST=${s.wkst}`);
  if ('count' in s.end) parts.push(`COUNT=${s.end.count}`);
  const rule = parts.join(';');
  // A COUNT series still needs endsAt (the API requires it); the earlier of the two ends it.
  const endDay = DateTime.fromObject(startWall).plus(
    'days' in s.end ? { days: s.end.days } : { years: 2 },
  );
  const dateOnly = !('days' in s.end) || s.end.dateOnly;
  const endsAt = dateOnly ? endDay.toFormat('yyyy-MM-dd') : endDay.toFormat("yyyy-MM-dd'T'HH:mm");
  const untilWall: Wall = {
    year: endDay.year,
    month: endDay.month,
    day: endDay.day,
    hour: dateOnly ? 23 : endDay.hour,
    minute: dateOnly ? 59 : endDay.minute,
  };
  // luxon places a wall time in the zone: a gap time moves forward, an overlap takes the earlier.
  const place = (w: Wall) => {
    const dt = DateTime.fromObject(w, { zone: s.zone });
    return Math.min(...dt.getPossibleOffsets().map((o) => o.toMillis()), dt.toMillis());
  };
  const until = place(untilWall);
  // ical.js expands the rule in floating wall time (not rrule, which the sandbox itself uses).
  const dtstart = ICAL.Time.fromData({ ...startWall, second: 0, isDate: false });
  const it = ICAL.Recur.fromString(rule).iterator(dtstart);
  const instants: number[] = [];
  for (let next = it.next(); next && instants.length < 20_000; next = it.next()) {
    const at = place({
      year: next.year,
      month: next.month,
      day: next.day,
      hour: next.hour,
      minute: next.minute,
    });
    if (at > until) break;
    instants.push(at);
  }
  const startsAt = `${pad(startWall.year)}-${pad(startWall.month)}-${pad(startWall.day)}T${pad(startWall.hour)}:00`;
  return { rule, startsAt, endsAt, instants };
}

async function sameAsRfc5545(s: Series) {
  const want = expected(s);
  const res = await h.call('create_event', {
    name: 'Series property',
    startsAt: want.startsAt,
    endsAt: want.endsAt,
    rule: want.rule,
    timezone: s.zone,
  });
  if (res.isError) {
    // Only a first session or an end time that falls in a DST gap or overlap may be refused.
    expect(res.text).toMatch(/(startsAt|endsAt).*(does not exist|happens twice)/);
    return;
  }
  const got = [...h.sandbox.state.sessions.values()]
    .filter((x) => x.eventId === res.json.eventId)
    .map((x) => x.startsAt)
    .sort((a, b) => a - b);
  expect(got).toEqual(want.instants);
  expect(res.json.series.sessions).toBe(want.instants.length);
}

describe('series against ical.js and luxon', { timeout: 60_000 }, () => {
  it('the sessions are the RFC 5545 occurrences, and the result counts them', async () => {
    await fc.assert(fc.asyncProperty(seriesOf(false), sameAsRfc5545), { numRuns: 120 });
  });

  // Issue 19 cases 4, 5 and 7 (WKST ignored, a New York gap time moved backwards, series cut
  // at 100 sessions): this property found each of them in the sandbox before its fix.
  it('with WKST, DST-gap times and long series too (issue 19 cases 4, 5, 7)', async () => {
    await fc.assert(fc.asyncProperty(seriesOf(true), sameAsRfc5545), { numRuns: 120 });
  });
});
