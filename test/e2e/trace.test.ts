// `--trace FILE` on the served MCP server (issue 13.6): the built binary over stdio writes one
// JSON line per API exchange a tool call makes.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

describe('mtslink-mcp --trace FILE', () => {
  it('records the exchanges of a tool call as JSON lines', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mtslink-trace-')), 'trace.jsonl');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox', '--trace', file],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'trace-e2e', version: '1.0.0' });
    await client.connect(transport);
    try {
      const res = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
      expect(res.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: '/organization/events/schedule',
        status: 200,
        query: expect.stringContaining('perPage=10'),
        ms: expect.any(Number),
      }),
    );
  });
});
