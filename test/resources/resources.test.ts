// Resources through a real MCP client: same data as the tools, id completion, clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seededSessions } from '../tools/live-session.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const readJson = async (uri: string) => {
  const res = await h.client.readResource({ uri });
  const first = res.contents[0] as { text: string; mimeType?: string };
  expect(first.mimeType).toBe('application/json');
  return JSON.parse(first.text);
};

describe('resources', () => {
  it('lists the static resources and the templates', async () => {
    const { resources } = await h.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining(['mtslink://events', 'mtslink://timezones']),
    );
    const { resourceTemplates } = await h.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(
      expect.arrayContaining([
        'mtslink://events/{eventId}',
        'mtslink://event-sessions/{eventSessionId}',
      ]),
    );
  });

  it('an event resource shows what get_event shows', async () => {
    const events = await readJson('mtslink://events');
    expect(events.items.length).toBeGreaterThan(0);
    const id = events.items[0].id;
    const viaResource = await readJson(`mtslink://events/${id}`);
    const viaTool = await h.call('get_event', { eventId: id });
    expect(viaResource).toEqual(viaTool.json);
    const sessionId = viaResource.eventSessions[0].id;
    const session = await readJson(`mtslink://event-sessions/${sessionId}`);
    expect(session.id).toBe(sessionId);
  });

  it('completes event ids from recent and upcoming events', async () => {
    const events = await readJson('mtslink://events');
    const first = String(events.items[0].id);
    const res = await h.client.complete({
      ref: { type: 'ref/resource', uri: 'mtslink://events/{eventId}' },
      argument: { name: 'eventId', value: first.slice(0, 4) },
    });
    expect(res.completion.values).toContain(first);
  });

  it('every resource reads, even where its toolset is not served (default toolsets)', async () => {
    const lean = await createHarness({ toolsets: ['events', 'workflows'] });
    try {
      const { conference } = seededSessions(lean);
      const read = async (uri: string) => {
        const res = await lean.client.readResource({ uri });
        return JSON.parse((res.contents[0] as { text: string }).text);
      };
      const participants = await read(`mtslink://event-sessions/${conference.id}/participants`);
      expect(participants.items).toHaveLength(100);
      const attendance = await read(`mtslink://event-sessions/${conference.id}/attendance`);
      expect(attendance.registrations.total).toBe(10_000);
      const zones = await read('mtslink://timezones');
      expect(zones.items.length).toBeGreaterThan(10);
    } finally {
      await lean.close();
    }
  });

  it('an unknown id is a clear error naming the tool that finds ids', async () => {
    await expect(h.client.readResource({ uri: 'mtslink://events/999999999' })).rejects.toThrow(
      /404.*list_events/,
    );
  });

  it('a malformed id is refused before anything is sent, naming the variable', async () => {
    for (const id of ['abc', '12x', '-5']) {
      const mark = h.sandbox.requests.length;
      await expect(h.client.readResource({ uri: `mtslink://events/${id}` })).rejects.toThrow(
        /eventId/,
      );
      expect(h.sandbox.requests.length - mark, id).toBe(0);
    }
  });
});

describe('period attendance export (mtslink://attendance/{rows}.{format}{?from,to})', () => {
  const readCsv = async (uri: string) => {
    const res = await h.client.readResource({ uri });
    const first = res.contents[0] as { text: string; mimeType?: string };
    expect(first.mimeType).toBe('text/csv; charset=utf-8');
    return first.text.split('\r\n').filter(Boolean);
  };

  it('reads with from only, and with from and to in either order', async () => {
    const fromOnly = await readCsv('mtslink://attendance/sessions.csv?from=2026-01-01');
    expect(fromOnly[0]).toContain('Начало сессии;Сессия;ID сессии');
    expect(fromOnly.length).toBeGreaterThan(1);
    const both = await readCsv('mtslink://attendance/sessions.csv?from=2026-01-01&to=2030-01-01');
    const reversed = await readCsv(
      'mtslink://attendance/sessions.csv?to=2030-01-01T00:00:00%2B03:00&from=2026-01-01',
    );
    expect(both).toEqual(fromOnly);
    expect(reversed).toEqual(fromOnly);
  });

  it('without a period says what to give, not "resource not found"', async () => {
    for (const uri of [
      'mtslink://attendance/sessions.csv',
      'mtslink://attendance/participants.xlsx?to=2026-06-01',
    ]) {
      await expect(h.client.readResource({ uri })).rejects.toThrow(/from/);
      await expect(h.client.readResource({ uri })).rejects.not.toThrow(/not found/i);
    }
  });
});
