// Runs one tool definition without MCP: toParams → request → shape (or the def's own `run`).
// The generic tool path, the resources and the workflows all go through here.
import type { Params, ToolContext, ToolDef } from './define.js';
import { InputError } from './errors.js';

export async function executeTool(def: ToolDef, input: Params, ctx: ToolContext): Promise<unknown> {
  if (def.run) return def.run(input, ctx);
  const params = def.toParams ? await def.toParams(input, ctx) : input;
  const res = await ctx.client.request({
    method: def.method,
    path: pathFor(def, input),
    params,
    signal: ctx.signal,
    idempotent: def.idempotent,
  });
  // 201/204 without a body: confirm, and echo the ids the call was about.
  const data = res.data ?? {
    ok: true,
    ...pathValues(pathFor(def, input), input),
    location: res.location,
  };
  return def.shape ? def.shape(data, input, ctx) : data;
}

/** `{name}` parameters of a path template. */
export const pathParamsOf = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/**
 * The path template for this input: the `paths` variant whose id argument is given, else `path`.
 * Ambiguous or missing ids are an InputError naming the argument, before anything is sent.
 */
export function pathFor(def: Pick<ToolDef, 'path' | 'paths'>, input: Params): string {
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
