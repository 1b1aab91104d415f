// Streamable HTTP mode driven by a real MCP client, plus the guards in front of it.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientPool } from '../../src/api/pool.js';
import { createLogger } from '../../src/log.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { createServer } from '../../src/server.js';
import { servedTool } from '../../src/tools/listed.js';
import { ALL_TOOLS } from '../../src/toolsets/all.js';
import { serveHttp } from '../../src/transports/http.js';
import { loopbackOptions } from '../helpers/http-options.js';

const tools = ALL_TOOLS.map(servedTool);

const SECRET = 'test-bearer-secret';
const OTHER_ORG_TOKEN = 'second-org-token';
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pool: ApiClientPool;
let running: Awaited<ReturnType<typeof serveHttp>>;
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1, tokens: ['first-org-token', OTHER_ORG_TOKEN] });
  pool = new ApiClientPool({ baseUrl: sandbox.url, maxRps: 1000, retryBaseMs: 1 });
  running = await serveHttp(
    loopbackOptions(SECRET, {
      log: createLogger('debug', (line) => logLines.push(line)),
    }),
    (token) =>
      createServer(
        { toolsets: ['all'], sandbox: true },
        { client: pool.get(token ?? 'first-org-token'), tools },
      ),
  );
});
afterAll(async () => {
  await running.close();
  await pool.close();
  await sandbox.close();
});

async function connect(
  headers: Record<string, string>,
  options: ConstructorParameters<typeof Client>[1] = {},
) {
  const client = new Client({ name: 'http-test', version: '1.0.0' }, options);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers } }),
  );
  return client;
}

/** A raw POST with chosen headers and body, for the refusals a real client never provokes. */
function rawPost(headers: Record<string, string>, body: string, endpoint = running.url) {
  const url = new URL(endpoint);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const initBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'x', version: '1' },
  },
});
const jsonHeaders = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

describe('Streamable HTTP', () => {
  it('serves an authorised client', async () => {
    const client = await connect({ authorization: `Bearer ${SECRET}` });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('list_events');
    const res = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
    expect(res.isError).toBeFalsy();
    await client.close();
  });

  it('fetches the time-zone list once per token, though each request is a fresh server', async () => {
    const eventId = [...sandbox.state.events.keys()][0];
    const zoneFetches = () => sandbox.requests.filter((r) => r.path === '/timezones').length;
    const before = zoneFetches();
    for (let i = 0; i < 3; i++) {
      const client = await connect({ authorization: `Bearer ${SECRET}` });
      const res = await client.callTool({ name: 'get_event', arguments: { eventId } });
      expect(res.isError).toBeFalsy();
      await client.close();
    }
    expect(zoneFetches() - before).toBeLessThanOrEqual(1);
  });

  it('refuses a request without or with a wrong bearer secret (401)', async () => {
    await expect(connect({})).rejects.toThrow();
    const none = await rawPost(jsonHeaders, initBody);
    expect(none.status).toBe(401);
    const wrong = await rawPost({ ...jsonHeaders, authorization: 'Bearer nope' }, initBody);
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(SECRET);
  });

  it('refuses a foreign Host or Origin (DNS rebinding, 403)', async () => {
    const auth = { ...jsonHeaders, authorization: `Bearer ${SECRET}` };
    const host = await rawPost({ ...auth, host: 'evil.example:80' }, initBody);
    expect(host.status).toBe(403);
    const origin = await rawPost({ ...auth, origin: 'https://evil.example' }, initBody);
    expect(origin.status).toBe(403);
  });

  it('refuses an oversize body (413)', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { x: 'y'.repeat(100_000) },
    });
    const res = await rawPost({ ...jsonHeaders, authorization: `Bearer ${SECRET}` }, big);
    expect(res.status).toBe(413);
  });

  it('keeps per-request MTS Link tokens apart under concurrency', async () => {
    const good = await connect({
      authorization: `Bearer ${SECRET}`,
      'x-mtslink-token': OTHER_ORG_TOKEN,
    });
    const bad = await connect({
      authorization: `Bearer ${SECRET}`,
      'x-mtslink-token': 'unknown-token',
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? bad : good).callTool({ name: 'list_events', arguments: { perPage: 10 } }),
      ),
    );
    results.forEach((r, i) => {
      expect(Boolean(r.isError)).toBe(i % 2 === 1);
      expect(JSON.stringify(r)).not.toContain(OTHER_ORG_TOKEN);
    });
    await good.close();
    await bad.close();
    expect(logLines.join('')).not.toContain(OTHER_ORG_TOKEN);
  });
});

