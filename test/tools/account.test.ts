// The tools added for issue 13.4 through a real MCP client against the sandbox: who am I, the
// organisation's webhooks, a session's reactions, and the OAuth bearer alternative to the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('get_profile', () => {
  it('says who the token belongs to and which organisation', async () => {
    const res = await h.call('get_profile');
    expect(res.isError, res.text).toBe(false);
    const { organization: org, members } = h.sandbox.state;
    const owner = members.get(org.ownerId)!;
    expect(res.json).toEqual({
      userId: owner.id,
      name: `${owner.name} ${owner.secondName}`,
      email: owner.email,
      role: owner.role,
      organization: { id: org.id, name: org.name, alias: org.alias },
    });
    expect(h.sandbox.requests.at(-1)).toMatchObject({ method: 'GET', path: '/profile' });
  });

  it('works with an OAuth access token sent as Authorization: Bearer', async () => {
    const oauth = await createHarness({
      sandboxOptions: { oauthTokens: ['partner-app-access-token'] },
      api: { token: 'partner-app-access-token', authScheme: 'bearer' },
    });
    try {
      const res = await oauth.call('get_profile');
      expect(res.isError, res.text).toBe(false);
      expect(res.json.organization.name).toBe(oauth.sandbox.state.organization.name);
      expect(oauth.sandbox.requests.at(-1)?.hasAuthHeader).toBe(true);
    } finally {
      await oauth.close();
    }
  });

  it('a bearer token sent as an API key is refused (403) with a hint', async () => {
    const wrong = await createHarness({
      sandboxOptions: { oauthTokens: ['partner-app-access-token'] },
      api: { token: 'partner-app-access-token' },
    });
    try {
      const res = await wrong.call('get_profile');
      expect(res.isError).toBe(true);
      expect(res.text).toMatch(/403/);
    } finally {
      await wrong.close();
    }
  });
});

describe('webhooks', () => {
  it('creates, lists and deletes (after confirmation) a webhook', async () => {
    const mark = h.sandbox.requests.length;
    const made = await h.call('create_webhook', {
      url: 'https://crm.example.com/hooks/mts',
      events: ['eventSession.created', 'convertedRecord.ready'],
    });
    expect(made.isError, made.text).toBe(false);
    expect(made.json).toEqual({
      webhookId: expect.any(Number),
      url: 'https://crm.example.com/hooks/mts',
      events: ['eventSession.created', 'convertedRecord.ready'],
    });
    expect(h.requestsSince(mark)[0]).toMatchObject({
      method: 'POST',
      path: '/webhooks/create',
      body: {
        url: 'https://crm.example.com/hooks/mts',
        events: ['eventSession.created', 'convertedRecord.ready'],
      },
    });
    const listed = await h.call('list_webhooks');
    expect(listed.json.items).toEqual([
      expect.objectContaining({ webhookId: made.json.webhookId, url: made.json.url }),
    ]);

    const before = h.sandbox.requests.length;
    const unconfirmed = await h.call('delete_webhook', { webhookId: made.json.webhookId });
    expect(unconfirmed.isError).toBe(true);
    expect(unconfirmed.text).toMatch(/confirmation.*Nothing was sent/);
    expect(h.sandbox.requests.length).toBe(before);

    const deleted = await h.call('delete_webhook', {
      webhookId: made.json.webhookId,
      confirm: true,
    });
    expect(deleted.isError, deleted.text).toBe(false);
    expect((await h.call('list_webhooks')).json.items).toEqual([]);
  });

  it('refuses a malformed event name before sending, and explains API refusals', async () => {
    const mark = h.sandbox.requests.length;
    const bad = await h.call('create_webhook', { url: 'https://a.example.com', events: ['all'] });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/events\[0\]/);
    expect(h.sandbox.requests.length).toBe(mark);

    await h.call('create_webhook', { url: 'https://dup.example.com' });
    const twice = await h.call('create_webhook', { url: 'https://dup.example.com' });
    expect(twice.isError).toBe(true);
    expect(twice.text).toMatch(/409.*already registered/);
    const gone = await h.call('delete_webhook', { webhookId: 12345, confirm: true });
    expect(gone.isError).toBe(true);
    expect(gone.text).toMatch(/404/);
    expect(gone.text).toMatch(/list_webhooks/);
  });
});

describe('list_session_reactions', () => {
  const finished = () =>
    [...h.sandbox.state.sessions.values()]
      .filter((s) => s.status === 'STOP')
      .sort((a, b) => a.id - b.id)[0]!;

  it('sums up hands, likes and emoji per person, names marked as participant data', async () => {
    const s = finished();
    const res = await h.call('list_session_reactions', { eventSessionId: s.id });
    expect(res.isError, res.text).toBe(false);
    expect(Object.keys(res.json).sort()).toEqual([
      'emoji',
      'likes',
      'participantData',
      'raisedHands',
    ]);
    // The totals are what the API lists (read here straight from the sandbox, 1000 a page).
    const count = async (kind: string) => {
      const r = await fetch(`${h.sandbox.url}/eventsessions/${s.id}/${kind}?perPage=1000`, {
        headers: { 'x-auth-token': h.sandbox.token },
      });
      return ((await r.json()) as { data: { items: unknown[] } }).data.items.length;
    };
    expect(res.json.likes.total).toBe(await count('likes'));
    expect(res.json.raisedHands.total).toBe(await count('raising-hands'));
    expect(res.json.emoji.total).toBe(await count('emoji-reactions'));
    const top = res.json.likes.top[0];
    expect(top.name).toMatch(/^⟦.+⟧$/);
    const sum = res.json.likes.top.reduce((n: number, p: { count: number }) => n + p.count, 0);
    expect(sum).toBeLessThanOrEqual(res.json.likes.total);
    expect(res.json.participantData).toMatch(/never instructions/);
  });

  it('reads one kind page by page with the cursor', async () => {
    const s = finished();
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_session_reactions', { eventSessionId: s.id, kind: 'emoji' });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.likes).toBeUndefined();
    const calls = h.requestsSince(mark);
    expect(calls.every((r) => r.path === `/eventsessions/${s.id}/emoji-reactions`)).toBe(true);
    expect(calls[0]?.query).toEqual({ perPage: '1000' });
  });

  it('names the tool that finds session ids when the session does not exist', async () => {
    const res = await h.call('list_session_reactions', { eventSessionId: 999 });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/404/);
    expect(res.text).toMatch(/list_events/);
  });
});
