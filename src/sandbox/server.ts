// The HTTP side: body reading, the /v3 prefix, auth, rate limit, faults, latency, routing and
// the request log. Everything API-specific lives in routes/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { HttpError } from './errors.js';
import { readBody, send, toResult } from './http.js';
import { randomFault, sendFault, type FaultQueue } from './faults.js';
import { Input } from './params.js';
import { checkFlagForms } from './wire-forms.js';
import { parseBody, parseStr } from './parse.js';
import type { Prng } from './prng.js';
import { RateLimiter } from './ratelimit.js';
import type { RouteResult, Router } from './router.js';
import type { SandboxState } from './state.js';
import type { RequestRecord, SandboxKnobs } from './types.js';

export const PREFIX = '/v3';
/**
 * The storage host's upload path (F10, INFERRED): outside /v3 and authorised by the upload token
 * in its URL instead of x-auth-token; bodies are bytes, so it takes larger ones.
 */
const STORAGE_PREFIX = '/api-storage/';
const STORAGE_MAX_BODY = 32 * 1024 * 1024;

export interface ServerDeps {
  state: SandboxState;
  knobs: SandboxKnobs;
  tokens: readonly string[];
  /** OAuth access tokens accepted as `Authorization: Bearer` (partner applications). */
  oauthTokens: readonly string[];
  now: () => number;
  router: Router;
  /** Where each request is recorded; undefined records nothing. */
  requests?: RequestRecord[];
  faults: FaultQueue;
  rand: Prng;
  log?: (line: string) => void;
}

export interface SandboxServer {
  server: Server;
  close(): Promise<void>;
}

export function createSandboxServer(deps: ServerDeps): SandboxServer {
  const timers = new Set<NodeJS.Timeout>();
  const limiter = new RateLimiter();
  let closed = false;
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const wait = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const inPrefix = url.pathname === PREFIX || url.pathname.startsWith(`${PREFIX}/`);
    const path = inPrefix ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
    const storage = !inPrefix && path.startsWith(STORAGE_PREFIX);
    const token = req.headers['x-auth-token'];
    const record: RequestRecord = {
      method,
      path,
      query: parseStr(url.search.slice(1)),
      body: {},
      rawBody: '',
      contentType: req.headers['content-type'],
      hasAuthHeader: token !== undefined || req.headers.authorization !== undefined,
      status: 0,
      at: Date.now(),
    };
    deps.requests?.push(record);
    const finish = (status: number) => {
      record.status = status;
      deps.log?.(`${method} ${path} → ${status || 'no answer'}`);
    };
    let fault;
    let result: RouteResult;
    try {
      record.rawBody = await readBody(req, storage ? STORAGE_MAX_BODY : undefined);
      if (deps.knobs.latencyMs > 0) await wait(deps.knobs.latencyMs);
      if (closed) return;
      if (!inPrefix && !storage) {
        throw new HttpError(404, `Not found: every path is under ${PREFIX}`);
      }
      const key = storage
        ? ''
        : authenticate(req.headers, {
            apiKeys: deps.tokens,
            oauthTokens: deps.oauthTokens,
            apiAccess: deps.knobs.apiAccess,
          });
      const now = deps.now();
      const retryAfter = storage ? null : limiter.check(key, deps.knobs.rateLimit, now);
      if (retryAfter !== null) {
        throw new HttpError(429, 'Too many requests', undefined, {
          'retry-after': String(retryAfter),
        });
      }
      const match = deps.router.match(method, path);
      if (match.kind === 'none') throw new HttpError(404, `No such endpoint: ${method} ${path}`);
      if (match.kind === 'method') {
        throw new HttpError(405, `Method ${method} is not allowed on ${path}`, undefined, {
          allow: match.allow.join(', '),
        });
      }
      const body =
        method === 'GET' || method === 'HEAD' || storage
          ? {}
          : parseBody(record.contentType, record.rawBody);
      record.body = body;
      fault = deps.faults.take(method, path) ?? randomFault(deps.knobs, deps.rand);
      if (fault && !fault.afterApply) {
        finish(sendFault(fault, req, res, undefined, later, deps.knobs.stallMs));
        return;
      }
      const merged = method === 'GET' ? record.query : { ...record.query, ...body };
      checkFlagForms(method, match.pattern, merged, deps.knobs.lenient);
      const input = new Input(merged);
      result = await match.handler({
        state: deps.state,
        knobs: deps.knobs,
        now,
        params: match.params,
        input,
        query: record.query,
        body,
        origin: `http://${req.headers.host ?? 'localhost'}`,
        bodyBytes: Number(req.headers['content-length'] ?? Buffer.byteLength(record.rawBody)),
      });
    } catch (err) {
      result = toResult(err);
      if (result.status === 413) result.headers = { ...result.headers, connection: 'close' };
    }
    if (fault) {
      finish(sendFault(fault, req, res, result.body, later, deps.knobs.stallMs));
      return;
    }
    send(res, result);
    finish(result.status);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('sandbox: request failed:', err);
      if (!res.headersSent) send(res, toResult(err));
    });
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
