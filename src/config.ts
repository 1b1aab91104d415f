// Flags + env → a typed, validated config. A wrong value stops start-up with one clear line.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { ConfigError } from './config-error.js';
import { DEFAULT_TOOLSET_IDS, TOOLSET_IDS } from './tools/toolsets.js';

export { ConfigError };

export const DEFAULT_BASE_URL = 'https://userapi.mts-link.ru/v3';
/** The reference recommends ≤ 2 requests/s against the real API (no limit is published). */
const DEFAULT_MAX_RPS = 2;
/** The local sandbox has no such limit; keep the demo and tests quick. */
const DEFAULT_SANDBOX_MAX_RPS = 50;

export const NO_TOKEN_MESSAGE =
  'MTSLINK_TOKEN is not set. Create an API key in MTS Link (Business settings → API/Webhooks, plans with API access) and set MTSLINK_TOKEN, or try everything on the built-in sandbox: mtslink-mcp --sandbox';

const FLAGS = {
  sandbox: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  toolsets: { type: 'string' },
  tools: { type: 'string' },
  'exclude-tools': { type: 'string' },
  'base-url': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-rps': { type: 'string' },
  'log-level': { type: 'string' },
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'upload-dir': { type: 'string' },
  metrics: { type: 'boolean' },
  'shutdown-timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const names = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const list = (known: readonly string[], what: string) =>
  names.refine((xs) => xs.every((x) => known.includes(x)), {
    message: `expected a comma-separated list of ${what}: ${known.join(', ')}`,
  });
const toolNames = names.refine((xs) => xs.every((x) => /^[a-z][a-z0-9_]{0,39}$/.test(x)), {
  message: 'expected a comma-separated list of tool names (lower-case letters, digits, _)',
});
const bool = z
  .string()
  .toLowerCase()
  .refine((s) => ['true', 'false', '1', '0', 'yes', 'no'].includes(s), 'expected true or false')
  .transform((s) => ['true', '1', 'yes'].includes(s));

/** Each setting: its flag, its env variable, and how to validate it. */
export const SETTINGS = {
  baseUrl: { flag: 'base-url', env: 'MTSLINK_BASE_URL', schema: z.url({ protocol: /^https?$/ }) },
  timeoutMs: {
    flag: 'timeout-ms',
    env: 'MTSLINK_TIMEOUT_MS',
    schema: z.coerce.number().int().min(1000).max(600_000),
  },
  // 0 switches the client-side limit off (for benchmarks against the sandbox; never the real API).
  maxRps: { flag: 'max-rps', env: 'MTSLINK_MAX_RPS', schema: z.coerce.number().min(0).max(1000) },
  toolsets: {
    flag: 'toolsets',
    env: 'MTSLINK_TOOLSETS',
    schema: list([...TOOLSET_IDS, 'all'], 'toolsets'),
  },
  // Names are checked against the tools themselves when they load (selectTools).
  tools: { flag: 'tools', env: 'MTSLINK_TOOLS', schema: toolNames },
  excludeTools: { flag: 'exclude-tools', env: 'MTSLINK_EXCLUDE_TOOLS', schema: toolNames },
  readOnly: { flag: 'read-only', env: 'MTSLINK_READ_ONLY', schema: bool },
  sandbox: { flag: 'sandbox', env: 'MTSLINK_SANDBOX', schema: bool },
  logLevel: { flag: 'log-level', env: 'MTSLINK_LOG_LEVEL', schema: z.enum(LOG_LEVELS) },
  http: { flag: 'http', env: 'MTSLINK_HTTP', schema: bool },
  port: {
    flag: 'port',
    env: 'MTSLINK_HTTP_PORT',
    schema: z.coerce.number().int().min(0).max(65_535),
  },
  host: { flag: 'host', env: 'MTSLINK_HTTP_HOST', schema: z.string().min(1).max(255) },
  allowedHosts: { flag: 'allowed-hosts', env: 'MTSLINK_HTTP_ALLOWED_HOSTS', schema: names },
  allowedOrigins: { flag: 'allowed-origins', env: 'MTSLINK_HTTP_ALLOWED_ORIGINS', schema: names },
  // Operations (issue 15): /metrics behind the bearer; how long a shutdown lets running work end.
  metrics: { flag: 'metrics', env: 'MTSLINK_METRICS', schema: bool },
  shutdownTimeoutMs: {
    flag: 'shutdown-timeout-ms',
    env: 'MTSLINK_SHUTDOWN_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).max(600_000),
  },
  // The one folder upload_file may read from besides the client's roots (the only one over HTTP).
  uploadDir: {
    flag: 'upload-dir',
    env: 'MTSLINK_UPLOAD_DIR',
    schema: z
      .string()
      .refine(isAbsolute, 'expected an absolute path')
      .refine((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory(), 'not a folder'),
  },
} as const;

export interface Config {
  token?: string;
  baseUrl: string;
  timeoutMs: number;
  maxRps: number;
  toolsets: string[];
  tools: string[];
  excludeTools: string[];
  readOnly: boolean;
  sandbox: boolean;
  logLevel: LogLevel;
  /** Folder upload_file may read local files from (besides the client's roots on stdio). */
  uploadDir?: string;
  /** On SIGTERM/SIGINT, running calls and registration jobs get this long to finish. */
  shutdownTimeoutMs: number;
  /** Streamable HTTP instead of stdio. */
  http?: HttpConfig;
}

export interface HttpConfig {
  host: string;
  port: number;
  /** Bearer secret; generated at start (and printed once to stderr) when not configured. */
  secret?: string;
  allowedHosts: string[];
  allowedOrigins: string[];
  /** Prometheus metrics at /metrics, behind the bearer secret. */
  metrics: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export type Command =
  | { kind: 'serve'; config: Config }
  | { kind: 'sandbox'; argv: string[] }
  | { kind: 'tools' }
  | { kind: 'help' }
  | { kind: 'version' };

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  if (argv[0] === 'sandbox') return { kind: 'sandbox', argv: argv.slice(1) };
  if (argv[0] === 'tools') return { kind: 'tools' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}. See mtslink-mcp --help.`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const settings: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const fromFlag = values[spec.flag];
    const raw = fromFlag === true ? 'true' : (fromFlag ?? env[spec.env]);
    if (raw === undefined || raw === '') continue;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const source = fromFlag !== undefined ? `--${spec.flag}` : spec.env;
      throw new ConfigError(
        `invalid ${source} "${String(raw)}": ${parsed.error.issues[0]?.message ?? 'bad value'}`,
      );
    }
    settings[key] = parsed.data;
  }
  const sandbox = (settings.sandbox as boolean | undefined) ?? false;
  const token = env.MTSLINK_TOKEN?.trim() || undefined;
  const http = settings.http ? httpConfig(settings, env) : undefined;
  // Over HTTP each request may bring its own token, so a default one is optional there.
  if (!token && !sandbox && !http) throw new ConfigError(NO_TOKEN_MESSAGE);
  if (settings.metrics && !http) {
    throw new ConfigError(
      '--metrics (MTSLINK_METRICS) needs --http: metrics are served at /metrics',
    );
  }
  return {
    kind: 'serve',
    config: {
      token,
      baseUrl: (settings.baseUrl as string | undefined) ?? DEFAULT_BASE_URL,
      timeoutMs: (settings.timeoutMs as number | undefined) ?? 30_000,
      maxRps:
        (settings.maxRps as number | undefined) ??
        (sandbox ? DEFAULT_SANDBOX_MAX_RPS : DEFAULT_MAX_RPS),
      toolsets: (settings.toolsets as string[] | undefined) ?? DEFAULT_TOOLSET_IDS,
      tools: (settings.tools as string[] | undefined) ?? [],
      excludeTools: (settings.excludeTools as string[] | undefined) ?? [],
      readOnly: (settings.readOnly as boolean | undefined) ?? false,
      sandbox,
      logLevel: (settings.logLevel as LogLevel | undefined) ?? 'info',
      uploadDir: settings.uploadDir as string | undefined,
      shutdownTimeoutMs: (settings.shutdownTimeoutMs as number | undefined) ?? 8000,
      http,
    },
  };
}

function httpConfig(settings: Record<string, unknown>, env: NodeJS.ProcessEnv): HttpConfig {
  const host = (settings.host as string | undefined) ?? '127.0.0.1';
  const bracketed = host.includes(':') ? `[${host}]` : host;
  const extraHosts = (settings.allowedHosts as string[] | undefined) ?? [];
  return {
    host,
    port: (settings.port as number | undefined) ?? 3000,
    secret: env.MTSLINK_HTTP_TOKEN?.trim() || undefined,
    allowedHosts: [...new Set([...LOOPBACK_NAMES, bracketed, ...extraHosts])],
    allowedOrigins: [
      ...LOOPBACK_NAMES,
      ...((settings.allowedOrigins as string[] | undefined) ?? []),
    ],
    metrics: (settings.metrics as boolean | undefined) ?? false,
  };
}

export const HELP = `mtslink-mcp — MCP server for the MTS Link (webinar.ru) UserAPI v3

Usage:
  mtslink-mcp [flags]              serve MCP over stdio (needs MTSLINK_TOKEN, or --sandbox)
  mtslink-mcp --sandbox            serve MCP over stdio against a built-in simulated organisation
  mtslink-mcp --http [--port N]    serve MCP over Streamable HTTP on 127.0.0.1 (stateless, bearer auth)
  mtslink-mcp sandbox [--port N]   run only the API simulator (prints its URL and token to stderr)
  mtslink-mcp tools                print the tool catalogue with the token cost of each definition

Flags (each also settable by the env variable beside it):
  --sandbox              MTSLINK_SANDBOX      use the in-process sandbox instead of the real API
  --base-url URL         MTSLINK_BASE_URL     API base (default ${DEFAULT_BASE_URL};
                                              historic: https://userapi.webinar.ru/v3)
  --timeout-ms N         MTSLINK_TIMEOUT_MS   per-request timeout (default 30000)
  --max-rps N            MTSLINK_MAX_RPS      client-side rate limit, requests/second (default ${DEFAULT_MAX_RPS}; sandbox ${DEFAULT_SANDBOX_MAX_RPS}; 0 = off)
  --toolsets a,b|all     MTSLINK_TOOLSETS     toolsets to enable (default ${DEFAULT_TOOLSET_IDS.join(',')})
  --tools a,b            MTSLINK_TOOLS        extra tools by name
  --exclude-tools a,b    MTSLINK_EXCLUDE_TOOLS tools to hide
  --read-only            MTSLINK_READ_ONLY    only read-only tools (wins over everything)
  --log-level L          MTSLINK_LOG_LEVEL    debug, info (default), warn, error or silent; JSON lines on stderr
  --upload-dir DIR       MTSLINK_UPLOAD_DIR   folder upload_file may read local files from; besides it,
                                              only the client's roots (stdio); over HTTP only this
  --shutdown-timeout-ms N MTSLINK_SHUTDOWN_TIMEOUT_MS on SIGTERM/SIGINT, how long running calls and
                                              registration jobs may finish (default 8000); the rest
                                              is cancelled, resumable by calling again
HTTP mode:
  --http                 MTSLINK_HTTP         Streamable HTTP instead of stdio, endpoint /mcp
  --port N               MTSLINK_HTTP_PORT    default 3000 (0 = any free port)
  --host H               MTSLINK_HTTP_HOST    default 127.0.0.1 (loopback only)
  --allowed-hosts a,b    MTSLINK_HTTP_ALLOWED_HOSTS   extra Host names accepted (DNS-rebinding guard)
  --allowed-origins a,b  MTSLINK_HTTP_ALLOWED_ORIGINS extra Origin host names accepted
  --metrics              MTSLINK_METRICS      Prometheus metrics at /metrics (bearer secret required);
                                              probes: /healthz (alive), /readyz (ready), no auth
                         MTSLINK_HTTP_TOKEN   bearer secret clients must send; generated and printed
                                              once to stderr when unset. A request may send its own
                                              MTS Link token in the X-MTSLink-Token header.
  -h, --help / -v, --version
Env only:
  MTSLINK_TOKEN          API key (x-auth-token); never printed or logged
`;
