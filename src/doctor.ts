// `mtslink-mcp doctor`: in under a minute, with the user's own token, can this server work with
// their organisation? Read-only by construction (GET requests only), one short report, a verdict
// and an exit code (0 ready, 1 not). Each failure says what to do about it.
import { ApiClient } from './api/client.js';
import {
  ApiError,
  CancelledError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from './api/errors.js';
import type { ApiClientOptions } from './api/types.js';

type Outcome = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  outcome: Outcome;
  detail: string;
  /** What the user should do (failures and warnings). */
  fix?: string;
}

export interface DoctorOptions extends Omit<ApiClientOptions, 'token'> {
  token?: string;
  /** Whole run budget in ms (default 50 s, under the minute the user was promised). */
  budgetMs?: number;
  /** For the report's first line, e.g. 'the sandbox'. */
  label?: string;
}

const KEY_HELP =
  'Create a key in MTS Link: Business → API/Webhooks → API (plans with API access), then set MTSLINK_TOKEN (or MTSLINK_OAUTH_TOKEN for an OAuth access token).';

type Row = Record<string, unknown>;
const rowsOf = (data: unknown): Row[] => (Array.isArray(data) ? (data as Row[]) : []);
const unwrap = (data: unknown): Row => {
  const row = (data ?? {}) as Row;
  return (row.data && typeof row.data === 'object' ? row.data : row) as Row;
};

