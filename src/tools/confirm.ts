// The user's yes for irreversible calls (DESIGN.md §4). When the client can show a question the
// server asks it, whatever the arguments say: a model cannot answer for the user with
// `confirm: true`. That argument stands in only where the client cannot ask (no elicitation, or
// stateless HTTP on a 2025-era protocol), and the result then says the user was not asked.
// A decline, a cancel or a failed question sends nothing.
//
// Two ways to ask: on the 2026-07-28 protocol the call answers `input_required` and the client
// re-sends it with the user's answer; before that the server sends `elicitation/create`.
import {
  inputRequired,
  inputResponse,
  ProtocolErrorCode,
  type InputRequiredResult,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { AnyTool, Params, ToolContext } from './define.js';
import { errorResult, type ToolResult } from './result.js';

/** The first protocol revision where elicitation rides input_required results. */
const MODERN_PROTOCOL = '2026-07-28';
const ANSWER = z.object({ confirm: z.boolean().describe('Yes, do it') });
/** A person reads the question and decides: longer than the default request timeout. */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

const NOT_ASKED =
  'The user was not asked by the server: this client cannot show a confirmation, so confirm: true was taken as the agreement the user gave in the conversation.';

export type Gate =
  /** Go ahead; `asked` false means confirm: true stood in for the user. */
  { go: true; asked: boolean } | { go: false; result: ToolResult | InputRequiredResult };

type Answer = 'yes' | 'no' | 'unsupported' | { failed: string } | InputRequiredResult;

export async function confirmGate(
  server: McpServer,
  def: AnyTool,
  input: Params,
  confirmArg: unknown,
  ctx: ServerContext,
  toolCtx: ToolContext,
): Promise<Gate> {
  if (!def.confirm) return { go: true, asked: true };
  const question = await def.confirm(input, toolCtx);
  if (!question) return { go: true, asked: true };
  const answer = await askUser(server, ctx, question);
  if (answer === 'yes') return { go: true, asked: true };
  if (answer === 'unsupported') {
    if (confirmArg === true) return { go: true, asked: false };
    return {
      go: false,
      result: errorResult(
        `${def.name} needs the user's confirmation, and this client cannot show the question: ${question} This cannot be undone. Nothing was sent. Ask the user in the conversation; only if they say yes, call ${def.name} again with confirm: true.`,
      ),
    };
  }
  if (answer === 'no') {
    return {
      go: false,
      result: errorResult(
        `${def.name}: the user declined (${question}). Nothing was sent. Do not retry unless the user asks for it.`,
      ),
    };
  }
  if ('failed' in answer) {
    return {
      go: false,
      result: errorResult(
        `${def.name}: the confirmation question could not be completed (${answer.failed}). Nothing was sent. Tell the user; retry only when they can answer it.`,
      ),
    };
  }
  return { go: false, result: answer };
}

/** The note a result carries when confirm: true stood in for the user. */
export function markNotAsked(data: unknown): unknown {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    return { ...(data as Params), confirmation: NOT_ASKED };
  }
  return { result: data, confirmation: NOT_ASKED };
}

async function askUser(server: McpServer, ctx: ServerContext, message: string): Promise<Answer> {
  if (!server.server.getClientCapabilities()?.elicitation) return 'unsupported';
  const version = server.server.getNegotiatedProtocolVersion() ?? '';
  if (version >= MODERN_PROTOCOL) {
    const view = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
    if (view.kind === 'elicit') {
      return view.action === 'accept' && view.content?.confirm === true ? 'yes' : 'no';
    }
    return inputRequired({
      inputRequests: { confirm: inputRequired.elicit({ message, requestedSchema: ANSWER }) },
    });
  }
  try {
    const reply = await ctx.mcpReq.elicitInput(
      {
        mode: 'form',
        message,
        requestedSchema: {
          type: 'object',
          properties: { confirm: { type: 'boolean', title: 'Yes, do it' } },
          required: ['confirm'],
        },
      },
      { timeout: ANSWER_TIMEOUT_MS, signal: ctx.mcpReq.signal },
    );
    return reply.action === 'accept' && reply.content?.confirm === true ? 'yes' : 'no';
  } catch (err) {
    // A client that declares elicitation but has no handler for it cannot ask after all.
    if ((err as { code?: unknown }).code === ProtocolErrorCode.MethodNotFound) return 'unsupported';
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}
