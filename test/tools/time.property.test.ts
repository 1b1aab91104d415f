// Property tests of scheduling times against an independent library (luxon), over generated
// zones (+05:30, +05:45, half-hour DST, both hemispheres), dates (month ends, 29 February, year
// ends, DST days) and times. Two levels: the one planning function over any IANA zone, and
// create_event through a real MCP client against the sandbox (its zones), where the stored
// instant is read from the sandbox's state.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolContext } from '../../src/tools/define.js';
import { InputError } from '../../src/tools/errors.js';
import { planEventTime } from '../../src/tools/event-time.js';
import { canonicalTimeZone } from '../../src/tools/zone-math.js';
import { createHarness, type Harness } from '../helpers/harness.js';

/** Zones with every kind of offset and rule; the sandbox lists only some of them. */
const ALL_ZONES = [
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // half-hour DST, southern hemisphere
  'America/St_Johns', // -03:30 with DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Australia/Sydney', // southern hemisphere DST
  'Pacific/Auckland',
  'America/Santiago',
  'America/Havana', // DST at midnight
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Moscow',
  'Asia/Yekaterinburg',
  'Asia/Tehran',
  'Pacific/Kiritimati', // +14:00
  'UTC',
];
const SANDBOX_ZONES = [
  'Asia/Kolkata',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/Moscow',
  'Asia/Yekaterinburg',
  'UTC',
];

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const transitions = new Map<string, Wall[]>();

/** Days on which a zone's offset changes in a year (luxon's reading of the tz database). */
function transitionDays(zone: string, year: number): Wall[] {
  const key = `${zone} ${year}`;
  const known = transitions.get(key);
  if (known) return known;
  const out: Wall[] = [];
  let day = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
  while (day.year === year) {
    // A week at a time; only a week whose offset changes is walked day by day.
    if (day.plus({ days: 7 }).offset === day.offset && day.plus({ days: 7 }).year === year) {
      day = day.plus({ days: 7 });
      continue;
    }
    const next = day.plus({ days: 1 });
    if (next.offset !== day.offset) {
      // The last wall-clock minute before the change, in 15-minute steps.
      let t = day;
      while (t.plus({ minutes: 15 }).offset === day.offset) t = t.plus({ minutes: 15 });
      out.push({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute });
    }
    day = next;
  }
  transitions.set(key, out);
  return out;
}

const minute = fc.oneof(fc.constantFrom(0, 15, 30, 45), fc.integer({ min: 0, max: 59 }));
const hour = fc.integer({ min: 0, max: 23 });
const year = fc.integer({ min: 2030, max: 2040 });

const time = fc.record({ hour, minute });

/** A date of one of the kinds that break calendars, and a time on it. */
const wallIn = (zone: string) =>
  fc.oneof(
    fc
      .oneof(
        fc.record({
          year,
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        // Month ends (30th, 31st, 28th/29th February) and year ends.
        fc
          .record({ year, month: fc.integer({ min: 1, max: 12 }) })
          .map(({ year: y, month: m }) => ({
            year: y,
            month: m,
            day: DateTime.fromObject({ year: y, month: m }).daysInMonth!,
          })),
        fc.constantFrom(2032, 2036, 2040).map((y) => ({ year: y, month: 2, day: 29 })),
        year.map((y) => ({ year: y, month: 12, day: 31 })),
      )
      .chain((d) => time.map((t) => ({ ...d, ...t }))),
    // DST days, in the hour before, during and after the change.
    fc.tuple(year, fc.nat(), fc.integer({ min: -1, max: 2 }), minute).map(([y, i, h, mi]) => {
      const days = transitionDays(zone, y);
      const d = days.length
        ? days[i % days.length]!
        : { year: y, month: 3, day: 1, hour: 2, minute: 0 };
      const dt = DateTime.fromObject({ ...d, minute: 0 }).plus({ hours: h });
      return { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: mi };
    }),
  );

const zoneAndWall = (zones: string[]) =>
  fc.constantFrom(...zones).chain((zone) => wallIn(zone).map((wall) => ({ zone, wall })));

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const wallIso = (w: Wall) =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;

/** What luxon says a wall time is in a zone: its instants (none in a gap, two in an overlap). */
function truth(w: Wall, zone: string) {
  const dt = DateTime.fromObject(w, { zone });
  const exists = dt.hour === w.hour && dt.minute === w.minute && dt.day === w.day;
  const instants = exists ? dt.getPossibleOffsets().map((o) => o.toMillis()) : [];
  return { instants, shifted: dt };
}

/** A planning context whose catalogue knows every IANA zone (the API's ids do not matter here). */
const ctx = {
  signal: new AbortController().signal,
  timezones: {
    resolve: async (name: string) => ({ id: 7, name: canonicalTimeZone(name)! }),
    idFor: async () => 1,
    nameFor: async () => 'Europe/Moscow',
  },
} as unknown as ToolContext;

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.message;
  }
};

