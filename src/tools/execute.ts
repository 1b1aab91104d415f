// Runs one tool definition without MCP. `callTool` is the entry the workflows and resources use:
// arguments checked by the one validating entry (input.ts), then the definition's own path
// (an endpoint: toParams → request → shape; a workflow: its run). The MCP path validates with
// the same entry, asks for confirmation, then calls `perform`.
import type {
  AnyEndpoint,
  AnyTool,
  EndpointTool,
  InputOf,
  Params,
  ParsedInputOf,
  ResultOf,
  ToolContext,
} from './define.js';
import { InputError } from './errors.js';
import { parseArguments } from './input.js';

/** Validates `args` like any call of the tool, then runs it; the result has the tool's type. */
export async function callTool<D extends AnyTool>(
  def: D,
  args: InputOf<D>,
  ctx: ToolContext,
): Promise<ResultOf<D>> {
  return perform(def, parseArguments(def, args).input, ctx);
}

/** Runs a definition on input that already passed parseArguments. */
export async function perform<D extends AnyTool>(
  def: D,
  input: ParsedInputOf<D>,
  ctx: ToolContext,
): Promise<ResultOf<D>> {
  const tool: AnyTool = def; // the list's view: its handlers' results are the tool's own type
  if (tool.kind === 'workflow') return tool.run(input, ctx);
  if (tool.run) return tool.run(input, ctx);
  return request(tool, input, ctx);
}

async function request(def: AnyEndpoint, input: Params, ctx: ToolContext) {
  const params = def.toParams ? await def.toParams(input, ctx) : input;
  const path = pathFor(def, input);
  const res = await ctx.client.request({
    method: def.method,
    path,
    params,
    signal: ctx.signal,
    idempotent: def.idempotent,
  });
  // 201/204 without a body: confirm, and echo the ids the call was about.
  const data = res.data ?? { ok: true, ...pathValues(path, input), location: res.location };
  return def.shape ? def.shape(data, input, ctx) : data;
}

/** `{name}` parameters of a path template. */
export const pathParamsOf = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/**
 * The path template for this input: the `paths` variant whose id argument is given, else `path`.
 * Ambiguous or missing ids are an InputError naming the argument, before anything is sent.
 */
export function pathFor(def: Pick<EndpointTool, 'path' | 'paths'>, input: Params): string {
  const alternatives = Object.keys(def.paths ?? {});
  const given = alternatives.filter((k) => input[k] !== undefined);
  if (given.length > 1) {
    throw new InputError(given[1]!, `give only one of ${given.join(', ')}`);
  }
  if (given.length === 1) return def.paths![given[0]!]!;
  const missing = pathParamsOf(def.path).filter((p) => input[p] === undefined);
  if (missing.length) {
    const or = alternatives.filter((k) => k !== missing[0]);
    throw new InputError(
      missing[0]!,
      `required${or.length ? ` (or give ${or.join(' or ')})` : ''}`,
    );
  }
  return def.path;
}

function pathValues(path: string, input: Params): Params {
  const out: Params = {};
  for (const key of pathParamsOf(path)) out[key] = input[key];
  return out;
}
