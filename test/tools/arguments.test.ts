// The one validating entry as a client meets it: unknown arguments refused with the closest valid
// one named, nothing sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function refused(tool: string, args: Record<string, unknown>) {
  const mark = h.sandbox.requests.length;
  const res = await h.call(tool, args);
  expect(res.isError, res.text).toBe(true);
  expect(h.sandbox.requests.length - mark, 'requests sent').toBe(0);
  return res.text;
}

describe('unknown arguments', () => {
  it.each([
    ['list_events', { title: 'Webinar' }, 'title', 'name'], // a synonym the description uses
    ['get_event', { eventID: 1 }, 'eventID', 'eventId'], // case
    ['get_event_session', { event_session_id: 1 }, 'event_session_id', 'eventSessionId'],
    ['list_participants', { sessionId: 1 }, 'sessionId', 'eventSessionId'], // a shorter form
    [
      'create_event',
      { name: 'x', startsAt: '2030-01-01T10:00:00Z', timeZone: 'UTC' },
      'timeZone',
      'timezone',
    ],
  ])('%s %j: names %s and suggests %s', async (tool, args, bad, good) => {
    const text = await refused(tool, args);
    expect(text).toContain(`unknown argument \`${bad}\`; did you mean \`${good}\`?`);
    expect(text).toMatch(/Nothing was sent/);
  });

  it('lists the valid arguments when nothing is close, and names every unknown one', async () => {
    const text = await refused('get_event', { eventId: 1, colour: 'red', flavour: 'mint' });
    expect(text).toContain('`colour`');
    expect(text).toContain('`flavour`');
    expect(text).toContain('this tool takes: eventId');
  });

  it('confirm is an argument only of the tools that confirm', async () => {
    expect(await refused('list_events', { confirm: true })).toContain('`confirm`');
    const res = await h.call('delete_event', { eventId: 999_999_999, confirm: true });
    expect(res.text).not.toContain('unknown argument');
  });

  it('a call without unknown arguments still runs', async () => {
    const res = await h.call('list_events', { name: 'no such webinar title' });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items).toEqual([]);
  });
});
