// Toolsets over stateless HTTP, through the built binary: a fresh server per request cannot
// remember a toolset a call switched on, so the meta-tools are not offered there; a client adds
// toolsets per request with the X-MTSLink-Toolsets header instead, within the operator's limits.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const SECRET = 'http-toolsets-secret';
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill();
  child = undefined;
});

/** Starts `mtslink-mcp --http --sandbox` on a free port; resolves with its endpoint. */
function serve(...flags: string[]): Promise<string> {
  const proc = spawn(process.execPath, [CLI, '--http', '--sandbox', '--port', '0', ...flags], {
    env: { PATH: process.env.PATH ?? '', MTSLINK_HTTP_TOKEN: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let stderr = '';
    proc.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(stderr)?.[0];
      if (url) resolve(url);
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

async function connect(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: 'http-toolsets', version: '1.0.0' });
  const requestInit = { headers: { authorization: `Bearer ${SECRET}`, ...headers } };
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit }));
  return client;
}

const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name);

/** What a client gets back for an initialize with this toolsets header. */
async function initializeWith(url: string, toolsets: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${SECRET}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-mtslink-toolsets': toolsets,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    }),
  });
  return { status: res.status, body: await res.text() };
}

describe('toolsets over stateless HTTP', () => {
  it('offers no meta-tools; the X-MTSLink-Toolsets header adds toolsets on each request', async () => {
    const url = await serve();
    const plain = await connect(url);
    try {
      expect(await names(plain)).not.toContain('enable_toolsets');
      expect(await names(plain)).not.toContain('search_contacts');
      expect(plain.getInstructions()).toMatch(/X-MTSLink-Toolsets header.*contacts \(/);
    } finally {
      await plain.close();
    }

    const withContacts = await connect(url, { 'X-MTSLink-Toolsets': 'contacts, chat' });
    try {
      expect(await names(withContacts)).toEqual(
        expect.arrayContaining(['search_contacts', 'list_chat_messages', 'create_event']),
      );
      expect(withContacts.getInstructions()).not.toMatch(/contacts \(/);
      const found = await withContacts.callTool({
        name: 'search_contacts',
        arguments: { organization: 'а' },
      });
      expect(found.isError).toBeFalsy();
    } finally {
      await withContacts.close();
    }
  });

  it('refuses an unknown toolset in the header with 400, naming the valid ones', async () => {
    const url = await serve();
    const res = await initializeWith(url, 'contact');
    expect(res.status).toBe(400);
    expect(res.body).toMatch(
      /x-mtslink-toolsets: unknown toolset contact; the toolsets are events/,
    );
  });

  it('read-only mode still wins over the header', async () => {
    const url = await serve('--read-only');
    const client = await connect(url, { 'X-MTSLink-Toolsets': 'contacts' });
    try {
      const listed = await names(client);
      expect(listed).toContain('search_contacts');
      expect(listed).not.toContain('create_contact');
    } finally {
      await client.close();
    }
  });

  it('with dynamic toolsets turned off, the header is refused, saying why', async () => {
    const url = await serve('--dynamic-toolsets', 'false');
    const res = await initializeWith(url, 'contacts');
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/takes no toolsets per request/);
    const client = await connect(url);
    try {
      expect(client.getInstructions()).toMatch(/enable them with MTSLINK_TOOLSETS/);
    } finally {
      await client.close();
    }
  });
});
