// Issue 19, the sandbox side: event series follow RFC 5545 (WKST, date-only UNTIL, no silent
// cap), wall times in DST gaps and overlaps resolve alike in every zone, and the schedule list and
// the statistics select sessions by the same start. Each case goes through the HTTP API (E1/E2,
// E7, S1) and reads the stored sessions back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIso } from '../../src/sandbox/dates.js';
import { TIMEZONES } from '../../src/sandbox/timezones.js';
import { startClient, when, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

const zoneId = (name: string) => TIMEZONES.find((t) => t.name === name)!.id;
type Wall = [number, number, number, number, number];

/** E1 with the given rule; the stored sessions' starts as wall-clock text with offset. */
async function series(rule: string, start: Wall, end: Wall, zone = 'Europe/Moscow') {
  const res = await c.call('POST', '/events', {
    form: {
      name: `Series ${rule}`,
      access: 1,
      rule,
      isEventRegAllowed: 'true',
      timezone: zoneId(zone),
      ...when('startsAt', ...start),
      ...when('endsAt', ...end),
    },
  });
  return { res, starts: res.status === 201 ? startsOf(res.json.eventId, zone) : [] };
}

function startsOf(eventId: number, zone: string): string[] {
  return [...c.sb.state.sessions.values()]
    .filter((s) => s.eventId === eventId)
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((s) => formatIso(s.startsAt, zone));
}

describe('series rules (RFC 5545)', () => {
  it('honours WKST: every other week counted from Sunday starts on 03-08, not 03-15', async () => {
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR';
    const sunday = await series(`${rule};WKST=SU`, [2027, 3, 7, 11, 0], [2027, 6, 1, 0, 0]);
    expect(sunday.res.status, sunday.res.text).toBe(201);
    expect(sunday.starts).toHaveLength(19);
    expect(sunday.starts[0]).toBe('2027-03-08T11:00:00+0300');
    expect(sunday.starts.at(-1)).toBe('2027-05-31T11:00:00+0300');
    // Without WKST weeks start on Monday (the RFC's default): the week of 03-07 is 03-01..07.
    const monday = await series(rule, [2027, 3, 7, 11, 0], [2027, 6, 1, 0, 0]);
    expect(monday.starts).toHaveLength(18);
    expect(monday.starts[0]).toBe('2027-03-15T11:00:00+0300');
  });

  it("ends a date-only UNTIL before that day's session", async () => {
    const { res, starts } = await series(
      'FREQ=DAILY;UNTIL=20270420',
      [2027, 4, 15, 11, 0],
      [2027, 5, 1, 0, 0],
    );
    expect(res.status, res.text).toBe(201);
    expect(starts.map((s) => s.slice(0, 10))).toEqual([
      '2027-04-15',
      '2027-04-16',
      '2027-04-17',
      '2027-04-18',
      '2027-04-19',
    ]);
  });

  it('creates every session of a long series (daily for a year: 365, no cap at 100)', async () => {
    const { res, starts } = await series('FREQ=DAILY', [2027, 1, 1, 10, 0], [2027, 12, 31, 23, 0]);
    expect(res.status, res.text).toBe(201);
    expect(starts).toHaveLength(365);
    expect(starts.at(-1)).toBe('2027-12-31T10:00:00+0300');
  });

  it('refuses a runaway series with 400 and stores nothing, rather than cutting it short', async () => {
    const events = c.sb.state.events.size;
    const sessions = c.sb.state.sessions.size;
    const { res } = await series('FREQ=DAILY', [2027, 1, 1, 10, 0], [2060, 1, 1, 0, 0]);
    expect(res.status).toBe(400);
    expect(res.json.error.fieldErrors.rule).toMatch(/more than 10000 sessions/);
    expect(c.sb.state.events.size).toBe(events);
    expect(c.sb.state.sessions.size).toBe(sessions);
  });

  it('keeps the wall time across a spring-forward gap; only the gap day moves forward', async () => {
    const { starts } = await series(
      'FREQ=DAILY;COUNT=4',
      [2027, 3, 12, 2, 30],
      [2027, 3, 20, 0, 0],
      'America/New_York',
    );
    expect(starts).toEqual([
      '2027-03-12T02:30:00-0500',
      '2027-03-13T02:30:00-0500',
      '2027-03-14T03:30:00-0400', // 02:30 does not exist that day: read with the offset before
      '2027-03-15T02:30:00-0400',
    ]);
  });
});

describe('wall times in DST gaps and overlaps (RFC 5545 §3.3.5), in every zone alike', () => {
  /** E1 + E2: a single webinar at that wall time; the stored start, shown in its zone. */
  async function single(zone: string, start: Wall) {
    const ev = await c.call('POST', '/events', {
      form: { name: 'One', access: 1, timezone: zoneId(zone), ...when('startsAt', ...start) },
    });
    expect(ev.status, ev.text).toBe(201);
    const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, {
      form: when('startsAt', ...start),
    });
    expect(s.status, s.text).toBe(201);
    const session = c.sb.state.sessions.get(s.json.eventSessionId)!;
    const event = c.sb.state.events.get(ev.json.eventId)!;
    expect(session.startsAt).toBe(event.startsAt);
    return formatIso(session.startsAt, zone);
  }

  it.each([
    ['America/New_York', [2027, 3, 14, 2, 30], '2027-03-14T03:30:00-0400'],
    ['Europe/Berlin', [2027, 3, 28, 2, 30], '2027-03-28T03:30:00+0200'],
    ['Australia/Sydney', [2027, 10, 3, 2, 30], '2027-10-03T03:30:00+1100'],
  ] as Array<[string, Wall, string]>)(
    'a gap time in %s moves forward by the gap, never back',
    async (zone, start, stored) => {
      expect(await single(zone, start)).toBe(stored);
    },
  );

  it.each([
    ['Europe/Berlin', [2027, 10, 31, 2, 30], '2027-10-31T02:30:00+0200'],
    ['America/New_York', [2027, 11, 7, 1, 30], '2027-11-07T01:30:00-0400'],
    ['Australia/Sydney', [2027, 4, 4, 2, 30], '2027-04-04T02:30:00+1100'],
  ] as Array<[string, Wall, string]>)(
    'a repeated autumn time in %s is the first of the two (the earlier instant)',
    async (zone, start, stored) => {
      expect(await single(zone, start)).toBe(stored);
    },
  );
});

