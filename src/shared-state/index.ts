// State shared by every instance of the server, when MTSLINK_REDIS_URL is set: the rate limit
// of each token and the registration jobs. Without it everything stays in this process and
// nothing of Redis is loaded (redis.ts comes in by dynamic import only).
import type { StartLimiter } from '../api/rate-limit.js';
import type { Logger } from '../log.js';
import { useRegistrationStore, type RegistrationStore } from '../workflows/registration-store.js';

export interface SharedState {
  store: RegistrationStore;
  /** The rate limiter of a tenant (token hash), shared by every instance. */
  limiterFor: (tenant: string, rps: number) => StartLimiter;
  /** True when Redis answers now. */
  ping: () => Promise<boolean>;
  /** Stops renewing job leases (their runs become resumable elsewhere) and disconnects. */
  close: () => Promise<void>;
}

/**
 * Connects to Redis and makes it the home of registration jobs; the caller passes
 * `limiterFor` to its API clients. Throws when Redis cannot be reached at start-up.
 */
export async function openSharedState(url: string, log: Logger): Promise<SharedState> {
  log.addSecret(decodeURIComponent(new URL(url).password)); // never in a log line
  const { connectRedis } = await import('./redis.js');
  const shared = await connectRedis(url, log);
  useRegistrationStore(shared.store);
  return shared;
}
