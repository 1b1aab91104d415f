// Graceful shutdown of the built binary over HTTP: on SIGTERM it stops accepting connections,
// lets the running call finish within the deadline, cancels a registration job the deadline
// cuts (resumable: the same call on a new instance registers the rest, nobody twice), exits 0.
// Waits on the process's own log lines and the client's progress events, never on a clock.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const SECRET = 'shutdown-test-secret';
const NEXT_WEEK = '2037-12-08T11:00:00+03:00';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const children: ChildProcessByStdio<null, null, Readable>[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1 });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sandbox.close();
});

type Line = Record<string, unknown> & { msg: string };

/** Starts `mtslink-mcp --http` against the sandbox; resolves once it serves. */
async function launch(maxRps: number, deadlineMs: number) {
  const child = spawn(
    process.execPath,
    [CLI, '--http', '--port', '0', '--base-url', sandbox.url, '--max-rps', String(maxRps)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        MTSLINK_TOKEN: sandbox.token,
        MTSLINK_HTTP_TOKEN: SECRET,
        MTSLINK_SHUTDOWN_TIMEOUT_MS: String(deadlineMs),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(child);
  const lines: Line[] = [];
  const watchers: { test: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  let buffer = '';
  child.stderr.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const text of parts) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Line;
      lines.push(line);
      for (const w of watchers.splice(0)) {
        if (w.test(line)) w.resolve(line);
        else watchers.push(w);
      }
    }
  });
  const line = (msg: string) =>
    new Promise<Line>((resolve) => {
      const test = (l: Line) => l.msg.startsWith(msg);
      const seen = lines.find(test);
      if (seen) resolve(seen);
      else watchers.push({ test, resolve });
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const serving = await line('serving MCP over Streamable HTTP at ');
  const url = new URL(serving.msg.split(' at ')[1] as string);
  const client = new Client({ name: 'shutdown-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${SECRET}` } },
    }),
  );
  return { child, url, line, exited, client };
}

async function newSession(client: Client): Promise<number> {
  const json = (r: Awaited<ReturnType<Client['callTool']>>) =>
    JSON.parse((r.content as { text: string }[])[0]?.text ?? '{}') as Record<string, number>;
  const event = json(
    await client.callTool({
      name: 'create_event',
      arguments: { name: 'Drain', startsAt: NEXT_WEEK },
    }),
  );
  const s = json(
    await client.callTool({ name: 'create_event_session', arguments: { eventId: event.eventId } }),
  );
  return s.eventSessionId as number;
}

const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.com`, name: `N${i}` }));

/** register_participants; resolves `started` at its first progress notification. */
function register(client: Client, eventSessionId: number, list: { email: string }[]) {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const result = client
    .callTool(
      {
        name: 'register_participants',
        arguments: { eventSessionId, people: list, sendEmail: false },
      },
      { onprogress: () => started(), timeout: 120_000 },
    )
    .then((r) => JSON.parse((r.content as { text: string }[])[0]?.text ?? '{}') as Job);
  return { running, result };
}

type Job = { state: string; total: number; counts: Record<string, number> };

const refused = (url: URL) =>
  new Promise<string>((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });

function registeredOn(sessionId: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of sandbox.state.participations.values()) {
    if (p.eventSessionId !== sessionId) continue;
    out.set(p.email.toLowerCase(), (out.get(p.email.toLowerCase()) ?? 0) + 1);
  }
  return out;
}

describe('graceful shutdown over HTTP (dist/cli.js)', () => {
  it('refuses new connections, lets the running call finish, and exits 0', async () => {
    // 600 people at 4 requests/s: 13 rate-limited requests, over 3 s of work by construction.
    const server = await launch(4, 60_000);
    const sessionId = await newSession(server.client);
    const call = register(server.client, sessionId, people(600, 'drain'));
    await call.running;
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const stopping = await server.line('shutting down');
    expect(stopping).toMatchObject({ runningCalls: 1, runningJobs: 1, deadlineMs: 60_000 });
    expect(await refused(server.url)).toBe('ECONNREFUSED');

    const job = await call.result;
    expect(job).toMatchObject({ state: 'done', total: 600 });
    expect(job.counts.registered).toBe(600);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(60_000);
    expect(registeredOn(sessionId).size).toBe(600);
  });

  it('cancels a job the deadline cuts, exits 0, and the same call on a new instance resumes it', async () => {
    // 1,000 people at 2 requests/s: over 10 s of work; the deadline is 1.5 s.
    const server = await launch(2, 1500);
    const sessionId = await newSession(server.client);
    const list = people(1000, 'cut');
    const call = register(server.client, sessionId, list);
    await call.running;
    server.child.kill('SIGTERM');
    await server.line('shutting down');

    const job = await call.result;
    expect(job.state).toBe('cancelled');
    expect(job.counts.registered).toBeLessThan(1000);
    expect(await server.line('registration jobs cancelled')).toMatchObject({ cancelledJobs: 1 });
    expect(await server.exited).toBe(0);
    const before = registeredOn(sessionId).size;
    expect(before).toBeLessThan(1000);

    const next = await launch(1000, 1500);
    const resumed = await register(next.client, sessionId, list).result;
    expect(resumed).toMatchObject({ state: 'done', total: 1000 });
    expect(resumed.counts.alreadyRegistered).toBe(before);
    expect(resumed.counts.registered).toBe(1000 - before);
    const after = registeredOn(sessionId);
    expect(after.size).toBe(1000);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});
