// Small HTTP helpers: a size-limited body reader and the JSON/error answer writers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, errorBody } from './errors.js';
import type { RouteResult } from './router.js';

const MAX_BODY = 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

export function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      reject(new HttpError(413, `Request body is larger than ${max} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) reject(new HttpError(413, `Request body is larger than ${max} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, result: RouteResult): void {
  const headers = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  res.writeHead(result.status, { 'content-type': JSON_TYPE, ...headers });
  res.end(JSON.stringify(result.body));
}

export function toResult(err: unknown): RouteResult {
  if (err instanceof HttpError) {
    return {
      status: err.status,
      body: errorBody(err.status, err.message, err.fieldErrors),
      headers: err.headers,
    };
  }
  console.error('sandbox: internal error:', err);
  return { status: 500, body: errorBody(500, 'Internal sandbox error') };
}
