// Our encoder (src/api, via qs) and the sandbox's PHP parse_str (written independently) must
// agree: whatever the tools send is what the simulated API reads.
import { describe, expect, it } from 'vitest';
import { encodeParams } from '../../src/api/encode.js';
import { parseStr } from '../../src/sandbox/parse.js';

/** Flags as true/false (the forms per endpoint are tested in wire-forms.test.ts). */
const words = (_path: readonly string[], value: boolean) => (value ? 'true' : 'false');

/** What PHP would hand the application: every scalar a string, booleans as written. */
const asPhp = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asPhp);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asPhp(v)]));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return '';
  return String(value);
};

const cases: [string, Record<string, unknown>][] = [
  ['flat scalars', { name: 'Webinar', access: 4, isAutoEnter: true, sendEmail: false }],
  [
    'nested date parts',
    { startsAt: { date: { year: 2026, month: 12, day: 8 }, time: { hour: 11, minute: 0 } } },
  ],
  ['array of scalars', { lectorIds: [1029, 1030], tags: ['a', 'b c'] }],
  [
    'array of objects',
    {
      users: [
        { email: 'a@example.com', name: 'Анна', role: 'GUEST' },
        { email: 'b+tag@example.com', secondName: "O'Brien & Sons" },
      ],
    },
  ],
  ['map keyed by platform ids', { additionalFields: { '62899cefc8855544723baae88cbfce9c': 'Да' } }],
  [
    'deep nesting',
    { testData: { questions: [{ answers: [{ answerData: '=1+1', isCorrect: false }] }] } },
  ],
  ['unicode and reserved characters', { text: 'Привет 👋 a=b&c=d; 100% [x]' }],
  ['null clears a value', { password: null }],
];

describe('encoder ↔ sandbox parser', () => {
  it.each(cases)('%s', (_name, params) => {
    expect(parseStr(encodeParams(params, words))).toEqual(asPhp(params));
  });

  it('drops undefined', () => {
    expect(parseStr(encodeParams({ a: 1, b: undefined }))).toEqual({ a: '1' });
  });
});
