import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEZONES } from '../../src/sandbox/timezones.js';
import { NOW, startClient, when, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

const tzId = (name: string) => TIMEZONES.find((t) => t.name === name)?.id as number;

async function createEvent(form: Record<string, string | number | boolean> = {}) {
  const res = await c.call('POST', '/events', {
    form: { name: 'Test webinar', access: 1, ...form },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.eventId as number;
}

async function createSingle(form: Record<string, string | number | boolean> = {}) {
  const eventId = await createEvent(form);
  const res = await c.call('POST', `/events/${eventId}/sessions`, { form: {} });
  expect(res.status, res.text).toBe(201);
  return { eventId, sessionId: res.json.eventSessionId as number };
}

describe('E14 GET /timezones', () => {
  it('lists zones with Moscow = 1', async () => {
    const res = await c.call('GET', '/timezones');
    expect(res.status).toBe(200);
    expect(res.json[0]).toEqual({
      id: 1,
      name: 'Europe/Moscow',
      description: 'Москва',
      offset: 10800,
    });
  });
});

describe('E1 POST /events', () => {
  it('creates a single event (201, eventId + link) with no session yet', async () => {
    const res = await c.call('POST', '/events', {
      form: {
        name: 'Квартальный отчёт',
        'accessSettings[isPasswordRequired]': 0,
        'accessSettings[isRegistrationRequired]': 1,
        'accessSettings[isModerationRequired]': '0',
        description: 'Plain text',
        lang: 'EN',
        type: 'meeting',
        duration: 'PT1H30M0S',
        urlAlias: 'q-report',
        'lectorIds[0]': 1030,
        'lectorIds[1]': 1031,
        'tags[]': 'finance',
        ownerId: 1030,
        timezone: tzId('Europe/Berlin'),
        ...when('startsAt', 2026, 7, 1, 10, 30),
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      eventId: expect.any(Number),
      link: 'https://events.webinar.ru/demo-academy/q-report',
    });
    const ev = c.sb.state.events.get(res.json.eventId);
    expect(ev).toMatchObject({
      name: 'Квартальный отчёт',
      lang: 'EN',
      type: 'meeting',
      ownerId: 1030,
      lectorIds: [1030, 1031],
      tags: ['finance'],
      rule: 'FREQ=DAILY;COUNT=1',
      isSeries: false,
      // 10:30 in Berlin summer time is 08:30 UTC.
      startsAt: Date.UTC(2026, 6, 1, 8, 30),
      accessSettings: {
        isPasswordRequired: false,
        isRegistrationRequired: true,
        isModerationRequired: false,
      },
    });
    expect([...c.sb.state.sessions.values()].filter((s) => s.eventId === ev?.id)).toHaveLength(0);
  });

  it('accepts JSON bodies and generates 32-hex keys for additional fields', async () => {
    const res = await c.call('POST', '/events', {
      json: {
        name: 'JSON event',
        access: 8,
        additionalFields: [
          { label: 'Company', type: 'text', isRequired: true, placeholder: 'ACME' },
          { label: 'Source', type: 'radio', values: ['Friends', 'Ads'] },
        ],
      },
    });
    expect(res.status).toBe(201);
    const ev = await c.call('GET', `/organization/events/${res.json.eventId}`);
    expect(ev.json.access).toBe(8);
    expect(ev.json.accessSettings).toEqual({
      isPasswordRequired: false,
      isRegistrationRequired: true,
      isModerationRequired: true,
    });
    const [company, source] = ev.json.additionalFields;
    expect(company).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{32}$/),
      label: 'Company',
      type: 'text',
      placeholder: 'ACME',
      isRequired: true,
    });
    // Created without isRequired: required, as the API's own fixture shows (fidelity note 2).
    expect(source).toMatchObject({ type: 'radio', values: ['Friends', 'Ads'], isRequired: true });
    expect(company.key).not.toBe(source.key);
  });

  it('reads additionalFields with empty [] indices too', async () => {
    const id = await createEvent({ 'additionalFields[][label]': 'Patronymic' });
    expect(c.sb.state.events.get(id)?.additionalFields).toMatchObject([
      { label: 'Patronymic', type: 'text' },
    ]);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ access: '' }, 'accessSettings'],
    [{ access: 5 }, 'access'],
    [{ lang: 'DE' }, 'lang'],
    [{ type: 'party' }, 'type'],
    [{ timezone: 9999 }, 'timezone'],
    [{ duration: '90 minutes' }, 'duration'],
    [{ 'lectorIds[0]': 1 }, 'lectorIds[0]'],
    [{ ownerId: 4242 }, 'ownerId'],
    [
      { 'startsAt[date][year]': 2026, 'startsAt[date][month]': 13, 'startsAt[date][day]': 1 },
      'startsAt[date][month]',
    ],
    [
      { 'startsAt[date][year]': 2026, 'startsAt[date][month]': 2, 'startsAt[date][day]': 30 },
      'startsAt',
    ],
    [{ 'startsAt[time][hour]': 10 }, 'startsAt[date]'],
    [{ 'additionalFields[0][type]': 'text' }, 'additionalFields[0][label]'],
    [{ rule: 'FREQ=WEEKLY', isEventRegAllowed: 'true' }, 'endsAt'],
    [{ rule: 'FREQ=WEEKLY', ...when('endsAt', 2026, 5, 1) }, 'isEventRegAllowed'],
    [{ rule: 'FREQ=SOMETIMES' }, 'rule'],
    [{ defaultRemindersEnabled: 'yes' }, 'defaultRemindersEnabled'],
  ])('400 with fieldErrors for %j', async (form, field) => {
    const res = await c.call('POST', '/events', { form: { name: 'x', access: 1, ...form } });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe(400);
    expect(Object.keys(res.json.error.fieldErrors)).toEqual([field]);
  });

  it('403 `Event owner is not submitted` for a member with an unconfirmed e-mail', async () => {
    const res = await c.call('POST', '/events', { form: { name: 'x', access: 1, ownerId: 1034 } });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe('Event owner is not submitted');
  });

  it('a series creates its occurrences up to endsAt', async () => {
    const id = await createEvent({
      rule: 'FREQ=WEEKLY;BYDAY=MO,TH',
      isEventRegAllowed: true,
      ...when('startsAt', 2026, 4, 6, 18, 0),
      ...when('endsAt', 2026, 4, 30, 23, 0),
    });
    const ev = await c.call('GET', `/organization/events/${id}`);
    expect(ev.json.rule).toBe('FREQ=WEEKLY;BYDAY=MO,TH');
    expect(ev.json.isEventRegAllowed).toBe(true);
    expect(ev.json.eventSessions.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-04-06T18:00:00+0300',
      '2026-04-09T18:00:00+0300',
      '2026-04-13T18:00:00+0300',
      '2026-04-16T18:00:00+0300',
      '2026-04-20T18:00:00+0300',
      '2026-04-23T18:00:00+0300',
      '2026-04-27T18:00:00+0300',
      '2026-04-30T18:00:00+0300',
    ]);
  });
});

