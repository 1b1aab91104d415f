#!/usr/bin/env node
// Entry point: parse flags/env, pick the backend (real API or in-process sandbox), serve stdio.
import { ApiClient } from './api/client.js';
import { ConfigError, HELP, parseCommand, type Config } from './config.js';
import { runSandboxCli } from './sandbox/cli.js';
import { startSandbox } from './sandbox/index.js';
import { createServer } from './server.js';
import { serveStdio } from './transports/stdio.js';
import { VERSION } from './version.js';

const log = (message: string) => console.error(`[mtslink-mcp] ${message}`);

async function serve(config: Config): Promise<void> {
  const sandbox = config.sandbox ? await startSandbox() : undefined;
  const client = new ApiClient({
    baseUrl: sandbox?.url ?? config.baseUrl,
    token: sandbox?.token ?? config.token ?? '',
    timeoutMs: config.timeoutMs,
    maxRps: config.maxRps,
    log,
  });
  const server = createServer(config, { client });
  await serveStdio(server, async () => {
    await client.close();
    await sandbox?.close();
  });
  log(
    sandbox
      ? `serving on stdio against the sandbox at ${sandbox.url}`
      : `serving on stdio against ${config.baseUrl}`,
  );
}

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2), process.env);
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP); // --help: not serving MCP, so stdout is the terminal's
      return;
    case 'version':
      process.stdout.write(`${VERSION}\n`); // --help/--version output, as above
      return;
    case 'sandbox':
      return runSandboxCli(command.argv);
    case 'serve':
      return serve(command.config);
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`mtslink-mcp: ${message}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
