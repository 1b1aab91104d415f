// The wire form of every flag the client sends, fixed on the encoded request (issue 13.1).
// The expectations are restated here from the sources (docs/api.md), not read from the table, so
// a changed form in src/api/wire-forms.ts fails until someone changes it here on purpose.
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/api/encode.js';
import type { HttpMethod } from '../../src/api/types.js';
import { WIRE_FORMS } from '../../src/api/wire-forms.js';

type Row = [endpoint: string, key: string, whenTrue: string, whenFalse: string];

const TF = ['true', 'false'] as const;
const BIT = ['1', '0'] as const;

const EXPECTED: Row[] = [
  ['POST /events', 'accessSettings[isRegistrationRequired]', ...BIT],
  ['POST /events', 'isEventRegAllowed', ...TF],
  ['POST /events', 'defaultRemindersEnabled', ...TF],
  ['POST /events', 'additionalFields[0][isRequired]', ...TF],
  ['POST /events/{eventId}/sessions', 'accessSettings[isPasswordRequired]', ...BIT],
  ['PUT /organization/events/{eventId}', 'accessSettings[isModerationRequired]', ...BIT],
  ['PUT /eventsessions/{eventSessionId}', 'accessSettings[isRegistrationRequired]', ...BIT],
  ['PUT /eventsessions/{eventSessionId}', 'sendEmail', ...TF],
  ['PUT /eventsessions/{eventSessionId}', 'additionalFields[2][isRequired]', ...TF],
  ['DELETE /eventsessions/{eventSessionId}', 'sendEmail', ...TF],
  ['GET /organization/events/schedule', 'accessSettings[isPasswordRequired]', ...BIT],
  ['GET /users/{userId}/events/schedule', 'accessSettings[isPasswordRequired]', ...BIT],
  ['POST /eventsessions/{eventSessionId}/register', 'sendEmail', ...TF],
  ['POST /eventsessions/{eventSessionId}/register', 'isAutoEnter', ...TF],
  ['POST /eventsessions/{eventSessionId}/register', 'isAccepted', ...TF],
  ['POST /events/{eventId}/register', 'sendEmail', ...TF],
  ['POST /events/{eventId}/register', 'isAutoEnter', ...TF],
  ['POST /events/{eventId}/register', 'isAccepted', ...TF],
  ['POST /eventsessions/{eventSessionId}/invite', 'sendEmail', ...TF],
  ['POST /eventsessions/{eventSessionId}/invite', 'isAutoEnter', ...TF],
  ['POST /events/{eventId}/invite', 'sendEmail', ...TF],
  ['POST /events/{eventId}/invite', 'isAutoEnter', ...TF],
  ['PUT /events/{eventId}/moderate', 'isAccepted', ...TF],
  ['GET /eventsessions/{eventSessionId}/chat', 'isModerated', ...TF],
  ['GET /eventsessions/{eventSessionId}/chat', 'privateChat', ...TF],
  ['DELETE /eventsessions/{eventSessionId}/chat', 'onlyNotModerated', ...TF],
  ['PUT /eventsessions/{eventSessionId}/chat', 'isModerated', 'on', 'off'],
  ['PUT /eventsessions/{eventSessionId}/chat/messages/moderate', 'isModerated', ...TF],
  ['GET /eventsessions/{eventSessionId}/questions', 'onlyOnModeration', ...TF],
  ['DELETE /eventsessions/{eventSessionId}/questions', 'onlyNotModerated', ...TF],
  ['PUT /eventsessions/{eventSessionId}/questions/moderate', 'isModerated', ...TF],
  ['PUT /records/{recordId}', 'isViewable', ...TF],
  ['PUT /eventsessions/{eventSessionId}/records', 'isViewable', ...TF],
  ['GET /converted-records', 'isUncompleted', ...TF],
  ['GET /fileSystem/files', 'isShared', ...TF],
  ['PUT /eventsessions/{eventSessionId}/files/{fileReferenceId}', 'isShared', ...TF],
  ['POST /tests', 'testData[questions][0][answers][1][isCorrect]', ...BIT],
  ['POST /tests', 'testData[questions][1][allowCustomAnswer]', ...TF],
  ['POST /tests', 'testData[questions][0][_destroy]', ...TF],
  ['POST /tests', 'testData[questions][0][answers][3][_destroy]', ...TF],
  ['PUT /tests/{testId}', 'testData[questions][0][answers][1][isCorrect]', ...BIT],
  ['PUT /tests/{testId}', 'testData[questions][2][allowCustomAnswer]', ...TF],
  ['PUT /tests/{testId}', 'testData[questions][0][_destroy]', ...TF],
  ['PUT /tests/{testId}', 'testData[questions][0][answers][0][_destroy]', ...TF],
  ['PUT /testsessions/{testSessionId}/assessanswers', 'data[4][isCorrect]', ...BIT],
  ['GET /tests/{testId}/customanswers', 'notAssessedOnly', ...TF],
];

