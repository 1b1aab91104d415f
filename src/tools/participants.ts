// Participants area (reference §4, P1–P10): register one person, list registrations with
// attendance, and moderate, re-role, kick or delete them. Bulk lists go to register_participants.
import { z } from 'zod';
import { defineTool, type Params, type ToolContext } from './define.js';
import * as f from './fields.js';
import { apiPaging } from './paging.js';
import { formFields, personInput, role, toFieldKeys } from './participant-input.js';
import { people } from './subjects.js';

type Row = Record<string, unknown>;
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

/** P1/P2 body from the friendly input; form fields by label are turned into keys. */
async function registrationParams(
  input: Params & z.output<z.ZodObject<typeof personInput>>,
  ctx: ToolContext,
): Promise<Params> {
  const { patronymic, fields, ...rest } = input;
  let additionalFields: Record<string, string> | undefined;
  if (fields && Object.keys(fields).length) {
    const target = { eventSessionId: input.eventSessionId, eventId: input.eventId } as {
      eventSessionId?: number;
      eventId?: number;
    };
    additionalFields = toFieldKeys(fields, (await formFields(ctx, target)).fields);
  }
  return { ...rest, pattrName: patronymic, additionalFields };
}

const pickParticipant = (p: Row) => ({
  id: p.id,
  name: p.name,
  secondName: p.secondName,
  email: p.email,
  role: p.role,
  eventSessionId: p.eventSessionId,
  // 1 = allowed in, 0 = waiting for a host's approval (or kicked).
  approved: p.isAccepted === undefined ? undefined : p.isAccepted === 1 || p.isAccepted === true,
  visited: p.visited,
  online: p.isOnline === undefined ? undefined : String(p.isOnline) === '1',
  registerDate: p.registerDate,
  answers: p.additionalFieldValues,
});

const listShape = (data: unknown, input: { page?: number; perPage?: number }) =>
  paging.pageOf(data, input, pickParticipant);

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

const registrationShape = (data: unknown) => {
  const d = (data ?? {}) as Row;
  return { participationId: d.participationId, link: d.link, contactId: d.contactId };
};

export const participantsTools = [
  defineTool({
    name: 'register_participant',
    title: 'Register participant',
    description:
      'Register one person on a session, or with eventId on a whole series that allows it; returns participationId and the personal link. Many people: register_participants.',
    method: 'POST',
    path: REGISTER_PATHS.eventSessionId,
    paths: REGISTER_PATHS,
    input: z.object({
      eventSessionId: f.eventSessionId.optional(),
      eventId: f.eventId.optional().describe('Or the whole series (list_events).'),
      ...personInput,
    }),
    toParams: registrationParams,
    shape: registrationShape,
  }),
  defineTool({
    name: 'list_participants',
    title: 'List participants',
    description:
      'Registrations of a session (or with eventId of a whole series) with approval and attendance (visited); id is the participationId other participant tools take.',
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
