// The sandbox is as strict as the docs about flag forms (issue 13.2): in its default mode an
// undocumented form is a 400 naming the flag and its documented form; --lenient takes both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../src/sandbox/args.js';
import { envArgs } from '../../src/sandbox/cli.js';
import { FLAG_ROUTES } from '../../src/sandbox/wire-forms.js';
import { startClient, when, type Client } from './helpers.js';

let strict: Client;
let lenient: Client;
beforeAll(async () => {
  strict = await startClient();
  lenient = await startClient({ lenient: true });
});
afterAll(async () => {
  await strict.sb.close();
  await lenient.sb.close();
});

/** A future one-off session of the seeded organisation (any ACTIVE one will do). */
const activeSession = (c: Client) =>
  [...c.sb.state.sessions.values()].find((s) => s.status === 'ACTIVE')!;

const newEvent = (extra: Record<string, string | number>) => ({
  name: 'Flags',
  'accessSettings[isPasswordRequired]': 0,
  'accessSettings[isRegistrationRequired]': 1,
  'accessSettings[isModerationRequired]': 0,
  ...when('startsAt', 2026, 6, 1, 11, 0),
  ...extra,
});

describe('strict (default)', () => {
  it('refuses sendEmail=0 on registration, naming the flag and its documented form', async () => {
    const s = activeSession(strict);
    const before = strict.sb.state.participations.size;
    const res = await strict.call('POST', `/eventsessions/${s.id}/register`, {
      form: { email: 'zero@example.com', sendEmail: 0 },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fieldErrors).toEqual({
      sendEmail: 'must be true or false (the documented form); got 0',
    });
    expect(strict.sb.state.participations.size).toBe(before); // nothing registered
  });

  it('accepts sendEmail=false', async () => {
    const s = activeSession(strict);
    const res = await strict.call('POST', `/eventsessions/${s.id}/register`, {
      form: { email: 'false@example.com', sendEmail: 'false', isAutoEnter: 'true' },
    });
    expect(res.status).toBe(201);
  });

  it('reports every flag in the wrong form of a bulk invite at once', async () => {
    const s = activeSession(strict);
    const res = await strict.call('POST', `/eventsessions/${s.id}/invite`, {
      form: { 'users[0][email]': 'x@example.com', sendEmail: '0', isAutoEnter: '1' },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error.fieldErrors).sort()).toEqual(['isAutoEnter', 'sendEmail']);
  });

  it('wants accessSettings as 1/0 and nothing else', async () => {
    const words = await strict.call('POST', '/events', {
      form: newEvent({ 'accessSettings[isRegistrationRequired]': 'true' }),
    });
    expect(words.status).toBe(400);
    expect(words.json.error.fieldErrors).toEqual({
      'accessSettings[isRegistrationRequired]': 'must be 1 or 0 (the documented form); got true',
    });
    expect((await strict.call('POST', '/events', { form: newEvent({}) })).status).toBe(201);
  });

  it('checks nested flags by their bracket path', async () => {
    const res = await strict.call('POST', '/events', {
      form: newEvent({
        'additionalFields[0][label]': 'Company',
        'additionalFields[0][type]': 'text',
        'additionalFields[0][isRequired]': '1',
      }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error.fieldErrors)).toEqual(['additionalFields[0][isRequired]']);
  });

  it('accepts JSON booleans for true/false flags', async () => {
    const s = activeSession(strict);
    const res = await strict.call('POST', `/eventsessions/${s.id}/register`, {
      json: { email: 'json@example.com', sendEmail: false },
    });
    expect(res.status).toBe(201);
  });

  it('takes CH5 pre-moderation only as on/off', async () => {
    const s = activeSession(strict);
    const on = await strict.call('PUT', `/eventsessions/${s.id}/chat`, {
      form: { isModerated: 'true' },
    });
    expect(on.status).toBe(400);
    expect(on.json.error.fieldErrors.isModerated).toMatch(/on or off/);
  });
});

describe('lenient (--lenient)', () => {
  it('accepts both forms, as older scripts send them', async () => {
    const s = activeSession(lenient);
    const zero = await lenient.call('POST', `/eventsessions/${s.id}/register`, {
      form: { email: 'zero@example.com', sendEmail: 0 },
    });
    expect(zero.status).toBe(201);
    const words = await lenient.call('POST', '/events', {
      form: newEvent({ 'accessSettings[isRegistrationRequired]': 'true' }),
    });
    expect(words.status).toBe(201);
  });

  it('is switched on by the flag and by MTSLINK_SANDBOX_LENIENT', () => {
    expect(parseSandboxArgs(['--lenient']).lenient).toBe(true);
    expect(parseSandboxArgs([]).lenient).toBeUndefined();
    expect(parseSandboxArgs(envArgs({ MTSLINK_SANDBOX_LENIENT: '1' })).lenient).toBe(true);
    expect(parseSandboxArgs(envArgs({ MTSLINK_SANDBOX_LENIENT: '0' })).lenient).toBeUndefined();
  });
});

describe('the table covers every flag a handler reads', () => {
  const routesDir = join(import.meta.dirname, '..', '..', 'src', 'sandbox', 'routes');
  const read = (readdirSync(routesDir) as string[])
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(routesDir, f), 'utf8').matchAll(/\.bool\('(\w+)'/g)].map((m) => m[1]!),
    );
  const covered = new Set(
    Object.values(FLAG_ROUTES).flatMap((flags) =>
      flags.map((f) => f.split('[').at(-1)!.replace(']', '')),
    ),
  );
  it.each([...new Set(read)])('%s', (flag) => {
    // accessSettings keys are read one by one under the `accessSettings[*]` entry.
    const name = /^is\w+Required$/.test(flag) && flag !== 'isRequired' ? '*' : flag;
    expect(covered.has(name)).toBe(true);
  });
});
