// The only two formatters of tool results (STYLE.md §5): success and failure.
import {
  ApiError,
  CancelledError,
  NetworkError,
  SharedStateError,
  TimeoutError,
  UnexpectedResponseError,
} from '../api/errors.js';
import type { AnyTool } from './define.js';
import { InputError, PartialError } from './errors.js';
import { pathParamsOf } from './execute.js';
import { ID_SOURCES } from './fields.js';
import { WrongIdError, wrongIdHint } from './not-found.js';

type TextBlock = { type: 'text'; text: string };

/** Blocks besides the text: a chart image, a file as an embedded resource or a link to one. */
export type ExtraBlock =
  | { type: 'image'; data: string; mimeType: string }
  | {
      type: 'resource';
      resource: { uri: string; mimeType: string } & ({ blob: string } | { text: string });
    }
  | { type: 'resource_link'; uri: string; name: string; mimeType: string; size?: number };

/**
 * A `run` may attach extra content blocks to its data under this key. A symbol: compact() and
 * JSON never see it, so the blocks stay out of the text and structuredContent.
 */
export const EXTRA_CONTENT = Symbol('extraContent');

export interface ToolResult {
  [key: string]: unknown;
  /** The data (JSON or the rendered text) first, then any extra blocks, then the sandbox mark. */
  content: [TextBlock, ...(ExtraBlock | TextBlock)[]];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * The sandbox's mark on every result: its own text block after the data, so the model sees it
 * and `JSON.parse(content[0].text)` still works for programs (the instructions say so too).
 */
export const SANDBOX_MARK = '[sandbox data]';

/**
 * About 20,000 tokens: JSON of Latin text runs near 4 characters a token, Cyrillic names and
 * chat nearer 3, so the cut sits at 60,000 characters rather than 80,000.
 */
export const MAX_RESULT_CHARS = 60_000;

/** Drops null, undefined, empty strings, empty arrays and empty objects: the model pays per token. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const c = compact(v);
      if (c === null || c === undefined || c === '') continue;
      if (Array.isArray(c) && c.length === 0) continue;
      if (typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[key] = c;
    }
    return out;
  }
  return value;
}

/** An empty list stays visible as `items: []` (compact drops empty arrays): "nothing matched". */
function keepEmptyItems(compacted: unknown, original: unknown): unknown {
  const had = original as { items?: unknown } | null;
  if (had && typeof had === 'object' && Array.isArray(had.items) && had.items.length === 0) {
    return { ...(compacted as object), items: [] };
  }
  return compacted;
}

interface ItemList {
  items: unknown[];
  page?: number;
  perPage?: number;
  nextPage?: number;
}

/**
 * Cuts a list result to the size limit and says so. A cut page loses its `nextPage`: following
 * it would skip the rows that were cut, so the note says how to read them instead.
 */
function fitToLimit(data: unknown, def: AnyTool): unknown {
  const text = JSON.stringify(data);
  if (text.length <= MAX_RESULT_CHARS) return data;
  const list = data as ItemList;
  if (list && typeof list === 'object' && Array.isArray(list.items) && list.items.length > 1) {
    const { nextPage: _unsafe, ...rest } = list;
    const total = list.items.length;
    const cut = (n: number) => ({ ...rest, items: list.items.slice(0, n) });
    let keep = Math.max(1, Math.floor((total * MAX_RESULT_CHARS) / text.length));
    while (keep > 1 && JSON.stringify(cut(keep)).length > MAX_RESULT_CHARS - 500) {
      keep = Math.floor(keep * 0.9);
    }
    const first = ((list.page ?? 1) - 1) * (list.perPage ?? 0);
    const where = list.perPage
      ? `rows ${first + keep + 1}-${first + total} of the full list were left out`
      : `${total - keep} items were left out`;
    const how =
      'perPage' in def.input.shape
        ? 'ask again with a smaller perPage (or narrower filters) to read them'
        : 'narrow the filters to read them';
    return {
      ...cut(keep),
      truncated: `showing ${keep} of ${total} items to stay under the result size limit; ${where}: ${how}`,
    };
  }
  return { truncated: true, excerpt: text.slice(0, MAX_RESULT_CHARS) };
}

export function toResult(
  data: unknown,
  def: AnyTool,
  opts: { sandbox?: boolean } = {},
): ToolResult {
  const shaped = fitToLimit(keepEmptyItems(compact(data), data), def);
  // render gets the tool's own result (its type), JSON the compacted, size-capped form.
  const text = def.render ? def.render(data) : JSON.stringify(shaped);
  const extra = (data as { [EXTRA_CONTENT]?: ExtraBlock[] } | null)?.[EXTRA_CONTENT] ?? [];
  const mark: TextBlock[] = opts.sandbox ? [{ type: 'text', text: SANDBOX_MARK }] : [];
  const result: ToolResult = { content: [{ type: 'text', text }, ...extra, ...mark] };
  if (def.output && shaped && typeof shaped === 'object' && !Array.isArray(shaped)) {
    result.structuredContent = shaped as Record<string, unknown>;
  }
  return result;
}

export function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** The arguments that name existing objects: a 404 means one of them is wrong. */
function idArguments(def: AnyTool): string[] {
  if (def.kind === 'workflow') return Object.keys(def.input.shape).filter((k) => k in ID_SOURCES);
  return [...new Set([...pathParamsOf(def.path), ...Object.keys(def.paths ?? {})])];
}

function hintFor(err: ApiError, def: AnyTool): string {
  const status = err.status;
  if (status === 400 || status === 422) {
    const fields = err.fieldErrors ? Object.keys(err.fieldErrors) : [];
    const which = fields.length ? ` Rejected fields: ${fields.join(', ')}.` : '';
    return `${which} Fix the arguments and retry.`;
  }
  if (status === 401) {
    return ' The API token is missing or malformed: the user must set MTSLINK_TOKEN to a valid MTS Link API key. Do not retry.';
  }
  if (status === 403) {
    return ' The token lacks rights for this organisation or object (or the plan has no API access). Do not retry unchanged.';
  }
  if (status === 404) {
    const names = idArguments(def);
    const ids = names.map((p) => `${p} (from ${ID_SOURCES[p] ?? 'the matching list_ tool'})`);
    // The commonest mix-up: a session id given where an event id belongs, or the reverse.
    const mixUp = names.every((n) => n === 'eventId' || n === 'eventSessionId')
      ? ' Event ids and session ids are different numbers; list_events shows both.'
      : '';
    return names.length
      ? ` Nothing with that id here: check ${ids.join(', ')}.${mixUp}`
      : ' Nothing matched: widen the filters.';
  }
  if (status === 409) {
    return ' The object is in a state that does not allow this (for example already started, stopped or existing); read its current state and adjust.';
  }
  if (status === 429) {
    const after = err.retryAfterSeconds;
    return ` Rate limited by the API: retry after ${after ?? 'a few'} seconds.`;
  }
  if (status === 413) return ' The request is too large for the API: send fewer items per call.';
  // Only a timeout or the server's own failure may pass; any other refusal repeats unchanged.
  if (status === 408 || status >= 500) return temporaryHint(def);
  return ` The API refused this request (HTTP ${status}); retrying it unchanged will not help.`;
}

function temporaryHint(def: AnyTool): string {
  return def.annotations.idempotentHint || (def.kind === 'endpoint' && def.idempotent)
    ? ' Temporary failure: safe to retry.'
    : ' Temporary failure: this call is not idempotent, so check whether it took effect (with a list_ or get_ tool) before retrying.';
}

export function toErrorResult(err: unknown, def: AnyTool): ToolResult {
  if (err instanceof PartialError) {
    const cause = toErrorResult(err.cause, def).content[0]?.text ?? '';
    return errorResult(`${cause} Already done, not undone: ${err.done}.`);
  }
  const what = `${def.name} failed:`;
  if (err instanceof InputError) {
    return errorResult(`${what} ${err.sentence}. Nothing was sent; fix it and retry.`);
  }
  if (err instanceof WrongIdError) {
    return errorResult(`${what} ${err.message}.${wrongIdHint(err, def)}`);
  }
  if (err instanceof ApiError) {
    return errorResult(`${what} ${err.message}.${def.errorHint?.(err) ?? hintFor(err, def)}`);
  }
  if (
    err instanceof TimeoutError ||
    err instanceof NetworkError ||
    err instanceof UnexpectedResponseError
  ) {
    return errorResult(`${what} ${err.message}.${temporaryHint(def)}`);
  }
  if (err instanceof CancelledError) return errorResult(`${what} cancelled by the client.`);
  if (err instanceof SharedStateError) return errorResult(`${what} ${err.message}.`);
  const message = err instanceof Error ? err.message : String(err);
  return errorResult(`${what} unexpected error: ${message}`);
}
