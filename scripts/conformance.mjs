// `npm run conformance`: the official MCP conformance suite (@modelcontextprotocol/conformance)
// against the Streamable HTTP mode on the sandbox. The suite cannot send our bearer secret, so a
// loopback proxy adds it; everything else reaches the server untouched. Expected failures, with
// the reason for each, are in conformance-baseline.yml.
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'conformance-secret';

const server = spawn(
  process.execPath,
  [`${root}dist/cli.js`, '--http', '--sandbox', '--port', '0'],
  {
    env: { PATH: process.env.PATH, MTSLINK_HTTP_TOKEN: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const target = await new Promise((resolve, reject) => {
  server.once('exit', () => reject(new Error('the server exited')));
  server.stderr.on('data', (chunk) => {
    const m = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(String(chunk));
    if (m) resolve(new URL(m[1]));
  });
});

const proxy = createServer((req, res) => {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: target.host, authorization: `Bearer ${SECRET}` },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${proxy.address().port}/mcp`;
process.stderr.write(`conformance: testing ${url} (proxied to ${target.href})\n`);

// The suite needs Node >= 22 (fs.globSync); on an older Node, npx brings Node 22 from the npm
// registry for the suite only.
const [major] = process.versions.node.split('.').map(Number);
const suite = spawn(
  'npx',
  [
    '-y',
    ...(major >= 22 ? [] : ['-p', 'node@22']),
    '-p',
    '@modelcontextprotocol/conformance@0.1.16',
    'conformance',
    'server',
    '--url',
    url,
    '--expected-failures',
    `${root}conformance-baseline.yml`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
const code = await new Promise((resolve) => suite.on('exit', resolve));
proxy.close();
server.kill();
process.exit(code ?? 1);
