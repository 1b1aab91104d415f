// Person fields shared by the registration tools (P1/P2) and bulk registration: e-mail check,
// roles, and the event's registration-form fields addressed by label or by key.
import { z } from 'zod';
import type { ToolContext } from './define.js';
import { InputError } from './errors.js';
import { rows, type Row } from './rows.js';

export const ROLES = ['GUEST', 'LECTURER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** A plain shape check: one @, a dot in the domain, no spaces, at most 254 characters. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

export const role = z
  .enum(ROLES)
  .describe('GUEST (default), LECTURER (presents) or ADMIN (moderates).');

const answers = z
  .record(z.string().min(1).max(255), z.string().max(2000))
  .describe('Registration-form answers { "label or key": "value" }; get_event_session lists them.');

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
  isRequired: boolean;
}

/** The registration form of a session (E10) or of a whole series (E9). */
export async function formFields(
  ctx: ToolContext,
  target: { eventSessionId?: number; eventId?: number },
): Promise<{ fields: FormField[]; data: Record<string, unknown> }> {
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
  const data = (res.data ?? {}) as Row;
  const fields = rows(data.additionalFields).map((f) => ({
    key: String(f.key ?? ''),
    label: String(f.label ?? ''),
    isRequired: f.isRequired === true || f.isRequired === 1 || f.isRequired === '1',
  }));
  return { fields, data };
}

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The form field a label or key names (labels match case- and space-insensitively). */
export function findField(fields: FormField[], name: string): FormField | undefined {
  return (
    fields.find((f) => f.key === name.trim()) ?? fields.find((f) => norm(f.label) === norm(name))
  );
}

const describeFields = (fields: FormField[]) =>
  fields.length
    ? fields.map((f) => `"${f.label}"${f.isRequired ? ' (required)' : ''}`).join(', ')
    : 'none';

/** `{ label-or-key: value }` → `{ key: value }`; an unknown name is an input error. */
export function toFieldKeys(
  given: Record<string, string>,
  fields: FormField[],
  argName = 'fields',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const field = findField(fields, name);
    if (!field) {
      throw new InputError(
        argName,
        `no registration field "${name}" here; the form has ${describeFields(fields)}`,
      );
    }
    out[field.key] = value;
  }
  return out;
}
