// Probes for containers and load balancers. Unauthenticated, so they say nothing but yes or no:
// /healthz — the process answers (liveness: restart it when this fails);
// /readyz — it should get traffic: started, not shutting down, and every configured dependency
// (Redis, once MTSLINK_REDIS_URL is in use) reachable. The reason for a "no" goes to the log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';

export const HEALTH_PATHS: readonly string[] = ['/healthz', '/readyz'];

/** A dependency /readyz must reach; `check` rejects when it cannot. */
export interface ReadyCheck {
  name: string;
  check: (signal: AbortSignal) => Promise<void>;
}

/** A check that takes longer than this counts as failed: a probe must answer quickly. */
const CHECK_TIMEOUT_MS = 2000;

interface HealthState {
  draining: () => boolean;
  checks: ReadyCheck[];
  log: Logger;
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`${text}\n`);
}

/** The first failing check's name, or undefined when all pass. */
async function failing(checks: ReadyCheck[], log: Logger): Promise<string | undefined> {
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const results = await Promise.allSettled(checks.map((c) => c.check(signal)));
  const index = results.findIndex((r) => r.status === 'rejected');
  if (index < 0) return undefined;
  const reason = (results[index] as PromiseRejectedResult).reason as unknown;
  const name = checks[index]?.name ?? 'check';
  log.warn('not ready', {
    check: name,
    error: reason instanceof Error ? reason.message : String(reason),
  });
  return name;
}

export async function serveHealth(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  state: HealthState,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return answer(res, 405, 'method not allowed');
  }
  if (path === '/healthz') return answer(res, 200, 'ok');
  if (state.draining()) return answer(res, 503, 'not ready');
  const failed = await failing(state.checks, state.log);
  answer(res, failed ? 503 : 200, failed ? 'not ready' : 'ready');
}
