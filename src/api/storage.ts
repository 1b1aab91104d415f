// Sends file bytes to the storage host's `uploadUrl` (F10 upload flow). UNVERIFIED: the API
// reference found no upload endpoint (api §8 F10); this follows the `uploadUrl` its file objects
// carry. Kept apart from ApiClient on purpose: it talks to another host and must never send the
// API token there (the upload URL carries its own token, which we also keep out of errors).
import { VERSION } from '../version.js';
import {
  ApiError,
  CancelledError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from './errors.js';
import { normalise, parseBody } from './normalise.js';

export interface StorageUpload {
  url: string;
  bytes: Uint8Array;
  signal?: AbortSignal;
  /** Default 120 s: uploads are larger than API calls. */
  timeoutMs?: number;
}

/** POSTs the raw bytes (`application/octet-stream`); returns the parsed JSON answer or null. */
export async function uploadToStorage(up: StorageUpload): Promise<unknown> {
  const url = new URL(up.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`uploadUrl must be http(s), got ${url.protocol}`);
  }
  const secret = url.searchParams.get('token') ?? '';
  const path = url.pathname;
  const timeoutMs = up.timeoutMs ?? 120_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = up.signal ? AbortSignal.any([up.signal, timeout]) : timeout;
  try {
    const { request } = await import('undici'); // loaded on use, like ApiClient's agent
    const res = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        accept: 'application/json',
        'user-agent': `mtslink-mcp/${VERSION}`,
      },
      body: up.bytes,
      signal,
    });
    const bodyText = await res.body.text();
    if (res.statusCode < 200 || res.statusCode >= 300) {
      throw ApiError.fromResponse({
        status: res.statusCode,
        method: 'POST',
        path,
        headers: res.headers,
        bodyText,
        token: secret,
      });
    }
    const contentType = res.headers['content-type'];
    const type = Array.isArray(contentType) ? contentType[0] : contentType;
    return normalise(parseBody(bodyText, type, { status: res.statusCode, token: secret }));
  } catch (err) {
    if (err instanceof ApiError || err instanceof UnexpectedResponseError) throw err;
    if (up.signal?.aborted) throw new CancelledError('POST', path, secret);
    if (timeout.aborted) throw new TimeoutError('POST', path, timeoutMs, secret);
    const code = (err as { code?: unknown }).code;
    const detail = err instanceof Error ? err.message : String(err);
    throw new NetworkError(
      'POST',
      path,
      typeof code === 'string' ? code : undefined,
      detail,
      secret,
    );
  }
}
