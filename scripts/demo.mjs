// `npm run demo`: the main job on the sandbox, through real MCP tool calls over stdio.
// Spawns the built server (`dist/cli.js --sandbox`), connects an MCP client and schedules,
// runs and inspects a webinar, printing each call and a readable result.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Next week's Tuesday as a Moscow wall-clock date (YYYY-MM-DD). */
function nextWeekTuesday() {
  const moscowNow = new Date(Date.now() + 3 * 3600_000);
  const day = moscowNow.getUTCDay();
  const toTuesday = ((2 - day + 7) % 7) + 7;
  return new Date(moscowNow.getTime() + toTuesday * 86_400_000).toISOString().slice(0, 10);
}

function summarise(value, indent = '    ') {
  if (value === null || typeof value !== 'object') return [`${indent}${String(value)}`];
  const lines = [];
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      lines.push(`${indent}${key}: ${v.length} item(s)`);
      for (const item of v.slice(0, 3)) {
        const brief =
          item && typeof item === 'object'
            ? ['id', 'name', 'status', 'startsAt']
                .filter((k) => k in item)
                .map((k) => `${k}=${item[k]}`)
                .join(', ')
            : String(item);
        lines.push(`${indent}  - ${brief}`);
      }
    } else if (v && typeof v === 'object') {
      lines.push(`${indent}${key}: ${JSON.stringify(v).slice(0, 120)}`);
    } else {
      lines.push(`${indent}${key}: ${v}`);
    }
  }
  return lines;
}

async function main() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--sandbox'],
    stderr: 'ignore',
  });
  const client = new Client({ name: 'mtslink-demo', version: '1.0.0' });
  await client.connect(transport);

  async function call(name, args) {
    out(`▶ ${name} ${JSON.stringify(args)}`);
    const res = await client.callTool({ name, arguments: args });
    const text = res.content.map((c) => c.text ?? '').join('\n');
    if (res.isError) {
      out(`  ✗ ${text}`);
      throw new Error(`${name} failed`);
    }
    const data = JSON.parse(text.replace(/^\[sandbox data\] /, ''));
    for (const line of summarise(data)) out(line);
    out();
    return data;
  }

  const { tools } = await client.listTools();
  out(`Connected to mtslink-mcp on the sandbox: ${tools.length} tools.\n`);

  const day = nextWeekTuesday();
  const startsAt = `${day}T11:00`;
  out(`Job: schedule a webinar next Tuesday (${day}) at 11:00 Moscow time, run it, show it.\n`);
  const event = await call('create_event', {
    name: 'MTS Link MCP: product demo',
    description: 'A one-hour walkthrough for the sales team.',
    startsAt,
    timezone: 'Europe/Moscow',
    durationMinutes: 60,
  });
  const session = await call('create_event_session', {
    eventId: event.eventId,
    startsAt,
    timezone: 'Europe/Moscow',
  });
  await call('list_events', { from: day, to: `${day}T23:59`, name: 'product demo' });
  out("(start and stop are irreversible; the demo confirms on the user's behalf)\n");
  await call('start_event_session', { eventSessionId: session.eventSessionId, confirm: true });
  await call('stop_event_session', { eventSessionId: session.eventSessionId, confirm: true });
  await call('get_event_session', { eventSessionId: session.eventSessionId });

  await client.close();
  out('Done. Everything above ran through MCP tool calls against the local sandbox.');
}

main().catch((err) => {
  console.error(`demo failed: ${err.message}`);
  process.exit(1);
});
