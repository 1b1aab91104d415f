// The built binary over stdio, driven by the legacy v1 SDK client (a 2025-era client).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

describe('dist/cli.js over stdio', () => {
  it('is built (npm test builds first)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('serves tools to the v1 client and answers a call on the sandbox', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'legacy-v1', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('create_event');
      const res = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
      expect(res.isError).toBeFalsy();
      const [data, mark] = res.content as { text: string }[];
      expect(JSON.parse(data!.text).items.length).toBe(10);
      expect(mark?.text).toBe('[sandbox data]');
    } finally {
      await client.close();
    }
  });

  it('fails start-up with one clear stderr line, exit 2 and nothing on stdout', () => {
    const run = spawnSync(process.execPath, [CLI], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('MTSLINK_TOKEN');
    expect(run.stderr).toContain('--sandbox');
  });

  it('rejects a bad value with exit 2', () => {
    const run = spawnSync(process.execPath, [CLI, '--sandbox', '--timeout-ms', 'soon'], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--timeout-ms "soon"/);
  });
});
