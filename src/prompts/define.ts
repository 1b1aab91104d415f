// A prompt is data too: arguments, and the text it renders. Tool names in the text are written
// as `tool_name`; an inventory test checks each one exists.
import type { z } from 'zod';

/** What a prompt may depend on besides its arguments: what this server offers. */
export interface PromptContext {
  /** The model can switch toolsets on itself (enable_toolsets). */
  dynamicToolsets: boolean;
}

export interface PromptDef<A extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  args: A;
  render: (args: z.output<A>, ctx: PromptContext) => string;
}

/** What to do when the tools of a toolset that is off by default are missing. */
export const switchOn = (toolset: string, ctx: PromptContext) =>
  ctx.dynamicToolsets
    ? `switch it on with \`enable_toolsets\` (toolsets: ["${toolset}"]); if its tools still do not appear, tell the user to add ${toolset} to MTSLINK_TOOLSETS`
    : `tell the user to add ${toolset} to MTSLINK_TOOLSETS`;

export const definePrompt = <A extends z.ZodObject>(def: PromptDef<A>): PromptDef =>
  def as unknown as PromptDef;
