// The two meta-tools through which the model switches toolsets on when a conversation needs them
// (after the GitHub MCP server's dynamic toolsets). They run on the generic path like any tool;
// the switch itself comes with the call's context (dynamic.ts), only where the server can do it.
// They change nothing in the organisation: read-only, so read-only mode keeps them too.
import { z } from 'zod';
import { defineWorkflow, type ToolContext } from '../tools/define.js';
import type { ToolsetSwitch } from '../tools/toolset-switch.js';
import { TOOLSET_IDS } from './index.js';

const annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** What the model tells the user when its client does not pick up the new tools. */
const FALLBACK = (ids: string[]) =>
  `If your tool list does not show them, this client does not refresh tools during a conversation: ask the user to add ${ids.join(',')} to MTSLINK_TOOLSETS (or --toolsets) and restart it.`;

function switchOf(ctx: ToolContext): ToolsetSwitch {
  // Only registered where a switch exists (server.ts); a guard, not a path a model can reach.
  if (!ctx.toolsets) throw new Error('toolsets cannot be switched on in this server');
  return ctx.toolsets;
}

const listToolsets = defineWorkflow({
  name: 'list_toolsets',
  title: 'List toolsets',
  description: 'Each toolset: what for, its tools, their token cost, on or off.',
  input: z.object({}),
  uses: [],
  annotations,
  async run(_input, ctx) {
    const toolsets = await switchOf(ctx).list();
    return {
      toolsets,
      next: 'Switch toolsets on with enable_toolsets; tokens is what their tools add to every request.',
    };
  },
});

const enableToolsets = defineWorkflow({
  name: 'enable_toolsets',
  title: 'Enable toolsets',
  description:
    'Switch toolsets on for this conversation (e.g. contacts, participants to approve people, chat); their tools join your list at once.',
  input: z.object({
    // Ids checked by the switch, which names the valid ones: an enum would cost every request.
    toolsets: z.array(z.string().max(40)).min(1).max(TOOLSET_IDS.length).describe('Toolset ids.'),
  }),
  uses: [],
  annotations,
  async run({ toolsets }, ctx) {
    const { enabled, alreadyOn } = await switchOf(ctx).enable(toolsets);
    const added = enabled.flatMap((e) => e.added);
    return {
      enabled,
      alreadyOn,
      next: added.length
        ? `Call ${added.length > 1 ? 'these tools' : added[0]} directly now. ${FALLBACK(enabled.map((e) => e.id))}`
        : 'Nothing new to call: the tools of these toolsets are already offered or withheld here.',
    };
  },
});

export const META_TOOLS = [listToolsets, enableToolsets];
