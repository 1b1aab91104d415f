// Typed errors of the HTTP layer. Every message and excerpt passes through `redact`.
import { STATUS_CODES } from 'node:http';
import { excerpt, redact } from './redact.js';

export { redact } from './redact.js';

export type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` as whole seconds (delta-seconds or HTTP-date); undefined when absent/invalid. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

interface ParsedErrorBody {
  message?: string;
  code?: string | number;
  fieldErrors?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Read `{"error":{code,message,fieldErrors}}`, `{"error":"…"}`, `{"message":"…"}` or `"…"`. */
function parseErrorBody(bodyText: string): ParsedErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof json === 'string') return { message: json };
  if (!isRecord(json)) return {}; // valid JSON of another shape: fall back to the status text
  const err = json.error;
  if (isRecord(err)) {
    return {
      message: typeof err.message === 'string' ? err.message : undefined,
      code: typeof err.code === 'string' || typeof err.code === 'number' ? err.code : undefined,
      fieldErrors: isRecord(err.fieldErrors) ? err.fieldErrors : undefined,
    };
  }
  if (typeof err === 'string') {
    const description = json.error_description;
    return { message: typeof description === 'string' ? `${err}: ${description}` : err };
  }
  if (typeof json.message === 'string') return { message: json.message };
  return {};
}

/** A human message for a non-JSON body: an HTML page's <title>, or the first line of text. */
function textMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return title || undefined;
  }
  const line = trimmed.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export interface FromResponseInput {
  status: number;
  method: string;
  /** Filled path without the query string (query values never reach error text). */
  path: string;
  headers: Headers;
  bodyText: string;
  token: string;
}

/** The API answered with a non-2xx status. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly apiMessage: string;
  readonly code?: string | number;
  readonly fieldErrors?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  readonly bodyExcerpt: string;

  constructor(init: Omit<ApiError, 'name' | 'message' | 'stack' | 'cause'>) {
    super(`${init.status} ${init.method} ${init.path}: ${init.apiMessage}`);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.apiMessage = init.apiMessage;
    if (init.code !== undefined) this.code = init.code;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    this.bodyExcerpt = init.bodyExcerpt;
  }

  static fromResponse(input: FromResponseInput): ApiError {
    const { status, method, headers, bodyText, token } = input;
    const parsed = parseErrorBody(bodyText);
    const message =
      parsed?.message ?? textMessage(parsed ? '' : bodyText) ?? STATUS_CODES[status] ?? 'Error';
    const fieldErrors = parsed?.fieldErrors
      ? (JSON.parse(redact(JSON.stringify(parsed.fieldErrors), token)) as Record<string, unknown>)
      : undefined;
    return new ApiError({
      status,
      method: method.toUpperCase(),
      path: redact(input.path, token),
      apiMessage: redact(message, token),
      code: typeof parsed?.code === 'string' ? redact(parsed.code, token) : parsed?.code,
      fieldErrors,
      retryAfterSeconds: parseRetryAfter(headers),
      bodyExcerpt: excerpt(bodyText, token),
    });
  }
}

/** A 2xx answer whose body is not the JSON it should be (HTML from a proxy, cut-off JSON). */
export class UnexpectedResponseError extends Error {
  override name = 'UnexpectedResponseError';
  constructor(
    message: string,
    readonly reason: 'non-json' | 'truncated',
    readonly bodyExcerpt: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Base of the no-response errors: method and (redacted) filled path of the failed call. */
abstract class RequestError extends Error {
  readonly method: string;
  readonly path: string;
  constructor(
    method: string,
    path: string,
    message: string,
    token: string,
    options?: ErrorOptions,
  ) {
    super(redact(message, token), options);
    this.method = method;
    this.path = redact(path, token);
  }
}

/** No HTTP answer at all: connection refused/reset, DNS failure, socket closed. */
export class NetworkError extends RequestError {
  override name = 'NetworkError';
  /** The underlying error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined;
  constructor(
    method: string,
    path: string,
    code: string | undefined,
    detail: string,
    token: string,
  ) {
    const message = `Network error on ${method} ${path}: ${code ?? 'unknown'} (${detail})`;
    super(method, path, message, token, { cause: code ? { code } : undefined });
    this.code = code;
  }
}

/** The per-request timeout (headers and body) elapsed. */
export class TimeoutError extends RequestError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(method: string, path: string, timeoutMs: number, token: string) {
    super(method, path, `Timed out after ${timeoutMs} ms on ${method} ${path}`, token);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted (e.g. the MCP request was cancelled). */
export class CancelledError extends RequestError {
  override name = 'CancelledError';
  constructor(method: string, path: string, token: string) {
    super(method, path, `Cancelled ${method} ${path}`, token);
  }
}

/**
 * The shared state (Redis, MTSLINK_REDIS_URL) could not be reached or answered wrongly. Nothing
 * was sent to the API by the call that met it; the caller can repeat once Redis is back.
 */
export class SharedStateError extends Error {
  override name = 'SharedStateError';
  constructor(operation: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `the shared state (Redis, MTSLINK_REDIS_URL) is unavailable while ${operation} (${why}); nothing more was sent: call again once it is back, people already registered are skipped`,
      { cause },
    );
  }
}