describe('the schedule list and the statistics select by the same start', () => {
  it('both read the start the API reports: the actual one once a session has run', async () => {
    // Planned for a year ahead, but run today (the sandbox clock is 2026-03-15 12:00 Moscow).
    const ev = await c.call('POST', '/events', {
      form: { name: 'Ran early', access: 1, ...when('startsAt', 2027, 3, 15, 10, 0) },
    });
    const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
    const id = s.json.eventSessionId as number;
    expect((await c.call('PUT', `/eventsessions/${id}/start`)).status).toBe(204);
    c.clock.now += 90 * 60_000;
    expect((await c.call('PUT', `/eventsessions/${id}/stop`)).status).toBe(204);

    const listed = async (from: string, to: string) => {
      const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const schedule = await c.call('GET', `/organization/events/schedule?${q}&perPage=250`);
      const stats = await c.call('GET', `/stats/events?${q}`);
      const inSchedule = (schedule.json as Array<{ eventSessions: Array<{ id: string }> }>)
        .flatMap((e) => e.eventSessions)
        .some((x) => Number(x.id) === id);
      const inStats =
        stats.status === 200 && (stats.json as Array<{ id: number }>).some((x) => x.id === id);
      return { inSchedule, inStats };
    };
    expect(await listed('2026-03-15 00:00:00', '2026-03-15 23:59:59')).toEqual({
      inSchedule: true,
      inStats: true,
    });
    expect(await listed('2027-03-15 00:00:00', '2027-03-15 23:59:59')).toEqual({
      inSchedule: false,
      inStats: false,
    });
  });
});
