// Streamable HTTP, stateless: a fresh McpServer per request, so instances scale out behind any
// load balancer. Guards in front of the SDK handler: Host syntax and Host/Origin (DNS
// rebinding), bearer secret, body size; each refusal is logged at a bounded rate (refusals.ts).
// Operations (health.ts): /healthz and /readyz for probes, /metrics behind the bearer when on,
// and a drain for graceful shutdown (stop accepting, let running calls finish).
// An optional per-request MTS Link token header selects the organisation; another may add
// toolsets for the request (a fresh server cannot remember one a call switched on).
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  validateHostHeader,
  validateOriginHeader,
  type McpServer,
} from '@modelcontextprotocol/server';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import { HEALTH_PATHS, serveHealth, type ReadyCheck } from './health.js';
import { RefusalLog } from './refusals.js';

const MCP_PATH = '/mcp';
/** Header a request may use to bring its own MTS Link API token. */
const API_TOKEN_HEADER = 'x-mtslink-token';
/** Header a request may use to add toolsets to the configured ones, for that request. */
const TOOLSETS_HEADER = 'x-mtslink-toolsets';

export interface HttpServeOptions {
  host: string;
  port: number;
  /** Every request must send `Authorization: Bearer <secret>`. */
  secret: string;
  allowedHosts: string[];
  allowedOrigins: string[];
  maxBodyBytes: number;
  /** When true a request without the API token header is refused (no default token). */
  requireApiToken: boolean;
  log: Logger;
  /** What /readyz checks besides "started and not shutting down" (e.g. Redis, when configured). */
  readiness?: ReadyCheck[];
  /** Prometheus exposition at /metrics (behind the bearer); absent: /metrics is not served. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /**
   * Checks an X-MTSLink-Toolsets header: the problem a 400 names, or undefined. Without it the
   * header is refused: the operator keeps the toolsets fixed.
   */
  checkToolsets?: (value: string) => string | undefined;
}

const METRICS_PATH = '/metrics';

/**
 * Builds the server for one request: `apiToken` is the request's own token, `toolsets` the
 * toolsets it adds (checked by `checkToolsets`), each if it sent one.
 */
export type ServerFactory = (
  apiToken: string | undefined,
  toolsets: string | undefined,
) => McpServer | Promise<McpServer>;

