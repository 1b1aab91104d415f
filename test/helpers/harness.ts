// Real McpServer + real Client over an in-memory transport, talking real HTTP to a real sandbox
// on loopback (STYLE.md §8). One sandbox per harness: fresh state per test file.
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { ApiClient } from '../../src/api/client.js';
import type { ApiClientOptions } from '../../src/api/types.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxLogOption, SandboxOptions } from '../../src/sandbox/types.js';
import { createServer, type ServerOptions } from '../../src/server.js';
import { selectTools } from '../../src/toolsets/index.js';

export interface HarnessOptions extends Partial<Omit<ServerOptions, 'sandbox'>> {
  sandboxOptions?: SandboxOptions & SandboxLogOption;
  api?: Partial<ApiClientOptions>;
  /** Client capabilities, e.g. { elicitation: {} }; default none. */
  capabilities?: Record<string, unknown>;
}

export interface CallOutcome {
  isError: boolean;
  text: string;
  /** The JSON payload of a successful result: its first text block. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: Awaited<ReturnType<Client['callTool']>>;
}

export async function createHarness(opts: HarnessOptions = {}) {
  const sandbox = await startSandbox({ seed: 1, ...opts.sandboxOptions });
  const logs: string[] = [];
  const api = new ApiClient({
    baseUrl: sandbox.url,
    token: sandbox.token,
    maxRps: 1000,
    retryBaseMs: 1,
    // Generous: on a loaded 2-core machine a 10,000-person answer can take seconds, and a retry
    // would show as an extra request in the tests that count them (faults.test sets its own).
    timeoutMs: 20_000,
    log: (line) => logs.push(line),
    ...opts.api,
  });
  const { sandboxOptions: _s, api: _a, capabilities: _c, ...serverOptions } = opts;
  // Toolsets can be switched on, as over stdio by default.
  const options = { toolsets: ['all'], sandbox: true, dynamicToolsets: true, ...serverOptions };
  const server = createServer(options, { client: api, tools: await selectTools(options) });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client(
    { name: 'harness', version: '1.0.0' },
    { capabilities: opts.capabilities ?? {} },
  );
  await client.connect(clientTransport);

  async function call(name: string, args: Record<string, unknown> = {}): Promise<CallOutcome> {
    const raw = await client.callTool({ name, arguments: args });
    const content = (raw.content ?? []) as { type: string; text?: string }[];
    const text = content.map((c) => c.text ?? '').join('\n');
    let json: unknown;
    if (!raw.isError) {
      try {
        json = JSON.parse(content[0]?.text ?? '');
      } catch {
        json = undefined;
      }
    }
    return { isError: raw.isError === true, text, json, raw };
  }

  /** Requests the sandbox served since `mark` (call `requests.length` before acting). */
  const requestsSince = (mark: number) => sandbox.requests.slice(mark);

  async function close() {
    await client.close();
    await server.close();
    await api.close();
    await sandbox.close();
  }

  return { client, server, sandbox, api, call, requestsSince, logs, close };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
