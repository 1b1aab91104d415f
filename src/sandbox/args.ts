// `mtslink-mcp sandbox` flags → SandboxOptions. One table gives the flags, their help lines and
// their MTSLINK_SANDBOX_<FLAG> environment variables. Each bad value throws one clear line.
import { parseArgs } from 'node:util';
import type { SandboxOptions } from './types.js';

interface Flag {
  /** Placeholder of the value in the help; none for a switch. */
  value?: string;
  help: string;
  multiple?: boolean;
}

const FLAGS = {
  port: { value: 'N', help: 'port to listen on (default 0: any free port)' },
  host: { value: 'H', help: 'address to listen on (default 127.0.0.1)' },
  seed: { value: 'S', help: 'seed of the demo organisation and the faults (default 1)' },
  token: {
    value: 'T',
    help: 'accepted API token, repeatable (default: one random token)',
    multiple: true,
  },
  'oauth-token': {
    value: 'T',
    help: 'accepted OAuth access token (Authorization: Bearer), repeatable (default: one random)',
    multiple: true,
  },
  'rate-limit': {
    value: 'R',
    help: 'requests/second per token, then 429 + Retry-After (0 = off)',
  },
  'fault-5xx': { value: 'P', help: 'share of requests answered 500/502/503 (0..1)' },
  'fault-reset': { value: 'P', help: 'share of connections reset without an answer' },
  'fault-stall': { value: 'P', help: 'share of requests left unanswered for --stall-ms' },
  'fault-truncated': {
    value: 'P',
    help: 'share of answers cut in half (after the change is made)',
  },
  'fault-429': {
    value: 'P',
    help: 'share of requests answered 429, Retry-After: 1 (a shared limit)',
  },
  'stall-ms': {
    value: 'MS',
    help: 'how long a stalled request hangs, then is dropped (default 60000)',
  },
  'latency-ms': { value: 'MS', help: 'delay added to every request' },
  'duplicate-registration': {
    value: 'ignore|conflict',
    help: 'a known e-mail again: its registration (default) or 409',
  },
  'conversion-conflict': {
    value: '409|403',
    help: 'answer to a second running conversion (default 409)',
  },
  'conversion-ms': { value: 'MS', help: 'how long an MP4 conversion takes (default 3000)' },
  'min-session-minutes': {
    value: 'M',
    help: 'a shorter session is recorded as this long (default 60; 0 = off)',
  },
  lenient: { help: 'accept true/false/1/0 for every flag (default: only its documented form)' },
  'no-api-access': {
    help: 'a plan without API access: valid keys get 403 x-auth-token value is wrong',
  },
  verbose: { help: 'one stderr line per request served: METHOD /path → status' },
  help: { help: 'print this text (also -h)' },
} satisfies Record<string, Flag>;

type FlagName = keyof typeof FLAGS;

const OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, f]: [string, Flag]) => [
    name,
    { type: f.value ? 'string' : 'boolean', multiple: f.multiple ?? false },
  ]),
) as Record<FlagName, { type: 'string' | 'boolean'; multiple: boolean }>;

/** Flags that take a value: each can also come from MTSLINK_SANDBOX_<FLAG> (flags win). */
export const VALUE_FLAGS = (Object.keys(FLAGS) as FlagName[]).filter(
  (name) => (FLAGS[name] as Flag).value !== undefined,
);

/** Switches that can also be turned on from the environment, as MTSLINK_SANDBOX_<FLAG>=1. */
export const ENV_SWITCHES: readonly FlagName[] = ['lenient', 'no-api-access'];

export const envName = (flag: string) => `MTSLINK_SANDBOX_${flag.toUpperCase().replace(/-/g, '_')}`;

function usage(): string {
  const lefts = Object.entries(FLAGS).map(
    ([name, f]: [string, Flag]) => `  --${name}${f.value ? ` ${f.value}` : ''}`,
  );
  const width = Math.max(...lefts.map((l) => l.length)) + 2;
  const rows = Object.values(FLAGS).map((f: Flag, i) => `${lefts[i]?.padEnd(width)}${f.help}`);
  return [
    'Usage: mtslink-mcp sandbox [flags]',
    'Serves the MTS Link API simulator alone on loopback; prints its URL and token on stderr.',
    '',
    ...rows,
    '',
    `Every flag with a value can also be set as ${envName('<flag>')}, e.g.`,
    `${envName('fault-429')}=0.05 or ${envName('rate-limit')}=2; a flag given on the command line wins.`,
    `The switches ${ENV_SWITCHES.map((s) => `--${s}`).join(' and ')} too: ${envName('lenient')}=1.`,
  ].join('\n');
}

