// Date handling a user notices: whole days in periods, past starts, wall-clock vs exact times.
import { describe, expect, it } from 'vitest';
import { isInPast, readDateInput, toApiQueryDateTime } from '../../src/tools/dates.js';
import {
  cityZones,
  mskHours,
  normaliseZoneText,
  utcOffsetMinutes,
} from '../../src/tools/zone-names.js';

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

describe('readDateInput', () => {
  it('reads DD.MM.YYYY as day first and ISO as year first', () => {
    expect(readDateInput('01.12.2026 11:00')).toMatchObject({
      wall: { year: 2026, month: 12, day: 1, hour: 11, minute: 0 },
      dateOnly: false,
    });
    expect(readDateInput('1.2.2026')).toMatchObject({ wall: { month: 2, day: 1 }, dateOnly: true });
    expect(readDateInput('2026-12-01 11:00 +0300')).toMatchObject({ offset: 180, utc: false });
    expect(readDateInput('2026-12-01T11:00Z')).toMatchObject({ offset: 0, utc: true });
    expect(toApiQueryDateTime('25.11.2026', 'end')).toBe('2026-11-25 23:59:59');
  });

  it.each([
    ['2026-02-29T10:00', 'no such calendar date'],
    ['29.02.2026 10:00', 'no such calendar date'],
    ['2026-12-01T24:00', 'no such time of day'],
    ['2026-12-01T11:00+25:00', 'offset +25:00 does not exist'],
    ['2026-12-01T11:00+03:75', 'offset +03:75 does not exist'],
    ['2026-12-01T11:00-24:00', 'offset -24:00 does not exist'],
    ['12/01/2026 11:00', 'expected ISO 8601'],
    ['next tuesday', 'expected ISO 8601'],
  ])('%s is refused: %s', (text, why) => {
    expect(readDateInput(text)).toContain(why);
  });

  it('accepts 29 February in a leap year and the real extremes of offsets', () => {
    expect(typeof readDateInput('29.02.2028 10:00')).toBe('object');
    expect(readDateInput('2026-12-01T11:00+14:00')).toMatchObject({ offset: 840 });
    expect(readDateInput('2026-12-01T11:00-12:00')).toMatchObject({ offset: -720 });
  });
});

describe('zone names', () => {
  it('reads МСК±N and UTC±N', () => {
    expect(mskHours('мск+2')).toBe(2);
    expect(mskHours('msk -1')).toBe(-1);
    expect(mskHours('мск')).toBe(0);
    expect(mskHours('мск+2 часа')).toBe(2);
    expect(utcOffsetMinutes('utc+5')).toBe(300);
    expect(utcOffsetMinutes('gmt-03:30')).toBe(-210);
    expect(utcOffsetMinutes('+0545')).toBe(345);
    expect(utcOffsetMinutes('yekt')).toBeUndefined();
  });

  it('finds cities in their inflected forms, in Russian and English', () => {
    const catalogue = [
      { name: 'Asia/Yekaterinburg', description: 'Екатеринбург' },
      { name: 'Europe/Moscow', description: 'Москва' },
      { name: 'America/New_York', description: 'Нью-Йорк' },
    ];
    const find = (text: string) => cityZones(normaliseZoneText(text), catalogue);
    expect(find('по Екатеринбургу')).toEqual(['Asia/Yekaterinburg']);
    expect(find('екатеринбургское время')).toEqual(['Asia/Yekaterinburg']);
    expect(find('по Москве')).toEqual(['Europe/Moscow']);
    expect(find('по московскому времени')).toEqual(['Europe/Moscow']);
    expect(find('по Нью-Йорку')).toEqual(['America/New_York']);
    expect(find('new york')).toEqual(['America/New_York']);
    expect(find('Уфа')).toEqual(['Asia/Yekaterinburg']);
    expect(find('по Уфе')).toEqual(['Asia/Yekaterinburg']);
    expect(find('Тмутаракань')).toEqual([]);
  });
});
