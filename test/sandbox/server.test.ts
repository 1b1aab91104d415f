import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSandboxArgs, startSandbox } from '../../src/sandbox/index.js';
import { seedState } from '../../src/sandbox/seed.js';
import { NOW, startClient, type Client } from './helpers.js';

let c: Client;
afterEach(async () => {
  await c?.sb.close();
});

/** Resolves with the error of a request the server answers with nothing (reset/stall). */
function rawGet(url: string, token: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { 'x-auth-token': token } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', (err) =>
      resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }),
    );
    req.end();
  });
}

describe('wire basics', () => {
  it('serves under /v3 and 404s elsewhere', async () => {
    c = await startClient();
    expect(c.sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
    const res = await fetch(c.sb.url.replace('/v3', '/v2/timezones'), {
      headers: { 'x-auth-token': c.sb.token },
    });
    expect(res.status).toBe(404);
  });

  it('401 without the header, 403 with an unknown token', async () => {
    c = await startClient();
    const missing = await c.call('GET', '/timezones', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: { code: 401, message: expect.any(String) } });
    const wrong = await c.call('GET', '/timezones', { token: 'nope' });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual({ error: { code: 403, message: 'x-auth-token value is wrong' } });
  });

  it('accepts every configured token', async () => {
    c = await startClient({ tokens: ['t1', 't2'] });
    expect(c.sb.token).toBe('t1');
    expect((await c.call('GET', '/timezones', { token: 't2' })).status).toBe(200);
  });

  it('404 for an unknown route, 405 (with Allow) for a wrong method', async () => {
    c = await startClient();
    const unknown = await c.call('GET', '/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe(404);
    const wrong = await c.call('PATCH', '/timezones');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('400 for malformed JSON, 413 for bodies over 1 MB', async () => {
    c = await startClient();
    const bad = await c.call('POST', '/events', {
      raw: '{"name":',
      contentType: 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/Malformed JSON/);
    const big = await c.call('POST', '/events', { form: { name: 'x'.repeat(1024 * 1024 + 10) } });
    expect(big.status).toBe(413);
  });

  it('logs every request with method, path, query, body, auth and status', async () => {
    c = await startClient();
    await c.call('GET', '/organization/events/schedule?status[]=ACTIVE&perPage=10');
    await c.call('POST', '/events', { form: { name: 'Logged', access: 1 } });
    await c.call('GET', '/timezones', { token: null });
    const [list, create, anon] = c.sb.requests;
    expect(list).toMatchObject({
      method: 'GET',
      path: '/organization/events/schedule',
      query: { status: ['ACTIVE'], perPage: '10' },
      hasAuthHeader: true,
      status: 200,
    });
    expect(create).toMatchObject({
      method: 'POST',
      path: '/events',
      body: { name: 'Logged', access: '1' },
      rawBody: 'name=Logged&access=1',
      contentType: 'application/x-www-form-urlencoded',
      status: 201,
    });
    expect(anon).toMatchObject({ hasAuthHeader: false, status: 401 });
  });

  it('keeps no request log when asked not to (long-running sandboxes), yet serves and logs lines', async () => {
    const lines: string[] = [];
    c = await startClient({ requestLog: false, log: (line) => lines.push(line) });
    const res = await c.call('POST', '/events', { form: { name: 'Unlogged', access: 1 } });
    expect(res.status).toBe(201);
    expect(c.sb.requests).toEqual([]);
    expect(lines).toEqual(['POST /events → 201']);
  });
});

describe('knobs', () => {
  it('rate-limits per token with 429 and Retry-After, on the sandbox clock', async () => {
    c = await startClient({ rateLimit: 2, tokens: ['a', 'b'] });
    expect((await c.call('GET', '/timezones')).status).toBe(200);
    expect((await c.call('GET', '/timezones')).status).toBe(200);
    const limited = await c.call('GET', '/timezones');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json.error.code).toBe(429);
    expect((await c.call('GET', '/timezones', { token: 'b' })).status).toBe(200);
    c.clock.now += 1000;
    expect((await c.call('GET', '/timezones')).status).toBe(200);
  });

  it('knobs are live: switching the limit off takes effect at once', async () => {
    c = await startClient({ rateLimit: 1 });
    await c.call('GET', '/timezones');
    expect((await c.call('GET', '/timezones')).status).toBe(429);
    c.sb.knobs.rateLimit = 0;
    expect((await c.call('GET', '/timezones')).status).toBe(200);
  });

  it('adds latency to every request', async () => {
    c = await startClient({ latencyMs: 40 });
    const started = performance.now();
    expect((await c.call('GET', '/timezones')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('random faults are reproducible for a seed', async () => {
    const run = async () => {
      const sb = await startSandbox({ seed: 7, faultRate5xx: 0.5, now: () => NOW });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const res = await fetch(`${sb.url}/timezones`, { headers: { 'x-auth-token': sb.token } });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      await sb.close();
      return statuses;
    };
    const first = await run();
    expect(first.some((s) => s >= 500)).toBe(true);
    expect(first.some((s) => s === 200)).toBe(true);
    expect(await run()).toEqual(first);
  });
});

describe('injected faults', () => {
  it.each(['500', '502', '503'] as const)('%s answers with an error body', async (kind) => {
    c = await startClient();
    c.sb.injectFaults([{ kind }]);
    const res = await c.call('GET', '/timezones');
    expect(res.status).toBe(Number(kind));
    expect(res.json.error.code).toBe(Number(kind));
    expect((await c.call('GET', '/timezones')).status).toBe(200);
  });

  it('429 carries Retry-After unless retryAfter is null', async () => {
    c = await startClient();
    c.sb.injectFaults([
      { kind: '429', retryAfter: 3 },
      { kind: '429', retryAfter: null },
    ]);
    const first = await c.call('GET', '/timezones');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    const second = await c.call('GET', '/timezones');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
  });

  it('matches method and path prefix, and counts `times`', async () => {
    c = await startClient();
    c.sb.injectFaults([{ kind: '503', method: 'POST', pathPrefix: '/events', times: 2 }]);
    expect((await c.call('GET', '/timezones')).status).toBe(200);
    expect((await c.call('POST', '/events', { form: { name: 'x', access: 1 } })).status).toBe(503);
    expect((await c.call('POST', '/events', { form: { name: 'x', access: 1 } })).status).toBe(503);
    expect((await c.call('POST', '/events', { form: { name: 'x', access: 1 } })).status).toBe(201);
  });

  it('afterApply mutates the state before answering with the fault', async () => {
    c = await startClient();
    const before = c.sb.state.events.size;
    c.sb.injectFaults([{ kind: '502', afterApply: true }]);
    const res = await c.call('POST', '/events', { form: { name: 'Applied', access: 1 } });
    expect(res.status).toBe(502);
    expect(c.sb.state.events.size).toBe(before + 1);
    c.sb.injectFaults([{ kind: '502' }]);
    await c.call('POST', '/events', { form: { name: 'Not applied', access: 1 } });
    expect(c.sb.state.events.size).toBe(before + 1);
  });

  it('reset destroys the connection without an answer', async () => {
    c = await startClient();
    c.sb.injectFaults([{ kind: 'reset' }]);
    const res = await rawGet(`${c.sb.url}/timezones`, c.sb.token);
    expect(res.error).toBeDefined();
    expect(c.sb.requests.at(-1)?.status).toBe(0);
  });

  it('truncated answers 200 with half a JSON body', async () => {
    c = await startClient();
    c.sb.injectFaults([{ kind: 'truncated', afterApply: true }]);
    const res = await c.call('GET', '/timezones');
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('nonjson answers 200 with HTML', async () => {
    c = await startClient();
    c.sb.injectFaults([{ kind: 'nonjson' }]);
    const res = await c.call('GET', '/timezones');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('stall holds the request, and close() does not wait for it', async () => {
    c = await startClient({ stallMs: 600_000 });
    c.sb.injectFaults([{ kind: 'stall' }]);
    const pending = rawGet(`${c.sb.url}/timezones`, c.sb.token);
    while (c.sb.requests.length === 0) await new Promise((r) => setImmediate(r));
    const started = performance.now();
    await c.sb.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await pending).error).toBeDefined();
  });
});

describe('seed', () => {
  it('is deterministic for a seed and clock, and differs between seeds', () => {
    const a = seedState(1, NOW);
    const b = seedState(1, NOW);
    expect([...a.events.values()]).toEqual([...b.events.values()]);
    expect([...a.sessions.values()]).toEqual([...b.sessions.values()]);
    expect([...a.participations.values()]).toEqual([...b.participations.values()]);
    const other = seedState(2, NOW);
    expect([...other.events.values()].map((e) => e.name)).not.toEqual(
      [...a.events.values()].map((e) => e.name),
    );
  });

  it('ids do not depend on the clock', () => {
    const a = seedState(1, NOW);
    const b = seedState(1, NOW + 17 * 86_400_000);
    expect([...a.events.keys()]).toEqual([...b.events.keys()]);
    expect([...a.sessions.keys()]).toEqual([...b.sessions.keys()]);
  });

  it('has the documented demo organisation', () => {
    const s = seedState(1, NOW);
    expect(s.organization).toMatchObject({ id: 9559, alias: 'demo-academy', ownerId: 1029 });
    expect(s.members.size).toBe(6);
    expect(s.members.get(1029)?.role).toBe('admin');
    expect(s.members.get(1034)?.emailConfirmed).toBe(false);
    const sessions = [...s.sessions.values()];
    const past = sessions.filter((x) => x.status === 'STOP');
    expect(past.length).toBeGreaterThanOrEqual(20);
    expect(
      past.every((x) => (x.stoppedAt ?? Infinity) < NOW && x.startsAt > NOW - 65 * 86_400_000),
    ).toBe(true);
    const upcoming = sessions.filter((x) => x.status === 'ACTIVE');
    expect(upcoming.every((x) => x.startsAt > NOW)).toBe(true);
    expect([...s.events.values()].filter((e) => e.isSeries)).toHaveLength(1);
    expect(s.participations.size).toBeGreaterThan(50);
  });
});

describe('parseSandboxArgs', () => {
  it('parses every flag', () => {
    expect(
      parseSandboxArgs([
        '--port',
        '8080',
        '--seed',
        '42',
        '--token',
        'a',
        '--token',
        'b',
        '--rate-limit',
        '2',
        '--fault-5xx',
        '0.05',
        '--fault-reset',
        '0.01',
        '--fault-stall',
        '0',
        '--fault-truncated',
        '0.02',
        '--fault-429',
        '0.03',
        '--verbose',
        '--stall-ms',
        '5000',
        '--latency-ms',
        '10',
        '--duplicate-registration',
        'conflict',
        '--conversion-conflict',
        '403',
        '--host',
        '127.0.0.1',
      ]),
    ).toEqual({
      port: 8080,
      seed: 42,
      tokens: ['a', 'b'],
      rateLimit: 2,
      faultRate5xx: 0.05,
      faultRateReset: 0.01,
      faultRateStall: 0,
      faultRateTruncated: 0.02,
      faultRate429: 0.03,
      stallMs: 5000,
      latencyMs: 10,
      duplicateRegistration: 'conflict',
      conversionConflict: 403,
      host: '127.0.0.1',
    });
    expect(parseSandboxArgs([])).toEqual({});
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--seed', '-1'], /--seed/],
    [['--fault-5xx', '1.5'], /--fault-5xx/],
    [['--fault-5xx', '0.6', '--fault-reset', '0.6'], /must not exceed 1/],
    [['--rate-limit', 'fast'], /--rate-limit/],
    [['--duplicate-registration', 'maybe'], /--duplicate-registration/],
    [['--conversion-conflict', '500'], /--conversion-conflict/],
    [['--bogus'], /Unknown option/],
    [['extra'], /Unexpected argument/],
    [['--token', ''], /--token/],
  ])('%j → one clear error line', (argv, message) => {
    let error: Error | undefined;
    try {
      parseSandboxArgs(argv);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message.includes('\n')).toBe(false);
  });
});

describe('boundaries', () => {
  // The one package it uses: RFC 5545 recurrence (rrule); the client side has no need of it.
  const PACKAGES = ['rrule'];
  it('src/sandbox imports nothing from api/, tools/ or workflows/, and no other npm packages', () => {
    const root = join(import.meta.dirname, '../../src/sandbox');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const spec = m[1] as string;
        expect(spec, file).not.toMatch(/\/(api|tools|workflows)\//);
        const allowed = spec.startsWith('.') || spec.startsWith('node:') || PACKAGES.includes(spec);
        expect(allowed, `${file}: ${spec}`).toBe(true);
      }
    }
  });
});
