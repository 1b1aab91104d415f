// Issue 20: time zones as Russian-speaking organisers write them, through a real MCP client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const zoneOfEvent = async (eventId: number) =>
  (await h.call('get_event', { eventId })).json.timezone as string;

describe('zones people write map to the IANA zone', () => {
  it.each([
    'по Екатеринбургу',
    'Екатеринбург',
    'екатеринбургское время',
    'Yekaterinburg',
    'Ekaterinburg',
    'Челябинск',
    'МСК+2',
    'MSK+2',
    'мск +2',
    'UTC+5',
    'GMT+5',
    '+05:00',
    'YEKT',
    'asia/yekaterinburg',
  ])('%s → Asia/Yekaterinburg', async (timezone) => {
    const res = await h.call('create_event', {
      name: timezone,
      startsAt: '2037-12-08T11:00',
      timezone,
    });
    expect(res.isError, res.text).toBe(false);
    expect(await zoneOfEvent(res.json.eventId)).toBe('Asia/Yekaterinburg');
    // 11:00 there is 06:00 UTC, and the result says how the zone was read.
    expect(res.json).toMatchObject({
      startsAt: '2037-12-08T11:00+05:00',
      utc: '2037-12-08T06:00Z',
    });
    if (timezone !== 'asia/yekaterinburg') expect(res.json.zone).toContain(timezone);
  });

  it.each([
    ['по Москве', 'Europe/Moscow'],
    ['по московскому времени', 'Europe/Moscow'],
    ['Санкт-Петербург', 'Europe/Moscow'],
    ['МСК', 'Europe/Moscow'],
    ['по Новосибирску', 'Asia/Novosibirsk'],
    ['Калининград', 'Europe/Kaliningrad'],
    ['МСК-1', 'Europe/Kaliningrad'],
    ['Владивосток', 'Asia/Vladivostok'],
    ['UTC+5:30', 'Asia/Kolkata'],
    ['New York', 'America/New_York'],
    ['EST', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Saratov', 'Europe/Samara'],
  ])('%s → %s', async (timezone, zone) => {
    const res = await h.call('create_event', {
      name: timezone,
      startsAt: '2037-12-08T11:00',
      timezone,
    });
    expect(res.isError, res.text).toBe(false);
    expect(await zoneOfEvent(res.json.eventId)).toBe(zone);
  });

  it('lists candidates when the text fits several zones, and sends nothing', async () => {
    const mark = h.sandbox.requests.length;
    const cet = await h.call('create_event', {
      name: 'CET',
      startsAt: '2037-12-08T11:00',
      timezone: 'CET',
    });
    expect(cet.isError).toBe(true);
    expect(cet.text).toMatch(/timezone.*fits several zones: .*Europe\/Berlin.*Europe\/Paris/);
    const plusOne = await h.call('create_event', {
      name: 'UTC+1',
      startsAt: '2037-12-08T11:00',
      timezone: 'UTC+1',
    });
    expect(plusOne.isError).toBe(true);
    expect(plusOne.text).toMatch(/UTC\+01:00 is not one zone: .*Europe\/Berlin/);
    expect(h.requestsSince(mark).filter((r: RequestRecord) => r.method === 'POST')).toHaveLength(0);
  });

  it('names list_timezones when nothing matches', async () => {
    const res = await h.call('create_event', {
      name: 'Nowhere',
      startsAt: '2037-12-08T11:00',
      timezone: 'по Тмутаракани',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/timezone.*unknown time zone.*list_timezones/);
  });
});

describe('an offset that contradicts the zone is an error', () => {
  it('11:00+03:00 with Asia/Yekaterinburg is refused with both readings', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('create_event', {
      name: 'Contradiction',
      startsAt: '2037-12-08T11:00+03:00',
      timezone: 'Asia/Yekaterinburg',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/startsAt.*is 13:00 in Asia\/Yekaterinburg, not 11:00/);
    expect(h.requestsSince(mark)).toHaveLength(0);
    // The matching offset is fine.
    const ok = await h.call('create_event', {
      name: 'Consistent',
      startsAt: '2037-12-08T11:00+05:00',
      timezone: 'Екатеринбург',
    });
    expect(ok.isError, ok.text).toBe(false);
  });
});

describe('DD.MM.YYYY HH:MM is day-month-year', () => {
  it('01.12.2037 11:00 is the first of December', async () => {
    const res = await h.call('schedule_webinar', {
      name: 'Russian date',
      startsAt: '01.12.2037 11:00',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.startsAt).toBe('2037-12-01T11:00+03:00');
    const list = await h.call('list_events', { from: '01.12.2037', to: '01.12.2037' });
    expect(list.json.items.map((e: { name: string }) => e.name)).toContain('Russian date');
  });

  it('refuses a date that does not exist', async () => {
    const res = await h.call('schedule_webinar', { name: 'Bad', startsAt: '31.02.2037 11:00' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('no such calendar date');
  });
});
