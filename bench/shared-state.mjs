// Shared state on Redis (issue 15): two HTTP instances sharing one Redis vs one instance in
// memory, against one sandbox (in this process, so its request log is the ground truth), a real
// redis-server on a free loopback port. Three parts, each side by side:
// - Per call: get_event through an instance in memory and through one on Redis, taking turns in
//   blocks, at a limit that does not bind (1,000/s) but is on, so every call takes its slot in
//   Redis (one Lua round trip): the difference is what Redis adds to a call.
// - The token's limit: the same work — a 10,000-person registration and 1,000 get_event calls
//   at once — through one instance in memory, through two instances on Redis (A registers, B
//   reads), and through two instances without Redis (what a load balancer gave before). The
//   sandbox counts every arrival: mean rate and busiest second against the limit, and 429s.
// - Start-up and idle memory of `--http` without MTSLINK_REDIS_URL and with it.
// Figures only; needs `npm run build` (runs dist/cli.js). Run alone:
//   node bench/shared-state.mjs          (BENCH_SHARED_LIMIT, BENCH_SHARED_PEOPLE, BENCH_SHARED_CALLS)
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SECRET = 'bench-shared-secret';
/** get_event callers at once in the rate part. */
const READERS = 8;
const FAR_FUTURE = '2027-06-01T11:00:00+03:00';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
const r1 = (n) => Math.round(n * 10) / 10;
const r2 = (n) => Math.round(n * 100) / 100;

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);

/** redis-server without persistence on a free port; resolves when it accepts connections. */
async function startRedis() {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, close: () => child.kill('SIGKILL') };
}