describe('E2 POST /events/{eventId}/sessions', () => {
  it('creates a session inheriting the event settings (201)', async () => {
    const eventId = await createEvent({
      name: 'Inherit me',
      access: 6,
      password: 'pw',
      lang: 'EN',
      ...when('startsAt', 2026, 5, 5, 9, 0),
    });
    const res = await c.call('POST', `/events/${eventId}/sessions`, {
      form: { startType: 'autostart' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      eventSessionId: expect.any(Number),
      link: expect.stringContaining(`/${eventId}/`),
    });
    const s = await c.call('GET', `/eventsessions/${res.json.eventSessionId}`);
    expect(s.json).toMatchObject({
      name: 'Inherit me',
      access: 6,
      lang: 'EN',
      startType: 'autostart',
      status: 'ACTIVE',
      startsAt: '2026-05-05T09:00:00+0300',
    });
  });

  it('409 for a second session of a non-series event', async () => {
    const { eventId } = await createSingle();
    const res = await c.call('POST', `/events/${eventId}/sessions`, {
      form: when('startsAt', 2026, 6, 1, 12),
    });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/already exists/);
  });

  it('series: 409 at a taken date and time, 201 at a new one', async () => {
    const eventId = await createEvent({
      rule: 'FREQ=DAILY;COUNT=2',
      isEventRegAllowed: 'false',
      ...when('startsAt', 2026, 5, 10, 10, 0),
      ...when('endsAt', 2026, 5, 20, 10, 0),
    });
    const taken = await c.call('POST', `/events/${eventId}/sessions`, {
      form: when('startsAt', 2026, 5, 11, 10, 0),
    });
    expect(taken.status).toBe(409);
    const fresh = await c.call('POST', `/events/${eventId}/sessions`, {
      form: { name: 'Bonus', ...when('startsAt', 2026, 5, 12, 15, 0) },
    });
    expect(fresh.status).toBe(201);
    expect(c.sb.state.sessions.get(fresh.json.eventSessionId)?.name).toBe('Bonus');
  });

  it('404 for an unknown event', async () => {
    const res = await c.call('POST', '/events/1/sessions', { form: {} });
    expect(res.status).toBe(404);
  });
});

