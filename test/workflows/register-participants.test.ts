// register_participants / get_registration_job through a real MCP client against the sandbox:
// batching, validation, CSV, progress, faults (with the sandbox state as ground truth), cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const NEXT_WEEK = '2037-12-08T11:00:00+03:00';
type Item = { row: number; email: string; status: string; link?: string; reason?: string };

async function session(extra: Record<string, unknown> = {}, harness = h) {
  const event = await harness.call('create_event', {
    name: 'Bulk',
    startsAt: NEXT_WEEK,
    ...extra,
  });
  expect(event.isError, event.text).toBe(false);
  const s = await harness.call('create_event_session', { eventId: event.json.eventId });
  return { eventId: event.json.eventId as number, sessionId: s.json.eventSessionId as number };
}

const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.com`, name: `N${i}` }));

const invites = (mark: number, harness = h) =>
  harness.requestsSince(mark).filter((r: RequestRecord) => r.path.endsWith('/invite'));

/** Registrations per lower-cased e-mail on a session, from the sandbox's own state. */
function registeredOn(sessionId: number, harness = h): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of harness.sandbox.state.participations.values()) {
    if (p.eventSessionId !== sessionId) continue;
    out.set(p.email.toLowerCase(), (out.get(p.email.toLowerCase()) ?? 0) + 1);
  }
  return out;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('register_participants: happy path', () => {
  it('registers everyone in invite batches of at most 50 and returns each personal link', async () => {
    const { sessionId } = await session();
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(120, 'happy'),
      sendEmail: false,
      perPage: 500,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({
      state: 'done',
      total: 120,
      counts: { registered: 120, alreadyRegistered: 0, rejected: 0, failed: 0 },
    });
    expect(res.json.items).toHaveLength(120);
    expect(res.json.items[0]).toMatchObject({
      row: 1,
      email: 'happy0@example.com',
      status: 'registered',
      participationId: expect.any(Number),
      link: expect.stringMatching(/^https:\/\//),
    });
    const calls = invites(mark);
    // Batches run concurrently, so they may arrive in any order.
    const sizes = calls.map((r) => (r.body.users as unknown[]).length);
    expect(sizes.sort((a, b) => b - a)).toEqual([50, 50, 20]);
    expect(calls[0]?.body).toMatchObject({ sendEmail: 'false' });
    expect(registeredOn(sessionId).size).toBe(120);
  });

  it('skips people already registered (a re-run resumes and sends no invite for them)', async () => {
    const { sessionId } = await session();
    const list = people(60, 'again');
    await h.call('register_participants', { eventSessionId: sessionId, people: list.slice(0, 40) });
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, people: list });
    expect(res.json.counts).toEqual({
      registered: 20,
      alreadyRegistered: 40,
      rejected: 0,
      failed: 0,
    });
    const sentEmails = invites(mark).flatMap((r) =>
      (r.body.users as Array<{ email: string }>).map((u) => u.email),
    );
    expect(sentEmails).toEqual(list.slice(40).map((p) => p.email));
    expect([...registeredOn(sessionId).values()].every((n) => n === 1)).toBe(true);
  });

  it('registers on a whole series when it allows it', async () => {
    const series = [...h.sandbox.state.events.values()].find((e) => e.isEventRegAllowed)!;
    const res = await h.call('register_participants', {
      eventId: series.id,
      people: people(3, 'series'),
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts.registered).toBe(3);
    const mine = [...h.sandbox.state.participations.values()].filter((p) =>
      p.email.startsWith('series'),
    );
    expect(mine.map((p) => p.eventSessionId)).toEqual([null, null, null]);
  });
});

describe('register_participants: validation before anything is sent', () => {
  it('rejects bad rows with their reason and sends only the good ones', async () => {
    const { eventId, sessionId } = await session({
      additionalFields: [
        { label: 'Компания', type: 'text', isRequired: true },
        { label: 'Город', type: 'text' },
      ],
    });
    const cityKey = h.sandbox.state.events.get(eventId)!.additionalFields[1]!.key;
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      role: 'LECTURER',
      perPage: 500,
      people: [
        { email: 'ok@example.com', fields: { компания: 'ACME', [cityKey]: 'Казань', Phone: '1' } },
        { email: 'not-an-email', fields: { Компания: 'X' } },
        { email: '', fields: { Компания: 'X' } },
        { email: 'nofield@example.com' },
        { email: 'OK@example.com', fields: { Компания: 'X' } },
        { email: 'boss@example.com', role: 'admin', fields: { Компания: 'X' } },
        { email: 'king@example.com', role: 'king', fields: { Компания: 'X' } },
      ],
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 2,
      alreadyRegistered: 0,
      rejected: 5,
      failed: 0,
    });
    expect(sum(res.json.counts)).toBe(7);
    expect(res.json.ignoredFields).toEqual(['Phone']);
    const byRow = Object.fromEntries(res.json.items.map((i: Item) => [i.row, i]));
    expect(byRow[2].reason).toBe('invalid e-mail "not-an-email"');
    expect(byRow[3].reason).toBe('missing e-mail');
    expect(byRow[4].reason).toBe('missing required field "Компания"');
    expect(byRow[5].reason).toBe('duplicate of row 1');
    expect(byRow[7].reason).toMatch(/unknown role "king"/);
    expect(res.json.items.slice(0, 5).every((i: Item) => i.status === 'rejected')).toBe(true);
    const [call] = invites(mark);
    const users = call?.body.users as Array<Record<string, unknown>>;
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['ok@example.com', 'LECTURER'],
      ['boss@example.com', 'ADMIN'],
    ]);
    expect(users[0]?.additionalFields).toEqual({
      [h.sandbox.state.events.get(eventId)!.additionalFields[0]!.key]: 'ACME',
      [cityKey]: 'Казань',
    });
  });

  it('registers every address of a list pasted on one line, as the prompt suggests', async () => {
    const { sessionId } = await session();
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      csv: 'line1@example.com, line2@example.com; line3@example.com',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ total: 3, counts: { registered: 3 } });
  });

  it('sends nothing at all for 10,001 people or 10,001 CSV rows', async () => {
    const { sessionId } = await session();
    const mark = h.sandbox.requests.length;
    const big = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(10_001, 'big'),
    });
    expect(big.isError).toBe(true);
    expect(big.text).toMatch(/10000|10,000/);
    const csv = ['email', ...people(10_001, 'csv').map((p) => p.email)].join('\n');
    const bigCsv = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(bigCsv.isError).toBe(true);
    expect(bigCsv.text).toMatch(/10001 people, at most 10000 per call.*nothing was sent/);
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('refuses a series without series registration before any invite', async () => {
    const { eventId } = await session();
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventId, people: people(2, 'noseries') });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/does not allow registration on the whole series/);
    expect(invites(mark)).toHaveLength(0);
  });

  it('needs exactly one target and one source, and a session that exists', async () => {
    const both = await h.call('register_participants', {
      eventId: 1,
      eventSessionId: 2,
      people: people(1, 'x'),
    });
    expect(both.text).toMatch(/exactly one/);
    const none = await h.call('register_participants', { eventSessionId: 2 });
    expect(none.text).toMatch(/people or csv/);
    const missing = await h.call('register_participants', {
      eventSessionId: 999_999,
      people: people(1, 'x'),
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/999999 does not exist; get ids from list_events/);
  });
});

describe('register_participants: CSV', () => {
  it('reads semicolons, a BOM, CRLF, quotes and Russian headers; rows are file lines', async () => {
    const { sessionId } = await session({
      additionalFields: [{ label: 'Компания', type: 'text', isRequired: true }],
    });
    const csv =
      '\uFEFFE-mail;Фамилия;Имя;Компания;Телефон\r\n' +
      'ivanov@example.com;Иванов;Иван;"ООО ""Ромашка""; филиал";+7 999\r\n' +
      '\r\n' +
      'petrova@example.com;Петрова;Анна;;+7 998\r\n' +
      'bad-mail;Сидоров;Пётр;ACME;\r\n';
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 1,
      alreadyRegistered: 0,
      rejected: 2,
      failed: 0,
    });
    expect(res.json.ignoredFields).toEqual(['Телефон']);
    const items = res.json.items as Item[];
    expect(items.map((i) => [i.row, i.status])).toEqual([
      [4, 'rejected'],
      [5, 'rejected'],
      [2, 'registered'],
    ]);
    const p = [...h.sandbox.state.participations.values()].find(
      (x) => x.email === 'ivanov@example.com',
    );
    expect(p).toMatchObject({ name: 'Иван', secondName: 'Иванов' });
    expect(Object.values(p!.additionalFieldValues)).toEqual(['ООО "Ромашка"; филиал']);
  });
});

describe('register_participants: progress, faults and cancellation', () => {
  it('sends progress notifications when the client asks for them', async () => {
    const { sessionId } = await session();
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const raw = await h.client.callTool(
      {
        name: 'register_participants',
        arguments: { eventSessionId: sessionId, people: people(130, 'prog') },
      },
      { onprogress: (p) => seen.push(p) },
    );
    expect(raw.isError).toBeFalsy();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toMatchObject({ progress: 130, total: 130 });
    expect(seen.map((p) => p.progress)).toEqual(
      [...seen.map((p) => p.progress)].sort((a, b) => a - b),
    );
    expect(seen[0]?.message).toMatch(/^job [0-9a-f-]{36}: /);
  });

  it('loses and duplicates nobody when invite calls fail, even after being applied', async () => {
    const { sessionId } = await session();
    h.sandbox.knobs.stallMs = 20;
    const invite = { method: 'POST', pathPrefix: `/eventsessions/${sessionId}/invite` };
    h.sandbox.injectFaults([
      { ...invite, kind: 'truncated', afterApply: true },
      { ...invite, kind: '502', afterApply: true },
      { ...invite, kind: 'reset' },
      { ...invite, kind: '503' },
      { ...invite, kind: '429', retryAfter: 0 },
      { ...invite, kind: 'stall' },
      { ...invite, kind: 'reset', afterApply: true },
    ]);
    const list = people(200, 'fault');
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: list,
      perPage: 500,
    });
    h.sandbox.knobs.stallMs = 60_000;
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 200,
      alreadyRegistered: 0,
      rejected: 0,
      failed: 0,
    });
    expect(res.json.items.every((i: Item) => i.link)).toBe(true);
    const truth = registeredOn(sessionId);
    expect(list.filter((p) => truth.get(p.email) !== 1)).toEqual([]);
    expect(truth.size).toBe(200);
    expect(invites(mark).length).toBeGreaterThan(4); // retried batches really were sent again
  });

  it('counts a lost answer as registered when the API answers 409 for known e-mails', async () => {
    const { sessionId } = await session();
    h.sandbox.knobs.duplicateRegistration = 'conflict';
    h.sandbox.injectFaults([
      {
        kind: 'truncated',
        afterApply: true,
        method: 'POST',
        pathPrefix: `/eventsessions/${sessionId}/invite`,
      },
    ]);
    try {
      const res = await h.call('register_participants', {
        eventSessionId: sessionId,
        people: people(3, 'conflict'),
      });
      expect(res.json.counts).toEqual({
        registered: 3,
        alreadyRegistered: 0,
        rejected: 0,
        failed: 0,
      });
      expect(res.json.items[0].reason).toMatch(/did not return the personal link/);
      expect(registeredOn(sessionId).size).toBe(3);
    } finally {
      h.sandbox.knobs.duplicateRegistration = 'ignore';
    }
  });

  it('reports the API refusing the whole run (a finished session) as an error', async () => {
    const { sessionId } = await session();
    h.sandbox.state.sessions.get(sessionId)!.status = 'STOP';
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(120, 'late'),
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/409.*finished/);
    expect(registeredOn(sessionId).size).toBe(0);
  });

  it('stops when the call is cancelled: nothing more is sent, and every person is accounted for', async () => {
    const slow = await createHarness({ api: { maxRps: 40 } });
    try {
      const { sessionId } = await session({}, slow);
      const list = people(1000, 'cancel');
      const controller = new AbortController();
      let jobId: string | undefined;
      const mark = slow.sandbox.requests.length;
      const call = slow.client.callTool(
        { name: 'register_participants', arguments: { eventSessionId: sessionId, people: list } },
        {
          signal: controller.signal,
          onprogress: (p) => {
            jobId ??= /job ([0-9a-f-]{36})/.exec(p.message ?? '')?.[1];
            if (p.progress > 0) controller.abort();
          },
        },
      );
      await expect(call).rejects.toThrow();
      const settled = await slow.call('get_registration_job', {
        jobId,
        waitSeconds: 30,
        perPage: 500,
        status: 'registered',
      });
      expect(settled.json.state).toBe('cancelled');
      const after = invites(mark, slow).length;
      expect(after).toBeLessThan(20); // 1000 people would take 20 invite calls
      const again = await slow.call('get_registration_job', { jobId });
      expect(invites(mark, slow).length).toBe(after); // nothing more was sent
      expect(sum(again.json.counts)).toBe(1000);
      expect(again.json.counts.failed).toBeGreaterThan(0);
      const truth = registeredOn(sessionId, slow);
      for (const i of settled.json.items as Item[]) expect(truth.get(i.email)).toBe(1);
      expect(again.json.hint).toMatch(/call register_participants again/);
    } finally {
      await slow.close();
    }
  });
});

describe('get_registration_job', () => {
  it('follows a run handed to the background and pages its account by status', async () => {
    const { sessionId } = await session();
    const list = [...people(120, 'bg'), { email: 'broken', name: 'x' }];
    const first = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: list,
      waitSeconds: 0,
      perPage: 10,
    });
    expect(first.isError, first.text).toBe(false);
    expect(['running', 'done']).toContain(first.json.state);
    if (first.json.state === 'running') expect(first.json.hint).toMatch(/get_registration_job/);
    const done = await h.call('get_registration_job', {
      jobId: first.json.jobId,
      waitSeconds: 30,
      status: 'registered',
      page: 2,
      perPage: 50,
    });
    expect(done.json).toMatchObject({
      state: 'done',
      total: 121,
      counts: { registered: 120, rejected: 1 },
      page: 2,
      nextPage: 3,
    });
    expect(done.json.items).toHaveLength(50);
    expect(done.json.items[0]).toMatchObject({ row: 51, status: 'registered' });
    const missing = await h.call('get_registration_job', { jobId: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/no such job/);
  });
});
