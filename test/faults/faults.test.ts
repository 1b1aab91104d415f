// Faults on reads, writes and bulk registration, injected by the sandbox. For each: a clear
// isError result or success after retries, and the sandbox's final state shows nothing lost or
// duplicated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind, QueuedFault } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  // A short client timeout so that stalls fail fast; stalls hold the request much longer.
  h = await createHarness({ api: { timeoutMs: 400 }, sandboxOptions: { stallMs: 5_000 } });
});
afterAll(async () => {
  await h.close();
});

const KINDS: [FaultKind, Partial<QueuedFault>][] = [
  ['429', { retryAfter: 0 }],
  ['429', { retryAfter: null }],
  ['500', {}],
  ['502', {}],
  ['503', {}],
  ['reset', {}],
  ['stall', {}],
  ['truncated', {}],
  ['nonjson', {}],
];
const label = ([kind, extra]: (typeof KINDS)[number]) =>
  kind === '429' ? `429 ${extra.retryAfter === null ? 'without' : 'with'} Retry-After` : kind;

const eventsNamed = (name: string) =>
  [...h.sandbox.state.events.values()].filter((e) => e.name === name && !e.deleted);

describe('reads are retried through every fault', () => {
  it.each(KINDS.map((k) => [label(k), k] as const))('%s', async (_label, [kind, extra]) => {
    h.sandbox.injectFaults([{ kind, ...extra, pathPrefix: '/organization/events/schedule' }]);
    const res = await h.call('list_events', { perPage: 10 });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items).toHaveLength(10);
  });
});

describe('a non-idempotent write is never sent twice', () => {
  it.each(KINDS.map((k) => [label(k), k] as const))('%s', async (name, [kind, extra]) => {
    const title = `Fault write ${name}`;
    // Faults that answer after the state changed are the trap: a blind retry would duplicate.
    const afterApply = kind === 'truncated' || kind === 'nonjson';
    h.sandbox.injectFaults([{ kind, ...extra, method: 'POST', pathPrefix: '/events', afterApply }]);
    const res = await h.call('create_event', { name: title, startsAt: '2037-12-08T11:00' });
    const created = eventsNamed(title);
    if (kind === '429') {
      // 429 means "not done": retried, and done exactly once.
      expect(res.isError, res.text).toBe(false);
      expect(created).toHaveLength(1);
      return;
    }
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/not idempotent, so check whether it took effect/);
    expect(created).toHaveLength(afterApply ? 1 : 0);
  });
});

describe('bulk registration survives faults with nobody lost or duplicated', () => {
  it('registers 300 people exactly once through a mix of faults', async () => {
    const session = await h.call('schedule_webinar', {
      name: 'Fault bulk',
      startsAt: '2037-12-08T11:00',
    });
    const eventSessionId = session.json.eventSessionId as number;
    const people = Array.from({ length: 300 }, (_, i) => ({ email: `fault${i}@example.com` }));
    h.sandbox.injectFaults(
      KINDS.map(([kind, extra]) => ({
        kind,
        ...extra,
        method: 'POST',
        pathPrefix: `/eventsessions/${eventSessionId}/invite`,
        afterApply: kind === 'truncated' || kind === 'nonjson',
      })),
    );
    const res = await h.call('register_participants', { eventSessionId, people, waitSeconds: 60 });
    expect(res.isError, res.text).toBe(false);
    const counts = res.json.counts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(300);
    expect((counts.registered ?? 0) + (counts.alreadyRegistered ?? 0)).toBe(300);
    const emails = [...h.sandbox.state.participations.values()]
      .filter((p) => p.eventSessionId === eventSessionId)
      .map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toHaveLength(300);
  });
});

describe('a refusal that repeats is never called temporary', () => {
  it('413 says to send less, not that a retry is safe', async () => {
    h.sandbox.injectFaults([{ kind: '413', method: 'POST', pathPrefix: '/events' }]);
    const res = await h.call('create_event', { name: 'Too large', startsAt: '2037-12-08T11:00' });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/too large for the API: send fewer items/);
    expect(res.text).not.toMatch(/Temporary failure|safe to retry/);
    expect(eventsNamed('Too large')).toHaveLength(0);
  });
});
