import { describe, expect, it } from 'vitest';
import {
  formatIso,
  formatPlain,
  offsetSeconds,
  parseIsoDuration,
  parseQueryDate,
  wallToUtc,
} from '../../src/sandbox/dates.js';
import { HttpError } from '../../src/sandbox/errors.js';
import { expandRule, parseRule } from '../../src/sandbox/rrule.js';
import { TIMEZONES, timezoneList } from '../../src/sandbox/timezones.js';

const MSK = 'Europe/Moscow';

describe('time zones', () => {
  it('formats ISO with a colon-less offset in the zone', () => {
    const ms = Date.UTC(2019, 6, 10, 16, 39, 24);
    expect(formatIso(ms, MSK)).toBe('2019-07-10T19:39:24+0300');
    expect(formatIso(ms, 'America/New_York')).toBe('2019-07-10T12:39:24-0400');
    expect(formatIso(ms, 'UTC')).toBe('2019-07-10T16:39:24+0000');
    expect(formatIso(ms, 'Asia/Kolkata')).toBe('2019-07-10T22:09:24+0530');
    expect(formatPlain(ms, MSK)).toBe('2019-07-10 19:39:24');
  });

  it('converts wall-clock time to UTC across DST', () => {
    const w = { year: 2026, month: 1, day: 15, hour: 10, minute: 0, second: 0 };
    expect(wallToUtc(w, 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 9, 0));
    expect(wallToUtc({ ...w, month: 7 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 15, 8, 0));
    expect(wallToUtc({ ...w, month: 7 }, MSK)).toBe(Date.UTC(2026, 6, 15, 7, 0));
    expect(wallToUtc(w, 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 15, 0));
  });

  it('reports offsets in seconds', () => {
    expect(offsetSeconds(MSK, Date.UTC(2026, 0, 1))).toBe(10800);
    expect(offsetSeconds('Europe/London', Date.UTC(2026, 6, 1))).toBe(3600);
  });

  it('lists zones with Moscow as id 1 and unique names', () => {
    const list = timezoneList(Date.UTC(2026, 0, 1)) as Array<Record<string, unknown>>;
    expect(list[0]).toEqual({ id: 1, name: MSK, description: 'Москва', offset: 10800 });
    expect(new Set(TIMEZONES.map((t) => t.name)).size).toBe(TIMEZONES.length);
    expect(TIMEZONES.length).toBeGreaterThanOrEqual(30);
    for (const name of ['Asia/Vladivostok', 'Europe/Minsk', 'Asia/Tashkent', 'UTC']) {
      expect(TIMEZONES.some((t) => t.name === name)).toBe(true);
    }
  });
});

describe('parseQueryDate (lenient)', () => {
  const noonMsk = Date.UTC(2026, 2, 1, 9, 0, 0);
  it.each([
    ['2026-03-01 12:00:00', noonMsk],
    ['2026-03-01+12:00:00', noonMsk],
    ['2026-03-01T12:00:00', noonMsk],
    ['2026-03-01 12:00', noonMsk],
    ['2026-03-01', Date.UTC(2026, 1, 28, 21, 0, 0)],
    ['2026-03-01T09:00:00Z', noonMsk],
    ['2026-03-01T12:00:00+03:00', noonMsk],
    ['2026-03-01T12:00:00+0300', noonMsk],
  ])('%s', (text, expected) => {
    expect(parseQueryDate(text, 'from', MSK)).toBe(expected);
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2026-03-01 25:00:00', ''])(
    'rejects %j with 400 naming the field',
    (text) => {
      try {
        parseQueryDate(text, 'from', MSK);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(HttpError);
        expect((err as HttpError).status).toBe(400);
        expect((err as HttpError).fieldErrors).toHaveProperty('from');
      }
    },
  );
});

describe('durations and rules', () => {
  it('parses ISO-8601 durations', () => {
    expect(parseIsoDuration('PT0H30M0S')).toBe(1800);
    expect(parseIsoDuration('PT1H')).toBe(3600);
    expect(parseIsoDuration('P1DT1S')).toBe(86401);
    expect(parseIsoDuration('30 minutes')).toBeNull();
    expect(parseIsoDuration('PT')).toBeNull();
  });

  it('expands weekly rules keeping wall-clock time across DST', () => {
    const start = { year: 2026, month: 3, day: 20, hour: 10, minute: 0, second: 0 };
    const out = expandRule(parseRule('FREQ=WEEKLY;COUNT=3'), start, 'Europe/London', null);
    expect(out.map((ms) => formatIso(ms, 'Europe/London'))).toEqual([
      '2026-03-20T10:00:00+0000',
      '2026-03-27T10:00:00+0000',
      '2026-04-03T10:00:00+0100',
    ]);
  });

  it('supports BYDAY, INTERVAL, UNTIL and endsAt; refuses a runaway rule instead of cutting it', () => {
    const start = { year: 2026, month: 3, day: 16, hour: 9, minute: 0, second: 0 }; // Monday
    const byDay = expandRule(
      parseRule('FREQ=WEEKLY;BYDAY=MO,WE'),
      start,
      MSK,
      wallToUtc({ ...start, day: 25 }, MSK),
    );
    expect(byDay.map((ms) => formatIso(ms, MSK).slice(0, 10))).toEqual([
      '2026-03-16',
      '2026-03-18',
      '2026-03-23',
      '2026-03-25',
    ]);
    const until = expandRule(parseRule('FREQ=DAILY;INTERVAL=2;UNTIL=20260321'), start, MSK, null);
    expect(until).toHaveLength(3);
    expect(() => expandRule(parseRule('FREQ=DAILY'), start, MSK, null)).toThrow(
      /more than 10000 sessions/,
    );
    expect(
      expandRule(parseRule('FREQ=MONTHLY;COUNT=3'), { ...start, day: 31 }, MSK, null),
    ).toHaveLength(3);
  });

  it.each([
    ['FREQ=HOURLY', /DAILY, WEEKLY, MONTHLY or YEARLY/],
    ['COUNT=3', /FREQ is required/],
    ['FREQ=DAILY;BYSETPOS=1', /BYSETPOS needs another/],
    ['FREQ=FORTNIGHTLY', /FREQ must be one of/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270101', /COUNT and UNTIL/],
    ['FREQ=DAILY;COUNT=0', /COUNT must be 1/],
    ['FREQ=DAILY;INTERVAL=two', /INTERVAL must be an integer/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY must be weekdays/],
    ['FREQ=WEEKLY;BYDAY=-1FR', /needs FREQ=MONTHLY or YEARLY/],
    ['FREQ=MONTHLY;BYDAY=54MO', /BYDAY must be ±1..53/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /not allowed with FREQ=WEEKLY/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY must be ±1..31/],
    ['FREQ=DAILY;COUNT=2;COUNT=3', /must not appear twice/],
    ['FREQ=DAILY;UNTIL=20270230', /UNTIL must be a date/],
    ['FREQ=DAILY;WKST=XX', /WKST must be a weekday/],
    ['FREQ=YEARLY;BYEASTER=0', /unknown rule part BYEASTER/],
    ['FREQ', /expected NAME=VALUE/],
  ])('refuses %s with 400 on `rule`, saying why', (rule, why) => {
    let error: unknown;
    try {
      parseRule(rule);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).fieldErrors?.rule).toMatch(why);
  });

  it('skips dates a month or year lacks (RFC 5545: invalid instances are ignored)', () => {
    const leap = { year: 2028, month: 2, day: 29, hour: 10, minute: 0, second: 0 };
    const yearly = expandRule(parseRule('FREQ=YEARLY;COUNT=3'), leap, MSK, null);
    expect(yearly.map((ms) => formatIso(ms, MSK).slice(0, 10))).toEqual([
      '2028-02-29',
      '2032-02-29',
      '2036-02-29',
    ]);
    const monthEnd = { ...leap, year: 2027, month: 1, day: 31 };
    const monthly = expandRule(parseRule('FREQ=MONTHLY;COUNT=3'), monthEnd, MSK, null);
    expect(monthly.map((ms) => formatIso(ms, MSK).slice(0, 10))).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
    ]);
  });

  it('accepts the rest of RFC 5545: ordinal weekdays, month days, set positions, any case', () => {
    const start = { year: 2027, month: 1, day: 1, hour: 10, minute: 0, second: 0 };
    const lastFridays = expandRule(parseRule('freq=monthly;byday=-1fr;count=3'), start, MSK, null);
    expect(lastFridays.map((ms) => formatIso(ms, MSK).slice(0, 10))).toEqual([
      '2027-01-29',
      '2027-02-26',
      '2027-03-26',
    ]);
    const lastWorkday = 'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2;';
    expect(
      expandRule(parseRule(lastWorkday), start, MSK, null).map((ms) => formatIso(ms, MSK)),
    ).toEqual(['2027-01-29T10:00:00+0300', '2027-02-26T10:00:00+0300']);
  });
});
