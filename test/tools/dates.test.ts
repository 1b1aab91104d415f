// Date handling a user notices: whole days in periods, past starts, wall-clock vs exact times.
import { describe, expect, it } from 'vitest';
import { isInPast, toApiQueryDateTime } from '../../src/tools/dates.js';

describe('toApiQueryDateTime', () => {
  it('reads a date alone as the whole day: from its start, to its last second', () => {
    expect(toApiQueryDateTime('2026-11-25')).toBe('2026-11-25 00:00:00');
    expect(toApiQueryDateTime('2026-11-25', 'end')).toBe('2026-11-25 23:59:59');
    // A time given is taken as it is, at either end.
    expect(toApiQueryDateTime('2026-11-25T18:30', 'end')).toBe('2026-11-25 18:30:00');
  });

  it('turns an exact time into Moscow wall-clock time (the API query zone)', () => {
    expect(toApiQueryDateTime('2026-11-25T08:00:00Z', 'end')).toBe('2026-11-25 11:00:00');
  });
});

describe('isInPast', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0); // 15:00 in Moscow, 17:00 in Yekaterinburg

  it('compares a wall-clock time with the current time in the event zone', () => {
    expect(isInPast('2026-11-28T14:59', 'Europe/Moscow', now)).toBe(true);
    expect(isInPast('2026-11-28T15:00', 'Europe/Moscow', now)).toBe(false);
    expect(isInPast('2026-11-28T16:00', 'Asia/Yekaterinburg', now)).toBe(true);
    expect(isInPast('2026-11-28T16:00', 'Europe/Moscow', now)).toBe(false);
  });

  it('gives an exact time a minute of grace, whatever the zone', () => {
    expect(isInPast('2026-11-28T11:59:30Z', 'Asia/Tokyo', now)).toBe(false);
    expect(isInPast('2026-11-28T11:58:00Z', 'Asia/Tokyo', now)).toBe(true);
    expect(isInPast('2026-11-28T15:30:00+03:00', 'Europe/Moscow', now)).toBe(false);
  });
});
