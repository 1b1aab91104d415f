// Friendly event/session input → the API's form fields (reference §2, "Common body fields").
import { z } from 'zod';
import type { Params } from './define.js';
import { toIsoDuration } from './dates.js';
import * as f from './fields.js';

/** Fields shared by create/update of events and sessions. */
export const commonEventInput = {
  name: f.name,
  description: f.description.optional(),
  startsAt: f.startsAt.optional(),
  timezone: f.timezone.optional(),
  lang: f.lang.optional(),
  registrationRequired: f.accessFields.registrationRequired.optional(),
  moderationRequired: f.accessFields.moderationRequired.optional(),
  password: f.accessFields.password.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional()
    .describe('Minutes, shown on the page.'),
};

export const additionalFieldsInput = z
  .array(
    z.object({
      label: z.string().min(1).max(255).describe('Question.'),
      type: z.enum(['text', 'radio']).describe('radio: one of values.'),
      values: z.array(z.string().min(1).max(255)).max(50).optional().describe('Options.'),
      isRequired: z.boolean().optional().describe('Must answer (default true).'),
    }),
  )
  .max(30)
  .describe('Extra registration-form fields.');

type CommonInput = {
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
  registrationRequired?: boolean;
  moderationRequired?: boolean;
  password?: string;
  durationMinutes?: number;
};

/**
 * Everything but the time: the duration as ISO 8601, the access flags, the password; keys this
 * function does not know pass through unchanged. Times come from planEventTime (event-time.ts).
 */
export function eventParams(
  input: CommonInput & Params,
  opts: { accessDefaults?: boolean } = {},
): Params {
  const { startsAt: _s, endsAt: _e, timezone: _t, durationMinutes, ...rest } = input;
  const { registrationRequired, moderationRequired, password, ...plain } = rest;
  const params: Params = { ...plain };
  if (durationMinutes) params.duration = toIsoDuration(durationMinutes);
  if (password !== undefined) params.password = password;
  const access = accessSettings(
    { registrationRequired, moderationRequired, password },
    opts.accessDefaults ?? false,
  );
  if (access) params.accessSettings = access;
  return params;
}

/**
 * `accessSettings[…]` as 0/1 flags. On create the docs require all three keys, so missing ones
 * get defaults (registration on: the main job is registering people); on update only the keys
 * given are sent (INFERRED: the API keeps the others).
 */
function accessSettings(
  a: { registrationRequired?: boolean; moderationRequired?: boolean; password?: string },
  withDefaults: boolean,
): Params | undefined {
  const out: Params = {};
  const reg = a.registrationRequired ?? (withDefaults ? true : undefined);
  const mod = a.moderationRequired ?? (withDefaults ? false : undefined);
  const pwd = a.password !== undefined ? a.password !== '' : withDefaults ? false : undefined;
  if (pwd !== undefined) out.isPasswordRequired = pwd;
  if (reg !== undefined) out.isRegistrationRequired = reg;
  if (mod !== undefined) out.isModerationRequired = mod;
  return Object.keys(out).length ? out : undefined;
}