function refuse(res: ServerResponse, status: number, message: string, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 7235: the auth scheme is case-insensitive (`bearer`, `BEARER` and `Bearer` alike). */
const bearerOf = (header: string | undefined) =>
  /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')?.[1];

/**
 * RFC 7230 Host: a name or address and an optional port, nothing else. `evil.com@127.0.0.1`
 * would pass a URL parser as user info and then break request handling; it is refused first.
 */
const HOST_SYNTAX = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

export async function serveHttp(opts: HttpServeOptions, factory: ServerFactory) {
  const handler = createMcpHandler(
    (ctx) =>
      factory(
        ctx.requestInfo?.headers.get(API_TOKEN_HEADER) ?? undefined,
        ctx.requestInfo?.headers.get(TOOLSETS_HEADER) ?? undefined,
      ),
    {
      legacy: 'stateless',
      maxRequestBodySize: opts.maxBodyBytes,
      onerror: (err) => opts.log.warn('mcp handler error', { error: err.message }),
    },
  );
  const serveMcp = toNodeHandler(handler, { maxRequestBodySize: opts.maxBodyBytes });
  const refusals = new RefusalLog(opts.log);
  let draining = false;
  let inflight = 0;
  const idle: (() => void)[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inflight += 1;
    res.once('close', () => {
      inflight -= 1;
      if (!draining) return;
      server.closeIdleConnections();
      if (inflight === 0) for (const resolve of idle.splice(0)) resolve();
    });
    // Shutting down: answer what reached us on an open connection, then close that connection.
    if (draining) res.setHeader('connection', 'close');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const from = { path, remote: req.socket.remoteAddress };
    const deny = (status: number, reason: string, message: string, headers = {}) => {
      refusals.refused(reason, { ...from, status });
      refuse(res, status, message, headers);
    };
    const host = req.headers.host ?? '';
    if (!HOST_SYNTAX.test(host)) {
      return deny(400, 'malformed Host header', 'Bad Request: malformed Host header');
    }
    // Probes come before the Host/Origin allowlist: a container or load-balancer probe names the
    // instance by an address nobody can list in advance (pod IP, container name), and these
    // answers carry nothing a DNS-rebinding page could use: no data, no action, no secret.
    if (HEALTH_PATHS.includes(path)) {
      return void serveHealth(path, req, res, {
        draining: () => draining,
        checks: opts.readiness ?? [],
        log: opts.log,
      });
    }
    const hostCheck = validateHostHeader(host, opts.allowedHosts);
    if (!hostCheck.ok) return deny(403, 'foreign Host header', `Forbidden: ${hostCheck.message}`);
    const originCheck = validateOriginHeader(req.headers.origin, opts.allowedOrigins);
    if (!originCheck.ok) return deny(403, 'foreign Origin', `Forbidden: ${originCheck.message}`);
    const given = bearerOf(req.headers.authorization);
    if (!given || !sameSecret(given, opts.secret)) {
      return deny(
        401,
        'no valid bearer secret',
        'Unauthorized: send Authorization: Bearer <secret>',
        {
          'www-authenticate': given ? 'Bearer error="invalid_token"' : 'Bearer',
        },
      );
    }
    if (path === METRICS_PATH && opts.metrics) {
      return void opts.metrics().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        (err: Error) => {
          opts.log.error('metrics failed', { error: err.message });
          refuse(res, 500, 'metrics failed');
        },
      );
    }
    if (path !== MCP_PATH) {
      return deny(404, 'unknown path', `Not found: the MCP endpoint is ${MCP_PATH}`);
    }
    if (Number(req.headers['content-length'] ?? 0) > opts.maxBodyBytes) {
      return deny(413, 'body too large', `Request body over ${opts.maxBodyBytes} bytes`);
    }
    if (opts.requireApiToken && !req.headers[API_TOKEN_HEADER]) {
      // The caller is authenticated; what it lacks is an organisation. 401 would send MCP
      // clients into their OAuth flow, which cannot help: this is a bad request, said plainly.
      return deny(
        400,
        'no MTS Link token',
        `Bad Request: this server serves several organisations; send your MTS Link API token in the ${API_TOKEN_HEADER} header`,
      );
    }
    const toolsets = req.headers[TOOLSETS_HEADER];
    if (typeof toolsets === 'string') {
      const problem = opts.checkToolsets
        ? opts.checkToolsets(toolsets)
        : 'this server serves the toolsets its operator set (MTSLINK_TOOLSETS); it takes no toolsets per request';
      if (problem)
        return deny(400, 'bad toolsets header', `Bad Request: ${TOOLSETS_HEADER}: ${problem}`);
    }
    res.once('finish', () => {
      if (res.statusCode >= 500)
        opts.log.error('http request failed', { ...from, status: res.statusCode });
    });
    serveMcp(req, res).catch((err: Error) => opts.log.error('http error', { error: err.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}${MCP_PATH}`,
    /** Requests being answered now (MCP calls, probes, metrics). */
    get inflight() {
      return inflight;
    },
    /** Stops accepting connections; requests already received are still answered. */
    stopAccepting: () => {
      draining = true;
      server.close();
      server.closeIdleConnections();
    },
    /** Settles once no request is being answered. */
    whenIdle: () =>
      new Promise<void>((resolve) => (inflight === 0 ? resolve() : idle.push(resolve))),
    /** Ends everything at once, cutting requests still running. */
    close: async () => {
      draining = true;
      for (const resolve of idle.splice(0)) resolve();
      refusals.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handler.close();
    },
  };
}
