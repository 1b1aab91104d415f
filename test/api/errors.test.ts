import { describe, expect, it } from 'vitest';
import {
  ApiError,
  CancelledError,
  NetworkError,
  parseRetryAfter,
  redact,
  TimeoutError,
} from '../../src/api/errors.js';

const TOKEN = 'sEcReT-t0ken+/=';
const base = { method: 'GET', path: '/events/1', headers: {}, token: TOKEN };

describe('ApiError.fromResponse', () => {
  const shapes: [string, number, string, string][] = [
    [
      'standard error object',
      409,
      '{"error":{"code":409,"message":"Event session is not started"}}',
      'Event session is not started',
    ],
    ['error as a string', 400, '{"error":"invalid_grant"}', 'invalid_grant'],
    [
      'oauth error with description',
      401,
      '{"error":"invalid_token","error_description":"expired"}',
      'invalid_token: expired',
    ],
    [
      'bare message object',
      403,
      '{"message":"x-auth-token value is wrong"}',
      'x-auth-token value is wrong',
    ],
    ['bare JSON string', 404, '"Not found"', 'Not found'],
    ['plain text', 500, 'Internal failure\nstack...', 'Internal failure'],
    [
      'HTML page',
      502,
      '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      '502 Bad Gateway',
    ],
    ['HTML without title', 503, '<html><body>down</body></html>', 'Service Unavailable'],
    ['empty body', 404, '', 'Not Found'],
    ['JSON without message', 400, '{"foo":1}', 'Bad Request'],
    ['JSON array', 400, '[1,2]', 'Bad Request'],
  ];
  it.each(shapes)('reads the message from a %s', (_name, status, bodyText, apiMessage) => {
    const err = ApiError.fromResponse({ ...base, status, bodyText });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.name).toBe('ApiError');
    expect(err.apiMessage).toBe(apiMessage);
    expect(err.message).toBe(`${status} GET /events/1: ${apiMessage}`);
    expect(err.status).toBe(status);
    expect(err.bodyExcerpt).toBe(bodyText.slice(0, 300));
  });

  it('keeps code and fieldErrors', () => {
    const err = ApiError.fromResponse({
      ...base,
      method: 'post',
      status: 403,
      bodyText: JSON.stringify({
        error: { code: 403, message: 'simultaneous', fieldErrors: { currentConversionID: 123 } },
      }),
    });
    expect(err.code).toBe(403);
    expect(err.fieldErrors).toEqual({ currentConversionID: 123 });
    expect(err.method).toBe('POST');
  });

  it('reads Retry-After seconds', () => {
    const err = ApiError.fromResponse({
      ...base,
      status: 429,
      headers: { 'retry-after': '7' },
      bodyText: '',
    });
    expect(err.retryAfterSeconds).toBe(7);
    expect(err.apiMessage).toBe('Too Many Requests');
  });

  it('caps the excerpt at 300 characters', () => {
    const err = ApiError.fromResponse({ ...base, status: 500, bodyText: 'x'.repeat(1000) });
    expect(err.bodyExcerpt.length).toBeLessThanOrEqual(300);
  });

  it('redacts the token from message, excerpt, fieldErrors and stack', () => {
    const bodyText = JSON.stringify({
      error: {
        code: TOKEN,
        message: `bad token ${TOKEN}`,
        fieldErrors: { token: TOKEN, enc: encodeURIComponent(TOKEN) },
      },
    });
    const err = ApiError.fromResponse({ ...base, path: `/x/${TOKEN}`, status: 403, bodyText });
    const dump = [err.message, err.stack, err.bodyExcerpt, JSON.stringify(err), String(err.code)];
    for (const text of dump) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(err.fieldErrors)).not.toContain(TOKEN);
    expect(JSON.stringify(err.fieldErrors)).not.toContain(encodeURIComponent(TOKEN));
    expect(err.apiMessage).toBe('bad token [REDACTED]');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [{ 'retry-after': '3' }, 3],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, 10],
    [{ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': ['4', '5'] }, 4],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(parseRetryAfter(headers, now)).toBe(expected);
  });
});

describe('redact', () => {
  it('replaces raw and URL-encoded tokens', () => {
    expect(redact(`a ${TOKEN} b ${encodeURIComponent(TOKEN)}`, TOKEN)).toBe(
      'a [REDACTED] b [REDACTED]',
    );
  });
  it('is a no-op without a token', () => {
    expect(redact('text', '')).toBe('text');
  });
});

describe('no-response errors', () => {
  it('set name, fields and redacted messages', () => {
    const net = new NetworkError('GET', '/a', 'ECONNREFUSED', `connect ${TOKEN}`, TOKEN);
    expect(net.name).toBe('NetworkError');
    expect(net.code).toBe('ECONNREFUSED');
    expect(net.cause).toEqual({ code: 'ECONNREFUSED' });
    expect(net.message).toContain('ECONNREFUSED');
    const timeout = new TimeoutError('GET', '/a', 250, TOKEN);
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.timeoutMs).toBe(250);
    expect(timeout.message).toBe('Timed out after 250 ms on GET /a');
    const cancelled = new CancelledError('PUT', '/a', TOKEN);
    expect(cancelled.name).toBe('CancelledError');
    for (const e of [net, timeout, cancelled]) {
      expect(`${e.message}${e.stack}`).not.toContain(TOKEN);
    }
  });
});
