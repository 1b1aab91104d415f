// `npm run demo`: the main job on the sandbox, through real MCP tool calls over stdio.
// Spawns the built server (`dist/cli.js --sandbox`), connects an MCP client and schedules a
// webinar with 300 registrations, runs it with a poll, converts the recording and reports on
// attendance, printing each call and a readable result.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const out = (line = '') => process.stdout.write(`${line}\n`);

/** The coming Tuesday (a week ahead when today is Tuesday) as a Moscow date (YYYY-MM-DD). */
function nextTuesday() {
  const moscowNow = new Date(Date.now() + 3 * 3600_000);
  const day = moscowNow.getUTCDay();
  const toTuesday = (2 - day + 7) % 7 || 7;
  return new Date(moscowNow.getTime() + toTuesday * 86_400_000).toISOString().slice(0, 10);
}

function summarise(value, indent = '    ') {
  if (value === null || typeof value !== 'object') return [`${indent}${String(value)}`];
  const lines = [];
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      lines.push(`${indent}${key}: ${v.length} item(s)`);
      for (const item of v.slice(0, 3)) {
        const known = ['id', 'name', 'secondName', 'email', 'status', 'startsAt'].filter(
          (k) => item && typeof item === 'object' && k in item,
        );
        const brief = known.length
          ? known.map((k) => `${k}=${item[k]}`).join(', ')
          : JSON.stringify(item).slice(0, 160);
        lines.push(`${indent}  - ${brief}`);
      }
    } else if (v && typeof v === 'object') {
      // Nested results (e.g. a registration account) are summed up by their counts if they have any.
      lines.push(`${indent}${key}: ${JSON.stringify(v.counts ?? v).slice(0, 160)}`);
    } else {
      lines.push(`${indent}${key}: ${v}`);
    }
  }
  return lines;
}

async function main() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--sandbox', '--toolsets', 'all'],
    stderr: 'ignore',
  });
  const client = new Client({ name: 'mtslink-demo', version: '1.0.0' });
  await client.connect(transport);

  async function call(name, args, { quiet = false } = {}) {
    const shown = JSON.stringify(args);
    if (!quiet) out(`▶ ${name} ${shown.length > 240 ? `${shown.slice(0, 240)}…` : shown}`);
    const res = await client.callTool({ name, arguments: args });
    // The first block holds the data; the sandbox's mark follows in a block of its own.
    const text = res.content[0]?.text ?? '';
    if (res.isError) {
      out(`  ✗ ${text}`);
      throw new Error(`${name} failed`);
    }
    if (res.structuredContent && !text.startsWith('{')) {
      // A Markdown report: print it as written, keep the structured data for the caller.
      if (!quiet) out(text.replace(/^/gm, '    ') + '\n');
      return res.structuredContent;
    }
    const data = JSON.parse(text);
    if (!quiet) {
      for (const line of summarise(data)) out(line);
      out();
    }
    return data;
  }

  const { tools } = await client.listTools();
  out(`Connected to mtslink-mcp on the sandbox: ${tools.length} tools.\n`);

  const day = nextTuesday();
  const startsAt = `${day}T11:00`;
  out(`Job: schedule a webinar next Tuesday (${day}) at 11:00 Moscow time, register 300 people,`);
  out('run it with a poll, convert the recording to MP4 and report attendance.\n');

  const csv = [
    'email;name;secondName',
    ...Array.from({ length: 300 }, (_, i) => `guest${i + 1}@example.com;Гость;Номер ${i + 1}`),
  ].join('\n');
  const scheduled = await call('schedule_webinar', {
    name: 'MTS Link MCP: product demo',
    description: 'A one-hour walkthrough for the sales team.',
    startsAt,
    timezone: 'Europe/Moscow',
    durationMinutes: 60,
    csv,
    sendEmail: false,
  });
  const eventSessionId = scheduled.eventSessionId;
  await call('list_events', { from: day, to: `${day}T23:59`, name: 'product demo' });
  await call('list_participants', { eventSessionId, perPage: 10 });

  out("(start and stop are irreversible; the demo confirms on the user's behalf)\n");
  await call('start_event_session', { eventSessionId, confirm: true });

  const poll = await call('create_test', {
    name: 'Quick poll',
    questions: [
      {
        text: 'How useful was this webinar?',
        answers: [{ text: 'Very' }, { text: 'Somewhat' }, { text: 'Not really' }],
      },
    ],
  });
  const test = await call('get_test', { testId: poll.testId });
  const question = test.questions[0];
  const started = await call('start_test', { testId: poll.testId, eventSessionId });
  for (let i = 1; i <= 5; i++) {
    const choice = question.answers[i % 2 === 0 ? 1 : 0];
    await call(
      'submit_test_answers',
      {
        testSessionId: started.testSessionId,
        email: `guest${i}@example.com`,
        answers: [{ questionId: question.questionId, answerIds: [choice.answerId] }],
      },
      { quiet: true },
    );
  }
  out('    (5 people answered the poll)\n');
  await call('stop_test', { testSessionId: started.testSessionId, confirm: true });
  await call('get_test_results', { testId: poll.testId });
  await call('stop_event_session', { eventSessionId, confirm: true });

  await call('convert_record', { eventSessionId, quality: 1080, waitSeconds: 10 });
  await call('summarize_attendance', { eventSessionId });

  await client.close();
  out('Done. Everything above ran through MCP tool calls against the local sandbox.');
}

main().catch((err) => {
  console.error(`demo failed: ${err.message}`);
  process.exit(1);
});
