// A tool as a server serves it: what tools/list shows (plain JSON), apart from the definition
// that runs it. The shipped server gets the listing from the build (scripts/build.mjs computes it
// with listedTool and embeds it), so a start-up builds no zod schema and no JSON Schema, and a
// tool's definition loads on its first call; where no build ran (tests, `npm run dev`) the
// listing is computed from the loaded definitions, by the same function.
// test/tools/listing.test.ts checks that the built server lists exactly what zod produces.
import type { AnyTool } from './define.js';
import { argumentsSchema } from './input.js';
import { publishedJsonSchema } from './json-schema.js';

type JsonObject = Record<string, unknown>;

/** A tool as tools/list shows it (the SDK adds nothing but key order). */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonObject;
  outputSchema?: JsonObject;
  annotations: AnyTool['annotations'];
}

export function listedTool(def: AnyTool): ListedTool {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    inputSchema: publishedJsonSchema(argumentsSchema(def), 'input'),
    ...(def.output ? { outputSchema: publishedJsonSchema(def.output, 'output') } : {}),
    annotations: def.annotations,
  };
}

export interface ServedTool {
  listed: ListedTool;
  /** The definition that runs the tool (its toolset's module loads on the first call). */
  definition: () => Promise<AnyTool>;
}

/** A tool served from a definition already loaded (tests, `npm run dev`). */
export function servedTool(def: AnyTool): ServedTool {
  const definition = Promise.resolve(def);
  return { listed: listedTool(def), definition: () => definition };
}
