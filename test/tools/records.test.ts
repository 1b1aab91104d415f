// Records tools through a real MCP client against the sandbox: request, result and error per
// family; conversions advance with the sandbox clock (no sleeps in the test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const HOUR = 3_600_000;
/** The sandbox clock: `step` > 0 advances it on every request (used to wait without sleeping). */
const clock = { now: Date.now(), step: 0 };

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    sandboxOptions: { now: () => (clock.now += clock.step), conversionMs: 3000 },
  });
});
afterAll(async () => {
  await h.close();
});

/** A webinar that ran for `hours` on the sandbox clock. */
async function finishedSession(hours = 1) {
  const event = await h.call('create_event', {
    name: 'Recorded',
    startsAt: new Date(clock.now + HOUR).toISOString(),
  });
  const session = await h.call('create_event_session', { eventId: event.json.eventId });
  const id = session.json.eventSessionId as number;
  await h.call('start_event_session', { eventSessionId: id, confirm: true });
  clock.now += hours * HOUR;
  await h.call('stop_event_session', { eventSessionId: id, confirm: true });
  return id;
}

const lastRequest = (mark: number, method: string) =>
  h.requestsSince(mark).find((r: RequestRecord) => r.method === method);
/** Lets any running conversion finish. */
const settle = () => {
  clock.now += 60_000;
};

describe('list_records', () => {
  it('lists recordings with session ids and pages by offset/limit', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_records', { limit: 5 });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items).toHaveLength(5);
    expect(res.json).toMatchObject({ offset: 0, limit: 5, nextOffset: 5 });
    expect(res.json.items[0]).toMatchObject({
      id: expect.any(Number),
      eventSessionId: expect.any(Number),
      durationSeconds: expect.any(Number),
    });
    const sent = h.requestsSince(mark)[0];
    expect(sent).toMatchObject({ method: 'GET', path: '/records' });
    expect(sent?.query).toMatchObject({ offset: '0', limit: '5' });
    expect(sent?.query.from).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const next = await h.call('list_records', { limit: 5, offset: 5 });
    expect(next.json.items[0].id).not.toBe(res.json.items[0].id);
  });

  it('rejects an invalid date before sending', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('list_records', { from: 'last week' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('from');
    expect(h.requestsSince(mark)).toHaveLength(0);
  });
});

