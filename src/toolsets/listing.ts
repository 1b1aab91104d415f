// What scripts/build.mjs embeds in the shipped server: each toolset's tools/list entries as JSON
// text (index.ts reads them), and the meta-tools', so that a start-up builds no zod schema and no
// JSON Schema. Computed by listedTool, the function the server uses where no build ran.
import { listedTool } from '../tools/listed.js';
import { META_LISTING, TOOLSETS } from './index.js';
import { META_TOOLS } from './meta-tools.js';

export async function toolsetListings(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    TOOLSETS.map(async (set) => [set.id, JSON.stringify((await set.load()).map(listedTool))]),
  );
  entries.push([META_LISTING, JSON.stringify(META_TOOLS.map(listedTool))]);
  return Object.fromEntries(entries) as Record<string, string>;
}
