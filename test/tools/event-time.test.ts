// Issue 19: a webinar starts when the user said, in every time zone. Each numbered case of the
// issue is a test here, through a real MCP client against the sandbox; the instants are checked
// against luxon, an independent time library.
import { DateTime } from 'luxon';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** The instant of a wall-clock time in a zone, by luxon. */
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const posts = (mark: number) =>
  h.requestsSince(mark).filter((r: RequestRecord) => r.method !== 'GET');
async function berlinWebinar(name: string) {
  const res = await h.call('schedule_webinar', {
    name,
    startsAt: '2037-06-01T10:00',
    timezone: 'Europe/Berlin',
    durationMinutes: 60,
  });
  expect(res.isError, res.text).toBe(false);
  return res.json as { eventId: number; eventSessionId: number };
}

describe('case 1: a time without offset is wall-clock time in the event’s own zone', () => {
  it('update_event_session without timezone keeps Berlin, and the event follows', async () => {
    const { eventId, eventSessionId } = await berlinWebinar('Case 1 session');
    const berlinId = h.sandbox.state.events.get(eventId)!.timezoneId;
    const res = await h.call('update_event_session', {
      eventSessionId,
      startsAt: '2037-06-01T11:00',
    });
    expect(res.isError, res.text).toBe(false);
    const eleven = at('2037-06-01T11:00', 'Europe/Berlin');
    expect(h.sandbox.state.sessions.get(eventSessionId)).toMatchObject({
      startsAt: eleven,
      timezoneId: berlinId,
    });
    // One call moved the webinar: the one-off event follows its session.
    expect(h.sandbox.state.events.get(eventId)).toMatchObject({
      startsAt: eleven,
      timezoneId: berlinId,
    });
    expect(res.json).toMatchObject({
      startsAt: '2037-06-01T11:00+02:00',
      utc: '2037-06-01T09:00Z',
      timezone: 'Europe/Berlin',
      zone: "the session's own (timezone not given)",
      durationMinutes: 60,
    });
    expect(res.json.event).toContain(`event ${eventId} updated too`);
    expect(res.json.emails).toContain('e-mail registered people about the new time');
  });

  it('update_event without timezone keeps the event in Berlin and moves its session', async () => {
    const { eventId, eventSessionId } = await berlinWebinar('Case 1 event');
    const berlinId = h.sandbox.state.events.get(eventId)!.timezoneId;
    const res = await h.call('update_event', { eventId, startsAt: '2037-06-01T12:00' });
    expect(res.isError, res.text).toBe(false);
    const noon = at('2037-06-01T12:00', 'Europe/Berlin');
    expect(h.sandbox.state.events.get(eventId)).toMatchObject({
      startsAt: noon,
      timezoneId: berlinId,
    });
    expect(h.sandbox.state.sessions.get(eventSessionId)?.startsAt).toBe(noon);
    expect(res.json).toMatchObject({
      startsAt: '2037-06-01T12:00+02:00',
      utc: '2037-06-01T10:00Z',
    });
  });

  it('an update with an offset keeps the instant and the zone', async () => {
    const { eventId, eventSessionId } = await berlinWebinar('Case 1 offset');
    const berlinId = h.sandbox.state.events.get(eventId)!.timezoneId;
    const res = await h.call('update_event_session', {
      eventSessionId,
      startsAt: '2037-06-01T12:00+03:00',
    });
    expect(res.isError, res.text).toBe(false);
    expect(h.sandbox.state.sessions.get(eventSessionId)).toMatchObject({
      startsAt: Date.UTC(2037, 5, 1, 9, 0),
      timezoneId: berlinId,
    });
    expect(res.json.startsAt).toBe('2037-06-01T11:00+02:00');
  });

  it('a new zone, when asked for, keeps the moment and says what the clock shows', async () => {
    const { eventId, eventSessionId } = await berlinWebinar('Case 1 zone change');
    const before = h.sandbox.state.events.get(eventId)!.startsAt;
    const res = await h.call('update_event', { eventId, timezone: 'по Москве' });
    expect(res.isError, res.text).toBe(false);
    expect(h.sandbox.state.events.get(eventId)?.startsAt).toBe(before);
    expect(h.sandbox.state.sessions.get(eventSessionId)?.startsAt).toBe(before);
    expect(res.json).toMatchObject({
      startsAt: '2037-06-01T11:00+03:00',
      utc: '2037-06-01T08:00Z',
      timezone: 'Europe/Moscow',
      zone: '"по Москве" read as Europe/Moscow',
    });
    expect(res.json.notes[0]).toMatch(
      /start kept at the same moment: 2037-06-01 11:00 Europe\/Moscow \(2037-06-01 10:00 Europe\/Berlin\)/,
    );
  });

  it("create_event_session on a Berlin series reads the event's zone", async () => {
    const series = await h.call('create_event', {
      name: 'Case 1 series',
      startsAt: '2037-06-02T10:00',
      endsAt: '2037-06-30',
      rule: 'FREQ=WEEKLY;BYDAY=TU',
      timezone: 'Europe/Berlin',
    });
    expect(series.isError, series.text).toBe(false);
    const res = await h.call('create_event_session', {
      eventId: series.json.eventId,
      startsAt: '2037-06-04T15:00',
    });
    expect(res.isError, res.text).toBe(false);
    const session = h.sandbox.state.sessions.get(res.json.eventSessionId);
    expect(session?.startsAt).toBe(at('2037-06-04T15:00', 'Europe/Berlin'));
    expect(res.json).toMatchObject({
      timezone: 'Europe/Berlin',
      zone: "the event's own (timezone not given)",
    });
  });
});

