// The one generic path (STYLE.md §5): confirm → toParams → request → shape → result/error.
import type { InputRequiredResult, McpServer, ServerContext } from '@modelcontextprotocol/server';
import type { ApiClient } from '../api/client.js';
import { publish, toolCalls, type ToolCallEvent } from '../channels.js';
import { confirmGate, markNotAsked } from './confirm.js';
import type { AnyTool, ToolContext } from './define.js';
import { perform } from './execute.js';
import { argumentsSchema, parseArguments } from './input.js';
import { sdkSchema } from './json-schema.js';
import { explainNotFound } from './not-found.js';
import { allowedFolders, type LocalFilePolicy } from './local-files.js';
import { toErrorResult, toResult, type ToolResult } from './result.js';
import type { TimezoneCatalog } from './timezones.js';
import type { ToolsetSwitch } from './toolset-switch.js';
import { withParticipantNote } from './untrusted.js';

export interface ToolDeps {
  client: ApiClient;
  timezones: TimezoneCatalog;
  /** Marks every result as simulated data. */
  sandbox?: boolean;
  /** Where upload_file may read local files. */
  localFiles?: LocalFilePolicy;
  /** For the toolset meta-tools, where toolsets can be switched on during the connection. */
  toolsets?: ToolsetSwitch;
}

export function registerTools(server: McpServer, defs: AnyTool[], deps: ToolDeps): void {
  for (const def of defs) {
    server.registerTool(
      def.name,
      {
        title: def.title,
        description: def.description,
        inputSchema: sdkSchema(argumentsSchema(def), 'input'),
        outputSchema: def.output && sdkSchema(def.output, 'output'),
        annotations: def.annotations,
      },
      (args: unknown, ctx: ServerContext) =>
        observed(def.name, () => runTool(server, def, deps, args, ctx)),
    );
  }
}

/** Reports each call's tool, outcome and duration to whoever listens (metrics). */
async function observed(tool: string, call: () => Promise<ToolResult | InputRequiredResult>) {
  const started = performance.now();
  const result = await call();
  publish(toolCalls, (): ToolCallEvent => ({
    tool,
    outcome:
      'isError' in result && result.isError
        ? 'error'
        : 'content' in result
          ? 'ok'
          : 'input_required',
    seconds: (performance.now() - started) / 1000,
  }));
  return result;
}

async function runTool(
  server: McpServer,
  def: AnyTool,
  deps: ToolDeps,
  args: unknown,
  ctx: ServerContext,
): Promise<ToolResult | InputRequiredResult> {
  const toolCtx = contextFor(deps, ctx, server);
  let input: Record<string, unknown> | undefined;
  try {
    const parsed = parseArguments(def, args);
    input = parsed.input;
    const confirmed = parsed.confirmed;
    const gate = await confirmGate(server, def, input, confirmed, ctx, toolCtx);
    if (!gate.go) return gate.result;
    const data = await perform(def, input, toolCtx);
    const shown = withParticipantNote(gate.asked ? data : markNotAsked(data));
    return toResult(shown, def, { sandbox: deps.sandbox });
  } catch (err) {
    // A 404 names the argument that named nothing (not-found.ts).
    return toErrorResult(await explainNotFound(err, def, input, toolCtx), def);
  }
}

function contextFor(deps: ToolDeps, ctx: ServerContext, server: McpServer): ToolContext {
  const token = ctx.mcpReq._meta?.progressToken;
  const roots = server.server.getClientCapabilities()?.roots;
  return {
    client: deps.client,
    timezones: deps.timezones,
    signal: ctx.mcpReq.signal,
    toolsets: deps.toolsets,
    allowedFolders: () =>
      allowedFolders(deps.localFiles ?? {}, roots ? () => server.server.listRoots() : undefined),
    progress: async (progress, total, message) => {
      if (token === undefined) return;
      await ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total, message },
      });
    },
  };
}
