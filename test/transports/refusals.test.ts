// The refusal log: the first refusal after a quiet spell in full, then one count per interval.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { RefusalLog } from '../../src/transports/refusals.js';

let lines: string[];
let refusals: RefusalLog;
beforeEach(() => {
  vi.useFakeTimers();
  lines = [];
  refusals = new RefusalLog(
    createLogger('debug', (l) => lines.push(l)),
    60_000,
  );
});
afterEach(() => {
  refusals.close();
  vi.useRealTimers();
});

const messages = () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);

describe('RefusalLog', () => {
  it('writes at most one line per minute however long a flood lasts', () => {
    for (let minute = 0; minute < 10; minute++) {
      for (let i = 0; i < 1000; i++) refusals.refused('no valid bearer secret', { path: '/mcp' });
      vi.advanceTimersByTime(60_000);
    }
    expect(lines.length).toBe(11);
    expect(messages()[0]).toBe('refused request: no valid bearer secret');
    expect(messages()[1]).toBe('refused 999 more requests in the last 60 s');
    expect(messages()[10]).toBe('refused 1000 more requests in the last 60 s');
  });

  it('counts per reason, and logs in full again after a quiet minute', () => {
    refusals.refused('foreign Origin');
    refusals.refused('foreign Origin');
    refusals.refused('body too large');
    vi.advanceTimersByTime(60_000);
    expect(JSON.parse(lines[1]!).reasons).toEqual({ 'foreign Origin': 1, 'body too large': 1 });
    vi.advanceTimersByTime(60_000);
    refusals.refused('unknown path');
    expect(messages()).toEqual([
      'refused request: foreign Origin',
      'refused 2 more requests in the last 60 s',
      'refused request: unknown path',
    ]);
  });
});
