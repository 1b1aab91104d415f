// Organisations never share registration jobs: over Streamable HTTP, where each request may
// bring its own X-MTSLink-Token, a job is found only with the token that created it. Another
// token — one the API accepts for another organisation, or one it rejects — gets "no such job".
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
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

const SECRET = 'tenants-bearer-secret';
const FIRST = 'first-org-token';
const SECOND = 'second-org-token';
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pool: ApiClientPool;
let running: Awaited<ReturnType<typeof serveHttp>>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1, tokens: [FIRST, SECOND] });
  pool = new ApiClientPool({ baseUrl: sandbox.url, maxRps: 1000, retryBaseMs: 1 });
  running = await serveHttp(
    loopbackOptions(SECRET, {
      maxBodyBytes: 1024 * 1024,
      requireApiToken: true,
      log: createLogger('error', () => {}),
    }),
    (token) =>
      createServer({ toolsets: ['all'], sandbox: true }, { client: pool.get(token ?? ''), tools }),
  );
});
afterAll(async () => {
  await running.close();
  await pool.close();
  await sandbox.close();
});

async function as(token: string) {
  const client = new Client({ name: 'tenant-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(running.url), {
      requestInit: { headers: { authorization: `Bearer ${SECRET}`, 'x-mtslink-token': token } },
    }),
  );
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await client.callTool({ name, arguments: args });
    const blocks = res.content as { text: string }[];
    const text = blocks.map((c) => c.text).join('\n');
    // The data is the first block; the sandbox's mark follows in its own.
    const json = res.isError ? undefined : JSON.parse(blocks[0]?.text ?? '');
    return { isError: res.isError === true, text, json };
  };
  return { call, close: () => client.close() };
}

describe('registration jobs are keyed by the token that created them', () => {
  it('another organisation, or a token the API rejects, gets "no such job"', async () => {
    const first = await as(FIRST);
    const event = await first.call('schedule_webinar', {
      name: 'Tenant A',
      startsAt: '2037-12-08T11:00',
    });
    expect(event.isError, event.text).toBe(false);
    const started = await first.call('register_participants', {
      eventSessionId: event.json.eventSessionId,
      people: [{ email: 'secret.person@example.com', name: 'Тайна' }],
      sendEmail: false,
    });
    expect(started.isError, started.text).toBe(false);
    const jobId = started.json.jobId as string;
    const link = started.json.people[0].link as string;
    expect(link).toMatch(/^https:\/\//);

    for (const token of [SECOND, 'token-the-api-rejects']) {
      const other = await as(token);
      for (const args of [{ jobId }, { jobId, status: 'registered' }, { jobId, waitSeconds: 1 }]) {
        const res = await other.call('get_registration_job', args);
        expect(res.isError).toBe(true);
        expect(res.text).toMatch(/no such job for this organisation/);
        expect(res.text).not.toContain(link);
        expect(res.text).not.toContain('secret.person');
      }
      await other.close();
    }

    const again = await as(FIRST);
    const own = await again.call('get_registration_job', { jobId, status: 'registered' });
    expect(own.isError, own.text).toBe(false);
    expect(own.json.items).toMatchObject([{ email: 'secret.person@example.com', link }]);
    await again.close();
    await first.close();
  });
});
