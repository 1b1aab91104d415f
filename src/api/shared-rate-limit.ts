// The rate limit of a token shared by every instance (MTSLINK_REDIS_URL): the same spacing of
// request *starts* as RateLimiter, with the next free slot kept in Redis. rate-limiter-flexible
// was the candidate library, but it counts points per window (a burst at a window's edge, and
// no spacing of starts); the spacing needs only "read the next slot, move it one interval on"
// done atomically, which one short Lua script does with Redis' own primitives. The clock is
// the Redis server's (TIME), so instances whose clocks differ still agree on the slots.
import type { RedisClientType } from '@redis/client';
import { SharedStateError } from './errors.js';
import { sleep, type StartLimiter } from './rate-limit.js';

/** The operations used here, so tests and callers can pass any node-redis client. */
export type RedisEval = Pick<RedisClientType, 'eval'>;

/**
 * KEYS[1] = the tenant's next free slot (µs, Redis clock); ARGV[1] = interval (µs).
 * Takes the slot max(now, next), moves next one interval on and answers the wait in µs.
 * The key expires a second after the last slot it holds, so idle tenants cost nothing.
 * Numbers go through %.0f: Lua's default formatting would round them to 14 digits.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local after = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
return slot - now`;

/** A start that came late pushes the later slots back by as much (as RateLimiter does). */
const PUSH_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
return 0`;

export class SharedRateLimiter implements StartLimiter {
  private readonly intervalUs: number;

  /** `rps` ≤ 0 or not finite disables the limit, as for RateLimiter. */
  constructor(
    private readonly redis: RedisEval,
    private readonly key: string,
    rps: number,
  ) {
    this.intervalUs = rps > 0 && Number.isFinite(rps) ? Math.ceil(1_000_000 / rps) : 0;
  }

  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    if (this.intervalUs === 0) return;
    let waitUs: number;
    try {
      const args = { keys: [this.key], arguments: [String(this.intervalUs)] };
      waitUs = Number(await this.redis.eval(RESERVE, args));
    } catch (err) {
      throw new SharedStateError('waiting for a request slot', err);
    }
    const due = Date.now() + waitUs / 1000;
    // An abandoned slot is not given back: other instances may already queue behind it.
    await sleep(waitUs / 1000, signal);
    const lateUs = Math.round((Date.now() - due) * 1000);
    if (lateUs >= 1000) {
      // Best effort: a failure here shows on the next take, which needs Redis anyway.
      const args = { keys: [this.key], arguments: [String(lateUs)] };
      this.redis.eval(PUSH_BACK, args).catch(() => undefined);
    }
  }
}
