// Start-up and per-call overhead (DESIGN.md §5, issue 16 items 3 and 4), each pair measured side
// by side in one run, interleaved, so that a busy machine slows both sides alike:
// - cold start to the answer of the first tools/list over stdio: `mtslink-mcp` with the default
//   toolsets and with all of them, against a bare server on the same SDK with one tool
//   (bench/bare-sdk-server.mjs), taking turns; plus, where valgrind is installed, the
//   instructions each start executes (callgrind), a count the machine's load does not change;
// - a get_event call over MCP (stdio, the real server) against the same GET sent raw to the
//   sandbox, alternating call by call; plus a tool call that sends no HTTP request (the MCP round
//   trip alone) and the server's own CPU time per call, read from /proc.
// Needs `npm run build` first. Figures only; nothing here asserts.
// Run alone: node bench/start-and-call.mjs [--write]   (--write updates its BENCHMARKS.md section)
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const bare = `${root}bench/bare-sdk-server.mjs`;
const TOKEN = 'bench-token';
const OFFLINE_API = { MTSLINK_TOKEN: TOKEN, MTSLINK_BASE_URL: 'http://127.0.0.1:9/v3' };

const STARTS = {
  bare: { args: [bare], env: {} },
  default: { args: [cli], env: OFFLINE_API },
  all: { args: [cli], env: { ...OFFLINE_API, MTSLINK_TOOLSETS: 'all' } },
};

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);
const r2 = (n) => Math.round(n * 100) / 100;
const r1 = (n) => Math.round(n * 10) / 10;

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'bench', version: '1' },
  },
};

/**
 * Spawns `command args`, sends initialize then tools/list, and closes stdin at the answer (the
 * server then exits). Resolves with the ms from spawn to that answer and the process's stderr.
 */
