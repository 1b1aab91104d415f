// Public surface of the HTTP layer; tools and workflows import from here only.
export { ApiClient } from './client.js';
export { buildRequest, encodeParams, fillPath, FORM_CONTENT_TYPE } from './encode.js';
export type { BuiltRequest, FilledPath } from './encode.js';
export {
  ApiError,
  CancelledError,
  NetworkError,
  parseRetryAfter,
  redact,
  TimeoutError,
  UnexpectedResponseError,
} from './errors.js';
export type { FromResponseInput, Headers } from './errors.js';
export { normalise, parseBody } from './normalise.js';
export { RateLimiter, sleep } from './rate-limit.js';
export { uploadToStorage } from './storage.js';
export type { StorageUpload } from './storage.js';
export type { ApiClientOptions, ApiRequest, ApiResponse, HttpMethod } from './types.js';
