// The one generic path (STYLE.md §5): confirm → toParams → request → shape → result/error.
import {
  inputRequired,
  inputResponse,
  type InputRequiredResult,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import type { AnyTool, ToolContext } from './define.js';
import { perform } from './execute.js';
import { argumentsSchema, parseArguments } from './input.js';
import { sdkSchema } from './json-schema.js';
import { errorResult, toErrorResult, toResult, type ToolResult } from './result.js';
import type { TimezoneCatalog } from './timezones.js';

export interface ToolDeps {
  client: ApiClient;
  timezones: TimezoneCatalog;
  /** Marks every result as simulated data. */
  sandbox?: boolean;
}

/** The first protocol revision where elicitation rides input_required results. */
const MODERN_PROTOCOL = '2026-07-28';
const CONFIRM_SCHEMA = z.object({
  confirm: z.boolean().describe('Yes, do it'),
});

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
      (args: unknown, ctx: ServerContext) => runTool(server, def, deps, args, ctx),
    );
  }
}

async function runTool(
  server: McpServer,
  def: AnyTool,
  deps: ToolDeps,
  args: unknown,
  ctx: ServerContext,
): Promise<ToolResult | InputRequiredResult> {
  try {
    const { input, confirmed } = parseArguments(def, args);
    const question = def.confirm?.(input);
    if (question && !confirmed) {
      const answer = await askUser(server, ctx, question);
      if (typeof answer === 'object') return answer;
      if (answer !== 'yes') return refusal(def, question, answer);
    }
    const toolCtx = contextFor(deps, ctx);
    const data = await perform(def, input, toolCtx);
    return toResult(data, def, { sandbox: deps.sandbox });
  } catch (err) {
    return toErrorResult(err, def);
  }
}

function contextFor(deps: ToolDeps, ctx: ServerContext): ToolContext {
  const token = ctx.mcpReq._meta?.progressToken;
  return {
    client: deps.client,
    timezones: deps.timezones,
    signal: ctx.mcpReq.signal,
    progress: async (progress, total, message) => {
      if (token === undefined) return;
      await ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total, message },
      });
    },
  };
}

/**
 * Asks the user through elicitation when the client supports it. Returns 'unsupported' when it
 * cannot ask, or an input_required result on the 2026-07-28 protocol (the client re-sends the
 * call with the answer).
 */
async function askUser(
  server: McpServer,
  ctx: ServerContext,
  message: string,
): Promise<'yes' | 'no' | 'unsupported' | InputRequiredResult> {
  if (!server.server.getClientCapabilities()?.elicitation) return 'unsupported';
  const version = server.server.getNegotiatedProtocolVersion() ?? '';
  if (version >= MODERN_PROTOCOL) {
    const view = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
    if (view.kind === 'elicit') return view.content?.confirm === true ? 'yes' : 'no';
    return inputRequired({
      inputRequests: {
        confirm: inputRequired.elicit({ message, requestedSchema: CONFIRM_SCHEMA }),
      },
    });
  }
  // Stateless HTTP cannot carry a server-to-client request: treat that like no elicitation.
  const reply = await ctx.mcpReq
    .elicitInput({
      mode: 'form',
      message,
      requestedSchema: {
        type: 'object',
        properties: { confirm: { type: 'boolean', title: 'Yes, do it' } },
        required: ['confirm'],
      },
    })
    .catch(() => undefined);
  if (!reply) return 'unsupported';
  return reply.action === 'accept' && reply.content?.confirm === true ? 'yes' : 'no';
}

function refusal(def: AnyTool, question: string, answer: 'no' | 'unsupported'): ToolResult {
  if (answer === 'no') {
    return errorResult(`${def.name}: the user declined (${question}). Nothing was sent.`);
  }
  return errorResult(
    `${def.name} needs confirmation: ${question} This cannot be undone. Nothing was sent. Ask the user, and if they agree call ${def.name} again with confirm: true.`,
  );
}
