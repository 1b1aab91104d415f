// Probes and metrics on the HTTP transport: /healthz and /readyz answer container and
// load-balancer probes without the bearer and say nothing more than yes or no; /metrics needs
// the bearer and counts what a real client did.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientPool } from '../../src/api/pool.js';
import { createLogger } from '../../src/log.js';
import { startMetrics } from '../../src/ops/metrics.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { createServer } from '../../src/server.js';
import { servedTool } from '../../src/tools/listed.js';
import { ALL_TOOLS } from '../../src/toolsets/all.js';
import { serveHttp } from '../../src/transports/http.js';
import { loopbackOptions } from '../helpers/http-options.js';

const tools = ALL_TOOLS.map(servedTool);

const SECRET = 'health-test-secret';
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pool: ApiClientPool;
let running: Awaited<ReturnType<typeof serveHttp>>;
let metrics: ReturnType<typeof startMetrics>;
let redisUp = true;
const logLines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1 });
  pool = new ApiClientPool({ baseUrl: sandbox.url, maxRps: 1000, retryBaseMs: 1 });
  metrics = startMetrics();
  running = await serveHttp(
    loopbackOptions(SECRET, {
      log: createLogger('debug', (line) => logLines.push(line)),
      metrics: metrics.render,
      // Stands for the Redis check that comes with shared state.
      readiness: [
        {
          name: 'redis',
          check: async () => {
            if (!redisUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
          },
        },
      ],
    }),
    () =>
      createServer(
        { toolsets: ['all'], sandbox: true },
        { client: pool.get(sandbox.token), tools },
      ),
  );
});
afterAll(async () => {
  metrics.close();
  await running.close();
  await pool.close();
  await sandbox.close();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const url = new URL(running.url);
  return new Promise<{ status: number; body: string; type?: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('probes', () => {
  it('/healthz answers ok without the bearer, even to a Host nobody listed (a pod IP)', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get('/healthz', { host: '10.42.0.17:3000' })).toMatchObject({
      status: 200,
      body: 'ok\n',
    });
  });

  it('/readyz says ready, and not ready (reason only in the log) when a dependency is down', async () => {
    expect(await get('/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
    redisUp = false;
    try {
      const down = await get('/readyz');
      expect(down).toMatchObject({ status: 503, body: 'not ready\n' });
      expect(down.body).not.toContain('redis');
      expect(logLines.some((l) => l.includes('not ready') && l.includes('ECONNREFUSED'))).toBe(
        true,
      );
    } finally {
      redisUp = true;
    }
  });

  it('probes only read: other methods are refused, and the MCP endpoint keeps its Host check', async () => {
    expect((await get('/healthz', {}, 'POST')).status).toBe(405);
    const foreign = await get('/mcp', {
      host: '10.42.0.17:3000',
      authorization: `Bearer ${SECRET}`,
    });
    expect(foreign.status).toBe(403);
  });
});

describe('metrics', () => {
  it('needs the bearer secret', async () => {
    expect((await get('/metrics')).status).toBe(401);
  });

  it('counts MCP calls by tool and outcome and API requests by status', async () => {
    const client = new Client({ name: 'metrics-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(running.url), {
        requestInit: { headers: { authorization: `Bearer ${SECRET}` } },
      }),
    );
    await client.callTool({ name: 'list_events', arguments: {} });
    const missing = await client.callTool({ name: 'get_event', arguments: { eventId: 987654321 } });
    expect(missing.isError).toBe(true);
    await client.close();

    const scraped = await get('/metrics', { authorization: `Bearer ${SECRET}` });
    expect(scraped.status).toBe(200);
    expect(scraped.type).toContain('text/plain');
    expect(scraped.body).toMatch(
      /mtslink_mcp_tool_calls_total\{tool="list_events",outcome="ok"\} 1\b/,
    );
    expect(scraped.body).toMatch(
      /mtslink_mcp_tool_calls_total\{tool="get_event",outcome="error"\} 1\b/,
    );
    expect(scraped.body).toMatch(/mtslink_api_requests_total\{method="GET",status="200"\} \d+/);
    expect(scraped.body).toMatch(/mtslink_api_requests_total\{method="GET",status="404"\} [1-9]/);
    expect(scraped.body).toContain('mtslink_registration_jobs_running 0');
    expect(scraped.body).not.toContain(sandbox.token);
  });
});
