// Bulk registration benchmark (DESIGN.md §5): register_participants through the real MCP server
// (`node dist/cli.js` over stdio) against an in-process sandbox limited to R requests/second,
// with the server's client limit also R. Ceiling: 50 people per invite call → 50·R people/s.
// Figures only; nothing here asserts. Needs `npm run build` first (imports dist/).
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startSandbox } from '../dist/dev/sandbox/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.js`;
const FAR_FUTURE = '2027-06-01T11:00:00+03:00';
const json = (res) => JSON.parse(res.content[0].text);
const peopleList = (n, tag) =>
  Array.from({ length: n }, (_, i) => ({
    email: `${tag}.${i}@bench.example`,
    name: `Name${i}`,
    secondName: `Surname${i}`,
  }));

/** Peak resident set of a process in MB: VmHWM on Linux, else the highest sample seen. */
function rssWatcher(pid) {
  let peakKb = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status)?.[1];
      if (hwm) peakKb = Math.max(peakKb, Number(hwm));
    } catch {
      // not Linux, or the process is gone: keep the last figure
    }
  };
  const timer = setInterval(sample, 200);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return peakKb ? Math.round(peakKb / 102.4) / 10 : undefined;
    },
  };
}

async function connect(sandbox, rps, extraEnv = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli],
    env: {
      PATH: process.env.PATH,
      MTSLINK_TOKEN: sandbox.token,
      MTSLINK_BASE_URL: sandbox.url,
      MTSLINK_MAX_RPS: String(rps),
      MTSLINK_TOOLSETS: 'events,participants,workflows',
      ...extraEnv,
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench-bulk', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid };
}

async function createSession(client, name) {
  const ev = json(await client.callTool({ name: 'create_event', arguments: { name } }));
  const s = await client.callTool({
    name: 'create_event_session',
    arguments: { eventId: ev.eventId, startsAt: FAR_FUTURE },
  });
  return json(s).eventSessionId;
}

