// Flags + env → a typed, validated config. A wrong value stops start-up with one clear line.
// One table, SETTINGS (a zod object whose fields carry their flag, env variable and help text),
// gives the parser its flags, the Config its types and --help its lines.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AuthScheme } from './api/types.js';
import { ConfigError } from './config-error.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { DEFAULT_TOOLSET_IDS, TOOLSET_IDS } from './toolsets/index.js';

export { ConfigError };

export const DEFAULT_BASE_URL = 'https://userapi.mts-link.ru/v3';
/** The reference recommends ≤ 2 requests/s against the real API (no limit is published). */
const DEFAULT_MAX_RPS = 2;
/** The local sandbox has no such limit; keep the demo and tests quick. */
const DEFAULT_SANDBOX_MAX_RPS = 50;

export const NO_TOKEN_MESSAGE =
  'MTSLINK_TOKEN is not set. Create an API key in MTS Link (Business settings → API/Webhooks, plans with API access) and set MTSLINK_TOKEN, or try everything on the built-in sandbox: mtslink-mcp --sandbox';

interface SettingMeta {
  /** Environment variable. */
  env: string;
  /** Command-line flag without `--`; env-only settings (secrets) have none. */
  flag?: string;
  /** Placeholder of the flag's value in --help; a flag without one is a switch. */
  arg?: string;
  help: string;
  /** Shown under "HTTP mode" in --help. */
  http?: boolean;
  /** The value may carry a password: an error names the setting but never shows the value. */
  secret?: boolean;
}

const meta = z.registry<SettingMeta>();
/** One setting: optional (defaults are applied in parseCommand), with its flag/env/help. */
function setting<S extends z.ZodType>(schema: S, about: SettingMeta) {
  const optional = schema.optional();
  meta.add(optional, about);
  return optional;
}

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
/** A secret from the environment: surrounding spaces dropped, empty means unset. */
const secret = z
  .string()
  .trim()
  .transform((s) => s || undefined);

