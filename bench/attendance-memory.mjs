// Memory of repeated attendance reports (issue 16): summarize_attendance on the seeded
// 10,000-registration session, called again and again through the real server (`node
// dist/cli.js` over stdio, the sandbox in this process so that the server's RSS is its own).
// Also the cost of one chart (SVG built, PNG rendered by resvg-wasm), measured in this process.
// Self-contained: bench/run.mjs calls benchAttendanceMemory(); run alone with
//   node bench/attendance-memory.mjs
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb) => Math.round(kb / 102.4) / 10;

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rss: mb(Number(/VmRSS:\s+(\d+)/.exec(status)[1])),
    peak: mb(Number(/VmHWM:\s+(\d+)/.exec(status)[1])),
  };
}

export async function benchAttendanceMemory({
  calls = Number(process.env.BENCH_CALLS_MEMORY ?? 8),
  chart = 'png',
} = {}) {
  const { startSandbox } = await import('../dist/dev/sandbox/index.js');
  const sandbox = await startSandbox({ seed: 1 });
  const conference = [...sandbox.state.sessions.values()].find(
    (s) => s.status === 'STOP' && s.name.startsWith('Годовая'),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli],
    env: {
      PATH: process.env.PATH ?? '',
      MTSLINK_BASE_URL: sandbox.url,
      MTSLINK_TOKEN: sandbox.token,
      MTSLINK_TOOLSETS: 'workflows',
      MTSLINK_MAX_RPS: '1000',
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  try {
    await client.connect(transport);
    await client.listTools();
    const idle = memoryOf(transport.pid);
    const after = [];
    const times = [];
    let imageBytes = 0;
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      const res = await client.callTool({
        name: 'summarize_attendance',
        arguments: { eventSessionId: conference.id, chart },
      });
      times.push(performance.now() - started);
      if (res.isError) throw new Error(res.content[0]?.text);
      imageBytes = Buffer.from(
        res.content.find((c) => c.type === 'image')?.data ?? '',
        'base64',
      ).length;
      after.push(memoryOf(transport.pid));
    }
    const deltas = after.map((m, i) => m.rss - (i === 0 ? idle.rss : after[i - 1].rss));
    return {
      calls,
      idleRssMb: idle.rss,
      afterFirstMb: after[0].rss,
      afterLastMb: after[after.length - 1].rss,
      firstCallMb: Math.round((after[0].rss - idle.rss) * 10) / 10,
      laterCallsMedianMb: median(deltas.slice(1)),
      perCallMb: Math.round(((after[after.length - 1].rss - idle.rss) / calls) * 10) / 10,
      peakMb: after[after.length - 1].peak,
      medianMs: Math.round(median(times)),
      imageBytes,
      rssSeries: after.map((m) => m.rss),
    };
  } finally {
    await client.close();
    await sandbox.close();
  }
}

/** One chart: SVG from the report, PNG through resvg-wasm (first one loads wasm and fonts). */
export async function benchChart({ rounds = 20 } = {}) {
  const { chartOf, renderPng } = await import('../dist/dev/workflows/attendance/chart.js');
  const online = Array.from({ length: 118 }, (_, m) =>
    Math.round(5000 * Math.min(1, m / 18) * (1 - m / 300)),
  );
  const report = {
    lang: 'ru',
    sessionsTotal: 1,
    scope: { kind: 'session' },
    sessions: [{ eventSessionId: 1, name: 'Бенчмарк', startsAt: '2026-11-17T11:02:00+0300' }],
    registrations: { total: 10_000 },
    joinLeave: { onlineByMinute: online, peak: { minute: 18, online: Math.max(...online) } },
  };
  const before = process.memoryUsage().rss;
  let t = performance.now();
  await renderPng(chartOf(report).svg);
  const firstMs = performance.now() - t;
  const loadedRss = process.memoryUsage().rss;
  const times = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    t = performance.now();
    bytes = (await renderPng(chartOf(report).svg)).length;
    times.push(performance.now() - t);
  }
  return {
    firstMs: Math.round(firstMs),
    medianMs: Math.round(median(times) * 10) / 10,
    loadMb: Math.round((loadedRss - before) / 1e5) / 10,
    afterRoundsMb: Math.round((process.memoryUsage().rss - loadedRss) / 1e5) / 10,
    pngBytes: bytes,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const withChart = await benchAttendanceMemory({ chart: 'png' });
  const textOnly = await benchAttendanceMemory({ chart: 'none' });
  const chart = await benchChart();
  process.stdout.write(`${JSON.stringify({ withChart, textOnly, chart }, null, 2)}\n`);
}
