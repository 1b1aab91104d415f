// A call to a tool this server does not offer gets the SDK's protocol error "Tool x not found",
// which a model cannot act on. When the tool exists in a toolset that is off here (prompts and
// earlier answers may name such tools), the call answers instead as a tool error that says how
// to switch it on; a name no toolset has keeps the SDK's error.
import {
  type CallToolRequest,
  type CallToolResult,
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
} from '@modelcontextprotocol/server';

/** How a user or model can switch a toolset on in this server. */
type SwitchWay = 'enable_toolsets' | 'header' | 'config';

type CallHandler = (request: CallToolRequest, ctx: ServerContext) => Promise<unknown>;

/** What the server knows of its toolsets (toolsets/ sits above tools/ and supplies it). */
export interface ToolsetLookup {
  /** The toolset a tool name belongs to, if any. */
  toolsetOf: (tool: string) => Promise<string | undefined>;
  isOff: (toolset: string) => Promise<boolean>;
  way: SwitchWay;
}

function explanation(name: string, toolset: string, on: boolean, way: SwitchWay): string {
  if (on) {
    return `${name} is switched off on this server (read-only mode or the operator's MTSLINK_EXCLUDE_TOOLS); tell the user it is not available here.`;
  }
  const how = {
    enable_toolsets: `call enable_toolsets with toolsets ["${toolset}"], then call ${name} again`,
    header: `the user can add "${toolset}" to the client's X-MTSLink-Toolsets header (or the operator to MTSLINK_TOOLSETS)`,
    config: `the user can add "${toolset}" to MTSLINK_TOOLSETS`,
  }[way];
  return `${name} is in the ${toolset} toolset, which is off here: ${how}.`;
}

/**
 * Must run before the first tool is registered: McpServer installs its tools/call handler then,
 * through the public setRequestHandler, which this wraps for that one method.
 */
export function explainMissingTools(server: McpServer, lookup: ToolsetLookup): void {
  const low = server.server;
  const install = low.setRequestHandler.bind(low) as (method: string, h: CallHandler) => void;
  const wrapped = (method: string, handler: CallHandler) => {
    if (method !== 'tools/call') return install(method, handler);
    install(method, async (request, ctx): Promise<unknown> => {
      try {
        return await handler(request, ctx);
      } catch (err) {
        const name = request.params.name;
        const notFound =
          err instanceof ProtocolError &&
          err.code === ProtocolErrorCode.InvalidParams &&
          err.message.includes(`Tool ${name} not found`);
        const toolset = notFound ? await lookup.toolsetOf(name) : undefined;
        if (!toolset) throw err;
        const on = !(await lookup.isOff(toolset));
        const text = explanation(name, toolset, on, lookup.way);
        return { content: [{ type: 'text', text }], isError: true } satisfies CallToolResult;
      }
    });
  };
  // Only this server's instance: the SDK's class and other servers keep the method as it is.
  Object.defineProperty(low, 'setRequestHandler', { value: wrapped, configurable: true });
}
