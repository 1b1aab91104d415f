// schedule_webinar: the main scheduling job in one call: the event, its one session and,
// optionally, the registrations, with the links. Each step is an existing tool definition run
// through callTool (the same validation as a client's call), so there is no second copy of
// their wire logic.
import { z } from 'zod';
import { defineWorkflow, toolNamed } from '../tools/define.js';
import { PartialError } from '../tools/errors.js';
import { commonEventInput } from '../tools/event-params.js';
import { eventsTools } from '../tools/events.js';
import { callTool } from '../tools/execute.js';
import { person, registrationTools } from './register-participants.js';

const createEvent = toolNamed(eventsTools, 'create_event');
const createSession = toolNamed(eventsTools, 'create_event_session');
const registerMany = toolNamed(registrationTools, 'register_participants');
const csv = registerMany.input.shape.csv;
/** What E1 and E6 answer (the API's own shape: these tools pass it through unshaped). */
const created = z.looseObject({ eventId: z.number(), link: z.string().optional() });
const createdSession = z.looseObject({ eventSessionId: z.number(), link: z.string().optional() });
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

export const scheduleWebinar = defineWorkflow({
  name: 'schedule_webinar',
  title: 'Schedule webinar',
  description:
    'Schedule a one-off webinar in one call: event, session and optional registrations. Returns ids, links and the per-person account.',
  uses: [createEvent.name, createSession.name, registerMany.name],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
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
  run: async (input, ctx) => {
    const { people: list, csv: text, sendEmail, ...event } = input;
    const done: string[] = [];
    const ev = created.parse(await callTool(createEvent, event, ctx));
    done.push(`event ${ev.eventId} was created (create_event_session can add its session)`);
    const session = await step(done, async () =>
      createdSession.parse(
        await callTool(
          createSession,
          { eventId: ev.eventId, startsAt: event.startsAt, timezone: event.timezone },
          ctx,
        ),
      ),
    );
    done.push(`session ${session.eventSessionId} was created`);
    const registration =
      list || text
        ? await step(done, () =>
            callTool(
              registerMany,
              { eventSessionId: session.eventSessionId, people: list, csv: text, sendEmail },
              ctx,
            ),
          )
        : undefined;
    return {
      eventId: ev.eventId,
      eventSessionId: session.eventSessionId,
      link: ev.link,
      sessionLink: session.link,
      registration,
      next: registration
        ? undefined
        : 'Register people with register_participants (eventSessionId above).',
    };
  },
});
