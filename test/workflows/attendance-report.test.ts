// The attendance report as a person sees it, through a real MCP client: the chart image (decoded,
// its pixels read back against the report's figures), the report in English, polls as polls and
// the list of people who came on request.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, PLOT } from '../../src/workflows/attendance/chart.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { liveSession, seededSessions } from '../tools/live-session.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** The online area is drawn at 85% opacity over white. */
const AREA = rgb(COLORS.online).map((c) => Math.round(0.85 * c + 0.15 * 255));
const near = (a: number[], b: number[], tolerance = 24) =>
  a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tolerance);

function pixels(data: string) {
  const png = decode(Buffer.from(data, 'base64'));
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * png.channels;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return { png, at };
}

describe('the chart image', () => {
  it('shows the online curve of the 10,000-registration session, read back from its pixels', async () => {
    const { conference } = seededSessions(h);
    const res = await h.call('summarize_attendance', { eventSessionId: conference.id });
    expect(res.isError, res.text).toBe(false);
    const image = (res.raw.content as any[]).find((c) => c.type === 'image');
    expect(image.mimeType).toBe('image/png');
    const bytes = Buffer.from(image.data, 'base64').length;
    expect(bytes).toBeLessThan(100_000);
    const r = res.raw.structuredContent as any;
    expect(r.chart).toEqual({ kind: 'online-by-minute', format: 'png', bytes });
    const { png, at } = pixels(image.data);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);

    // The dashed registrations line gives the scale: its row, left of its label.
    let registeredRow = -1;
    for (let y = PLOT.top; y < PLOT.bottom && registeredRow < 0; y++) {
      for (let x = PLOT.left + 10; x < PLOT.left + 30; x++) {
        if (near(at(x, y), rgb(COLORS.registered), 40)) registeredRow = y;
      }
    }
    expect(registeredRow).toBeGreaterThan(PLOT.top - 1);
    const perPixel = r.registrations.total / (PLOT.bottom - registeredRow);
    // Each sampled minute's column: the top of the area matches the report's figure.
    const online: number[] = r.joinLeave.onlineByMinute;
    const width = (PLOT.right - PLOT.left) / online.length;
    for (const m of [5, 30, 60, 90, online.length - 5]) {
      const x = PLOT.left + (m + 0.5) * width;
      let top = PLOT.bottom;
      for (let y = PLOT.top; y < PLOT.bottom; y++) {
        if (near(at(x, y), AREA)) {
          top = y;
          break;
        }
      }
      const value = (PLOT.bottom - top) * perPixel;
      expect(Math.abs(value - online[m]!), `minute ${m}`).toBeLessThan(2 * perPixel + 1);
    }
    // The peak is marked where the report puts it.
    const peak = r.joinLeave.peak;
    const px = PLOT.left + (peak.minute + 0.5) * width;
    const py = PLOT.bottom - peak.online / perPixel;
    expect(near(at(px, py), rgb(COLORS.peak), 40), 'peak marker').toBe(true);
  });

  it('gives SVG when asked, with the same figures, and attendance per session for a period', async () => {
    const { conference } = seededSessions(h);
    const svg = await h.call('summarize_attendance', {
      eventSessionId: conference.id,
      chart: 'svg',
    });
    const block = (svg.raw.content as any[]).find((c) => c.type === 'image');
    expect(block.mimeType).toBe('image/svg+xml');
    const text = Buffer.from(block.data, 'base64').toString('utf8');
    const r = svg.raw.structuredContent as any;
    expect(text).toContain(`data-registered="${r.registrations.total}"`);
    expect(text).toContain(`data-peak-online="${r.joinLeave.peak.online}"`);

    const series = [...h.sandbox.state.events.values()].find((e) => e.isSeries)!;
    const event = await h.call('summarize_attendance', { eventId: series.id, chart: 'svg' });
    const bars = Buffer.from(
      (event.raw.content as any[]).find((c) => c.type === 'image').data,
      'base64',
    ).toString('utf8');
    for (const s of (event.raw.structuredContent as any).sessions) {
      expect(bars).toContain(`data-session="${s.eventSessionId}" data-attended="${s.attended}"`);
      expect(bars).toContain(
        `data-session="${s.eventSessionId}" data-registered="${s.registered}"`,
      );
    }
    const none = await h.call('summarize_attendance', { eventId: series.id, chart: 'none' });
    // No image: the report's text, then the sandbox's mark.
    expect((none.raw.content as any[]).map((c) => c.text ?? c.type)).toEqual([
      expect.stringMatching(/^# /),
      '[sandbox data]',
    ]);
  });
});

