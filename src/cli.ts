#!/usr/bin/env node
// Entry point: parse flags/env, pick the backend (real API or in-process sandbox) and the
// transport (stdio or Streamable HTTP), and shut everything down cleanly.
import { randomBytes } from 'node:crypto';
import { ApiClient } from './api/client.js';
import type { ApiClientOptions } from './api/types.js';
import { ConfigError, HELP, parseCommand, type Config, type HttpConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createServer } from './server.js';
import type { ServedTool } from './tools/listed.js';
import { selectTools } from './toolsets/index.js';
import { serveStdio } from './transports/stdio.js';
import { VERSION } from './version.js';

type ApiBase = Omit<ApiClientOptions, 'token' | 'dispatcher'>;

async function serve(config: Config, log: Logger): Promise<void> {
  log.addSecret(config.token);
  const tools = await selectTools(config);
  // Loaded only when used: the simulator and the HTTP stack would cost every stdio start-up.
  const sandbox = config.sandbox
    ? await (await import('./sandbox/index.js')).startSandbox({ requestLog: false })
    : undefined;
  const apiBase: ApiBase = {
    baseUrl: sandbox?.url ?? config.baseUrl,
    timeoutMs: config.timeoutMs,
    maxRps: config.maxRps,
    log: (line) => log.warn(line),
  };
  const backend = sandbox ? `the sandbox at ${sandbox.url}` : config.baseUrl;
  const defaultToken = sandbox?.token ?? config.token;

  if (config.http) {
    await serveOverHttp(config, config.http, tools, apiBase, defaultToken, log, async () => {
      await sandbox?.close();
    });
    return;
  }
  const client = new ApiClient({ ...apiBase, token: defaultToken ?? '' });
  // The client runs on this machine: its roots name folders here that the user shared.
  const server = createServer({ ...config, clientRoots: true }, { client, tools });
  // Logs reach the client as MCP notifications only once it has finished initialising: nothing
  // may come before the answer to initialize on stdout (start-up lines stay on stderr).
  server.server.oninitialized = () =>
    log.forward((level, msg, fields) => {
      server.server
        .sendLoggingMessage({
          level: level === 'warn' ? 'warning' : level,
          logger: 'mtslink-mcp',
          data: { ...fields, msg },
        })
        .catch(() => undefined);
    });
  await serveStdio(server, async () => {
    log.forward(undefined);
    await client.close();
    await sandbox?.close();
  });
  log.info(`serving MCP on stdio against ${backend}`, { version: VERSION });
}

async function serveOverHttp(
  config: Config,
  http: HttpConfig,
  tools: ServedTool[],
  apiBase: ApiBase,
  defaultToken: string | undefined,
  log: Logger,
  cleanup: () => Promise<void>,
): Promise<void> {
  const secret = http.secret ?? randomBytes(24).toString('base64url');
  const { ApiClientPool } = await import('./api/pool.js');
  const { serveHttp } = await import('./transports/http.js');
  const pool = new ApiClientPool(apiBase);
  const running = await serveHttp(
    {
      ...http,
      secret,
      maxBodyBytes: 1024 * 1024,
      requireApiToken: !defaultToken,
      log,
    },
    // In sandbox mode only the sandbox's own token means anything.
    (requestToken) =>
      createServer(config, {
        client: pool.get((config.sandbox ? defaultToken : requestToken) ?? defaultToken ?? ''),
        tools,
      }),
  );
  if (!http.secret) {
    // Shown once so the user can configure their client; set MTSLINK_HTTP_TOKEN to choose it.
    process.stderr.write(`mtslink-mcp: bearer secret for this run: ${secret}\n`);
  }
  log.info(`serving MCP over Streamable HTTP at ${running.url}`, { version: VERSION });
  const shutdown = async () => {
    await running.close();
    await pool.close();
    await cleanup();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'report') {
    const { runReportCli } = await import('./report-cli.js');
    process.exitCode = await runReportCli(process.argv.slice(3), process.env);
    return;
  }
  const command = parseCommand(process.argv.slice(2), process.env);
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP); // --help: not serving MCP, so stdout is the terminal's
      return;
    case 'version':
      process.stdout.write(`${VERSION}\n`); // --help/--version output, as above
      return;
    case 'sandbox':
      return (await import('./sandbox/cli.js')).runSandboxCli(command.argv);
    case 'tools': {
      // Loaded only here: the catalogue and the tokenizer's tables would slow every start-up.
      const { loadTokenCounter, renderTokenReport } = await import('./toolsets/token-report.js');
      const report = renderTokenReport(await loadTokenCounter());
      process.stdout.write(`${report}\n`); // like --help: a terminal command, not MCP
      return;
    }
    case 'serve':
      return serve(command.config, createLogger(command.config.logLevel));
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`mtslink-mcp: ${message}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
