import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackPressure } from '../../src/api/back-pressure.js';

/** Start times (ms after t0) of `n` callers that each wait, then record a start. */
async function starts(bp: BackPressure, n: number, advanceMs: number): Promise<number[]> {
  const t0 = Date.now();
  const out: number[] = [];
  const all = Array.from({ length: n }, () =>
    bp.wait().then(() => {
      bp.started(Date.now());
      out.push(Date.now() - t0);
    }),
  );
  await vi.advanceTimersByTimeAsync(advanceMs);
  await Promise.all(all);
  return out;
}

describe('BackPressure', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds nothing while the API answers promptly and never says 429', async () => {
    const bp = new BackPressure(2);
    for (let i = 0; i < 10; i++) bp.answered(20);
    expect(await starts(bp, 3, 0)).toEqual([0, 0, 0]);
  });

  it('spreads starts by how much later than the fastest round trips come back', async () => {
    const bp = new BackPressure(2); // 500 ms apart at the configured rate
    bp.answered(500); // the first answer also paid for connecting: left out
    for (const rtt of [20, 20, 20, 20, 20, 20, 20, 20, 60, 60]) bp.answered(rtt);
    // Round trips up to 40 ms over the fastest: the 2 starts of a second spread over 40 more.
    expect(await starts(bp, 3, 2000)).toEqual([0, 520, 1040]);
  });

  it('lets a lone 429 cost only its own retry', async () => {
    const bp = new BackPressure(2);
    bp.tooMany(1000);
    expect(await starts(bp, 2, 0)).toEqual([0, 0]);
  });

  it('pauses everyone and halves the rate when a second 429 comes within the Retry-After', async () => {
    const bp = new BackPressure(2);
    bp.tooMany(1000);
    vi.advanceTimersByTime(100);
    bp.tooMany(1000);
    // Nobody before the pause ends (1000 ms from the second 429), then 1 s apart (1/s).
    expect(await starts(bp, 2, 3000)).toEqual([1000, 2000]);
  });

  it('wins the rate back with answers: quickly to 90% of the rate that met 429s, then slowly', async () => {
    const bp = new BackPressure(2);
    bp.tooMany(1000);
    bp.tooMany(1000); // halved: 1 request/s
    await vi.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 8; i++) bp.answered(0); // +5% each: 0.5 → 0.9 of the configured rate
    const [a = 0, b = 0] = await starts(bp, 2, 2000);
    expect(Math.abs(b - a - 500 / 0.9)).toBeLessThanOrEqual(1); // timers fire on whole ms
    for (let i = 0; i < 10; i++) bp.answered(0); // +0.2% each from there
    const [c = 0, d = 0] = await starts(bp, 2, 2000);
    expect(Math.abs(d - c - 500 / 0.92)).toBeLessThanOrEqual(1);
  });

  it('is abortable while paused', async () => {
    const bp = new BackPressure(2);
    bp.tooMany(1000);
    bp.tooMany(1000);
    const controller = new AbortController();
    const waiting = bp.wait(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
