// Person fields shared by the registration tools (P1/P2) and bulk registration: roles, the
// event's registration form (E9/E10 `additionalFields`), and how answers find their field.
import { z } from 'zod';
import type { ToolContext } from './define.js';
import { isEmail } from './email.js';
import { ONE_OFF_RULE } from './event-read.js';
import { sameText } from './fold.js';
import { columnMeaning } from './person-columns.js';

export { isEmail };

export const ROLES = ['GUEST', 'LECTURER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const role = z
  .enum(ROLES)
  .describe('GUEST (default), LECTURER (presents) or ADMIN (moderates).');

const answers = z
  .record(z.string().min(1).max(255), z.string().max(2000))
  .describe(
    'Form answers { "label or key": "value" }; phone, organization and position go here too.',
  );

export const personInput = {
  email: z.string().max(254).refine(isEmail, 'expected an e-mail address').describe('E-mail.'),
  name: z.string().max(255).optional().describe('First name.'),
  secondName: z.string().max(255).optional().describe('Last name.'),
  patronymic: z.string().max(255).optional().describe('Patronymic.'),
  role: role.optional(),
  fields: answers.optional(),
  isAutoEnter: z.boolean().optional().describe('Skip the extra entry form.'),
  sendEmail: z.boolean().optional().describe('Platform e-mails the personal link (default true).'),
};

export interface FormField {
  key: string;
  label: string;
  /** The API's default is true: only fields created with isRequired=false are optional. */
  isRequired: boolean;
  type: string;
  /** The options of a `radio` field. */
  options?: string[];
}

/** What registration needs to know about its target before anything is sent. */
export interface RegistrationTarget {
  fields: FormField[];
  /** Hosts approve each registration before the person may enter (accessSettings). */
  moderated: boolean;
  data: Record<string, unknown>;
}

const isTrue = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';

/** The registration form of a session (E10) or of a whole series (E9). */
export async function formFields(
  ctx: ToolContext,
  target: { eventSessionId?: number; eventId?: number },
): Promise<RegistrationTarget> {
  const res = target.eventSessionId
    ? await ctx.client.request({
        method: 'GET',
        path: '/eventsessions/{eventSessionId}',
        params: { eventSessionId: target.eventSessionId },
        signal: ctx.signal,
      })
    : await ctx.client.request({
        method: 'GET',
        path: '/organization/events/{eventId}',
        params: { eventId: target.eventId },
        signal: ctx.signal,
      });
  const data = (res.data ?? {}) as Record<string, unknown>;
  const list = Array.isArray(data.additionalFields) ? data.additionalFields : [];
  const fields = list.map((f: Record<string, unknown>): FormField => {
    const options = Array.isArray(f.values) ? f.values.map(String) : undefined;
    return {
      key: String(f.key ?? ''),
      label: String(f.label ?? ''),
      // A field that does not say is required: the API's own default (fidelity note 2).
      isRequired: f.isRequired === undefined ? true : isTrue(f.isRequired),
      type: String(f.type ?? 'text'),
      ...(options?.length ? { options } : {}),
    };
  });
  const access = (data.accessSettings ?? {}) as Record<string, unknown>;
  // Legacy access codes 8 and 10 are the pre-moderated ones (reference, access table).
  const moderated = isTrue(access.isModerationRequired) || [8, 10].includes(Number(data.access));
  return { fields, moderated, data };
}

/**
 * A one-off webinar (E9 view) and its session id, if it has one; undefined for a series. Only a
 * rule that says so marks a one-off: an answer without `rule` is not taken for one.
 */
function oneOffSession(event: Record<string, unknown>): { id?: unknown } | undefined {
  if (String(event.rule ?? '').toUpperCase() !== ONE_OFF_RULE) return undefined;
  const sessions = Array.isArray(event.eventSessions) ? event.eventSessions : [];
  return { id: (sessions[0] as { id?: unknown } | undefined)?.id };
}

/**
 * Why an event (E9 view) takes no registration on the whole event, said with what to use
 * instead: a one-off webinar is registered on through its session, and a series may forbid it.
 */
export function wholeEventProblem(eventId: number, event: Record<string, unknown>) {
  const oneOff = oneOffSession(event);
  if (oneOff) {
    return `event ${eventId} is a one-off webinar, not a series: register on its session${oneOff.id === undefined ? ' (eventSessionId from list_events)' : `: eventSessionId ${String(oneOff.id)}`}`;
  }
  if (event.isEventRegAllowed === false) {
    return 'this series does not allow registration on the whole series; register on its sessions (eventSessionId) instead';
  }
  return undefined;
}

/**
 * The form field a header, label or key names: its key exactly, its label as a person reads it
 * (case, ё/е, punctuation aside), or the same meaning in another language ("Company" answers
 * «Компания», "patronymic" answers «Отчество»).
 */
export function findField(fields: FormField[], name: string): FormField | undefined {
  const key = name.trim();
  const byKey = fields.find((f) => f.key === key);
  if (byKey) return byKey;
  const byLabel = fields.find((f) => sameText(f.label, name));
  if (byLabel) return byLabel;
  const meaning = columnMeaning(name);
  return meaning ? fields.find((f) => columnMeaning(f.label) === meaning) : undefined;
}

/** The form as the model should see it: what to fill and how. */
export const formView = (fields: FormField[]) =>
  fields.map((f) => ({
    label: f.label,
    required: f.isRequired,
    ...(f.options ? { options: f.options } : {}),
  }));

export const describeFields = (fields: FormField[]) =>
  fields.length
    ? fields
        .map(
          (f) =>
            `"${f.label}"${f.isRequired ? ' (required)' : ''}${f.options ? ` [${f.options.join(' | ')}]` : ''}`,
        )
        .join(', ')
    : 'none';