describe('case 2: autumn overlap', () => {
  it('refuses an exact instant in the repeated hour (the wire cannot say which)', async () => {
    for (const [startsAt, timezone] of [
      ['2037-10-25T00:30Z', 'Europe/Berlin'], // 02:30 summer time, first of two 02:30s
      ['2037-10-25T01:30Z', 'Europe/Berlin'], // 02:30 winter time
      ['2037-11-01T06:30Z', 'America/New_York'], // 01:30 EST, the second 01:30
    ]) {
      const mark = h.sandbox.requests.length;
      const res = await h.call('create_event', { name: 'Overlap', startsAt, timezone });
      expect(res.isError, startsAt).toBe(true);
      expect(res.text).toMatch(/startsAt.*happens twice/);
      expect(posts(mark)).toHaveLength(0);
    }
  });

  it('refuses an ambiguous wall time and keeps instants outside the overlap exact', async () => {
    const amb = await h.call('create_event', {
      name: 'Overlap wall',
      startsAt: '2037-10-25T02:30',
      timezone: 'Europe/Berlin',
    });
    expect(amb.isError).toBe(true);
    expect(amb.text).toContain('02:30+02:00 and 02:30+01:00');
    const ok = await h.call('create_event', {
      name: 'After overlap',
      startsAt: '2037-10-25T02:30Z',
      timezone: 'Europe/Berlin',
    });
    expect(ok.isError, ok.text).toBe(false);
    expect(h.sandbox.state.events.get(ok.json.eventId)?.startsAt).toBe(
      Date.UTC(2037, 9, 25, 2, 30),
    );
    expect(ok.json).toMatchObject({ startsAt: '2037-10-25T03:30+01:00', utc: '2037-10-25T02:30Z' });
  });
});

describe('case 3: out-of-range offsets are refused, not applied', () => {
  it.each(['+25:00', '+03:75', '+99:99', '-24:00', '+14:30', '-12:30'])('%s', async (offset) => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event', {
      name: 'Offset',
      startsAt: `2037-12-08T11:00${offset}`,
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/startsAt.*offset .* does not exist/);
    const list = await h.call('list_events', { from: `2037-12-01T00:00${offset}` });
    expect(list.isError).toBe(true);
    expect(list.text).toMatch(/from.*offset/);
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('accepts the extremes that exist (+14:00 Kiritimati, -12:00)', async () => {
    const res = await h.call('create_event', {
      name: 'Line Islands',
      startsAt: '2037-12-08T11:00+14:00',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.utc).toBe('2037-12-07T21:00Z');
  });
});

describe('case 4: spring-forward gap', () => {
  it('refuses a wall time that does not exist and says which time is the same moment', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event', {
      name: 'Gap',
      startsAt: '2037-03-08T02:30',
      timezone: 'America/New_York',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/2037-03-08 02:30 does not exist in America\/New_York.*Give 03:30/);
    expect(posts(mark)).toHaveLength(0);
    const berlin = await h.call('schedule_webinar', {
      name: 'Gap Berlin',
      startsAt: '2037-03-29T02:30',
      timezone: 'Europe/Berlin',
    });
    expect(berlin.isError).toBe(true);
    expect(berlin.text).toContain('Give 03:30');
  });
});

