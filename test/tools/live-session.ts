// Shared setup for chat and questions tests: a live session with one registered participant
// who has a platform user id (a seeded contact who attended before), created through MCP.
import { expect } from 'vitest';
import type { Harness } from '../helpers/harness.js';

export interface LiveSession {
  eventId: number;
  sessionId: number;
  participantUserId: number;
}

export async function liveSession(h: Harness, name: string): Promise<LiveSession> {
  const event = await h.call('create_event', { name, startsAt: '2037-12-08T11:00:00+03:00' });
  expect(event.isError, event.text).toBe(false);
  const session = await h.call('create_event_session', {
    eventId: event.json.eventId,
    startsAt: '2037-12-08T11:00:00+03:00',
  });
  expect(session.isError, session.text).toBe(false);
  const sessionId = session.json.eventSessionId as number;
  const contact = [...h.sandbox.state.contacts.values()].find(
    (c) => c.userId !== null && c.email.endsWith('@example.com'),
  );
  if (!contact?.userId) throw new Error('the seed has no contact with a user id');
  const reg = await h.call('register_participant', {
    eventSessionId: sessionId,
    email: contact.email,
  });
  expect(reg.isError, reg.text).toBe(false);
  const start = await h.call('start_event_session', { eventSessionId: sessionId, confirm: true });
  expect(start.isError, start.text).toBe(false);
  return { eventId: event.json.eventId, sessionId, participantUserId: contact.userId };
}

/** A finished seeded session (with chat and questions) and the 10,000-person conference. */
export function seededSessions(h: Harness) {
  const sessions = [...h.sandbox.state.sessions.values()].filter((s) => s.status === 'STOP');
  const conference = sessions.find((s) => s.name.startsWith('Годовая'));
  if (!conference) throw new Error('no conference in the seed');
  return { finished: sessions, conference };
}
