// Per-token sliding window (one second) on the sandbox clock (so tests control it with `now`).

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** null when allowed (and counted); otherwise the Retry-After seconds. */
  check(token: string, limit: number, now: number): number | null {
    if (limit <= 0) return null;
    // Below 1 request/second the window stretches instead (0.5 → one request per 2 s).
    const windowMs = limit >= 1 ? 1000 : 1000 / limit;
    const max = Math.max(1, Math.floor(limit));
    const recent = (this.hits.get(token) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= max) {
      this.hits.set(token, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(token, recent);
    return null;
  }
}
