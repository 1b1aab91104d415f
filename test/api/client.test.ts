import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import {
  ApiError,
  CancelledError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from '../../src/api/errors.js';
import type { ApiClientOptions, ApiRequest } from '../../src/api/types.js';
import { VERSION } from '../../src/version.js';

const ORIGIN = 'https://userapi.test';
const TOKEN = 'tok-9f8e7d6c5b4a';
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

let agent: MockAgent;
let seen: Seen[];
let logs: string[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
  logs = [];
});
afterEach(async () => {
  await agent.close();
});

function client(opts: Partial<ApiClientOptions> = {}): ApiClient {
  return new ApiClient({
    baseUrl: `${ORIGIN}/v3/`,
    token: TOKEN,
    dispatcher: agent,
    maxRps: 0,
    retryBaseMs: 1,
    log: (line) => logs.push(line),
    ...opts,
  });
}

/** Intercept one (or `times`) request(s) and record what was sent. */
function reply(
  statusCode: number,
  data: string | object = '',
  headers: Record<string, string> = JSON_HEADERS,
  times = 1,
) {
  return agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      seen.push({
        method: opts.method,
        path: opts.path,
        headers: { ...(opts.headers as Record<string, string>) },
        body: typeof opts.body === 'string' ? opts.body : undefined,
      });
      return { statusCode, data, responseOptions: { headers } };
    })
    .times(times);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('requests', () => {
  it('sends auth, accept and user-agent headers and a query string for GET', async () => {
    reply(200, [{ id: '1550307', isArchive: '0', name: 'Demo' }]);
    const res = await client().request({
      method: 'GET',
      path: '/organization/events/schedule',
      params: { perPage: 10, status: ['ACTIVE', 'START'], from: undefined },
    });
    expect(res).toEqual({ status: 200, data: [{ id: 1550307, isArchive: false, name: 'Demo' }] });
    const [req] = seen;
    expect(req?.method).toBe('GET');
    expect(decodeURIComponent(req?.path ?? '')).toBe(
      '/v3/organization/events/schedule?perPage=10&status[0]=ACTIVE&status[1]=START',
    );
    expect(req?.headers['x-auth-token']).toBe(TOKEN);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['user-agent']).toBe(`mtslink-mcp/${VERSION}`);
    expect(req?.body).toBeUndefined();
  });

  it('sends POST params as a form body and returns Location; empty body → null', async () => {
    reply(201, '', { location: '/v3/eventsessions/77' });
    const res = await client().request({
      method: 'POST',
      path: '/events/{eventId}/sessions',
      params: {
        eventId: 5,
        startsAt: { date: { year: 2026 } },
        accessSettings: { isRegistrationRequired: true },
      },
    });
    expect(res).toEqual({ status: 201, data: null, location: '/v3/eventsessions/77' });
    const [req] = seen;
    expect(req?.path).toBe('/v3/events/5/sessions');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(decodeURIComponent(req?.body ?? '')).toBe(
      'startsAt[date][year]=2026&accessSettings[isRegistrationRequired]=1',
    );
  });

  it('returns data null for 204', async () => {
    reply(204);
    const res = await client().request({ method: 'PUT', path: '/eventsessions/1/start' });
    expect(res).toEqual({ status: 204, data: null });
  });
});

