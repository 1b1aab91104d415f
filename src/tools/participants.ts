// Participants area (reference §4, P1–P10): register one person, list registrations with
// attendance, and moderate, re-role, kick or delete them. Bulk lists go to register_participants.
import { z } from 'zod';
import { defineTool, type ToolContext } from './define.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { apiPaging } from './paging.js';
import {
  describeFields,
  formFields,
  personInput,
  role,
  wholeEventProblem,
} from './participant-input.js';
import { namedValuesOf, PersonReader } from './person-row.js';
import { PARTICIPANT_DATA_NOTE, untrusted, untrustedName } from './untrusted.js';
import { people } from './subjects.js';
import { type Row } from './rows.js';

/** P1/P2 and P5/P6: the same operation on a session or on a whole series. */
const REGISTER_PATHS = {
  eventSessionId: '/eventsessions/{eventSessionId}/register',
  eventId: '/events/{eventId}/register',
};
const LIST_PATHS = {
  eventSessionId: '/eventsessions/{eventSessionId}/participations',
  eventId: '/events/{eventId}/participations',
};
const paging = apiPaging([10, 50, 100, 250, 500], 50);

const participationIds = z
  .array(z.number().int().min(1).max(f.MAX_ID))
  .min(1)
  .max(500)
  .describe('Registration ids (participationId / id) from list_participants.');

const registerInput = z.object({
  eventSessionId: f.eventSessionId.optional(),
  eventId: f.eventId.optional().describe('Or the whole series (list_events).'),
  ...personInput,
});

/**
 * P1/P2 after the event's form was read: the person is checked exactly as a bulk row is
 * (person-row.ts), answers by label, key or meaning become keys, and a missing required answer
 * is refused before anything is sent, with the whole form named.
 */
async function registerOne(input: z.output<typeof registerInput>, ctx: ToolContext) {
  const target =
    input.eventSessionId !== undefined
      ? { eventSessionId: input.eventSessionId }
      : { eventId: input.eventId };
  if (input.eventSessionId !== undefined && input.eventId !== undefined) {
    throw new InputError('eventId', 'give eventSessionId or eventId, not both');
  }
  if (target.eventId === undefined && target.eventSessionId === undefined) {
    throw new InputError('eventSessionId', 'required (or give eventId for a whole series)');
  }
  const { fields, moderated, data } = await formFields(ctx, target);
  const whole = target.eventId && wholeEventProblem(target.eventId, data);
  if (whole) throw new InputError('eventId', whole);
  const reader = new PersonReader(fields);
  const read = reader.read(namedValuesOf(input));
  const form = `the form has ${describeFields(fields)}`;
  const [unknown] = reader.ignored;
  if (unknown !== undefined) {
    throw new InputError('fields', `no registration field "${unknown}" here; ${form}`);
  }
  if (!read.ok) {
    const arg = read.problem.includes('e-mail')
      ? 'email'
      : read.problem.startsWith('unknown role')
        ? 'role'
        : 'fields';
    throw new InputError(arg, `${read.reason}; ${form}`);
  }
  const path = target.eventSessionId ? REGISTER_PATHS.eventSessionId : REGISTER_PATHS.eventId;
  const res = await ctx.client.request({
    method: 'POST',
    path,
    params: {
      ...target,
      ...read.person,
      isAutoEnter: input.isAutoEnter,
      sendEmail: input.sendEmail,
    },
    signal: ctx.signal,
  });
  const d = (res.data ?? {}) as Row;
  return {
    participationId: d.participationId,
    link: d.link,
    contactId: d.contactId,
    changed: read.changes,
    notSent: read.dropped.length
      ? 'phone: the API takes no phone at registration and the form has no phone field'
      : undefined,
    participantData: read.changes.length ? PARTICIPANT_DATA_NOTE : undefined,
    awaitingApproval: moderated || undefined,
    next: moderated
      ? "Moderation is on: the person waits for a host's approval before entering. Approve with moderate_participants (the event's id and this participationId) or in the MTS Link web interface."
      : undefined,
  };
}

const answersOf = (list: unknown) =>
  Array.isArray(list)
    ? list.map((a: Row) => ({ label: a.label, value: untrusted(a.value) }))
    : undefined;

