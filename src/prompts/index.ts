// Prompts: recipes for the main jobs, registered from their definitions.
import type { McpServer } from '@modelcontextprotocol/server';
import type { PromptDef } from './define.js';
import { followUp } from './follow-up.js';
import { planWebinar } from './plan-webinar.js';
import { postWebinarReport } from './post-webinar-report.js';
import { registerAttendees } from './register-attendees.js';

export const PROMPTS: PromptDef[] = [planWebinar, registerAttendees, postWebinarReport, followUp];

export function registerPrompts(server: McpServer): void {
  for (const prompt of PROMPTS) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      (args: Record<string, unknown>) => ({
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: prompt.render(args) } }],
      }),
    );
  }
}
