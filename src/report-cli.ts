// `mtslink-mcp report`: the attendance report from a shell or cron, without a chat. The same
// code as summarize_attendance and export_attendance; the file goes to --out (or stdout for
// Markdown), progress lines to stderr, and the exit code says what happened (REPORT_EXIT).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiClient } from './api/client.js';
import { ApiError, NetworkError, TimeoutError, UnexpectedResponseError } from './api/errors.js';
import { DEFAULT_BASE_URL, NO_TOKEN_MESSAGE } from './config.js';
import type { ToolContext } from './tools/define.js';
import { InputError } from './tools/errors.js';
import { TimezoneCatalog } from './tools/timezones.js';
import { chartOf, renderPng } from './workflows/attendance/chart.js';
import { buildReport } from './workflows/attendance/compute.js';
import { exportAttendance } from './workflows/attendance/export.js';
import { collect } from './workflows/attendance/fetch.js';
import { renderReport } from './workflows/attendance/markdown.js';

const REPORT_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** The token is missing, wrong, or lacks rights: fix the configuration, do not retry. */
  auth: 3,
  /** No such session or event, or no finished session in the scope. */
  nothingToReport: 4,
  /** Network, timeout, rate limit or server error: try again later. */
  temporary: 5,
} as const;

const REPORT_HELP = `mtslink-mcp report — the attendance report from a shell or cron

  mtslink-mcp report [--sandbox] (--session ID | --event ID | --from DATE [--to DATE])
                     [--format md|csv|xlsx|png|svg] [--out FILE] [--lang ru|en]
                     [--rows participants|sessions] [--separator ';'|',']

  --format    md (default): the text report; png/svg: its chart; csv/xlsx: a spreadsheet
              (one row per registration, or per session with --rows sessions)
  --out FILE  where to write (default: stdout for md and svg; required for png and xlsx)
  --sandbox   report on the built-in simulated organisation instead of MTSLINK_TOKEN's

Exit codes: 0 written · 2 bad arguments · 3 token missing or refused (401/403) ·
4 nothing to report (unknown id, no finished session) · 5 temporary failure, retry later ·
1 anything else. Progress and errors go to stderr.
`;

class UsageError extends Error {}

function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof InputError) return REPORT_EXIT.usage;
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 403) return REPORT_EXIT.auth;
    if (err.status === 404) return REPORT_EXIT.nothingToReport;
    if (err.status === 429 || err.status >= 500) return REPORT_EXIT.temporary;
    return REPORT_EXIT.failed;
  }
  if (
    err instanceof NetworkError ||
    err instanceof TimeoutError ||
    err instanceof UnexpectedResponseError
  ) {
    return REPORT_EXIT.temporary;
  }
  return REPORT_EXIT.failed;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sandbox: { type: 'boolean' },
      session: { type: 'string' },
      event: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      rows: { type: 'string' },
      separator: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const id = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${flag} takes a numeric id, not "${v}"`);
    return Number(v);
  };
  const oneOf = <T extends string>(v: string | undefined, flag: string, allowed: readonly T[]) => {
    if (v !== undefined && !allowed.includes(v as T)) {
      throw new UsageError(`--${flag} is one of ${allowed.join(', ')}, not "${v}"`);
    }
    return v as T | undefined;
  };
  const format =
    oneOf(values.format, 'format', ['md', 'csv', 'xlsx', 'png', 'svg'] as const) ?? 'md';
  if ((format === 'png' || format === 'xlsx') && !values.out) {
    throw new UsageError(`--format ${format} writes a binary file: give --out FILE`);
  }
  return {
    help: values.help === true,
    sandbox: values.sandbox === true,
    format,
    out: values.out,
    input: {
      eventSessionId: id(values.session, 'session'),
      eventId: id(values.event, 'event'),
      from: values.from,
      to: values.to,
      lang: oneOf(values.lang, 'lang', ['ru', 'en'] as const),
      rows: oneOf(values.rows, 'rows', ['participants', 'sessions'] as const),
      separator: oneOf(values.separator, 'separator', [';', ','] as const),
    },
  };
}

async function produce(args: ReturnType<typeof parse>, ctx: ToolContext): Promise<Buffer | string> {
  const { format, input } = args;
  if (format === 'csv' || format === 'xlsx') {
    const file = await exportAttendance({ ...input, format }, ctx);
    if (file.rows === 0)
      throw Object.assign(new Error('nothing to report: no rows'), { empty: true });
    return file.bytes;
  }
  const collected = await collect(input, ctx, {
    topParticipants: 10,
    noShowNames: 20,
    attendees: 0,
  });
  const report = buildReport(collected, { unansweredQuestions: 5 });
  if (report.sessionsTotal === 0) {
    throw Object.assign(new Error(`nothing to report: ${report.note ?? 'no finished sessions'}`), {
      empty: true,
    });
  }
  if (format === 'md') return `${renderReport(report)}\n`;
  const chart = chartOf(report);
  if (!chart) throw Object.assign(new Error('nothing to chart in this report'), { empty: true });
  return format === 'svg' ? chart.svg : Buffer.from(await renderPng(chart.svg));
}

export async function runReportCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`mtslink-mcp report: ${(err as Error).message}\n\n${REPORT_HELP}`);
    return REPORT_EXIT.usage;
  }
  if (args.help) {
    process.stdout.write(REPORT_HELP); // a terminal command: stdout is the user's
    return REPORT_EXIT.ok;
  }
  const sandbox = args.sandbox
    ? await (await import('./sandbox/index.js')).startSandbox()
    : undefined;
  const token = sandbox?.token ?? env.MTSLINK_TOKEN;
  if (!token) {
    process.stderr.write(`mtslink-mcp report: ${NO_TOKEN_MESSAGE}\n`);
    return REPORT_EXIT.auth;
  }
  const client = new ApiClient({
    baseUrl: sandbox?.url ?? env.MTSLINK_BASE_URL ?? DEFAULT_BASE_URL,
    token,
    maxRps: sandbox ? 1000 : Number(env.MTSLINK_MAX_RPS ?? 5),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const ctx: ToolContext = {
    client,
    timezones: TimezoneCatalog.for(client),
    signal: new AbortController().signal,
    progress: async (done, total, message) => {
      process.stderr.write(`mtslink-mcp report: [${done}/${total ?? '?'}] ${message ?? ''}\n`);
    },
  };
  try {
    const output = await produce(args, ctx);
    if (args.out) {
      await writeFile(args.out, output);
      process.stderr.write(
        `mtslink-mcp report: wrote ${args.out} (${Buffer.byteLength(output)} bytes)\n`,
      );
    } else process.stdout.write(output);
    return REPORT_EXIT.ok;
  } catch (err) {
    process.stderr.write(`mtslink-mcp report: ${(err as Error).message}\n`);
    return (err as { empty?: boolean }).empty ? REPORT_EXIT.nothingToReport : exitCodeOf(err);
  } finally {
    await client.close();
    await sandbox?.close();
  }
}