describe('update_record_access / delete_record / share_record', () => {
  it('changes access by recording or by session, and needs exactly one of them', async () => {
    const sessionId = await finishedSession();
    const mark = h.sandbox.requests.length;
    const res = await h.call('update_record_access', {
      eventSessionId: sessionId,
      isViewable: false,
      password: 'secret',
      viewAccess: 'participants',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ ok: true, eventSessionId: sessionId, password: 'set' });
    expect(res.text).not.toContain('secret');
    const put = lastRequest(mark, 'PUT');
    expect(put?.path).toBe(`/eventsessions/${sessionId}/records`);
    expect(put?.body).toEqual({
      isViewable: 'false',
      password: 'secret',
      viewAccess: 'participants',
    });
    const record = [...h.sandbox.state.records.values()].find(
      (r) => r.eventSessionId === sessionId,
    )!;
    expect(record).toMatchObject({ isViewable: false, viewAccess: 'participants' });

    const byId = await h.call('update_record_access', { recordId: record.id, password: '' });
    expect(byId.isError, byId.text).toBe(false);
    expect(record.password).toBe('');

    const before = h.sandbox.requests.length;
    const both = await h.call('update_record_access', {
      recordId: record.id,
      eventSessionId: sessionId,
      isViewable: true,
    });
    expect(both.isError).toBe(true);
    expect(both.text).toContain('only one of recordId, eventSessionId');
    expect(h.requestsSince(before)).toHaveLength(0);

    const missing = await h.call('update_record_access', { recordId: 999_999, isViewable: true });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('404');
    expect(missing.text).toContain('list_records');
  });

  it('deletes and shares only with confirmation', async () => {
    const sessionId = await finishedSession();
    const listed = await h.call('list_records', { limit: 500, to: '2099-01-01' });
    const record = listed.json.items.find(
      (r: { eventSessionId: number }) => r.eventSessionId === sessionId,
    );
    const refused = await h.call('delete_record', { recordId: record.id });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('confirm: true');
    const shared = await h.call('share_record', { recordId: record.id, confirm: true });
    expect(shared.isError, shared.text).toBe(false);
    expect(h.sandbox.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/records/${record.id}/share`,
      status: 204,
    });
    const deleted = await h.call('delete_record', { recordId: record.id, confirm: true });
    expect(deleted.isError, deleted.text).toBe(false);
    const gone = await h.call('share_record', { recordId: record.id, confirm: true });
    expect(gone.isError).toBe(true);
    expect(gone.text).toMatch(/recordId: no recording .*list_records/);
  });

  /** A seeded recording whose session had people who came and people who did not. */
  function seededRecording() {
    for (const r of h.sandbox.state.records.values()) {
      const regs = [...h.sandbox.state.participations.values()].filter(
        (p) => p.eventSessionId === r.eventSessionId,
      );
      const noShows = regs.filter((p) => !p.visited);
      if (!r.deleted && noShows.length > 0 && noShows.length < regs.length) {
        return { record: r, regs, noShows };
      }
    }
    throw new Error('no seeded recording with no-shows');
  }

  it('to: no-shows lists who did not come, with the link, and e-mails nobody', async () => {
    const { record, noShows } = seededRecording();
    const mark = h.sandbox.requests.length;
    const res = await h.call('share_record', { recordId: record.id, to: 'no-shows' });
    expect(res.isError, res.text).toBe(false);
    expect(h.requestsSince(mark).filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(res.json.emailed).toMatch(/^nothing/);
    expect(res.json.noShows).toBe(noShows.length);
    expect(res.json.people.map((p: { email: string }) => p.email).sort()).toEqual(
      noShows.map((p) => p.email).sort(),
    );
    expect(res.json.link).toMatch(/record-new/);
  });

  it('to everyone: the question and the result say who gets it and how many', async () => {
    const { record, regs, noShows } = seededRecording();
    const counts = `${regs.length} people registered: ${regs.length - noShows.length} came, ${noShows.length} did not`;
    const asked: string[] = [];
    const e = await createHarness({ capabilities: { elicitation: {} } });
    try {
      e.client.setRequestHandler('elicitation/create', (req) => {
        asked.push(String(req.params.message));
        return { action: 'accept', content: { confirm: true } };
      });
      const mine = [...e.sandbox.state.records.values()].find((r) => r.id === record.id);
      expect(mine).toBeTruthy();
      const res = await e.call('share_record', { recordId: record.id });
      expect(res.isError, res.text).toBe(false);
      expect(asked[0]).toContain(
        `everyone registered for it (${counts}), including people who came`,
      );
      expect(res.json.emailed).toContain(`to everyone registered (${counts})`);
      expect(e.sandbox.requests.at(-1)).toMatchObject({
        method: 'POST',
        path: `/records/${record.id}/share`,
      });
    } finally {
      await e.close();
    }
  });
});

describe('convert_record / get_conversion / list_converted_records / list_conversions', () => {
  it('queues a conversion that advances with the sandbox clock and ends with a downloadUrl', async () => {
    settle();
    const sessionId = await finishedSession();
    const mark = h.sandbox.requests.length;
    const res = await h.call('convert_record', {
      eventSessionId: sessionId,
      quality: 1080,
      view: 'questions',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ conversionId: expect.any(Number), state: 'waiting' });
    expect(res.json.next).toContain('get_conversion');
    const post = lastRequest(mark, 'POST');
    expect(post?.path).toBe(`/eventsessions/${sessionId}/records/conversions`);
    expect(post?.body).toEqual({ quality: '1080', view: 'questions' });
    const id = res.json.conversionId;

    clock.now += 1800;
    const half = await h.call('get_conversion', { conversionId: id });
    expect(half.json).toMatchObject({ state: 'processing', progress: 50 });
    expect(half.json.downloadUrl).toBeUndefined();
    clock.now += 1200;
    const done = await h.call('get_conversion', { conversionId: id });
    expect(done.json).toMatchObject({ state: 'completed', progress: 100 });
    expect(done.json.downloadUrl).toMatch(/\.mp4$/);
    expect(done.json.next).toContain('downloadUrl');

    const mp4s = await h.call('list_converted_records', { eventSessionId: sessionId });
    expect(mp4s.json.items).toEqual([
      expect.objectContaining({ conversionId: id, state: 'completed', quality: 1080 }),
    ]);
    const jobs = await h.call('list_conversions', { perPage: 10 });
    expect(jobs.json.items.map((j: { conversionId: number }) => j.conversionId)).toContain(id);
    expect(h.sandbox.requests.at(-1)?.query).toMatchObject({ page: '1', perPage: '10' });

    const unknown = await h.call('get_conversion', { conversionId: 1 });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('conversionId (from list_conversions)');
  });

  it('explains the one-conversion rule, whether the API answers 409 or 403', async () => {
    settle();
    const a = await finishedSession();
    const b = await finishedSession();
    const first = await h.call('convert_record', { eventSessionId: a });
    expect(first.isError, first.text).toBe(false);
    const second = await h.call('convert_record', { eventSessionId: b });
    expect(second.isError).toBe(true);
    expect(second.text).toContain('409');
    expect(second.text).toContain('Another conversion');
    expect(second.text).toContain('get_conversion');
    h.sandbox.knobs.conversionConflict = 403;
    try {
      const third = await h.call('convert_record', { eventSessionId: b });
      expect(third.isError).toBe(true);
      expect(third.text).toContain('403');
      expect(third.text).toContain(`Another conversion (conversion ${first.json.conversionId})`);
      expect(third.text).not.toContain('lacks rights');
    } finally {
      h.sandbox.knobs.conversionConflict = 409;
    }
  });

  it('refuses a recording of 24 hours or more with a hint to trim it', async () => {
    settle();
    const long = await finishedSession(25);
    const res = await h.call('convert_record', { eventSessionId: long });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('trim');
    expect(res.text).toContain('Do not retry');
  });

  it('waits within waitSeconds, reporting progress, until the MP4 is done', async () => {
    settle();
    const sessionId = await finishedSession();
    clock.step = 1500; // every request moves the sandbox clock 1.5 s
    try {
      const progress: string[] = [];
      const raw = await h.client.callTool(
        { name: 'convert_record', arguments: { eventSessionId: sessionId, waitSeconds: 20 } },
        { onprogress: (p) => progress.push(String(p.message)) },
      );
      expect(raw.isError).toBeFalsy();
      const text = (raw.content as { text: string }[])[0]!.text;
      const json = JSON.parse(text);
      expect(json).toMatchObject({ state: 'completed', downloadUrl: expect.any(String) });
      expect(json.waitedSeconds).toBeGreaterThanOrEqual(0);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress[0]).toMatch(/^conversion \d+: (waiting|processing)$/);
    } finally {
      clock.step = 0;
    }
  });

  it('needs exactly one of recordId or eventSessionId', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('convert_record', {});
    expect(res.isError).toBe(true);
    expect(res.text).toContain('recordId');
    expect(h.requestsSince(mark)).toHaveLength(0);
  });
});
