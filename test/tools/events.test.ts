// Events tools through a real MCP client against the sandbox: request, result, error per family.
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

const NEXT_WEEK = '2037-12-08T11:00:00+03:00';

async function createWebinar(name = 'Quarterly results') {
  const event = await h.call('create_event', { name, startsAt: NEXT_WEEK });
  expect(event.isError, event.text).toBe(false);
  const session = await h.call('create_event_session', {
    eventId: event.json.eventId,
    startsAt: NEXT_WEEK,
  });
  expect(session.isError, session.text).toBe(false);
  return {
    eventId: event.json.eventId as number,
    sessionId: session.json.eventSessionId as number,
  };
}

describe('create_event / create_event_session', () => {
  it('sends the start as wall-clock parts in the event zone with the numeric zone id', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event', {
      name: 'Ekaterinburg webinar',
      startsAt: '2037-12-08T08:00:00Z',
      timezone: 'Asia/Yekaterinburg',
      durationMinutes: 90,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ eventId: expect.any(Number), link: expect.any(String) });
    const sent = h
      .requestsSince(mark)
      .find((r: RequestRecord) => r.method === 'POST' && r.path === '/events');
    expect(sent?.hasAuthHeader).toBe(true);
    expect(sent?.contentType).toContain('application/x-www-form-urlencoded');
    // 08:00 UTC is 13:00 in Yekaterinburg (UTC+5).
    expect(sent?.body).toMatchObject({
      name: 'Ekaterinburg webinar',
      startsAt: {
        date: { year: '2037', month: '12', day: '8' },
        time: { hour: '13', minute: '0' },
      },
      duration: 'PT1H30M0S',
      accessSettings: {
        isRegistrationRequired: '1',
        isModerationRequired: '0',
        isPasswordRequired: '0',
      },
    });
    const zones = await h.call('list_timezones');
    const yekat = zones.json.items.find((z: { name: string }) => z.name === 'Asia/Yekaterinburg');
    expect(yekat).toBeTruthy();
    const event = await h.call('get_event', { eventId: res.json.eventId });
    expect(event.json.startsAt).toMatch(/^2037-12-08T13:00:00\+0500$/);
    // The API reports only the zone's numeric id; the model reads the name it gave.
    expect(event.json.timezone).toBe('Asia/Yekaterinburg');
  });

  it('creates a session and refuses a second one on a one-off event, naming the session', async () => {
    const { eventId, sessionId } = await createWebinar();
    expect(sessionId).toBeGreaterThan(0);
    const mark = h.sandbox.requests.length;
    const again = await h.call('create_event_session', { eventId, startsAt: NEXT_WEEK });
    expect(again.isError).toBe(true);
    expect(again.text).toContain(`one-off event and already has its session ${sessionId}`);
    expect(again.text).toContain('update_event_session');
    expect(again.text).not.toMatch(/series/);
    expect(h.requestsSince(mark).filter((r: RequestRecord) => r.method === 'POST')).toHaveLength(0);
  });

  it('creates a series from an RRULE and refuses a rule without endsAt before sending', async () => {
    const mark = h.sandbox.requests.length;
    const bad = await h.call('create_event', { name: 'Weekly', rule: 'FREQ=WEEKLY;COUNT=3' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('endsAt');
    expect(h.requestsSince(mark).filter((r: RequestRecord) => r.path === '/events')).toHaveLength(
      0,
    );

    const series = await h.call('create_event', {
      name: 'Weekly stand-up',
      startsAt: '2037-12-01T10:00',
      endsAt: '2037-12-29T11:00',
      rule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      isEventRegAllowed: true,
    });
    expect(series.isError, series.text).toBe(false);
    const event = await h.call('get_event', { eventId: series.json.eventId });
    expect(event.json.rule).toContain('FREQ=WEEKLY');
  });

  it('rejects a bad argument before it reaches the wire', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event_session', { eventId: -5, startsAt: 'next tuesday' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/eventId/);
    expect(res.text).toMatch(/startsAt/);
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('refuses a start with no time of day instead of scheduling it at midnight', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('schedule_webinar', { name: 'Midnight', startsAt: '2037-12-01' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/startsAt.*no time of day.*2037-12-01T11:00/);
    expect(h.requestsSince(mark).filter((r: RequestRecord) => r.method === 'POST')).toHaveLength(0);
  });

  it('accepts the current name of a zone the API lists under its old one (Kyiv / Kiev)', async () => {
    const res = await h.call('create_event', {
      name: 'Kyiv webinar',
      startsAt: '2037-12-08T11:00',
      timezone: 'Europe/Kyiv',
    });
    expect(res.isError, res.text).toBe(false);
    const event = await h.call('get_event', { eventId: res.json.eventId });
    expect(event.json.timezone).toBe('Europe/Kiev');
  });

  it('names the timezone argument when the API does not know the zone', async () => {
    const res = await h.call('create_event', {
      name: 'Antarctic',
      startsAt: NEXT_WEEK,
      timezone: 'Antarctica/Troll',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/timezone.*list_timezones/);
  });
});

describe('list_events / list_events / get_event / get_event_session', () => {
  it('lists events with numeric ids, nested sessions and a next-page hint', async () => {
    const res = await h.call('list_events', { perPage: 10, status: ['STOP'] });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items.length).toBe(10);
    expect(res.json.nextPage).toBe(2);
    const first = res.json.items[0];
    expect(typeof first.id).toBe('number');
    expect(first.status).toBe('STOP');
    expect(typeof first.eventSessions[0].id).toBe('number');
    const single = await h.call('list_events', { perPage: 10, status: 'STOP' });
    expect(single.json.items).toEqual(res.json.items);
    // "What ran on the 1st": a date alone as `to` covers that whole day.
    const oneDay = h.sandbox.requests.length;
    await h.call('list_events', { from: '2037-12-01', to: '2037-12-01' });
    expect(h.requestsSince(oneDay)[0]?.query).toMatchObject({
      from: '2037-12-01 00:00:00',
      to: '2037-12-01 23:59:59',
    });
    const mark = h.sandbox.requests.length;
    await h.call('list_events', { from: '2037-12-01', to: '2037-12-31T23:59:59+03:00' });
    expect(h.requestsSince(mark)[0]?.query).toMatchObject({
      from: '2037-12-01 00:00:00',
      to: '2037-12-31 23:59:59',
      perPage: '50',
      page: '1',
    });
  });

  it('newest: true puts the last webinar first in one call (the API has no sort)', async () => {
    // Truth from the sandbox's own state: the finished session that started last.
    const finished = [...h.sandbox.state.sessions.values()].filter((s) => s.status === 'STOP');
    const last = finished.reduce((a, b) => ((b.startedAt ?? 0) > (a.startedAt ?? 0) ? b : a));
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_events', { status: 'STOP', newest: true, perPage: 10 });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items[0].eventSessions.map((s: { id: number }) => s.id)).toContain(last.id);
    const starts = (page: { items: { eventSessions: { startsAt: string }[] }[] }) =>
      page.items.map((e) =>
        Math.max(
          ...e.eventSessions.map((s) => Date.parse(s.startsAt.replace(/(\d\d)(\d\d)$/, '$1:$2'))),
        ),
      );
    const first = starts(res.json);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    // The period defaults to the past year up to now, read whole, oldest-first pages sorted here.
    const sent = h.requestsSince(mark);
    expect(sent[0]?.query).toMatchObject({ perPage: '250', page: '1', status: ['STOP'] });
    expect(sent[0]?.query.from).toBeDefined();
    expect(res.json.nextPage).toBe(2);
    const second = await h.call('list_events', {
      status: 'STOP',
      newest: true,
      perPage: 10,
      page: 2,
    });
    expect(Math.max(...starts(second.json))).toBeLessThanOrEqual(Math.min(...first));
    // A title filter is matched before the sorted list is paged.
    const named = await h.call('list_events', { newest: true, name: 'ask me anything' });
    const titles = named.json.items.map((e: { name: string }) => e.name);
    expect(titles.length).toBeGreaterThan(1);
    for (const t of titles) expect(t).toMatch(/Ask me anything/);
    const namedStarts = starts(named.json);
    expect(namedStarts).toEqual([...namedStarts].sort((a, b) => b - a));
  });

  it('filters by title and returns an empty last page without nextPage', async () => {
    await createWebinar('Unique zebra title');
    const res = await h.call('list_events', { name: 'zebra' });
    expect(res.json.items).toHaveLength(1);
    expect(res.json.items[0].name).toBe('Unique zebra title');
    expect(res.json.nextPage).toBeUndefined();
    // Nothing matched: the list is there and empty, not missing.
    const none = await h.call('list_events', { name: 'no such title anywhere' });
    expect(none.json).toEqual({ items: [], page: 1, perPage: 50 });
  });

  it("lists one member's events and gives a 404 hint for an unknown member", async () => {
    const all = await h.call('list_events', { perPage: 250 });
    const owner = (await h.call('get_event', { eventId: all.json.items[0].id })).json.createUser;
    const mine = await h.call('list_events', { userId: owner.id, perPage: 250 });
    expect(mine.isError, mine.text).toBe(false);
    expect(mine.json.items.length).toBeGreaterThan(0);
  });

  it('gets an event and a session, and explains a 404 with the tool that finds ids', async () => {
    const { eventId, sessionId } = await createWebinar('Get me');
    const event = await h.call('get_event', { eventId });
    expect(event.json).toMatchObject({ id: eventId, name: 'Get me', status: 'ACTIVE' });
    expect(event.json.eventSessions[0].id).toBe(sessionId);
    const session = await h.call('get_event_session', { eventSessionId: sessionId });
    expect(session.json).toMatchObject({ id: sessionId, status: 'ACTIVE' });
    // A quoted id is read as the number; anything else that is not a number is refused.
    const quoted = await h.call('get_event_session', { eventSessionId: String(sessionId) });
    expect(quoted.json.id).toBe(sessionId);
    const word = await h.call('get_event_session', { eventSessionId: '12 monkeys' });
    expect(word.isError).toBe(true);
    expect(word.text).toMatch(/eventSessionId/);
    const missing = await h.call('get_event', { eventId: 999_999_999 });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('404');
    expect(missing.text).toContain('eventId (from list_events)');
    // Checked, not guessed: 999999999 is no session either, so no mix-up is suggested.
    expect(missing.text).not.toMatch(/session id/);
  });
});

describe('update_event / update_event_session / change_event_owner', () => {
  it('updates only what changes and refuses edits once the session is finished', async () => {
    const { eventId, sessionId } = await createWebinar('Before');
    const mark = h.sandbox.requests.length;
    const upd = await h.call('update_event', { eventId, name: 'After' });
    expect(upd.isError, upd.text).toBe(false);
    expect(upd.json).toMatchObject({ ok: true, eventId });
    const puts = h.requestsSince(mark).filter((r: RequestRecord) => r.method === 'PUT');
    // A one-off event's session follows its event: both get the new title, nothing else.
    expect(puts.map((r) => r.path)).toEqual([
      `/organization/events/${eventId}`,
      `/eventsessions/${sessionId}`,
    ]);
    expect(puts[0]?.body).toEqual({ name: 'After' });
    expect(puts[1]?.body).toEqual({ name: 'After' });
    const sess = await h.call('update_event_session', { eventSessionId: sessionId, name: 'After' });
    expect(sess.isError, sess.text).toBe(false);
    expect((await h.call('get_event_session', { eventSessionId: sessionId })).json.name).toBe(
      'After',
    );

    await h.call('start_event_session', { eventSessionId: sessionId, confirm: true });
    await h.call('stop_event_session', { eventSessionId: sessionId, confirm: true });
    const late = await h.call('update_event_session', {
      eventSessionId: sessionId,
      name: 'Too late',
    });
    expect(late.isError).toBe(true);
    expect(late.text).toContain('409');
  });

  it('finishing an event needs confirmation', async () => {
    const { eventId } = await createWebinar('Finish me');
    const mark = h.sandbox.requests.length;
    const res = await h.call('update_event', { eventId, finish: true });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('confirm: true');
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
    const ok = await h.call('update_event', { eventId, finish: true, confirm: true });
    expect(ok.isError, ok.text).toBe(false);
    expect((await h.call('get_event', { eventId })).json.status).toBe('STOP');
  });

  it('changes the owner to a member and rejects a non-member', async () => {
    const { eventId } = await createWebinar('Hand over');
    const target = [...h.sandbox.state.members.values()].find((m) => m.emailConfirmed)!;
    const res = await h.call('change_event_owner', { eventId, userId: target.id });
    expect(res.isError, res.text).toBe(false);
    expect(h.sandbox.state.events.get(eventId)?.ownerId).toBe(target.id);
    const bad = await h.call('change_event_owner', { eventId, userId: 987_654_321 });
    expect(bad.isError).toBe(true);
  });
});

describe('start / stop / delete need confirmation', () => {
  it('refuses without confirm (client cannot ask) and sends nothing', async () => {
    const { sessionId } = await createWebinar('Confirm me');
    const mark = h.sandbox.requests.length;
    const res = await h.call('start_event_session', { eventSessionId: sessionId });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('confirm: true');
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('runs the state machine ACTIVE → START → STOP and refuses a restart', async () => {
    const { sessionId } = await createWebinar('Live');
    expect(
      (await h.call('start_event_session', { eventSessionId: sessionId, confirm: true })).isError,
    ).toBe(false);
    expect((await h.call('get_event_session', { eventSessionId: sessionId })).json.status).toBe(
      'START',
    );
    // The change answers with the state the user would check next.
    const stop = await h.call('stop_event_session', { eventSessionId: sessionId, confirm: true });
    expect(stop.json).toMatchObject({ ok: true, eventSessionId: sessionId, status: 'STOP' });
    expect(stop.json.endsAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect((await h.call('get_event_session', { eventSessionId: sessionId })).json.status).toBe(
      'STOP',
    );
    const again = await h.call('start_event_session', { eventSessionId: sessionId, confirm: true });
    expect(again.isError).toBe(true);
    expect(again.text).toContain('409');
  });

  it('deletes a session and an event; afterwards they are 404', async () => {
    const { eventId, sessionId } = await createWebinar('Delete me');
    const delSession = await h.call('delete_event_session', {
      eventSessionId: sessionId,
      sendEmail: false,
      confirm: true,
    });
    expect(delSession.isError, delSession.text).toBe(false);
    expect(delSession.json.emails).toBe('none (sendEmail false)');
    expect((await h.call('get_event_session', { eventSessionId: sessionId })).isError).toBe(true);
    const delEvent = await h.call('delete_event', { eventId, confirm: true });
    expect(delEvent.isError, delEvent.text).toBe(false);
    const gone = await h.call('get_event', { eventId });
    expect(gone.text).toContain('404');
  });

  it('delete_event says which sessions went with it and what was e-mailed', async () => {
    const { eventId, sessionId } = await createWebinar('Delete with its session');
    const res = await h.call('delete_event', { eventId, confirm: true });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ deleted: eventId, sessionsDeleted: [sessionId] });
    expect(res.json.emails).toMatch(/none documented.*delete_event_session/);
    expect(h.sandbox.state.events.get(eventId)?.deleted).toBe(true);
    // A session id given as eventId is refused with its event's id before anything is deleted.
    const other = await createWebinar('Keep me');
    const mark = h.sandbox.requests.length;
    const wrong = await h.call('delete_event', { eventId: other.sessionId, confirm: true });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain(`use eventId ${other.eventId}`);
    expect(h.requestsSince(mark).filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});

describe('transport-level behaviour', () => {
  it('retries a 429 with Retry-After and succeeds', async () => {
    h.sandbox.injectFaults([{ kind: '429', retryAfter: 0, pathPrefix: '/timezones' }]);
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_timezones');
    expect(res.isError, res.text).toBe(false);
    const served = h.requestsSince(mark).map((r: RequestRecord) => r.status);
    expect(served).toEqual([429, 200]);
  });
});

describe('id mix-ups name the right id', () => {
  it('an event id given as eventSessionId: "that is event X; its session is Y"', async () => {
    const { eventId, sessionId } = await createWebinar('Mix-up');
    const mark = h.sandbox.requests.length;
    const res = await h.call('update_event_session', { eventSessionId: eventId, name: 'x' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(
      `eventSessionId: ${eventId} is an event id (a one-off event), not a session id; its session is ${sessionId}: use eventSessionId ${sessionId}`,
    );
    expect(res.text).not.toMatch(/series/);
    expect(h.requestsSince(mark).filter((r: RequestRecord) => r.method === 'PUT')).toHaveLength(0);
    const get = await h.call('get_event_session', { eventSessionId: eventId });
    expect(get.text).toContain(`its session is ${sessionId}`);
  });

  it('a session id given as eventId names its event', async () => {
    const { eventId, sessionId } = await createWebinar('Mix-up 2');
    for (const [tool, args] of [
      ['get_event', { eventId: sessionId }],
      ['update_event', { eventId: sessionId, name: 'x' }],
      ['create_event_session', { eventId: sessionId, startsAt: NEXT_WEEK }],
    ] as const) {
      const res = await h.call(tool, args);
      expect(res.isError, tool).toBe(true);
      expect(res.text).toContain(
        `eventId: ${sessionId} is a session id, not an event id; its event is ${eventId}`,
      );
    }
  });
});