describe('cases 5 and 7: the sandbox follows RFC 5545', () => {
  /** The sessions the sandbox made for an event, as ISO dates in Moscow. */
  const sessionDays = (eventId: number) =>
    [...h.sandbox.state.sessions.values()]
      .filter((s) => s.eventId === eventId)
      .map((s) => DateTime.fromMillis(s.startsAt, { zone: 'Europe/Moscow' }).toISODate())
      .sort();

  // 2037-03-01 is a Sunday; with WKST=SU, the week of 03-01 holds MO 03-02, as RFC 5545 counts.
  it('case 5: WKST=SU shifts the fortnights, as RFC 5545 (ical.js) says', async () => {
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU';
    const res = await h.call('create_event', {
      name: 'WKST',
      startsAt: '2037-03-01T11:00',
      endsAt: '2037-05-31',
      rule,
    });
    expect(res.isError, res.text).toBe(false);
    // ical.js, not rrule: the sandbox itself expands rules with rrule.
    const it = ICAL.Recur.fromString(rule).iterator(
      ICAL.Time.fromDateTimeString('2037-03-01T11:00:00'),
    );
    const want: string[] = [];
    for (let d = it.next(); d && d.toString() <= '2037-05-31T23:59:00'; d = it.next()) {
      want.push(d.toString().slice(0, 10));
    }
    expect(want[0]).toBe('2037-03-02'); // with WKST=MO it would be 03-09
    expect(sessionDays(res.json.eventId)).toEqual(want);
  });

  it('case 7: a daily series for a year has 365 sessions, not 100', async () => {
    const res = await h.call('create_event', {
      name: 'A year of dailies',
      startsAt: '2037-01-01T11:00',
      endsAt: '2037-12-31',
      rule: 'FREQ=DAILY',
    });
    expect(res.isError, res.text).toBe(false);
    // The result counts what the API made, so a cut could not pass unseen.
    expect(res.json.series.sessions).toBe(sessionDays(res.json.eventId).length);
    expect(res.json.series.sessions).toBe(365);
  });
});

describe('case 6: a date-only series end includes that day', () => {
  it('daily 06-10 → 06-20 makes 11 sessions, the last on 06-20', async () => {
    const res = await h.call('create_event', {
      name: 'Daily',
      startsAt: '2037-06-10T11:00',
      endsAt: '2037-06-20',
      rule: 'FREQ=DAILY',
    });
    expect(res.isError, res.text).toBe(false);
    const sessions = [...h.sandbox.state.sessions.values()].filter(
      (s) => s.eventId === res.json.eventId,
    );
    expect(sessions).toHaveLength(11);
    expect(Math.max(...sessions.map((s) => s.startsAt))).toBe(
      at('2037-06-20T11:00', 'Europe/Moscow'),
    );
    expect(res.json.series).toMatchObject({ sessions: 11, last: '2037-06-20T11:00+03:00' });
    expect(res.json.notes.join()).toContain('that day included');
  });
});

describe('case 8: a series succeeds on the first try', () => {
  it('sends isEventRegAllowed (required for a series) when the user did not', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event', {
      name: 'Weekly',
      startsAt: '2037-06-01T10:00',
      endsAt: '2037-06-29',
      rule: 'FREQ=WEEKLY',
    });
    expect(res.isError, res.text).toBe(false);
    const sent = h.requestsSince(mark).find((r: RequestRecord) => r.path === '/events');
    expect(sent?.body).toMatchObject({
      isEventRegAllowed: expect.any(String),
      rule: 'FREQ=WEEKLY',
    });
    expect(h.sandbox.state.events.get(res.json.eventId)?.isEventRegAllowed).toBe(true);
    expect(res.json.series.sessions).toBe(5);
  });
});

