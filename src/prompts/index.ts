// Prompts: recipes for the main jobs, registered from their definitions.
import type { McpServer } from '@modelcontextprotocol/server';
import { markPromptArgs } from '../tools/untrusted-fields.js';
import type { PromptContext, PromptDef } from './define.js';
import { followUp } from './follow-up.js';
import { planWebinar } from './plan-webinar.js';
import { postWebinarReport } from './post-webinar-report.js';
import { registerAttendees } from './register-attendees.js';

export const PROMPTS: PromptDef[] = [planWebinar, registerAttendees, postWebinarReport, followUp];

export function registerPrompts(server: McpServer, ctx: PromptContext): void {
  for (const prompt of PROMPTS) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      (raw: Record<string, unknown>) => {
        // Pasted lists are what outsiders wrote: marked like participant text in results.
        const { args, note } = markPromptArgs(prompt.name, raw);
        const text = [prompt.render(args, ctx), note].filter(Boolean).join('\n');
        return {
          description: prompt.description,
          messages: [{ role: 'user', content: { type: 'text', text } }],
        };
      },
    );
  }
}
