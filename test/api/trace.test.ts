// `--trace FILE` (issue 13.6): every exchange as a JSON line with method, path, status, timing
// and the encoded body, through the real tools against the sandbox; the token and personal join
// links never appear in it.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { openTraceFile, traceEntry, type TraceEntry } from '../../src/api/trace.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const trace: TraceEntry[] = [];
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ api: { trace: (e) => trace.push(e) } });
});
afterAll(async () => {
  await h.close();
});

describe('trace of real exchanges', () => {
  it('records a registration: method, path, status, timing, encoded body; no token, no join link', async () => {
    const event = await h.call('create_event', {
      name: 'Traced',
      startsAt: '2037-12-08T11:00:00+03:00',
      password: 'letmein',
    });
    const session = await h.call('create_event_session', { eventId: event.json.eventId });
    const sessionId = session.json.eventSessionId as number;
    const from = trace.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'olga@example.com',
      sendEmail: false,
    });
    expect(res.isError, res.text).toBe(false);
    const personalLink = res.json.link as string;
    expect(personalLink).toMatch(/^https:\/\//);

    const post = trace.slice(from).find((e) => e.method === 'POST')!;
    expect(post).toMatchObject({
      path: `/eventsessions/${sessionId}/register`,
      status: 201,
      attempt: 1,
      body: 'email=olga%40example.com&role=GUEST&sendEmail=false',
    });
    expect(post.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(post.response!)).toMatchObject({
      participationId: res.json.participationId,
      link: '[redacted]',
    });

    // The participant list carries each person's link token (`url`): hidden too.
    const list = await h.call('list_participants', { eventSessionId: sessionId });
    expect(list.isError, list.text).toBe(false);
    const urlToken = h.sandbox.state.participations.get(res.json.participationId)!.url;

    const all = JSON.stringify(trace);
    expect(all).not.toContain(h.sandbox.token);
    expect(all).not.toContain(personalLink);
    expect(all).not.toContain(urlToken);
    expect(all).not.toContain('letmein'); // the event password
  });

  it('records refused calls with the API answer', async () => {
    const from = trace.length;
    const res = await h.call('get_event_session', { eventSessionId: 999 });
    expect(res.isError).toBe(true);
    // The tool may look further (whether 999 is an event id); the refused call comes first.
    expect(trace[from]).toMatchObject({
      method: 'GET',
      path: '/eventsessions/999',
      status: 404,
      response: expect.stringContaining('not found'),
    });
  });
});

describe('trace entries', () => {
  it('records a call that got no answer, with the error and each attempt', async () => {
    const lines: TraceEntry[] = [];
    const client = new ApiClient({
      baseUrl: 'http://127.0.0.1:9/v3',
      token: 'secret-token-123',
      maxRetries: 1,
      retryBaseMs: 1,
      trace: (e) => lines.push(e),
    });
    await expect(client.request({ method: 'GET', path: '/timezones' })).rejects.toThrow();
    await client.close();
    expect(lines.map((l) => [l.attempt, l.status, l.error])).toEqual([
      [1, undefined, 'NetworkError ECONNREFUSED'],
      [2, undefined, 'NetworkError ECONNREFUSED'],
    ]);
  });

  it('hides the token, passwords and links wherever they are', () => {
    const entry = traceEntry(
      {
        method: 'PUT',
        path: '/contacts/tok-1',
        query: 'password=p%40ss&name=x',
        body: 'password=qwerty&accessSettings%5BisPasswordRequired%5D=1&note=tok-1',
        status: 200,
        startedAt: 1000,
        attempt: 1,
        responseText: 'Moved to https://events.webinar.ru/alias/123/abcdef personal',
      },
      'tok-1',
      1040,
    );
    expect(entry).toEqual({
      time: '1970-01-01T00:00:01.000Z',
      method: 'PUT',
      path: '/contacts/[REDACTED]',
      query: 'password=[redacted]&name=x',
      body: 'password=[redacted]&accessSettings%5BisPasswordRequired%5D=1&note=[REDACTED]',
      status: 200,
      ms: 40,
      attempt: 1,
      responseBytes: 60,
      response: 'Moved to https://events.webinar.ru/[redacted] personal',
    });
  });

  it('appends JSON lines to a file only its owner can read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mtslink-trace-')), 't.jsonl');
    const t = openTraceFile(file);
    t.sink({ time: 'a', method: 'GET', path: '/x', ms: 1, attempt: 1 });
    t.sink({ time: 'b', method: 'GET', path: '/y', ms: 2, attempt: 1 });
    t.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).path)).toEqual(['/x', '/y']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