describe('error mapping', () => {
  it.each([
    [400, { error: { code: 400, message: 'ERROR_BLANK', fieldErrors: { email: 'blank' } } }],
    [401, { error: { code: 401, message: 'x-auth-token header missing' } }],
    [403, { error: { code: 403, message: 'x-auth-token value is wrong' } }],
    [404, { error: { code: 404, message: 'Event not found' } }],
    [409, { error: { code: 409, message: 'Event session is not started' } }],
    [422, 'Unprocessable'],
  ])('%i → ApiError at once, no retry', async (status, body) => {
    reply(status, body, JSON_HEADERS, 5);
    const err = await failure(
      client().request({ method: 'GET', path: '/events/{id}', params: { id: 3, q: 'secret-q' } }),
    );
    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect(api.status).toBe(status);
    expect(api.path).toBe('/events/3');
    expect(api.message).not.toContain('secret-q');
    if (typeof body === 'object') {
      expect(api.apiMessage).toBe(body.error.message);
      expect(api.code).toBe(status);
      if ('fieldErrors' in body.error) expect(api.fieldErrors).toEqual({ email: 'blank' });
    } else {
      expect(api.apiMessage).toBe('Unprocessable');
    }
    expect(seen).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries 429 after Retry-After and then succeeds', async () => {
    reply(429, '', { 'retry-after': '0' });
    reply(200, { count: '2' });
    const res = await client().request({ method: 'POST', path: '/participations/delete' });
    expect(res.data).toEqual({ count: '2' });
    expect(seen).toHaveLength(2);
    expect(logs).toEqual([
      'mtslink api: retry 1/3 POST /participations/delete after 429; waiting 0 ms',
    ]);
  });

  it('throws 429 with retryAfterSeconds when Retry-After exceeds maxRetryAfterMs', async () => {
    reply(429, { error: { message: 'Too many' } }, { 'retry-after': '3600' });
    const err = await failure(client().request({ method: 'GET', path: '/records' }));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).retryAfterSeconds).toBe(3600);
    expect(seen).toHaveLength(1);
  });

  it('throws 429 with retryAfterSeconds when retries are exhausted', async () => {
    reply(429, '', { 'retry-after': '0' }, 3);
    const err = await failure(client({ maxRetries: 2 }).request({ method: 'GET', path: '/x' }));
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).retryAfterSeconds).toBe(0);
    expect(seen).toHaveLength(3);
  });

  it('retries 5xx for GET', async () => {
    reply(503, '<html><title>down</title></html>', { 'content-type': 'text/html' }, 2);
    reply(200, { id: 1 });
    const res = await client().request({ method: 'GET', path: '/events/{id}', params: { id: 1 } });
    expect(res.data).toEqual({ id: 1 });
    expect(seen).toHaveLength(3);
    expect(logs[0]).toMatch(
      /^mtslink api: retry 1\/3 GET \/events\/\{id\} after 503; waiting \d+ ms$/,
    );
  });

  it('does not retry 5xx for POST', async () => {
    reply(500, { error: { message: 'boom' } }, JSON_HEADERS, 4);
    const err = await failure(client().request({ method: 'POST', path: '/events' }));
    expect((err as ApiError).message).toBe('500 POST /events: boom');
    expect(seen).toHaveLength(1);
  });

  it('retries POST marked idempotent', async () => {
    reply(502, '', JSON_HEADERS);
    reply(201, { participationId: '9' });
    const res = await client().request({
      method: 'POST',
      path: '/eventsessions/{id}/invite',
      params: { id: 1 },
      idempotent: true,
    });
    expect(res.data).toEqual({ participationId: 9 });
    expect(seen).toHaveLength(2);
  });

  it('gives up after maxRetries 5xx', async () => {
    reply(500, '', JSON_HEADERS, 10);
    const err = await failure(client({ maxRetries: 2 }).request({ method: 'GET', path: '/x' }));
    expect((err as ApiError).status).toBe(500);
    expect(seen).toHaveLength(3);
    expect(logs).toHaveLength(2);
  });
});