/** Every setting, in --help order. */
const SETTINGS = z.object({
  sandbox: setting(bool, {
    flag: 'sandbox',
    env: 'MTSLINK_SANDBOX',
    help: 'use the in-process sandbox instead of the real API',
  }),
  baseUrl: setting(z.url({ protocol: /^https?$/ }), {
    flag: 'base-url',
    arg: 'URL',
    env: 'MTSLINK_BASE_URL',
    help: `API base (default ${DEFAULT_BASE_URL}; historic: https://userapi.webinar.ru/v3)`,
  }),
  timeoutMs: setting(z.coerce.number().int().min(1000).max(600_000), {
    flag: 'timeout-ms',
    arg: 'N',
    env: 'MTSLINK_TIMEOUT_MS',
    help: 'per-request timeout (default 30000)',
  }),
  // 0 switches the client-side limit off (for benchmarks against the sandbox; never the real API).
  maxRps: setting(z.coerce.number().min(0).max(1000), {
    flag: 'max-rps',
    arg: 'N',
    env: 'MTSLINK_MAX_RPS',
    help: `client-side rate limit, requests/second (default ${DEFAULT_MAX_RPS}; sandbox ${DEFAULT_SANDBOX_MAX_RPS}; 0 = off)`,
  }),
  toolsets: setting(list([...TOOLSET_IDS, 'all'], 'toolsets'), {
    flag: 'toolsets',
    arg: 'a,b|all',
    env: 'MTSLINK_TOOLSETS',
    help: `toolsets to enable (default ${DEFAULT_TOOLSET_IDS.join(',')})`,
  }),
  // Names are checked against the tools themselves when they load (selectTools).
  tools: setting(toolNames, {
    flag: 'tools',
    arg: 'a,b',
    env: 'MTSLINK_TOOLS',
    help: 'extra tools by name',
  }),
  excludeTools: setting(toolNames, {
    flag: 'exclude-tools',
    arg: 'a,b',
    env: 'MTSLINK_EXCLUDE_TOOLS',
    help: 'tools to hide',
  }),
  // A value, not a switch: it is on by default, and parseArgs has no --no-… form on Node 20.
  dynamicToolsets: setting(bool, {
    flag: 'dynamic-toolsets',
    arg: 'B',
    env: 'MTSLINK_DYNAMIC_TOOLSETS',
    help: 'true/false: the model may switch more toolsets on during a conversation (default true; over HTTP: whether a client may add toolsets with the X-MTSLink-Toolsets header)',
  }),
  readOnly: setting(bool, {
    flag: 'read-only',
    env: 'MTSLINK_READ_ONLY',
    help: 'only read-only tools (wins over everything)',
  }),
  logLevel: setting(z.enum(LOG_LEVELS), {
    flag: 'log-level',
    arg: 'L',
    env: 'MTSLINK_LOG_LEVEL',
    help: `${LOG_LEVELS.join(', ')} (default info); JSON lines on stderr`,
  }),
  // Every API exchange as JSON lines, token and personal links redacted (api/trace.ts).
  trace: setting(z.string().min(1).max(4096), {
    flag: 'trace',
    arg: 'FILE',
    env: 'MTSLINK_TRACE',
    help: 'append every API exchange to FILE as JSON lines (token and personal links redacted) for a bug report',
  }),
  // The one folder upload_file may read from besides the client's roots (the only one over HTTP).
  uploadDir: setting(
    z
      .string()
      .refine(isAbsolute, 'expected an absolute path')
      .refine((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory(), 'not a folder'),
    {
      flag: 'upload-dir',
      arg: 'DIR',
      env: 'MTSLINK_UPLOAD_DIR',
      help: "folder upload_file may read local files from; besides it, only the client's roots (stdio); over HTTP only this",
    },
  ),
  // On SIGTERM/SIGINT, running calls and registration jobs get this long; the rest is cancelled.
  shutdownTimeoutMs: setting(z.coerce.number().int().min(0).max(600_000), {
    flag: 'shutdown-timeout-ms',
    arg: 'N',
    env: 'MTSLINK_SHUTDOWN_TIMEOUT_MS',
    help: 'on SIGTERM/SIGINT, how long running calls and registration jobs may finish (default 8000); the rest is cancelled, resumable by calling again',
  }),
  token: setting(secret, {
    env: 'MTSLINK_TOKEN',
    help: 'API key (x-auth-token); never printed or logged',
  }),
  oauthToken: setting(secret, {
    env: 'MTSLINK_OAUTH_TOKEN',
    help: 'instead of MTSLINK_TOKEN: an OAuth access token of a partner application, sent as Authorization: Bearer',
  }),
  http: setting(bool, {
    flag: 'http',
    env: 'MTSLINK_HTTP',
    help: 'Streamable HTTP instead of stdio, endpoint /mcp',
    http: true,
  }),
  port: setting(z.coerce.number().int().min(0).max(65_535), {
    flag: 'port',
    arg: 'N',
    env: 'MTSLINK_HTTP_PORT',
    help: 'default 3000 (0 = any free port)',
    http: true,
  }),
  host: setting(z.string().min(1).max(255), {
    flag: 'host',
    arg: 'H',
    env: 'MTSLINK_HTTP_HOST',
    help: 'default 127.0.0.1 (loopback only)',
    http: true,
  }),
  allowedHosts: setting(names, {
    flag: 'allowed-hosts',
    arg: 'a,b',
    env: 'MTSLINK_HTTP_ALLOWED_HOSTS',
    help: 'extra Host names accepted (DNS-rebinding guard)',
    http: true,
  }),
  allowedOrigins: setting(names, {
    flag: 'allowed-origins',
    arg: 'a,b',
    env: 'MTSLINK_HTTP_ALLOWED_ORIGINS',
    help: 'extra Origin host names accepted',
    http: true,
  }),
  // Env only: the URL may carry a password (redacted from logs, never shown in an error).
  redisUrl: setting(z.url({ protocol: /^rediss?$/ }), {
    env: 'MTSLINK_REDIS_URL',
    help: "redis://[user:password@]host[:port][/db]: instances share each token's rate limit and the registration jobs (default: all in this process)",
    secret: true,
  }),
  metrics: setting(bool, {
    flag: 'metrics',
    env: 'MTSLINK_METRICS',
    help: 'Prometheus metrics at /metrics (bearer secret required); probes: /healthz (alive), /readyz (ready), no auth',
    http: true,
  }),
  httpToken: setting(secret, {
    env: 'MTSLINK_HTTP_TOKEN',
    help: 'bearer secret clients must send; generated and printed once to stderr when unset. A request may send its own MTS Link token in the X-MTSLink-Token header.',
    http: true,
  }),
});

type Settings = z.output<typeof SETTINGS>;

/** Each setting with its flag, env variable and help, in table order. */
export const SETTING_LIST = Object.entries(SETTINGS.shape).map(([key, schema]) => {
  const about = meta.get(schema);
  if (!about) throw new Error(`setting ${key} has no flag/env/help`);
  return { key, ...about };
});

const FLAGS = {
  ...Object.fromEntries(
    SETTING_LIST.filter((s) => s.flag).map((s) => [
      s.flag,
      { type: s.arg ? ('string' as const) : ('boolean' as const) },
    ]),
  ),
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
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
  /** The model may switch toolsets on during a connection (stdio); over HTTP, the toolsets header. */
  dynamicToolsets: boolean;
  readOnly: boolean;
  sandbox: boolean;
  logLevel: LogLevel;
  /** Folder upload_file may read local files from (besides the client's roots on stdio). */
  uploadDir?: string;
  /** On SIGTERM/SIGINT, running calls and registration jobs get this long to finish. */
  shutdownTimeoutMs: number;
  /** File that receives every API exchange as a JSON line (--trace / MTSLINK_TRACE). */
  trace?: string;
  /** Streamable HTTP instead of stdio. */
  http?: HttpConfig;
  /** Redis shared by every instance: rate limits and registration jobs (env only: may hold a password). */
  redisUrl?: string;
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
  | { kind: 'doctor'; config: Config }
  | { kind: 'sandbox'; argv: string[] }
  | { kind: 'tools' }
  | { kind: 'help' }
  | { kind: 'version' };

/** Flag wins over env; an empty value is unset. Also says where each value came from. */
function rawSettings(values: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const raw: Record<string, string> = {};
  const source: Record<string, string> = {};
  for (const s of SETTING_LIST) {
    const fromFlag = s.flag === undefined ? undefined : values[s.flag];
    const value = fromFlag === true ? 'true' : typeof fromFlag === 'string' ? fromFlag : env[s.env];
    if (value === undefined || value === '') continue;
    raw[s.key] = value;
    source[s.key] = fromFlag !== undefined ? `--${s.flag}` : s.env;
  }
  return { raw, source };
}

function readSettings(values: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const { raw, source } = rawSettings(values, env);
  const parsed = SETTINGS.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0]);
  const shown = SETTING_LIST.find((x) => x.key === key)?.secret ? '' : ` "${raw[key]}"`;
  const where = key in raw ? `${source[key]}${shown}` : 'setting';
  throw new ConfigError(`invalid ${where}: ${issue?.message ?? 'bad value'}`);
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  if (argv[0] === 'sandbox') return { kind: 'sandbox', argv: argv.slice(1) };
  if (argv[0] === 'tools') return { kind: 'tools' };
  // `doctor` takes the serving flags (base URL, timeout, trace…) and reports a missing token
  // itself instead of refusing to start.
  const doctor = argv[0] === 'doctor';
  const args = doctor ? argv.slice(1) : argv;
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`${message}. See mtslink-mcp --help.`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const s = readSettings(values, env);
  const sandbox = s.sandbox ?? false;
  const http = s.http ? httpConfig(s) : undefined;
  if (s.token && s.oauthToken) {
    throw new ConfigError(
      'both MTSLINK_TOKEN (API key) and MTSLINK_OAUTH_TOKEN (OAuth access token) are set: keep one',
    );
  }
  const token = s.token ?? s.oauthToken;
  // Over HTTP each request may bring its own token, so a default one is optional there.
  if (!token && !sandbox && !http && !doctor) throw new ConfigError(NO_TOKEN_MESSAGE);
  if (s.metrics && !http) {
    throw new ConfigError(
      '--metrics (MTSLINK_METRICS) needs --http: metrics are served at /metrics',
    );
  }
  return {
    kind: doctor ? 'doctor' : 'serve',
    config: {
      token,
      authScheme: s.oauthToken ? 'bearer' : 'x-auth-token',
      baseUrl: s.baseUrl ?? DEFAULT_BASE_URL,
      timeoutMs: s.timeoutMs ?? 30_000,
      maxRps: s.maxRps ?? (sandbox ? DEFAULT_SANDBOX_MAX_RPS : DEFAULT_MAX_RPS),
      toolsets: s.toolsets ?? DEFAULT_TOOLSET_IDS,
      tools: s.tools ?? [],
      excludeTools: s.excludeTools ?? [],
      dynamicToolsets: s.dynamicToolsets ?? true,
      readOnly: s.readOnly ?? false,
      sandbox,
      logLevel: s.logLevel ?? 'info',
      uploadDir: s.uploadDir,
      shutdownTimeoutMs: s.shutdownTimeoutMs ?? 8000,
      trace: s.trace,
      http,
      redisUrl: s.redisUrl,
    },
  };
}

