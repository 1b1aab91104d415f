// `mtslink-mcp sandbox` flags → SandboxOptions. Each bad value throws one clear line.
import { parseArgs } from 'node:util';
import type { SandboxOptions } from './types.js';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  token: { type: 'string', multiple: true },
  'oauth-token': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  'fault-5xx': { type: 'string' },
  'fault-reset': { type: 'string' },
  'fault-stall': { type: 'string' },
  'fault-truncated': { type: 'string' },
  'fault-429': { type: 'string' },
  'stall-ms': { type: 'string' },
  'latency-ms': { type: 'string' },
  'duplicate-registration': { type: 'string' },
  'conversion-conflict': { type: 'string' },
  'conversion-ms': { type: 'string' },
  'min-session-minutes': { type: 'string' },
  lenient: { type: 'boolean' },
  'no-api-access': { type: 'boolean' },
} as const;

export const SANDBOX_USAGE = `Usage: mtslink-mcp sandbox [--port N] [--host H] [--seed S] [--token T]... [--oauth-token T]...
  [--rate-limit R] [--fault-5xx P] [--fault-reset P] [--fault-stall P] [--fault-truncated P]
  [--fault-429 P] [--stall-ms MS] [--latency-ms MS] [--duplicate-registration ignore|conflict]
  [--conversion-conflict 409|403] [--conversion-ms MS] [--min-session-minutes M] [--lenient]
  [--no-api-access]
  --lenient        accept true/false/1/0 for every flag (default: only each flag's documented form)
  --oauth-token T  an OAuth access token accepted as Authorization: Bearer (default: a random one)
  --no-api-access  act as a plan without API access: valid keys get 403 x-auth-token value is wrong`;

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
  let values: Partial<Record<keyof typeof OPTIONS, string | string[] | boolean>>;
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
  const get = (k: keyof typeof OPTIONS) => values[k] as string | undefined;
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
