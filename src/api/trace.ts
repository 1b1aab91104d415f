// `--trace FILE`: every exchange with the API as one JSON line (method, path, status, timing,
// the encoded request and an excerpt of the answer), safe to attach to a bug report. Redacted
// before anything is written: the token wherever it appears, personal links (a participant's
// join link is their key to the room; upload and download links carry storage tokens) and
// passwords. Names and e-mails of the people involved stay in: they are what a report is about.
import { closeSync, openSync, writeSync } from 'node:fs';
import { redact } from './redact.js';

export interface TraceEntry {
  time: string;
  method: string;
  /** Filled path, without the query string. */
  path: string;
  query?: string;
  /** The form body as sent (encoded), redacted. */
  body?: string;
  /** HTTP status; absent when no answer came (see `error`). */
  status?: number;
  ms: number;
  /** 1 for the first try, 2… for retries. */
  attempt: number;
  /** NetworkError, TimeoutError…, with its code. */
  error?: string;
  /** The answer, redacted and cut to RESPONSE_CHARS. */
  response?: string;
  responseBytes?: number;
}

export type TraceSink = (entry: TraceEntry) => void;

const RESPONSE_CHARS = 4000;
const HIDDEN = '[redacted]';
/** JSON keys whose values are links (personal join links, storage URLs with tokens). */
const LINK_KEY = /^(link|url|uri)$|(Url|Link|Uri)$/;
/** Form/query keys whose values are secrets or links. */
const SECRET_PARAM = /(^|\[)(password|link|url)(\]|$)|(Url|Link)(\]|$)/i;

function hideLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideLinks);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        LINK_KEY.test(k) && typeof v === 'string' && v !== '' ? HIDDEN : hideLinks(v),
      ]),
    );
  }
  return value;
}

/** Passwords and links in an encoded form body or query string. */
function redactParams(encoded: string): string {
  return encoded
    .split('&')
    .map((pair) => {
      const [key = '', value] = pair.split('=');
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      return value !== undefined && value !== '' && SECRET_PARAM.test(name)
        ? `${key}=${HIDDEN}`
        : pair;
    })
    .join('&');
}

/** An answer body: JSON with its links hidden, or text with URLs cut to their host. */
function redactResponse(text: string): string {
  let out: string;
  try {
    out = JSON.stringify(hideLinks(JSON.parse(text)));
  } catch {
    out = text.replace(/\bhttps?:\/\/[^\s"'<>]+/g, (url) => {
      try {
        return `${new URL(url).origin}/${HIDDEN}`;
      } catch {
        return HIDDEN;
      }
    });
  }
  return out.length > RESPONSE_CHARS
    ? `${out.slice(0, RESPONSE_CHARS)}… [${out.length - RESPONSE_CHARS} more characters]`
    : out;
}

export interface Exchange {
  method: string;
  path: string;
  query?: string;
  body?: string;
  status?: number;
  startedAt: number;
  attempt: number;
  error?: string;
  responseText?: string;
}

/** One redacted trace line; `token` is removed from every field. */
export function traceEntry(x: Exchange, token: string, now = Date.now()): TraceEntry {
  const clean = (text: string) => redact(text, token);
  const entry: TraceEntry = {
    time: new Date(x.startedAt).toISOString(),
    method: x.method,
    path: clean(x.path),
    ms: now - x.startedAt,
    attempt: x.attempt,
  };
  if (x.query) entry.query = clean(redactParams(x.query));
  if (x.body) entry.body = clean(redactParams(x.body));
  if (x.status !== undefined) entry.status = x.status;
  if (x.error) entry.error = clean(x.error);
  if (x.responseText !== undefined && x.responseText !== '') {
    entry.responseBytes = Buffer.byteLength(x.responseText);
    entry.response = redactResponse(clean(x.responseText)); // token out before any cut
  }
  return entry;
}

/**
 * A sink appending JSON lines to `file` (created 0600: it holds people's names and e-mails).
 * Writes are synchronous so that a crash still leaves every exchange before it on disk.
 */
export function openTraceFile(file: string): { sink: TraceSink; close: () => void } {
  const fd = openSync(file, 'a', 0o600);
  return {
    sink: (entry) => {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    },
    close: () => closeSync(fd),
  };
}
