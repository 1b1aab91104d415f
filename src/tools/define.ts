// A tool is data: one object per API operation (STYLE.md §1, §3). defineTool() only fills in
// defaults and keeps zod inference per entry; registration lives in register.ts.
import type { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import type { ApiError } from '../api/errors.js';
import type { HttpMethod } from '../api/types.js';
import { confirm as confirmField } from './fields.js';
import type { TimezoneCatalog } from './timezones.js';

export type Params = Record<string, unknown>;

/** Everything a tool's hooks may use besides their input. */
export interface ToolContext {
  client: ApiClient;
  timezones: TimezoneCatalog;
  signal: AbortSignal;
  /** Reports progress when the client asked for it (no-op otherwise). */
  progress: (done: number, total?: number, message?: string) => Promise<void>;
  /** Folders the user allowed local files to be read from (local-files.ts); none if absent. */
  allowedFolders?: () => Promise<string[]>;
}

export interface Annotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds many input types
type AnyObject = z.ZodObject<any>;

export interface ToolSpec<I extends AnyObject> {
  name: string;
  title: string;
  description: string;
  method: HttpMethod;
  /** Path template; every `{param}` must be a required key of `input` (unless `paths` is set). */
  path: string;
  /**
   * Alternative targets of one operation, keyed by the id argument that selects each (e.g.
   * `{ eventSessionId: '/eventsessions/{eventSessionId}/x', eventId: '/events/{eventId}/x' }`).
   * Exactly one of the keys must be given; `path` then documents the first.
   */
  paths?: Record<string, string>;
  input: I;
  /** Friendly input → the API's wire params (dates to parts, booleans to flags, renames). */
  toParams?: (input: z.output<I>, ctx: ToolContext) => Params | Promise<Params>;
  /** Trims the API response before it reaches the model (async when it needs a lookup). */
  shape?: (data: unknown, input: z.output<I>, ctx: ToolContext) => unknown;
  /** Zod schema of the shaped result; when set the result also carries structuredContent. */
  output?: AnyObject;
  /** Writes the text block (e.g. a Markdown report) instead of the default compact JSON. */
  render?: (data: unknown) => string;
  annotations?: Partial<Annotations>;
  /**
   * For irreversible operations: the question put to the user, naming what it is about (it may
   * read the object, see subjects.ts), or undefined when this particular input is harmless. The
   * call then needs the user's confirmation (confirm.ts, DESIGN.md §4).
   */
  confirm?: (
    input: z.output<I>,
    ctx: ToolContext,
  ) => string | undefined | Promise<string | undefined>;
  /** Overrides the client's idempotency default (POST that the API makes safe to repeat). */
  idempotent?: boolean;
  /**
   * A better recovery hint for an API error this tool understands (e.g. a 403 that really means
   * "another conversion is running"); undefined keeps the generic hint. Starts with a space.
   */
  errorHint?: (err: ApiError) => string | undefined;
  /** Escape hatch for multi-call operations; replaces toParams → request → shape. */
  run?: (input: z.output<I>, ctx: ToolContext) => Promise<unknown>;
}

export interface ToolDef<I extends AnyObject = AnyObject> extends ToolSpec<I> {
  annotations: Annotations;
}

/** Annotation defaults per HTTP method (STYLE.md §5); MCP's destructive default is true. */
export function annotationsFor(method: HttpMethod): Annotations {
  const base = { openWorldHint: true };
  switch (method) {
    case 'GET':
      return { ...base, readOnlyHint: true, destructiveHint: false, idempotentHint: true };
    case 'POST':
      return { ...base, readOnlyHint: false, destructiveHint: false, idempotentHint: false };
    case 'PUT':
      return { ...base, readOnlyHint: false, destructiveHint: false, idempotentHint: true };
    case 'PATCH':
      return { ...base, readOnlyHint: false, destructiveHint: false, idempotentHint: false };
    case 'DELETE':
      return { ...base, readOnlyHint: false, destructiveHint: true, idempotentHint: true };
  }
}

export function defineTool<I extends AnyObject>(spec: ToolSpec<I>): ToolDef {
  return {
    ...spec,
    // Irreversible tools take an explicit `confirm` for clients that cannot ask the user.
    input: spec.confirm ? spec.input.extend({ confirm: confirmField.optional() }) : spec.input,
    annotations: { ...annotationsFor(spec.method), ...spec.annotations },
  } as unknown as ToolDef;
}
