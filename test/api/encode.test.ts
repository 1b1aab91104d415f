import { describe, expect, it } from 'vitest';
import { buildRequest, encodeParams, fillPath } from '../../src/api/encode.js';

/** Decoded `key=value` pairs, in order: readable assertions independent of bracket escaping. */
function pairs(encoded: string): string[] {
  if (!encoded) return [];
  return encoded.split('&').map((pair) => {
    const [k = '', v = ''] = pair.split('=');
    return `${decodeURIComponent(k)}=${decodeURIComponent(v)}`;
  });
}

describe('encodeParams', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['flat scalars', { name: 'Demo', perPage: 50 }, ['name=Demo', 'perPage=50']],
    [
      'nested objects',
      { startsAt: { date: { year: 2026, month: 12, day: 1 }, time: { hour: 12, minute: 30 } } },
      [
        'startsAt[date][year]=2026',
        'startsAt[date][month]=12',
        'startsAt[date][day]=1',
        'startsAt[time][hour]=12',
        'startsAt[time][minute]=30',
      ],
    ],
    [
      'indexed scalar arrays',
      { lectorIds: [1029, 1030] },
      ['lectorIds[0]=1029', 'lectorIds[1]=1030'],
    ],
    [
      'arrays of objects',
      { users: [{ email: 'a@x.ru', role: 'GUEST' }, { email: 'b@x.ru' }] },
      ['users[0][email]=a@x.ru', 'users[0][role]=GUEST', 'users[1][email]=b@x.ru'],
    ],
    [
      'deep nesting',
      { testData: { questions: [{ answers: [{ points: 0 }, { points: 2 }] }] } },
      [
        'testData[questions][0][answers][0][points]=0',
        'testData[questions][0][answers][1][points]=2',
      ],
    ],
    [
      'map-like keys',
      { additionalFields: { '62899cef': 'Acme' } },
      ['additionalFields[62899cef]=Acme'],
    ],
    ['unicode', { name: 'Вебинар №1 ✓' }, ['name=Вебинар №1 ✓']],
    ['reserved characters', { q: 'a&b=c+d %' }, ['q=a&b=c+d %']],
    ['undefined dropped', { a: undefined, b: 1, c: { d: undefined } }, ['b=1']],
    ['null → empty string', { description: null }, ['description=']],
    ['empty string kept', { name: '' }, ['name=']],
    ['empty array/object send nothing', { ids: [], o: {} }, []],
    ['no params', {}, []],
    ['negative and decimal numbers', { a: -5, b: 1.5 }, ['a=-5', 'b=1.5']],
  ];
  it.each(cases)('%s', (_name, params, expected) => {
    expect(pairs(encodeParams(params))).toEqual(expected);
  });

  it('writes booleans through the flag writer of the endpoint, with their bracket path', () => {
    const seen: string[] = [];
    const writer = (path: readonly string[], value: boolean) => {
      seen.push(path.join('/'));
      return value ? 'yes' : 'no';
    };
    expect(pairs(encodeParams({ a: true, b: [{ c: false }] }, writer))).toEqual([
      'a=yes',
      'b[0][c]=no',
    ]);
    expect(seen).toEqual(['a', 'b/0/c']);
  });

  it('refuses a boolean when no endpoint says how to write it', () => {
    expect(() => encodeParams({ notify: false })).toThrow(/notify/);
  });

  it('percent-encodes brackets and UTF-8', () => {
    expect(encodeParams({ a: { b: 'я' } })).toBe('a%5Bb%5D=%D1%8F');
  });

  it('escapes separators inside keys (no parameter injection)', () => {
    expect(encodeParams({ additionalFields: { 'x&admin=1': 'v' } })).not.toContain('&admin');
  });

  const rejected: [string, Record<string, unknown>, RegExp][] = [
    ['Date', { startsAt: new Date() }, /Date/],
    ['nested Date', { a: [{ when: new Date() }] }, /a\[0\]\[when\].*Date/],
    ['NaN', { n: Number.NaN }, /finite/],
    ['Infinity', { n: Infinity }, /finite/],
    ['function', { f: () => 1 }, /unsupported/],
  ];
  it.each(rejected)('rejects %s', (_name, params, message) => {
    expect(() => encodeParams(params)).toThrow(message);
  });
});

describe('fillPath', () => {
  it('fills and encodes path params and returns the rest', () => {
    expect(fillPath('/events/{eventId}/sessions', { eventId: 42, name: 'x' })).toEqual({
      path: '/events/42/sessions',
      rest: { name: 'x' },
    });
    expect(fillPath('/contacts/{contactId}', { contactId: 'a b?c#' }).path).toBe(
      '/contacts/a%20b%3Fc%23',
    );
    expect(
      fillPath('/eventsessions/{eventSessionId}/files/{fileId}', { eventSessionId: 1, fileId: 2 }),
    ).toEqual({ path: '/eventsessions/1/files/2', rest: {} });
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['missing', {}, /Missing path parameter "eventId"/],
    ['null', { eventId: null }, /Missing/],
    ['empty', { eventId: '' }, /empty/],
    ['dot', { eventId: '.' }, /traversal/],
    ['dot-dot', { eventId: '..' }, /traversal/],
    ['slash', { eventId: '1/../../admin' }, /traversal/],
    ['backslash', { eventId: '..\\x' }, /traversal/],
    ['object', { eventId: { a: 1 } }, /string or number/],
  ];
  it.each(bad)('throws on a %s value', (_name, params, message) => {
    expect(() => fillPath('/events/{eventId}', params)).toThrow(message);
  });

  it('leaves a path without params alone', () => {
    expect(fillPath('/records', { limit: 10 })).toEqual({ path: '/records', rest: { limit: 10 } });
  });
});

describe('buildRequest', () => {
  it('puts GET params in the query string', () => {
    const r = buildRequest('GET', '/eventsessions/{eventSessionId}/participations', {
      eventSessionId: 7,
      page: 2,
    });
    expect(r).toEqual({ path: '/eventsessions/7/participations', query: 'page=2' });
  });

  it('puts DELETE params in the query string and omits an empty query', () => {
    expect(buildRequest('DELETE', '/records/{recordId}', { recordId: 3 })).toEqual({
      path: '/records/3',
    });
  });

  it.each(['POST', 'PUT', 'PATCH'] as const)('puts %s params in a form body', (method) => {
    const r = buildRequest(method, '/events/{eventId}/sessions', { eventId: 1, name: 'N' });
    expect(r).toEqual({
      path: '/events/1/sessions',
      body: 'name=N',
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it('sends an empty form body when a POST has no params', () => {
    expect(buildRequest('PUT', '/eventsessions/{id}/start', { id: 1 })).toMatchObject({
      body: '',
      contentType: 'application/x-www-form-urlencoded',
    });
  });
});
