// summarize_attendance on the seeded 10,000-registration session through the real server:
// `node dist/cli.js` over stdio, pointed at a sandbox started in this process. Not a test: the
// figures are for review (bench/run.mjs prints them). Run alone: node bench/attendance-report.mjs
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../dist/dev/sandbox/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ms per report, API requests per report, result size (characters, o200k tokens). */
export async function benchAttendanceReport({
  rounds = Number(process.env.BENCH_ROUNDS ?? 7),
  countTokens,
} = {}) {
  countTokens ??= (await import('gpt-tokenizer/encoding/o200k_base')).countTokens;
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
    const times = [];
    let requests = 0;
    let text = '';
    let structured = '';
    for (let i = 0; i <= rounds; i++) {
      const before = sandbox.requests.length;
      const started = performance.now();
      const res = await client.callTool({
        name: 'summarize_attendance',
        arguments: { eventSessionId: conference.id },
      });
      const ms = performance.now() - started;
      if (res.isError) throw new Error(`summarize_attendance failed: ${res.content[0]?.text}`);
      if (i === 0) continue; // warm-up round
      times.push(ms);
      requests = sandbox.requests.length - before;
      text = res.content.map((c) => c.text ?? '').join('\n');
      structured = JSON.stringify(res.structuredContent);
    }
    return {
      registrations: 10_000,
      rounds,
      medianMs: Math.round(median(times)),
      rangeMs: [Math.round(Math.min(...times)), Math.round(Math.max(...times))],
      apiRequests: requests,
      textChars: text.length,
      textTokens: countTokens(text),
      structuredChars: structured.length,
      structuredTokens: countTokens(structured),
    };
  } finally {
    await client.close();
    await sandbox.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchAttendanceReport().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
