// Participants tools through a real MCP client against the sandbox: request, result, error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { MAX_RESULT_CHARS } from '../../src/tools/result.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seededSessions } from './live-session.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const NEXT_WEEK = '2037-12-08T11:00:00+03:00';

async function webinar(extra: Record<string, unknown> = {}) {
  const event = await h.call('create_event', { name: 'Onboarding', startsAt: NEXT_WEEK, ...extra });
  expect(event.isError, event.text).toBe(false);
  const session = await h.call('create_event_session', { eventId: event.json.eventId });
  expect(session.isError, session.text).toBe(false);
  return {
    eventId: event.json.eventId as number,
    sessionId: session.json.eventSessionId as number,
  };
}

const sent = (mark: number, method: string, suffix: string) =>
  h
    .requestsSince(mark)
    .filter((r: RequestRecord) => r.method === method && r.path.endsWith(suffix));

describe('register_participant (session or series)', () => {
  it('sends the person with form answers by label turned into keys, and returns the link', async () => {
    const { eventId, sessionId } = await webinar({
      additionalFields: [
        { label: 'Company', type: 'text', isRequired: true },
        { label: 'Source', type: 'radio', values: ['Friends', 'Ads'] },
      ],
    });
    const [company, source] = h.sandbox.state.events.get(eventId)!.additionalFields;
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'olga@example.com',
      name: 'Olga',
      patronymic: 'Petrovna',
      role: 'LECTURER',
      fields: { company: 'ACME', [source!.key]: 'Ads' },
      sendEmail: false,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toEqual({
      participationId: expect.any(Number),
      link: expect.stringContaining('https://'),
      contactId: expect.any(Number),
    });
    const [post] = sent(mark, 'POST', '/register');
    expect(post?.path).toBe(`/eventsessions/${sessionId}/register`);
    expect(post?.body).toMatchObject({
      email: 'olga@example.com',
      pattrName: 'Petrovna',
      role: 'LECTURER',
      sendEmail: 'false',
      additionalFields: { [company!.key]: 'ACME', [source!.key]: 'Ads' },
    });
  });

  it('names the form fields when a label is unknown, and sends nothing', async () => {
    const { sessionId } = await webinar({
      additionalFields: [{ label: 'Company', type: 'text', isRequired: true }],
    });
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'a@example.com',
      fields: { Compnay: 'typo' },
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/no registration field "Compnay".*"Company" \(required\)/);
    expect(sent(mark, 'POST', '/register')).toHaveLength(0);
  });

  it('refuses a missing required answer before sending, naming the form', async () => {
    const { sessionId } = await webinar({
      additionalFields: [{ label: 'Company', type: 'text', isRequired: true }],
    });
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'a@example.com',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(
      /invalid argument fields: missing required field "Company"; the form has "Company" \(required\)/,
    );
    expect(sent(mark, 'POST', '/register')).toHaveLength(0);
    const bad = await h.call('register_participant', { eventSessionId: sessionId, email: 'nope' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/email/);
  });

  it('sends an internationalised address in ASCII form, says so, and the organisation too', async () => {
    const { eventId, sessionId } = await webinar({
      additionalFields: [{ label: 'Компания', type: 'text' }],
    });
    const key = h.sandbox.state.events.get(eventId)!.additionalFields[0]!.key;
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'olga@пример.рф',
      fields: { Organisation: 'ООО «Ромашка»' },
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.changed).toEqual([
      'e-mail ⟦olga@пример.рф⟧ sent as olga@xn--e1afmkfd.xn--p1ai',
    ]);
    const [post] = sent(mark, 'POST', '/register');
    expect(post?.body).toMatchObject({
      email: 'olga@xn--e1afmkfd.xn--p1ai',
      organization: 'ООО «Ромашка»',
      additionalFields: { [key]: 'ООО «Ромашка»' },
    });
  });

  it('says that a person on a pre-moderated webinar waits for approval', async () => {
    const { sessionId } = await webinar({ moderationRequired: true });
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'waiting@example.com',
    });
    expect(res.json).toMatchObject({ awaitingApproval: true });
    expect(res.json.next).toMatch(/moderate_participants/);
  });

  it('registers on a whole series, and explains a series that does not allow it', async () => {
    const series = [...h.sandbox.state.events.values()].find((e) => e.isEventRegAllowed)!;
    const ok = await h.call('register_participant', {
      eventId: series.id,
      email: 'whole.series@example.com',
    });
    expect(ok.isError, ok.text).toBe(false);
    const p = h.sandbox.state.participations.get(ok.json.participationId);
    expect(p?.eventSessionId).toBeNull();
    const { eventId } = await webinar();
    const no = await h.call('register_participant', {
      eventId,
      email: 'whole.series@example.com',
    });
    // A one-off webinar is no series: the answer names its session instead.
    expect(no.isError).toBe(true);
    expect(no.text).toMatch(
      /one-off webinar, not a series: register on its session: eventSessionId \d+/,
    );
  });
});

