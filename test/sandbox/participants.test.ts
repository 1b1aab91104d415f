// Participants routes (P1–P10) with plain fetch: status codes, bodies and the state they leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

async function createSession(form: Record<string, string | number | boolean> = {}) {
  const ev = await c.call('POST', '/events', { form: { name: 'Reg test', access: 4, ...form } });
  expect(ev.status, ev.text).toBe(201);
  const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
  expect(s.status, s.text).toBe(201);
  return { eventId: ev.json.eventId as number, sessionId: s.json.eventSessionId as number };
}

const register = (sessionId: number, form: Record<string, string | number | boolean>) =>
  c.call('POST', `/eventsessions/${sessionId}/register`, { form });

const users = (list: Array<Record<string, string>>) =>
  Object.fromEntries(
    list.flatMap((u, i) => Object.entries(u).map(([k, v]) => [`users[${i}][${k}]`, v])),
  );

describe('P1 POST /eventsessions/{id}/register', () => {
  it('answers 201 with participationId, personal link and an implicitly created contact', async () => {
    const { sessionId } = await createSession();
    const res = await register(sessionId, {
      email: 'Anna.Lee@example.com',
      name: 'Anna',
      secondName: 'Lee',
      pattrName: 'Ivanovna',
      role: 'LECTURER',
      sendEmail: 'false',
      isAutoEnter: 'true',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({
      participationId: expect.any(Number),
      link: expect.stringMatching(
        /^https:\/\/events\.webinar\.ru\/demo-academy\/\d+\/[0-9a-f]{32}$/,
      ),
      contactId: expect.any(Number),
    });
    const contact = await c.call('GET', `/contacts/${res.json.contactId}`);
    expect(contact.json).toMatchObject({ email: 'Anna.Lee@example.com', patrName: 'Ivanovna' });
    expect(c.sb.state.participations.get(res.json.participationId)).toMatchObject({
      role: 'LECTURER',
      nickname: 'Anna Lee',
      eventSessionId: sessionId,
    });
  });

  it('returns the existing registration for a known e-mail, or 409 with the knob', async () => {
    const { sessionId } = await createSession();
    const first = await register(sessionId, { email: 'twice@example.com' });
    const again = await register(sessionId, { email: 'TWICE@example.com', name: 'Ignored' });
    expect(again.status).toBe(201);
    expect(again.json.participationId).toBe(first.json.participationId);
    c.sb.knobs.duplicateRegistration = 'conflict';
    try {
      const conflict = await register(sessionId, { email: 'twice@example.com' });
      expect(conflict.status).toBe(409);
      expect(conflict.json.error.message).toMatch(/already registered/);
    } finally {
      c.sb.knobs.duplicateRegistration = 'ignore';
    }
  });

  it('enforces required registration fields with 400 ERROR_BLANK and checks the e-mail', async () => {
    const { eventId, sessionId } = await createSession({
      'additionalFields[0][label]': 'Company',
      'additionalFields[0][type]': 'text',
      'additionalFields[0][isRequired]': 'true',
    });
    const key = c.sb.state.events.get(eventId)?.additionalFields[0]?.key as string;
    const missing = await register(sessionId, { email: 'x@example.com' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fieldErrors).toEqual({ [`additionalFields[${key}]`]: 'ERROR_BLANK' });
    const ok = await register(sessionId, {
      email: 'x@example.com',
      [`additionalFields[${key}]`]: 'ACME',
    });
    expect(ok.status).toBe(201);
    const list = await c.call('GET', `/eventsessions/${sessionId}/participations`);
    expect(list.json[0].additionalFieldValues).toEqual([{ label: 'Company', value: 'ACME' }]);
    const bad = await register(sessionId, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fieldErrors)).toEqual(['email']);
  });

  it('makes a field created without isRequired required, as the API does (fidelity note 2)', async () => {
    const { eventId, sessionId } = await createSession({
      'additionalFields[0][label]': 'Отчество',
      'additionalFields[0][type]': 'text',
      'additionalFields[1][label]': 'Город',
      'additionalFields[1][type]': 'text',
      'additionalFields[1][isRequired]': 'false',
    });
    const [patronymic, city] = c.sb.state.events.get(eventId)!.additionalFields;
    const shown = await c.call('GET', `/organization/events/${eventId}`);
    expect(shown.json.additionalFields).toMatchObject([
      { label: 'Отчество', isRequired: true },
      { label: 'Город', isRequired: false },
    ]);
    const missing = await register(sessionId, { email: 'no.answer@example.com' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fieldErrors).toEqual({
      [`additionalFields[${patronymic!.key}]`]: 'ERROR_BLANK',
    });
    const ok = await register(sessionId, {
      email: 'no.answer@example.com',
      [`additionalFields[${patronymic!.key}]`]: 'Ильич',
    });
    expect(ok.status, ok.text).toBe(201);
    expect(city).toBeDefined();
  });

  it('404s an unknown session and 409s a finished one', async () => {
    expect((await register(999_999, { email: 'a@example.com' })).status).toBe(404);
    const past = [...c.sb.state.sessions.values()].find((s) => s.status === 'STOP');
    expect((await register(past!.id, { email: 'a@example.com' })).status).toBe(409);
  });
});

describe('P2/P4 series registration', () => {
  const series = () => [...c.sb.state.events.values()].find((e) => e.isEventRegAllowed)!;

  it('registers on the whole series (eventSessionId null in P6 and counted in P5)', async () => {
    const ev = series();
    const res = await c.call('POST', `/events/${ev.id}/register`, {
      form: { email: 'series.fan@example.com' },
    });
    expect(res.status, res.text).toBe(201);
    const all = await c.call('GET', `/events/${ev.id}/participations`, {});
    const mine = all.json.find((p: { email: string }) => p.email === 'series.fan@example.com');
    expect(mine.eventSessionId).toBeNull();
    const upcoming = [...c.sb.state.sessions.values()].find(
      (s) => s.eventId === ev.id && s.status === 'ACTIVE',
    )!;
    const session = await c.call('GET', `/eventsessions/${upcoming.id}/participations`);
    expect(session.json.map((p: { id: number }) => p.id)).toContain(res.json.participationId);
  });

  it('answers 400 when the event does not allow series registration', async () => {
    const { eventId } = await createSession();
    const one = await c.call('POST', `/events/${eventId}/register`, {
      form: { email: 'a@example.com' },
    });
    expect(one.status).toBe(400);
    const many = await c.call('POST', `/events/${eventId}/invite`, {
      form: users([{ email: 'a@example.com' }]),
    });
    expect(many.status).toBe(400);
  });
});

describe('P3 POST /eventsessions/{id}/invite', () => {
  it('registers valid users and silently drops invalid, repeated and already registered ones', async () => {
    const { sessionId } = await createSession();
    await register(sessionId, { email: 'old@example.com' });
    const res = await c.call('POST', `/eventsessions/${sessionId}/invite`, {
      form: {
        ...users([
          { email: 'new1@example.com', name: 'New', role: 'ADMIN' },
          { email: 'broken' },
          { email: 'old@example.com' },
          { email: 'new2@example.com', role: 'KING' },
          { email: 'NEW1@example.com' },
          { email: 'new3@example.com' },
        ]),
        sendEmail: 'false',
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.map((r: { email: string }) => r.email)).toEqual([
      'new1@example.com',
      'new3@example.com',
    ]);
    expect(res.json[0]).toEqual({
      email: 'new1@example.com',
      participationId: expect.any(Number),
      link: expect.any(String),
      contactId: expect.any(Number),
    });
  });

  it('refuses the whole call when a user lacks a required answer, registering nobody', async () => {
    const { eventId, sessionId } = await createSession({
      'additionalFields[0][label]': 'Компания',
      'additionalFields[0][type]': 'text',
    });
    const key = c.sb.state.events.get(eventId)!.additionalFields[0]!.key;
    const res = await c.call('POST', `/eventsessions/${sessionId}/invite`, {
      form: {
        'users[0][email]': 'answered@example.com',
        [`users[0][additionalFields][${key}]`]: 'ACME',
        'users[1][email]': 'silent@example.com',
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fieldErrors).toEqual({
      [`users[1][additionalFields][${key}]`]: 'ERROR_BLANK',
    });
    const registered = [...c.sb.state.participations.values()].filter(
      (p) => p.eventSessionId === sessionId,
    );
    expect(registered).toEqual([]);
  });

  it('keeps organisation and position on the contact a registration creates', async () => {
    const { sessionId } = await createSession();
    const res = await c.call('POST', `/eventsessions/${sessionId}/invite`, {
      form: users([
        { email: 'org@example.com', organization: 'ООО «Ромашка»', position: 'Инженер' },
      ]),
    });
    expect(res.status, res.text).toBe(201);
    const contact = c.sb.state.contacts.get(res.json[0].contactId);
    expect(contact).toMatchObject({ organization: 'ООО «Ромашка»', position: 'Инженер' });
  });

  it('refuses more than 50 users and an empty list', async () => {
    const { sessionId } = await createSession();
    const many = Array.from({ length: 51 }, (_, i) => ({ email: `u${i}@example.com` }));
    const res = await c.call('POST', `/eventsessions/${sessionId}/invite`, { form: users(many) });
    expect(res.status).toBe(400);
    expect(res.json.error.fieldErrors.users).toMatch(/at most 50/);
    expect([...c.sb.state.participations.values()].some((p) => p.email === 'u0@example.com')).toBe(
      false,
    );
    expect((await c.call('POST', `/eventsessions/${sessionId}/invite`, { form: {} })).status).toBe(
      400,
    );
  });
});

describe('P5 listing and P7–P10 bulk updates', () => {
  it('pages seeded attendance and rejects an unknown page size', async () => {
    const past = [...c.sb.state.sessions.values()].find((s) => s.status === 'STOP')!;
    const count = [...c.sb.state.participations.values()].filter(
      (p) => p.eventSessionId === past.id,
    ).length;
    const page = await c.call('GET', `/eventsessions/${past.id}/participations?perPage=10`);
    expect(page.status).toBe(200);
    expect(page.json.length).toBe(Math.min(10, count));
    expect(page.json[0]).toMatchObject({
      isAccepted: 1,
      role: 'GUEST',
      isOnline: '0',
      visited: expect.any(Boolean),
      registerDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/),
    });
    const second = await c.call(
      'GET',
      `/eventsessions/${past.id}/participations?perPage=10&page=2`,
    );
    expect(second.json.length).toBe(Math.max(0, count - 10));
    const bad = await c.call('GET', `/eventsessions/${past.id}/participations?perPage=7`);
    expect(bad.status).toBe(400);
  });

  it('moderates, re-roles, kicks, lets back in and deletes, answering {"count": N}', async () => {
    const { eventId, sessionId } = await createSession({ access: 8 });
    const a = await register(sessionId, { email: 'a@example.com' });
    const b = await register(sessionId, { email: 'b@example.com' });
    const ids = {
      'participationIds[0]': a.json.participationId,
      'participationIds[1]': b.json.participationId,
    };
    const list = async () =>
      (await c.call('GET', `/eventsessions/${sessionId}/participations`)).json as Array<{
        isAccepted: number;
        role: string;
      }>;
    expect((await list()).map((p) => p.isAccepted)).toEqual([0, 0]);
    const approve = await c.call('PUT', `/events/${eventId}/moderate`, {
      form: { ...ids, isAccepted: 'true' },
    });
    expect(approve.json).toEqual({ count: 2 });
    expect((await list()).map((p) => p.isAccepted)).toEqual([1, 1]);

    const role = await c.call('PUT', '/participations/update', {
      form: { ...ids, role: 'LECTURER' },
    });
    expect(role.json).toEqual({ count: 2 });
    expect((await list()).map((p) => p.role)).toEqual(['LECTURER', 'LECTURER']);

    const kick = await c.call('PUT', '/participations/kick', {
      form: { 'participationIds[]': a.json.participationId },
    });
    expect(kick.json).toEqual({ count: 1 });
    expect((await list()).map((p) => p.isAccepted)).toEqual([0, 1]);
    await c.call('PUT', `/events/${eventId}/moderate`, {
      form: { 'participationIds[0]': a.json.participationId, isAccepted: 'true' },
    });
    expect((await list()).map((p) => p.isAccepted)).toEqual([1, 1]);

    const unknown = await c.call('PUT', `/events/${eventId}/moderate`, {
      form: { 'participationIds[0]': 1, isAccepted: 'false' },
    });
    expect(unknown.json).toEqual({ count: 0 });
    const blank = await c.call('PUT', '/participations/update', { form: { role: 'GUEST' } });
    expect(blank.status).toBe(400);

    const del = await c.call('POST', '/participations/delete', { form: ids });
    expect(del.json).toEqual({ count: 2 });
    expect(await list()).toEqual([]);
    const again = await register(sessionId, { email: 'a@example.com' });
    expect(again.status).toBe(201);
    expect(again.json.participationId).not.toBe(a.json.participationId);
  });
});

describe('duplicates are judged per place, through the indexes', () => {
  it('counts a whole-series registration on each session, and nothing from other events', async () => {
    const ev = [...c.sb.state.events.values()].find((e) => e.isEventRegAllowed)!;
    const upcoming = [...c.sb.state.sessions.values()].find(
      (s) => s.eventId === ev.id && s.status === 'ACTIVE',
    )!;
    await c.call('POST', `/events/${ev.id}/register`, { form: { email: 'whole@example.com' } });
    const other = await createSession();
    await register(other.sessionId, { email: 'elsewhere@example.com' });
    const res = await c.call('POST', `/eventsessions/${upcoming.id}/invite`, {
      form: users([{ email: 'WHOLE@example.com' }, { email: 'elsewhere@example.com' }]),
    });
    expect(res.status, res.text).toBe(201);
    // Already in through the series: dropped; registered on another event only: added.
    expect(res.json.map((r: { email: string }) => r.email)).toEqual(['elsewhere@example.com']);
    const view = await c.call('GET', `/eventsessions/${upcoming.id}`);
    const expected = [...c.sb.state.participations.values()].filter(
      (p) => p.eventSessionId === upcoming.id || (p.eventSessionId === null && p.eventId === ev.id),
    ).length;
    expect(view.json.participationsCount).toBe(expected);
  });

  it('finds a contact by its new e-mail after an update, and forgets a deleted session', async () => {
    const created = await c.call('POST', '/contacts', { form: { email: 'before@example.com' } });
    const contactId = created.json.contactId as number;
    await c.call('PUT', `/contacts/${contactId}`, { form: { email: 'after@example.com' } });
    const { sessionId } = await createSession();
    const moved = await register(sessionId, { email: 'After@example.com' });
    expect(moved.json.contactId).toBe(contactId);
    const old = await register(sessionId, { email: 'before@example.com' });
    expect(old.json.contactId).not.toBe(contactId);

    expect((await c.call('DELETE', `/eventsessions/${sessionId}`)).status).toBe(204);
    const left = [...c.sb.state.participations.values()].filter(
      (p) => p.eventSessionId === sessionId,
    );
    expect(left).toEqual([]);
    expect([...c.sb.state.participations.where('session', sessionId)]).toEqual([]);
    expect([...c.sb.state.participations.where('email', 'after@example.com')]).toEqual([]);
  });
});
