import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/api/rate-limit.js';

describe('RateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces starts 1000/rps ms apart without serialising', async () => {
    const limiter = new RateLimiter(4);
    const started: number[] = [];
    const t0 = Date.now();
    const all = [0, 1, 2].map(() => limiter.take().then(() => started.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(started).toEqual([0, 250, 500]);
  });

  it('pushes later slots back when a timer fires late, so no second holds more than rps starts', async () => {
    const limiter = new RateLimiter(4);
    const t0 = Date.now();
    await limiter.take(); // slot 0
    const second = limiter.take().then(() => Date.now() - t0); // slot 250
    vi.setSystemTime(t0 + 40); // a busy event loop: the timer fires 40 ms late
    await vi.advanceTimersByTimeAsync(250);
    expect(await second).toBe(290);
    const third = limiter.take().then(() => Date.now() - t0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await third).toBe(540); // 250 after the late start, not 500
  });

  it('is abortable and gives the slot back', async () => {
    const limiter = new RateLimiter(1);
    await limiter.take();
    const controller = new AbortController();
    const waiting = limiter.take(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    const t0 = Date.now();
    const next = limiter.take();
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(Date.now() - t0).toBe(1000);
  });

  it('rejects at once on an already aborted signal, and rps 0 disables the limit', async () => {
    await expect(new RateLimiter(1).take(AbortSignal.abort(new Error('x')))).rejects.toThrow('x');
    const open = new RateLimiter(0);
    await open.take();
    await open.take();
  });
});
