// The only module that loads the Redis client (@redis/client), imported dynamically and only
// when MTSLINK_REDIS_URL is set: without it nothing of Redis is loaded (architecture test).
//
// Client: @redis/client, the core of node-redis, maintained by Redis itself, with types built
// in, no dependencies, and Lua scripts and MULTI as plain calls; ioredis is in maintenance mode.
// The offline queue is off: while Redis is away every call fails at once with a clear error
// (SharedStateError) instead of hanging, and the client reconnects in the background.
import { createClient } from '@redis/client';
import { SharedRateLimiter } from '../api/shared-rate-limit.js';
import type { Logger } from '../log.js';
import { RedisRegistrationStore } from '../workflows/registration-store-redis.js';
import type { SharedState } from './index.js';

/** Waits between reconnection attempts grow to this. */
const MAX_RECONNECT_MS = 2_000;

export async function connectRedis(url: string, log: Logger): Promise<SharedState> {
  const where = redisAddress(url);
  let connected = false;
  let down = false;
  const redis = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      // At start-up a wrong URL stops the server with the reason; later, retry for ever.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, MAX_RECONNECT_MS) : cause,
    },
  });
  redis.on('error', (err: Error) => {
    if (connected && !down)
      log.error('shared state (Redis) unavailable', { redis: where, error: err.message });
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('shared state (Redis) reachable again', { redis: where });
    down = false;
  });
  try {
    await redis.connect();
  } catch (err) {
    throw new Error(
      `cannot reach Redis at ${where} (MTSLINK_REDIS_URL): ${(err as Error).message}`,
    );
  }
  connected = true;
  const store = new RedisRegistrationStore(redis, undefined, (jobId) =>
    log.warn('registration job taken over by another instance', { jobId }),
  );
  log.info('shared state in Redis: rate limits and registration jobs', { redis: where });
  return {
    store,
    limiterFor: (tenant, rps) => new SharedRateLimiter(redis, `mtslink:rate:${tenant}`, rps),
    ping: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      store.close();
      redis.destroy();
    },
  };
}

/** host:port of the URL, without user or password, for logs and errors. */
function redisAddress(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}
