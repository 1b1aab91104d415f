// register_participants at the API's pace (issue 16.5): through a real MCP client against the
// sandbox. A slow API gets as many invites in flight as its latency needs; a batch still turned
// away with 429 after the client's retries goes back in the queue whole instead of being sent
// again one person at a time.
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const NEXT_WEEK = '2037-12-08T11:00:00+03:00';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function session(harness: Harness) {
  const event = await harness.call('create_event', { name: 'Pace', startsAt: NEXT_WEEK });
  const s = await harness.call('create_event_session', { eventId: event.json.eventId });
  return s.json.eventSessionId as number;
}

const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.com`, name: `N${i}` }));
const isInvite = (r: RequestRecord) => r.path.endsWith('/invite');

describe('register_participants at the API pace', () => {
  it('keeps as many invites in flight as a slow API needs, not a fixed few', async () => {
    // Each answer is noted as it leaves the sandbox: how many invites were open at that moment.
    let mostOpen = 0;
    const harness = await createHarness({
      sandboxOptions: {
        log: () => {
          const open = (harness?.sandbox.requests ?? []).filter(
            (r) => isInvite(r) && r.status === 0,
          ).length;
          mostOpen = Math.max(mostOpen, open + 1); // + the one answering now
        },
      },
    });
    h = harness;
    const sessionId = await session(harness);
    harness.sandbox.knobs.latencyMs = 300;
    const res = await harness.call('register_participants', {
      eventSessionId: sessionId,
      people: people(600, 'slow'),
    });
    harness.sandbox.knobs.latencyMs = 0;
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toMatchObject({ registered: 600, failed: 0 });
    // 12 batches, the client's limit far away (1000/s): all of them wait on the API together.
    expect(mostOpen).toBeGreaterThanOrEqual(10);
  });

  it('sends a batch the API keeps turning away with 429 again whole, later', async () => {
    h = await createHarness({ api: { maxRetries: 0 } });
    const sessionId = await session(h);
    const invite = { method: 'POST', pathPrefix: `/eventsessions/${sessionId}/invite` };
    h.sandbox.injectFaults([{ ...invite, kind: '429', retryAfter: 0, times: 2 }]);
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(150, 'busy'),
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toMatchObject({ registered: 150, failed: 0 });
    const sent = h.requestsSince(mark);
    expect(sent.filter(isInvite).map((r) => r.status)).toEqual([429, 429, 201, 201, 201]);
    expect(sent.filter((r) => r.path.endsWith('/register'))).toEqual([]);
  });
});
