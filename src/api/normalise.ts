// Body parsing and normalisation of the API's loosely typed JSON (api §11.3).
import { UnexpectedResponseError } from './errors.js';
import { excerpt, redact } from './redact.js';

export interface ParseContext {
  status?: number;
  method?: string;
  path?: string;
  /** Redacted from every excerpt and message. */
  token?: string;
}

/** True when the text ends inside a string or an open object/array: the body was cut off. */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return inString || depth > 0;
}

/**
 * Parse a response body. Empty → `null` (201/204 without content). JSON is accepted when the
 * content type says so, or when the body starts like a JSON document whatever the header says
 * (some gateways label JSON `text/html`). Anything else throws `UnexpectedResponseError`.
 */
export function parseBody(
  bodyText: string,
  contentType: string | undefined,
  ctx: ParseContext = {},
): unknown {
  // The first character, not a trimmed copy: JSON.parse skips the white space itself, and a
  // copy of every body (10,000-row statistics among them) is work for nothing.
  const start = bodyText.search(/\S/);
  if (start < 0) return null;
  const first = bodyText[start];
  const isJsonType = /[/+]json\b/i.test(contentType ?? '');
  const where = ctx.method && ctx.path ? ` to ${ctx.method} ${ctx.path}` : '';
  const fail = (reason: 'non-json' | 'truncated', what: string): never => {
    const body = excerpt(bodyText, ctx.token);
    const message = redact(`The API answered${where} with ${what}: ${body}`, ctx.token);
    throw new UnexpectedResponseError(message, reason, body, ctx.status);
  };
  if (isJsonType || first === '{' || first === '[') {
    try {
      return JSON.parse(bodyText);
    } catch {
      if (looksTruncated(bodyText)) return fail('truncated', 'a truncated JSON body');
      return fail('non-json', 'invalid JSON');
    }
  }
  return fail('non-json', `a non-JSON body (${contentType || 'no content type'})`);
}

// Keys whose digit-only string values are really numbers. Besides ids and counters, these are
// the numeric fields the schedule lists (E7/E8) and test sessions (T4) return as strings.
const NUMERIC_KEYS = new Set([
  'access',
  'duration',
  'size',
  'offset',
  'points',
  'minPoints',
  'order',
  'timezone',
  'utcStartsAt',
]);
// No leading zeros (a "0123" is a code, not a number) and no decimals.
const INTEGER = /^-?(0|[1-9]\d*)$/;

function isNumericKey(key: string): boolean {
  return (
    key === 'id' ||
    key.endsWith('Id') ||
    key.endsWith('ID') ||
    // arrays of ids (`lectorIds: ["1", "2"]`): elements are checked against the array's key
    key.endsWith('Ids') ||
    key.endsWith('IDs') ||
    key.endsWith('Count') ||
    NUMERIC_KEYS.has(key)
  );
}

function normaliseScalar(key: string | undefined, value: string): unknown {
  if (key === undefined) return value;
  if (/^is[A-Z]/.test(key) && (value === '0' || value === '1')) return value === '1';
  if (isNumericKey(key) && INTEGER.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  return value;
}

/**
 * Convert the API's string-typed numbers and 0/1 flags by key name, so that tools see
 * `"id": 1550307` and `"isArchive": false` whatever endpoint they came from. Other strings
 * (names, passwords, phones, hex tokens) are never touched. In place: the value is a tree that
 * JSON.parse has just made and nobody else holds, so it is not copied (returned for a scalar).
 */
export function normalise(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return normaliseScalar(key, value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalise(value[i], key);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) obj[k] = normalise(obj[k], k);
    return obj;
  }
  return value;
}
