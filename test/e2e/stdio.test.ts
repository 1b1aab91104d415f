// The built binary over stdio, driven by the legacy v1 SDK client (a 2025-era client).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('switches the contacts toolset on for the v1 client, which lists again and searches', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'legacy-v1', version: '1.0.0' });
    let announced: () => void = () => {};
    const changed = new Promise<void>((resolve) => (announced = resolve));
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => announced());
    await client.connect(transport);
    const names = async () => (await client.listTools()).tools.map((t) => t.name);
    const text = (res: unknown) => (res as { content: { text: string }[] }).content[0]?.text ?? '';
    try {
      expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      expect(await names()).not.toContain('search_contacts');
      const res = await client.callTool({
        name: 'enable_toolsets',
        arguments: { toolsets: ['contacts'] },
      });
      expect(res.isError).toBeFalsy();
      await changed;
      expect(await names()).toContain('search_contacts');
      const found = await client.callTool({
        name: 'search_contacts',
        arguments: { organization: 'а' },
      });
      expect(found.isError, text(found)).toBeFalsy();
      expect(JSON.parse(text(found)).items.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('asks the user before an irreversible call even when the model sends confirm: true', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client(
      { name: 'legacy-v1', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    const questions: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      questions.push(req.params.message);
      return { action: 'decline' };
    });
    await client.connect(transport);
    const text = (res: unknown) => (res as { content: { text: string }[] }).content[0]?.text ?? '';
    try {
      const created = await client.callTool({
        name: 'create_event',
        arguments: { name: 'Over stdio', startsAt: '2037-12-08T11:00:00+03:00' },
      });
      const { eventId } = JSON.parse(text(created)) as { eventId: number };
      const res = await client.callTool({
        name: 'delete_event',
        arguments: { eventId, confirm: true },
      });
      expect(res.isError).toBe(true);
      expect(text(res)).toContain('declined');
      expect(questions).toEqual([expect.stringContaining('«Over stdio»')]);
      const still = await client.callTool({ name: 'get_event', arguments: { eventId } });
      expect(still.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('reads a local file only inside the roots the client shares', async () => {
    const base = mkdtempSync(join(tmpdir(), 'mtslink-e2e-'));
    mkdirSync(join(base, 'project'));
    writeFileSync(join(base, 'project', 'agenda.txt'), 'Agenda');
    writeFileSync(join(base, 'secret.env'), 'MTSLINK_TOKEN=tok-e2e');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--sandbox', '--toolsets', 'files'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client(
      { name: 'legacy-v1', version: '1.0.0' },
      { capabilities: { roots: {} } },
    );
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [{ uri: pathToFileURL(join(base, 'project')).href, name: 'project' }],
    }));
    await client.connect(transport);
    try {
      const upload = (localPath: string) =>
        client.callTool({ name: 'upload_file', arguments: { name: 'a.txt', localPath } });
      expect((await upload(join(base, 'project', 'agenda.txt'))).isError).toBeFalsy();
      const outside = await upload(join(base, 'secret.env'));
      expect(outside.isError).toBe(true);
      expect(JSON.stringify(outside.content)).toContain('no file this server may read');
    } finally {
      await client.close();
      rmSync(base, { recursive: true, force: true });
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
