// Chat, questions and statistics routes on the wire (plain fetch): status codes, shapes, and
// the rule that nothing is posted unless the session is live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
let sessionId: number;
beforeAll(async () => {
  c = await startClient();
  const ev = await c.call('POST', '/events', { form: { name: 'Wire test', access: 1 } });
  const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
  sessionId = s.json.eventSessionId;
});
afterAll(async () => {
  await c.sb.close();
});

describe('CH2 / Q2 need a live session', () => {
  it('409 before the start, 201 while live, 409 after the stop', async () => {
    const early = await c.call('POST', `/eventsessions/${sessionId}/chat`, {
      form: { text: 'hi' },
    });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toBe('Event session is not started');
    await c.call('PUT', `/eventsessions/${sessionId}/start`);
    const msg = await c.call('POST', `/eventsessions/${sessionId}/chat`, { form: { text: 'hi' } });
    expect(msg.status).toBe(201);
    expect(msg.json).toMatchObject({ text: 'hi', user: { id: 1029 }, isModerated: true });
    const q = await c.call('POST', `/eventsessions/${sessionId}/questions`, {
      form: { text: 'Q?' },
    });
    expect(q.status).toBe(201);
    expect(q.json).toMatchObject({ text: 'Q?', isModerated: true, isAnswered: false, answers: [] });
    await c.call('PUT', `/eventsessions/${sessionId}/stop`);
    const late = await c.call('POST', `/eventsessions/${sessionId}/questions`, {
      form: { text: 'late', questionId: q.json.id },
    });
    expect(late.status).toBe(409);
  });

  it('CH5 takes on/off and rejects anything else with 400', async () => {
    const ok = await c.call('PUT', `/eventsessions/${sessionId}/chat`, {
      form: { isModerated: 'off' },
    });
    expect(ok.status).toBe(204);
    const bad = await c.call('PUT', `/eventsessions/${sessionId}/chat`, {
      form: { isModerated: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors).toHaveProperty('isModerated');
  });

  it('Q4 accepts messageIds[] as the doc once calls it; CH3/Q3 answer 204', async () => {
    const [q] = (await c.call('GET', `/eventsessions/${sessionId}/questions`)).json;
    const mod = await c.call('PUT', `/eventsessions/${sessionId}/questions/moderate`, {
      form: { 'messageIds[]': q.id, isModerated: 'false' },
    });
    expect(mod.status).toBe(200);
    expect(mod.json).toEqual([expect.objectContaining({ id: q.id, isModerated: false })]);
    expect((await c.call('DELETE', `/eventsessions/${sessionId}/questions`)).status).toBe(204);
    expect((await c.call('DELETE', `/eventsessions/${sessionId}/chat`)).status).toBe(204);
    expect((await c.call('GET', `/eventsessions/${sessionId}/chat`)).json).toEqual([]);
  });
});

describe('S1–S3', () => {
  it('S1 without from starts now: no finished sessions, 404', async () => {
    c.clock.now += 3_600_000; // after the session this file ran
    const res = await c.call('GET', '/stats/events');
    expect(res.status).toBe(404);
  });

  it('S1/S2 are bare arrays over the period; S3 needs email or contactId', async () => {
    const s1 = await c.call('GET', '/stats/events?from=2026-01-01+00:00:00');
    expect(s1.status).toBe(200);
    expect(s1.json.some((r: { id: number }) => r.id === sessionId)).toBe(true);
    expect(s1.json[0]).toMatchObject({
      registeredCount: expect.any(Number),
      registeredVisitedCount: expect.any(Number),
      startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0300$/),
    });
    const s2 = await c.call('GET', `/stats/users?from=2026-01-01&eventId=${s1.json[0].eventId}`);
    expect(s2.status).toBe(200);
    expect(s2.json[0].eventSessions[0]).toHaveProperty('connections');
    const s3 = await c.call('GET', '/stats/users/visits?from=2026-01-01');
    expect(s3.status).toBe(400);
    expect(s3.json.error.fieldErrors).toHaveProperty('email');
  });
});
