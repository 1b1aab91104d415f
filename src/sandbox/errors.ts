// One error type for every non-2xx answer the simulator gives, and the wire shape of its body.

/** Field name (bracket path as sent, e.g. `startsAt[date][year]`) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** Thrown anywhere inside a handler; the server turns it into the API's error body. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * `{"error":{"code","message","fieldErrors"?}}`. The reference proposes this shape (INFERRED:
 * `code` mirrors the HTTP status, as the platform's internal API does).
 */
export function errorBody(status: number, message: string, fieldErrors?: FieldErrors): unknown {
  return { error: { code: status, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

/** 400 for one field. `ERROR_BLANK` is the platform's own code for a missing value. */
export function fieldError(field: string, problem: string): HttpError {
  const message = problem === 'ERROR_BLANK' ? `${field} is required` : `${field}: ${problem}`;
  return new HttpError(400, `Validation failed: ${message}`, { [field]: problem });
}

export function notFound(what: string): HttpError {
  return new HttpError(404, `${what} not found`);
}

export function conflict(message: string): HttpError {
  return new HttpError(409, message);
}
