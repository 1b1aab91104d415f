// Streamable HTTP, stateless: a fresh McpServer per request, so instances scale out behind any
// load balancer. Guards in front of the SDK handler: Host/Origin (DNS rebinding), bearer secret,
// body size. An optional per-request MTS Link token header selects the organisation.
import { hostHeaderValidation, originValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

const MCP_PATH = '/mcp';
/** Header a request may use to bring its own MTS Link API token. */
const API_TOKEN_HEADER = 'x-mtslink-token';

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
}

/** Builds the server for one request; `apiToken` is the request's own token, if it sent one. */
export type ServerFactory = (apiToken: string | undefined) => McpServer;

function refuse(res: ServerResponse, status: number, message: string, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function serveHttp(opts: HttpServeOptions, factory: ServerFactory) {
  const handler = createMcpHandler(
    (ctx) => factory(ctx.requestInfo?.headers.get(API_TOKEN_HEADER) ?? undefined),
    {
      legacy: 'stateless',
      maxRequestBodySize: opts.maxBodyBytes,
      onerror: (err) => opts.log.warn('mcp handler error', { error: err.message }),
    },
  );
  const serveMcp = toNodeHandler(handler, { maxRequestBodySize: opts.maxBodyBytes });
  const checkHost = hostHeaderValidation(opts.allowedHosts);
  const checkOrigin = originValidation(opts.allowedOrigins);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (!checkHost(req, res) || !checkOrigin(req, res)) return;
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7).trim(), opts.secret)) {
      opts.log.warn('refused request without a valid bearer secret', { path });
      return refuse(res, 401, 'Unauthorized: send Authorization: Bearer <secret>', {
        'www-authenticate': 'Bearer',
      });
    }
    if (path !== MCP_PATH) return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}`);
    if (Number(req.headers['content-length'] ?? 0) > opts.maxBodyBytes) {
      return refuse(res, 413, `Request body over ${opts.maxBodyBytes} bytes`);
    }
    if (opts.requireApiToken && !req.headers[API_TOKEN_HEADER]) {
      return refuse(res, 401, `No MTS Link token: send it in the ${API_TOKEN_HEADER} header`);
    }
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
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handler.close();
    },
  };
}
