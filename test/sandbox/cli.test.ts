import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('runSandboxCli', () => {
  it('prints one stderr line with URL and token, serves, and exits cleanly on SIGTERM', async () => {
    const script =
      "import { runSandboxCli } from './src/sandbox/cli.ts';" +
      "await runSandboxCli(['--port', '0', '--token', 'cli-token', '--seed', '3']);";
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: new URL('../..', import.meta.url),
        env: {
          ...process.env,
          MTSLINK_SANDBOX_TOKEN: 'env-token',
          MTSLINK_SANDBOX_RATE_LIMIT: '100',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('\n')) resolve(stderr.split('\n')[0] as string);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(line).toMatch(
      /listening on http:\/\/127\.0\.0\.1:\d+\/v3 \(token: cli-token, seed: 3, OAuth token: /,
    );
    const url = /(http:\S+\/v3)/.exec(line)?.[1] as string;
    const res = await fetch(`${url}/timezones`, { headers: { 'x-auth-token': 'cli-token' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const envToken = await fetch(`${url}/timezones`, { headers: { 'x-auth-token': 'env-token' } });
    expect(envToken.status).toBe(403); // a --token flag replaces the environment's token
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});
