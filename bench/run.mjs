// `npm run bench`: measured side by side in one run, medians of several rounds; writes BENCHMARKS.md.
// Targets come from DESIGN.md §5. Nothing here is a pass/fail test: the figures are for review.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startSandbox } from '../dist/sandbox/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (line) => process.stderr.write(`${line}\n`);

/** Milliseconds from spawn to the answer of tools/list (after initialize) over stdio. */
function timeToToolsList(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n').slice(0, -1)) {
        const msg = JSON.parse(line);
        if (msg.id === 1) {
          child.stdin.write(
            `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
          );
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
        }
        if (msg.id === 2) {
          resolve(performance.now() - started);
          child.kill();
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.on('error', reject);
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    };
    child.stdin.write(`${JSON.stringify(init)}\n`);
  });
}

async function coldStart() {
  const ours = [];
  const bare = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate so that machine noise hits both sides alike.
    bare.push(await timeToToolsList([`${root}bench/bare-sdk-server.mjs`]));
    ours.push(
      await timeToToolsList([cli], {
        MTSLINK_TOKEN: 'bench-token',
        MTSLINK_BASE_URL: 'http://127.0.0.1:9/v3',
      }),
    );
  }
  return { ours: median(ours), bare: median(bare) };
}

async function callRate() {
  const sandbox = await startSandbox({ seed: 1 });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli],
    env: {
      PATH: process.env.PATH,
      MTSLINK_TOKEN: sandbox.token,
      MTSLINK_BASE_URL: sandbox.url,
      MTSLINK_MAX_RPS: '1000',
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  const list = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
  const eventId = JSON.parse(list.content[0].text.replace(/^\[sandbox data\] /, '')).items[0].id;
  const url = `${sandbox.url}/organization/events/${eventId}`;
  const headers = { 'x-auth-token': sandbox.token, accept: 'application/json' };
  const mcp = [];
  const raw = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const res = await request(url, { headers });
      await res.body.json();
    }
    raw.push((CALLS * 1000) / (performance.now() - t));
    t = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const res = await client.callTool({ name: 'get_event', arguments: { eventId } });
      if (res.isError) throw new Error(res.content[0].text);
    }
    mcp.push((CALLS * 1000) / (performance.now() - t));
  }
  await client.close();
  await sandbox.close();
  return { mcp: median(mcp), raw: median(raw) };
}

const fmt = (n, d = 1) => n.toFixed(d);
log('cold start…');
const cold = await coldStart();
log('call rate…');
const rate = await callRate();
const now = new Date().toISOString().slice(0, 10);
const md = `# Benchmarks

Produced by \`npm run bench\` (\`node bench/run.mjs\` after a build) on ${now}, Node ${process.version},
${ROUNDS} rounds, medians; each pair measured side by side in one run. Targets: DESIGN.md §5.

| what | ours | baseline | ratio | target |
| --- | --- | --- | --- | --- |
| cold start to first \`tools/list\` answer over stdio (ms) | ${fmt(cold.ours)} | ${fmt(cold.bare)} (bare \`node\` + SDK server, no tools) | ${fmt(cold.ours / cold.bare, 2)}x | ≤ 1.2x |
| \`get_event\` calls/s, sequential: MCP over stdio vs raw HTTP to the sandbox | ${fmt(rate.mcp)} | ${fmt(rate.raw)} | ${fmt(rate.mcp / rate.raw, 2)}x | ≥ 0.7x |
`;
writeFileSync(`${root}BENCHMARKS.md`, md);
process.stdout.write(md);
