// A tool is data (STYLE.md §1, §3), of one of two kinds:
// - an endpoint tool is one API operation (method + path from the wire table), run by the
//   generic path: toParams → request → shape;
// - a workflow tool is a task made of several operations, run by its own `run`, with its own
//   annotations and the list of tools whose operations it performs.
// defineTool()/defineWorkflow() keep every type of the entry (name, input, result), so whoever
// reuses a definition (a workflow, a resource) gets them too. Registration lives in register.ts.
import type { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import type { ApiError } from '../api/errors.js';
import type { HttpMethod } from '../api/types.js';
import type { TimezoneCatalog } from './timezones.js';
import type { ToolsetSwitch } from './toolset-switch.js';

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
  /** Toolsets the model may switch on in this connection (absent where it cannot, e.g. HTTP). */
  toolsets?: ToolsetSwitch;
}

interface Annotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds many input types
export type AnyObject = z.ZodObject<any>;

// Hooks are method signatures on purpose: methods compare bivariantly, so a definition with a
// precise input type still fits the `AnyTool` that lists and the generic path hold.
interface Common<N extends string, I extends AnyObject, O> {
  name: N;
  title: string;
  description: string;
  /** Flat object; every field has `.describe()`. Validated by the one entry (input.ts). */
  input: I;
  /** Zod schema of the result; when set the result also carries structuredContent. */
  output?: AnyObject;
  /** Writes the text block (e.g. a Markdown report) instead of the default compact JSON. */
  render?(data: O): string;
  /**
   * For irreversible operations: the question put to the user, naming what it is about (it may
   * read the object, see subjects.ts), or undefined when this particular input is harmless. The
   * call then needs the user's confirmation (confirm.ts, DESIGN.md §4).
   */
  confirm?(input: z.output<I>, ctx: ToolContext): string | undefined | Promise<string | undefined>;
  /**
   * A better recovery hint for an API error this tool understands (e.g. a 403 that really means
   * "another conversion is running"); undefined keeps the generic hint. Starts with a space.
   */
  errorHint?(err: ApiError): string | undefined;
}

export interface EndpointSpec<N extends string, I extends AnyObject, O> extends Common<N, I, O> {
  method: HttpMethod;
  /** Path template; every `{param}` must be a required key of `input` (unless `paths` is set). */
  path: string;
  /**
   * Alternative targets of one operation, keyed by the id argument that selects each (e.g.
   * `{ eventSessionId: '/eventsessions/{eventSessionId}/x', eventId: '/events/{eventId}/x' }`).
   * Exactly one of the keys must be given; `path` then documents the first.
   */
  paths?: Record<string, string>;
  /** Friendly input → the API's wire params (dates to parts, booleans to flags, renames). */
  toParams?(input: z.output<I>, ctx: ToolContext): Params | Promise<Params>;
  /** Trims the API response before it reaches the model (async when it needs a lookup). */
  shape?(data: unknown, input: z.output<I>, ctx: ToolContext): O | Promise<O>;
  /** Escape hatch for an operation that needs a second call (upload, attach first, wait). */
  run?(input: z.output<I>, ctx: ToolContext): Promise<O>;
  /** Overrides the defaults derived from `method`. */
  annotations?: Partial<Annotations>;
  /** Overrides the client's idempotency default (POST that the API makes safe to repeat). */
  idempotent?: boolean;
}

export interface WorkflowSpec<N extends string, I extends AnyObject, O> extends Common<N, I, O> {
  /**
   * The tools whose API operations this workflow performs (checked to exist; a read-only
   * workflow may use read-only tools only).
   */
  uses: readonly string[];
  /** All four hints, said here: a workflow has no single HTTP method to derive them from. */
  annotations: Annotations;
  run(input: z.output<I>, ctx: ToolContext): Promise<O>;
}

export interface EndpointTool<
  N extends string = string,
  I extends AnyObject = AnyObject,
  O = unknown,
> extends EndpointSpec<N, I, O> {
  kind: 'endpoint';
  annotations: Annotations;
}

export interface WorkflowTool<
  N extends string = string,
  I extends AnyObject = AnyObject,
  O = unknown,
> extends WorkflowSpec<N, I, O> {
  kind: 'workflow';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any result: the list's view
export type AnyTool = EndpointTool<string, AnyObject, any> | WorkflowTool<string, AnyObject, any>;
export type AnyEndpoint = Extract<AnyTool, { kind: 'endpoint' }>;

/** What a definition's callers pass (before zod's defaults and transforms). */
export type InputOf<D extends AnyTool> = z.input<D['input']>;
/** What a definition's handler gets (after them). */
export type ParsedInputOf<D extends AnyTool> = z.output<D['input']>;
/** What running a definition gives: its shape/run result, or the API's answer (unknown). */
export type ResultOf<D extends AnyTool> =
  D extends EndpointTool<string, AnyObject, infer O>
    ? O
    : D extends WorkflowTool<string, AnyObject, infer O>
      ? O
      : never;

/** Annotation defaults per HTTP method (STYLE.md §5); MCP's destructive default is true. */
function annotationsFor(method: HttpMethod): Annotations {
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

/** An endpoint tool: one API operation; annotations default from its method. */
export function defineTool<const N extends string, I extends AnyObject, O = unknown>(
  spec: EndpointSpec<N, I, O>,
): EndpointTool<N, I, O> {
  return {
    ...spec,
    kind: 'endpoint',
    annotations: { ...annotationsFor(spec.method), ...spec.annotations },
  };
}

/** A workflow tool: several operations behind one task-level call. */
export function defineWorkflow<const N extends string, I extends AnyObject, O>(
  spec: WorkflowSpec<N, I, O>,
): WorkflowTool<N, I, O> {
  return { ...spec, kind: 'workflow' };
}

/** A definition by name from an area's list, with its own types (for reuse in workflows). */
export function toolNamed<T extends AnyTool, N extends T['name']>(
  tools: readonly T[],
  name: N,
): Extract<T, { name: N }> {
  const def = tools.find((t): t is Extract<T, { name: N }> => t.name === name);
  if (!def) throw new Error(`no tool named ${name}`);
  return def;
}
