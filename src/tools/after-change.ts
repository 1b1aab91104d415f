// What a change leaves behind, read back after an empty (204) answer: the state the user would
// check next (how many messages, questions or files are left), so the model need not call a
// list tool to know the change took. A failed read-back is said, never turned into an error:
// the change itself succeeded.
import type { ToolContext } from './define.js';
import { rows, type Row } from './rows.js';

const NOT_READ = 'could not be read back; check with the list tool';

async function count(ctx: ToolContext, path: string, params: Row = {}): Promise<number> {
  const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
  return rows(res.data).length;
}

/** CH1 twice: published and hidden messages left (up to 1,000 of each, the API's limit). */
export async function chatLeft(ctx: ToolContext, eventSessionId: number) {
  const path = `/eventsessions/${eventSessionId}/chat`;
  try {
    const [published, hidden] = await Promise.all([
      count(ctx, path, { isModerated: true, limit: 1000 }),
      count(ctx, path, { isModerated: false, limit: 1000 }),
    ]);
    return { published, hidden };
  } catch {
    return NOT_READ;
  }
}

/** Q1: questions left in the session. */
export async function questionsLeft(ctx: ToolContext, eventSessionId: number) {
  try {
    return await count(ctx, `/eventsessions/${eventSessionId}/questions`);
  } catch {
    return NOT_READ;
  }
}

/** F5: files and tests still attached to the session. */
export async function attachedLeft(ctx: ToolContext, eventSessionId: number) {
  try {
    return await count(ctx, `/eventsessions/${eventSessionId}/files`);
  } catch {
    return NOT_READ;
  }
}