/** `a[b][0]` = value → `{ a: { b: { 0: value } } }`, the shape a tool's toParams produces. */
function nest(key: string, value: unknown): Record<string, unknown> {
  const [head = '', ...rest] = key.replace(/\]/g, '').split('[');
  return { [head]: rest.reduceRight<unknown>((inner, seg) => ({ [seg]: inner }), value) };
}

/** Every `{name}` of the template filled with 7. */
const pathParams = (template: string) =>
  Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 7]));

/** The decoded `key=value` pairs of the query string or body actually built. */
function wire(endpoint: string, params: Record<string, unknown>): string[] {
  const [method, template] = endpoint.split(' ') as [HttpMethod, string];
  const built = buildRequest(method, template, { ...pathParams(template), ...params });
  const encoded = built.body ?? built.query ?? '';
  return encoded.split('&').map(decodeURIComponent);
}

describe('documented wire form of each flag', () => {
  it.each(EXPECTED)('%s %s', (endpoint, key, whenTrue, whenFalse) => {
    expect(wire(endpoint, nest(key, true))).toEqual([`${key}=${whenTrue}`]);
    expect(wire(endpoint, nest(key, false))).toEqual([`${key}=${whenFalse}`]);
  });

  it('has no flag in the table that this test does not fix, and no row the table lacks', () => {
    const pattern = (key: string) =>
      key.replace(/\[\d+\]/g, '[*]').replace(/^accessSettings\[\w+\]$/, 'accessSettings[*]');
    const tested = new Set(EXPECTED.map(([endpoint, key]) => `${endpoint} ${pattern(key)}`));
    const declared = new Set(
      Object.entries(WIRE_FORMS).flatMap(([endpoint, flags]) =>
        Object.keys(flags).map((key) => `${endpoint} ${key}`),
      ),
    );
    expect([...declared].filter((d) => !tested.has(d))).toEqual([]);
    expect([...tested].filter((t) => !declared.has(t))).toEqual([]);
  });

  it('finds the form when the caller passes a filled path instead of the template', () => {
    const session = buildRequest('POST', '/events/42/sessions', {
      accessSettings: { isPasswordRequired: false },
    });
    expect(decodeURIComponent(session.body!)).toBe('accessSettings[isPasswordRequired]=0');
    const removed = buildRequest('DELETE', '/eventsessions/5', { sendEmail: false });
    expect(removed.query).toBe('sendEmail=false');
    const chat = buildRequest('PUT', '/eventsessions/5/chat', { isModerated: true });
    expect(chat.body).toBe('isModerated=on');
    const moderate = buildRequest('PUT', '/eventsessions/5/chat/messages/moderate', {
      isModerated: true,
    });
    expect(moderate.body).toBe('isModerated=true');
  });

  it('refuses a flag the table does not know instead of guessing its form', () => {
    expect(() =>
      buildRequest('POST', '/eventsessions/{eventSessionId}/register', {
        eventSessionId: 1,
        sendEmails: false,
      }),
    ).toThrow(/sendEmails.*wire-forms/);
    expect(() => buildRequest('POST', '/contacts', { isVip: true })).toThrow(/isVip/);
  });

  it('sends the documented words, never 1/0, for sendEmail on a bulk invite', () => {
    const pairs = wire('POST /eventsessions/{eventSessionId}/invite', {
      users: [{ email: 'a@example.com' }],
      sendEmail: false,
      isAutoEnter: true,
    });
    expect(pairs).toEqual(['users[0][email]=a@example.com', 'sendEmail=false', 'isAutoEnter=true']);
  });
});
