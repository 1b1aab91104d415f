import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = any;
const schedule = async (query: string) => c.call('GET', `/organization/events/schedule${query}`);

describe('E7 GET /organization/events/schedule', () => {
  it('returns a bare array with string-typed numbers and nested sessions', async () => {
    const res = await schedule('?perPage=250');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json)).toBe(true);
    expect(res.json).toHaveLength(c.sb.state.events.size);
    const past: Item = res.json.find((e: Item) => e.status === 'STOP');
    expect(past).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      access: expect.stringMatching(/^\d+$/),
      isArchive: '0',
      createUserId: expect.stringMatching(/^\d+$/),
      timezoneName: 'Europe/Moscow',
      rule: 'FREQ=DAILY;COUNT=1',
      startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0300$/),
    });
    const s: Item = past.eventSessions[0];
    expect(s).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      eventId: past.id,
      status: 'STOP',
      participationsCount: expect.stringMatching(/^\d+$/),
      recordUrl: { id: s.id, url: expect.stringContaining('/record-new/') },
    });
    expect(Number(s.participationsCount)).toBeGreaterThanOrEqual(3);
  });

  it('pages with page (1-based) and perPage; bad perPage → 400', async () => {
    const all = (await schedule('?perPage=250')).json as Item[];
    const p1 = (await schedule('?perPage=10')).json as Item[];
    const p2 = (await schedule('?perPage=10&page=2')).json as Item[];
    const p3 = (await schedule('?perPage=10&page=3')).json as Item[];
    expect(p1).toHaveLength(10);
    expect([...p1, ...p2, ...p3].map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await schedule('?perPage=10&page=99')).json).toEqual([]);
    const bad = await schedule('?perPage=20');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors).toHaveProperty('perPage');
    expect((await schedule('?page=0')).status).toBe(400);
  });

  it('filters by status[] in both forms', async () => {
    const a = (await schedule('?perPage=250&status[]=ACTIVE')).json as Item[];
    const b = (await schedule('?perPage=250&status[0]=ACTIVE')).json as Item[];
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
    expect(a.flatMap((e) => e.eventSessions).every((s: Item) => s.status === 'ACTIVE')).toBe(true);
    const both = (await schedule('?perPage=250&status[]=ACTIVE&status[]=STOP')).json as Item[];
    expect(both.length).toBe(c.sb.state.events.size);
    expect((await schedule('?status[]=DONE')).json.error.fieldErrors).toHaveProperty('status[0]');
  });

  it('filters by name (case-insensitive substring)', async () => {
    const res = (await schedule('?perPage=250&name=%D0%95%D0%96%D0%95%D0%9D%D0%95%D0%94'))
      .json as Item[];
    expect(res.map((e) => e.name)).toEqual(['Еженедельный разбор кейсов']);
  });

  it('filters by from/to in the lenient formats; bad dates → 400 naming the field', async () => {
    const day = new Date(NOW - 30 * 86_400_000).toISOString().slice(0, 10);
    const items = (await schedule(`?perPage=250&from=${day}+00:00:00`)).json as Item[];
    const sessions = items.flatMap((e) => e.eventSessions);
    expect(sessions.length).toBeGreaterThan(0);
    const from = Date.parse(`${day}T00:00:00+03:00`);
    expect(
      sessions.every(
        (s: Item) => Date.parse(s.estimatedAt.replace(/(\d\d)(\d\d)$/, '$1:$2')) >= from,
      ),
    ).toBe(true);
    const none = (await schedule('?from=2001-01-01T00:00:00&to=2001-01-02')).json;
    expect(none).toEqual([]);
    const bad = await schedule('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors).toHaveProperty('from');
  });
});

describe('E8 GET /users/{userId}/events/schedule', () => {
  it("lists only that member's events", async () => {
    const owner = [...c.sb.state.events.values()][0]?.ownerId as number;
    const res = (await c.call('GET', `/users/${owner}/events/schedule?perPage=250`)).json as Item[];
    expect(res.length).toBeGreaterThan(0);
    expect(res.every((e) => e.createUserId === String(owner))).toBe(true);
  });

  it('404 for a user who is not a member', async () => {
    expect((await c.call('GET', '/users/77/events/schedule')).status).toBe(404);
  });
});
