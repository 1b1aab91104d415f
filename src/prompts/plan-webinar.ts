import { z } from 'zod';
import { definePrompt } from './define.js';

export const planWebinar = definePrompt({
  name: 'plan_webinar',
  title: 'Plan a webinar',
  description: 'Turn a topic, a date and an audience into a scheduled webinar with registrations.',
  args: z.object({
    topic: z.string().min(1).max(500).describe('What the webinar is about.'),
    date: z
      .string()
      .min(1)
      .max(100)
      .describe('When, in words or ISO 8601, e.g. "next Tuesday 11:00 Moscow".'),
    audience: z
      .string()
      .max(2000)
      .optional()
      .describe('Who should come; e-mails or a CSV if known.'),
  }),
  render: ({ topic, date, audience }) =>
    [
      `Plan and schedule a webinar on MTS Link.`,
      `Topic: ${topic}`,
      `When: ${date}`,
      audience
        ? `Audience: ${audience}`
        : 'Audience: not given; ask the user who should be invited.',
      '',
      'Steps:',
      '1. Turn the date into ISO 8601 with the right IANA time zone (default Europe/Moscow). If the day or hour is ambiguous, ask.',
      '2. Draft a title, a two-sentence description and a duration; show them to the user.',
      '3. Call `schedule_webinar` with them (and the people, if the audience is a list of e-mails): it creates the event and its session and returns the links.',
      '4. To add more people later call `register_participants` with the eventSessionId.',
      '5. Report the event link, the session id and, per person, the personal links or why someone was rejected.',
    ].join('\n'),
});
