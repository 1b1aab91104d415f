import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from '../../src/api/errors.js';
import { normalise, parseBody } from '../../src/api/normalise.js';

describe('parseBody', () => {
  it.each([
    ['', 'application/json'],
    ['  \n', undefined],
    ['', undefined],
  ])('returns null for an empty body %j', (body, type) => {
    expect(parseBody(body, type)).toBeNull();
  });

  it('parses JSON by content type, including scalars', () => {
    expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(parseBody('"ok"', 'application/problem+json')).toBe('ok');
    expect(parseBody('[1]', 'text/html')).toEqual([1]); // mislabelled JSON still parses
    expect(parseBody('\n  {"a":1}\n', 'text/html')).toEqual({ a: 1 }); // white space around it too
  });

  it('rejects HTML with a non-json error and a redacted excerpt', () => {
    const body = '<html>proxy error for token abc123</html>';
    const parse = () =>
      parseBody(body, 'text/html', { status: 200, method: 'GET', path: '/x', token: 'abc123' });
    expect(parse).toThrow(UnexpectedResponseError);
    try {
      parse();
    } catch (err) {
      const e = err as UnexpectedResponseError;
      expect(e.reason).toBe('non-json');
      expect(e.status).toBe(200);
      expect(e.message).toContain('GET /x');
      expect(e.message).not.toContain('abc123');
      expect(e.bodyExcerpt).not.toContain('abc123');
    }
  });

  it.each(['{"id": 1, "na', '[{"id":1},{"id"', '{"name":"unterminated'])(
    'reports truncated JSON %j',
    (body) => {
      expect(() => parseBody(body, 'application/json')).toThrow(/truncated/);
    },
  );

  it('reports malformed (not truncated) JSON as non-json', () => {
    try {
      parseBody('{"a":1}}', 'application/json');
      expect.unreachable();
    } catch (err) {
      expect((err as UnexpectedResponseError).reason).toBe('non-json');
    }
  });
});

describe('normalise', () => {
  it('converts string-typed numbers in a schedule entry', () => {
    const entry = {
      id: '1550307',
      eventId: '42',
      createUserID: '7',
      access: '1',
      participationsCount: '2',
      isArchive: '0',
      isOnline: '1',
      duration: '3600',
      utcStartsAt: '1767225600',
      timezone: '3',
      name: '123',
      password: '0042',
      phone: '79161234567',
      description: '1',
      token: 'a1b2c3',
      lectorIds: ['1', '2'],
      sessions: [{ id: '9', isArchive: '1', status: 'ACTIVE' }],
    };
    expect(normalise(entry)).toEqual({
      id: 1550307,
      eventId: 42,
      createUserID: 7,
      access: 1,
      participationsCount: 2,
      isArchive: false,
      isOnline: true,
      duration: 3600,
      utcStartsAt: 1767225600,
      timezone: 3,
      name: '123',
      password: '0042',
      phone: '79161234567',
      description: '1',
      token: 'a1b2c3',
      lectorIds: [1, 2],
      sessions: [{ id: 9, isArchive: true, status: 'ACTIVE' }],
    });
  });

  it.each([
    ['leading zero', { id: '0123' }],
    ['decimal', { size: '1.5' }],
    ['hex id', { fileId: 'ab12ef' }],
    ['unsafe integer', { id: '123456789012345678901' }],
    ['non-flag is*', { isArchive: 'yes' }],
    ['issue is not an is-flag', { issue: '1' }],
    ['numbers stay numbers', { id: 5, isAccepted: 1, visited: true }],
  ])('leaves %s alone', (_name, value) => {
    const before = structuredClone(value);
    expect(normalise(value)).toEqual(before);
  });

  it('handles negatives, zero, null and top-level scalars', () => {
    expect(normalise({ offset: '-10', order: '0', id: null })).toEqual({
      offset: -10,
      order: 0,
      id: null,
    });
    expect(normalise('1550307')).toBe('1550307');
    expect(normalise(null)).toBeNull();
  });
});
