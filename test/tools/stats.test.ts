// Statistics tools through a real MCP client against the sandbox: request, result, error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationsOf } from '../../src/sandbox/activity.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { truthFor } from '../workflows/attendance-truth.js';
import { seededSessions } from './live-session.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** A date 90 days before the sandbox's seed clock, as the tools take it. */
const since = () => new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);

describe('list_session_stats', () => {
  it('summarises every finished session of the period with counts that match the sandbox', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_session_stats', { from: since() });
    expect(res.isError, res.text).toBe(false);
    const [sent] = h.requestsSince(mark);
    expect(sent).toMatchObject({ method: 'GET', path: '/stats/events' });
    expect(sent?.query.from).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
    const { finished, conference } = seededSessions(h);
    expect(res.json.items).toHaveLength(finished.length);
    const row = res.json.items.find(
      (r: { eventSessionId: number }) => r.eventSessionId === conference.id,
    );
    const truth = truthFor(h.sandbox.state, [conference]);
    expect(row).toMatchObject({
      registered: 10_000,
      attended: truth.attended,
      attendancePercent: Math.round((100 * truth.attended) / 10_000),
      questions: truth.questions,
      chatMessages: truth.chat,
      durationMinutes: 118,
    });
  });

  it('says when the period has no finished sessions (404) and refuses a non-member (403)', async () => {
    const empty = await h.call('list_session_stats', { from: '2030-01-01' });
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/404.*No finished session in this period.*widen from\/to/s);
    // With an existing event as filter the 404 is still an empty period, not a wrong id.
    const finished = [...h.sandbox.state.sessions.values()].filter((x) => x.status === 'STOP');
    const withEvent = await h.call('list_participant_stats', {
      from: '2030-01-01',
      eventId: finished[0]!.eventId,
    });
    expect(withEvent.isError).toBe(true);
    expect(withEvent.text).toMatch(/No finished session in this period/);
    expect(withEvent.text).not.toMatch(/ids given exist/);
    const stranger = await h.call('list_session_stats', { from: since(), userId: 5 });
    expect(stranger.isError).toBe(true);
    expect(stranger.text).toMatch(/403/);
  });
});

describe('list_participant_stats', () => {
  it('pages the people of one session locally, names marked as participant data', async () => {
    const { conference } = seededSessions(h);
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_participant_stats', {
      from: since(),
      eventId: conference.eventId,
      eventSessionId: conference.id,
      attendedOnly: true,
      page: 2,
      perPage: 10,
    });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark)[0]?.query).toMatchObject({ eventId: String(conference.eventId) });
    const truth = truthFor(h.sandbox.state, [conference]);
    expect(res.json).toMatchObject({ total: truth.attended, page: 2, perPage: 10, nextPage: 3 });
    expect(res.json.items).toHaveLength(10);
    const person = res.json.items[0];
    expect(person.name).toMatch(/^⟦.+⟧$/);
    expect(person.sessions[0]).toMatchObject({
      eventSessionId: conference.id,
      attended: true,
      watchedMinutes: expect.any(Number),
      platforms: expect.any(Array),
    });
    expect(res.text.length).toBeLessThan(20_000);
  });
});

describe('get_person_visits', () => {
  it("lists one person's registrations, missed and attended sessions", async () => {
    const { finished } = seededSessions(h);
    const seeded = finished.find((s) => !s.name.startsWith('Годовая'))!;
    const p = registrationsOf(h.sandbox.state, seeded)[0]!;
    const mark = h.sandbox.requests.length;
    const res = await h.call('get_person_visits', { from: since(), email: p.email });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark)[0]).toMatchObject({
      path: '/stats/users/visits',
      query: { email: p.email },
    });
    const mine = [...h.sandbox.state.participations.values()].filter((x) => x.email === p.email);
    expect(res.json.registered.length).toBe(mine.length);
    expect(res.json.visited.length + (res.json.notVisited?.length ?? 0)).toBe(
      mine.filter((x) => h.sandbox.state.sessions.get(x.eventSessionId!)?.status === 'STOP').length,
    );
    expect(res.json.visited.length).toBe(mine.filter((x) => x.visited).length);
  });

  it('needs exactly one of email and contactId, and reports an unknown person', async () => {
    const mark = h.sandbox.requests.length;
    const neither = await h.call('get_person_visits', { from: since() });
    expect(neither.isError).toBe(true);
    expect(neither.text).toMatch(/email or contactId/);
    expect(h.requestsSince(mark)).toHaveLength(0);
    const nobody = await h.call('get_person_visits', {
      from: since(),
      email: 'nobody@nowhere.example',
    });
    expect(nobody.isError).toBe(true);
    expect(nobody.text).toMatch(/404/);
  });
});
