// The main user requests as scripted scenarios (issue 14): request → the calls a competent agent
// makes from the server's own text → the end state a user would check, read from the sandbox's
// state (not through our tools). Each asserts the calls too: a job that needs extra calls is a
// job the model fumbles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { liveSession } from '../tools/live-session.js';
import { truthFor } from '../workflows/attendance-truth.js';
import { agentOn, lastMonth, next } from './agent.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const moscow = (date: string, time: string) => Date.parse(`${date}T${time}:00+03:00`);
const registrationsOf = (sessionId: number) =>
  [...h.sandbox.state.participations.values()].filter((p) => p.eventSessionId === sessionId);
const startOf = (s: { startedAt: number | null; startsAt: number }) => s.startedAt ?? s.startsAt;

describe('scheduling and registering', () => {
  let scheduled: { eventId: number; eventSessionId: number };

  it('"Schedule a webinar next Tuesday 11:00 Moscow and register these 300 people"', async () => {
    const agent = agentOn(h);
    const tuesday = next(h, 'Tuesday'); // from the date in the instructions
    const people = Array.from({ length: 300 }, (_, i) => ({
      email: `guest${i}@example.org`,
      name: `Guest ${i}`,
    }));
    const res = await agent.call('schedule_webinar', {
      name: 'Quarterly review',
      startsAt: `${tuesday}T11:00`,
      timezone: 'Europe/Moscow',
      people,
    });
    expect(agent.calls).toEqual(['schedule_webinar']);
    scheduled = res.json;
    const session = h.sandbox.state.sessions.get(res.json.eventSessionId)!;
    expect(session.startsAt).toBe(moscow(tuesday, '11:00'));
    expect(h.sandbox.state.events.get(res.json.eventId)!.startsAt).toBe(moscow(tuesday, '11:00'));
    expect(registrationsOf(session.id)).toHaveLength(300);
    // The answer says when, where to send people, and the counts, at a size a model can read.
    expect(res.json).toMatchObject({
      startsAt: `${tuesday}T11:00+03:00`,
      timezone: 'Europe/Moscow',
      registration: { total: 300, counts: { registered: 300 } },
    });
    expect(res.json.link).toMatch(/^https:/);
    expect(res.text.length).toBeLessThan(8000);
  });

  it('"Register this pasted list" with a bad row: the good rows go in, the bad one is named', async () => {
    const agent = agentOn(h);
    const csv = [
      'email,name',
      'anna@example.org,Anna',
      'boris@example.org,Boris',
      'not-an-address,Carl',
      'dina@example.org,Dina',
    ].join('\n');
    const res = await agent.call('register_participants', {
      eventSessionId: scheduled.eventSessionId,
      csv,
    });
    expect(agent.calls).toEqual(['register_participants']);
    const emails = new Set(registrationsOf(scheduled.eventSessionId).map((p) => p.email));
    for (const e of ['anna@example.org', 'boris@example.org', 'dina@example.org']) {
      expect(emails.has(e), e).toBe(true);
    }
    expect(emails.size).toBe(303);
    expect(res.json.counts).toMatchObject({ registered: 3, rejected: 1 });
    expect(JSON.stringify(res.json.problems)).toContain('row 4'); // the header is row 1
    expect(res.json.next).toMatch(/register_participants again/);
  });

  it('"Move it to Wednesday 15:00": one call, and event and session agree afterwards', async () => {
    const agent = agentOn(h);
    const wednesday = next(h, 'Wednesday');
    const res = await agent.call('update_event_session', {
      eventSessionId: scheduled.eventSessionId,
      startsAt: `${wednesday}T15:00`,
    });
    expect(agent.calls).toEqual(['update_event_session']);
    const at = moscow(wednesday, '15:00');
    expect(h.sandbox.state.sessions.get(scheduled.eventSessionId)!.startsAt).toBe(at);
    expect(h.sandbox.state.events.get(scheduled.eventId)!.startsAt).toBe(at);
    expect(res.text).toContain(`${wednesday}T15:00+03:00`);
    expect(res.json.emails).toMatch(/e-mail registered people about the new time/);
  });
});

