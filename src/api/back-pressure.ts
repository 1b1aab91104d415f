// What the API's answers ask of this client, on top of the configured rate limit (rate-limit.ts).
// The configured limit is a guess of the API's (api §11.7: no number is documented; the
// sandbox counts arrivals in a sliding second), and the token may be shared with another
// program. Two corrections, both zero while the API answers promptly and never says 429:
// - Jitter: a limit counted on arrival trips when starts are spaced exactly at it and one
//   request reaches the API faster than the one `rps` places before it. How much later than its
//   fastest a round trip can take bounds that (the 90th percentile of the last answers' round
//   trips over their minimum); the `rps` starts of any second are spread over that much more.
// - 429s: a lone one (jitter the estimate missed) costs only its own retry. One that follows
//   another within that one's Retry-After means the limit really is passed: nobody starts until
//   the Retry-After is over, and the rate halves (down to a quarter of the configured one).
//   Each answer then wins rate back: quickly up to 90% of the rate that met the 429s, slowly
//   beyond (0.2% of the configured rate per answer), so the client settles just under the
//   API's real limit instead of tripping it every few seconds (AIMD, as TCP does).
// Uses setTimeout and Date.now (vitest fake timers control them).
import { sleep } from './rate-limit.js';

/** Lowest rate a run of 429s brings the client to, as a share of the configured one. */
const FLOOR = 1 / 4;
/** Rate won back per answer below 90% of the rate that met the 429s, and above it. */
const FAST_STEP = 0.05;
const SLOW_STEP = 0.002;
/** Round trips remembered for the jitter estimate. */
const SAMPLES = 20;
/** Spacing assumed when no rate is configured and the API still answers 429. */
const UNLIMITED_BASE_MS = 100;

export class BackPressure {
  /** Spacing of starts at the configured rate (ms); 0 when no rate is configured. */
  private readonly baseMs: number;
  /** Current rate as a share of the configured one (429s lower it). */
  private share = 1;
  /** The share at which the API last said the limit was passed. */
  private ceiling = 1;
  /** No start before this time: the API's Retry-After, once the limit is really passed. */
  private pausedUntil = 0;
  /** Until when the last 429's Retry-After runs: a second 429 before then pauses everyone. */
  private lastRetryUntil = 0;
  /** The end of the pause in which the rate was last halved. */
  private halvedUntil = 0;
  /** The last start (or the time given to the last caller let through). */
  private lastStart = 0;
  /** The last round trips (ms), oldest first. */
  private readonly roundTrips: number[] = [];
  /** Spacing added for jitter (ms), recomputed on each answer. */
  private jitterMs = 0;
  /** The first answer is left out of the estimate: it also paid for connecting and loading. */
  private warm = false;

  /** `rps` as given to RateLimiter (≤ 0 or not finite: no configured limit). */
  constructor(rps: number) {
    this.baseMs = rps > 0 && Number.isFinite(rps) ? 1000 / rps : 0;
  }

  /**
   * Waits out a pause and, while the spacing is wider than the configured one, until that much
   * after the last start (the rate limit then adds its own wait, if any).
   */
  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now, signal);
        continue; // another 429 may have moved the pause on meanwhile
      }
      const base = this.baseMs || (this.share < 1 ? UNLIMITED_BASE_MS : 0);
      const extra = base / this.share - base + this.jitterMs;
      if (extra === 0) return;
      const due = this.lastStart + base + extra;
      if (now >= due) {
        this.lastStart = now; // held for this caller until its real start is known
        return;
      }
      await sleep(due - now, signal);
    }
  }

  /** A request left the rate limit and is being sent. */
  started(at: number): void {
    this.lastStart = Math.max(this.lastStart, at);
  }

  /** The API answered 429 and asks for `retryAfterMs` (the request itself waits that long). */
  tooMany(retryAfterMs: number): void {
    const now = Date.now();
    const again = now < this.lastRetryUntil;
    this.lastRetryUntil = Math.max(this.lastRetryUntil, now + retryAfterMs);
    if (!again) return;
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    // Once per pause: the 429s of the requests already in flight say the same thing.
    if (now >= this.halvedUntil) {
      this.ceiling = this.share;
      this.share = Math.max(FLOOR, this.share / 2);
      this.halvedUntil = this.pausedUntil;
    }
  }

  /** An answer that was not a 429, `roundTripMs` after its start. */
  answered(roundTripMs: number): void {
    const step = this.share < this.ceiling * 0.9 ? FAST_STEP : SLOW_STEP;
    this.share = Math.min(1, this.share + step);
    if (this.baseMs === 0) return; // no configured limit: nothing to spread
    if (!this.warm) {
      this.warm = true;
      return;
    }
    this.roundTrips.push(roundTripMs);
    if (this.roundTrips.length > SAMPLES) this.roundTrips.shift();
    const fastest = Math.min(...this.roundTrips);
    const excess = this.roundTrips.map((t) => t - fastest).sort((a, b) => a - b);
    const p90 = excess[Math.floor(excess.length * 0.9)] ?? 0;
    // `rps` starts share a second, so each carries 1/rps of the margin (baseMs/1000 of it).
    this.jitterMs = (p90 * this.baseMs) / 1000;
  }
}