describe('confirmation over HTTP', () => {
  const auth = { authorization: `Bearer ${SECRET}` };
  const newEvent = async (client: Client, name: string) => {
    const res = await client.callTool({
      name: 'create_event',
      arguments: { name, startsAt: '2037-12-08T11:00:00+03:00' },
    });
    const text = (res.content as { text: string }[])[0]!.text;
    return JSON.parse(text).eventId as number;
  };

  it('asks a 2026-07-28 client through input_required, whatever confirm says', async () => {
    const questions: string[] = [];
    let answer: 'decline' | 'accept' = 'decline';
    const client = await connect(auth, {
      capabilities: { elicitation: {} },
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    });
    client.setRequestHandler('elicitation/create', async (req) => {
      questions.push(String(req.params.message));
      return answer === 'accept'
        ? { action: 'accept', content: { confirm: true } }
        : { action: 'decline' };
    });
    const eventId = await newEvent(client, 'Asked over HTTP');
    const declined = await client.callTool({
      name: 'delete_event',
      arguments: { eventId, confirm: true },
    });
    expect(declined.isError).toBe(true);
    expect(JSON.stringify(declined.content)).toContain('declined');
    expect(sandbox.state.events.get(eventId)?.deleted).toBe(false);
    expect(questions).toEqual([expect.stringContaining('«Asked over HTTP»')]);
    answer = 'accept';
    const done = await client.callTool({ name: 'delete_event', arguments: { eventId } });
    expect(done.isError, JSON.stringify(done.content)).toBeFalsy();
    expect(JSON.stringify(done.content)).not.toMatch(/not asked/);
    expect(sandbox.state.events.get(eventId)?.deleted).toBe(true);
    await client.close();
  });

  it('lets confirm: true stand in on stateless 2025-era HTTP, and says the user was not asked', async () => {
    const client = await connect(auth, { capabilities: { elicitation: {} } });
    const eventId = await newEvent(client, 'Not asked over HTTP');
    const refused = await client.callTool({ name: 'delete_event', arguments: { eventId } });
    expect(refused.isError).toBe(true);
    expect(sandbox.state.events.get(eventId)?.deleted).toBe(false);
    const done = await client.callTool({
      name: 'delete_event',
      arguments: { eventId, confirm: true },
    });
    expect(done.isError).toBeFalsy();
    expect(JSON.stringify(done.content)).toMatch(/user was not asked/);
    expect(sandbox.state.events.get(eventId)?.deleted).toBe(true);
    await client.close();
  });
});

