// The options every HTTP-transport test starts serveHttp with: loopback on a free port, the
// given bearer secret; each test overrides what it is about (token rule, log, metrics…).
import { createLogger } from '../../src/log.js';
import type { HttpServeOptions } from '../../src/transports/http.js';

export function loopbackOptions(
  secret: string,
  overrides: Partial<HttpServeOptions> = {},
): HttpServeOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    secret,
    allowedHosts: ['localhost', '127.0.0.1'],
    allowedOrigins: ['localhost', '127.0.0.1'],
    maxBodyBytes: 64 * 1024,
    requireApiToken: false,
    log: createLogger('silent'),
    ...overrides,
  };
}
