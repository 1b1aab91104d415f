// Friendly event/session input → the API's form fields (reference §2, "Common body fields").
import { z } from 'zod';
import type { Params, ToolContext } from './define.js';
import {
  DEFAULT_EVENT_TIMEZONE,
  isDateOnly,
  isInPast,
  nowIn,
  toApiDateParts,
  toIsoDuration,
} from './dates.js';
import { InputError } from './errors.js';
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
    .describe('Planned minutes, shown on the page.'),
};

export const additionalFieldsInput = z
  .array(
    z.object({
      label: z.string().min(1).max(255).describe('Form question.'),
      type: z.enum(['text', 'radio']).describe('radio: one of values.'),
      values: z.array(z.string().min(1).max(255)).max(50).optional().describe('Radio options.'),
      isRequired: z.boolean().optional().describe('Answer required (default true).'),
    }),
  )
  .max(30)
  .describe('Extra registration-form fields.');

type CommonInput = {
  name?: string;
  description?: string;
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
  lang?: string;
  registrationRequired?: boolean;
  moderationRequired?: boolean;
  password?: string;
  durationMinutes?: number;
};

/**
 * Dates become wall-clock parts in the event's zone and the zone becomes the API's numeric id.
 * The zone is sent whenever a date is, so the API reads the parts the way we wrote them.
 * Keys this function does not know pass through unchanged.
 */
export async function eventParams(
  input: CommonInput & Params,
  ctx: ToolContext,
  opts: { accessDefaults?: boolean; refusePast?: boolean } = {},
): Promise<Params> {
  const { startsAt, endsAt, timezone, durationMinutes, ...rest } = input;
  const { registrationRequired, moderationRequired, password, ...plain } = rest;
  const params: Params = { ...plain };
  const zone = timezone ?? DEFAULT_EVENT_TIMEZONE;
  if (startsAt && isDateOnly(startsAt)) {
    throw new InputError(
      'startsAt',
      `${startsAt} has no time of day and would start at midnight; give the time too, e.g. ${startsAt.trim()}T11:00`,
    );
  }
  // A new webinar in the past is almost always a wrong year or a misread "Tuesday"; the API's
  // answer to it is not documented, so it is refused before anything is created. (Updates may
  // resend a live session's current start, so they are not checked.)
  if (opts.refusePast && startsAt && isInPast(startsAt, zone)) {
    throw new InputError(
      'startsAt',
      `${startsAt} is in the past (it is now ${nowIn(zone)} in ${zone}); give a future date-time with the year`,
    );
  }
  if (startsAt) params.startsAt = toApiDateParts(startsAt, zone);
  if (endsAt) params.endsAt = toApiDateParts(endsAt, zone);
  if (timezone || startsAt || endsAt) {
    params.timezone = await ctx.timezones.idFor(zone, 'timezone', ctx.signal);
  }
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
