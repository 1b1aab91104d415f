import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSandboxCli } from '../../src/sandbox/cli.js';

type Child = ChildProcessByStdio<null, Readable, Readable>;
const children: Child[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  vi.restoreAllMocks();
});

/** `mtslink-mcp sandbox <argv>` in a child process; resolves with its URL once it listens. */
async function startCli(argv: string[], env: Record<string, string>) {
  const script =
    "import { runSandboxCli } from './src/sandbox/cli.ts';" +
    `await runSandboxCli(${JSON.stringify(argv)});`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      out.stderr += d.toString();
      if (out.stderr.includes('\n')) resolve(out.stderr.split('\n')[0] as string);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out.stderr}`)));
  });
  const url = /(http:\S+\/v3)/.exec(line)?.[1] as string;
  return { child, line, url, out };
}

describe('runSandboxCli', () => {
  it('prints one stderr line with URL and token, serves, and exits cleanly on SIGTERM', async () => {
    const { child, line, url, out } = await startCli(
      ['--port', '0', '--token', 'cli-token', '--seed', '3'],
      { MTSLINK_SANDBOX_TOKEN: 'env-token', MTSLINK_SANDBOX_RATE_LIMIT: '100' },
    );
    expect(line).toMatch(
      /listening on http:\/\/127\.0\.0\.1:\d+\/v3 \(token: cli-token, seed: 3, OAuth token: /,
    );
    const res = await fetch(`${url}/timezones`, { headers: { 'x-auth-token': 'cli-token' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const envToken = await fetch(`${url}/timezones`, { headers: { 'x-auth-token': 'env-token' } });
    expect(envToken.status).toBe(403); // a --token flag replaces the environment's token
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out.stdout).toBe('');
  });

  it('takes MTSLINK_SANDBOX_FAULT_429 like the other fault variables; --verbose logs each request', async () => {
    const { child, url, out } = await startCli(['--port', '0', '--token', 't', '--verbose'], {
      MTSLINK_SANDBOX_FAULT_429: '1',
    });
    const res = await fetch(`${url}/timezones`, { headers: { 'x-auth-token': 't' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    await res.arrayBuffer();
    // The log line is written as the answer goes out; wait for it without a timer.
    while (!out.stderr.includes('GET /timezones → 429')) {
      await once(child.stderr, 'data');
    }
    expect(out.stdout).toBe('');
  });

  it('--help lists every flag, --verbose among them, and the environment variables', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((text: string) => void printed.push(text));
    await runSandboxCli(['--help']);
    const help = printed.join('\n');
    for (const flag of ['--verbose', '--fault-429', '--rate-limit', '--token', '--seed']) {
      expect(help).toContain(flag);
    }
    expect(help).toMatch(/one stderr line per request/);
    expect(help).toContain('MTSLINK_SANDBOX_FAULT_429');
  });
});
