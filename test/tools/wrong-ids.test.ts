// A 404 names the argument that named nothing (issue 14): a wrong user in the chat and question
// tools is the userId, not the session; an event id given as a session id comes with its session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { liveSession, type LiveSession } from './live-session.js';

let h: Harness;
let live: LiveSession;
beforeAll(async () => {
  h = await createHarness();
  live = await liveSession(h, 'Wrong ids webinar');
});
afterAll(async () => {
  await h.close();
});

const NOBODY = 987_654;

describe('a 404 names the wrong argument', () => {
  it('send_chat_message: a wrong fromUserId is named, with where user ids come from', async () => {
    const res = await h.call('send_chat_message', {
      eventSessionId: live.sessionId,
      text: 'Hello',
      fromUserId: NOBODY,
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/check fromUserId \(from list_participants or list_members\)/);
    expect(res.text).not.toMatch(/check eventSessionId/);
  });

  it('ask_question: a wrong userId is named as userId', async () => {
    const res = await h.call('ask_question', {
      eventSessionId: live.sessionId,
      text: 'A question',
      userId: NOBODY,
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/check userId \(from list_participants or list_members\)/);
    expect(res.text).not.toMatch(/eventSessionId \(from/);
  });

  it('a wrong session with a valid user blames the session only', async () => {
    const res = await h.call('send_chat_message', {
      eventSessionId: 999_999_991,
      text: 'Hello',
      fromUserId: live.participantUserId,
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/check eventSessionId \(from list_events/);
    expect(res.text).not.toMatch(/fromUserId \(from/);
  });

  it('an event id given as a session id gets the session id to use', async () => {
    const res = await h.call('list_participants', { eventSessionId: live.eventId });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(
      `${live.eventId} is an event id (a one-off event), not a session id; its session is ${live.sessionId}: use eventSessionId ${live.sessionId}`,
    );
    const chat = await h.call('list_chat_messages', { eventSessionId: live.eventId });
    expect(chat.text).toContain(`use eventSessionId ${live.sessionId}`);
  });

  it('registering on a one-off event by eventId names its session, never "this series"', async () => {
    for (const [tool, args] of [
      ['register_participants', { eventId: live.eventId, people: [{ email: 'x@example.org' }] }],
      ['register_participant', { eventId: live.eventId, email: 'x@example.org' }],
    ] as const) {
      const mark = h.sandbox.requests.length;
      const res = await h.call(tool, args);
      expect(res.isError, tool).toBe(true);
      expect(res.text).toContain(
        `event ${live.eventId} is a one-off webinar, not a series: register on its session: eventSessionId ${live.sessionId}`,
      );
      expect(res.text).not.toMatch(/this series/);
      expect(h.requestsSince(mark).filter((r) => r.method === 'POST')).toHaveLength(0);
    }
  });
});