describe('reports', () => {
  it('"Report on last month": one call, every finished session of that month', async () => {
    const agent = agentOn(h);
    const { from, to } = lastMonth(h);
    const res = await agent.call('summarize_attendance', { from, to, chart: 'none' });
    expect(agent.calls).toEqual(['summarize_attendance']);
    const sessions = [...h.sandbox.state.sessions.values()].filter(
      (s) =>
        s.status === 'STOP' &&
        startOf(s) >= moscow(from, '00:00') &&
        startOf(s) < moscow(to, '00:00') + 86_400_000,
    );
    expect(sessions.length).toBeGreaterThan(0);
    const report = res.raw.structuredContent as {
      sessionsTotal: number;
      scope: { from: string; to: string };
      people: unknown;
    };
    expect(report.scope).toMatchObject({ from, to });
    expect(report.sessionsTotal).toBe(sessions.length);
    expect(report.people).toEqual(truthFor(h.sandbox.state, sessions).people);
  });

  it('"Summarise the last webinar": two calls, and it is the one that ran last', async () => {
    const agent = agentOn(h);
    const finished = [...h.sandbox.state.sessions.values()].filter((s) => s.status === 'STOP');
    const last = finished.reduce((a, b) => (startOf(b) > startOf(a) ? b : a));
    const list = await agent.call('list_events', { status: 'STOP', newest: true, perPage: 10 });
    const sessions = list.json.items[0].eventSessions as { id: number; startsAt: string }[];
    const latest = sessions.reduce((a, b) => (b.startsAt > a.startsAt ? b : a));
    const res = await agent.call('summarize_attendance', {
      eventSessionId: latest.id,
      chart: 'none',
    });
    expect(agent.calls).toEqual(['list_events', 'summarize_attendance']);
    expect(latest.id).toBe(last.id);
    expect((res.raw.structuredContent as { scope: object }).scope).toMatchObject({
      kind: 'session',
      eventSessionId: last.id,
    });
  });
});

describe('after the webinar and during it', () => {
  it('"Send the recording to the people who did not come": nobody else is e-mailed', async () => {
    const agent = agentOn(h);
    const records = await agent.call('list_records', {});
    const withNoShows = (records.json.items as { id: number; eventSessionId: number }[]).find((r) =>
      registrationsOf(r.eventSessionId).some((p) => !p.visited),
    )!;
    const mark = h.sandbox.requests.length;
    const res = await agent.call('share_record', { recordId: withNoShows.id, to: 'no-shows' });
    expect(agent.calls).toEqual(['list_records', 'share_record']);
    // The API cannot e-mail a subset: nothing was sent to anyone, and the answer says so.
    expect(h.requestsSince(mark).filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(res.json.emailed).toMatch(/^nothing/);
    const noShows = registrationsOf(withNoShows.eventSessionId).filter((p) => !p.visited);
    expect(res.json.people.map((p: { email: string }) => p.email).sort()).toEqual(
      noShows.map((p) => p.email).sort(),
    );
    expect(res.json.link).toMatch(/record-new/);
  });

  it('"Run a poll in the live webinar": results per option match what people chose', async () => {
    const live = await liveSession(h, 'Poll webinar');
    const agent = agentOn(h);
    const poll = await agent.call('create_test', {
      name: 'Pulse',
      questions: [{ text: 'Was it useful?', answers: [{ text: 'Yes' }, { text: 'No' }] }],
    });
    expect(poll.json.next).toMatch(/start_test/);
    const run = await agent.call('start_test', {
      testId: poll.json.testId,
      eventSessionId: live.sessionId,
    });
    // Participants answer (not the agent): two Yes, one No.
    const test = (await h.call('get_test', { testId: poll.json.testId })).json;
    const [yes, no] = test.questions[0].answers.map((a: { answerId: number }) => a.answerId);
    for (const [email, choice] of [
      ['a@example.org', yes],
      ['b@example.org', yes],
      ['c@example.org', no],
    ] as const) {
      const answered = await h.call('submit_test_answers', {
        testSessionId: run.json.testSessionId,
        email,
        answers: [{ questionId: test.questions[0].questionId, answerIds: [choice] }],
      });
      expect(answered.isError, answered.text).toBe(false);
    }
    await agent.call('stop_test', { testSessionId: run.json.testSessionId, confirm: true });
    const results = await agent.call('get_test_results', { testId: poll.json.testId });
    expect(agent.calls).toEqual(['create_test', 'start_test', 'stop_test', 'get_test_results']);
    expect(h.sandbox.state.testSessions.get(run.json.testSessionId)!.endTime).not.toBeNull();
    const options = results.json.items[0].questions[0].answers;
    expect(options.map((a: { chosen: number }) => a.chosen)).toEqual([2, 1]);
  });
});
