// What scripts/build.mjs embeds in the shipped server: each toolset's tools/list entries as JSON
// text (index.ts reads them), so that a start-up builds no zod schema and no JSON Schema.
// Computed by listedTool, the function the server uses where no build ran.
import { listedTool } from '../tools/listed.js';
import { TOOLSETS } from './index.js';

export async function toolsetListings(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    TOOLSETS.map(async (set) => [set.id, JSON.stringify((await set.load()).map(listedTool))]),
  );
  return Object.fromEntries(entries) as Record<string, string>;
}