const pickParticipant = (p: Row) => ({
  id: p.id,
  // The platform user behind the registration: chat and question tools act as them with it.
  userId: p.userId,
  name: untrustedName(p.name, p.secondName),
  email: p.email,
  role: p.role,
  eventSessionId: p.eventSessionId,
  // 1 = allowed in, 0 = waiting for a host's approval (or kicked).
  approved: p.isAccepted === undefined ? undefined : p.isAccepted === 1 || p.isAccepted === true,
  visited: p.visited,
  online: p.isOnline === undefined ? undefined : String(p.isOnline) === '1',
  registerDate: p.registerDate,
  answers: answersOf(p.additionalFieldValues),
});

const listShape = (data: unknown, input: { page?: number; perPage?: number }) => {
  const page = paging.pageOf(data, input, pickParticipant);
  return page.items.length ? { ...page, participantData: PARTICIPANT_DATA_NOTE } : page;
};

/** `{"count": N}`, plus a note when fewer registrations changed than were named. */
const countShape = (data: unknown, input: { participationIds: number[] }) => {
  const count = Number((data as Row | null)?.count ?? 0);
  const missed = input.participationIds.length - count;
  return missed > 0
    ? {
        count,
        note: `${missed} of the ${input.participationIds.length} ids matched no registration (here): get valid ids from list_participants.`,
      }
    : { count };
};

export const participantsTools = [
  defineTool({
    name: 'register_participant',
    title: 'Register participant',
    description:
      "Register one person on a session, or with eventId on a whole series that allows it; the event's form is read first and a missing required answer is named. Returns participationId and the personal link. Many people: register_participants.",
    method: 'POST',
    path: REGISTER_PATHS.eventSessionId,
    paths: REGISTER_PATHS,
    input: registerInput,
    run: (input, ctx) => registerOne(input as z.output<typeof registerInput>, ctx),
  }),
  defineTool({
    name: 'list_participants',
    title: 'List participants',
    description:
      'Registrations of a session (or with eventId of a whole series) with approval and attendance (visited); id is the participationId other participant tools take, userId the person chat and question tools act as.',
    method: 'GET',
    path: LIST_PATHS.eventSessionId,
    paths: LIST_PATHS,
    input: z.object({
      eventSessionId: f.eventSessionId.optional(),
      eventId: f.eventId.optional().describe('Or the whole series (list_events).'),
      ...paging.input,
    }),
    toParams: (input) => paging.params(input),
    shape: listShape,
  }),
  defineTool({
    name: 'moderate_participants',
    title: 'Approve or deny participants',
    description:
      'Approve (or deny) registrations of a pre-moderated event; approving also lets kicked people back in. eventId from list_events, participationIds from list_participants.',
    method: 'PUT',
    path: '/events/{eventId}/moderate',
    input: z.object({
      eventId: f.eventId,
      participationIds,
      approve: z.boolean().describe('true lets them in, false keeps them out.'),
    }),
    toParams: ({ approve, ...rest }) => ({ ...rest, isAccepted: approve }),
    shape: countShape,
  }),
  defineTool({
    name: 'update_participant_role',
    title: 'Change participant role',
    description:
      'Give registrations another role (GUEST, LECTURER or ADMIN). participationIds from list_participants.',
    method: 'PUT',
    path: '/participations/update',
    input: z.object({
      participationIds,
      role: role.describe('New role: GUEST, LECTURER or ADMIN.'),
    }),
    shape: countShape,
  }),
  defineTool({
    name: 'kick_participants',
    title: 'Kick participants',
    description:
      'Throw people out of the room with no way back in (until moderate_participants approves them again). participationIds from list_participants.',
    method: 'PUT',
    path: '/participations/kick',
    input: z.object({ participationIds }),
    annotations: { destructiveHint: true },
    confirm: (input) =>
      `Kick ${people(input.participationIds.length)} out of the room, with no way back in until approved again?`,
    shape: countShape,
  }),
  defineTool({
    name: 'delete_participants',
    title: 'Delete registrations',
    description:
      'Delete registrations (participationIds from list_participants); statistics show them as deleted and the people may register again.',
    method: 'POST',
    path: '/participations/delete',
    input: z.object({ participationIds }),
    annotations: { destructiveHint: true, idempotentHint: true },
    idempotent: true,
    confirm: (input) =>
      `Delete the registrations of ${people(input.participationIds.length)}? Their personal links stop working.`,
    shape: countShape,
  }),
];
