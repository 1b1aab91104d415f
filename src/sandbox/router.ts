// A tiny method + pattern route table. `{name}` matches a numeric id segment and `{name:any}`
// any one segment; the first registered match wins, so literal routes go before id routes.
import type { SandboxKnobs } from './types.js';
import type { SandboxState } from './state.js';
import type { Input } from './params.js';

export interface RouteContext {
  state: SandboxState;
  knobs: SandboxKnobs;
  /** The sandbox clock at the moment the request is handled (ms). */
  now: number;
  /** Path parameters by name (numeric ones already converted). */
  params: Record<string, number | string>;
  /** Query string (GET) or query merged with the body (other methods; the body wins). */
  input: Input;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  /** `http://host:port` as the client addressed the sandbox, for absolute URLs (upload links). */
  origin: string;
  /** Size of the request body in bytes (storage uploads). */
  bodyBytes: number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  /** As registered, e.g. '/eventsessions/{eventSessionId}/register' (wire-forms.ts keys). */
  pattern: string;
  regex: RegExp;
  names: Array<{ name: string; numeric: boolean }>;
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'ok'; handler: Handler; params: Record<string, number | string>; pattern: string }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const names: Route['names'] = [];
    const source = pattern
      .replace(/[.*+?^$()|\\]/g, '\\$&')
      .replace(/\{(\w+)(:any)?\}/g, (_m, name: string, any?: string) => {
        names.push({ name, numeric: !any });
        return any ? '([^/]+)' : '(\\d{1,15})';
      });
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allow: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, number | string> = {};
      route.names.forEach(({ name, numeric }, i) => {
        const raw = safeDecode(m[i + 1] ?? '');
        params[name] = numeric ? Number(raw) : raw;
      });
      return { kind: 'ok', handler: route.handler, params, pattern: route.pattern };
    }
    return allow.length ? { kind: 'method', allow: [...new Set(allow)] } : { kind: 'none' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
