// The methods added for issue 13.4 on the wire (plain fetch): the token's profile, webhooks,
// the reactions of a session, and who may call at all (API key, OAuth bearer, plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (path: string, headers: Record<string, string>) => fetch(c.sb.url + path, { headers });

describe('A1 GET /profile', () => {
  it("answers with the token owner's user and organisation", async () => {
    const res = await c.call('GET', '/profile');
    expect(res.status).toBe(200);
    const owner = c.sb.state.members.get(c.sb.state.organization.ownerId)!;
    expect(res.json).toEqual({
      data: {
        id: owner.id,
        name: owner.name,
        secondName: owner.secondName,
        email: owner.email,
        nickname: owner.nickname,
        role: owner.role,
        organization: {
          id: c.sb.state.organization.id,
          name: c.sb.state.organization.name,
          alias: c.sb.state.organization.alias,
        },
      },
    });
  });
});

describe('authentication', () => {
  it('takes an OAuth access token as Authorization: Bearer', async () => {
    const res = await get('/profile', bearer(c.sb.oauthToken));
    expect(res.status).toBe(200);
  });

  it('401 for an unknown bearer token; an API key is not an OAuth token', async () => {
    const unknown = await get('/profile', bearer('nope'));
    expect(unknown.status).toBe(401);
    expect((await get('/profile', bearer(c.sb.token))).status).toBe(401);
    expect((await get('/profile', { 'x-auth-token': c.sb.oauthToken })).status).toBe(403);
  });

  it('a plan without API access refuses even a good key with 403', async () => {
    c.sb.knobs.apiAccess = false;
    try {
      const res = await c.call('GET', '/profile');
      expect(res.status).toBe(403);
      expect(res.json.error.message).toBe('x-auth-token value is wrong');
      expect((await get('/timezones', bearer(c.sb.oauthToken))).status).toBe(403);
    } finally {
      c.sb.knobs.apiAccess = true;
    }
  });
});

describe('W1–W3 webhooks', () => {
  it('creates, lists and deletes webhook URLs', async () => {
    const made = await c.call('POST', '/webhooks/create', {
      form: {
        url: 'https://hooks.example.com/mts',
        'events[0]': 'eventSession.created',
        'events[1]': 'eventSession.startsAt.changed',
      },
    });
    expect(made.status).toBe(201);
    const id = made.json.data.id;
    expect(made.json.data).toMatchObject({
      url: 'https://hooks.example.com/mts',
      events: ['eventSession.created', 'eventSession.startsAt.changed'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/),
    });
    const listed = await c.call('GET', '/webhooks');
    expect(listed.json.data.items.map((h: { id: number }) => h.id)).toEqual([id]);
    expect((await c.call('POST', `/webhooks/${id}/delete`)).status).toBe(204);
    expect((await c.call('GET', '/webhooks')).json.data.items).toEqual([]);
    expect((await c.call('POST', `/webhooks/${id}/delete`)).status).toBe(404);
  });

  it('refuses a bad URL, a bad event name and a URL already registered', async () => {
    const noUrl = await c.call('POST', '/webhooks/create', { form: { url: 'ftp://x' } });
    expect(noUrl.status).toBe(400);
    expect(noUrl.json.error.fieldErrors).toHaveProperty('url');
    const badEvent = await c.call('POST', '/webhooks/create', {
      form: { url: 'https://a.example.com', 'events[0]': 'everything' },
    });
    expect(badEvent.status).toBe(400);
    expect(badEvent.json.error.fieldErrors).toHaveProperty('events');
    await c.call('POST', '/webhooks/create', { form: { url: 'https://b.example.com' } });
    const twice = await c.call('POST', '/webhooks/create', {
      form: { url: 'https://b.example.com' },
    });
    expect(twice.status).toBe(409);
  });

  it('keeps at most 20 URLs', async () => {
    for (const h of (await c.call('GET', '/webhooks')).json.data.items) {
      await c.call('POST', `/webhooks/${h.id}/delete`);
    }
    for (let i = 0; i < 20; i++) {
      const res = await c.call('POST', '/webhooks/create', {
        form: { url: `https://h${i}.example.com` },
      });
      expect(res.status).toBe(201);
    }
    const over = await c.call('POST', '/webhooks/create', {
      form: { url: 'https://x.example.com' },
    });
    expect(over.status).toBe(400);
    expect(over.json.error.message).toMatch(/20/);
  });
});

describe('RE1–RE3 reactions', () => {
  /** The finished seeded session with the most attendees. */
  const finished = () =>
    [...c.sb.state.sessions.values()]
      .filter((s) => s.status === 'STOP')
      .sort((a, b) => a.id - b.id)[0]!;

  const all = async (kind: string, id: number, perPage = 7) => {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ perPage: String(perPage), ...(cursor ? { cursor } : {}) });
      const res = await c.call('GET', `/eventsessions/${id}/${kind}?${q}`);
      expect(res.status).toBe(200);
      items.push(...res.json.data.items);
      cursor = res.json.data.nextPageCursor;
    } while (cursor);
    return items;
  };

  it('pages likes by cursor, and they agree with the statistics per person', async () => {
    const s = finished();
    const likes = await all('likes', s.id);
    const byUser = new Map<unknown, number>();
    for (const l of likes) byUser.set(l.userId, (byUser.get(l.userId) ?? 0) + 1);
    const day = new Date(s.startsAt - 86_400_000).toISOString().slice(0, 10);
    const stats = await c.call('GET', `/stats/users?from=${day}+00:00:00&eventId=${s.eventId}`);
    expect(stats.status).toBe(200);
    const clicks = new Map<unknown, number>();
    for (const person of stats.json) {
      for (const es of person.eventSessions) {
        if (es.id === s.id && es.usersReactionClicks > 0)
          clicks.set(person.id, es.usersReactionClicks);
      }
    }
    expect(likes.length).toBeGreaterThan(0);
    expect(byUser).toEqual(clicks);
    // Oldest first, with the organisation's offset written with a colon.
    const times = likes.map((l) => Date.parse(l.createdAt as string));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('raised hands and emoji come from people who were there', async () => {
    const s = finished();
    const hands = await all('raising-hands', s.id, 1000);
    const emoji = await all('emoji-reactions', s.id, 1000);
    expect(hands.length + emoji.length).toBeGreaterThan(0);
    for (const e of emoji) expect(typeof e.emoji).toBe('string');
    const start = s.startedAt!;
    const end = s.stoppedAt!;
    for (const r of [...hands, ...emoji]) {
      const at = Date.parse(r.createdAt as string);
      expect(at).toBeGreaterThanOrEqual(start - 1000);
      expect(at).toBeLessThanOrEqual(end);
    }
  });

  it('is empty before a session ran; 404 for an unknown session; 400 for a foreign cursor', async () => {
    const active = [...c.sb.state.sessions.values()].find((s) => s.status === 'ACTIVE')!;
    const none = await c.call('GET', `/eventsessions/${active.id}/likes`);
    expect(none.json).toEqual({ data: { items: [], nextPageCursor: null } });
    expect((await c.call('GET', '/eventsessions/999/raising-hands')).status).toBe(404);
    const bad = await c.call('GET', `/eventsessions/${active.id}/likes?cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors).toHaveProperty('cursor');
  });
});
