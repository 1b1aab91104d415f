// list_members through a real MCP client against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('list_members', () => {
  it('sends filters and paging, and returns user ids with roles', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_members', { role: 'lecturer', perPage: 10 });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark)[0]).toMatchObject({
      method: 'GET',
      path: '/organization/members',
      query: { role: 'lecturer', page: '1', perPage: '10' },
    });
    expect(res.json.items.length).toBeGreaterThan(0);
    expect(res.json.items.every((m: { role: string }) => m.role === 'lecturer')).toBe(true);
    expect(res.json.items[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      secondName: expect.any(String),
      email: expect.any(String),
      role: 'lecturer',
      position: expect.any(String),
    });
    const one = await h.call('list_members', { userId: 1029 });
    expect(h.sandbox.requests.at(-1)?.query).toMatchObject({ id: '1029' });
    expect(one.json.items.map((m: { id: number }) => m.id)).toEqual([1029]);
  });

  it('rejects a page size above the largest the API has, before sending', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_members', { perPage: 5000 });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/perPage/);
    expect(h.requestsSince(mark)).toHaveLength(0);
  });
});
