// One mtslink-mcp process (the built dist/cli.js) serving MCP over HTTP, and a real MCP client
// connected to it: what a team runs behind a load balancer, one per instance.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const SECRET = 'instance-test-secret';

export interface Instance {
  call(
    name: string,
    args?: Record<string, unknown>,
  ): Promise<{ isError: boolean; text: string; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stderr: () => string;
  /** Ends the process abruptly (SIGKILL), as a crashed machine would. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [CLI, '--http', '--port', '0'], {
    env: { PATH: process.env.PATH, MTSLINK_HTTP_TOKEN: SECRET, MTSLINK_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /Streamable HTTP at (http:\/\/\S+?\/mcp)/.exec(err);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`mtslink-mcp exited (${code}): ${err}`)));
  });
  const client = new Client({ name: 'instance-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${SECRET}` } },
    }),
  );
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    async call(name, args = {}) {
      const raw = await client.callTool({ name, arguments: args });
      const text = ((raw.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('\n');
      let json: unknown;
      try {
        json = raw.isError ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { isError: raw.isError === true, text, json };
    },
    stderr: () => err,
    kill,
    async close() {
      await client.close().catch(() => undefined);
      await kill();
    },
  };
}