export const SANDBOX_USAGE = usage();

function num(flag: string, text: string | undefined, min: number, max: number, integer: boolean) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n)) ||
    n < min ||
    n > max
  ) {
    const kind = integer ? 'an integer' : 'a number';
    throw new Error(`--${flag}: expected ${kind} from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

export function parseSandboxArgs(argv: string[]): SandboxOptions {
  let values: Partial<Record<FlagName, string | boolean | Array<string | boolean>>>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const first = (err as Error).message.split('\n')[0] ?? '';
    throw new Error(`sandbox: ${first.split('. To specify')[0]}`);
  }
  const get = (k: FlagName) => values[k] as string | undefined;
  const opts: SandboxOptions = {};
  const set = <K extends keyof SandboxOptions>(k: K, v: SandboxOptions[K] | undefined) => {
    if (v !== undefined) opts[k] = v;
  };
  set('port', num('port', get('port'), 0, 65535, true));
  const host = get('host');
  if (host !== undefined && host.trim() === '') throw new Error('--host: must not be empty');
  set('host', host);
  set('seed', num('seed', get('seed'), 0, 2 ** 32 - 1, true));
  const tokens = values.token as string[] | undefined;
  if (tokens?.some((t) => t.trim() === '')) throw new Error('--token: must not be empty');
  set('tokens', tokens);
  const oauthTokens = values['oauth-token'] as string[] | undefined;
  if (oauthTokens?.some((t) => t.trim() === ''))
    throw new Error('--oauth-token: must not be empty');
  set('oauthTokens', oauthTokens);
  set('rateLimit', num('rate-limit', get('rate-limit'), 0, 1e6, false));
  set('faultRate5xx', num('fault-5xx', get('fault-5xx'), 0, 1, false));
  set('faultRateReset', num('fault-reset', get('fault-reset'), 0, 1, false));
  set('faultRateStall', num('fault-stall', get('fault-stall'), 0, 1, false));
  set('faultRateTruncated', num('fault-truncated', get('fault-truncated'), 0, 1, false));
  set('faultRate429', num('fault-429', get('fault-429'), 0, 1, false));
  set('stallMs', num('stall-ms', get('stall-ms'), 0, 3_600_000, true));
  set('latencyMs', num('latency-ms', get('latency-ms'), 0, 600_000, true));
  const rates = [
    opts.faultRate5xx,
    opts.faultRateReset,
    opts.faultRateStall,
    opts.faultRateTruncated,
    opts.faultRate429,
  ];
  if (rates.reduce<number>((a, r) => a + (r ?? 0), 0) > 1) {
    throw new Error(
      'fault rates: --fault-5xx + --fault-reset + --fault-stall + --fault-truncated + --fault-429 must not exceed 1',
    );
  }
  const dup = get('duplicate-registration');
  if (dup !== undefined && dup !== 'ignore' && dup !== 'conflict') {
    throw new Error(`--duplicate-registration: expected ignore or conflict, got "${dup}"`);
  }
  set('duplicateRegistration', dup as 'ignore' | 'conflict' | undefined);
  const conv = get('conversion-conflict');
  if (conv !== undefined && conv !== '409' && conv !== '403') {
    throw new Error(`--conversion-conflict: expected 409 or 403, got "${conv}"`);
  }
  set('conversionConflict', conv === undefined ? undefined : (Number(conv) as 409 | 403));
  set('conversionMs', num('conversion-ms', get('conversion-ms'), 0, 86_400_000, true));
  set('minSessionMinutes', num('min-session-minutes', get('min-session-minutes'), 0, 1440, true));
  if (values.lenient === true) opts.lenient = true;
  if (values['no-api-access'] === true) opts.apiAccess = false;
  return opts;
}