function startToToolsList(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let ms;
    let tools;
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        const msg = JSON.parse(line);
        if (msg.id === 1) {
          child.stdin.write(
            `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
          );
          child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
        }
        if (msg.id === 2) {
          ms = performance.now() - started;
          tools = msg.result.tools.length;
          child.stdin.end();
        }
      }
    });
    child.on('error', reject);
    child.on('exit', () =>
      ms === undefined
        ? reject(new Error(`no tools/list answer: ${stderr}`))
        : resolve({ ms, tools, stderr }),
    );
    child.stdin.write(`${JSON.stringify(INIT)}\n`);
  });
}

/** Instructions executed from spawn to exit after tools/list, by callgrind; undefined without valgrind. */
async function instructions({ args, env }) {
  const out = await startToToolsList(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args],
    env,
  );
  const m = /Collected : (\d+)/.exec(out.stderr);
  return m ? Number(m[1]) : undefined;
}

const hasValgrind = () => spawnSync('valgrind', ['--version']).status === 0;

/**
 * `{ rounds, ms: { bare, default, all }: { median, p90, min, max }, ratio: { default, all }:
 * { median, p25, p75 }, tools, instructions? }`. Each round starts the three in a rotating order;
 * the ratios are taken within a round (ours ÷ bare of the same round), then summarised.
 */
export async function benchStartup({
  rounds = Number(process.env.BENCH_START_ROUNDS ?? 21),
  callgrind = hasValgrind(),
  callgrindRounds = Number(process.env.BENCH_CALLGRIND_ROUNDS ?? 5),
} = {}) {
  const names = Object.keys(STARTS);
  const ms = Object.fromEntries(names.map((n) => [n, []]));
  const tools = {};
  for (let r = 0; r < rounds + 1; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) {
      const { args, env } = STARTS[name];
      const run = await startToToolsList(process.execPath, args, env);
      tools[name] = run.tools;
      if (r > 0) ms[name].push(run.ms); // the first round warms the disk cache
    }
  }
  const summary = (xs) => ({
    median: r1(median(xs)),
    p90: r1(quantile(xs, 0.9)),
    min: r1(Math.min(...xs)),
    max: r1(Math.max(...xs)),
  });
  const ratioOf = (name) => {
    const per = ms[name].map((t, i) => t / ms.bare[i]);
    return { median: r2(median(per)), p25: r2(quantile(per, 0.25)), p75: r2(quantile(per, 0.75)) };
  };
  const out = {
    rounds,
    ms: Object.fromEntries(names.map((n) => [n, summary(ms[n])])),
    ratio: { default: ratioOf('default'), all: ratioOf('all') },
    tools,
  };
  if (callgrind) {
    // A start's count still moves by a few per cent from run to run (background compiler and GC
    // threads, timers): medians of interleaved runs, with their range.
    const counts = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = 0; r < callgrindRounds; r++) {
      for (const name of names) counts[name].push(await instructions(STARTS[name]));
    }
    out.instructions = Object.fromEntries(
      names.map((n) => [
        n,
        { median: median(counts[n]), min: Math.min(...counts[n]), max: Math.max(...counts[n]) },
      ]),
    );
    out.callgrindRounds = callgrindRounds;
  }
  return out;
}

/** The simulator in a process of its own, so that it shares no event loop with the clients. */
async function sandboxProcess() {
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--token', TOKEN], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    child.stderr.on('data', (d) => {
      const m = /(http:\/\/\S+\/v3)/.exec(String(d));
      if (m) resolve(m[1]);
    });
  });
  return { url, close: () => child.kill() };
}

/** User + system CPU time of a process so far, in ms (Linux /proc). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat; the split above starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * `{ calls, raw, mcp, floor }` latencies in ms ({ p50, p90, p99 }), `added` (mcp − raw p50 and the
 * median of the call-by-call differences), `p99Ratio`, and the server's CPU ms per get_event.
 * Each iteration makes one raw GET, one get_event and one no-HTTP call, in a rotating order.
 */
export async function benchCallOverhead({
  calls = Number(process.env.BENCH_OVERHEAD_CALLS ?? 2000),
  warmup = 300,
} = {}) {
  const sandbox = await sandboxProcess();
  const env = {
    PATH: process.env.PATH,
    MTSLINK_TOKEN: TOKEN,
    MTSLINK_BASE_URL: sandbox.url,
    MTSLINK_MAX_RPS: '0', // the pair measures overhead, not the rate limit
  };
  const connect = async (script) => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [script],
      env,
      stderr: 'ignore',
    });
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(transport);
    return { client, transport };
  };
  const { client, transport } = await connect(cli);
  const { client: bareClient, transport: bareTransport } = await connect(
    `${root}bench/bare-sdk-http-server.mjs`,
  );
  const origin = new URL(sandbox.url).origin;
  // The raw side keeps its connection alive, as the server's client does.
  const pool = new Pool(origin, { connections: 1 });
  try {
    const list = await client.callTool({ name: 'list_events', arguments: { perPage: 10 } });
    const eventId = JSON.parse(list.content[0].text).items[0].id;
    const path = `${new URL(sandbox.url).pathname}/organization/events/${eventId}`;
    const headers = { 'x-auth-token': TOKEN, accept: 'application/json' };
    const sides = {
      raw: async () => {
        const res = await pool.request({ method: 'GET', path, headers });
        await res.body.json();
      },
      mcp: async () => {
        const res = await client.callTool({ name: 'get_event', arguments: { eventId } });
        if (res.isError) throw new Error(res.content[0].text);
      },
      // The same GET from a bare server on the same SDK: what the SDK and stdio cost alone.
      bare: async () => {
        const res = await bareClient.callTool({ name: 'get_event', arguments: { eventId } });
        if (res.isError) throw new Error(res.content[0].text);
      },
      // A tool that sends no HTTP request: the stdio round trip, the SDKs and our entry alone.
      floor: () => client.callTool({ name: 'get_registration_job', arguments: { jobId: 'none' } }),
    };
    const names = Object.keys(sides);
    const times = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < warmup; i++) for (const n of names) await sides[n]();
    const serverCpu = { mcp: 0, bare: 0 };
    for (let i = 0; i < calls; i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length];
        const pid = { mcp: transport.pid, bare: bareTransport.pid }[name];
        const before = pid ? cpuMs(pid) : 0;
        const t = performance.now();
        await sides[name]();
        times[name].push(performance.now() - t);
        if (pid) serverCpu[name] += cpuMs(pid) - before;
      }
    }
    const lat = (xs) => ({
      p50: r2(median(xs)),
      p90: r2(quantile(xs, 0.9)),
      p99: r2(quantile(xs, 0.99)),
    });
    const diffs = times.mcp.map((t, i) => t - times.raw[i]);
    return {
      calls,
      raw: lat(times.raw),
      mcp: lat(times.mcp),
      bare: lat(times.bare),
      floor: lat(times.floor),
      bareAdded: r2(median(times.bare) - median(times.raw)),
      bareP99Ratio: r2(quantile(times.bare, 0.99) / quantile(times.raw, 0.99)),
      added: {
        p50: r2(median(times.mcp) - median(times.raw)),
        pairedMedian: r2(median(diffs)),
        pairedP25: r2(quantile(diffs, 0.25)),
        pairedP75: r2(quantile(diffs, 0.75)),
      },
      p99Ratio: r2(quantile(times.mcp, 0.99) / quantile(times.raw, 0.99)),
      serverCpuMsPerCall: { mcp: r2(serverCpu.mcp / calls), bare: r2(serverCpu.bare / calls) },
    };
  } finally {
    await client.close().catch(() => {});
    await bareClient?.close().catch(() => {});
    await pool.close();
    sandbox.close();
  }
}

const HEADING = '## Start-up and per-call overhead';

/** The same measurements on the build before issue 16's start-up and per-call work. */
const BEFORE = `Before and after side by side (callgrind, 3 interleaved runs each, 2026-11-29, main at
cab30b1 built next to this branch): default toolsets 1,035 M → 941 M instructions (1.28x →
1.15x bare's 818 M), all toolsets 1,435 M → 861 M (1.76x → 1.05x). Main built every served
tool's zod schemas and turned them into JSON Schema at each start (\`z.toJSONSchema\` alone was
a third of an all-toolsets start); now tools/list is served from JSON computed at build time
(the meta-tools' too), and a toolset's module loads on the first call of one of its tools or
when enable_toolsets / X-MTSLink-Toolsets switches it on. Per call (earlier run, main at
47b36ba, load 8-10): \`get_event\` +0.74 ms at p50, p99 1.76x raw, server CPU 1.09 ms a call;
old and new servers side by side (1,500 calls each, load 3-6): p50 1.10 → 1.07 ms, server CPU
0.99 → 0.96 ms a call.`;
const mi = (n) => (n === undefined ? 'n/a' : `${Math.round(n / 1e6)} M`);
const miRange = (x) => (x ? `${mi(x.median)} (${mi(x.min)}–${mi(x.max)})` : 'n/a');

/** The BENCHMARKS.md section for these figures (run.mjs appends it to the page). */
export function startAndCallSection({ startup: s, overhead: o, load }) {
  const range = (x) => `${x.median} ms (${x.min}–${x.max}, p90 ${x.p90})`;
  const iq = (x) => `${x.median}x (middle half ${x.p25}–${x.p75})`;
  const ins = s.instructions;
  const insRatio = (n) => (ins ? `${r2(ins[n].median / ins.bare.median)}x` : 'n/a');
  return `${HEADING}

Command: \`npm run bench\` (runs this last), or alone \`npm run build && node bench/start-and-call.mjs --write\`.
Load average while it ran: ${load.before.map(r1).join(', ')} before, ${load.after.map(r1).join(', ')} after
(2 cores; above 2 the machine was shared and wall times are inflated, ratios less so).

Cold start: spawn to the answer of the first \`tools/list\` over stdio (initialize first), ${s.rounds}
rounds after one untimed, each round starting the three servers in a rotating order. The ratio
is taken within each round (ours ÷ bare of the same round). Instructions are counted by
\`valgrind --tool=callgrind\` over the whole run of one start (spawn to exit after tools/list),
which counts work, not time: it does not grow with the machine's load, though one start's count
moves by up to 10% between runs (background compiler and GC threads, timers); median of
${s.callgrindRounds ?? 0} interleaved runs, range in brackets.

| server | tools | wall time, median (fastest–slowest, p90) | ratio to bare | instructions, median (range) | ratio | target |
| --- | --- | --- | --- | --- | --- | --- |
| bare SDK server, one tool | ${s.tools.bare} | ${range(s.ms.bare)} | 1x | ${miRange(ins?.bare)} | 1x | |
| mtslink-mcp, default toolsets | ${s.tools.default} | ${range(s.ms.default)} | ${iq(s.ratio.default)} | ${miRange(ins?.default)} | ${insRatio('default')} | ≤ 1.1x |
| mtslink-mcp, all toolsets | ${s.tools.all} | ${range(s.ms.all)} | ${iq(s.ratio.all)} | ${miRange(ins?.all)} | ${insRatio('all')} | ≤ 1.25x |

Per call: ${o.calls} iterations after a warm-up, each making, in a rotating order, one raw
\`GET /organization/events/{id}\` to the sandbox (its own process, a kept-alive connection), one
\`get_event\` over MCP (the real server over stdio, talking HTTP to the same sandbox), the same
call to a bare server on the same SDK whose one tool sends that GET and returns the body as it
came (bench/bare-sdk-http-server.mjs: no validation, shaping or marking of ours), and one call
of ours that sends no HTTP request (the MCP round trip alone). Latency in ms, seen by the client.

| call | p50 | p90 | p99 | server CPU per call |
| --- | --- | --- | --- | --- |
| raw HTTP GET | ${o.raw.p50} | ${o.raw.p90} | ${o.raw.p99} | |
| \`get_event\` over MCP, mtslink-mcp | ${o.mcp.p50} | ${o.mcp.p90} | ${o.mcp.p99} | ${o.serverCpuMsPerCall.mcp} ms |
| \`get_event\` over MCP, bare SDK server | ${o.bare.p50} | ${o.bare.p90} | ${o.bare.p99} | ${o.serverCpuMsPerCall.bare} ms |
| MCP call with no HTTP request, mtslink-mcp | ${o.floor.p50} | ${o.floor.p90} | ${o.floor.p99} | |

Added by MCP: **+${o.added.p50} ms at p50** (call-by-call difference: median ${o.added.pairedMedian} ms, middle half
${o.added.pairedP25}–${o.added.pairedP75}); **p99 ${o.p99Ratio}x raw**. Targets: ≤ +0.4 ms p50, p99 ≤ 1.5x raw.
The bare SDK server adds +${o.bareAdded} ms at p50 for the same GET (p99 ${o.bareP99Ratio}x raw), so
mtslink-mcp's own share of the p50 is ${r2(o.added.p50 - o.bareAdded)} ms (server CPU ${r2(o.serverCpuMsPerCall.mcp - o.serverCpuMsPerCall.bare)} ms a call more than the bare
server's). Server CPU is user + system time from \`/proc\`, summed over the calls.

Start-up: the server instructions carry the date and time in Moscow (\`nowLine\` in
src/server.ts), computed without Intl: Moscow's UTC+3 (all year since 2014) is written out and
test/server.test.ts checks it against the zone data. The first zone-aware \`Intl.DateTimeFormat\`
a process builds loads ICU's locale and zone data, 118 M instructions and about 35 ms on its own
(\`valgrind --tool=callgrind node -e\` with and without it: 620 M vs 502 M): with it the default
toolsets started at 1.17x the bare server's instructions.

What stands in the way of the per-call targets: the MCP round trip itself. A call of ours that
sends no request takes ${o.floor.p50} ms at p50 (the client's and server's SDKs and two pipe writes),
and the bare server, which does nothing of ours, adds as much as we do within ${r2(o.added.p50 - o.bareAdded)} ms and
misses the p99 target too. What remains of ours per call is the one validation of the arguments
(zod; the SDK passes them through), shaping and marking the event, and one JSON.stringify of the
result; the body is parsed without a copy and normalised in place, qs is skipped for a request
without query parameters, and the connection to the API is kept alive (no pipelining:
src/api/client.ts says why).

${BEFORE}
`;
}

/** Replaces (or appends) this section of BENCHMARKS.md, leaving the rest of the page alone. */
function writeSection(section) {
  const file = `${root}BENCHMARKS.md`;
  const page = readFileSync(file, 'utf8');
  const start = page.indexOf(HEADING);
  if (start < 0) {
    writeFileSync(file, `${page.trimEnd()}\n\n${section}`);
    return;
  }
  const next = page.indexOf('\n## ', start + HEADING.length);
  const rest = next < 0 ? '' : page.slice(next + 1);
  writeFileSync(file, `${page.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`);
}

/** Both measurements with the machine's load around them. */
export async function benchStartAndCall() {
  const before = loadavg();
  const startup = await benchStartup();
  const overhead = await benchCallOverhead();
  return { startup, overhead, load: { before, after: loadavg() } };
}

/** Measures, prints the section and writes it into BENCHMARKS.md (`npm run bench` calls this last). */
export async function runAndWrite({ write = true } = {}) {
  process.stderr.write('start-up and per-call overhead, side by side with bare SDK servers…\n');
  const figures = await benchStartAndCall();
  const section = startAndCallSection(figures);
  process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`\n${section}`);
  if (write) writeSection(section);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runAndWrite({ write: process.argv.includes('--write') });
}
