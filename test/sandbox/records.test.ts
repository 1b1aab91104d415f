// Records area routes (R1–R10) with plain fetch: recordings of finished sessions, access,
// conversions on the sandbox clock, the one-running-conversion rule and the 24-hour limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../src/sandbox/index.js';
import { NOW, startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient({ conversionMs: 10_000 });
});
afterAll(async () => {
  await c.sb.close();
});

const HOUR = 3_600_000;

/** A session that ran for `hours` on the sandbox clock; returns its id. */
async function ranSession(hours = 1) {
  const ev = await c.call('POST', '/events', {
    form: {
      name: 'Recorded',
      'accessSettings[isPasswordRequired]': 0,
      'accessSettings[isRegistrationRequired]': 0,
      'accessSettings[isModerationRequired]': 0,
    },
  });
  const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
  const id = s.json.eventSessionId as number;
  expect((await c.call('PUT', `/eventsessions/${id}/start`)).status).toBe(204);
  c.clock.now += hours * HOUR;
  expect((await c.call('PUT', `/eventsessions/${id}/stop`)).status).toBe(204);
  return id;
}

/** Lets any running conversion finish. */
const finishConversions = () => {
  c.clock.now += 60_000;
};

describe('R1 GET /records', () => {
  it('requires from, lists seeded recordings newest first with offset/limit', async () => {
    const missing = await c.call('GET', '/records');
    expect(missing.status).toBe(400);
    expect(missing.json.error.fieldErrors).toEqual({ from: 'ERROR_BLANK' });
    const all = await c.call('GET', '/records?from=2026-01-01+00:00:00&to=2027-01-01&limit=500');
    expect(all.status).toBe(200);
    expect(all.json.length).toBeGreaterThanOrEqual(20);
    const first = all.json[0];
    expect(first).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      link: expect.stringContaining('/record-new/'),
      isViewable: true,
      hasPassword: false,
      size: expect.any(Number),
      createAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    expect(all.json[0].createAt >= all.json[1].createAt).toBe(true);
    const page = await c.call('GET', '/records?from=2026-01-01&to=2027-01-01&offset=2&limit=3');
    expect(page.json.map((r: { id: number }) => r.id)).toEqual(
      all.json.slice(2, 5).map((r: { id: number }) => r.id),
    );
    const bad = await c.call('GET', '/records?from=2026-01-01&to=2027-01-01&limit=501');
    expect(bad.status).toBe(400);
  });

  it('gives a session stopped at run time a recording, and filters by period', async () => {
    const id = await ranSession();
    const today = new Date(c.clock.now).toISOString().slice(0, 10);
    const res = await c.call('GET', `/records?from=${today}&period=day&limit=500`);
    expect(res.json.some((r: { eventSessionId: number }) => r.eventSessionId === id)).toBe(true);
  });
});

describe('R2–R5 access, delete, share', () => {
  it('changes access by record and by session (200, empty body)', async () => {
    const sessionId = await ranSession();
    const byRecord = (
      await c.call('GET', '/records?from=2026-01-01&to=2027-01-01&limit=500')
    ).json.find((r: { eventSessionId: number }) => r.eventSessionId === sessionId);
    const put = await c.call('PUT', `/records/${byRecord.id}`, {
      form: { isViewable: 'false', password: 'secret', viewAccess: 'participants' },
    });
    expect(put.status).toBe(200);
    expect(put.text).toBe('');
    expect(c.sb.state.records.get(byRecord.id)).toMatchObject({
      isViewable: false,
      password: 'secret',
      viewAccess: 'participants',
    });
    const bySession = await c.call('PUT', `/eventsessions/${sessionId}/records`, {
      form: { password: '' },
    });
    expect(bySession.status).toBe(200);
    expect(c.sb.state.records.get(byRecord.id)?.password).toBe('');
    const bad = await c.call('PUT', `/records/${byRecord.id}`, { form: { viewAccess: 'world' } });
    expect(bad.status).toBe(400);
    expect((await c.call('POST', `/records/${byRecord.id}/share`)).status).toBe(204);
    expect((await c.call('DELETE', `/records/${byRecord.id}`)).status).toBe(204);
    expect((await c.call('DELETE', `/records/${byRecord.id}`)).status).toBe(404);
    expect((await c.call('PUT', `/eventsessions/${sessionId}/records`, { form: {} })).status).toBe(
      404,
    );
  });

  it('404s for a session that never ran', async () => {
    const ev = await c.call('POST', '/events', { form: { name: 'Never', access: 1 } });
    const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
    const res = await c.call('POST', `/eventsessions/${s.json.eventSessionId}/records/conversions`);
    expect(res.status).toBe(404);
  });
});

