// The one HTTP path to the MTS Link API: auth, timeout, rate limit, retries, cancellation.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { BackPressure } from './back-pressure.js';
import { buildRequest } from './encode.js';
import {
  ApiError,
  CancelledError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from './errors.js';
import { apiResponses, publish, type ApiResponseEvent } from '../channels.js';
import { JsonArrayError, JsonArraySplitter } from './json-array-stream.js';
import { normalise, parseBody } from './normalise.js';
import { RateLimiter, sleep, type StartLimiter } from './rate-limit.js';
import { redact } from './redact.js';
import { sendOnce, type RawResponse, type Transport } from './send.js';
import { traceEntry, type TraceSink } from './trace.js';
import type { ApiClientOptions, ApiRequest, ApiResponse } from './types.js';

/** Reads a streamed 2xx body; returns (never throws) its own parse or consumer error. */
type StreamReader = (
  body: AsyncIterable<Buffer>,
  ctx: { status: number; method: string; path: string },
) => Promise<Error | undefined>;

/** Backoff never grows beyond this, however many retries are configured. */
const MAX_BACKOFF_MS = 10_000;

export class ApiClient {
  /**
   * Whose state this client may see: a hash of its token, never the token. Everything kept
   * between calls (registration jobs) is keyed by it, so organisations never share state.
   */
  readonly tenant: string;
  private readonly transport: Transport;
  private readonly token: string;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  /** We close only the agent we created; an injected dispatcher belongs to the caller. */
  private readonly ownsDispatcher: boolean;
  private readonly limiter: StartLimiter;
  private readonly backPressure: BackPressure;
  private agent?: Promise<Dispatcher>;
  private readonly log: ((message: string) => void) | undefined;
  private readonly trace: TraceSink | undefined;

  constructor(opts: ApiClientOptions) {
    const url = new URL(opts.baseUrl);
    this.token = opts.token;
    this.tenant = createHash('sha256').update(`mtslink-tenant:${opts.token}`).digest('hex');
    this.maxRetries = opts.maxRetries ?? 3;
    this.retryBaseMs = opts.retryBaseMs ?? 500;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
    const rps = opts.maxRps ?? 5;
    this.limiter = opts.limiterFor?.(this.tenant, rps) ?? new RateLimiter(rps);
    this.backPressure = new BackPressure(rps);
    this.log = opts.log;
    this.trace = opts.trace;
    this.ownsDispatcher = !opts.dispatcher;
    this.transport = {
      // One Agent = one keep-alive pool per origin; bulk work reuses warm connections.
      dispatcher: () => (this.agent ??= this.createDispatcher(opts.dispatcher)),
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      token: opts.token,
      authScheme: opts.authScheme ?? 'x-auth-token',
      timeoutMs: opts.timeoutMs ?? 30_000,
    };
  }

  async request<T = unknown>(req: ApiRequest): Promise<ApiResponse<T>> {
    return this.exchange<T>(req);
  }

  /**
   * A GET whose answer is a JSON array, read element by element: each element (normalised) goes
   * to the sink as soon as it has arrived, and nothing keeps the whole body. `start` is called
   * at each attempt and returns that attempt's sink, so a retry after a cut body starts over
   * instead of counting the first elements twice. Returns how many elements the last attempt read.
   */
  async streamArray(req: ApiRequest, start: () => (item: unknown) => void): Promise<number> {
    let count = 0;
    await this.exchange(req, async (body, ctx) => {
      const sink = start();
      let kept: Error | undefined;
      const splitter = new JsonArraySplitter((item) => sink(normalise(item)));
      for await (const chunk of body) {
        try {
          splitter.write(chunk);
        } catch (err) {
          kept = err instanceof Error ? err : new Error(String(err));
          break; // leaving the loop releases the socket
        }
      }
      if (!kept) {
        try {
          count = splitter.end();
        } catch (err) {
          kept = err instanceof Error ? err : new Error(String(err));
        }
      }
      if (kept instanceof JsonArrayError) {
        const where = `${ctx.method} ${ctx.path}`;
        return new UnexpectedResponseError(
          `The API answered to ${where} with ${kept.message}`,
          kept.reason,
          '',
          ctx.status,
        );
      }
      return kept;
    });
    return count;
  }

  private async exchange<T>(req: ApiRequest, stream?: StreamReader): Promise<ApiResponse<T>> {
    const built = buildRequest(req.method, req.path, req.params ?? {});
    const idempotent =
      req.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');

    for (let attempt = 0; ; attempt++) {
      await this.guard(req, built.path, () => this.backPressure.wait(req.signal));
      await this.guard(req, built.path, () => this.limiter.take(req.signal));
      const startedAt = Date.now();
      this.backPressure.started(startedAt);
      req.onStart?.();
      let failure: Error;
      let retriable: boolean;
      let waitMs: number | undefined;
      let recorded = false;
      try {
        let readError: Error | undefined;
        const reader =
          stream &&
          (async (body: AsyncIterable<Buffer>) => {
            readError = await stream(body, { status: 200, method: req.method, path: built.path });
          });
        const raw = await sendOnce(this.transport, req.method, built, req.signal, reader);
        if (raw.status !== 429) this.backPressure.answered(Date.now() - startedAt);
        observe(req.method, String(raw.status));
        // A streamed body is not kept (bodyText is empty): its line has the status, no excerpt.
        this.record(req, built, startedAt, attempt, raw, readError);
        recorded = true;
        if (readError) throw readError;
        if (raw.status >= 200 && raw.status < 300) {
          const ctx = {
            status: raw.status,
            method: req.method,
            path: built.path,
            token: this.token,
          };
          if (stream) return { status: raw.status, data: null as T };
          const parsed = parseBody(raw.bodyText, first(raw.headers['content-type']), ctx);
          const location = first(raw.headers.location);
          const data = normalise(parsed) as T;
          return location ? { status: raw.status, data, location } : { status: raw.status, data };
        }
        const error = ApiError.fromResponse({
          status: raw.status,
          method: req.method,
          path: built.path,
          headers: raw.headers,
          bodyText: raw.bodyText,
          token: this.token,
        });
        failure = error;
        const afterMs =
          error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
        // 429 is always safe to repeat (nothing happened); 5xx only if the call is idempotent.
        retriable = raw.status === 429 || (raw.status >= 500 && idempotent);
        if (afterMs !== undefined && afterMs > this.maxRetryAfterMs) retriable = false;
        waitMs = afterMs;
        // The API speaks for the token, not for this request: everyone waits and slows down.
        if (raw.status === 429) {
          waitMs ??= this.backoff(attempt);
          this.backPressure.tooMany(Math.min(waitMs, this.maxRetryAfterMs));
        }
      } catch (err) {
        if (
          !(err instanceof NetworkError) &&
          !(err instanceof TimeoutError) &&
          !(err instanceof UnexpectedResponseError)
        ) {
          throw err; // CancelledError and programming errors are never retried
        }
        if (!(err instanceof UnexpectedResponseError)) {
          observe(req.method, err instanceof TimeoutError ? 'timeout' : 'network_error');
        }
        if (!recorded) this.record(req, built, startedAt, attempt, undefined, err);
        failure = err;
        retriable = idempotent;
      }
      if (!retriable || attempt >= this.maxRetries) throw failure;
      const wait = waitMs ?? this.backoff(attempt);
      this.log?.(
        redact(
          `mtslink api: retry ${attempt + 1}/${this.maxRetries} ${req.method} ${req.path} ` +
            `after ${describe(failure)}; waiting ${wait} ms`,
          this.token,
        ),
      );
      await this.guard(req, built.path, () => sleep(wait, req.signal));
    }
  }

  /** One line of the --trace file (redacted there); no-op without a trace sink. */
  private record(
    req: ApiRequest,
    built: ReturnType<typeof buildRequest>,
    startedAt: number,
    attempt: number,
    raw?: RawResponse,
    err?: Error,
  ): void {
    if (!this.trace) return;
    const code = err && 'code' in err && typeof err.code === 'string' ? ` ${err.code}` : '';
    this.trace(
      traceEntry(
        {
          method: req.method,
          path: built.path,
          query: built.query,
          body: built.body,
          status: raw?.status,
          startedAt,
          attempt: attempt + 1,
          error: err ? `${err.name}${code}` : undefined,
          responseText: raw?.bodyText,
        },
        this.token,
      ),
    );
  }

  /** Close the keep-alive pool (only when this client created it). */
  async close(): Promise<void> {
    if (this.ownsDispatcher && this.agent) await (await this.agent).close();
  }

  /**
   * undici is loaded on the first request, not at start-up: listing tools needs no HTTP, and
   * the import is a large share of a cold start.
   */
  private async createDispatcher(injected?: Dispatcher): Promise<Dispatcher> {
    if (injected) return injected;
    const { Agent } = await import('undici');
    // Kept-alive connections (the sandbox: 2 connects for 1,000 sequential calls), as many as a
    // bulk run keeps in flight (registration-job.ts MAX_IN_FLIGHT): a request queued inside the
    // pool would start late and then together with others. No pipelining (undici's default of 1
    // request per socket at a time): a pipelined GET would wait behind a slow answer on its
    // socket (the 10,000-person statistics stream) instead of using a free one.
    return new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  }

  /** Capped exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)]. */
  private backoff(attempt: number): number {
    return Math.round(Math.random() * Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** attempt));
  }

  /** Run a wait (rate limit, backoff) and turn the caller's abort into CancelledError. */
  private async guard(req: ApiRequest, path: string, wait: () => Promise<void>): Promise<void> {
    try {
      await wait();
    } catch (err) {
      if (req.signal?.aborted) throw new CancelledError(req.method, path, this.token);
      throw err;
    }
  }
}

/** One API attempt's outcome, for metrics (api-response channel). */
const observe = (method: string, status: string) =>
  publish(apiResponses, (): ApiResponseEvent => ({ method, status }));

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Short cause for a retry log line: the status or error kind, never a body or header. */
function describe(err: Error): string {
  if (err instanceof ApiError) return String(err.status);
  if (err instanceof NetworkError) return `network error ${err.code ?? ''}`.trim();
  if (err instanceof UnexpectedResponseError) return `${err.reason} body`;
  return err.name;
}
