// Reading the event/session body fields shared by E1–E4 (access, start time, zone, extra
// registration fields, hosts) and the owner checks.
import { createHash } from 'node:crypto';
import { HttpError, fieldError } from '../errors.js';
import { isValidWall, parseIsoDuration, utcToWall, wallToUtc, type WallClock } from '../dates.js';
import type { Input } from '../params.js';
import type { AccessSettings, AdditionalField, CommonSettings, SandboxState } from '../state.js';
import { timezoneById, type TimezoneDef } from '../timezones.js';

/** Legacy `access` codes (CONFIRMED table): [password, registration, moderation]. */
const ACCESS_CODES: Record<number, [boolean, boolean, boolean]> = {
  1: [false, false, false],
  3: [true, false, false],
  4: [false, true, false],
  6: [true, true, false],
  8: [false, true, true],
  10: [true, true, true],
};

export function accessCode(s: AccessSettings): number {
  const reg = s.isRegistrationRequired || s.isModerationRequired;
  if (s.isModerationRequired) return s.isPasswordRequired ? 10 : 8;
  if (reg) return s.isPasswordRequired ? 6 : 4;
  return s.isPasswordRequired ? 3 : 1;
}

/**
 * `accessSettings[...]` (preferred) or legacy `access`; undefined when neither is sent.
 * Keys left out of `accessSettings` keep `current` (or false). INFERRED: moderation implies
 * registration, as the legacy codes do.
 */
export function readAccess(input: Input, current?: AccessSettings): AccessSettings | undefined {
  const nested = input.obj('accessSettings');
  if (nested) {
    const pick = (k: keyof AccessSettings) => nested.bool(k) ?? current?.[k] ?? false;
    const s: AccessSettings = {
      isPasswordRequired: pick('isPasswordRequired'),
      isRegistrationRequired: pick('isRegistrationRequired'),
      isModerationRequired: pick('isModerationRequired'),
    };
    if (s.isModerationRequired) s.isRegistrationRequired = true;
    return s;
  }
  const code = input.int('access');
  if (code === undefined) return undefined;
  const flags = ACCESS_CODES[code];
  if (!flags) throw fieldError('access', 'must be one of 1, 3, 4, 6, 8, 10');
  const [isPasswordRequired, isRegistrationRequired, isModerationRequired] = flags;
  return { isPasswordRequired, isRegistrationRequired, isModerationRequired };
}

export function readTimezone(input: Input): TimezoneDef | undefined {
  const id = input.int('timezone');
  if (id === undefined) return undefined;
  const tz = timezoneById(id);
  if (!tz) throw fieldError('timezone', 'unknown time zone id (see GET /timezones)');
  return tz;
}

/**
 * `startsAt[date][year|month|day]` + `startsAt[time][hour|minute]` → UTC ms, read as wall-clock
 * time in `tz` (a time in a DST gap or overlap resolved as RFC 5545 says: see `wallToUtc`).
 */
export function readWallTime(input: Input, key: string, tz: string): number | undefined {
  const wall = readWallClock(input, key);
  return wall && wallToUtc(wall, tz);
}

/** The wall-clock parts as sent. INFERRED: a missing `time` part means 00:00. */
export function readWallClock(input: Input, key: string): WallClock | undefined {
  const root = input.obj(key);
  if (!root) return undefined;
  const date = root.obj('date', true) as Input;
  const time = root.obj('time');
  const w: WallClock = {
    year: date.int('year', { required: true, min: 1970, max: 2100 }) as number,
    month: date.int('month', { required: true, min: 1, max: 12 }) as number,
    day: date.int('day', { required: true, min: 1, max: 31 }) as number,
    hour: time?.int('hour', { min: 0, max: 23 }) ?? 0,
    minute: time?.int('minute', { min: 0, max: 59 }) ?? 0,
    second: 0,
  };
  if (!isValidWall(w)) throw fieldError(input.path(key), 'no such calendar date');
  return w;
}

/** Moves an instant to another zone keeping its wall-clock time (used when only `timezone` changes). */
export function rezone(ms: number, fromTz: string, toTz: string): number {
  return wallToUtc(utcToWall(ms, fromTz), toTz);
}

/** Extra registration-form fields; keys are 32 hex characters, stable for the same label. */
function readAdditionalFields(
  input: Input,
  salt: string,
  current: AdditionalField[] = [],
): AdditionalField[] | undefined {
  const items = input.objList('additionalFields');
  if (!items) return undefined;
  return items.map((item, i) => {
    const label = item.str('label', true) as string;
    const type = item.str('type') || 'text';
    const values = item.strList('values');
    if (type === 'radio' && !values?.length) throw fieldError(item.path('values'), 'ERROR_BLANK');
    const existing = current.find((f) => f.label === label);
    const key = existing?.key ?? createHash('md5').update(`${salt}:${i}:${label}`).digest('hex');
    const placeholder = item.str('placeholder');
    return {
      key,
      label,
      type,
      ...(values ? { values } : {}),
      ...(placeholder !== undefined ? { placeholder } : {}),
      // A field created without isRequired is required: the public fixture of an event created
      // that way shows `isRequired: true` (fidelity note 2).
      isRequired: item.bool('isRequired') ?? true,
    };
  });
}

/** Hosts must be organisation members (INFERRED 400 otherwise). */
function readLectorIds(input: Input, state: SandboxState): number[] | undefined {
  const ids = input.intList('lectorIds');
  ids?.forEach((id, i) => {
    if (!state.members.has(id))
      throw fieldError(`lectorIds[${i}]`, `user ${id} is not an organization member`);
  });
  return ids;
}

/**
 * Owner checks. CONFIRMED: an unconfirmed e-mail → 403 `Event owner is not submitted`.
 * INFERRED: a user who is not a member at all → 400 on the field.
 */
export function checkOwner(state: SandboxState, userId: number, field: string): void {
  const member = state.members.get(userId);
  if (!member) throw fieldError(field, `user ${userId} is not an organization member`);
  if (!member.emailConfirmed) throw new HttpError(403, 'Event owner is not submitted');
}

export function readDuration(input: Input): string | undefined {
  const text = input.str('duration');
  if (text !== undefined && parseIsoDuration(text) === null) {
    throw fieldError('duration', 'must be an ISO-8601 duration such as PT1H30M0S');
  }
  return text;
}

/** The common fields present in the body (start time and zone are read separately). */
export function readCommon(
  input: Input,
  state: SandboxState,
  salt: string,
  current?: CommonSettings,
): Partial<CommonSettings> {
  const out: Partial<CommonSettings> = {};
  const name = input.str('name');
  if (name !== undefined) {
    if (name.trim() === '') throw fieldError('name', 'ERROR_BLANK');
    out.name = name;
  }
  const set = <K extends keyof CommonSettings>(k: K, v: CommonSettings[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('description', input.str('description'));
  set('accessSettings', readAccess(input, current?.accessSettings));
  set('password', input.str('password'));
  set('lang', input.oneOf('lang', ['RU', 'EN'] as const));
  set('image', input.int('image', { min: 1 }));
  set('lectorIds', readLectorIds(input, state));
  set('tags', input.strList('tags'));
  set('additionalFields', readAdditionalFields(input, salt, current?.additionalFields));
  return out;
}
