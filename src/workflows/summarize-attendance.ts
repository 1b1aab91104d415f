// summarize_attendance: the report a host wants after a webinar, for one session, one event or
// a period. A workflow tool: it makes the calls itself (fetch.ts), aggregates (compute.ts) and
// answers with Markdown plus structuredContent (schema.ts).
import { z } from 'zod';
import { defineTool } from '../tools/define.js';
import * as f from '../tools/fields.js';
import { buildReport } from './attendance/compute.js';
import { collect } from './attendance/fetch.js';
import { renderReport } from './attendance/markdown.js';
import { reportOutput, type Report } from './attendance/schema.js';

export const summarizeAttendance = defineTool({
  name: 'summarize_attendance',
  title: 'Summarize attendance',
  description:
    'Attendance report for a finished session, an event or a period: registered vs attended, no-shows, watch time, drop-off, platforms, countries, most engaged, questions, chat, tests.',
  method: 'GET',
  path: '/stats/users',
  input: z.object({
    eventSessionId: f.eventSessionId.optional().describe('This session.'),
    eventId: f.eventId.optional().describe('All finished sessions of this event.'),
    from: f.periodFrom.optional(),
    to: f.periodTo
      .optional()
      .describe('Period end (default from + 1 year); a date alone includes that day.'),
    topParticipants: z
      .number()
      .int()
      .min(0)
      .max(50)
      .optional()
      .describe('How many most engaged people to list (default 10).'),
    noShowNames: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('How many no-show names to list (default 20).'),
  }),
  output: reportOutput,
  run: async (input, ctx) => {
    const collected = await collect(input, ctx);
    return buildReport(collected, {
      topParticipants: input.topParticipants ?? 10,
      noShowNames: input.noShowNames ?? 20,
      unansweredQuestions: 5,
    });
  },
  render: (data) => renderReport(data as Report),
});