describe('R6–R10 conversions', () => {
  it('advances waiting → processing → completed with the clock and then has a downloadUrl', async () => {
    finishConversions();
    const sessionId = await ranSession();
    const res = await c.call('POST', `/eventsessions/${sessionId}/records/conversions`, {
      form: { quality: 1080, view: 'questions' },
    });
    expect(res.status).toBe(201);
    const id = res.json.id as number;
    expect((await c.call('GET', `/records/conversions/${id}`)).json).toEqual({
      state: 'waiting',
      progress: 0,
    });
    expect((await c.call('GET', `/fileSystem/file/${id}`)).json.downloadUrl).toBeUndefined();
    c.clock.now += 6_000; // 2 s queued + 4 of 8 s processing
    expect((await c.call('GET', `/records/conversions/${id}`)).json).toEqual({
      state: 'processing',
      progress: 50,
    });
    c.clock.now += 4_000;
    expect((await c.call('GET', `/records/conversions/${id}`)).json).toEqual({
      state: 'completed',
      progress: 100,
    });
    const file = await c.call('GET', `/fileSystem/file/${id}`);
    expect(file.json).toMatchObject({ typeFile: 'ConvertedRecord', format: 'mp4' });
    expect(file.json.downloadUrl).toMatch(/^https:\/\/events-storage\.webinar\.ru\/.+1080p\.mp4$/);
    const rows = await c.call('GET', `/eventsessions/${sessionId}/converted-records`);
    expect(rows.json).toEqual([
      expect.objectContaining({ id, state: 'completed', downloadUrl: file.json.downloadUrl }),
    ]);
  });

  it('allows one running conversion per member: 409 by default, 403 with fieldErrors as a knob', async () => {
    finishConversions();
    const a = await ranSession();
    const b = await ranSession();
    const record = (
      await c.call('GET', '/records?from=2026-01-01&to=2027-01-01&limit=500')
    ).json.find((r: { eventSessionId: number }) => r.eventSessionId === b);
    const first = await c.call('POST', `/records/${record.id}/conversions`);
    expect(first.status).toBe(200); // R6 answers 200 as in the docs' example
    const second = await c.call('POST', `/eventsessions/${a}/records/conversions`);
    expect(second.status).toBe(409);
    expect(second.json.error.message).toMatch(/already running/);
    c.sb.knobs.conversionConflict = 403;
    const third = await c.call('POST', `/eventsessions/${a}/records/conversions`, {
      json: { quality: 720 },
    });
    expect(third.status).toBe(403);
    expect(third.json.error.message).toMatch(/simultaneous/i);
    expect(third.json.error.fieldErrors).toEqual({
      currentConversionID: first.json.id,
      recordFileId: record.id,
    });
    c.sb.knobs.conversionConflict = 409;
    finishConversions();
    expect((await c.call('POST', `/eventsessions/${a}/records/conversions`)).status).toBe(201);
  });

  it('refuses recordings of 24 hours or more and bad parameters', async () => {
    finishConversions();
    const long = await ranSession(25);
    const res = await c.call('POST', `/eventsessions/${long}/records/conversions`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/24 hours/);
    const short = await ranSession();
    const bad = await c.call('POST', `/eventsessions/${short}/records/conversions`, {
      form: { quality: 480 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors).toHaveProperty('quality');
    expect((await c.call('GET', '/records/conversions/1')).status).toBe(404);
  });

  it('lists conversion jobs wrapped in data.items, finished only on request', async () => {
    finishConversions();
    const s = await ranSession();
    const running = await c.call('POST', `/eventsessions/${s}/records/conversions`);
    const all = await c.call('GET', '/converted-records?perPage=100');
    expect(all.status).toBe(200);
    const ids = all.json.data.items.map((r: { id: number }) => r.id);
    expect(ids).toContain(running.json.id);
    const done = await c.call('GET', '/converted-records?perPage=100&isUncompleted=false');
    const states = done.json.data.items.map((r: { state: string }) => r.state);
    expect(states.every((st: string) => st === 'completed')).toBe(true);
    expect(done.json.data.items.map((r: { id: number }) => r.id)).not.toContain(running.json.id);
    expect((await c.call('GET', '/converted-records?perPage=7')).status).toBe(400);
  });

  it('seeds finished MP4s for the latest recordings', async () => {
    const fresh = await startClient();
    try {
      const res = await fresh.call('GET', '/converted-records?from=2025-01-01&perPage=100');
      expect(res.json.data.items.length).toBeGreaterThanOrEqual(2);
      expect(res.json.data.items[0]).toMatchObject({
        state: 'completed',
        downloadUrl: expect.any(String),
      });
      expect(fresh.clock.now).toBe(NOW);
    } finally {
      await fresh.sb.close();
    }
  });
});

describe('--conversion-ms', () => {
  it('sets the conversion duration knob and rejects bad values', () => {
    expect(parseSandboxArgs(['--conversion-ms', '500'])).toEqual({ conversionMs: 500 });
    expect(() => parseSandboxArgs(['--conversion-ms', 'soon'])).toThrow(/--conversion-ms/);
    expect(parseSandboxArgs(['--min-session-minutes', '0'])).toEqual({ minSessionMinutes: 0 });
    expect(() => parseSandboxArgs(['--min-session-minutes', '-1'])).toThrow(
      /--min-session-minutes/,
    );
  });
});