describe('the report in the user’s language and on request', () => {
  it('writes English with decimal points when asked, and lists the people who came', async () => {
    const { conference } = seededSessions(h);
    const res = await h.call('summarize_attendance', {
      eventSessionId: conference.id,
      lang: 'en',
      attendees: 500,
    });
    expect(res.isError, res.text).toBe(false);
    const r = res.raw.structuredContent as any;
    expect(r.lang).toBe('en');
    expect(res.text).toMatch(/^# Attendance report: session «.+» — 17 Nov 2026, 11:02 UTC\+3/);
    expect(res.text).toContain(
      `**10,000 people registered · came ${r.people.attended.toLocaleString('en-GB')} (${r.registrations.attendedPercent}%)`,
    );
    expect(res.text).toMatch(/median \d+\.\d min/);
    // Within the size cap: the list is cut to fit and says so.
    const listed = r.attendees.listed.length;
    expect(listed).toBeGreaterThan(100);
    expect(listed + r.attendees.more).toBe(r.people.attended);
    expect(JSON.stringify(r).length).toBeLessThan(60_000);
    if (listed < 500) expect(r.note).toMatch(/listed \d+ of the people who came/);
    expect(res.text).toContain(`## Who came (${r.people.attended.toLocaleString('en-GB')} people)`);
  });

  it('shows a poll as answers per option, never as passed', async () => {
    const live = await liveSession(h, 'Poll webinar');
    const poll = await h.call('create_test', {
      name: 'Как вам вебинар?',
      questions: [{ text: 'Оценка', answers: [{ text: 'Хорошо' }, { text: 'Плохо' }] }],
    });
    expect(poll.isError, poll.text).toBe(false);
    const got = await h.call('get_test', { testId: poll.json.testId });
    const [good, bad] = got.json.questions[0].answers.map((a: { answerId: number }) => a.answerId);
    const questionId = got.json.questions[0].questionId;
    const started = await h.call('start_test', {
      testId: poll.json.testId,
      eventSessionId: live.sessionId,
    });
    expect(started.isError, started.text).toBe(false);
    const choices = [good, good, bad];
    for (const [i, answer] of choices.entries()) {
      const sent = await h.call('submit_test_answers', {
        testSessionId: started.json.testSessionId,
        email: `voter${i}@example.com`,
        answers: [{ questionId, answerIds: [answer] }],
      });
      expect(sent.isError, sent.text).toBe(false);
    }
    await h.call('stop_event_session', { eventSessionId: live.sessionId, confirm: true });
    const res = await h.call('summarize_attendance', { eventSessionId: live.sessionId });
    expect(res.isError, res.text).toBe(false);
    const r = res.raw.structuredContent as any;
    expect(r.tests).toBeUndefined();
    expect(r.polls).toEqual([
      expect.objectContaining({
        testId: poll.json.testId,
        respondents: 3,
        questions: [
          expect.objectContaining({
            text: 'Оценка',
            answered: 3,
            options: [
              expect.objectContaining({ text: 'Хорошо', count: 2, percent: 66.7 }),
              expect.objectContaining({ text: 'Плохо', count: 1, percent: 33.3 }),
            ],
          }),
        ],
      }),
    ]);
    expect(res.text).toContain(
      '## Опросы\n«Как вам вебинар?»: ответили 3.\n- Оценка: Хорошо — 2 (66,7%) · Плохо — 1 (33,3%)',
    );
    expect(res.text).not.toMatch(/passed|сдали/);
  });
});
