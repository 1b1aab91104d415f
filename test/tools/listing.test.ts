// The shipped server lists its tools from JSON computed at build time (scripts/build.mjs,
// src/toolsets/listing.ts): it must list exactly what zod produces from the definitions now, so
// a schema changed without a rebuild fails here, and it must not build the definitions to do it.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listedTool } from '../../src/tools/listed.js';
import { ALL_TOOLS, LOADED_TOOLSETS } from '../../src/toolsets/all.js';
import { DEFAULT_TOOLSET_IDS, META_LISTING } from '../../src/toolsets/index.js';
import { toolsetListings } from '../../src/toolsets/listing.js';
import { META_TOOLS } from '../../src/toolsets/meta-tools.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SNAPS = join(import.meta.dirname, '__toolsnaps__');

/** Logs every file the process loads to stderr, as `loaded <url>` (a module loader hook). */
const HOOKS = `export async function load(url, context, next) {
  if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\n');
  return next(url, context);
}`;
const REGISTER = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

/** A listed tool as the snapshot file holds it, checked against what zod makes now. */
function expectAsSnapshot(tool: { name: string }) {
  const def = [...ALL_TOOLS, ...META_TOOLS].find((t) => t.name === tool.name)!;
  expect(tool, tool.name).toEqual(listedTool(def));
  const snapshot = readFileSync(join(SNAPS, `${tool.name}.snap.json`), 'utf8');
  expect(`${JSON.stringify(tool, null, 2)}\n`, tool.name).toBe(snapshot);
}

/** dist/cli.js over stdio (every toolset unless told), and the files it has loaded so far. */
async function launchBuilt(toolsets = 'all') {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, CLI],
    env: {
      PATH: process.env.PATH ?? '',
      MTSLINK_TOKEN: 'listing-test-token',
      MTSLINK_BASE_URL: 'http://127.0.0.1:9/v3', // never reached: no call here sends a request
      MTSLINK_TOOLSETS: toolsets,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const client = new Client({ name: 'listing-test', version: '1.0.0' });
  await client.connect(transport);
  const loaded = () =>
    [...stderr.matchAll(/^loaded (\S+)$/gm)].map((m) => m[1]!.split('/').at(-1) ?? '');
  return { client, loaded };
}

describe('the build-time tool listing', () => {
  it('covers every toolset with what zod makes of its definitions', async () => {
    const built = await toolsetListings();
    for (const set of LOADED_TOOLSETS) {
      expect(JSON.parse(built[set.id]!), set.id).toEqual(set.tools.map(listedTool));
    }
    expect(JSON.parse(built[META_LISTING]!)).toEqual(META_TOOLS.map(listedTool));
  });

  it('is what the built server lists: what zod makes now, byte for byte as the snapshots', async () => {
    const { client } = await launchBuilt();
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(ALL_TOOLS.map((t) => t.name));
      for (const tool of tools) expectAsSnapshot(tool);
    } finally {
      await client.close();
    }
  }, 30_000);

  it('lets the built server list every tool without loading one toolset, then load on a call', async () => {
    const { client, loaded } = await launchBuilt();
    // esbuild names a toolset's chunk after its module: events-XXXX.js, workflows-XXXX.js, …
    const toolsetChunks = () =>
      loaded().filter((f) => LOADED_TOOLSETS.some((s) => f.startsWith(`${s.id}-`)));
    try {
      await client.listTools();
      expect(toolsetChunks()).toEqual([]);
      // A workflows tool that sends no request: its toolset loads for the call.
      const res = await client.callTool({
        name: 'get_registration_job',
        arguments: { jobId: 'x' },
      });
      expect(res.isError).toBe(true);
      expect((res.content as { text: string }[])[0]!.text).toMatch(/get_registration_job/);
      expect(toolsetChunks().some((f) => f.startsWith('workflows-'))).toBe(true);
    } finally {
      await client.close();
    }
  }, 30_000);

  it('lists the meta-tools and a toolset switched on from the build, as the snapshots, loading nothing', async () => {
    const { client, loaded } = await launchBuilt(DEFAULT_TOOLSET_IDS.join(','));
    const chunk = (id: string) => loaded().some((f) => f.startsWith(`${id}-`));
    try {
      const before = (await client.listTools()).tools;
      expect(before.map((t) => t.name)).toEqual(
        expect.arrayContaining(['list_toolsets', 'enable_toolsets']),
      );
      for (const tool of before) expectAsSnapshot(tool);
      const res = await client.callTool({
        name: 'enable_toolsets',
        arguments: { toolsets: ['contacts'] },
      });
      expect(res.isError).toBeFalsy();
      const after = (await client.listTools()).tools;
      const contacts = LOADED_TOOLSETS.find((s) => s.id === 'contacts')!.tools.map((t) => t.name);
      expect(after.map((t) => t.name)).toEqual([...before.map((t) => t.name), ...contacts]);
      for (const tool of after) expectAsSnapshot(tool);
      expect(chunk('contacts')).toBe(false);
    } finally {
      await client.close();
    }
  }, 30_000);
});
