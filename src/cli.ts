#!/usr/bin/env node
// Entry point: parse flags/env, pick the backend (real API or in-process sandbox) and the
// transport (stdio or Streamable HTTP), and shut everything down cleanly.
import './engine-tuning.js'; // first: V8 flags must be set before any WebAssembly is compiled
import { randomBytes } from 'node:crypto';
import { ApiClient } from './api/client.js';
import type { ApiClientOptions } from './api/types.js';
import { ConfigError, HELP, parseCommand, type Config, type HttpConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { RunningJobs } from './ops/running-jobs.js';
import { onStopSignal, shutdown } from './ops/shutdown.js';
import { createServer } from './server.js';
import { openSharedState, type SharedState } from './shared-state/index.js';
import type { ServedTool } from './tools/listed.js';
import { selectTools } from './toolsets/index.js';
import type { ReadyCheck } from './transports/health.js';
import { serveStdio } from './transports/stdio.js';
import { VERSION } from './version.js';

type ApiBase = Omit<ApiClientOptions, 'token' | 'dispatcher'>;

/** The --trace sink, if asked for (closed at exit so the last line is on disk). */
async function traceSink(config: Config, log: Logger) {
  if (!config.trace) return undefined;
  const { openTraceFile } = await import('./api/trace.js');
  const trace = openTraceFile(config.trace);
  process.once('exit', () => trace.close());
  log.info(`tracing every API exchange to ${config.trace} (token and personal links redacted)`);
  return trace.sink;
}

async function doctor(config: Config, log: Logger): Promise<void> {
  const { renderReport, runDoctor } = await import('./doctor.js');
  const sandbox = config.sandbox
    ? await (await import('./sandbox/index.js')).startSandbox()
    : undefined;
  try {
    const baseUrl = sandbox?.url ?? config.baseUrl;
    const checks = await runDoctor({
      baseUrl,
      token: sandbox?.token ?? config.token,
      authScheme: sandbox ? 'x-auth-token' : config.authScheme,
      timeoutMs: config.timeoutMs,
      maxRps: config.maxRps,
      trace: await traceSink(config, log),
    });
    const target = sandbox
      ? 'the built-in sandbox'
      : `${baseUrl} (${config.authScheme === 'bearer' ? 'OAuth access token' : 'API key'})`;
    const { text, ready } = renderReport(checks, target);
    process.stdout.write(text); // a terminal command, like --help: stdout is the user's
    process.exitCode = ready ? 0 : 1;
  } finally {
    await sandbox?.close();
  }
}

async function serve(config: Config, log: Logger): Promise<void> {
  log.addSecret(config.token);
  const tools = await selectTools(config);
  // Loaded only when used: the simulator and the HTTP stack would cost every stdio start-up.
  const sandbox = config.sandbox
    ? await (await import('./sandbox/index.js')).startSandbox({ requestLog: false })
    : undefined;
  // Rate limits and registration jobs shared with the other instances (Redis), when configured.
  const shared = config.redisUrl ? await openSharedState(config.redisUrl, log) : undefined;
  const apiBase: ApiBase = {
    baseUrl: sandbox?.url ?? config.baseUrl,
    // The sandbox's own token is an API key, whatever the environment says.
    authScheme: sandbox ? 'x-auth-token' : config.authScheme,
    timeoutMs: config.timeoutMs,
    maxRps: config.maxRps,
    log: (line) => log.warn(line),
    limiterFor: shared?.limiterFor,
    trace: await traceSink(config, log),
  };
  const backend = sandbox ? `the sandbox at ${sandbox.url}` : config.baseUrl;
  const defaultToken = sandbox?.token ?? config.token;

  if (config.http) {
    // /readyz: with shared state, ready only while Redis answers.
    const readiness = shared ? [{ name: 'redis', check: () => redisAnswers(shared) }] : [];
    await serveOverHttp(
      config,
      config.http,
      tools,
      apiBase,
      defaultToken,
      log,
      readiness,
      async () => {
        await shared?.close();
        await sandbox?.close();
      },
    );
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
  // The client went away or a signal came: registration jobs get the deadline, then stop
  // resumable (calling again with the same input skips whoever is registered).
  const jobs = new RunningJobs();
  await serveStdio(server, async () => {
    log.forward(undefined);
    await shutdown({
      deadlineMs: config.shutdownTimeoutMs,
      jobs,
      log,
      close: async () => {
        await client.close();
        await shared?.close();
        await sandbox?.close();
      },
    });
  });
  log.info(`serving MCP on stdio against ${backend}`, { version: VERSION });
}

async function redisAnswers(shared: SharedState): Promise<void> {
  if (!(await shared.ping())) throw new Error('Redis (MTSLINK_REDIS_URL) does not answer');
}

async function serveOverHttp(
  config: Config,
  http: HttpConfig,
  tools: ServedTool[],
  apiBase: ApiBase,
  defaultToken: string | undefined,
  log: Logger,
  readiness: ReadyCheck[],
  cleanup: () => Promise<void>,
): Promise<void> {
  const secret = http.secret ?? randomBytes(24).toString('base64url');
  const { ApiClientPool } = await import('./api/pool.js');
  const { serveHttp } = await import('./transports/http.js');
  const { RequestToolsets } = await import('./toolsets/request-toolsets.js');
  const pool = new ApiClientPool(apiBase);
  const jobs = new RunningJobs();
  // prom-client is imported only when metrics are on: a default start loads none of it.
  const metrics = http.metrics ? (await import('./ops/metrics.js')).startMetrics() : undefined;
  // A fresh server per request forgets what a call switched on: no meta-tools here; a client
  // may add toolsets per request with a header instead, unless the operator turned that off.
  const perRequest = new RequestToolsets(config, tools);
  const running = await serveHttp(
    {
      ...http,
      secret,
      maxBodyBytes: 1024 * 1024,
      requireApiToken: !defaultToken,
      log,
      metrics: metrics?.render,
      readiness,
      checkToolsets: config.dynamicToolsets ? (value) => perRequest.problem(value) : undefined,
    },
    // In sandbox mode only the sandbox's own token means anything.
    async (requestToken, toolsets) =>
      createServer(
        {
          ...config,
          ...perRequest.selection(toolsets),
          dynamicToolsets: false,
          toolsetsHeader: config.dynamicToolsets,
        },
        {
          client: pool.get((config.sandbox ? defaultToken : requestToken) ?? defaultToken ?? ''),
          tools: await perRequest.tools(toolsets),
        },
      ),
  );
  if (!http.secret) {
    // Shown once so the user can configure their client; set MTSLINK_HTTP_TOKEN to choose it.
    process.stderr.write(`mtslink-mcp: bearer secret for this run: ${secret}\n`);
  }
  log.info(`serving MCP over Streamable HTTP at ${running.url}`, { version: VERSION });
  onStopSignal(async () => {
    await shutdown({
      deadlineMs: config.shutdownTimeoutMs,
      jobs,
      transport: running,
      log,
      close: async () => {
        await running.close();
        metrics?.close();
        jobs.close();
        await pool.close();
        await cleanup();
      },
    });
  }, log);
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
    case 'doctor':
      return doctor(command.config, createLogger(command.config.logLevel));
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`mtslink-mcp: ${message}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
