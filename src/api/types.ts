// The contract between the tool layer and the HTTP client. Nothing here knows about MCP.
import type { Dispatcher } from 'undici';
import type { StartLimiter } from './rate-limit.js';
import type { TraceSink } from './trace.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthScheme = 'x-auth-token' | 'bearer';

export interface ApiRequest {
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. '/eventsessions/{eventSessionId}'. */
  path: string;
  /** Path params (filled into `{name}`) plus query params (GET/DELETE) or form body (others). */
  params?: Record<string, unknown>;
  /** Cancellation from the caller (the MCP request's AbortSignal). */
  signal?: AbortSignal;
  /**
   * Safe to send twice. Defaults to true for GET/PUT/DELETE and false for POST/PATCH.
   * 5xx, network errors and timeouts are retried only for idempotent calls; 429 always is.
   */
  idempotent?: boolean;
  /**
   * Called each time an attempt leaves the rate limit and is sent: a bulk run starts preparing
   * its next request then, so that one always waits for the next slot (registration-job.ts).
   */
  onStart?: () => void;
}

export interface ApiResponse<T = unknown> {
  status: number;
  /** Parsed, normalised JSON body; `null` for an empty body (201/204 without content). */
  data: T;
  /** The `Location` header, when the API sent one. */
  location?: string;
}

export interface ApiClientOptions {
  /** e.g. 'https://userapi.mts-link.ru/v3' (no trailing slash needed). */
  baseUrl: string;
  token: string;
  /**
   * How the token travels: an API key in `x-auth-token` (default), or an OAuth access token of a
   * partner application as `Authorization: Bearer` (H21125).
   */
  authScheme?: AuthScheme;
  /** Per-request timeout (headers and body), default 30000. */
  timeoutMs?: number;
  /** Client-side rate limit in requests per second, default 5. */
  maxRps?: number;
  /** Retries after the first attempt, default 3. */
  maxRetries?: number;
  /** First backoff step in ms (doubled each retry, with jitter), default 500. */
  retryBaseMs?: number;
  /** Longest `Retry-After` we are willing to wait inside one call, default 30000 ms. */
  maxRetryAfterMs?: number;
  /**
   * The limiter for this client's tenant (token hash) at `rps`; default one in this process.
   * With MTSLINK_REDIS_URL every instance shares it (shared-rate-limit.ts).
   */
  limiterFor?: (tenant: string, rps: number) => StartLimiter;
  /** Injected undici dispatcher (MockAgent in unit tests); default: one keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Receives every exchange, redacted (`--trace FILE`). */
  trace?: TraceSink;
  /** Diagnostic log sink (stderr in production); never receives the token. */
  log?: (message: string) => void;
}
