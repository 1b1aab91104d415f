// Secrets and channels: drive the built binary over raw stdio with representative calls and
// error paths, then scan everything it wrote for the token; stdout must be JSON-RPC only.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TOKEN = 'tok-SECRET-7f3a9c1e55d04b2a';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1, tokens: [TOKEN] });
});
afterAll(async () => {
  await sandbox.close();
});

/** A minimal line-based JSON-RPC client that keeps every byte the server wrote. */
function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, '--log-level', 'debug'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiting = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
    const lines = stdout.split('\n');
    for (const line of lines.slice(0, -1)) {
      if (!line.trim()) continue;
      const msg = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
      if (typeof msg.id === 'number') waiting.get(msg.id)?.(msg);
    }
  });
  let nextId = 1;
  const send = (method: string, params: unknown) =>
    new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  const notify = (method: string) =>
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method })}\n`);
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
    });
  return { send, notify, stop, output: () => ({ stdout, stderr }) };
}

describe('secrets and channels', () => {
  it('never writes the token anywhere, and stdout is JSON-RPC only', async () => {
    const server = launch({
      MTSLINK_TOKEN: TOKEN,
      MTSLINK_BASE_URL: sandbox.url,
      MTSLINK_TIMEOUT_MS: '1000',
      MTSLINK_TOOLSETS: 'all',
      MTSLINK_MAX_RPS: '1000',
    });
    await server.send('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    });
    server.notify('notifications/initialized');
    const call = (name: string, args: Record<string, unknown>) =>
      server.send('tools/call', { name, arguments: args });
    await server.send('tools/list', {});
    await call('list_events', { perPage: 10 });
    await call('get_event', { eventId: 999_999_999 }); // 404
    await call('create_event', { name: '', startsAt: 'soon' }); // invalid arguments
    sandbox.injectFaults([{ kind: '429', retryAfter: 0 }]);
    await call('list_timezones', {}); // retried 429
    sandbox.injectFaults([{ kind: '500', times: 4 }]);
    await call('list_events', {}); // 5xx until retries run out
    sandbox.injectFaults([{ kind: 'nonjson' }, { kind: 'truncated' }]);
    await call('list_events', {});
    sandbox.injectFaults([{ kind: 'reset', times: 4 }]);
    await call('get_event', { eventId: 1 });
    sandbox.injectFaults([{ kind: 'stall' }]);
    await call('list_timezones', {}); // times out once, then retried
    await call('start_event_session', { eventSessionId: 1 }); // needs confirmation
    await server.stop();

    const { stdout, stderr } = server.output();
    for (const line of stdout.split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    }
    expect(stdout).not.toContain(TOKEN);
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).toMatch(/"level":"warn"/); // the retries were logged, redacted
    const snaps = readdirSync(join(ROOT, 'test/tools/__toolsnaps__')).map(
      (f) => `test/tools/__toolsnaps__/${f}`,
    );
    for (const file of ['README.md', 'README.ru.md', ...snaps]) {
      expect(readFileSync(join(ROOT, file), 'utf8')).not.toContain(TOKEN);
    }
  }, 60_000);

  it('writes nothing on stdout before the answer to initialize', async () => {
    const child = spawn(process.execPath, [CLI, '--sandbox', '--log-level', 'debug'], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    // Wait until start-up has logged that it serves, so that anything it would put on stdout
    // first is already there.
    await new Promise<void>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
        if (stderr.includes('serving MCP on stdio')) resolve();
      });
    });
    const answered = new Promise<void>((resolve) =>
      child.stdout.on('data', () => stdout.includes('"id":1') && resolve()),
    );
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      })}\n`,
    );
    await answered;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({ id: 1, result: expect.any(Object) });
  });

  it.each([
    [['--toolsets', 'nope'], /MTSLINK_TOOLSETS|--toolsets/],
    [['--tools', 'no_such_tool'], /unknown tool name no_such_tool/],
  ])('keeps stdout empty when start-up fails (%j)', (argv, reason) => {
    const run = spawnSync(process.execPath, [CLI, ...argv], {
      env: { PATH: process.env.PATH ?? '', MTSLINK_TOKEN: TOKEN },
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(reason);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(TOKEN);
  });
});
