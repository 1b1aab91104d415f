// summarize_attendance: the report a host wants after a webinar, for one session, one event or
// a period. A workflow tool: it makes the calls itself (fetch.ts, streaming the people list into
// a tally), aggregates (compute.ts) and answers with Markdown in the report's language, a chart
// image (chart.ts) and structuredContent (schema.ts).
import { z } from 'zod';
import { defineWorkflow } from '../tools/define.js';
import * as f from '../tools/fields.js';
import { EXTRA_CONTENT, type ExtraBlock } from '../tools/result.js';
import { chartOf, renderPng, CHART_HEIGHT, CHART_WIDTH } from './attendance/chart.js';
import { buildReport, fitToBudget } from './attendance/compute.js';
import { collect } from './attendance/fetch.js';
import { renderReport } from './attendance/markdown.js';
import { reportOutput } from './attendance/schema.js';

/**
 * What the image costs the model, in result characters: Anthropic counts an image at about
 * width × height / 750 tokens (≈ 430 here), about 3 characters a token for this text.
 */
const IMAGE_CHARS = Math.ceil((CHART_WIDTH * CHART_HEIGHT) / 750) * 3;

export const summarizeAttendance = defineWorkflow({
  name: 'summarize_attendance',
  title: 'Summarize attendance',
  description:
    'Attendance report of a finished session, an event or a period, with a chart: people registered/came/no-shows, per session, watch time, peak, most engaged, questions, chat, polls, tests.',
  uses: [
    'list_session_stats',
    'get_event_session',
    'get_event',
    'list_participant_stats',
    'list_questions',
    'list_attached_files',
    'get_test',
    'get_test_results',
  ],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  input: z.object({
    eventSessionId: f.eventSessionId.optional().describe('This session.'),
    eventId: f.eventId.optional().describe('All finished sessions of this event.'),
    from: f.periodFrom.optional(),
    to: f.periodTo.optional().describe('To (default from + 1 year).'),
    lang: z.enum(['ru', 'en']).optional().describe("Report language (default: the event's)."),
    attendees: z
      .number()
      .int()
      .min(0)
      .max(500)
      .optional()
      .describe('List this many people who came (default 0).'),
    chart: z
      .enum(['png', 'svg', 'none'])
      .optional()
      .describe('Chart image: png (default), svg where the client shows it, none.'),
  }),
  output: reportOutput,
  run: async (input, ctx) => {
    const collected = await collect(input, ctx, {
      topParticipants: 10,
      noShowNames: 20,
      attendees: input.attendees ?? 0,
    });
    const report = buildReport(collected, { unansweredQuestions: 5 });
    const format = input.chart ?? 'png';
    const chart = format === 'none' ? undefined : chartOf(report);
    if (!chart) return fitToBudget(report, 0);
    const bytes = format === 'png' ? await renderPng(chart.svg) : Buffer.from(chart.svg);
    const block: ExtraBlock = {
      type: 'image',
      data: Buffer.from(bytes).toString('base64'),
      mimeType: format === 'png' ? 'image/png' : 'image/svg+xml',
    };
    report.chart = {
      kind: chart.kind,
      format: format === 'png' ? 'png' : 'svg',
      bytes: bytes.length,
    };
    return Object.assign(fitToBudget(report, IMAGE_CHARS), { [EXTRA_CONTENT]: [block] });
  },
  render: renderReport,
});