/** Ground truth from the sandbox: people of the input missing from the session, or there twice. */
function audit(sandbox, sessionId, people) {
  const seen = new Map();
  for (const p of sandbox.state.participations.values()) {
    if (p.eventSessionId !== sessionId) continue;
    const key = p.email.toLowerCase();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const lost = people.filter((p) => !seen.has(p.email.toLowerCase())).length;
  const duplicated = [...seen.values()].filter((n) => n > 1).length;
  return { lost, duplicated };
}

export async function bulkRun({ rps, people, faults }) {
  const sandbox = await startSandbox({ seed: 1, rateLimit: rps, stallMs: 3_000 });
  // A stalled request must time out well before the stall ends (and before the run does).
  const { client, pid } = await connect(sandbox, rps, faults ? { MTSLINK_TIMEOUT_MS: '1000' } : {});
  try {
    const sessionId = await createSession(client, faults ? 'Bulk with faults' : 'Bulk');
    const list = peopleList(people, faults ? 'faults' : 'clean');
    if (faults) {
      // 5% of all requests fail: 429, 5xx and resets before the request is applied, stalls
      // (client timeouts), and truncated answers after it was applied (the retry trap).
      Object.assign(sandbox.knobs, {
        faultRate429: 0.01,
        faultRate5xx: 0.015,
        faultRateReset: 0.01,
        faultRateStall: 0.005,
        faultRateTruncated: 0.01,
      });
    }
    const requestsBefore = sandbox.requests.length;
    const rss = rssWatcher(pid);
    const started = performance.now();
    let notifications = 0;
    const res = await client.callTool(
      {
        name: 'register_participants',
        arguments: { eventSessionId: sessionId, people: list, waitSeconds: 600 },
      },
      { timeout: 600_000, resetTimeoutOnProgress: true, onprogress: () => notifications++ },
    );
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = rss.stop();
    if (res.isError) throw new Error(res.content[0].text);
    const out = json(res);
    Object.assign(sandbox.knobs, {
      faultRate429: 0,
      faultRate5xx: 0,
      faultRateReset: 0,
      faultRateStall: 0,
      faultRateTruncated: 0,
    });
    const served = sandbox.requests.slice(requestsBefore);
    const sum = Object.values(out.counts).reduce((a, b) => a + b, 0);
    return {
      people,
      seconds: Math.round(seconds * 100) / 100,
      peoplePerSecond: Math.round(people / seconds),
      ceiling: 50 * rps,
      ratio: Math.round((people / seconds / (50 * rps)) * 1000) / 1000,
      peakRssMb,
      counts: out.counts,
      countsAddUp: sum === people,
      progressNotifications: notifications,
      requests: served.length,
      inviteCalls: served.filter((r) => r.path.endsWith('/invite')).length,
      faultyAnswers: served.filter((r) => r.status === 0 || r.status === 429 || r.status >= 500)
        .length,
      ...audit(sandbox, sessionId, list),
    };
  } finally {
    await client.close();
    await sandbox.close();
  }
}

/**
 * The naive way: one P1 call per person, in sequence, paced to the same R requests/second as
 * the server's client and just under the sandbox's count (at most R arrivals in any second): a
 * request starts a second after the answer to the one R places before it, which the sandbox
 * surely counted by then, so stalls of the event loop cannot make it trip a 429 of its own; any
 * 429 it still gets is counted and waited out (Retry-After).
 */
export async function naiveBaseline({ rps, sample }) {
  const sandbox = await startSandbox({ seed: 1, rateLimit: rps });
  const headers = {
    'x-auth-token': sandbox.token,
    'content-type': 'application/x-www-form-urlencoded',
  };
  try {
    const post = async (path, form) => {
      const res = await request(`${sandbox.url}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form).toString(),
      });
      return res.body.json();
    };
    const { eventId } = await post('/events', { name: 'Naive', access: '4' });
    const { eventSessionId: sessionId } = await post(`/events/${eventId}/sessions`, {});
    const url = `${sandbox.url}/eventsessions/${sessionId}/register`;
    // The two set-up requests count against the same limit.
    const answered = [performance.now(), performance.now()];
    const started = performance.now();
    let ok = 0;
    let tooMany = 0;
    for (let i = 0; i < sample; i++) {
      const body = new URLSearchParams({
        email: `naive.${i}@bench.example`,
        name: `Name${i}`,
        secondName: `Surname${i}`,
      }).toString();
      for (;;) {
        // +1 ms: timers round to whole milliseconds and may fire a fraction early.
        const due = answered.length >= rps ? answered[answered.length - rps] + 1001 : 0;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const res = await request(url, { method: 'POST', headers, body });
        await res.body.text();
        answered.push(performance.now());
        if (res.statusCode !== 429) {
          if (res.statusCode === 201) ok++;
          break;
        }
        tooMany++;
        const after = Number(res.headers['retry-after'] ?? 1) * 1000;
        await new Promise((resolve) => setTimeout(resolve, after));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      people: sample,
      registered: ok,
      tooMany,
      peoplePerSecond: Math.round((ok / seconds) * 10) / 10,
    };
  } finally {
    await sandbox.close();
  }
}

/**
 * Returns `{ rps, clean, faults, baseline }`: people/s vs the 50·R ceiling and peak server RSS
 * for a clean run (median of `rounds`); the same run with 5% injected faults, audited against the sandbox state
 * (`lost`, `duplicated` must be 0); and the one-call-per-person baseline on a sample.
 */
export async function benchBulkRegistration({
  rps = 20,
  people = 10_000,
  baselineSample = 300,
  rounds = 3,
} = {}) {
  // The clean run is repeated and its median kept: single runs vary with scheduling noise.
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await bulkRun({ rps, people, faults: false }));
  runs.sort((a, b) => a.peoplePerSecond - b.peoplePerSecond);
  const clean = {
    ...runs[Math.floor(runs.length / 2)],
    rounds,
    ratioRange: [runs[0].ratio, runs.at(-1).ratio],
    peakRssMbMax: Math.max(...runs.map((r) => r.peakRssMb ?? 0)),
    peakRssMbMin: Math.min(...runs.map((r) => r.peakRssMb ?? 0)),
    peakRssMbMedian: runs.map((r) => r.peakRssMb ?? 0).sort((a, b) => a - b)[
      Math.floor(rounds / 2)
    ],
  };
  const faults = await bulkRun({ rps, people, faults: true });
  const baseline = await naiveBaseline({ rps, sample: baselineSample });
  return { rps, people, ceiling: 50 * rps, clean, faults, baseline };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchBulkRegistration({
    rps: Number(process.env.BENCH_RPS ?? 20),
    people: Number(process.env.BENCH_PEOPLE ?? 10_000),
  });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
