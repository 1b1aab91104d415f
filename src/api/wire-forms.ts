// The wire form of every flag the client sends, per endpoint: the one place where the contract
// "which string does this boolean become" lives. The encoder (encode.ts) looks each boolean up
// here by method, path template and bracket path; a boolean with no entry is a programming error,
// so a new flag cannot go out in a guessed form. Codes (E1, P3, …) and sources: docs/api.md.
//
// The rule the sources show: flags travel as the strings `true` / `false` (TB specs, GU client,
// help articles H19617, H19670); only `accessSettings[*]` is documented as `1` / `0` (GU, H19685),
// and test answers' `isCorrect` appears as `1` (doc example of T1) as well as `true`.

/** How one flag is written: `true`/`false`, `1`/`0`, or `on`/`off` (CH5's only example). */
type FlagForm = 'true/false' | '1/0' | 'on/off';

const WORDS: Record<FlagForm, readonly [onValue: string, offValue: string]> = {
  'true/false': ['true', 'false'],
  '1/0': ['1', '0'],
  'on/off': ['on', 'off'],
};

/** Flag → form for one endpoint; `*` in a bracket path stands for any key or index. */
type EndpointFlags = Record<string, FlagForm>;

const ACCESS = { 'accessSettings[*]': '1/0' } as const; // E1–E4, E7 (CONFIRMED: GU, H19685)
const REG_FIELDS = { 'additionalFields[*][isRequired]': 'true/false' } as const; // INFERRED
const PERSON = { isAutoEnter: 'true/false', sendEmail: 'true/false' } as const; // P1–P4 (CONFIRMED)
const TEST_DATA = {
  'testData[questions][*][answers][*][isCorrect]': '1/0', // T1 doc example (CONFIRMED)
  'testData[questions][*][allowCustomAnswer]': 'true/false', // T1 doc example (CONFIRMED)
  'testData[questions][*][_destroy]': 'true/false', // T2 doc text (CONFIRMED)
  'testData[questions][*][answers][*][_destroy]': 'true/false', // T2 doc text (CONFIRMED)
} as const;

export const WIRE_FORMS: Readonly<Record<string, EndpointFlags>> = {
  // Events
  'POST /events': {
    ...ACCESS,
    ...REG_FIELDS,
    isEventRegAllowed: 'true/false', // E1 (CONFIRMED: TB, GU)
    defaultRemindersEnabled: 'true/false', // E1 (CONFIRMED: TB, GU)
  },
  'POST /events/{eventId}/sessions': { ...ACCESS },
  'PUT /organization/events/{eventId}': { ...ACCESS },
  'PUT /eventsessions/{eventSessionId}': { ...ACCESS, ...REG_FIELDS, sendEmail: 'true/false' }, // E4 (GU)
  'DELETE /eventsessions/{eventSessionId}': { sendEmail: 'true/false' }, // E6 (GU)
  'GET /organization/events/schedule': { ...ACCESS }, // E7 filter (SEEN ONCE: GU)
  'GET /users/{userId}/events/schedule': { ...ACCESS }, // E8 filter (SEEN ONCE: GU)
  // Participants
  'POST /eventsessions/{eventSessionId}/register': { ...PERSON, isAccepted: 'true/false' },
  'POST /events/{eventId}/register': { ...PERSON, isAccepted: 'true/false' },
  'POST /eventsessions/{eventSessionId}/invite': { ...PERSON },
  'POST /events/{eventId}/invite': { ...PERSON },
  'PUT /events/{eventId}/moderate': { isAccepted: 'true/false' }, // P7 (SEEN ONCE: TB)
  // Chat
  'GET /eventsessions/{eventSessionId}/chat': {
    isModerated: 'true/false',
    privateChat: 'true/false',
  }, // CH1 (GU)
  'DELETE /eventsessions/{eventSessionId}/chat': { onlyNotModerated: 'true/false' }, // CH3 doc text
  'PUT /eventsessions/{eventSessionId}/chat': { isModerated: 'on/off' }, // CH5 (SEEN ONCE: `off`)
  'PUT /eventsessions/{eventSessionId}/chat/messages/moderate': { isModerated: 'true/false' }, // CH4
  // Questions (Q1/Q3 flags: form INFERRED from the general rule)
  'GET /eventsessions/{eventSessionId}/questions': { onlyOnModeration: 'true/false' },
  'DELETE /eventsessions/{eventSessionId}/questions': { onlyNotModerated: 'true/false' },
  'PUT /eventsessions/{eventSessionId}/questions/moderate': { isModerated: 'true/false' }, // Q4 doc text
  // Records
  'PUT /records/{recordId}': { isViewable: 'true/false' }, // R2 (SEEN ONCE: TB)
  'PUT /eventsessions/{eventSessionId}/records': { isViewable: 'true/false' }, // R3 (TB)
  'GET /converted-records': { isUncompleted: 'true/false' }, // R10 (form INFERRED)
  // Files
  'GET /fileSystem/files': { isShared: 'true/false' }, // F1 (SEEN ONCE: GU)
  'PUT /eventsessions/{eventSessionId}/files/{fileReferenceId}': { isShared: 'true/false' }, // F7 doc
  // Tests
  'POST /tests': { ...TEST_DATA },
  'PUT /tests/{testId}': { ...TEST_DATA },
  'PUT /testsessions/{testSessionId}/assessanswers': { 'data[*][isCorrect]': '1/0' }, // T8 INFERRED as T1
  'GET /tests/{testId}/customanswers': { notAssessedOnly: 'true/false' }, // T10 (form INFERRED)
};

const segmentsOf = (bracketPath: string): string[] => bracketPath.replace(/\]/g, '').split('[');

interface CompiledFlag {
  segments: string[];
  form: FlagForm;
}

const compiled = new Map<string, CompiledFlag[]>(
  Object.entries(WIRE_FORMS).map(([endpoint, flags]) => [
    endpoint,
    Object.entries(flags).map(([path, form]) => ({ segments: segmentsOf(path), form })),
  ]),
);

/**
 * Callers may pass a path already filled (`/events/42/sessions`) instead of its template: each
 * template also matches as a pattern, the one with the most literal segments first.
 */
const templates = [...compiled.keys()]
  .map((endpoint) => ({
    endpoint,
    pattern: new RegExp(
      `^${endpoint.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
    ),
    literals: endpoint.split('/').filter((s) => s && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literals - a.literals);

function flagsOf(endpoint: string): CompiledFlag[] {
  const exact = compiled.get(endpoint);
  if (exact) return exact;
  const template = templates.find((t) => t.pattern.test(endpoint));
  return template ? (compiled.get(template.endpoint) ?? []) : [];
}

const matches = (pattern: string[], path: readonly string[]) =>
  pattern.length === path.length && pattern.every((seg, i) => seg === '*' || seg === path[i]);

/** Writes booleans for one endpoint; throws for a flag the table does not know. */
export type FlagWriter = (path: readonly string[], value: boolean) => string;

export function flagWriter(method: string, pathTemplate: string): FlagWriter {
  const endpoint = `${method} ${pathTemplate}`;
  const flags = flagsOf(endpoint);
  return (path, value) => {
    const hit = flags.find((f) => matches(f.segments, path));
    if (!hit) {
      const key =
        path[0] +
        path
          .slice(1)
          .map((s) => `[${s}]`)
          .join('');
      throw new Error(
        `No documented wire form for flag "${key}" of ${endpoint}: add it to src/api/wire-forms.ts`,
      );
    }
    return WORDS[hit.form][value ? 0 : 1];
  };
}
