// Structured logs: one JSON object per line on stderr (stdout belongs to MCP). Secrets given to
// the logger are redacted from every line; a forwarder can mirror lines to MCP log notifications.
import { redact } from './api/redact.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Level = Exclude<LogLevel, 'silent'>;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Adds a secret to redact from every later line. */
  addSecret(secret: string | undefined): void;
  /** Mirrors each emitted line to `fn` (e.g. MCP logging notifications). */
  forward(
    fn: ((level: Level, msg: string, fields: Record<string, unknown>) => void) | undefined,
  ): void;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const secrets: string[] = [];
  let forwarder: ((level: Level, msg: string, fields: Record<string, unknown>) => void) | undefined;
  const clean = (text: string) => secrets.reduce((t, s) => redact(t, s), text);

  const emit =
    (lvl: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LOG_LEVELS.indexOf(lvl) < threshold) return;
      const line = clean(
        JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }),
      );
      write(`${line}\n`);
      if (forwarder) {
        const parsed = JSON.parse(line) as { msg: string } & Record<string, unknown>;
        forwarder(lvl, parsed.msg, parsed);
      }
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    addSecret: (secret) => {
      if (secret) secrets.push(secret);
    },
    forward: (fn) => {
      forwarder = fn;
    },
  };
}