function httpConfig(s: Settings): HttpConfig {
  const host = s.host ?? '127.0.0.1';
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port: s.port ?? 3000,
    secret: s.httpToken,
    allowedHosts: [...new Set([...LOOPBACK_NAMES, bracketed, ...(s.allowedHosts ?? [])])],
    allowedOrigins: [...LOOPBACK_NAMES, ...(s.allowedOrigins ?? [])],
    metrics: s.metrics ?? false,
  };
}

const HELP_WIDTH = 100;
const HELP_COLUMN = 46;

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** `  --base-url URL         MTSLINK_BASE_URL     API base …`, the help wrapped in its column. */
function helpLines(s: (typeof SETTING_LIST)[number]): string[] {
  const flag = s.flag ? `--${s.flag}${s.arg ? ` ${s.arg}` : ''}` : '';
  const head = `  ${flag.padEnd(21)}  ${s.env}`;
  const text = wrap(s.help, HELP_WIDTH - HELP_COLUMN);
  const indent = ' '.repeat(HELP_COLUMN);
  // A long env name pushes the help to its own lines.
  const first = head.length < HELP_COLUMN ? [head.padEnd(HELP_COLUMN) + text.shift()] : [head];
  return [...first, ...text.map((t) => indent + t)];
}

const helpFor = (http: boolean) =>
  SETTING_LIST.filter((s) => Boolean(s.http) === http)
    .flatMap(helpLines)
    .join('\n');

export const HELP = `mtslink-mcp — MCP server for the MTS Link (webinar.ru) UserAPI v3

Usage:
  mtslink-mcp [flags]              serve MCP over stdio (needs MTSLINK_TOKEN, or --sandbox)
  mtslink-mcp --sandbox            serve MCP over stdio against a built-in simulated organisation
  mtslink-mcp --http [--port N]    serve MCP over Streamable HTTP on 127.0.0.1 (stateless, bearer auth)
  mtslink-mcp sandbox [--port N]   run only the API simulator (prints its URL and token to stderr)
  mtslink-mcp tools                print the tool catalogue (token costs where gpt-tokenizer is installed)
  mtslink-mcp doctor [flags]       check the token and the API in under a minute (read-only);
                                   exit 0 when ready, 1 when not
  mtslink-mcp report --help        write an attendance report (Markdown, chart, CSV, XLSX) to files

Settings (flag, the env variable that also sets it, what it does):
${helpFor(false)}
HTTP mode:
${helpFor(true)}
  -h, --help / -v, --version
`;
