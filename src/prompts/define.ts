// A prompt is data too: arguments, and the text it renders. Tool names in the text are written
// as `tool_name`; an inventory test checks each one exists.
import type { z } from 'zod';

export interface PromptDef<A extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  args: A;
  render: (args: z.output<A>) => string;
}

export const definePrompt = <A extends z.ZodObject>(def: PromptDef<A>): PromptDef =>
  def as unknown as PromptDef;
