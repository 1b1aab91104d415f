import { describe, expect, it } from 'vitest';
import { parseBody, parseStr, urlDecode } from '../../src/sandbox/parse.js';

describe('parseStr (PHP parse_str semantics)', () => {
  const cases: Array<[string, string, unknown]> = [
    ['plain pairs', 'a=1&b=two', { a: '1', b: 'two' }],
    ['plus is a space', 'name=New+webinar', { name: 'New webinar' }],
    [
      'percent-decoding of keys and values',
      'na%6De=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82',
      { name: 'Привет' },
    ],
    ['encoded brackets', 'status%5B%5D=ACTIVE&status%5B%5D=STOP', { status: ['ACTIVE', 'STOP'] }],
    ['empty [] appends', 'ids[]=1&ids[]=2&ids[]=3', { ids: ['1', '2', '3'] }],
    ['indexed arrays', 'status[0]=A&status[1]=B', { status: ['A', 'B'] }],
    [
      '[] after an index continues from the highest one',
      'a[5]=x&a[]=y',
      { a: { '5': 'x', '6': 'y' } },
    ],
    [
      'nested maps',
      'startsAt[date][year]=2026&startsAt[date][month]=3&startsAt[time][hour]=10',
      { startsAt: { date: { year: '2026', month: '3' }, time: { hour: '10' } } },
    ],
    [
      'users[][email] twice is TWO users',
      'users[][email]=a%40x.io&users[][email]=b%40x.io',
      { users: [{ email: 'a@x.io' }, { email: 'b@x.io' }] },
    ],
    [
      'users[][email]&users[][name] are also two elements in PHP',
      'users[][email]=a@x&users[][name]=Ann',
      { users: [{ email: 'a@x' }, { name: 'Ann' }] },
    ],
    [
      'indexed arrays of objects',
      'users[0][email]=a&users[0][role]=GUEST&users[1][email]=b',
      { users: [{ email: 'a', role: 'GUEST' }, { email: 'b' }] },
    ],
    [
      'deep nesting',
      'testData[questions][0][answers][1][isCorrect]=0',
      { testData: { questions: [{ answers: { '1': { isCorrect: '0' } } }] } },
    ],
    ['later value wins', 'a=1&a=2', { a: '2' }],
    ['an array replaces a scalar', 'a=1&a[b]=2', { a: { b: '2' } }],
    ['key without value', 'flag&x=', { flag: '', x: '' }],
    ['dots and spaces in the base name become _', 'a.b=1&c d=2', { a_b: '1', c_d: '2' }],
    ['unmatched bracket is literal', 'a[b=1', { a_b: '1' }],
    ['text after ] is ignored', 'a[b]c=1', { a: { b: '1' } }],
    ['empty key is skipped', '=1&&b=2', { b: '2' }],
    ['malformed escapes stay literal', 'a=100%&b=%zz', { a: '100%', b: '%zz' }],
    [
      'additionalFields map by hex key',
      'additionalFields[62899cef]=Ivanovich',
      { additionalFields: { '62899cef': 'Ivanovich' } },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseStr(input)).toEqual(expected);
  });

  it('urlDecode handles + and UTF-8', () => {
    expect(urlDecode('2026-01-01+10%3A00%3A00')).toBe('2026-01-01 10:00:00');
  });
});

describe('parseBody', () => {
  it('parses JSON objects', () => {
    expect(parseBody('application/json; charset=utf-8', '{"name":"x","ids":[1,2]}')).toEqual({
      name: 'x',
      ids: [1, 2],
    });
  });
  it('parses form bodies, also without a content type', () => {
    expect(parseBody('application/x-www-form-urlencoded', 'a[]=1')).toEqual({ a: ['1'] });
    expect(parseBody(undefined, 'a=1')).toEqual({ a: '1' });
  });
  it('treats an empty body as no parameters', () => {
    expect(parseBody('application/json', '')).toEqual({});
  });
  it('rejects malformed JSON with 400 and a clear message', () => {
    expect(() => parseBody('application/json', '{"a":')).toThrow(/Malformed JSON body/);
    expect(() => parseBody('application/json', '[1]')).toThrow(/must be an object/);
  });
  it('rejects unsupported content types with 415', () => {
    expect(() => parseBody('multipart/form-data; boundary=x', 'x')).toThrow(/Unsupported/);
  });
});