describe('E3 PUT /organization/events/{eventId} (and E3a)', () => {
  it('edits an ACTIVE event (204) without touching its session', async () => {
    const { eventId, sessionId } = await createSingle({ name: 'Old' });
    const res = await c.call('PUT', `/organization/events/${eventId}`, {
      form: { name: 'New', 'tags[0]': 'x', ownerId: 1031 },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(c.sb.state.events.get(eventId)).toMatchObject({
      name: 'New',
      tags: ['x'],
      ownerId: 1031,
    });
    expect(c.sb.state.sessions.get(sessionId)?.name).toBe('Old');
    const alias = await c.call('PUT', `/events/${eventId}`, { form: { description: 'via alias' } });
    expect(alias.status).toBe(204);
    expect(c.sb.state.events.get(eventId)?.description).toBe('via alias');
  });

  it('status=STOP finishes the event and its sessions; then edits are 409', async () => {
    const { eventId, sessionId } = await createSingle();
    expect(
      (await c.call('PUT', `/organization/events/${eventId}`, { form: { status: 'STOP' } })).status,
    ).toBe(204);
    expect(c.sb.state.events.get(eventId)?.status).toBe('STOP');
    expect(c.sb.state.sessions.get(sessionId)?.status).toBe('STOP');
    const again = await c.call('PUT', `/organization/events/${eventId}`, { form: { name: 'x' } });
    expect(again.status).toBe(409);
  });

  it('a 400 leaves the event untouched; 404 for unknown ids', async () => {
    const eventId = await createEvent({ name: 'Keep' });
    const res = await c.call('PUT', `/organization/events/${eventId}`, {
      form: { name: 'Changed', lang: 'FR' },
    });
    expect(res.status).toBe(400);
    expect(c.sb.state.events.get(eventId)?.name).toBe('Keep');
    expect((await c.call('PUT', '/organization/events/1', { form: { name: 'x' } })).status).toBe(
      404,
    );
  });
});

describe('E4 PUT /eventsessions/{id}', () => {
  it('edits an ACTIVE session (204), also moving it in time', async () => {
    const { sessionId } = await createSingle();
    const res = await c.call('PUT', `/eventsessions/${sessionId}`, {
      form: {
        name: 'Moved',
        startType: 'autowebinar',
        sendEmail: 'false',
        ...when('startsAt', 2026, 9, 1, 11, 0),
      },
    });
    expect(res.status).toBe(204);
    expect(c.sb.state.sessions.get(sessionId)).toMatchObject({
      name: 'Moved',
      startType: 'autowebinar',
      startsAt: Date.UTC(2026, 8, 1, 8, 0),
    });
  });

  it('400 for a bad startType, 409 on a finished session', async () => {
    const { sessionId } = await createSingle();
    expect(
      (await c.call('PUT', `/eventsessions/${sessionId}`, { form: { startType: 'later' } })).status,
    ).toBe(400);
    const stopped = [...c.sb.state.sessions.values()].find((s) => s.status === 'STOP');
    const res = await c.call('PUT', `/eventsessions/${stopped?.id}`, { form: { name: 'x' } });
    expect(res.status).toBe(409);
  });
});

describe('E11/E12 start and stop', () => {
  it('ACTIVE → START → STOP, with 409s for every wrong step', async () => {
    const { eventId, sessionId } = await createSingle();
    const stopEarly = await c.call('PUT', `/eventsessions/${sessionId}/stop`);
    expect(stopEarly.status).toBe(409);
    expect(stopEarly.json.error.message).toBe('Event session is not started');
    c.clock.now = NOW + 60_000;
    expect((await c.call('PUT', `/eventsessions/${sessionId}/start`)).status).toBe(204);
    expect(c.sb.state.sessions.get(sessionId)).toMatchObject({
      status: 'START',
      startedAt: NOW + 60_000,
    });
    expect(c.sb.state.events.get(eventId)?.status).toBe('START');
    const startTwice = await c.call('PUT', `/eventsessions/${sessionId}/start`);
    expect(startTwice.status).toBe(409);
    expect(startTwice.json.error.message).toMatch(/already started/);
    c.clock.now = NOW + 3_600_000;
    expect((await c.call('PUT', `/eventsessions/${sessionId}/stop`)).status).toBe(204);
    expect(c.sb.state.sessions.get(sessionId)).toMatchObject({
      status: 'STOP',
      stoppedAt: NOW + 3_600_000,
    });
    expect(c.sb.state.events.get(eventId)?.status).toBe('STOP');
    expect((await c.call('PUT', `/eventsessions/${sessionId}/stop`)).status).toBe(409);
    expect((await c.call('PUT', `/eventsessions/${sessionId}/start`)).status).toBe(409);
    const view = await c.call('GET', `/eventsessions/${sessionId}`);
    expect(view.json.endsAt).toBe('2026-03-15T13:00:00+0300');
    c.clock.now = NOW;
  });

  it('404 for an unknown session', async () => {
    expect((await c.call('PUT', '/eventsessions/1/start')).status).toBe(404);
  });
});

describe('E9/E10 reads', () => {
  it('E9 has the documented shape with nested sessions and createUser', async () => {
    const { eventId, sessionId } = await createSingle({ ...when('startsAt', 2026, 6, 10, 12, 0) });
    const res = await c.call('GET', `/organization/events/${eventId}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: eventId,
      status: 'ACTIVE',
      access: 1,
      rule: 'FREQ=DAILY;COUNT=1',
      startsAt: '2026-06-10T12:00:00+0300',
      utcStartsAt: Date.UTC(2026, 5, 10, 9) / 1000,
      timezoneId: 1,
      organizationId: 9559,
      createUserId: 1029,
      createUser: {
        id: 1029,
        name: 'Иван',
        secondName: 'Петров',
        email: expect.stringContaining('@'),
      },
      additionalFields: [],
      lectors: [],
      tags: [],
      announceFiles: [],
      files: [],
    });
    expect(res.json.eventSessions).toHaveLength(1);
    expect(res.json.eventSessions[0]).toMatchObject({ id: sessionId, eventId });
  });

  it('E10 and its E10a alias give the session', async () => {
    const { sessionId } = await createSingle();
    const a = await c.call('GET', `/eventsessions/${sessionId}`);
    const b = await c.call('GET', `/organization/eventsessions/${sessionId}`);
    expect(a.status).toBe(200);
    expect(b.json).toEqual(a.json);
    expect(a.json).toMatchObject({
      id: sessionId,
      status: 'ACTIVE',
      startType: 'manual',
      timezone: 'Europe/Moscow',
      timezoneId: 1,
      utcStartsAt: expect.any(Number),
    });
    expect((await c.call('GET', '/eventsessions/1')).status).toBe(404);
  });
});

describe('E13 PUT /organization/events/{eventId}/move', () => {
  it('changes the owner (204)', async () => {
    const { eventId, sessionId } = await createSingle();
    expect(
      (await c.call('PUT', `/organization/events/${eventId}/move`, { form: { userId: 1032 } }))
        .status,
    ).toBe(204);
    expect(c.sb.state.events.get(eventId)?.ownerId).toBe(1032);
    expect(c.sb.state.sessions.get(sessionId)?.createUserId).toBe(1032);
  });

  it('400 without userId, 404 for a non-member, 403 for an unconfirmed member', async () => {
    const eventId = await createEvent();
    expect(
      (await c.call('PUT', `/organization/events/${eventId}/move`, { form: {} })).json.error
        .fieldErrors,
    ).toHaveProperty('userId');
    expect(
      (await c.call('PUT', `/organization/events/${eventId}/move`, { form: { userId: 5 } })).status,
    ).toBe(404);
    expect(
      (await c.call('PUT', `/organization/events/${eventId}/move`, { form: { userId: 1034 } }))
        .status,
    ).toBe(403);
  });
});

describe('E5/E6 deletes', () => {
  it('E6 deletes a session (204), sendEmail in the query or the body', async () => {
    const a = await createSingle();
    const b = await createSingle();
    expect((await c.call('DELETE', `/eventsessions/${a.sessionId}?sendEmail=false`)).status).toBe(
      204,
    );
    expect(
      (await c.call('DELETE', `/eventsessions/${b.sessionId}`, { form: { sendEmail: 'true' } }))
        .status,
    ).toBe(204);
    expect(c.sb.state.sessions.has(a.sessionId)).toBe(false);
    expect(c.sb.state.sessions.has(b.sessionId)).toBe(false);
    expect((await c.call('DELETE', `/eventsessions/${a.sessionId}`)).status).toBe(404);
    // The flag's form is checked before the session is looked up.
    expect((await c.call('DELETE', `/eventsessions/${b.eventId}?sendEmail=maybe`)).status).toBe(
      400,
    );
  });

  it('E5 deletes the event and its unfinished sessions; finished ones stay', async () => {
    const series = [...c.sb.state.events.values()].find(
      (e) => e.isSeries && !e.deleted && e.id < 2356100,
    );
    const sessions = [...c.sb.state.sessions.values()].filter((s) => s.eventId === series?.id);
    expect(
      sessions.some((s) => s.status === 'STOP') && sessions.some((s) => s.status === 'ACTIVE'),
    ).toBe(true);
    expect((await c.call('DELETE', `/organization/events/${series?.id}`)).status).toBe(204);
    expect((await c.call('GET', `/organization/events/${series?.id}`)).status).toBe(404);
    for (const s of sessions) expect(c.sb.state.sessions.has(s.id)).toBe(s.status === 'STOP');
    expect((await c.call('DELETE', `/organization/events/${series?.id}`)).status).toBe(404);
  });
});
