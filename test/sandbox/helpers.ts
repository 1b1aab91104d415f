// Shared helpers for sandbox tests: start a sandbox on port 0 with a fixed clock and call it
// with plain fetch.
import {
  startSandbox,
  type RunningSandbox,
  type SandboxLogOption,
  type SandboxOptions,
} from '../../src/sandbox/index.js';

/** 2026-03-15 12:00 Moscow (09:00 UTC): a fixed sandbox clock. */
export const NOW = Date.UTC(2026, 2, 15, 9, 0, 0);

export interface Call {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface Client {
  sb: RunningSandbox;
  clock: { now: number };
  call(
    method: string,
    path: string,
    opts?: {
      form?: Record<string, string | number | boolean>;
      json?: unknown;
      raw?: string;
      contentType?: string;
      token?: string | null;
    },
  ): Promise<Call>;
}

export async function startClient(opts: SandboxOptions & SandboxLogOption = {}): Promise<Client> {
  const clock = { now: NOW };
  const sb = await startSandbox({ now: () => clock.now, ...opts });
  return {
    sb,
    clock,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = {};
      const token = o.token === undefined ? sb.token : o.token;
      if (token !== null) headers['x-auth-token'] = token;
      let body: string | undefined;
      if (o.form) {
        body = new URLSearchParams(
          Object.entries(o.form).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (o.json !== undefined) {
        body = JSON.stringify(o.json);
        headers['content-type'] = 'application/json';
      } else if (o.raw !== undefined) {
        body = o.raw;
      }
      if (o.contentType) headers['content-type'] = o.contentType;
      const res = await fetch(sb.url + path, { method, headers, body });
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
  };
}

/** Bracket fields for a wall-clock start: `startsAt[date][year]=...`. */
export function when(
  key: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
): Record<string, number> {
  return {
    [`${key}[date][year]`]: y,
    [`${key}[date][month]`]: mo,
    [`${key}[date][day]`]: d,
    [`${key}[time][hour]`]: h,
    [`${key}[time][minute]`]: mi,
  };
}
