// Irreversible tools ask the user whenever the client can ask, whatever the arguments say;
// `confirm: true` stands in only where the client cannot ask, and the result then says so.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TITLE = 'Квартальный обзор продаж';

async function scheduled(harness: Harness) {
  const event = await harness.call('create_event', {
    name: TITLE,
    startsAt: '2037-12-08T11:00:00+03:00',
  });
  const session = await harness.call('create_event_session', { eventId: event.json.eventId });
  const sessionId = session.json.eventSessionId as number;
  for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
    await harness.call('register_participant', { eventSessionId: sessionId, email });
  }
  return { eventId: event.json.eventId as number, sessionId };
}

/** A harness whose client can show questions; `answer` decides each one. */
async function askingHarness(answer: (message: string) => 'accept' | 'decline' | 'fail') {
  const questions: string[] = [];
  const harness = await createHarness({ capabilities: { elicitation: {} } });
  harness.client.setRequestHandler('elicitation/create', async (req) => {
    const message = String(req.params.message);
    questions.push(message);
    const verdict = answer(message);
    if (verdict === 'fail') throw new Error('the dialog crashed');
    return verdict === 'accept'
      ? { action: 'accept', content: { confirm: true } }
      : { action: verdict };
  });
  return { harness, questions };
}

describe('a client that can ask: the user decides, whatever the arguments say', () => {
  it('asks even when the model sends confirm: true, and a decline sends nothing', async () => {
    const { harness, questions } = await askingHarness(() => 'decline');
    h = harness;
    const { eventId } = await scheduled(h);
    const mark = h.sandbox.requests.length;
    const res = await h.call('delete_event', { eventId, confirm: true });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('declined');
    expect(questions).toHaveLength(1);
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(h.sandbox.state.events.get(eventId)?.deleted).toBe(false);
  });

  it('asks again after a decline, even when the model retries with confirm: true', async () => {
    const { harness, questions } = await askingHarness((m) =>
      m.includes('Start') ? 'accept' : 'decline',
    );
    h = harness;
    const { sessionId } = await scheduled(h);
    expect((await h.call('start_event_session', { eventSessionId: sessionId })).isError).toBe(
      false,
    );
    const first = await h.call('stop_event_session', { eventSessionId: sessionId });
    expect(first.text).toContain('declined');
    const retry = await h.call('stop_event_session', { eventSessionId: sessionId, confirm: true });
    expect(retry.isError).toBe(true);
    expect(retry.text).toContain('declined');
    expect(questions.filter((q) => q.includes('Stop'))).toHaveLength(2);
    expect(h.sandbox.state.sessions.get(sessionId)?.status).toBe('START');
  });

  it('names the webinar by title, start and number of people, not by bare id', async () => {
    const { harness, questions } = await askingHarness(() => 'accept');
    h = harness;
    const { eventId, sessionId } = await scheduled(h);
    const started = await h.call('start_event_session', { eventSessionId: sessionId });
    expect(started.isError, started.text).toBe(false);
    expect(started.text).not.toMatch(/not asked/i);
    expect(questions[0]).toContain(`«${TITLE}»`);
    expect(questions[0]).toContain('2037-12-08 11:00');
    expect(questions[0]).toMatch(/3 people registered/);
    await h.call('stop_event_session', { eventSessionId: sessionId });
    const deleted = await h.call('delete_event', { eventId });
    expect(deleted.isError, deleted.text).toBe(false);
    expect(questions[2]).toContain(`«${TITLE}»`);
  });

  it('refuses when the question could not be shown, even with confirm: true', async () => {
    const { harness } = await askingHarness(() => 'fail');
    h = harness;
    const { eventId } = await scheduled(h);
    const res = await h.call('delete_event', { eventId, confirm: true });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/nothing was sent/i);
    expect(h.sandbox.state.events.get(eventId)?.deleted).toBe(false);
  });
});

describe('a client that cannot ask: confirm: true stands in, and the result says so', () => {
  it('refuses without confirm, naming the webinar, and sends nothing', async () => {
    h = await createHarness();
    const { eventId } = await scheduled(h);
    const mark = h.sandbox.requests.length;
    const res = await h.call('delete_event', { eventId });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(`«${TITLE}»`);
    expect(res.text).toContain('confirm: true');
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('runs with confirm: true and says the user was not asked by the server', async () => {
    h = await createHarness();
    const { eventId } = await scheduled(h);
    const res = await h.call('delete_event', { eventId, confirm: true });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.confirmation).toMatch(/user was not asked/i);
    expect(h.sandbox.state.events.get(eventId)?.deleted).toBe(true);
  });
});

describe('auth errors carry a recovery hint and never the token', () => {
  it('an unknown token gets the 403 hint', async () => {
    h = await createHarness({ api: { token: 'not-a-real-token-123' } });
    const res = await h.call('list_events');
    expect(res.isError).toBe(true);
    expect(res.text).toContain('403');
    expect(res.text).toContain('lacks rights');
    expect(res.text).not.toContain('not-a-real-token-123');
  });

  it('a missing token gets the 401 hint naming MTSLINK_TOKEN', async () => {
    h = await createHarness({ api: { token: '' } });
    const res = await h.call('list_events');
    expect(res.isError).toBe(true);
    expect(res.text).toContain('401');
    expect(res.text).toContain('MTSLINK_TOKEN');
  });
});