describe('no response', () => {
  it('maps a connection error to NetworkError and retries idempotent calls', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
      code: 'ECONNREFUSED',
    });
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .replyWithError(refused)
      .times(3);
    const err = await failure(client({ maxRetries: 2 }).request({ method: 'GET', path: '/x' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('ECONNREFUSED');
    expect(err.name).toBe('NetworkError');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toContain('network error ECONNREFUSED');
  });

  it('does not retry a network error on POST', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    agent
      .get(ORIGIN)
      .intercept({ path: () => true, method: 'POST' })
      .replyWithError(reset);
    const err = await failure(client().request({ method: 'POST', path: '/x' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(logs).toHaveLength(0);
  });

  it('times out → TimeoutError with the ms', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .reply(200, {})
      .delay(200);
    const started = Date.now();
    const err = await failure(
      client({ timeoutMs: 10, maxRetries: 0 }).request({ method: 'GET', path: '/slow' }),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(10);
    expect(err.message).toBe('Timed out after 10 ms on GET /slow');
    expect(Date.now() - started).toBeLessThan(150);
  });
});

describe('cancellation', () => {
  it('rejects at once when the signal is already aborted', async () => {
    reply(200, {});
    const err = await failure(
      client().request({ method: 'GET', path: '/x', signal: AbortSignal.abort() }),
    );
    expect(err).toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(0);
  });

  it('stops waiting for an in-flight response', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .reply(200, {})
      .delay(500);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const started = Date.now();
    const err = await failure(
      client().request({ method: 'GET', path: '/x', signal: controller.signal }),
    );
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('stops waiting during a Retry-After backoff', async () => {
    reply(429, '', { 'retry-after': '20' });
    const controller = new AbortController();
    const c = client({ log: () => controller.abort() }); // abort right as the wait begins
    const started = Date.now();
    const err = await failure(c.request({ method: 'GET', path: '/x', signal: controller.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('stops waiting for a rate-limit slot', async () => {
    reply(200, {}, JSON_HEADERS, 2);
    const c = client({ maxRps: 0.05 }); // one start per 20 s
    await c.request({ method: 'GET', path: '/x' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const err = await failure(c.request({ method: 'GET', path: '/x', signal: controller.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(1);
  });
});

describe('unexpected bodies on 2xx', () => {
  it('retries a truncated body on GET, then reports it', async () => {
    reply(200, '{"id": 1, "na', JSON_HEADERS, 2);
    const err = await failure(client({ maxRetries: 1 }).request({ method: 'GET', path: '/x' }));
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect((err as UnexpectedResponseError).reason).toBe('truncated');
    expect(err.message).toMatch(/truncated/);
    expect(seen).toHaveLength(2);
  });

  it('does not retry a non-JSON 200 on POST', async () => {
    reply(200, '<html>login</html>', { 'content-type': 'text/html' }, 2);
    const err = await failure(client().request({ method: 'POST', path: '/x' }));
    expect((err as UnexpectedResponseError).reason).toBe('non-json');
    expect(seen).toHaveLength(1);
  });
});

describe('token redaction', () => {
  it('never shows the token in any error message, stack, excerpt or log line', async () => {
    const leaky = `token ${TOKEN} echoed`;
    const errors: Error[] = [];
    const run = async (req: ApiRequest, opts: Partial<ApiClientOptions> = {}) => {
      errors.push(await failure(client({ maxRetries: 1, ...opts }).request(req)));
    };
    reply(403, { error: { message: leaky, fieldErrors: { token: TOKEN } } });
    await run({ method: 'GET', path: '/a' });
    reply(500, leaky, { 'content-type': 'text/plain' }, 2);
    await run({ method: 'GET', path: '/b' });
    reply(429, leaky, { 'retry-after': '9999' });
    await run({ method: 'GET', path: '/c' });
    reply(200, `<html>${leaky}</html>`, { 'content-type': 'text/html' }, 2);
    await run({ method: 'GET', path: '/d' });
    reply(200, `{"t":"${TOKEN}`, JSON_HEADERS, 2);
    await run({ method: 'GET', path: '/e' });
    const net = Object.assign(new Error(leaky), { code: 'ECONNRESET' });
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .replyWithError(net)
      .times(2);
    await run({ method: 'GET', path: '/f' });
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .reply(200, {})
      .delay(100);
    await run({ method: 'GET', path: '/g' }, { timeoutMs: 5, maxRetries: 0 });
    await run({ method: 'GET', path: '/h', signal: AbortSignal.abort() });
    reply(404, `no event ${TOKEN}`, { 'content-type': 'text/plain' });
    await run({ method: 'GET', path: '/{id}', params: { id: TOKEN } });
    await run({ method: 'GET', path: '/{id}', params: { id: TOKEN }, signal: AbortSignal.abort() });

    expect(errors.map((e) => e.name)).toEqual([
      'ApiError',
      'ApiError',
      'ApiError',
      'UnexpectedResponseError',
      'UnexpectedResponseError',
      'NetworkError',
      'TimeoutError',
      'CancelledError',
      'ApiError',
      'CancelledError',
    ]);
    expect(logs.length).toBeGreaterThan(0);
    for (const e of errors) {
      const dump = [
        e.message,
        e.stack,
        JSON.stringify(e),
        String(e.cause && JSON.stringify(e.cause)),
      ];
      for (const text of dump) expect(text ?? '').not.toContain(TOKEN);
    }
    for (const line of logs) expect(line).not.toContain(TOKEN);
  });
});

describe('lifecycle', () => {
  it('close() leaves an injected dispatcher open and closes its own agent', async () => {
    await client().close();
    reply(200, { ok: 1 });
    expect((await client().request({ method: 'GET', path: '/x' })).data).toEqual({ ok: 1 });
    await new ApiClient({ baseUrl: ORIGIN, token: TOKEN }).close();
  });
});
