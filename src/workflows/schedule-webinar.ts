// schedule_webinar: the main scheduling job in one call: the event, its one session and,
// optionally, the registrations, with the links. Each step is an existing tool definition run
// through executeTool, so there is no second copy of their wire logic.
import { z } from 'zod';
import { defineTool, type Params, type ToolContext, type ToolDef } from '../tools/define.js';
import { PartialError } from '../tools/errors.js';
import { commonEventInput } from '../tools/event-params.js';
import { eventsTools } from '../tools/events.js';
import { executeTool } from '../tools/execute.js';
import { person, registrationTools } from './register-participants.js';

const tool = (defs: ToolDef[], name: string) => {
  const def = defs.find((d) => d.name === name);
  if (!def) throw new Error(`schedule_webinar needs ${name}`);
  return def;
};
const createEvent = tool(eventsTools, 'create_event');
const createSession = tool(eventsTools, 'create_event_session');
const registerMany = tool(registrationTools, 'register_participants');
const csv = registerMany.input.shape.csv as z.ZodType;
/** The rows of register_participants (roles aside): checked per row against the session's form. */
const people = z.array(person.omit({ role: true })).max(10_000);

async function step<T>(done: string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!done.length) throw err;
    throw new PartialError(done.join('; '), err);
  }
}

export const scheduleWebinar = defineTool({
  name: 'schedule_webinar',
  title: 'Schedule webinar',
  description:
    'Schedule a one-off webinar in one call: event, session and optional registrations. Returns ids, links and the per-person account.',
  method: 'POST',
  path: '(workflow: create_event, create_event_session, register_participants)',
  input: z.object({
    name: commonEventInput.name,
    description: commonEventInput.description,
    startsAt: commonEventInput.startsAt.unwrap(),
    timezone: commonEventInput.timezone,
    durationMinutes: commonEventInput.durationMinutes,
    password: commonEventInput.password,
    people: people.optional().describe('People to register.'),
    csv: csv.optional().describe('Or pasted CSV or e-mail list.'),
    sendEmail: z
      .boolean()
      .optional()
      .describe('Platform e-mails the personal links (default true).'),
  }),
  run: async (input, ctx: ToolContext) => {
    const { people: list, csv: text, sendEmail, ...event } = input as Params;
    const done: string[] = [];
    const created = (await executeTool(createEvent, event, ctx)) as {
      eventId: number;
      link?: string;
    };
    done.push(`event ${created.eventId} was created (create_event_session can add its session)`);
    const session = (await step(done, () =>
      executeTool(
        createSession,
        { eventId: created.eventId, startsAt: event.startsAt, timezone: event.timezone },
        ctx,
      ),
    )) as { eventSessionId: number; link?: string };
    done.push(`session ${session.eventSessionId} was created`);
    const registration =
      list || text
        ? await step(done, () =>
            executeTool(
              registerMany,
              { eventSessionId: session.eventSessionId, people: list, csv: text, sendEmail },
              ctx,
            ),
          )
        : undefined;
    return {
      eventId: created.eventId,
      eventSessionId: session.eventSessionId,
      link: created.link,
      sessionLink: session.link,
      registration,
      next: registration
        ? undefined
        : 'Register people with register_participants (eventSessionId above).',
    };
  },
});
