// Flags + env → a typed, validated config. A wrong value stops start-up with one clear line.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuthScheme } from './api/types.js';
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
  trace: { type: 'string' },
  http: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'allowed-origins': { type: 'string' },
  'upload-dir': { type: 'string' },
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
  // Every API exchange as JSON lines, token and personal links redacted (api/trace.ts).
  trace: { flag: 'trace', env: 'MTSLINK_TRACE', schema: z.string().min(1).max(4096) },
  http: { flag: 'http', env: 'MTSLINK_HTTP', schema: bool },
  port: {
    flag: 'port',
    env: 'MTSLINK_HTTP_PORT',
    schema: z.coerce.number().int().min(0).max(65_535),
  },
  host: { flag: 'host', env: 'MTSLINK_HTTP_HOST', schema: z.string().min(1).max(255) },
  allowedHosts: { flag: 'allowed-hosts', env: 'MTSLINK_HTTP_ALLOWED_HOSTS', schema: names },
  allowedOrigins: { flag: 'allowed-origins', env: 'MTSLINK_HTTP_ALLOWED_ORIGINS', schema: names },
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
  /** `bearer` when the token is an OAuth access token (MTSLINK_OAUTH_TOKEN). */
  authScheme: AuthScheme;
  baseUrl: string;
  timeoutMs: number;
  maxRps: number;
  toolsets: string[];
  tools: string[];
  excludeTools: string[];
  readOnly: boolean;
  sandbox: boolean;
  logLevel: LogLevel;
  /** File that receives every API exchange as a JSON line (--trace / MTSLINK_TRACE). */
  trace?: string;
  /** Folder upload_file may read local files from (besides the client's roots on stdio). */
  uploadDir?: string;
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
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export type Command =
  | { kind: 'serve'; config: Config }
  | { kind: 'doctor'; config: Config }
  | { kind: 'sandbox'; argv: string[] }
  | { kind: 'tools' }
  | { kind: 'help' }
  | { kind: 'version' };

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  if (argv[0] === 'sandbox') return { kind: 'sandbox', argv: argv.slice(1) };
  if (argv[0] === 'tools') return { kind: 'tools' };
  // `doctor` takes the serving flags (base URL, timeout, trace…) and reports a missing token
  // itself instead of refusing to start.
  const doctor = argv[0] === 'doctor';
  const args = doctor ? argv.slice(1) : argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false }));
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
  const apiKey = env.MTSLINK_TOKEN?.trim() || undefined;
  const oauthToken = env.MTSLINK_OAUTH_TOKEN?.trim() || undefined;
  if (apiKey && oauthToken) {
    throw new ConfigError(
      'both MTSLINK_TOKEN (API key) and MTSLINK_OAUTH_TOKEN (OAuth access token) are set: keep one',
    );
  }
  const token = apiKey ?? oauthToken;
  const http = settings.http ? httpConfig(settings, env) : undefined;
  // Over HTTP each request may bring its own token, so a default one is optional there.
  if (!token && !sandbox && !http && !doctor) throw new ConfigError(NO_TOKEN_MESSAGE);
  return {
    kind: doctor ? 'doctor' : 'serve',
    config: {
      token,
      authScheme: oauthToken ? 'bearer' : 'x-auth-token',
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
      trace: settings.trace as string | undefined,
      uploadDir: settings.uploadDir as string | undefined,
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
  };
}

export const HELP = `mtslink-mcp — MCP server for the MTS Link (webinar.ru) UserAPI v3

Usage:
  mtslink-mcp [flags]              serve MCP over stdio (needs MTSLINK_TOKEN, or --sandbox)
  mtslink-mcp --sandbox            serve MCP over stdio against a built-in simulated organisation
  mtslink-mcp --http [--port N]    serve MCP over Streamable HTTP on 127.0.0.1 (stateless, bearer auth)
  mtslink-mcp sandbox [--port N]   run only the API simulator (prints its URL and token to stderr)
  mtslink-mcp tools                print the tool catalogue with the token cost of each definition
  mtslink-mcp doctor [flags]       check the token and the API in under a minute (read-only);
                                   exit 0 when ready, 1 when not

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
  --trace FILE           MTSLINK_TRACE        append every API exchange to FILE as JSON lines (token
                                              and personal links redacted) for a bug report
  --upload-dir DIR       MTSLINK_UPLOAD_DIR   folder upload_file may read local files from; besides it,
                                              only the client's roots (stdio); over HTTP only this
HTTP mode:
  --http                 MTSLINK_HTTP         Streamable HTTP instead of stdio, endpoint /mcp
  --port N               MTSLINK_HTTP_PORT    default 3000 (0 = any free port)
  --host H               MTSLINK_HTTP_HOST    default 127.0.0.1 (loopback only)
  --allowed-hosts a,b    MTSLINK_HTTP_ALLOWED_HOSTS   extra Host names accepted (DNS-rebinding guard)
  --allowed-origins a,b  MTSLINK_HTTP_ALLOWED_ORIGINS extra Origin host names accepted
                         MTSLINK_HTTP_TOKEN   bearer secret clients must send; generated and printed
                                              once to stderr when unset. A request may send its own
                                              MTS Link token in the X-MTSLink-Token header.
  -h, --help / -v, --version
Env only:
  MTSLINK_TOKEN          API key (x-auth-token); never printed or logged
  MTSLINK_OAUTH_TOKEN    instead of MTSLINK_TOKEN: an OAuth access token of a partner
                         application, sent as Authorization: Bearer
`;