describe('case 9: lists and statistics select by the same start', () => {
  it('a session planned in 2037 but run now is in the same period for both', async () => {
    const { eventSessionId } = await berlinWebinar('Case 9');
    await h.call('start_event_session', { eventSessionId, confirm: true });
    await h.call('stop_event_session', { eventSessionId, confirm: true });
    const ran = h.sandbox.state.sessions.get(eventSessionId)!;
    const day = new Date(ran.startedAt!).toISOString().slice(0, 10);
    const period = { from: `${day}T00:00Z`, to: `${day}T23:59Z` };
    const listed = await h.call('list_events', { ...period, perPage: 250 });
    const stats = await h.call('list_session_stats', period);
    const inList = listed.json.items.flatMap((e: { eventSessions?: { id: number }[] }) =>
      (e.eventSessions ?? []).map((s) => s.id),
    );
    const inStats = stats.json.items.map((s: { eventSessionId: number }) => s.eventSessionId);
    expect(inStats).toContain(eventSessionId);
    expect(inList).toContain(eventSessionId);
    // The planned day selects it in neither.
    const planned = { from: '2037-06-01', to: '2037-06-01' };
    const plannedList = await h.call('list_events', { ...planned, name: 'Case 9' });
    expect(plannedList.json.items).toEqual([]);
  });

  it('the rule and the Moscow reading of times without offset are in the descriptions', async () => {
    const { tools } = await h.client.listTools();
    for (const name of ['list_events', 'list_session_stats', 'summarize_attendance']) {
      const from = (
        tools.find((t) => t.name === name)?.inputSchema.properties as Record<
          string,
          { description?: string }
        >
      ).from;
      expect(from?.description, name).toMatch(/actual if it ran, else planned.*Moscow/);
    }
  });
});

describe('case 10: no move into the past on update', () => {
  it('refuses a past start and leaves event and session as they were', async () => {
    const { eventId, eventSessionId } = await berlinWebinar('Case 10');
    const yesterday = DateTime.now()
      .setZone('Europe/Berlin')
      .minus({ days: 1 })
      .toFormat("yyyy-MM-dd'T'HH:mm");
    const before = h.sandbox.state.sessions.get(eventSessionId)!.startsAt;
    const mark = h.sandbox.requests.length;
    const res = await h.call('update_event_session', { eventSessionId, startsAt: yesterday });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/startsAt.*is in the past/);
    expect(posts(mark)).toHaveLength(0);
    const viaEvent = await h.call('update_event', { eventId, startsAt: yesterday });
    expect(viaEvent.isError).toBe(true);
    expect(h.sandbox.state.sessions.get(eventSessionId)!.startsAt).toBe(before);
    expect(h.sandbox.state.events.get(eventId)!.startsAt).toBe(before);
  });

  it('lets a live session keep its (past) start while other fields change', async () => {
    const { eventSessionId } = await berlinWebinar('Case 10 live');
    await h.call('start_event_session', { eventSessionId, confirm: true });
    const session = h.sandbox.state.sessions.get(eventSessionId)!;
    session.startsAt = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000; // planned an hour ago
    const same = DateTime.fromMillis(session.startsAt).toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'");
    const res = await h.call('update_event_session', {
      eventSessionId,
      startsAt: same,
      name: 'Renamed live',
    });
    expect(res.isError, res.text).toBe(false);
    const earlier = DateTime.fromMillis(session.startsAt - 3_600_000)
      .toUTC()
      .toFormat("yyyy-MM-dd'T'HH:mm'Z'");
    const moved = await h.call('update_event_session', { eventSessionId, startsAt: earlier });
    expect(moved.isError).toBe(true);
  });
});

describe('case 11: seconds, Moscow filters, duration on the session', () => {
  it('says when it drops seconds the API cannot take', async () => {
    const res = await h.call('create_event', {
      name: 'Seconds',
      startsAt: '2037-12-08T11:00:30.500',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.startsAt).toBe('2037-12-08T11:00+03:00');
    expect(res.json.notes).toEqual([
      'startsAt 2037-12-08T11:00:30.500: seconds dropped (the API schedules whole minutes)',
    ]);
  });

  it('schedule_webinar sends the duration with the session and echoes time, zone, duration', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('schedule_webinar', {
      name: 'With duration',
      startsAt: '2037-12-08T11:00',
      durationMinutes: 90,
    });
    expect(res.isError, res.text).toBe(false);
    const session = h
      .requestsSince(mark)
      .find((r: RequestRecord) => r.method === 'POST' && r.path.endsWith('/sessions'));
    expect(session?.body).toMatchObject({ duration: 'PT1H30M0S' });
    expect(res.json).toMatchObject({
      startsAt: '2037-12-08T11:00+03:00',
      utc: '2037-12-08T08:00Z',
      timezone: 'Europe/Moscow',
      zone: 'default (no timezone given)',
      durationMinutes: 90,
    });
  });
});