describe('local files over HTTP', () => {
  it('reads no local file unless an upload folder is configured, and hides what exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mtslink-http-'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'MTSLINK_TOKEN=tok-on-the-server\n');
    const client = await connect({ authorization: `Bearer ${SECRET}` });
    try {
      const call = async (localPath: string) => {
        const res = await client.callTool({
          name: 'upload_file',
          arguments: { name: 'x.txt', localPath },
        });
        return { isError: res.isError, text: (res.content as { text: string }[])[0]!.text };
      };
      const existing = await call(envFile);
      const missing = await call(join(dir, 'missing.env'));
      expect(existing.isError).toBe(true);
      expect(existing.text.replace(envFile, '<p>')).toBe(
        missing.text.replace(join(dir, 'missing.env'), '<p>'),
      );
      const passwd = await call('/etc/passwd');
      expect(passwd.isError).toBe(true);
      const stored = JSON.stringify([...sandbox.state.files.values()]);
      expect(stored).not.toContain('tok-on-the-server');
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hardening', () => {
  const auth = { ...jsonHeaders, authorization: `Bearer ${SECRET}` };
  /** A server of its own per test, so each starts a fresh refusal-log window. */
  async function guarded() {
    const lines: string[] = [];
    const server = await serveHttp(
      loopbackOptions(SECRET, {
        log: createLogger('debug', (line) => lines.push(line)),
      }),
      () =>
        createServer(
          { toolsets: ['all'], sandbox: true },
          { client: pool.get('first-org-token'), tools },
        ),
    );
    return { server, lines, post: (h: Record<string, string>) => rawPost(h, initBody, server.url) };
  }

  it('takes the Bearer scheme in any case (RFC 7235)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await rawPost({ ...jsonHeaders, authorization: `${scheme} ${SECRET}` }, initBody);
      expect(res.status, scheme).toBe(200);
    }
    const client = await connect({ authorization: `bearer ${SECRET}` });
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('answers a Host with user info (evil.com@127.0.0.1) with 400, and logs it', async () => {
    const { server, lines, post } = await guarded();
    const port = new URL(server.url).port;
    const res = await post({ ...auth, host: `evil.com@127.0.0.1:${port}` });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Host');
    await server.close();
    expect(lines.join('')).toMatch(/refused request: malformed Host header/);
    expect(lines.join('')).not.toMatch(/"level":"error"/);
  });

  it('logs a flood of refused requests as a count, not line by line', async () => {
    const { server, lines, post } = await guarded();
    for (let i = 0; i < 200; i++) {
      const res = await post({ ...jsonHeaders, authorization: `Bearer wrong-${i}` });
      expect(res.status).toBe(401);
    }
    expect(lines.filter((l) => l.includes('refused'))).toHaveLength(1);
    await server.close(); // flushes the count of this window
    const refused = lines.filter((l) => l.includes('refused'));
    expect(refused).toHaveLength(2);
    expect(refused[1]).toContain('refused 199 more requests');
    expect(lines.join('')).not.toContain('wrong-');
  });
});

describe('several organisations on one server (no default MTS Link token)', () => {
  let multi: Awaited<ReturnType<typeof serveHttp>>;
  beforeAll(async () => {
    multi = await serveHttp(
      loopbackOptions(SECRET, {
        requireApiToken: true,
      }),
      (token) =>
        createServer(
          { toolsets: ['all'], sandbox: true },
          { client: pool.get(token ?? ''), tools },
        ),
    );
  });
  afterAll(async () => {
    await multi.close();
  });

  it('refuses a request without an MTS Link token without sending the client into OAuth', async () => {
    let reauthenticated = 0;
    const client = new Client({ name: 'oauth-capable', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(multi.url), {
      authProvider: {
        token: async () => SECRET,
        onUnauthorized: async () => {
          reauthenticated += 1;
        },
      },
    });
    const failure = await client.connect(transport).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failure?.message).toContain('x-mtslink-token');
    expect(reauthenticated).toBe(0);
    const raw = await new Promise<{ status: number; auth?: string }>((resolve, reject) => {
      const url = new URL(multi.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...jsonHeaders, authorization: `Bearer ${SECRET}` },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, auth: res.headers['www-authenticate'] }),
          );
        },
      );
      req.on('error', reject);
      req.end(initBody);
    });
    expect(raw.status).toBe(400);
    expect(raw.auth).toBeUndefined();
  });

  it('serves a request that brings its token', async () => {
    const client = new Client({ name: 'org', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(multi.url), {
        requestInit: {
          headers: { authorization: `Bearer ${SECRET}`, 'x-mtslink-token': OTHER_ORG_TOKEN },
        },
      }),
    );
    const res = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
    expect(res.isError).toBeFalsy();
    await client.close();
  });
});
