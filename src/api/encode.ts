// All wire formatting for the API, as pure functions (STYLE.md §6). No I/O.
//
// Encoding rules, decided once for query strings and form bodies alike:
// - `undefined` is dropped (the key is not sent), so optional inputs need no special casing.
// - `null` is sent as an empty string (`key=`), which the API reads as "clear this value".
// - booleans go out in each flag's documented form (`true`/`false` for most, `1`/`0` for
//   `accessSettings[*]`…), looked up per endpoint in wire-forms.ts; a flag without an entry there
//   is refused rather than guessed.
// - numbers are sent as decimal strings; NaN / Infinity are rejected (they have no wire form).
// - `Date` objects are rejected: dates have several API shapes, so tools convert in `toParams`.
// - nested objects and arrays become PHP brackets with explicit indices
//   (`users[0][email]=…`, `lectorIds[0]=1029`), because `users[][email]` is ambiguous for
//   multi-field objects (api §11.2). Empty arrays/objects send nothing (qs default).
// - keys and values are UTF-8 percent-encoded (RFC 3986), brackets included: PHP decodes both.
import { createRequire } from 'node:module';
import type QueryString from 'qs';
import type { HttpMethod } from './types.js';
import { flagWriter, type FlagWriter } from './wire-forms.js';

// qs and its dependency tree cost ~30 ms to load; start-up (the first tools/list) does not need
// them, so the first request loads them.
let qs: typeof QueryString | undefined;
const loadQs = () => (qs ??= createRequire(import.meta.url)('qs') as typeof QueryString);

const PATH_PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface FilledPath {
  path: string;
  /** The params that were not used in the path (go to the query string or body). */
  rest: Record<string, unknown>;
}

/** Substitute `{name}` placeholders; rejects missing, empty and path-traversing values. */
export function fillPath(path: string, params: Record<string, unknown> = {}): FilledPath {
  const used = new Set<string>();
  const filled = path.replace(PATH_PARAM, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new Error(`Missing path parameter "${name}" for ${path}`);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new Error(`Path parameter "${name}" must be a string or number, got ${typeof value}`);
    }
    const text = String(value);
    if (text === '') throw new Error(`Path parameter "${name}" must not be empty`);
    // encodeURIComponent keeps `.` and `..` as they are, and some proxies decode %2F: refuse both.
    if (text === '.' || text === '..' || text.includes('/') || text.includes('\\')) {
      throw new Error(`Path parameter "${name}" has an unsafe value (path traversal)`);
    }
    used.add(name);
    return encodeURIComponent(text);
  });
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!used.has(key)) rest[key] = value;
  return { path: filled, rest };
}

/** Bracket form of a key path, for messages: `a[b][0]`. */
const bracketed = (path: readonly string[]) =>
  path[0] +
  path
    .slice(1)
    .map((s) => `[${s}]`)
    .join('');

const noFlags: FlagWriter = (path) => {
  throw new Error(`Flag "${bracketed(path)}" has no endpoint to take its wire form from`);
};

/** Map values to the wire rules above before qs sees them (qs would send `true`, dates as ISO). */
function toWire(value: unknown, path: string[], flag: FlagWriter): unknown {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (typeof value === 'boolean') return flag(path, value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`Parameter "${bracketed(path)}" is not a finite number`);
    }
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) {
    throw new Error(
      `Parameter "${bracketed(path)}" is a Date; convert it to the API's date shape first`,
    );
  }
  if (Array.isArray(value)) return value.map((item, i) => toWire(item, [...path, String(i)], flag));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const wire = toWire(v, [...path, k], flag);
      if (wire !== undefined) out[k] = wire;
    }
    return out;
  }
  throw new Error(`Parameter "${bracketed(path)}" has an unsupported type (${typeof value})`);
}

/**
 * Encode params as a PHP-bracket string; the same output serves query strings and form bodies.
 * Booleans need `flags`, the writer of one endpoint's documented flag forms (see buildRequest).
 */
export function encodeParams(
  params: Record<string, unknown> = {},
  flags: FlagWriter = noFlags,
): string {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const encoded = toWire(value, [key], flags);
    if (encoded !== undefined) wire[key] = encoded;
  }
  return loadQs().stringify(wire, { arrayFormat: 'indices', format: 'RFC3986', charset: 'utf-8' });
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface BuiltRequest {
  /** Filled path, without the query string. */
  path: string;
  query?: string;
  body?: string;
  contentType?: string;
}

/** GET/DELETE carry params in the query string; POST/PUT/PATCH in a form body (api §11.2). */
export function buildRequest(
  method: HttpMethod,
  pathTemplate: string,
  params: Record<string, unknown> = {},
): BuiltRequest {
  const { path, rest } = fillPath(pathTemplate, params);
  const encoded = encodeParams(rest, flagWriter(method, pathTemplate));
  if (method === 'GET' || method === 'DELETE') {
    return encoded ? { path, query: encoded } : { path };
  }
  return { path, body: encoded, contentType: FORM_CONTENT_TYPE };
}
