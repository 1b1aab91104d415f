// Strict flags: the sandbox accepts each flag only in the form the public sources show, so a
// client that drifts (say `sendEmail=0`, which a PHP backend may read as "send") is caught here
// and not on a real organisation. Written apart from the client's own table (src/api) on
// purpose: the two must agree because both follow the sources, not because they share code.
// Lenient mode (`--lenient`, MTSLINK_SANDBOX_LENIENT=1) accepts true/false/1/0 everywhere, for
// older scripts. Codes in comments point into docs/api.md.
import { HttpError, type FieldErrors } from './errors.js';

/**
 * `words`: `true`/`false`; `bits`: `1`/`0`; `either`: both seen in the sources (test isCorrect);
 * `switch`: `on`/`off` (CH5's only example).
 */
type Form = 'words' | 'bits' | 'either' | 'switch';

const ACCEPTED: Record<Form, readonly unknown[]> = {
  words: ['true', 'false', true, false],
  bits: ['1', '0', 1, 0],
  either: ['true', 'false', '1', '0', true, false, 1, 0],
  switch: ['on', 'off'],
};

const DESCRIBED: Record<Form, string> = {
  words: 'true or false',
  bits: '1 or 0',
  either: 'true, false, 1 or 0',
  switch: 'on or off',
};

/** What lenient mode lets through instead (CH5 keeps on/off and adds the boolean words). */
const LENIENT = [...ACCEPTED.either, 'on', 'off'];

const access = { 'accessSettings[*]': 'bits' } as const; // GU sends 1/0; H19685
const person = { isAutoEnter: 'words', sendEmail: 'words' } as const; // TB, GU, H19617, H19670
const formFields = { 'additionalFields[*][isRequired]': 'words' } as const; // INFERRED
const testData = {
  'testData[questions][*][answers][*][isCorrect]': 'either', // T1 doc shows 1; clients send true
  'testData[questions][*][allowCustomAnswer]': 'words', // T1 doc example
  'testData[questions][*][_destroy]': 'words', // T2 doc text
  'testData[questions][*][answers][*][_destroy]': 'words',
  'testData[questions][*][answers][*][image][_destroy]': 'words',
} as const;

/** Route (method + the router's pattern) → flag bracket path → documented form. */
const FLAGS: Record<string, Record<string, Form>> = {
  'POST /events': {
    ...access,
    ...formFields,
    isEventRegAllowed: 'words',
    defaultRemindersEnabled: 'words',
  },
  'POST /events/{eventId}/sessions': { ...access, ...formFields },
  'PUT /organization/events/{eventId}': {
    ...access,
    ...formFields,
    isEventRegAllowed: 'words',
    defaultRemindersEnabled: 'words',
  },
  'PUT /events/{eventId}': {
    ...access,
    ...formFields,
    isEventRegAllowed: 'words',
    defaultRemindersEnabled: 'words',
  },
  'PUT /eventsessions/{eventSessionId}': { ...access, ...formFields, sendEmail: 'words' },
  'DELETE /eventsessions/{eventSessionId}': { sendEmail: 'words' },
  'GET /organization/events/schedule': { ...access },
  'GET /users/{userId}/events/schedule': { ...access },
  'POST /eventsessions/{eventSessionId}/register': { ...person, isAccepted: 'words' },
  'POST /events/{eventId}/register': { ...person, isAccepted: 'words' },
  'POST /eventsessions/{eventSessionId}/invite': { ...person },
  'POST /events/{eventId}/invite': { ...person },
  'PUT /events/{eventId}/moderate': { isAccepted: 'words' }, // TB
  'GET /eventsessions/{eventSessionId}/chat': { isModerated: 'words', privateChat: 'words' },
  'DELETE /eventsessions/{eventSessionId}/chat': { onlyNotModerated: 'words' },
  'PUT /eventsessions/{eventSessionId}/chat': { isModerated: 'switch' },
  'PUT /eventsessions/{eventSessionId}/chat/messages/moderate': { isModerated: 'words' },
  'GET /eventsessions/{eventSessionId}/questions': { onlyOnModeration: 'words' },
  'DELETE /eventsessions/{eventSessionId}/questions': { onlyNotModerated: 'words' },
  'PUT /eventsessions/{eventSessionId}/questions/moderate': { isModerated: 'words' },
  'PUT /records/{recordId}': { isViewable: 'words' }, // TB
  'PUT /eventsessions/{eventSessionId}/records': { isViewable: 'words' }, // TB
  'GET /converted-records': { isUncompleted: 'words' },
  'GET /fileSystem/files': { isShared: 'words' }, // GU
  'PUT /eventsessions/{eventSessionId}/files/{fileReferenceId}': { isShared: 'words' },
  'POST /tests': { ...testData },
  'PUT /tests/{testId}': { ...testData },
  'PUT /testsessions/{testSessionId}/assessanswers': { 'data[*][isCorrect]': 'either' },
  'GET /tests/{testId}/customanswers': { notAssessedOnly: 'words' },
};

/** Bracket path → its segments: `a[b][0]` → ['a', 'b', '0']. */
const split = (path: string) => path.replace(/\]/g, '').split('[');
const join = (segments: string[]) =>
  segments[0] +
  segments
    .slice(1)
    .map((s) => `[${s}]`)
    .join('');

/** Every leaf under `data` whose key path fits `pattern` (`*` = any key or index). */
function* leaves(
  data: unknown,
  pattern: string[],
  at: string[] = [],
): Generator<[string[], unknown]> {
  if (pattern.length === 0) {
    yield [at, data];
    return;
  }
  if (data === null || typeof data !== 'object') return;
  const [head, ...rest] = pattern as [string, ...string[]];
  const entries = Object.entries(data as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (head === '*' || head === key) yield* leaves(value, rest, [...at, key]);
  }
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Refuses the request (400, one `fieldErrors` entry per flag) when a flag of this route is not
 * in its documented form. Empty values are left to the handler (they mean "not given").
 */
export function checkFlagForms(
  method: string,
  pattern: string,
  input: Record<string, unknown>,
  lenient: boolean,
): void {
  const flags = FLAGS[`${method} ${pattern}`];
  if (!flags) return;
  const errors: FieldErrors = {};
  for (const [path, form] of Object.entries(flags)) {
    for (const [at, value] of leaves(input, split(path))) {
      if (value === undefined || value === null || value === '' || typeof value === 'object') {
        continue;
      }
      const allowed = lenient ? LENIENT : ACCEPTED[form];
      if (!allowed.includes(value)) {
        errors[join(at)] = `must be ${DESCRIBED[form]} (the documented form); got ${shown(value)}`;
      }
    }
  }
  const names = Object.keys(errors);
  if (names.length) {
    const first = names[0] as string;
    throw new HttpError(400, `Validation failed: ${first} ${errors[first]}`, errors);
  }
}

/** Flag names per route, for the test that every flag a handler reads has an entry here. */
export const FLAG_ROUTES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(FLAGS).map(([route, flags]) => [route, Object.keys(flags)]),
);
