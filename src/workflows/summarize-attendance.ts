// summarize_attendance: the report a host wants after a webinar, for one session, one event or
// a period. A workflow tool: it makes the calls itself (fetch.ts), aggregates (compute.ts) and
// answers with Markdown plus structuredContent (schema.ts).
import { z } from 'zod';
import { defineWorkflow } from '../tools/define.js';
import * as f from '../tools/fields.js';
import { buildReport } from './attendance/compute.js';
import { collect } from './attendance/fetch.js';
import { renderReport } from './attendance/markdown.js';
import { reportOutput } from './attendance/schema.js';

export const summarizeAttendance = defineWorkflow({
  name: 'summarize_attendance',
  title: 'Summarize attendance',
  description:
    'Attendance report for a finished session, an event or a period: registered vs attended, no-shows, watch time, drop-off, platforms, countries, most engaged, questions, chat, tests.',
  uses: [
    'list_session_stats',
    'get_event_session',
    'get_event',
    'list_participant_stats',
    'list_questions',
    'list_attached_files',
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
    from: f.dateTime('Or a period from (ISO 8601).').optional(),
    to: f.dateTime('End of the period (default: from + 1 year).').optional(),
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
  render: renderReport,
});
