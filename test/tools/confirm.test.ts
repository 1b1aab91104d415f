// Irreversible tools ask the user through elicitation when the client supports it.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

async function liveSession(harness: Harness) {
  const event = await harness.call('create_event', {
    name: 'Elicit',
    startsAt: '2037-12-08T11:00:00+03:00',
  });
  const session = await harness.call('create_event_session', { eventId: event.json.eventId });
  return session.json.eventSessionId as number;
}

describe('confirmation by elicitation', () => {
  it('asks, and proceeds when the user accepts', async () => {
    h = await createHarness({ capabilities: { elicitation: {} } });
    const questions: string[] = [];
    h.client.setRequestHandler('elicitation/create', async (req) => {
      questions.push(String(req.params.message));
      return { action: 'accept', content: { confirm: true } };
    });
    const id = await liveSession(h);
    const res = await h.call('start_event_session', { eventSessionId: id });
    expect(res.isError, res.text).toBe(false);
    expect(questions).toEqual([expect.stringContaining(`Start session ${id}`)]);
    expect((await h.call('get_event_session', { eventSessionId: id })).json.status).toBe('START');
  });

  it('sends nothing when the user declines', async () => {
    h = await createHarness({ capabilities: { elicitation: {} } });
    h.client.setRequestHandler('elicitation/create', async () => ({ action: 'decline' }));
    const id = await liveSession(h);
    const mark = h.sandbox.requests.length;
    const res = await h.call('delete_event_session', { eventSessionId: id });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('declined');
    expect(h.requestsSince(mark)).toHaveLength(0);
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