/** `mtslink-mcp --http` and an MCP client on it; `startMs` from spawn to its "serving" line. */
async function instance(env) {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, '--http', '--port', '0'], {
    env: { PATH: process.env.PATH, MTSLINK_HTTP_TOKEN: SECRET, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /Streamable HTTP at (http:\/\/\S+?\/mcp)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`mtslink-mcp exited (${code}): ${err}`)));
  });
  const startMs = performance.now() - started;
  const client = new Client({ name: 'bench-shared', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${SECRET}` } },
    }),
  );
  const call = async (name, args) => {
    const res = await client.callTool({ name, arguments: args }, { timeout: 900_000 });
    const text = res.content?.[0]?.text ?? '';
    if (res.isError) throw new Error(`${name}: ${text}`);
    return JSON.parse(text);
  };
  const rssMb = () =>
    r1(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
  const close = async () => {
    await client.close().catch(() => undefined);
    child.kill();
  };
  return { call, startMs, rssMb, close };
}

const envFor = (sandbox, limit, redis) => ({
  MTSLINK_BASE_URL: sandbox.url,
  MTSLINK_TOKEN: sandbox.token,
  MTSLINK_MAX_RPS: String(limit),
  MTSLINK_TOOLSETS: 'events,participants,workflows',
  ...(redis ? { MTSLINK_REDIS_URL: redis.url } : {}),
});

/** get_event, memory vs Redis, in alternating blocks: median and p99 per call (ms). */
async function perCall(sandbox, redis, calls) {
  const memory = await instance(envFor(sandbox, 1000));
  const shared = await instance(envFor(sandbox, 1000, redis));
  try {
    const { eventId } = await memory.call('create_event', { name: 'Per call' });
    const times = { memory: [], redis: [] };
    const block = 100;
    for (const side of ['memory', 'redis']) {
      for (let i = 0; i < 20; i++)
        await (side === 'memory' ? memory : shared).call('get_event', { eventId });
    }
    for (let done = 0; done < calls; done += block) {
      for (const side of ['memory', 'redis']) {
        const via = side === 'memory' ? memory : shared;
        for (let i = 0; i < block; i++) {
          const t = performance.now();
          await via.call('get_event', { eventId });
          times[side].push(performance.now() - t);
        }
      }
    }
    const stats = (xs) => ({ p50: r2(median(xs)), p99: r2(quantile(xs, 0.99)) });
    const m = stats(times.memory);
    const s = stats(times.redis);
    return { calls, memory: m, redis: s, addedP50Ms: r2(s.p50 - m.p50) };
  } finally {
    await Promise.all([memory.close(), shared.close()]);
  }
}

/** The busiest `windowMs` of arrivals (count). */
function busiest(times, windowMs) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j] <= sorted[i] - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * One setup doing the registration and the reads at once; `registrar` and `reader` may be the
 * same instance. Rate figures come from the sandbox's log of this token's requests.
 */
async function sharedWork({ sandbox, registrar, reader, people, calls, tag }) {
  const { eventId } = await registrar.call('create_event', { name: `Shared ${tag}` });
  const { eventSessionId } = await registrar.call('create_event_session', {
    eventId,
    startsAt: FAR_FUTURE,
  });
  const list = Array.from({ length: people }, (_, i) => ({
    email: `${tag}.${i}@shared.example`,
    name: `Name${i}`,
  }));
  const mark = sandbox.requests.length;
  const started = performance.now();
  const [registration, reads] = await Promise.all([
    (async () => {
      const out = await registrar.call('register_participants', {
        eventSessionId,
        people: list,
        sendEmail: false,
        waitSeconds: 600,
      });
      return { seconds: (performance.now() - started) / 1000, registered: out.counts.registered };
    })(),
    (async () => {
      // Several agents reading at once: together they ask for more than the limit.
      const times = [];
      let next = 0;
      const agent = async () => {
        while (next++ < calls) {
          const t = performance.now();
          await reader.call('get_event', { eventId });
          times.push(performance.now() - t);
        }
      };
      await Promise.all(Array.from({ length: READERS }, agent));
      return { seconds: (performance.now() - started) / 1000, p50: median(times) };
    })(),
  ]);
  const served = sandbox.requests.slice(mark);
  const at = served.map((r) => r.at);
  const span = (Math.max(...at) - Math.min(...at)) / 1000;
  return {
    seconds: r1(Math.max(registration.seconds, reads.seconds)),
    registered: registration.registered,
    registrationSeconds: r1(registration.seconds),
    readsSeconds: r1(reads.seconds),
    readP50Ms: r1(reads.p50),
    requests: served.length,
    meanRate: r1(served.length / span),
    busiestSecond: busiest(at, 1000),
    tooMany: served.filter((r) => r.status === 429).length,
  };
}

async function limitRun(sandbox, redis, { limit, people, calls }) {
  const out = {};
  // One in memory.
  {
    const one = await instance(envFor(sandbox, limit));
    try {
      out.oneInMemory = await sharedWork({
        sandbox,
        registrar: one,
        reader: one,
        people,
        calls,
        tag: 'one',
      });
    } finally {
      await one.close();
    }
  }
  // Two on Redis, two without: A registers, B reads.
  for (const [key, withRedis] of [
    ['twoOnRedis', true],
    ['twoInMemory', false],
  ]) {
    const a = await instance(envFor(sandbox, limit, withRedis ? redis : undefined));
    const b = await instance(envFor(sandbox, limit, withRedis ? redis : undefined));
    try {
      out[key] = await sharedWork({ sandbox, registrar: a, reader: b, people, calls, tag: key });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }
  return out;
}

/** Start-up (spawn to "serving") and idle RSS after one call, without and with Redis; alternating. */
async function startUp(sandbox, redis, rounds) {
  const runs = { without: [], with: [] };
  for (let i = 0; i < rounds; i++) {
    for (const side of ['without', 'with']) {
      const inst = await instance(envFor(sandbox, 1000, side === 'with' ? redis : undefined));
      try {
        await inst.call('list_events', { perPage: 1 });
        runs[side].push({ ms: inst.startMs, rss: inst.rssMb() });
      } finally {
        await inst.close();
      }
    }
  }
  const sum = (xs) => ({
    startMs: Math.round(median(xs.map((x) => x.ms))),
    startRangeMs: [
      Math.round(Math.min(...xs.map((x) => x.ms))),
      Math.round(Math.max(...xs.map((x) => x.ms))),
    ],
    rssMb: median(xs.map((x) => x.rss)),
  });
  return { rounds, without: sum(runs.without), with: sum(runs.with) };
}

export async function benchSharedState({
  limit = Number(process.env.BENCH_SHARED_LIMIT ?? 40),
  people = Number(process.env.BENCH_SHARED_PEOPLE ?? 10_000),
  calls = Number(process.env.BENCH_SHARED_CALLS ?? 1_000),
  startRounds = 5,
  log = () => {},
} = {}) {
  if (!REDIS_SERVER)
    return { skipped: 'redis-server not installed (apt-get install redis-server)' };
  const { startSandbox } = await import('../dist/dev/sandbox/index.js');
  // Per call: a sandbox with no limit of its own, so no call waits out a 429.
  const open = await startSandbox({ seed: 1, rateLimit: 0 });
  const sandbox = await startSandbox({ seed: 1, rateLimit: limit });
  const redis = await startRedis();
  try {
    log('  per call, memory vs Redis…');
    const call = await perCall(open, redis, calls);
    log(
      `  ${people} people + ${calls} get_event at ${limit}/s: one in memory, two on Redis, two without…`,
    );
    const work = await limitRun(sandbox, redis, { limit, people, calls });
    log('  start-up without and with MTSLINK_REDIS_URL…');
    const start = await startUp(sandbox, redis, startRounds);
    return { limit, people, calls, call, work, start };
  } finally {
    redis.close();
    await Promise.all([sandbox.close(), open.close()]);
  }
}

export function sharedStateSection(f) {
  const head = '## Shared state on Redis (issue 15)';
  if (f.skipped) return `${head}\n\nNot measured: ${f.skipped}.\n`;
  const row = (label, w) =>
    `| ${label} | ${w.seconds} s (registration ${w.registrationSeconds} s, ${w.registered} registered; reads ${w.readsSeconds} s, p50 ${w.readP50Ms} ms) | ${w.meanRate}/s | ${w.busiestSecond} | ${w.tooMany} |`;
  return `${head}

Command: \`npm run build && node bench/shared-state.mjs\` (also part of \`npm run bench\`). Instances are
\`node dist/cli.js --http\` processes, one sandbox in the bench process (its log counts every
arrival), \`redis-server\` on a free loopback port.

What Redis adds to a call: ${f.calls} \`get_event\` calls through an instance in memory and through one
on Redis, alternating blocks of 100, limit ${'1,000'}/s (on, not binding: each call takes its slot
with one Lua script in Redis).

| | p50 per call | p99 |
| --- | --- | --- |
| in memory | ${f.call.memory.p50} ms | ${f.call.memory.p99} ms |
| on Redis | ${f.call.redis.p50} ms | ${f.call.redis.p99} ms |
| added by Redis | ${f.call.addedP50Ms} ms | |

The token's limit: the same work — ${f.people.toLocaleString('en')} people registered and ${f.calls.toLocaleString('en')} \`get_event\` calls at
once, the reads by ${READERS} callers in parallel — with the token's limit ${f.limit}/s in the sandbox and in every
instance. With two instances, A runs the registration and B the reads.

| setup | time | mean rate at the API | busiest second | 429s |
| --- | --- | --- | --- | --- |
${row('one instance, in memory', f.work.oneInMemory)}
${row('two instances, one Redis', f.work.twoOnRedis)}
${row('two instances, no Redis (before issue 15)', f.work.twoInMemory)}

Start-up of \`--http\` (spawn to the "serving" line) and RSS after one call, ${f.start.rounds} alternating starts:
without \`MTSLINK_REDIS_URL\` ${f.start.without.startMs} ms (${f.start.without.startRangeMs.join('–')}), ${f.start.without.rssMb} MB;
with it ${f.start.with.startMs} ms (${f.start.with.startRangeMs.join('–')}), ${f.start.with.rssMb} MB. Without the variable nothing of
Redis is loaded (test/architecture.test.ts checks the sources and the bundle), so its start-up and memory are those of
the server before issue 15.
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchSharedState({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n\n${sharedStateSection(figures)}`);
}
