// Runs one tool definition without MCP: toParams → request → shape (or the def's own `run`).
// The generic tool path, the resources and the workflows all go through here.
import type { Params, ToolContext, ToolDef } from './define.js';

export async function executeTool(def: ToolDef, input: Params, ctx: ToolContext): Promise<unknown> {
  if (def.run) return def.run(input, ctx);
  const params = def.toParams ? await def.toParams(input, ctx) : input;
  const res = await ctx.client.request({
    method: def.method,
    path: def.path,
    params,
    signal: ctx.signal,
    idempotent: def.idempotent,
  });
  // 201/204 without a body: confirm, and echo the ids the call was about.
  const data = res.data ?? { ok: true, ...pathValues(def.path, input), location: res.location };
  return def.shape ? def.shape(data, input) : data;
}

function pathValues(path: string, input: Params): Params {
  const out: Params = {};
  for (const [, key = ''] of path.matchAll(/\{(\w+)\}/g)) out[key] = input[key];
  return out;
}
