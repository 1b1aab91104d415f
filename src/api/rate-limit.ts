// Client-side rate limit: spaces request *starts* 1000/rps ms apart, so several requests can be
// in flight while the start rate stays under the API's limit (api §11.7). Uses setTimeout and
// Date.now, which vitest fake timers control.
import { publish, rateLimitWaits, type RateLimitWaitEvent } from '../channels.js';

/** Abortable sleep. Rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (ms <= 0) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Gives out request start slots; the client awaits `take` before every attempt. */
export interface StartLimiter {
  /** Wait for a start slot. Rejects (with the signal's reason) when the caller aborts. */
  take(signal?: AbortSignal): Promise<void>;
}

/** One process's limiter; shared-rate-limit.ts is the one every instance shares (Redis). */
export class RateLimiter implements StartLimiter {
  private readonly intervalMs: number;
  /** Earliest time the next request may start. */
  private nextAt = 0;

  /** `rps` ≤ 0 or not finite disables the limit. */
  constructor(rps: number) {
    this.intervalMs = rps > 0 && Number.isFinite(rps) ? 1000 / rps : 0;
  }

  /** Wait for a start slot. Rejects (with the signal's reason) when the caller aborts. */
  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    if (this.intervalMs === 0) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextAt);
    this.nextAt = slot + this.intervalMs;
    if (slot > now) {
      publish(rateLimitWaits, (): RateLimitWaitEvent => ({ seconds: (slot - now) / 1000 }));
    }
    try {
      await sleep(slot - now, signal);
      // A timer that fired late pushes the later slots back by as much, so that no window of
      // one second ever holds more than `rps` actual starts (a strict server window counts those).
      const late = Date.now() - slot;
      if (late > 0) this.nextAt += late;
    } catch (err) {
      // Give the slot back if nobody queued behind it, so aborted calls don't delay others.
      if (this.nextAt === slot + this.intervalMs) this.nextAt = slot;
      throw err;
    }
  }
}
