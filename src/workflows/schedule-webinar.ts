// schedule_webinar: the main scheduling job in one call: the event, its one session (same
// start, zone, duration and access) and, optionally, the registrations; answers with the stored
// start read back from the API, the link to share and what was e-mailed. The time is planned
// once (tools/event-time.ts) and the registrations run through register_participants' own
// definition (callTool: the same validation as a client's call), so there is no second copy of
// either.
import { z } from 'zod';
import { defineWorkflow, toolNamed, type Params, type ToolContext } from '../tools/define.js';
import { PartialError } from '../tools/errors.js';
import { commonEventInput, eventParams } from '../tools/event-params.js';
import { readEvent } from '../tools/event-read.js';
import { storedStart } from '../tools/event-result.js';
import { planEventTime } from '../tools/event-time.js';
import { callTool } from '../tools/execute.js';
import { rows, type Row } from '../tools/rows.js';
import { person, registrationTools } from './register-participants.js';

const registerMany = toolNamed(registrationTools, 'register_participants');
const csv = registerMany.input.shape.csv;
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

const post = async (ctx: ToolContext, path: string, params: Params) =>
  (await ctx.client.request<Row>({ method: 'POST', path, params, signal: ctx.signal })).data ?? {};

/** The access settings as stored, in words. */
function accessText(view: Row): string | undefined {
  const a = view.accessSettings as Row | undefined;
  if (!a) return undefined;
  const on = (v: unknown) => v === true || v === 1 || v === '1';
  return [
    on(a.isRegistrationRequired) ? 'registration required' : 'open entry, no registration',
    on(a.isModerationRequired) ? 'hosts approve registrations' : undefined,
    on(a.isPasswordRequired) ? 'password' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

export const scheduleWebinar = defineWorkflow({
  name: 'schedule_webinar',
  title: 'Schedule webinar',
  description:
    'One-off webinar in one call: event, session, registrations; returns ids, stored start, link to share.',
  // E1 and E6 with one planned time (as create_event, create_event_session), the bulk
  // registration, then E9 to read back what was stored.
  uses: ['create_event', 'create_event_session', registerMany.name, 'get_event'],
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
    lang: commonEventInput.lang.describe('Page language (default RU).'),
    durationMinutes: commonEventInput.durationMinutes,
    registrationRequired: commonEventInput.registrationRequired,
    moderationRequired: commonEventInput.moderationRequired,
    password: commonEventInput.password.describe('Entry password.'),
    formFields: z
      .array(z.string().min(1).max(255))
      .max(30)
      .optional()
      .describe('Extra registration questions.'),
    people: people.optional().describe('People to register.'),
    csv: csv.optional().describe('Or pasted CSV or e-mail list.'),
    sendEmail: z.boolean().optional().describe('E-mail personal links (default true).'),
  }),
  run: async (input, ctx) => {
    const { people: list, csv: text, sendEmail, formFields, ...event } = input;
    // Optional to answer, so that people imported without these answers still register.
    const additionalFields = formFields?.map((label) => ({
      label,
      type: 'text',
      isRequired: false,
    }));
    const plan = await planEventTime(event, ctx, { past: 'refuse' });
    const settings = { ...eventParams(event, { accessDefaults: true }), ...plan.params };
    const done: string[] = [];
    const created = await post(ctx, '/events', { ...settings, additionalFields });
    const eventId = Number(created.eventId);
    done.push(`event ${eventId} was created (create_event_session can add its session)`);
    // The session gets the same start, zone, duration and access, so the two never disagree.
    const session = await step(done, () => post(ctx, `/events/${eventId}/sessions`, settings));
    const eventSessionId = Number(session.eventSessionId);
    done.push(`session ${eventSessionId} was created`);
    const registration =
      list || text
        ? await step(done, () =>
            callTool(registerMany, { eventSessionId, people: list, csv: text, sendEmail }, ctx),
          )
        : undefined;
    const stored = await readEvent(ctx, eventId).then(
      async (view) => {
        const own = rows(view.eventSessions).find((s) => Number(s.id) === eventSessionId) ?? view;
        // The registration form as stored: what people will be asked (and what CSV columns answer).
        const form = rows(view.additionalFields ?? own.additionalFields).map((f) => f.label);
        return {
          ...(await storedStart(ctx, own, 'session', plan, event.durationMinutes)),
          access: accessText(own),
          form: form.length ? form : undefined,
        };
      },
      (err: unknown) => ({ readBack: `created, but reading it back failed (${String(err)})` }),
    );
    return {
      eventId,
      eventSessionId,
      ...stored,
      notes: plan.notes,
      link: created.link,
      attendees:
        'share link: the webinar page, where people register and enter' +
        (registration
          ? '; those registered here get personal links by e-mail unless sendEmail is false (they are in the account below)'
          : ''),
      registration,
      next: registration
        ? undefined
        : 'Register people with register_participants (eventSessionId above).',
    };
  },
});
