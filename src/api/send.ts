// One HTTP attempt: send, read the whole body (or stream a 2xx body to a reader), under one
// timeout covering headers and body.
// Failures without an HTTP answer become NetworkError / TimeoutError / CancelledError.
import type { Dispatcher } from 'undici';
import { VERSION } from '../version.js';
import type { BuiltRequest } from './encode.js';
import { CancelledError, NetworkError, TimeoutError, type Headers } from './errors.js';
import type { AuthScheme, HttpMethod } from './types.js';

export interface Transport {
  /** Resolves the undici dispatcher (created on first use, see ApiClient). */
  dispatcher: () => Promise<Dispatcher>;
  origin: string;
  /** Path prefix of the base URL, e.g. '/v3' (no trailing slash). */
  basePath: string;
  token: string;
  authScheme: AuthScheme;
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

export async function sendOnce(
  t: Transport,
  method: HttpMethod,
  built: BuiltRequest,
  signal?: AbortSignal,
  /**
   * Reads a 2xx body as a stream instead of as text (bodyText is then empty). It must not throw
   * its own errors (they would read as network errors): it stops reading and keeps them.
   */
  readOk?: (body: AsyncIterable<Buffer>) => Promise<void>,
): Promise<RawResponse> {
  if (signal?.aborted) throw new CancelledError(method, built.path, t.token);
  const controller = new AbortController();
  let timedOut = false;
  let stop: (err: Error) => void = () => {};
  // Rejects as soon as the caller aborts or the timer fires, even if the socket lingers.
  const stopped = new Promise<never>((_resolve, reject) => (stop = reject));
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    stop(new TimeoutError(method, built.path, t.timeoutMs, t.token));
  }, t.timeoutMs);
  const onAbort = (): void => {
    controller.abort();
    stop(new CancelledError(method, built.path, t.token));
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const headers: Record<string, string> = {
    ...(t.authScheme === 'bearer'
      ? { authorization: `Bearer ${t.token}` }
      : { 'x-auth-token': t.token }),
    accept: 'application/json',
    'user-agent': `mtslink-mcp/${VERSION}`,
  };
  if (built.contentType) headers['content-type'] = built.contentType;
  const work = (async (): Promise<RawResponse> => {
    const res = await (
      await t.dispatcher()
    ).request({
      origin: t.origin,
      path: t.basePath + built.path + (built.query ? `?${built.query}` : ''),
      method,
      headers,
      body: built.body,
      signal: controller.signal,
    });
    if (readOk && res.statusCode >= 200 && res.statusCode < 300) {
      // Errors while reading are network errors; the reader keeps its own (parse, consumer).
      await readOk(res.body);
      return { status: res.statusCode, headers: res.headers, bodyText: '' };
    }
    const bodyText = await res.body.text();
    return { status: res.statusCode, headers: res.headers, bodyText };
  })();
  work.catch(() => {}); // the race below may settle first; never leave a rejection unhandled

  try {
    return await Promise.race([work, stopped]);
  } catch (err) {
    if (signal?.aborted) throw new CancelledError(method, built.path, t.token);
    if (timedOut) throw new TimeoutError(method, built.path, t.timeoutMs, t.token);
    const code = (err as { code?: unknown }).code;
    const detail = err instanceof Error ? err.message : String(err);
    const causeCode = typeof code === 'string' ? code : undefined;
    throw new NetworkError(method, built.path, causeCode, detail, t.token);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
