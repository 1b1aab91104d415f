// Refused HTTP requests are logged at a bounded rate: the first refusal after a quiet spell in
// full, then only a count per reason once per interval while refusals keep coming. An open
// port scanned or flooded costs at most two log lines a minute, and the operator still sees
// that it happens, from where it started and how much.
import type { Logger } from '../log.js';

const REFUSAL_LOG_INTERVAL_MS = 60_000;

export class RefusalLog {
  private readonly counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = REFUSAL_LOG_INTERVAL_MS,
  ) {}

  /** One refused request; `fields` must hold no secret (never a header value but Host). */
  refused(reason: string, fields: Record<string, unknown> = {}): void {
    if (this.timer) {
      this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
      return;
    }
    this.log.warn(`refused request: ${reason}`, {
      ...fields,
      note: `further refusals are counted and logged once per ${this.intervalMs / 1000} s`,
    });
    this.arm();
  }

  /** Logs what is still counted and stops the timer (server shutdown). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A steady flood keeps the window open: one count line per interval, never one per request.
      if (this.flush()) this.arm();
    }, this.intervalMs);
    this.timer.unref();
  }

  private flush(): boolean {
    if (this.counts.size === 0) return false;
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    this.log.warn(`refused ${total} more requests in the last ${this.intervalMs / 1000} s`, {
      reasons: Object.fromEntries(this.counts),
    });
    this.counts.clear();
    return true;
  }
}