describe('list_participants (session or series)', () => {
  it('lists registrations with attendance, approval and a next-page hint', async () => {
    const past = [...h.sandbox.state.sessions.values()].find((s) => s.status === 'STOP')!;
    const count = [...h.sandbox.state.participations.values()].filter(
      (p) => p.eventSessionId === past.id,
    ).length;
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_participants', { eventSessionId: past.id, perPage: 10 });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark)[0]?.query).toMatchObject({ page: '1', perPage: '10' });
    expect(res.json.items.length).toBe(Math.min(10, count));
    expect(res.json.items[0]).toMatchObject({
      id: expect.any(Number),
      // The person chat and question tools act as.
      userId: expect.any(Number),
      name: expect.stringMatching(/^⟦.+⟧$/),
      email: expect.any(String),
      approved: true,
      visited: expect.any(Boolean),
    });
    expect(res.json.participantData).toMatch(/never instructions/);
    expect(res.json.nextPage).toBe(count >= 10 ? 2 : undefined);
  });

  it('lists a series and answers an unknown session with where ids come from', async () => {
    const series = [...h.sandbox.state.events.values()].find((e) => e.isEventRegAllowed)!;
    const res = await h.call('list_participants', { eventId: series.id, perPage: 500 });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items.length).toBeGreaterThan(0);
    const missing = await h.call('list_participants', { eventSessionId: 999_999 });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/404.*eventSessionId \(from list_events/);
  });
});

describe('list_participants page sizes and the result size limit', () => {
  it('rounds a page size the API does not offer up to the next one it does', async () => {
    const past = [...h.sandbox.state.sessions.values()].find((s) => s.status === 'STOP')!;
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_participants', { eventSessionId: past.id, perPage: 20 });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark)[0]?.query).toMatchObject({ perPage: '50' });
    expect(res.json.perPage).toBe(50);
    // On a later page rounding would shift the window: refused, nothing sent.
    const later = h.sandbox.requests.length;
    const page2 = await h.call('list_participants', {
      eventSessionId: past.id,
      page: 2,
      perPage: 20,
    });
    expect(page2.isError).toBe(true);
    expect(page2.text).toMatch(/perPage.*10, 50, 100, 250, 500 only/);
    expect(h.requestsSince(later)).toHaveLength(0);
  });

  it('cuts a page that is too big, drops nextPage and says which rows were left out', async () => {
    const { conference } = seededSessions(h);
    const res = await h.call('list_participants', {
      eventSessionId: conference.id,
      page: 2,
      perPage: 500,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.text.length).toBeLessThanOrEqual(MAX_RESULT_CHARS + 1_000);
    const kept = res.json.items.length as number;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(500);
    // Following nextPage would skip the cut rows; the note names them instead.
    expect(res.json.nextPage).toBeUndefined();
    expect(res.json.truncated).toContain(
      `rows ${500 + kept + 1}-1000 of the full list were left out`,
    );
    expect(res.json.truncated).toMatch(/smaller perPage/);
  });
});

describe('moderate / role / kick / delete', () => {
  async function twoRegistered() {
    const { eventId, sessionId } = await webinar({ moderationRequired: true });
    const ids: number[] = [];
    for (const email of ['m1@example.com', 'm2@example.com']) {
      const r = await h.call('register_participant', { eventSessionId: sessionId, email });
      ids.push(r.json.participationId);
    }
    return { eventId, sessionId, ids };
  }

  it('approves registrations of a pre-moderated event', async () => {
    const { eventId, sessionId, ids } = await twoRegistered();
    const before = await h.call('list_participants', { eventSessionId: sessionId });
    expect(before.json.items.map((p: { approved: boolean }) => p.approved)).toEqual([false, false]);
    const mark = h.sandbox.requests.length;
    const res = await h.call('moderate_participants', {
      eventId,
      participationIds: ids,
      approve: true,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toEqual({ count: 2 });
    const [put] = sent(mark, 'PUT', '/moderate');
    expect(put?.body).toEqual({ participationIds: ids.map(String), isAccepted: 'true' });
  });

  it('says when ids matched nothing (moderation of an unknown id)', async () => {
    const { eventId } = await twoRegistered();
    const res = await h.call('moderate_participants', {
      eventId,
      participationIds: [12345],
      approve: false,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.count).toBe(0);
    expect(res.json.note).toMatch(/1 of the 1 ids matched no registration.*list_participants/);
    const noEvent = await h.call('moderate_participants', {
      eventId: 999_999,
      participationIds: [1],
      approve: true,
    });
    expect(noEvent.isError).toBe(true);
    expect(noEvent.text).toMatch(/404.*list_events/);
  });

  it('changes roles', async () => {
    const { ids } = await twoRegistered();
    const res = await h.call('update_participant_role', { participationIds: ids, role: 'ADMIN' });
    expect(res.json).toEqual({ count: 2 });
    expect(ids.map((id) => h.sandbox.state.participations.get(id)?.role)).toEqual([
      'ADMIN',
      'ADMIN',
    ]);
    const bad = await h.call('update_participant_role', { participationIds: ids, role: 'OWNER' });
    expect(bad.isError).toBe(true);
  });

  it('kicks only after confirmation', async () => {
    const { ids } = await twoRegistered();
    const mark = h.sandbox.requests.length;
    const refused = await h.call('kick_participants', { participationIds: [ids[0]] });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/confirm: true/);
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
    const res = await h.call('kick_participants', { participationIds: [ids[0]], confirm: true });
    expect(res.json).toEqual({ count: 1, confirmation: expect.stringMatching(/not asked/) });
    expect(h.sandbox.state.participations.get(ids[0]!)?.isKicked).toBe(true);
  });

  it('deletes registrations after confirmation; the person may register again', async () => {
    const { sessionId, ids } = await twoRegistered();
    const refused = await h.call('delete_participants', { participationIds: ids });
    expect(refused.isError).toBe(true);
    const res = await h.call('delete_participants', { participationIds: ids, confirm: true });
    expect(res.json).toEqual({ count: 2, confirmation: expect.stringMatching(/not asked/) });
    expect(h.sandbox.state.participations.has(ids[0]!)).toBe(false);
    const again = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'm1@example.com',
    });
    expect(again.isError, again.text).toBe(false);
    expect(again.json.participationId).not.toBe(ids[0]);
  });
});