/** Why the API could not be used at all, as a failed check with its fix. */
function blocked(err: unknown, baseUrl: string): Check {
  const host = new URL(baseUrl).host;
  if (err instanceof NetworkError || err instanceof TimeoutError || err instanceof CancelledError) {
    const why = err instanceof NetworkError ? (err.code ?? 'network error') : 'no answer in time';
    return {
      name: 'Host reachable',
      outcome: 'fail',
      detail: `${host} did not answer (${why})`,
      fix: `Check the network, proxy and firewall, and MTSLINK_BASE_URL (now ${baseUrl}; the API is https://userapi.mts-link.ru/v3).`,
    };
  }
  if (err instanceof UnexpectedResponseError || (err instanceof ApiError && err.status === 404)) {
    return {
      name: 'Host reachable',
      outcome: 'fail',
      detail: `${host} answered, but not as the MTS Link API does`,
      fix: `Check MTSLINK_BASE_URL (now ${baseUrl}): it should end with /v3, e.g. https://userapi.mts-link.ru/v3.`,
    };
  }
  if (err instanceof ApiError && err.status === 401) {
    return {
      name: 'Token accepted',
      outcome: 'fail',
      detail: `401: ${err.apiMessage}`,
      fix: `The token is missing, malformed or expired (an OAuth access token expires: get a new one). ${KEY_HELP}`,
    };
  }
  if (err instanceof ApiError && err.status === 403) {
    return {
      name: 'Token accepted',
      outcome: 'fail',
      detail: `403: ${err.apiMessage}`,
      fix: 'The key is wrong or deleted, or the plan has no API access: the API answers both with this 403. Check the key under Business → API/Webhooks → API and that the plan includes API access, then set MTSLINK_TOKEN (or MTSLINK_OAUTH_TOKEN).',
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    name: 'Token accepted',
    outcome: 'fail',
    detail: message,
    fix: 'Try again in a minute; if it persists, run with --trace FILE and attach the file to a bug report.',
  };
}

/** A later check that failed on its own: a warning unless the API refused access to it. */
function partial(name: string, err: unknown, what: string): Check {
  if (err instanceof CancelledError) {
    return { name, outcome: 'skip', detail: 'not checked: the minute was up' };
  }
  if (err instanceof ApiError && err.status === 403) {
    return {
      name,
      outcome: 'warn',
      detail: `403: ${err.apiMessage}`,
      fix: `The key may lack access to ${what}: edit its access set under Business → API/Webhooks.`,
    };
  }
  const message = err instanceof ApiError ? `${err.status}: ${err.apiMessage}` : String(err);
  return { name, outcome: 'warn', detail: message, fix: `Tools that read ${what} may fail.` };
}

const reachable = (baseUrl: string, started: number): Check => ({
  name: 'Host reachable',
  outcome: 'ok',
  detail: `${new URL(baseUrl).host} answered in ${Date.now() - started} ms`,
});

export async function runDoctor(opts: DoctorOptions): Promise<Check[]> {
  if (!opts.token) {
    return [{ name: 'Token set', outcome: 'fail', detail: 'no token given', fix: KEY_HELP }];
  }
  const deadline = AbortSignal.timeout(opts.budgetMs ?? 50_000);
  const client = new ApiClient({
    ...opts,
    token: opts.token,
    timeoutMs: Math.min(opts.timeoutMs ?? 15_000, 15_000),
    maxRetries: 1,
    maxRetryAfterMs: 5_000,
  });
  // GET only: the doctor never changes anything in the organisation.
  const get = (path: string, params?: Record<string, unknown>) =>
    client.request({ method: 'GET', path, params, signal: deadline });
  const checks: Check[] = [];
  try {
    const started = Date.now();
    let zones: Row[];
    try {
      zones = rowsOf((await get('/timezones')).data);
    } catch (err) {
      const failed = blocked(err, opts.baseUrl);
      if (failed.name === 'Token accepted') {
        checks.push(reachable(opts.baseUrl, started));
      }
      checks.push(failed);
      return checks;
    }
    checks.push(reachable(opts.baseUrl, started));
    checks.push({ name: 'Token accepted', outcome: 'ok', detail: 'API access on this plan' });

    try {
      const u = unwrap((await get('/profile')).data);
      const org = (u.organization ?? {}) as Row;
      const who = [u.name, u.secondName].filter(Boolean).join(' ') || `user ${String(u.id)}`;
      checks.push({
        name: 'User and organisation',
        outcome: 'ok',
        detail: `${who} <${String(u.email)}>${u.role ? ` (${String(u.role)})` : ''}, ${String(org.name ?? 'organisation')} (id ${String(org.id ?? u.organizationId)})`,
      });
    } catch (err) {
      checks.push(partial('User and organisation', err, 'the profile (get_profile)'));
    }

    const moscow = zones.find((z) => z.name === 'Europe/Moscow');
    checks.push(
      zones.length > 0
        ? {
            name: 'Time zones',
            outcome: 'ok',
            detail: `${zones.length} zones${moscow ? `, Europe/Moscow is id ${String(moscow.id)}` : ''}`,
          }
        : {
            name: 'Time zones',
            outcome: 'fail',
            detail: 'the list is empty',
            fix: 'Scheduling needs the time-zone list; report this with a --trace file.',
          },
    );

    try {
      const members = rowsOf((await get('/organization/members', { perPage: 10 })).data);
      checks.push({
        name: 'Members',
        outcome: 'ok',
        detail: `${members.length}${members.length === 10 ? '+' : ''} on the first page`,
      });
    } catch (err) {
      checks.push(partial('Members', err, 'the organisation members (list_members)'));
    }

    try {
      const events = rowsOf((await get('/organization/events/schedule', { perPage: 10 })).data);
      checks.push({
        name: 'Schedule',
        outcome: 'ok',
        detail: `${events.length}${events.length === 10 ? '+' : ''} events on the first page`,
      });
    } catch (err) {
      checks.push(partial('Schedule', err, 'events (list_events)'));
    }
    return checks;
  } finally {
    await client.close();
  }
}

const LABEL: Record<Outcome, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/** The report as the terminal shows it; `ready` decides the exit code. */
export function renderReport(checks: Check[], target: string): { text: string; ready: boolean } {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = [`mtslink-mcp doctor: ${target}`, ''];
  for (const c of checks) {
    lines.push(`[${LABEL[c.outcome]}] ${c.name.padEnd(width)}  ${c.detail}`);
    if (c.fix) lines.push(`       ${' '.repeat(width)}  → ${c.fix}`);
  }
  const failed = checks.filter((c) => c.outcome === 'fail').length;
  const warned = checks.filter((c) => c.outcome === 'warn').length;
  const ready = failed === 0;
  lines.push(
    '',
    ready
      ? `Verdict: READY${warned ? ` (${warned} warning${warned > 1 ? 's' : ''})` : ''}: mtslink-mcp can work with this organisation.`
      : `Verdict: NOT READY: ${failed} check${failed > 1 ? 's' : ''} failed; fix ${failed > 1 ? 'them' : 'it'} and run mtslink-mcp doctor again.`,
  );
  return { text: `${lines.join('\n')}\n`, ready };
}
