// Bulk registration at the API's pace (issue 16, item 5): register_participants through the
// real server (`node dist/cli.js` over stdio, default rate limit) against the best public
// practice — invite batches of 50, one after the other, 0.5 s of sleep between calls — at
// several API latencies (the sandbox's --latency-ms) and a sandbox limit of 2 requests/s.
//
// Side by side: in each round every scenario gets one sandbox process with two tokens (the limit
// is per token), and the two sides run at the same time against it, so machine load falls on
// both alike; all scenarios of a round run at once (both sides mostly wait on the API). The
// ratio is the public practice's time over ours (> 1: we are faster), per round; median and
// range over the rounds. Ours is timed from the tools/call to its answer (so it includes
// reading the form and who is registered, and the MCP round trip of 10,000 people); theirs from
// the first invite to the last answer.
//
// Also one scenario where the API's limit is below the client's (client 4/s, API 2/s): the
// 429s it gets back slow the client down instead of being retried at the same pace.
//
// Run alone: npm run build && node bench/bulk-pace.mjs   (BENCH_PACE_ROUNDS, BENCH_PACE_PEOPLE)
// (part of `npm run bench`).
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import qs from 'qs';
import { request } from 'undici';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const FAR_FUTURE = '2027-06-01T11:00:00+03:00';
/** The sandbox's limit: the client's default (2 requests/s) and the public scripts' pace. */
const API_RPS = 2;
const PUBLIC_SLEEP_MS = 500;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const peopleList = (n, tag) =>
  Array.from({ length: n }, (_, i) => ({
    email: `${tag}.${i}@pace.example`,
    name: `Name${i}`,
    secondName: `Surname${i}`,
  }));

/** `mtslink-mcp sandbox` in its own process with the given flags; resolves with its URL. */
async function sandboxProcess(flags) {
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', ...flags], {
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

/** Ours: the server as users run it, default limit unless `maxRps` says otherwise. */
async function ours({ url, token, people, maxRps }) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli],
    env: {
      PATH: process.env.PATH,
      MTSLINK_TOKEN: token,
      MTSLINK_BASE_URL: url,
      MTSLINK_TOOLSETS: 'events,participants,workflows',
      ...(maxRps ? { MTSLINK_MAX_RPS: String(maxRps) } : {}),
    },
    stderr: 'pipe',
  });
  let tooMany = 0;
  transport.stderr?.on('data', (d) => (tooMany += (String(d).match(/after 429/g) ?? []).length));
  const client = new Client({ name: 'bench-pace', version: '1' });
  await client.connect(transport);
  try {
    const json = (res) => JSON.parse(res.content[0].text);
    const ev = json(await client.callTool({ name: 'create_event', arguments: { name: 'Pace' } }));
    const session = json(
      await client.callTool({
        name: 'create_event_session',
        arguments: { eventId: ev.eventId, startsAt: FAR_FUTURE },
      }),
    );
    const list = peopleList(people, 'ours');
    const started = performance.now();
    const res = await client.callTool(
      {
        name: 'register_participants',
        arguments: { eventSessionId: session.eventSessionId, people: list, waitSeconds: 600 },
      },
      { timeout: 900_000, resetTimeoutOnProgress: true, onprogress: () => {} },
    );
    const seconds = (performance.now() - started) / 1000;
    if (res.isError) throw new Error(res.content[0].text);
    const { counts } = json(res);
    if (counts.registered !== people) throw new Error(`ours: ${JSON.stringify(counts)}`);
    return { seconds, tooMany };
  } finally {
    await client.close();
  }
}

/** The best public practice: invite batches of 50 in sequence, 0.5 s sleep between calls. */
async function publicPractice({ url, token, people }) {
  const headers = { 'x-auth-token': token, 'content-type': 'application/x-www-form-urlencoded' };
  const post = async (path, form) => {
    for (;;) {
      const res = await request(`${url}${path}`, {
        method: 'POST',
        headers,
        body: qs.stringify(form),
      });
      const text = await res.body.text();
      if (res.statusCode !== 429) {
        if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${text}`);
        return { text, tooMany: 0 };
      }
      // Not part of the practice (its pace never trips the limit), but never lose a batch.
      const after = Number(res.headers['retry-after'] ?? 1) * 1000;
      await new Promise((resolve) => setTimeout(resolve, after));
    }
  };
  const { eventId } = JSON.parse((await post('/events', { name: 'Pace', access: '4' })).text);
  const { eventSessionId } = JSON.parse((await post(`/events/${eventId}/sessions`, {})).text);
  const list = peopleList(people, 'public');
  const started = performance.now();
  let registered = 0;
  for (let i = 0; i < list.length; i += 50) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, PUBLIC_SLEEP_MS));
    const { text } = await post(`/eventsessions/${eventSessionId}/invite`, {
      users: list.slice(i, i + 50),
    });
    registered += JSON.parse(text).length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (registered !== people) throw new Error(`public practice: ${registered} of ${people}`);
  return { seconds };
}

/** One scenario, both sides at once against one sandbox (a token each). */
async function pair({ latencyMs, people, maxRps }) {
  const sandbox = await sandboxProcess([
    '--rate-limit',
    String(API_RPS),
    '--latency-ms',
    String(latencyMs),
    '--token',
    'ours-token',
    '--token',
    'public-token',
  ]);
  try {
    const [a, b] = await Promise.all([
      ours({ url: sandbox.url, token: 'ours-token', people, maxRps }),
      publicPractice({ url: sandbox.url, token: 'public-token', people }),
    ]);
    return { ours: a.seconds, public: b.seconds, tooMany: a.tooMany };
  } finally {
    sandbox.close();
  }
}

/**
 * 6,000 people where the API answers at once (about 60 s a side at 2 requests/s); 2,000 where
 * it is slow, to keep `npm run bench` short (the public practice needs 60 s for them at 1 s).
 */
export const SCENARIOS = [
  { latencyMs: 0, people: 6_000 },
  { latencyMs: 200, people: 2_000 },
  { latencyMs: 1000, people: 2_000 },
  { latencyMs: 0, people: 2_000, maxRps: 4, label: 'client set to 4/s, API allows 2/s' },
];

export async function benchBulkPace({
  people = process.env.BENCH_PACE_PEOPLE && Number(process.env.BENCH_PACE_PEOPLE),
  rounds = Number(process.env.BENCH_PACE_ROUNDS ?? 2),
  scenarios = SCENARIOS,
  log = () => {},
} = {}) {
  const runs = scenarios.map(() => []);
  for (let r = 0; r < rounds; r++) {
    log(`  round ${r + 1}/${rounds}: ${scenarios.length} scenarios at once…`);
    const results = await Promise.all(
      scenarios.map((s) => pair({ ...s, people: people || s.people })),
    );
    results.forEach((res, i) => runs[i].push(res));
  }
  return scenarios.map((s, i) => {
    const ratios = runs[i].map((r) => r.public / r.ours);
    const n = people || s.people;
    return {
      ...s,
      people: n,
      rounds,
      oursPerSecond: round(n / median(runs[i].map((r) => r.ours)), 1),
      publicPerSecond: round(n / median(runs[i].map((r) => r.public)), 1),
      ratio: round(median(ratios)),
      ratioRange: [round(Math.min(...ratios)), round(Math.max(...ratios))],
      tooMany: median(runs[i].map((r) => r.tooMany)),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchBulkPace({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