describe('planEventTime against luxon, over every kind of zone', { timeout: 60_000 }, () => {
  it('generates gaps and overlaps often enough to matter', () => {
    const kinds = fc
      .sample(zoneAndWall(ALL_ZONES), { numRuns: 400, seed: 7 })
      .map(({ zone, wall }) => truth(wall, zone).instants.length);
    expect(kinds.filter((n) => n === 0).length).toBeGreaterThan(8);
    expect(kinds.filter((n) => n === 2).length).toBeGreaterThan(8);
  });

  it('a wall time is that time in the zone, or refused in a gap or an overlap', async () => {
    await fc.assert(
      fc.asyncProperty(zoneAndWall(ALL_ZONES), async ({ zone, wall }) => {
        const { instants, shifted } = truth(wall, zone);
        const run = () =>
          planEventTime({ startsAt: wallIso(wall), timezone: zone }, ctx, { past: 'refuse' });
        if (instants.length === 0) {
          expect(await refusal(run)).toMatch(
            new RegExp(`does not exist.*Give ${shifted.toFormat('HH:mm')}`),
          );
        } else if (instants.length === 2) {
          expect(await refusal(run)).toMatch(/happens twice/);
        } else {
          const plan = await run();
          expect(plan.startMs).toBe(instants[0]);
          expect(plan.params.startsAt).toEqual({
            date: { year: wall.year, month: wall.month, day: wall.day },
            time: { hour: wall.hour, minute: wall.minute },
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an exact instant keeps its moment in the zone, or is refused in an overlap', async () => {
    await fc.assert(
      fc.asyncProperty(zoneAndWall(ALL_ZONES), async ({ zone, wall }) => {
        const ms = DateTime.fromObject(wall, { zone: 'UTC' }).toMillis();
        const local = DateTime.fromMillis(ms, { zone });
        const repeated = local.getPossibleOffsets().length === 2;
        const run = () =>
          planEventTime({ startsAt: `${wallIso(wall)}Z`, timezone: zone }, ctx, { past: 'refuse' });
        if (repeated) {
          expect(await refusal(run)).toMatch(/happens twice/);
        } else {
          const plan = await run();
          expect(plan.startMs).toBe(ms);
          expect(plan.params.startsAt).toEqual({
            date: { year: local.year, month: local.month, day: local.day },
            time: { hour: local.hour, minute: local.minute },
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an offset is applied when it exists and refused otherwise; it must agree with a named zone', async () => {
    const offsets = fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 30 }),
      minutes: fc.oneof(fc.constantFrom(0, 30, 45), fc.integer({ min: 0, max: 99 })),
    });
    await fc.assert(
      fc.asyncProperty(zoneAndWall(ALL_ZONES), offsets, async ({ zone, wall }, o) => {
        const text = `${wallIso(wall)}${o.sign}${pad(o.hours)}:${pad(o.minutes)}`;
        const total = (o.sign === '-' ? -1 : 1) * (o.hours * 60 + o.minutes);
        const exists = o.minutes < 60 && total <= 14 * 60 && total >= -12 * 60;
        const noZone = await refusal(() =>
          planEventTime({ startsAt: text }, ctx, { past: 'refuse' }),
        );
        const named = await refusal(() =>
          planEventTime({ startsAt: text, timezone: zone }, ctx, { past: 'refuse' }),
        );
        if (!exists) {
          expect(noZone).toMatch(/offset .* does not exist/);
          expect(named).toMatch(/offset .* does not exist/);
          return;
        }
        const moment = DateTime.fromISO(text, { setZone: true });
        const inZone = moment.setZone(zone);
        const moscow = moment.setZone('Europe/Moscow');
        if (moscow.getPossibleOffsets().length < 2) expect(noZone).toBeUndefined();
        const agrees =
          inZone.hour === wall.hour && inZone.minute === wall.minute && inZone.day === wall.day;
        if (!agrees) expect(named).toMatch(/contradicts the zone/);
        else if (inZone.getPossibleOffsets().length < 2) expect(named).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});

describe('create_event through MCP against luxon (sandbox zones)', { timeout: 60_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores the instant luxon computes, or refuses gaps, overlaps and impossible offsets', async () => {
    const offset = fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.constantFrom('+25:00', '+03:75', '+99:99', '-24:00'),
    );
    await fc.assert(
      fc.asyncProperty(zoneAndWall(SANDBOX_ZONES), offset, async ({ zone, wall }, suffix) => {
        const res = await h.call('create_event', {
          name: 'Property',
          startsAt: `${wallIso(wall)}${suffix}`,
          timezone: zone,
        });
        if (suffix.length > 1) {
          expect(res.isError, res.text).toBe(true);
          return;
        }
        const ms =
          suffix === 'Z' ? DateTime.fromObject(wall, { zone: 'UTC' }).toMillis() : undefined;
        const instants =
          ms === undefined
            ? truth(wall, zone).instants
            : DateTime.fromMillis(ms, { zone }).getPossibleOffsets().length === 2
              ? []
              : [ms];
        if (instants.length !== 1) {
          expect(res.isError, res.text).toBe(true);
          return;
        }
        expect(res.isError, res.text).toBe(false);
        expect(h.sandbox.state.events.get(res.json.eventId)?.startsAt).toBe(instants[0]);
        expect(res.json.utc).toBe(
          DateTime.fromMillis(instants[0]!, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm'Z'"),
        );
      }),
      { numRuns: 150 },
    );
  });
});
